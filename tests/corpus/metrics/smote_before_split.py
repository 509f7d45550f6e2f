import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("creditcard.csv")
X, y = df.drop(columns="Class"), df["Class"]
sm = SMOTE(random_state=2)
X_res, y_res = sm.fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, test_size=0.25)
clf = LogisticRegression(max_iter=1000).fit(X_train, y_train)
print(f1_score(y_test, clf.predict(X_test)))
