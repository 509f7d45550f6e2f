"""One estimator catalogue (``code/library.py``), checked against the installed libraries.

The checker never imports scikit-learn; this test does, to hold the hand-written tables
to what each installed estimator class actually is.
"""

from __future__ import annotations

import ast
import warnings

import pytest
from imblearn.utils.testing import all_estimators as all_imblearn_estimators
from sklearn.base import ClassifierMixin, RegressorMixin, TransformerMixin
from sklearn.utils import all_estimators

from imbalance_guard.code import library
from imbalance_guard.code.flow import analyse_tree


def _sklearn_kind(cls: type) -> str:
    """What scikit-learn's own mixins say an estimator class is."""
    if issubclass(cls, ClassifierMixin):
        return "classifier"
    if issubclass(cls, RegressorMixin):
        return "regressor"
    if issubclass(cls, TransformerMixin):
        return "transformer"
    return "other"


def _estimators() -> list[tuple[str, type]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return all_estimators()


def test_every_installed_sklearn_estimator_is_classified_as_sklearn_does():
    estimators = _estimators()
    assert len(estimators) > 150  # the whole library, not a partial crawl
    wrong = {
        f"{cls.__module__}.{name}": (library.estimator_kind(f"{cls.__module__}.{name}"), want)
        for name, cls in estimators
        if library.estimator_kind(f"{cls.__module__}.{name}") != (want := _sklearn_kind(cls))
    }
    assert wrong == {}


def test_every_installed_imblearn_sampler_is_a_sampler():
    samplers = all_imblearn_estimators(type_filter="sampler")
    assert samplers
    wrong = [
        f"{cls.__module__}.{name}"
        for name, cls in samplers
        if library.estimator_kind(f"{cls.__module__}.{name}") != "sampler"
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("qualified", "kind"),
    [
        ("sklearn.neighbors.NearestCentroid", "classifier"),
        ("sklearn.kernel_ridge.KernelRidge", "regressor"),
        ("sklearn.calibration.CalibratedClassifierCV", "classifier"),
        ("xgboost.XGBClassifier", "classifier"),
        ("lightgbm.LGBMRegressor", "regressor"),
        ("sklearn.preprocessing.StandardScaler", "transformer"),
        ("sklearn.cluster.DBSCAN", "other"),
        ("imblearn.over_sampling.SMOTE", "sampler"),
        ("sklearn.metrics.accuracy_score", None),
        ("mypackage.models.MyClassifier", None),  # not an estimator package
    ],
)
def test_kind_of_a_class(qualified, kind):
    assert library.estimator_kind(qualified) == kind


@pytest.mark.parametrize(
    ("source", "role"),
    [
        ("from sklearn.neighbors import NearestCentroid\nm = NearestCentroid()\n", "classifier"),
        ("from sklearn.kernel_ridge import KernelRidge\nm = KernelRidge()\n", "regressor"),
    ],
)
def test_the_flow_and_the_metric_rules_agree(source, role):
    """The classes the two former catalogues disagreed on get one answer from both users."""
    tree = ast.parse(source)
    flow = analyse_tree(tree)
    assign = tree.body[-1]
    assert isinstance(assign, ast.Assign)
    assert [i.role for i in flow.value_of(assign.value).instances] == [role]
    qualified = flow.value_of(assign.value).instances[0].qualname
    assert library.prediction_kind(qualified) == role
