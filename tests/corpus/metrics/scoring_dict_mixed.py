from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_validate

X, y = get_xy()  # noqa: F821
out = cross_validate(LogisticRegression(), X, y, cv=10,
                     scoring={"acc": "accuracy", "f1": "f1_macro"})
print(out["test_acc"], out["test_f1"])
