import pandas as pd
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.model_selection import cross_validate

df = pd.read_parquet("customers.parquet")
X, y = df.drop(columns="defaulted"), df["defaulted"]
res = cross_validate(ExtraTreesClassifier(n_estimators=200), X, y, cv=5, scoring=["accuracy"])  # expect: IG201 fix
print(res["test_accuracy"].mean())
