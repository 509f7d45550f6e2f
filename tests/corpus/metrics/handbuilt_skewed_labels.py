# Synthetic labels with 90 to 10: skewed, so accuracy alone misleads.
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

rng = np.random.default_rng(0)
X = np.vstack([rng.normal(0, 1, (90, 2)), rng.normal(2, 1, (10, 2))])
y = np.array([0] * 90 + [1] * 10)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3)  # expect: IG202 fix
clf = LogisticRegression().fit(X_train, y_train)
print(accuracy_score(y_test, clf.predict(X_test)))  # expect: IG201 fix
