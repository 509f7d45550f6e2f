import pandas as pd
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.model_selection import cross_validate

df = pd.read_parquet("customers.parquet")
X, y = df.drop(columns="defaulted"), df["defaulted"]
res = cross_validate(ExtraTreesClassifier(), X, y, cv=5, scoring=["accuracy", "roc_auc"])
print({k: v.mean() for k, v in res.items()})
