"""What the metric rules (IG2xx) know about libraries: metrics, scorers, estimators.

Plain data, keyed by qualified name (``sklearn.metrics.accuracy_score``), so the
rules stay small and a new library is one table entry. Names are matched after
import aliases are resolved; where a library re-exports a name from several
modules, the ``*_TAILS`` sets match on the last dotted part within known packages.
"""

from __future__ import annotations

# -- scikit-learn and imbalanced-learn metric functions ----------------------------

ACCURACY_FUNCTIONS = frozenset({"sklearn.metrics.accuracy_score"})
BALANCED_ACCURACY = "sklearn.metrics.balanced_accuracy_score"

#: Metrics that see the minority class. Using any of them in a unit means accuracy
#: is not the only evaluation.
IMBALANCE_AWARE_FUNCTIONS = frozenset(
    f"sklearn.metrics.{name}"
    for name in (
        "f1_score", "fbeta_score", "precision_score", "recall_score",
        "precision_recall_fscore_support", "balanced_accuracy_score", "roc_auc_score",
        "roc_curve", "average_precision_score", "precision_recall_curve",
        "matthews_corrcoef", "cohen_kappa_score", "classification_report", "confusion_matrix",
        "multilabel_confusion_matrix", "ConfusionMatrixDisplay", "RocCurveDisplay",
        "PrecisionRecallDisplay", "DetCurveDisplay", "det_curve", "jaccard_score",
        "log_loss", "brier_score_loss", "hamming_loss",
    )
) | frozenset(
    f"imblearn.metrics.{name}"
    for name in (
        "geometric_mean_score", "classification_report_imbalanced", "sensitivity_score",
        "specificity_score", "sensitivity_specificity_support",
        "make_index_balanced_accuracy", "macro_averaged_mean_absolute_error",
    )
)

REGRESSION_METRICS = frozenset(
    f"sklearn.metrics.{name}"
    for name in (
        "mean_squared_error", "root_mean_squared_error", "mean_absolute_error", "r2_score",
        "mean_absolute_percentage_error", "median_absolute_error", "explained_variance_score",
        "mean_squared_log_error", "max_error", "mean_pinball_loss", "d2_absolute_error_score",
    )
)

# -- scoring= ----------------------------------------------------------------------

_SEL = "sklearn.model_selection"
#: Callables taking ``scoring=``; the value is the position of the estimator argument.
SCORING_CALLS: dict[str, int] = {
    f"{_SEL}.cross_val_score": 0,
    f"{_SEL}.cross_validate": 0,
    f"{_SEL}.GridSearchCV": 0,
    f"{_SEL}.RandomizedSearchCV": 0,
    f"{_SEL}.HalvingGridSearchCV": 0,
    f"{_SEL}.HalvingRandomSearchCV": 0,
    f"{_SEL}.learning_curve": 0,
    f"{_SEL}.validation_curve": 0,
    "sklearn.inspection.permutation_importance": 0,
    "sklearn.feature_selection.RFECV": 0,
    "sklearn.feature_selection.SequentialFeatureSelector": 0,
}
#: Of those, the ones that evaluate (not just select) with the estimator's own
#: ``score`` when ``scoring`` is left out.
DEFAULT_SCORING_EVALUATIONS = frozenset({f"{_SEL}.cross_val_score", f"{_SEL}.cross_validate"})

ACCURACY_SCORERS = frozenset({"accuracy"})
_AWARE_SCORER_PREFIXES = (
    "f1", "precision", "recall", "balanced_accuracy", "roc_auc", "average_precision",
    "matthews_corrcoef", "jaccard", "neg_log_loss", "neg_brier_score",
)


def is_aware_scorer(name: str) -> bool:
    return name.startswith(_AWARE_SCORER_PREFIXES)


# -- Keras, torchmetrics, Hugging Face evaluate -----------------------------------

KERAS_PACKAGES = ("keras", "tensorflow.keras", "tf_keras", "tensorflow.python.keras")
KERAS_ACCURACY_STRINGS = frozenset(
    {"accuracy", "acc", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy"}
)
KERAS_ACCURACY_CLASSES = frozenset(
    {"Accuracy", "BinaryAccuracy", "CategoricalAccuracy", "SparseCategoricalAccuracy"}
)
KERAS_AWARE_STRINGS = frozenset({"auc", "precision", "recall", "f1_score", "fbeta_score"})
KERAS_AWARE_CLASSES = frozenset(
    {
        "AUC", "Precision", "Recall", "F1Score", "FBetaScore", "PrecisionAtRecall",
        "RecallAtPrecision", "SensitivityAtSpecificity", "SpecificityAtSensitivity",
        "TruePositives", "FalsePositives", "TrueNegatives", "FalseNegatives",
    }
)
KERAS_CLASSIFICATION_LOSSES = frozenset(
    {
        "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy",
        "BinaryCrossentropy", "CategoricalCrossentropy", "SparseCategoricalCrossentropy",
        "BinaryFocalCrossentropy", "CategoricalFocalCrossentropy", "hinge", "categorical_hinge",
    }
)

TORCHMETRICS_ACCURACY = frozenset({"Accuracy", "BinaryAccuracy", "MulticlassAccuracy",
                                   "MultilabelAccuracy", "accuracy", "binary_accuracy",
                                   "multiclass_accuracy", "multilabel_accuracy"})
_TORCHMETRICS_AWARE_PARTS = ("F1", "FBeta", "Precision", "Recall", "AUROC", "AveragePrecision",
                             "MatthewsCorrCoef", "CohenKappa", "ConfusionMatrix", "Specificity",
                             "ROC", "f1", "fbeta", "precision", "recall", "auroc",
                             "average_precision", "matthews", "cohen_kappa", "confusion_matrix",
                             "specificity", "roc")


def is_torchmetrics_aware(tail: str) -> bool:
    return any(part in tail for part in _TORCHMETRICS_AWARE_PARTS)


EVALUATE_ACCURACY = frozenset({"accuracy"})
EVALUATE_AWARE = frozenset(
    {"f1", "precision", "recall", "roc_auc", "matthews_correlation", "confusion_matrix",
     "brier_score", "mae"}  # "mae" is regression; harmless here, it is never accuracy
)

# -- estimators --------------------------------------------------------------------

ESTIMATOR_PACKAGES = ("sklearn", "imblearn", "xgboost", "lightgbm", "catboost")
CLASSIFIER_NAMES = frozenset(
    {
        "LogisticRegression", "LogisticRegressionCV", "SVC", "LinearSVC", "NuSVC",
        "GaussianNB", "MultinomialNB", "BernoulliNB", "ComplementNB", "CategoricalNB",
        "LinearDiscriminantAnalysis", "QuadraticDiscriminantAnalysis", "Perceptron",
        "RidgeClassifierCV", "NearestCentroid", "LabelPropagation", "LabelSpreading",
        "CalibratedClassifierCV", "FixedThresholdClassifier", "TunedThresholdClassifierCV",
    }
)
REGRESSOR_NAMES = frozenset(
    {
        "LinearRegression", "Ridge", "RidgeCV", "Lasso", "LassoCV", "ElasticNet",
        "ElasticNetCV", "SVR", "LinearSVR", "NuSVR", "BayesianRidge", "ARDRegression",
        "TheilSenRegressor", "PoissonRegressor", "GammaRegressor", "TweedieRegressor",
        "KernelRidge", "PLSRegression", "Lars", "LarsCV", "LassoLars", "LassoLarsCV",
        "LassoLarsIC", "OrthogonalMatchingPursuit", "QuantileRegressor", "IsotonicRegression",
        "MultiTaskLasso", "MultiTaskElasticNet",
    }
)
#: Estimator wrappers whose kind is that of the estimator they are given.
WRAPPERS = frozenset({"GridSearchCV", "RandomizedSearchCV", "HalvingGridSearchCV",
                      "HalvingRandomSearchCV", "BaggingClassifier", "AdaBoostClassifier"})
#: Estimators that accept ``class_weight`` (suggested instead of resampling).
CLASS_WEIGHT_ESTIMATORS = frozenset(
    {
        "LogisticRegression", "LogisticRegressionCV", "SVC", "LinearSVC", "NuSVC",
        "RandomForestClassifier", "ExtraTreesClassifier", "DecisionTreeClassifier",
        "ExtraTreeClassifier", "RidgeClassifier", "RidgeClassifierCV", "SGDClassifier",
        "Perceptron", "PassiveAggressiveClassifier", "HistGradientBoostingClassifier",
        "LGBMClassifier", "BalancedRandomForestClassifier",
    }
)


def estimator_kind(qualified: str) -> str | None:
    """``"classifier"``, ``"regressor"`` or None for a class's qualified name."""
    root, _, tail = qualified.rpartition(".")
    if root and not root.startswith(ESTIMATOR_PACKAGES):
        return None
    if tail.endswith("Classifier") or tail in CLASSIFIER_NAMES:
        return "classifier"
    if tail.endswith("Regressor") or tail in REGRESSOR_NAMES:
        return "regressor"
    return None


# -- splitting ---------------------------------------------------------------------

TRAIN_TEST_SPLIT = frozenset(
    {f"{_SEL}.train_test_split", "sklearn.cross_validation.train_test_split"}
)
UNSTRATIFIED_SPLITTERS = {f"{_SEL}.KFold": "StratifiedKFold",
                          f"{_SEL}.RepeatedKFold": "RepeatedStratifiedKFold",
                          f"{_SEL}.ShuffleSplit": "StratifiedShuffleSplit"}
#: Functions and classes taking ``cv=``, with the position of their estimator argument.
CV_CONSUMERS = {**SCORING_CALLS, f"{_SEL}.cross_val_predict": 0}

# -- data sets whose classes are balanced by construction -------------------------

BALANCED_DATASETS = frozenset(
    {
        "sklearn.datasets.load_iris", "sklearn.datasets.load_digits",
        *(f"{pkg}.datasets.{name}.load_data"
          for pkg in ("keras", "tensorflow.keras")
          for name in ("mnist", "fashion_mnist", "cifar10", "cifar100")),
        *(f"torchvision.datasets.{name}"
          for name in ("MNIST", "FashionMNIST", "KMNIST", "CIFAR10", "CIFAR100")),
    }
)

#: Packages whose names the metric rules look for; a unit importing none of them
#: is skipped without analysis.
ML_PACKAGES = frozenset(
    {"sklearn", "imblearn", "keras", "tensorflow", "tf_keras", "torchmetrics", "evaluate",
     "xgboost", "lightgbm", "catboost", "torchvision"}
)

# -- lookup helpers ------------------------------------------------------------------

PUBLIC_NAMES = frozenset(
    {
        *ACCURACY_FUNCTIONS, BALANCED_ACCURACY, *IMBALANCE_AWARE_FUNCTIONS,
        *REGRESSION_METRICS, *SCORING_CALLS, *CV_CONSUMERS, *TRAIN_TEST_SPLIT,
        *UNSTRATIFIED_SPLITTERS, f"{_SEL}.StratifiedKFold", "sklearn.pipeline.Pipeline",
        "sklearn.pipeline.make_pipeline", "sklearn.datasets.make_classification",
        "sklearn.datasets.fetch_openml", "sklearn.datasets.load_iris",
        "sklearn.datasets.load_digits",
    }
)
#: (package, final name) -> public qualified name, for private-module spellings.
PUBLIC_BY_ROOT_AND_TAIL = {
    (name.partition(".")[0], name.rpartition(".")[2]): name
    for name in sorted(PUBLIC_NAMES, reverse=True)
}
