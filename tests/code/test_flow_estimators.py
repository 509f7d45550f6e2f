"""The flow follows estimators through pipelines and wrappers (``Value.predicts``)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from imbalance_guard.code.flow import analyse_tree

_IMPORTS = """\
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.model_selection import GridSearchCV, RandomizedSearchCV
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.svm import SVR
from sklearn.calibration import CalibratedClassifierCV
from sklearn.multiclass import OneVsRestClassifier
from sklearn.ensemble import VotingClassifier, StackingRegressor
from imblearn.pipeline import make_pipeline as imb_pipeline
from imblearn.over_sampling import SMOTE
"""


def predicts(program: str) -> str | None:
    """What the flow says the last expression statement's value predicts."""
    tree = ast.parse(_IMPORTS + textwrap.dedent(program))
    flow = analyse_tree(tree)
    last = tree.body[-1]
    assert isinstance(last, ast.Expr)
    (call,) = [c for c in flow.calls if c.node is last.value]
    return call.args[0].predicts


@pytest.mark.parametrize(
    ("program", "expected"),
    [
        ("m = LogisticRegression()\nprint(m)\n", "classifier"),
        ("m = make_pipeline(StandardScaler(), LogisticRegression())\nprint(m)\n", "classifier"),
        ("m = imb_pipeline(SMOTE(), Ridge())\nprint(m)\n", "regressor"),
        ("m = Pipeline([('s', StandardScaler()), ('r', SVR())])\nprint(m)\n", "regressor"),
        (
            "m = Pipeline(steps=[('s', StandardScaler()), ('c', LogisticRegression())])\n"
            "print(m)\n",
            "classifier",
        ),
        ("m = GridSearchCV(SVR(), {'C': [1, 10]})\nprint(m)\n", "regressor"),
        (
            "p = make_pipeline(StandardScaler(), LogisticRegression())\n"
            "m = RandomizedSearchCV(estimator=p, param_distributions={})\nprint(m)\n",
            "classifier",
        ),
        (
            "m = GridSearchCV(make_pipeline(StandardScaler(), SVR()), {})\nm.fit(X, y)\nprint(m)\n",
            "regressor",
        ),
        ("m = CalibratedClassifierCV(LogisticRegression())\nprint(m)\n", "classifier"),
        ("m = OneVsRestClassifier(LogisticRegression())\nprint(m)\n", "classifier"),
        ("m = VotingClassifier([('a', LogisticRegression())])\nprint(m)\n", "classifier"),
        ("m = StackingRegressor([('a', SVR())])\nprint(m)\n", "regressor"),
        ("m = make_pipeline(StandardScaler())\nprint(m)\n", None),  # no predictor at the end
        ("m = make_pipeline(*steps)\nprint(m)\n", None),  # which step is last is unknown
        ("m = GridSearchCV(model, {})\nprint(m)\n", None),  # an unknown estimator
    ],
)
def test_what_a_wrapped_estimator_predicts(program, expected):
    assert predicts(program) == expected


def test_the_wrapped_estimator_is_the_one_bound_at_the_wrapping():
    program = """\
    est = SVR()
    search = GridSearchCV(est, {})
    est = LogisticRegression()
    print(search)
    """
    assert predicts(program) == "regressor"


def test_branches_that_disagree_leave_it_unknown():
    program = """\
    if regression:
        est = make_pipeline(StandardScaler(), SVR())
    else:
        est = make_pipeline(StandardScaler(), LogisticRegression())
    print(est)
    """
    assert predicts(program) is None


def test_branches_that_agree_keep_it():
    program = """\
    if big:
        est = GridSearchCV(LogisticRegression(), {})
    else:
        est = make_pipeline(StandardScaler(), LogisticRegression())
    print(est)
    """
    assert predicts(program) == "classifier"


@pytest.mark.parametrize(
    ("program", "expected"),
    [
        ("import joblib\nclf = joblib.load(path)\nprint(clf)\n", "classifier"),
        ("import joblib\nm = joblib.load('models/regressor_v2.joblib')\nprint(m)\n", "regressor"),
        ("import pickle\nm = pickle.load(open('clf.pkl', 'rb'))\nprint(m)\n", "classifier"),
        ("import joblib\nm = joblib.load(path)\nm.predict_proba(X)\nprint(m)\n", "classifier"),
        ("import joblib\nm = joblib.load(path)\nprint(m)\n", None),  # nothing shows what it is
        ("import joblib\nm = joblib.load(path)\nm.predict(X)\nprint(m)\n", None),
        ("import joblib\nreg = joblib.load('clf.pkl')\nprint(reg)\n", "classifier"),  # path first
        ("import joblib\nclf_or_reg = joblib.load(path)\nprint(clf_or_reg)\n", None),
        (
            "from joblib import load\nclf = load(p)\nprint(make_pipeline(StandardScaler(), clf))\n",
            "classifier",
        ),
    ],
)
def test_what_a_loaded_model_is(program, expected):
    assert predicts(program) == expected


def test_a_later_call_shows_a_loaded_model_only_from_there_on():
    tree = ast.parse(
        "import joblib\nm = joblib.load(path)\nprint(m)\nm.predict_proba(X)\nprint(m)\n"
    )
    flow = analyse_tree(tree)
    before, after = [c for c in flow.calls if ast.unparse(c.node.func) == "print"]
    assert (before.args[0].predicts, after.args[0].predicts) == (None, "classifier")
