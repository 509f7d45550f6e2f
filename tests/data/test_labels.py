"""Which column is the label: detected, configured (name, list, globs), --label; IG105."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from imbalance_guard.config import Config
from imbalance_guard.data import labels
from tests.data.conftest import labels_of, write_dataset

SKEWED = labels_of({0: 92, 1: 8})  # 11.5:1, no class under 6 rows


def check_json(run_cli, *args: str) -> tuple[int, list[dict]]:
    result = run_cli("check", "--output-format", "json", *args)
    return result.exit_code, json.loads(result.output)


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (["id", "amount", "Class"], "Class"),
        (["TARGET", "x"], "TARGET"),
        (["x", "Is Fraud"], "Is Fraud"),
        (["is-fraud", "label"], "label"),  # the better-ranked name wins
        (["Survived", "Pclass"], "Survived"),
        (["y", "x1"], "y"),
        (["code", "name"], None),
        (["classification", "labelled"], None),  # whole names only
    ],
)
def test_detect_by_common_names(columns, expected):
    assert labels.detect(columns) == expected


def test_detected_label_is_checked(project, run_cli):
    write_dataset(project / "d.parquet", {"Outcome": SKEWED, "x": list(range(100))})
    status, found = check_json(run_cli, "d.parquet")
    assert status == 1 and found[0]["label_column"] == "Outcome"


def test_file_without_label_is_not_checked_and_says_so(project, run_cli):
    write_dataset(project / "lookup.csv", {"code": [1, 2], "name": ["a", "b"]})
    result = run_cli("check", "lookup.csv")
    assert result.exit_code == 0
    assert result.stderr.startswith(
        "imbalance-guard: warning: lookup.csv: no label column recognised by name, so no "
        "label was checked (columns: code, name); name it with `--label COLUMN` or "
        '`label = "COLUMN"` in [tool.imbalance-guard.data]\n'
    )
    assert "All checks passed" not in result.stdout
    assert "1 dataset not checked: no label column recognised by name in lookup.csv" in (
        result.stdout
    )
    # Named, it is checked (two one-row classes: IG102), and nothing is left to warn about.
    named = run_cli("check", "--label", "code", "lookup.csv")
    assert named.exit_code == 1 and named.stderr == "" and "IG102" in named.stdout
    assert "not checked" not in named.stdout


def test_configured_label_wins_over_detection(project, run_cli):
    write_dataset(project / "d.csv", {"label": labels_of({0: 50, 1: 50}), "status": SKEWED})
    (project / "pyproject.toml").write_text('[tool.imbalance-guard.data]\nlabel = "status"\n')
    status, found = check_json(run_cli, "d.csv")
    assert status == 1 and [f["label_column"] for f in found] == ["status"]


def test_cli_label_overrides_configuration(project, run_cli):
    write_dataset(project / "d.csv", {"label": labels_of({0: 50, 1: 50}), "status": SKEWED})
    (project / "pyproject.toml").write_text('[tool.imbalance-guard.data]\nlabel = "label"\n')
    assert run_cli("check", "d.csv").exit_code == 0
    status, found = check_json(run_cli, "--label", "status", "d.csv")
    assert status == 1 and found[0]["label_column"] == "status"


def test_several_targets(project, run_cli):
    write_dataset(
        project / "d.feather",
        {"fraud": SKEWED, "chargeback": labels_of({"n": 99, "y": 1}), "x": list(range(100))},
    )
    status, found = check_json(run_cli, "--label", "fraud", "--label", "chargeback", "d.feather")
    assert status == 1
    assert {(f["code"], f["label_column"]) for f in found} == {
        ("IG101", "fraud"),
        ("IG101", "chargeback"),
        ("IG102", "chargeback"),
    }


def test_table_of_globs_to_columns(project, run_cli):
    (project / "data").mkdir()
    write_dataset(project / "data" / "customers.csv", {"churned_flag": SKEWED})
    write_dataset(project / "data" / "orders.jsonl", {"returned": ["y"] * 10})
    write_dataset(project / "other.csv", {"target": SKEWED})
    (project / "pyproject.toml").write_text(
        "[tool.imbalance-guard.data.label]\n"
        '"data/customers*.csv" = "churned_flag"\n'
        '"orders.jsonl" = ["returned"]\n'
    )
    status, found = check_json(run_cli, ".")
    assert status == 1
    assert {(f["filename"], f["code"], f["label_column"]) for f in found} == {
        ("data/customers.csv", "IG101", "churned_flag"),
        ("data/orders.jsonl", "IG103", "returned"),
        ("other.csv", "IG101", "target"),  # no glob matches: detected
    }


def test_configured_label_missing_is_ig105(project, run_cli):
    write_dataset(project / "d.parquet", {"id": [1, 2], "Target": [0, 1]})
    status, found = check_json(run_cli, "--label", "target", "d.parquet")
    assert status == 1
    assert [f["code"] for f in found] == ["IG105"]
    assert "label column `target` is not in the file" in found[0]["message"]
    assert "`id`, `Target`" in found[0]["message"]
    assert "did you mean `Target`" in found[0]["message"]


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl", "feather"])
def test_regression_target_is_skipped_with_a_note(project, run_cli, fmt):
    values = [i * 0.37 for i in range(200)]
    write_dataset(project / f"house.{fmt}", {"sqft": list(range(200)), "target": values})
    result = run_cli("check", "-v", f"house.{fmt}")
    assert result.exit_code == 0, result.output
    assert f"house.{fmt}: `target` skipped: float values such as" in result.output
    assert "regression target" in result.output


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_few_distinct_non_integer_floats_are_regression(project, run_cli, fmt):
    write_dataset(project / f"r.{fmt}", {"target": [0.5] * 50 + [1.5] * 3})
    result = run_cli("check", "-v", f"r.{fmt}")
    assert result.exit_code == 0
    assert "float values such as" in result.output


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_integer_valued_floats_are_classes(project, run_cli, fmt):
    write_dataset(project / f"f.{fmt}", {"target": [0.0] * 95 + [1.0] * 5})
    status, found = check_json(run_cli, f"f.{fmt}")
    assert status == 1 and found[0]["data"]["profile"]["counts"] == {"0": 95, "1": 5}


def test_max_classes_bounds_integer_labels(project, run_cli):
    write_dataset(project / "d.parquet", {"class": [i % 60 for i in range(600)]})
    result = run_cli("check", "-v", "d.parquet")
    assert result.exit_code == 0
    assert "more than 50 distinct values (max-classes)" in result.output
    (project / "pyproject.toml").write_text("[tool.imbalance-guard.data]\nmax-classes = 60\n")
    assert run_cli("check", "d.parquet").exit_code == 0  # 60 balanced classes: nothing to say
    assert "skipped" not in run_cli("check", "-v", "d.parquet").output


def test_booleans_and_categoricals_are_classes(project, run_cli):
    import pyarrow as pa
    import pyarrow.feather as feather

    table = pa.table(
        {
            "flag": pa.array([True] * 95 + [False] * 5),
            "label": pa.array(["a"] * 95 + ["b"] * 5).dictionary_encode(),
        }
    )
    feather.write_feather(table, project / "d.feather")
    status, found = check_json(run_cli, "--label", "flag", "--label", "label", "d.feather")
    assert status == 1
    by_column = {f["label_column"]: f for f in found if f["code"] == "IG101"}
    assert by_column["flag"]["data"]["profile"]["counts"] == {"True": 95, "False": 5}
    assert "{False: 10.0, True: 0.5263}" in by_column["flag"]["suggestion"]
    assert by_column["label"]["data"]["profile"]["dtype"] == "category"


def test_configured_labels_unit():
    config = Config(root=Path("/p"))
    setting = {"data/*.csv": "y", "b.parquet": ["a", "b"]}
    assert labels.configured_labels(setting, Path("/p/data/x.csv"), config.root) == ["y"]
    assert labels.configured_labels(setting, Path("/p/q/b.parquet"), config.root) == ["a", "b"]
    assert labels.configured_labels(setting, Path("/p/c.csv"), config.root) is None
    assert labels.configured_labels("t", Path("/p/c.csv"), config.root) == ["t"]
    assert labels.configured_labels(None, Path("/p/c.csv"), config.root) is None
