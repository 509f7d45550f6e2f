"""The bundled examples are the README's demo: each leaky file is flagged, each clean one is not."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from imbalance_guard.cli import cli

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_examples_show_each_mistake_beside_a_clean_counterpart(monkeypatch):
    monkeypatch.chdir(EXAMPLES)
    result = CliRunner().invoke(cli, ["check", "--output-format", "json", "."])
    assert result.exit_code == 1, result.output
    found = {(item["filename"], item["code"]) for item in json.loads(result.output)}
    assert found == {
        ("fraud_leaky.py", "IG301"),
        ("fraud_leaky.py", "IG201"),
        ("churn_accuracy_only.ipynb", "IG201"),
        ("churn_accuracy_only.ipynb", "IG202"),
        ("transactions.csv", "IG101"),
    }
    for clean in ("fraud_clean.py", "churn_clean.ipynb", "customers.csv"):
        assert CliRunner().invoke(cli, ["check", clean]).exit_code == 0, clean
