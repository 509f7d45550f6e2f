# written for imbalanced-learn 0.4
import numpy as np
from imblearn.combine import SMOTEENN
from sklearn.model_selection import ShuffleSplit
from sklearn.svm import LinearSVC

X = np.load("X.npy")
y = np.load("y.npy")
sme = SMOTEENN(random_state=42)
X_res, y_res = sme.fit_sample(X, y)
ss = ShuffleSplit(n_splits=3, test_size=0.25)
for train_index, test_index in ss.split(X_res):  # expect: IG301
    clf = LinearSVC().fit(X_res[train_index], y_res[train_index])
    print(clf.score(X_res[test_index], y_res[test_index]))
