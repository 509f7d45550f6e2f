"""An experiment that resamples, then cross-validates: a leak inside the package."""

from resampling.smote import apply

from .validate import score_model


def run(features, labels):
    balanced_x, balanced_y = apply(features, labels)
    return score_model(balanced_x, balanced_y)  # expect: IG301
