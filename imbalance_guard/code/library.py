"""What the analysis and the rules know about libraries, keyed by qualified name.

Plain data and tiny predicates: samplers, splitters and pipelines for the data-flow
analysis; one estimator catalogue (classifier, regressor, transformer, sampler or
other) for the analysis and the rules alike; metrics, scorers and splitting calls for
the metric rules (IG2xx). Supporting a new sampler, estimator or metric is one table
entry. Names are compared after import aliases are resolved
(:mod:`imbalance_guard.code.imports`); a name defined in a private module
(``imblearn.over_sampling._smote.base.SMOTE``) matches on its package and last part.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from imbalance_guard.code.imports import ImportMap
    from imbalance_guard.code.unit import CodeUnit

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
#: A transformer's method that some third-party samplers (and imbalanced-learn's
#: ``FunctionSampler`` wrappers in other libraries) use to return resampled rows.
RESAMPLE_TRANSFORM = "fit_transform"
#: ``smote_variants``' method: ``oversampler.sample(X, y)``.
SAMPLER_SAMPLE = "sample"

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

# -- estimators ------------------------------------------------------------------------
#
# One catalogue for the data-flow analysis and the metric rules. The kinds follow
# scikit-learn's own mixins (ClassifierMixin, RegressorMixin, TransformerMixin);
# tests/code/test_library_catalogue.py checks every estimator of the installed
# scikit-learn against them. Names ending in Classifier/ClassifierCV and
# Regressor/RegressorCV need no entry (xgboost, lightgbm, catboost and imbalanced-learn
# follow the same convention).

ESTIMATOR_PACKAGES = ("sklearn", "imblearn", "xgboost", "lightgbm", "catboost")
CLASSIFIER_NAMES = frozenset(
    {
        "LogisticRegression", "LogisticRegressionCV", "SVC", "LinearSVC", "NuSVC",
        "GaussianNB", "MultinomialNB", "BernoulliNB", "ComplementNB", "CategoricalNB",
        "LinearDiscriminantAnalysis", "QuadraticDiscriminantAnalysis", "Perceptron",
        "NearestCentroid", "LabelPropagation", "LabelSpreading", "ClassifierChain",
    }
)  # fmt: skip
REGRESSOR_NAMES = frozenset(
    {
        "LinearRegression", "Ridge", "RidgeCV", "Lasso", "LassoCV", "ElasticNet",
        "ElasticNetCV", "SVR", "LinearSVR", "NuSVR", "BayesianRidge", "ARDRegression",
        "KernelRidge", "PLSRegression", "PLSCanonical", "CCA", "Lars", "LarsCV", "LassoLars",
        "LassoLarsCV", "LassoLarsIC", "OrthogonalMatchingPursuit", "OrthogonalMatchingPursuitCV",
        "IsotonicRegression", "MultiTaskLasso", "MultiTaskLassoCV", "MultiTaskElasticNet",
        "MultiTaskElasticNetCV", "RegressorChain",
    }
)  # fmt: skip
TRANSFORMER_NAMES = frozenset(
    {
        "AdditiveChi2Sampler", "BernoulliRBM", "Binarizer", "Birch", "BisectingKMeans",
        "ColumnTransformer", "DictVectorizer", "DictionaryLearning", "FactorAnalysis",
        "FastICA", "FeatureAgglomeration", "FeatureHasher", "FeatureUnion",
        "FunctionTransformer", "GaussianRandomProjection", "GenericUnivariateSelect",
        "HashingVectorizer", "IncrementalPCA", "Isomap", "KBinsDiscretizer", "KMeans",
        "KNNImputer", "KNeighborsTransformer", "KernelCenterer", "KernelPCA", "LabelBinarizer",
        "LabelEncoder", "LatentDirichletAllocation", "LocallyLinearEmbedding", "MaxAbsScaler",
        "MinMaxScaler", "MiniBatchDictionaryLearning", "MiniBatchKMeans", "MiniBatchNMF",
        "MiniBatchSparsePCA", "MissingIndicator", "MultiLabelBinarizer", "NMF",
        "NeighborhoodComponentsAnalysis", "Normalizer", "Nystroem", "OneHotEncoder",
        "OrdinalEncoder", "PCA", "PLSSVD", "PatchExtractor", "PolynomialCountSketch",
        "PolynomialFeatures", "PowerTransformer", "QuantileTransformer", "RBFSampler", "RFE",
        "RFECV", "RadiusNeighborsTransformer", "RandomTreesEmbedding", "RobustScaler",
        "SelectFdr", "SelectFpr", "SelectFromModel", "SelectFwe", "SelectKBest",
        "SelectPercentile", "SequentialFeatureSelector", "SimpleImputer", "IterativeImputer",
        "SkewedChi2Sampler", "SparseCoder", "SparsePCA", "SparseRandomProjection",
        "SplineTransformer", "StandardScaler", "TSNE", "TargetEncoder", "TfidfTransformer",
        "TruncatedSVD", "VarianceThreshold",
    }
)  # fmt: skip
#: Functions that return a saved object: what it is shows only in its name or later use.
MODEL_LOADERS = frozenset(
    {"pickle.load", "pickle.loads", "joblib.load", "cloudpickle.load", "dill.load"}
)
#: Methods only classifiers have (scikit-learn's API), so calling one shows a classifier.
CLASSIFIER_METHODS = frozenset({"predict_proba", "predict_log_proba"})
_CLASSIFIER_WORDS = frozenset({"clf", "classifier", "classif"})
_REGRESSOR_WORDS = frozenset({"reg", "regr", "regressor"})


def kind_in_name(text: str) -> str | None:
    """``"classifier"`` or ``"regressor"`` when a name or path says so (``clf.pkl``)."""
    words = {w for w in re.split(r"[^a-z]+", text.lower()) if w}
    classifier, regressor = bool(words & _CLASSIFIER_WORDS), bool(words & _REGRESSOR_WORDS)
    if classifier != regressor:
        return "classifier" if classifier else "regressor"
    return None


#: Estimator wrappers whose kind is that of the estimator they are given.
WRAPPERS = frozenset(
    {
        "GridSearchCV",
        "RandomizedSearchCV",
        "HalvingGridSearchCV",
        "HalvingRandomSearchCV",
        "BaggingClassifier",
        "AdaBoostClassifier",
    }
)


def is_wrapper_class(qualified: str) -> bool:
    """A classifier or regressor that predicts with the estimator it is given
    (``BaggingClassifier``, ``CalibratedClassifierCV``, ``OneVsRestClassifier`` ...)."""
    tail = _tail(qualified)
    return tail in WRAPPERS or tail.startswith(("OneVsRest", "OneVsOne", "Calibrated"))


#: Estimators that accept ``class_weight`` (suggested instead of resampling).
CLASS_WEIGHT_ESTIMATORS = frozenset(
    {
        "LogisticRegression", "LogisticRegressionCV", "SVC", "LinearSVC", "NuSVC",
        "RandomForestClassifier", "ExtraTreesClassifier", "DecisionTreeClassifier",
        "ExtraTreeClassifier", "RidgeClassifier", "RidgeClassifierCV", "SGDClassifier",
        "Perceptron", "PassiveAggressiveClassifier", "HistGradientBoostingClassifier",
        "LGBMClassifier", "BalancedRandomForestClassifier",
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
    if _package(qualified) == "smote_variants" and _tail(qualified)[:1].isalpha():
        return True  # every class of it is an oversampler (``sv.polynom_fit_SMOTE``)
    tail = _tail(qualified)
    if tail in SAMPLERS:
        return True
    return any(part in qualified for part in (".over_sampling.", ".under_sampling.", ".combine."))


def is_under_sampler(qualified: str) -> bool:
    """A sampler that only drops rows (imbalanced-learn's ``under_sampling`` module, or a
    third-party class that says so: ``MyUnderSampler``)."""
    tail = _tail(qualified)
    return (
        tail in UNDER_SAMPLERS
        or ".under_sampling." in qualified
        or (is_third_party_resampler(qualified) and "under" in tail.lower())
    )


#: Packages whose ``*Sampler`` classes draw batches, trials or features, not rows to train on.
_NOT_RESAMPLER_PACKAGES = frozenset(
    {"sklearn", "torch", "tensorflow", "keras", "optuna", "numpy", "scipy", "pandas"}
)


_RESAMPLING_WORDS = re.compile(r"(?i:sampl|smote)|repeat|tile|concat|append|fit_transform")


_CASED_RESAMPLING_WORDS = ("repeat", "tile", "concat", "append", "fit_transform")


def might_resample(source: str) -> bool:
    """Could this source resample at all? A cheap test that lets the leakage rules skip
    files without a sampler, a draw or a repetition of rows before any analysis.

    The answer of :data:`_RESAMPLING_WORDS`, found by substring tests: a case-insensitive
    regular expression took 2.5 times as long. Only for ASCII text, whose lower case is
    the regular expression's case folding (the long s and the Kelvin sign, which fold to
    ASCII letters, are not ASCII).
    """
    if not source.isascii():
        return _RESAMPLING_WORDS.search(source) is not None
    if any(word in source for word in _CASED_RESAMPLING_WORDS):
        return True
    lowered = source.lower()
    return "sampl" in lowered or "smote" in lowered


def might_leak(unit: CodeUnit, *, searches: bool = True) -> bool:
    """Could resampling in ``unit`` reach a split, cross-validation or a search? The
    leakage rules' gate before any analysis: the source may resample and imports an ML
    package (or, with ``searches``, names a ``*SearchCV``), or the unit imports a module
    of its own project, whose text is not in ``unit.source``."""
    if unit.once(_might_resample) and (
        imports_ml(unit) or (searches and "SearchCV" in unit.source)
    ):
        return True
    return unit.once(_imports_project)


def _might_resample(unit: CodeUnit) -> bool:
    return might_resample(unit.source)


def _imports_project(unit: CodeUnit) -> bool:
    from imbalance_guard.code.project import imports_project

    return imports_project(unit)


@lru_cache(maxsize=4096)
def is_third_party_resampler(qualified: str) -> bool:
    """A class from outside imbalanced-learn that resamples rows, judged by its name or
    its module (``from project.sampling import BalancedSampler``, ``smote_variants``,
    ``crucio.SMOTE``): its module path has ``sampl``/``smote``/``imblearn``, or its name
    ``Sampler``/``SMOTE``. Some of them expose only ``fit_transform``."""
    root, _, tail = qualified.rpartition(".")
    if not root or _package(qualified) in _NOT_RESAMPLER_PACKAGES or not tail[:1].isupper():
        return False
    module = root.lower()
    return (
        any(word in module for word in ("sampl", "smote", "imblearn"))
        or "Sampler" in tail
        or "SMOTE" in tail.upper()
    )


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


def is_random_split(qualified: str) -> bool:
    """PyTorch's ``random_split`` (``torch.utils.data.random_split`` or its
    ``dataset`` module's spelling)."""
    return _package(qualified) == "torch" and _tail(qualified) == "random_split"


def pipeline_kind(qualified: str) -> str | None:
    """``"sklearn"`` or ``"imblearn"`` for a Pipeline class or make_pipeline, else None."""
    tail = _tail(qualified)
    if tail not in {"Pipeline", "make_pipeline"}:
        return None
    package = _package(qualified)
    return package if package in {"sklearn", "imblearn"} else None


@lru_cache(maxsize=4096)
def estimator_kind(qualified: str) -> str | None:
    """What an instance of the class ``qualified`` is, or None when it is no known estimator.

    ``"classifier"``, ``"regressor"``, ``"transformer"``, ``"sampler"`` (imbalanced-learn),
    or ``"other"`` for any other class of an estimator package (clusterers, outlier
    detectors, pipelines, searches). A name without a package (``import XGBClassifier``,
    ``from . import MyRegressor``) is judged by its own name.
    """
    root, _, tail = qualified.rpartition(".")
    if root and _package(qualified) not in ESTIMATOR_PACKAGES:
        return None
    if root and is_sampler_class(qualified):
        return "sampler"
    if tail in CLASSIFIER_NAMES or tail.endswith(("Classifier", "ClassifierCV")):
        return "classifier"
    if tail in REGRESSOR_NAMES or tail.endswith(("Regressor", "RegressorCV")):
        return "regressor"
    if not root:
        return None
    if tail in TRANSFORMER_NAMES:
        return "transformer"
    return "other" if tail[:1].isupper() else None


def prediction_kind(qualified: str) -> str | None:
    """``"classifier"`` or ``"regressor"`` for a class that predicts; None otherwise."""
    kind = estimator_kind(qualified)
    return kind if kind in ("classifier", "regressor") else None


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
    if _package(qualified) not in ESTIMATOR_PACKAGES and is_third_party_resampler(qualified):
        return "resampler"
    if _package(qualified) not in ESTIMATOR_PACKAGES:
        return None
    kind = estimator_kind(qualified)
    return "estimator" if kind in ("transformer", "other") else kind


# -- scikit-learn and imbalanced-learn metric functions ----------------------------

ACCURACY_FUNCTIONS = frozenset({"sklearn.metrics.accuracy_score"})
BALANCED_ACCURACY = "sklearn.metrics.balanced_accuracy_score"

#: Metrics that see the minority class. Using any of them in a unit means accuracy
#: is not the only evaluation.
IMBALANCE_AWARE_FUNCTIONS = frozenset(
    f"sklearn.metrics.{name}"
    for name in (
        "f1_score",
        "fbeta_score",
        "precision_score",
        "recall_score",
        "precision_recall_fscore_support",
        "balanced_accuracy_score",
        "roc_auc_score",
        "roc_curve",
        "average_precision_score",
        "precision_recall_curve",
        "matthews_corrcoef",
        "cohen_kappa_score",
        "classification_report",
        "confusion_matrix",
        "multilabel_confusion_matrix",
        "ConfusionMatrixDisplay",
        "RocCurveDisplay",
        "PrecisionRecallDisplay",
        "DetCurveDisplay",
        "det_curve",
        "jaccard_score",
        "log_loss",
        "brier_score_loss",
        "hamming_loss",
    )
) | frozenset(
    f"imblearn.metrics.{name}"
    for name in (
        "geometric_mean_score",
        "classification_report_imbalanced",
        "sensitivity_score",
        "specificity_score",
        "sensitivity_specificity_support",
        "make_index_balanced_accuracy",
        "macro_averaged_mean_absolute_error",
    )
)

REGRESSION_METRICS = frozenset(
    f"sklearn.metrics.{name}"
    for name in (
        "mean_squared_error",
        "root_mean_squared_error",
        "mean_absolute_error",
        "r2_score",
        "mean_absolute_percentage_error",
        "median_absolute_error",
        "explained_variance_score",
        "mean_squared_log_error",
        "max_error",
        "mean_pinball_loss",
        "d2_absolute_error_score",
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
    "f1",
    "precision",
    "recall",
    "balanced_accuracy",
    "roc_auc",
    "average_precision",
    "matthews_corrcoef",
    "jaccard",
    "neg_log_loss",
    "neg_brier_score",
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
        "AUC",
        "Precision",
        "Recall",
        "F1Score",
        "FBetaScore",
        "PrecisionAtRecall",
        "RecallAtPrecision",
        "SensitivityAtSpecificity",
        "SpecificityAtSensitivity",
        "TruePositives",
        "FalsePositives",
        "TrueNegatives",
        "FalseNegatives",
    }
)
KERAS_CLASSIFICATION_LOSSES = frozenset(
    {
        "binary_crossentropy",
        "categorical_crossentropy",
        "sparse_categorical_crossentropy",
        "BinaryCrossentropy",
        "CategoricalCrossentropy",
        "SparseCategoricalCrossentropy",
        "BinaryFocalCrossentropy",
        "CategoricalFocalCrossentropy",
        "hinge",
        "categorical_hinge",
    }
)

TORCHMETRICS_ACCURACY = frozenset(
    {
        "Accuracy",
        "BinaryAccuracy",
        "MulticlassAccuracy",
        "MultilabelAccuracy",
        "accuracy",
        "binary_accuracy",
        "multiclass_accuracy",
        "multilabel_accuracy",
    }
)
_TORCHMETRICS_AWARE_PARTS = (
    "F1",
    "FBeta",
    "Precision",
    "Recall",
    "AUROC",
    "AveragePrecision",
    "MatthewsCorrCoef",
    "CohenKappa",
    "ConfusionMatrix",
    "Specificity",
    "ROC",
    "f1",
    "fbeta",
    "precision",
    "recall",
    "auroc",
    "average_precision",
    "matthews",
    "cohen_kappa",
    "confusion_matrix",
    "specificity",
    "roc",
)


def is_torchmetrics_aware(tail: str) -> bool:
    return any(part in tail for part in _TORCHMETRICS_AWARE_PARTS)


EVALUATE_ACCURACY = frozenset({"accuracy"})
EVALUATE_AWARE = frozenset(
    {
        "f1",
        "precision",
        "recall",
        "roc_auc",
        "matthews_correlation",
        "confusion_matrix",
        "brier_score",
        "mae",
    }  # "mae" is regression; harmless here, it is never accuracy
)

# -- splitting ---------------------------------------------------------------------

TRAIN_TEST_SPLIT = frozenset(
    {f"{_SEL}.train_test_split", "sklearn.cross_validation.train_test_split"}
)
UNSTRATIFIED_SPLITTERS = {
    f"{_SEL}.KFold": "StratifiedKFold",
    f"{_SEL}.RepeatedKFold": "RepeatedStratifiedKFold",
    f"{_SEL}.ShuffleSplit": "StratifiedShuffleSplit",
}
#: Functions and classes taking ``cv=``, with the position of their estimator argument.
CV_CONSUMERS = {**SCORING_CALLS, f"{_SEL}.cross_val_predict": 0}

# -- data sets whose classes are balanced by construction -------------------------

BALANCED_DATASETS = frozenset(
    {
        "sklearn.datasets.load_iris",
        "sklearn.datasets.load_digits",
        *(
            f"{pkg}.datasets.{name}.load_data"
            for pkg in ("keras", "tensorflow.keras")
            for name in ("mnist", "fashion_mnist", "cifar10", "cifar100")
        ),
        *(
            f"torchvision.datasets.{name}"
            for name in ("MNIST", "FashionMNIST", "KMNIST", "CIFAR10", "CIFAR100")
        ),
    }
)

#: Packages whose names the metric rules look for; a unit importing none of them
#: is skipped without analysis.
ML_PACKAGES = frozenset(
    {
        "sklearn",
        "imblearn",
        "keras",
        "tensorflow",
        "tf_keras",
        "torchmetrics",
        "evaluate",
        "xgboost",
        "lightgbm",
        "catboost",
        "torchvision",
        "torch",
        "smote_variants",
    }
)

# -- lookup helpers ------------------------------------------------------------------

PUBLIC_NAMES = frozenset(
    {
        *ACCURACY_FUNCTIONS,
        BALANCED_ACCURACY,
        *IMBALANCE_AWARE_FUNCTIONS,
        *REGRESSION_METRICS,
        *SCORING_CALLS,
        *CV_CONSUMERS,
        *TRAIN_TEST_SPLIT,
        *UNSTRATIFIED_SPLITTERS,
        f"{_SEL}.StratifiedKFold",
        "sklearn.pipeline.Pipeline",
        "sklearn.pipeline.make_pipeline",
        "sklearn.datasets.make_classification",
        "sklearn.datasets.fetch_openml",
        "sklearn.datasets.load_iris",
        "sklearn.datasets.load_digits",
    }
)
#: (package, final name) -> public qualified name, for private-module spellings.
PUBLIC_BY_ROOT_AND_TAIL = {
    (name.partition(".")[0], name.rpartition(".")[2]): name
    for name in sorted(PUBLIC_NAMES, reverse=True)
}


def imports_ml(unit: CodeUnit) -> bool:
    """Does the unit import a package of :data:`ML_PACKAGES` (or use its well-known names
    with no import at all)? Rules that can find nothing in a file without one skip it
    before any analysis (most files of a repository).

    An import statement names its package, so an ASCII source that does not hold any of
    the names imports none of them: that answers without walking the tree. (Python folds
    non-ASCII identifiers to NFKC, so ``sklearn`` spelled with a full-width letter is
    ``sklearn``; such sources take the walk.)
    """
    return unit.once(_imports_ml)


def _imports_ml(unit: CodeUnit) -> bool:
    source = unit.source
    if source.isascii() and not any(package in source for package in ML_PACKAGES):
        return _fragment(unit)
    imports = unit.imports
    roots = {name.split(".", 1)[0] for name in imports.aliases.values()}
    roots.update(module.split(".", 1)[0] for module in imports.star_modules)
    return not roots.isdisjoint(ML_PACKAGES) or _fragment(unit)


def _fragment(unit: CodeUnit) -> bool:
    """A file that uses well-known names with no import of them (a pasted fragment,
    :mod:`imbalance_guard.code.fragments`) is read as if it imported them."""
    from imbalance_guard.code import fragments

    source = unit.source
    loaded = "_proba" in source  # predict_proba, predict_log_proba: CLASSIFIER_METHODS
    if not loaded and not fragments.may_mention(source):
        return False  # most files: answered without collecting their imports
    imports = unit.imports
    if loaded and _imports_a_loader(imports):
        return True  # a saved classifier read back: ``model.score`` is its accuracy
    return not imports.star_modules and fragments.mentions_guessable(source, imports.aliases)


def _imports_a_loader(imports: ImportMap) -> bool:
    """Do the imports bring in a model loader's package (``pickle``, ``joblib`` ...)?"""
    roots = {qual.split(".", 1)[0] for qual in MODEL_LOADERS}
    return any(qual.split(".", 1)[0] in roots for qual in imports.aliases.values())
