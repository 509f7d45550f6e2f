import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

X_train, X_test, y_train, y_test = np.load("split.npz").values()
clf = LogisticRegression().fit(X_train, y_train)
print("acc", np.mean(clf.predict(X_test) == y_test))
print("AP", average_precision_score(y_test, clf.predict_proba(X_test)[:, 1]))
