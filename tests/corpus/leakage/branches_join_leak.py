import sys
import pandas as pd
from imblearn.over_sampling import SMOTE, ADASYN
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression

METHOD = sys.argv[1] if len(sys.argv) > 1 else "smote"
df = pd.read_csv("loans.csv")
X, y = df.drop("default", axis=1), df["default"]

if METHOD == "smote":
    X_use, y_use = SMOTE().fit_resample(X, y)
elif METHOD == "adasyn":
    X_use, y_use = ADASYN().fit_resample(X, y)
else:
    X_use, y_use = X, y

try:
    X_use = X_use.astype("float32")
except AttributeError:
    pass

X_train, X_test, y_train, y_test = train_test_split(X_use, y_use, test_size=0.2)  # expect: IG301
LogisticRegression().fit(X_train, y_train)
