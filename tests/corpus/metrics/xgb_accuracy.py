import pandas as pd
import xgboost as xgb
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("bank_churn.csv")
X = df.drop(columns=["Exited", "RowNumber", "CustomerId", "Surname"])
X = pd.get_dummies(X, drop_first=True)
y = df["Exited"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)
xgb_clf = xgb.XGBClassifier(n_estimators=400, max_depth=4, eval_metric="logloss")
xgb_clf.fit(X_train, y_train)
y_pred = xgb_clf.predict(X_test)
print("XGB accuracy: %.4f" % accuracy_score(y_test, y_pred))  # expect: IG201 fix
