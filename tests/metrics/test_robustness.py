"""The metric rules never raise, whatever valid Python they are given."""

from __future__ import annotations

import hypothesmith
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.rules.code import ig201_accuracy_only, ig202_split_without_stratify


def _config() -> Config:
    config = Config()
    config.enabled_codes = frozenset({"IG201", "IG202"})
    return config


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(source=hypothesmith.from_grammar())
def test_rules_never_raise_on_valid_python(source):
    source = "import sklearn\n" + source  # the rules skip units that import no ML library
    unit = CodeUnit("generated.py", source, "python", raw_text=source)
    try:
        unit.tree  # noqa: B018
    except (SyntaxError, ValueError, RecursionError):
        return  # hypothesmith occasionally produces what this Python cannot parse
    for rule in (ig201_accuracy_only, ig202_split_without_stratify):
        for finding in rule.ig_check_code(unit=unit, config=_config()):
            assert finding.location.line is not None


_FRAGMENTS = [
    "{m} = RandomForestClassifier()",
    "{m} = LinearRegression()",
    "{m} = make_pipeline(StandardScaler(), LogisticRegression())",
    "{m}.fit({a}, {b})",
    "{a}, {c}, {b}, {d} = train_test_split({a}, {b})",
    "{a}, {c}, {b}, {d} = train_test_split({a}, {b}, stratify={b})",
    "print(accuracy_score({d}, {m}.predict({c})))",
    "print({m}.score({c}, {d}))",
    "cross_val_score({m}, {a}, {b}, scoring='accuracy')",
    "cross_val_score({m}, {a}, {b}, cv=KFold(5))",
    "{k} = KFold(3)",
    "for {i}, {j} in {k}.split({a}):\n    {m}.fit({a}[{i}], {b}[{i}])",
    "if {b}:\n    {m} = SVC()\nelse:\n    {m} = Ridge()",
    "def {f}({a}):\n    return {m}.score({a}, {b})",
    "{m} = {f}({a})",
    "{models} = {{'x': {m}, 'y': SVC()}}",
    "for {n}, {m} in {models}.items():\n    print(accuracy_score({b}, {m}.predict({a})))",
]
_HEADER = (
    "from sklearn.ensemble import RandomForestClassifier\n"
    "from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge\n"
    "from sklearn.metrics import accuracy_score, f1_score\n"
    "from sklearn.model_selection import KFold, cross_val_score, train_test_split\n"
    "from sklearn.pipeline import make_pipeline\n"
    "from sklearn.preprocessing import StandardScaler\n"
    "from sklearn.svm import SVC\n"
)
_NAMES = st.sampled_from(["X", "y", "clf", "model", "X_tr", "y_te", "kf", "df", "m2"])


@st.composite
def programs(draw) -> str:
    lines = draw(st.lists(st.sampled_from(_FRAGMENTS), max_size=12))
    names = {key: draw(_NAMES) for key in "abcdmkijfn"}
    names["models"] = "models"
    return _HEADER + "\n".join(line.format(**names) for line in lines) + "\n"


def _check(source: str) -> list:
    unit = CodeUnit("generated.py", source, "python", raw_text=source)
    return [
        *ig201_accuracy_only.ig_check_code(unit=unit, config=_config()),
        *ig202_split_without_stratify.ig_check_code(unit=unit, config=_config()),
    ]


@settings(max_examples=150, deadline=None)
@given(source=programs())
def test_ml_shaped_programs_never_raise_and_findings_point_into_the_file(source):
    lines = source.splitlines()
    for finding in _check(source):
        assert 1 <= finding.location.line <= len(lines)


@settings(max_examples=100, deadline=None)
@given(source=programs())
def test_an_imbalance_aware_metric_silences_ig201(source):
    findings = _check(source + "print(f1_score(y, y))\n")
    assert not [f for f in findings if f.code == "IG201"]
