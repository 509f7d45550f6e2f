import numpy as np
from sklearn.model_selection import StratifiedKFold
from sklearn.neighbors import KNeighborsClassifier

data = np.load("arrhythmia.npz")
X, y = data["X"], data["y"]
rare = np.where(y == 1)[0]
order = np.concatenate([np.arange(len(y)), np.repeat(rare, 8)])
X_os, y_os = X[order], y[order]
skf = StratifiedKFold(n_splits=5, shuffle=True)
for tr, te in skf.split(X_os, y_os):  # expect: IG301
    knn = KNeighborsClassifier().fit(X_os[tr], y_os[tr])
    print(knn.score(X_os[te], y_os[te]))
