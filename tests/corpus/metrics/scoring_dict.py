from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_validate

X, y = get_xy()  # noqa: F821
out = cross_validate(LogisticRegression(), X, y, scoring={"acc": "accuracy"}, cv=10)  # expect: IG201 fix
print(out["test_acc"])
