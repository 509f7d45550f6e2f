import numpy as np
import pandas as pd
from imblearn.over_sampling import SVMSMOTE
from sklearn.model_selection import train_test_split
from sklearn.ensemble import AdaBoostClassifier

df = pd.read_csv("insurance_claims.csv")
cols = [c for c in df.columns if c != "fraud_reported"]
X = df[cols].values
y = df["fraud_reported"].values

X_os, y_os = SVMSMOTE().fit_resample(X, y)
balanced = pd.DataFrame(X_os, columns=cols)
balanced["fraud_reported"] = y_os
balanced = balanced.sample(frac=1).reset_index(drop=True)
balanced.to_csv("balanced.csv", index=False)

feats = balanced.drop("fraud_reported", axis=1).copy()
labels = balanced.fraud_reported
a, b, c, d = train_test_split(feats, labels, random_state=11)  # expect: IG301
print(AdaBoostClassifier().fit(a, c).score(b, d))
