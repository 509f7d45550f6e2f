"""Cross-validation of a candidate model."""

from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score


def score_model(features, labels):
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    model = LogisticRegression(class_weight="balanced", max_iter=1000)
    return cross_val_score(model, features, labels, cv=folds, scoring="f1").mean()
