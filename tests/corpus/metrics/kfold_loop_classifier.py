import numpy as np
import pandas as pd
from lightgbm import LGBMClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import KFold

train = pd.read_csv("train.csv")
test = pd.read_csv("test.csv")
FEATS = [c for c in train.columns if c not in ("id", "target")]
oof = np.zeros(len(train))
preds_test = np.zeros(len(test))

folds = KFold(n_splits=5, shuffle=True, random_state=2024)  # expect: IG202
for fold, (trn_idx, val_idx) in enumerate(folds.split(train)):
    X_trn, y_trn = train.loc[trn_idx, FEATS], train.loc[trn_idx, "target"]
    X_val, y_val = train.loc[val_idx, FEATS], train.loc[val_idx, "target"]
    lgbm = LGBMClassifier(n_estimators=2000, learning_rate=0.02)
    lgbm.fit(X_trn, y_trn, eval_set=[(X_val, y_val)])
    oof[val_idx] = lgbm.predict_proba(X_val)[:, 1]
    preds_test += lgbm.predict_proba(test[FEATS])[:, 1] / folds.n_splits
    print(f"fold {fold}: auc {roc_auc_score(y_val, oof[val_idx]):.4f}")
print("CV AUC", roc_auc_score(train["target"], oof))
