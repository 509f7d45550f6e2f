"""What the data-flow analysis knows about libraries, keyed by qualified name.

Plain data and tiny predicates, so supporting a new sampler or splitter is one
table entry. Names are compared after import aliases are resolved
(:mod:`imbalance_guard.code.imports`); a name defined in a private module
(``imblearn.over_sampling._smote.base.SMOTE``) matches on its package and last part.
"""

from __future__ import annotations

from functools import lru_cache

OVER_SAMPLERS = frozenset(
    {
        "SMOTE", "SMOTENC", "SMOTEN", "ADASYN", "BorderlineSMOTE", "SVMSMOTE", "KMeansSMOTE",
        "RandomOverSampler",
    }
)  # fmt: skip
UNDER_SAMPLERS = frozenset(
    {
        "RandomUnderSampler", "NearMiss", "TomekLinks", "EditedNearestNeighbours",
        "RepeatedEditedNearestNeighbours", "AllKNN", "CondensedNearestNeighbour",
        "OneSidedSelection", "NeighbourhoodCleaningRule", "InstanceHardnessThreshold",
        "ClusterCentroids",
    }
)  # fmt: skip
COMBINED_SAMPLERS = frozenset({"SMOTEENN", "SMOTETomek"})
SAMPLERS = OVER_SAMPLERS | UNDER_SAMPLERS | COMBINED_SAMPLERS | {"FunctionSampler"}
SAMPLER_PACKAGES = ("imblearn", "smote_variants")
RESAMPLE_METHODS = frozenset({"fit_resample", "fit_sample"})

#: Data-loader samplers that oversample rare classes (PyTorch and torchsampler). They
#: resample nothing themselves; their instances are followed under the role
#: ``"loader-sampler"`` so rules can ask which loader draws through one.
LOADER_SAMPLERS = frozenset({"WeightedRandomSampler", "ImbalancedDatasetSampler"})
LOADER_SAMPLER_PACKAGES = ("torch", "torchsampler")

#: Functions that resample their arguments.
RESAMPLE_FUNCTIONS = frozenset({"sklearn.utils.resample", "sklearn.utils._indexing.resample"})

SPLIT_FUNCTIONS = frozenset({"sklearn.model_selection.train_test_split"})
SPLITTER_CLASSES = frozenset(
    {
        "KFold", "StratifiedKFold", "GroupKFold", "StratifiedGroupKFold", "RepeatedKFold",
        "RepeatedStratifiedKFold", "ShuffleSplit", "StratifiedShuffleSplit",
        "GroupShuffleSplit", "LeaveOneOut", "LeavePOut", "LeaveOneGroupOut", "LeavePGroupsOut",
        "PredefinedSplit", "TimeSeriesSplit",
    }
)  # fmt: skip
CV_FUNCTIONS = frozenset(
    {
        "cross_val_score", "cross_validate", "cross_val_predict", "learning_curve",
        "validation_curve", "permutation_test_score",
    }
)  # fmt: skip

SKLEARN_PIPELINES = frozenset({"sklearn.pipeline.Pipeline", "sklearn.pipeline.make_pipeline"})
IMBLEARN_PIPELINES = frozenset({"imblearn.pipeline.Pipeline", "imblearn.pipeline.make_pipeline"})

ESTIMATOR_PACKAGES = ("sklearn", "imblearn", "xgboost", "lightgbm", "catboost")
_CLASSIFIERS = frozenset(
    {
        "LogisticRegression", "LogisticRegressionCV", "SVC", "LinearSVC", "NuSVC",
        "GaussianNB", "MultinomialNB", "BernoulliNB", "ComplementNB", "CategoricalNB",
        "Perceptron", "RidgeClassifier", "RidgeClassifierCV", "SGDClassifier",
        "LinearDiscriminantAnalysis", "QuadraticDiscriminantAnalysis", "MLPClassifier",
        "CatBoostClassifier", "XGBClassifier", "LGBMClassifier",
    }
)  # fmt: skip
_REGRESSORS = frozenset(
    {
        "LinearRegression", "Ridge", "RidgeCV", "Lasso", "LassoCV", "ElasticNet", "ElasticNetCV",
        "SVR", "LinearSVR", "NuSVR", "BayesianRidge", "HuberRegressor", "Lars", "LassoLars",
    }
)  # fmt: skip


def _package(qualified: str) -> str:
    return qualified.split(".", 1)[0]


def _tail(qualified: str) -> str:
    return qualified.rsplit(".", 1)[-1]


def is_sampler_class(qualified: str) -> bool:
    """A known imbalanced-learn sampler class (or any class of its sampling modules)."""
    if _package(qualified) not in SAMPLER_PACKAGES:
        return False
    tail = _tail(qualified)
    if tail in SAMPLERS:
        return True
    return any(part in qualified for part in (".over_sampling.", ".under_sampling.", ".combine."))


def is_splitter_class(qualified: str) -> bool:
    return _package(qualified) == "sklearn" and _tail(qualified) in SPLITTER_CLASSES


def is_search_class(qualified: str) -> bool:
    return _tail(qualified).endswith("SearchCV") or _tail(qualified) == "BayesSearchCV"


@lru_cache(maxsize=4096)
def is_cv_function(qualified: str) -> bool:
    return _package(qualified) == "sklearn" and _tail(qualified) in CV_FUNCTIONS


@lru_cache(maxsize=4096)
def is_split_function(qualified: str) -> bool:
    return qualified in SPLIT_FUNCTIONS or (
        _package(qualified) == "sklearn" and _tail(qualified) == "train_test_split"
    )


@lru_cache(maxsize=4096)
def is_resample_function(qualified: str) -> bool:
    return qualified in RESAMPLE_FUNCTIONS or (
        _package(qualified) == "sklearn" and _tail(qualified) == "resample"
    )


def pipeline_kind(qualified: str) -> str | None:
    """``"sklearn"`` or ``"imblearn"`` for a Pipeline class or make_pipeline, else None."""
    tail = _tail(qualified)
    if tail not in {"Pipeline", "make_pipeline"}:
        return None
    package = _package(qualified)
    return package if package in {"sklearn", "imblearn"} else None


def estimator_role(qualified: str) -> str | None:
    """``"classifier"``, ``"regressor"`` or ``"estimator"`` for a known estimator class."""
    if _package(qualified) not in ESTIMATOR_PACKAGES:
        return None
    tail = _tail(qualified)
    if tail in _CLASSIFIERS or tail.endswith("Classifier") or tail.endswith("ClassifierCV"):
        return "classifier"
    if tail in _REGRESSORS or tail.endswith("Regressor") or tail.endswith("RegressorCV"):
        return "regressor"
    if tail[:1].isupper() and ".preprocessing." not in qualified:
        return "estimator"
    return None


@lru_cache(maxsize=4096)
def role_of_class(qualified: str) -> str | None:
    """The role an instance of ``qualified`` plays, or None for classes we do not know."""
    if is_sampler_class(qualified):
        return "sampler"
    if is_splitter_class(qualified):
        return "splitter"
    if is_search_class(qualified):
        return "search"
    kind = pipeline_kind(qualified)
    if kind is not None:
        return "pipeline"
    if _package(qualified) in LOADER_SAMPLER_PACKAGES and _tail(qualified) in LOADER_SAMPLERS:
        return "loader-sampler"
    return estimator_role(qualified)
