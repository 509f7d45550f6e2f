"""Fraud model, written the way it often is: SMOTE on everything, then split, then accuracy.

imbalance-guard flags: SMOTE output reaching train_test_split (IG301), a split
without stratify (IG202, when enabled) and accuracy as the only metric (IG201).
"""

import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("transactions.csv")
X = df.drop(columns=["transaction_id", "is_fraud"])
y = df["is_fraud"]

# "Balance the classes first" -- synthetic rows now mix into the future test set.
sm = SMOTE(random_state=42)
X_res, y_res = sm.fit_resample(X, y)

X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, test_size=0.2, random_state=42)

model = RandomForestClassifier(n_estimators=200, random_state=42)
model.fit(X_train, y_train)
preds = model.predict(X_test)
print("accuracy:", accuracy_score(y_test, preds))
