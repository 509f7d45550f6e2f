"""The metric rules never raise on generated training code, and their findings hold."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ml_programs import Program, programs

from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.rules.code import ig201_accuracy_only, ig202_split_without_stratify


def _config() -> Config:
    config = Config()
    config.enabled_codes = frozenset({"IG201", "IG202"})
    return config


# At least 200 examples (more under HYPOTHESIS_PROFILE=nightly); generation time depends
# on the machine's load, the only health check relaxed.
_PROPERTY = settings(
    max_examples=max(200, settings.default.max_examples),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@_PROPERTY
@given(program=programs())
def test_rules_never_raise_on_generated_training_code(program: Program) -> None:
    """Scripts of the shared grammar (tests/ml_programs.py) reach the rules' real paths."""
    source = program.script()
    lines = source.splitlines()
    for rule in (ig201_accuracy_only, ig202_split_without_stratify):
        unit = CodeUnit("generated.py", source, "python", raw_text=source)
        for finding in rule.ig_check_code(unit=unit, config=_config()):
            assert 1 <= finding.location.line <= len(lines)
            line = lines[finding.location.line - 1]
            assert any(word in line for word in _FLAGGED[finding.code]), (finding, line)


# What the line of each finding must hold: the call the finding is about.
_FLAGGED = {
    "IG201": ("accuracy", ".score(", "cross_val_score", "GridSearchCV"),
    "IG202": ("train_test_split", "KFold"),
}


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
def fragment_programs(draw) -> str:
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


@_PROPERTY
@given(source=fragment_programs())
def test_ml_shaped_programs_never_raise_and_findings_point_into_the_file(source):
    lines = source.splitlines()
    for finding in _check(source):
        assert 1 <= finding.location.line <= len(lines)


@_PROPERTY
@given(source=fragment_programs())
def test_an_imbalance_aware_metric_silences_ig201(source):
    findings = _check(source + "print(f1_score(y, y))\n")
    assert not [f for f in findings if f.code == "IG201"]
