# manual CV loop, oversampling inside each training fold
import numpy as np
import pandas as pd
from imblearn.over_sampling import ADASYN
from sklearn.model_selection import StratifiedKFold
from sklearn.metrics import roc_auc_score
from catboost import CatBoostClassifier

train = pd.read_csv("train.csv")
features = [c for c in train.columns if c not in ("id", "target")]
X = train[features]
y = train["target"]
oof = np.zeros(len(train))
folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=2020)
for fold, (trn_idx, val_idx) in enumerate(folds.split(X, y)):
    X_trn, y_trn = X.iloc[trn_idx], y.iloc[trn_idx]
    X_val, y_val = X.iloc[val_idx], y.iloc[val_idx]
    X_trn, y_trn = ADASYN(random_state=fold).fit_resample(X_trn, y_trn)
    model = CatBoostClassifier(verbose=0)
    model.fit(X_trn, y_trn)
    oof[val_idx] = model.predict_proba(X_val)[:, 1]
    print(f"fold {fold}: {roc_auc_score(y_val, oof[val_idx]):.4f}")
print("CV AUC", roc_auc_score(y, oof))
