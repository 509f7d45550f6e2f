# One hold-out split drawn with next(ShuffleSplit(...).split(...)): no stratification.
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import ShuffleSplit

claims = pd.read_csv("insurance_claims.csv")
X, y = claims.drop(columns="fraud_reported"), claims["fraud_reported"]
splitter = ShuffleSplit(n_splits=1, test_size=0.2, random_state=42)  # expect: IG202 fix
train_idx, test_idx = next(splitter.split(X, y))
clf = LogisticRegression(max_iter=1000)
clf.fit(X.iloc[train_idx], y.iloc[train_idx])
print("F1", f1_score(y.iloc[test_idx], clf.predict(X.iloc[test_idx])))
