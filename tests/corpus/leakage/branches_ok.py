import sys
import pandas as pd
from imblearn.over_sampling import SMOTE, ADASYN
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression

METHOD = sys.argv[1] if len(sys.argv) > 1 else "smote"
df = pd.read_csv("loans.csv")
X, y = df.drop("default", axis=1), df["default"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y)

if METHOD == "smote":
    X_train, y_train = SMOTE().fit_resample(X_train, y_train)
elif METHOD == "adasyn":
    X_train, y_train = ADASYN().fit_resample(X_train, y_train)

with open("log.txt", "w") as log:
    log.write(str(y_train.value_counts()))
LogisticRegression().fit(X_train, y_train).score(X_test, y_test)
