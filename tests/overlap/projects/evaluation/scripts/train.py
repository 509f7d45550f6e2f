"""Fit on one export, score on another: the two files are the sides of the evaluation."""

import pandas as pd
from sklearn.linear_model import LogisticRegression

fit_rows = pd.read_csv("../data/fit_rows.csv")
holdout = pd.read_csv("../data/holdout_rows.csv")

X = fit_rows.drop(columns=["id", "churned"])
y = fit_rows["churned"]
X_holdout = holdout.drop(columns=["id", "churned"])
y_holdout = holdout["churned"]

model = LogisticRegression(class_weight="balanced")
model.fit(X, y)
print(model.score(X_holdout, y_holdout))
