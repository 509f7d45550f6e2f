"""Defaults of the ``[tool.imbalance-guard.data]`` thresholds (each rule justifies its own).

Kept apart from :mod:`imbalance_guard.data.advice` so that declaring the settings (every run,
a code-only pre-commit run too) does not import the verdict and message code.
"""

from __future__ import annotations

MAX_IMBALANCE_RATIO = 10.0  # IG101: majority count / a class's count
SMOTE_K_NEIGHBORS = 5  # imbalanced-learn's default for SMOTE, ADASYN, BorderlineSMOTE
STRATIFIED_FOLDS = 5  # scikit-learn's default n_splits for StratifiedKFold and cross_val_*
MIN_CLASS_COUNT = SMOTE_K_NEIGHBORS + 1  # IG102: SMOTE needs k_neighbors + 1 rows of a class
MAX_MISSING_SHARE = 0.0  # IG104: any missing label is reported
MAX_CLASSES = 50  # more distinct values than this: not a class label
MESSAGE_CLASSES = 8  # classes listed in a message; the profile and chart carry all
