import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_score

train = pd.read_csv("train.csv")
# out-of-fold target encoding of a high-cardinality column (no model is cross-validated here)
enc = np.zeros(len(train))
kf = KFold(n_splits=5, shuffle=True, random_state=0)
for tr_idx, va_idx in kf.split(train):
    means = train.iloc[tr_idx].groupby("city")["target"].mean()
    enc[va_idx] = train.iloc[va_idx]["city"].map(means).fillna(train["target"].mean())
train["city_te"] = enc
X, y = train[["city_te", "age", "income"]], train["target"]
skf = StratifiedKFold(5, shuffle=True, random_state=0)
print(cross_val_score(LogisticRegression(), X, y, cv=skf, scoring="average_precision").mean())
