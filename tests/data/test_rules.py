"""Each dataset rule through the CLI, on small generated files in every format."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from imbalance_guard.cli import cli
from tests.data.conftest import FORMATS, labels_of, write_dataset


def findings(run_cli, *args: str) -> tuple[int, list[dict]]:
    result = run_cli("check", "--output-format", "json", *args)
    return result.exit_code, json.loads(result.output)


def codes(found: list[dict]) -> list[str]:
    return sorted(f["code"] for f in found)


@pytest.mark.parametrize("fmt", FORMATS)
def test_skewed_labels_in_every_format(project, run_cli, fmt):
    labels = labels_of({0: 1960, 1: 40})
    write_dataset(project / f"tx.{fmt}", {"amount": list(range(2000)), "is_fraud": labels})
    status, found = findings(run_cli, f"tx.{fmt}")
    assert status == 1
    assert codes(found) == ["IG101"]
    finding = found[0]
    assert finding["filename"] == f"tx.{fmt}"
    assert finding["label_column"] == "is_fraud"
    assert "0: 1,960 (98%), 1: 40 (2%)" in finding["message"]
    assert 'class_weight="balanced" gives {0: 0.5102, 1: 25.0}' in finding["suggestion"]
    profile = finding["data"]["profile"]
    assert profile["rows"] == 2000 and profile["missing"] == 0
    assert profile["counts"] == {"0": 1960, "1": 40}
    assert profile["imbalance_ratio"] == pytest.approx(49.0)


@pytest.mark.parametrize("fmt", FORMATS)
def test_rare_class_in_every_format(project, run_cli, fmt):
    labels = labels_of({"benign": 60, "malignant": 40, "rare": 3})
    write_dataset(project / f"d.{fmt}", {"x": list(range(103)), "diagnosis": labels})
    status, found = findings(run_cli, "--select", "IG102", f"d.{fmt}")
    assert status == 1
    assert codes(found) == ["IG102"]
    assert "1 class has fewer than 6 rows ('rare': 3)" in found[0]["message"]
    assert "RandomOverSampler" in found[0]["suggestion"]
    assert found[0]["data"]["rare_classes"] == {"rare": 3}


@pytest.mark.parametrize("fmt", FORMATS)
def test_single_class_in_every_format(project, run_cli, fmt):
    write_dataset(project / f"d.{fmt}", {"x": [1, 2, 3, 4], "churn": ["no"] * 4})
    status, found = findings(run_cli, f"d.{fmt}")
    assert status == 1
    assert codes(found) == ["IG103"]
    assert "every labelled row is 'no' (4 of 4 rows)" in found[0]["message"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_missing_labels_in_every_format(project, run_cli, fmt):
    labels = labels_of({"a": 50, "b": 45}, missing=5)
    write_dataset(project / f"d.{fmt}", {"x": list(range(100)), "label": labels})
    status, found = findings(run_cli, f"d.{fmt}")
    assert status == 1
    assert codes(found) == ["IG104"]
    assert "5 missing labels of 100 rows (5%)" in found[0]["message"]
    assert found[0]["data"]["profile"]["missing"] == 5


@pytest.mark.parametrize("fmt", FORMATS)
def test_balanced_labels_pass_in_every_format(project, run_cli, fmt):
    write_dataset(
        project / f"d.{fmt}", {"x": list(range(100)), "target": labels_of({0: 60, 1: 40})}
    )
    result = run_cli("check", f"d.{fmt}")
    assert result.exit_code == 0, result.output
    assert "All checks passed! (1 file checked)" in result.output


def test_thresholds_come_from_configuration(project, run_cli):
    labels = labels_of({0: 90, 1: 5}, missing=5)
    write_dataset(project / "d.csv", {"x": list(range(100)), "label": labels})
    status, found = findings(run_cli, "d.csv")
    assert status == 1
    assert codes(found) == ["IG101", "IG102", "IG104"]
    (project / "pyproject.toml").write_text(
        "[tool.imbalance-guard.data]\n"
        "max-imbalance-ratio = 20\nmin-class-count = 5\nmax-missing-share = 0.05\n"
    )
    result = run_cli("check", "d.csv")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("max-imbalance-ratio", "0.5", "must be from 1 to 1e+09"),
        ("min-class-count", "'six'", "expected an integer"),
        ("max-missing-share", "1.5", "must be from 0 to 1"),
        ("max-classes", "1", "must be from 2 to 100000"),
        ("label", "3", "expected a string or a list or a table"),
    ],
)
def test_bad_thresholds_are_configuration_errors(project, run_cli, key, value, message):
    (project / "pyproject.toml").write_text(f"[tool.imbalance-guard.data]\n{key} = {value}\n")
    result = CliRunner().invoke(cli, ["check", "."])
    assert result.exit_code == 2
    assert f"data.{key}" in result.output and message in result.output


def test_text_output_draws_the_distribution_once_per_column(project, run_cli):
    write_dataset(project / "d.csv", {"y": labels_of({"no": 97, "yes": 3})})
    result = run_cli("check", "--no-color", "d.csv")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    bars = [line for line in lines if line.startswith("    ") and line.rstrip().endswith("%")]
    assert len(bars) == 2  # one chart (IG101 carries it, IG102 does not repeat it)
    assert bars[0].split()[0] == "no" and bars[0].split()[-1] == "97%"
    assert bars[1].split()[0] == "yes" and bars[1].split()[-1] == "3%"
    assert "IG101" in result.output and "IG102" in result.output


def test_ignoring_a_rule_moves_the_chart_to_the_next(project, run_cli):
    write_dataset(project / "d.csv", {"y": labels_of({"no": 97, "yes": 3})})
    result = run_cli("check", "--no-color", "--ignore", "IG101", "d.csv")
    assert "IG102" in result.output and "█" in result.output


def test_explain_justifies_the_defaults(run_cli):
    text = run_cli("explain", "IG102").output
    assert "k_neighbors=5" in text and "6" in text
    assert "max-imbalance-ratio" in run_cli("explain", "IG101").output
    rules = run_cli("rules").output
    for code in ("IG101", "IG102", "IG103", "IG104", "IG105"):
        assert code in rules
