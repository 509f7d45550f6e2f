import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import recall_score

df = pd.read_csv("claims.csv")
X, y = df.drop("fraud", axis=1).to_numpy(), df["fraud"].to_numpy()
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, test_size=0.3, random_state=1)
X_tr_s, y_tr_s = SMOTE(random_state=1).fit_resample(X_tr, y_tr)
pred = LogisticRegression(max_iter=1000).fit(X_tr_s, y_tr_s).predict(X_te)

rng = np.random.default_rng(0)
boot = []
for _ in range(1000):
    idx = rng.integers(0, len(y_te), len(y_te))
    boot.append(recall_score(y_te[idx], pred[idx]))
print(np.percentile(boot, [2.5, 97.5]))
