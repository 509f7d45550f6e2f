"""The same fraud model done right: split first (stratified), SMOTE inside an
imbalanced-learn Pipeline so it only ever sees training folds, imbalance-aware metrics."""

import pandas as pd
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import average_precision_score, balanced_accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split

df = pd.read_csv("transactions.csv")
X = df.drop(columns=["transaction_id", "is_fraud"])
y = df["is_fraud"]

X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.2, stratify=y, random_state=42
)

pipe = Pipeline([
    ("smote", SMOTE(random_state=42)),
    ("model", RandomForestClassifier(n_estimators=200, random_state=42)),
])
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=42)
print("cv PR AUC:", cross_val_score(pipe, X_train, y_train, cv=cv, scoring="average_precision"))

pipe.fit(X_train, y_train)
scores = pipe.predict_proba(X_test)[:, 1]
preds = pipe.predict(X_test)
print("PR AUC:", average_precision_score(y_test, scores))
print("F1:", f1_score(y_test, preds))
print("balanced accuracy:", balanced_accuracy_score(y_test, preds))
