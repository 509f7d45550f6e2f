"""Disabled rules are the core's business: the built-in rules no longer ask
``config.is_enabled``, so only the runner (skipping a plugin whose codes are all off,
dropping findings of codes that are off) keeps a disabled code out of the output."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.data.profile import DatasetProfile
from imbalance_guard.rules.code import (
    ig201_accuracy_only,
    ig202_split_without_stratify,
    ig301_resample_before_split,
    ig302_resample_test_data,
    ig303_sampler_in_sklearn_pipeline,
)
from imbalance_guard.rules.data import ig105_label_not_found

# One program that every built-in code rule reports on.
PROGRAM = """\
from imblearn.over_sampling import SMOTE
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
X_res, y_res = SMOTE().fit_resample(X, y)
X_tr, X_te, y_tr, y_te = train_test_split(X_res, y_res)
A_tr, A_te, b_tr, b_te = train_test_split(A, b)
A_te2, b_te2 = SMOTE().fit_resample(A_te, b_te)
LogisticRegression().fit(A_tr, b_tr)
clf = LogisticRegression().fit(X_tr, y_tr)
print(accuracy_score(y_te, clf.predict(X_te)))
pipe = Pipeline([("s", SMOTE()), ("m", LogisticRegression())])
"""

CODE_RULES = [
    ig201_accuracy_only,
    ig202_split_without_stratify,
    ig301_resample_before_split,
    ig302_resample_test_data,
    ig303_sampler_in_sklearn_pipeline,
]
ALL_CODES = sorted(module.RULE.code for module in CODE_RULES)


def _nothing_enabled() -> Config:
    return Config(enabled_codes=frozenset())


@pytest.mark.parametrize("module", CODE_RULES, ids=lambda m: m.RULE.code)
def test_a_code_rule_does_not_ask_whether_it_is_enabled(module: ModuleType):
    unit = CodeUnit("a.py", PROGRAM, "python", raw_text=PROGRAM)
    found = module.ig_check_code(unit=unit, config=_nothing_enabled())
    assert found and {f.code for f in found} == {module.RULE.code}


def test_ig105_does_not_ask_whether_it_is_enabled():
    profile = DatasetProfile("d.csv", "csv", columns=("a", "b"), missing_label_columns=("label",))
    [finding] = ig105_label_not_found.ig_check_dataset(dataset=profile, config=_nothing_enabled())
    assert finding.code == "IG105"


def _codes(run_cli, *args: str) -> list[str]:
    result = run_cli("check", "--output-format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return sorted({f["code"] for f in json.loads(result.output)})


def test_every_built_in_code_rule_reports_on_the_program(project: Path, run_cli):
    (project / "a.py").write_text(PROGRAM)
    assert _codes(run_cli, "a.py") == ALL_CODES


@pytest.mark.parametrize("code", ALL_CODES)
def test_an_ignored_built_in_rule_reports_nothing(project: Path, run_cli, code: str):
    # The rule itself would report (see above): the runner alone keeps it out.
    (project / "a.py").write_text(PROGRAM)
    assert _codes(run_cli, "--ignore", code, "a.py") == [c for c in ALL_CODES if c != code]
    assert _codes(run_cli, "--select", code, "a.py") == [code]


def test_an_ignored_dataset_rule_reports_nothing(project: Path, run_cli):
    (project / "d.csv").write_text("a,b\n1,2\n")
    assert _codes(run_cli, "--label", "label", "d.csv") == ["IG105"]
    result = run_cli("check", "--label", "label", "--ignore", "IG105", "d.csv")
    assert result.exit_code == 0, result.output
