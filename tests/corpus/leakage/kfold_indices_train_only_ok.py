import numpy as np
from sklearn.datasets import make_classification
from sklearn.model_selection import RepeatedStratifiedKFold
from sklearn.utils import resample
from sklearn.svm import SVC
from sklearn.metrics import roc_auc_score

X, y = make_classification(n_samples=3000, weights=[0.97], random_state=0)
rskf = RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=0)
aucs = []
for train_ix, test_ix in rskf.split(X, y):
    X_tr, y_tr = X[train_ix], y[train_ix]
    pos = np.flatnonzero(y_tr == 1)
    pos_up = resample(pos, replace=True, n_samples=(y_tr == 0).sum(), random_state=1)
    keep = np.r_[np.flatnonzero(y_tr == 0), pos_up]
    model = SVC(probability=True).fit(X_tr[keep], y_tr[keep])
    aucs.append(roc_auc_score(y[test_ix], model.predict_proba(X[test_ix])[:, 1]))
print(np.mean(aucs))
