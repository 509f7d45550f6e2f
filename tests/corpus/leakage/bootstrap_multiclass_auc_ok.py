import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.utils import resample

df = pd.read_csv("covertype.csv")
X, y = df.drop("cover", axis=1).to_numpy(), df["cover"].to_numpy()
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=0)
X_sm, y_sm = SMOTE().fit_resample(X_tr, y_tr)
preds = RandomForestClassifier().fit(X_sm, y_sm).predict_proba(X_te)
for i in range(preds.shape[1]):
    aucs = []
    for seed in range(300):
        yb, pb = resample(y_te == i, preds[:, i], replace=True, n_samples=len(y_te), random_state=seed)
        aucs.append(roc_auc_score(yb, pb))
    print(i, np.percentile(aucs, [2.5, 97.5]))
