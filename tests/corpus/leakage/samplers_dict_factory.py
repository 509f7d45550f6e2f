import pandas as pd
from imblearn.over_sampling import ADASYN, SMOTE, BorderlineSMOTE
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split


def build_sampler(name):
    options = {"smote": SMOTE, "adasyn": ADASYN, "borderline": BorderlineSMOTE}
    return options[name](random_state=0)


df = pd.read_csv("bank.csv")
X, y = df.drop("y", axis=1), df["y"]
for name in ["smote", "adasyn", "borderline"]:
    Xr, yr = build_sampler(name).fit_resample(X, y)
    Xa, Xb, ya, yb = train_test_split(Xr, yr, random_state=0)  # expect: IG301
    print(name, f1_score(yb, LogisticRegression().fit(Xa, ya).predict(Xb)))
