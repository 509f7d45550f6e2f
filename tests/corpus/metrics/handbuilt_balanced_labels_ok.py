# Synthetic labels built with equal counts: balanced by construction.
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

rng = np.random.default_rng(0)
X = np.vstack([rng.normal(0, 1, (50, 2)), rng.normal(2, 1, (50, 2))])
y = np.array([0] * 50 + [1] * 50)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3)
clf = LogisticRegression().fit(X_train, y_train)
print(accuracy_score(y_test, clf.predict(X_test)))
