from sklearn.ensemble import *  # noqa: F403
from sklearn.metrics import *  # noqa: F403
from sklearn.model_selection import *  # noqa: F403

X, y = load_data()  # noqa: F821
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)  # noqa: F405
model = RandomForestClassifier()  # noqa: F405
model.fit(X_train, y_train)
print(accuracy_score(y_test, model.predict(X_test)))  # noqa: F405  # expect: IG201 fix
