from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.svm import SVC

X, y = load_dataset()  # noqa: F821
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=1, stratify=y)
grid = GridSearchCV(SVC(), {"C": [0.1, 1, 10], "gamma": ["scale", 0.01]}, cv=5)
grid.fit(X_train, y_train)
print(grid.score(X_test, y_test))  # expect: IG201 fix
