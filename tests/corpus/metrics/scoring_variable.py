from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.svm import SVC

SCORING = "accuracy"
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
grid = GridSearchCV(SVC(), {"C": [0.1, 1, 10]}, cv=cv, scoring=SCORING)  # expect: IG201
grid.fit(X, y)  # noqa: F821
