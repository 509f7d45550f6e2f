"""`imbalance-guard check DATA --schema ...`: IG106 findings, exit statuses, bad schemas."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from click.testing import Result

from imbalance_guard import hookimpl
from imbalance_guard.data.profile import DatasetProfile
from tests.pandera.conftest import SKEWED

ROOT = Path(__file__).resolve().parents[2]


class ColumnsOnly:
    """A minimal dataset reader, so these tests do not depend on the label detection."""

    @hookimpl
    def ig_read_dataset(self, target, config):
        return DatasetProfile(path=target.display, format=target.format)


SCHEMA = textwrap.dedent(
    """\
    schema_type: dataframe
    columns:
      is_fraud:
        dtype: str
        class_balance:
          max_imbalance_ratio: 10
        no_missing_labels: {}
      amount:
        dtype: float64
        ge: 0
    """
)

MODELS = textwrap.dedent(
    """\
    import pandera.pandas as pa
    import pandera.polars as pap

    import imbalance_guard.pandera  # noqa: F401


    class Transactions(pa.DataFrameModel):
        is_fraud: str = pa.Field(class_balance={"max_imbalance_ratio": 100, "min_class_count": 2})
        amount: float = pa.Field(ge=0)


    class PolarsTransactions(pap.DataFrameModel):
        is_fraud: str = pap.Field(class_balance={"max_imbalance_ratio": 10})


    not_a_schema = 42
    """
)


@pytest.fixture
def data(project: Path) -> Path:
    frame = pd.DataFrame({"is_fraud": SKEWED, "amount": [10.0] * (len(SKEWED) - 1) + [-1.0]})
    frame.to_parquet(project / "tx.parquet")
    frame.to_csv(project / "tx.csv", index=False)
    (project / "schema.yaml").write_text(SCHEMA)
    (project / "models.py").write_text(MODELS)
    return project


@pytest.fixture
def check(run_cli: Callable[..., Result]) -> Callable[..., Result]:
    def invoke(*args: str) -> Result:
        return run_cli("check", "--no-color", *args, plugins=[ColumnsOnly()])

    return invoke


def findings(result: Result) -> list[dict]:
    return [f for f in json.loads(result.output) if f["code"] == "IG106"]


@pytest.mark.parametrize("name", ["tx.parquet", "tx.csv"])
def test_yaml_schema_failures_are_ig106_findings(data: Path, check, name: str) -> None:
    result = check(name, "--schema", "schema.yaml", "--output-format", "json")
    assert result.exit_code == 1, result.output
    found = sorted(findings(result), key=lambda f: f["label_column"])
    assert [(f["label_column"], f["data"]["check"]) for f in found] == [
        ("amount", "greater_than_or_equal_to"),
        ("is_fraud", "class_balance"),
    ]
    balance = found[1]
    assert balance["filename"] == name
    assert balance["message"].startswith("column `is_fraud` fails `class_balance`: ")
    assert "legit: 60" in balance["message"] and "fraud: 4" in balance["message"]
    assert "class_weight" in balance["suggestion"]  # the dataset rules' own suggestion
    assert "failure cases: -1.0" in found[0]["message"]


def test_text_output(data: Path, check) -> None:
    result = check("tx.parquet", "--schema", "schema.yaml")
    assert result.exit_code == 1
    assert "tx.parquet: IG106 column `is_fraud` fails `class_balance`: `is_fraud` is skewed" in (
        result.output
    )


def test_model_in_a_file(data: Path, check) -> None:
    result = check("tx.parquet", "--schema", "models.py:Transactions", "--output-format", "json")
    assert result.exit_code == 1
    # 60:4 passes the model's own thresholds (100, 2); only the negative amount fails
    assert [f["label_column"] for f in findings(result)] == ["amount"]


def test_polars_model_reads_with_polars(data: Path, check) -> None:
    result = check("tx.csv", "--schema", "models.py:PolarsTransactions", "--output-format", "json")
    assert result.exit_code == 1
    (found,) = findings(result)
    assert found["label_column"] == "is_fraud"
    assert found["message"].startswith("column `is_fraud` fails `class_balance`: `is_fraud` is")
    assert 'ImbalanceCheckFailure("' not in found["message"]


def test_passing_schema_exits_zero(data: Path, check) -> None:
    (data / "ok.yaml").write_text(
        "schema_type: dataframe\ncolumns:\n  amount:\n    dtype: float64\n"
    )
    assert check("tx.parquet", "--schema", "ok.yaml").exit_code in (0, 1)
    result = check("tx.parquet", "--schema", "ok.yaml", "--select", "IG106")
    assert result.exit_code == 0, result.output


def test_schema_from_configuration(data: Path, check) -> None:
    (data / "pyproject.toml").write_text('[tool.imbalance-guard.data]\nschema = "schema.yaml"\n')
    result = check("tx.parquet", "--select", "IG106", "--output-format", "json")
    assert result.exit_code == 1
    assert len(findings(result)) == 2


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("absent.yaml", "absent.yaml: no such file"),
        ("models.py:Nope", "has no 'Nope'"),
        ("models.py:not_a_schema", "not_a_schema is a int, not a pandera DataFrameSchema"),
        ("broken.py:Model", "importing broken.py failed: ZeroDivisionError"),
        ("no_such_module:Model", "importing no_such_module failed: ModuleNotFoundError"),
        ("typo.yaml", "unknown pandera check(s) column 'is_fraud': class_balanse"),
        ("schema", "expected a .yaml/.yml/.json file, or MODULE:NAME"),
    ],
)
def test_bad_schema_exits_2_with_a_clear_message(
    data: Path, check, spec: str, message: str
) -> None:
    (data / "broken.py").write_text("1 / 0\n")
    (data / "typo.yaml").write_text(SCHEMA.replace("class_balance", "class_balanse"))
    result = check("tx.parquet", "--schema", spec)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_help_says_it_reads_the_whole_file(run_cli) -> None:
    result = run_cli("check", "--help")
    assert "--schema FILE|MODULE:NAME" in result.output
    assert "whole dataset into memory" in " ".join(result.output.split())


def test_rule_is_listed_and_explained(run_cli) -> None:
    assert "IG106" in run_cli("rules").output
    text = run_cli("explain", "IG106").output
    assert "## What it does" in text and "whole file into memory" in " ".join(text.split())


def test_checking_code_does_not_import_pandera(tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text("x = 1\n")
    code = (
        "import sys\nfrom imbalance_guard.cli import main\n"
        "sys.argv = ['imbalance-guard', 'check', 'train.py']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pandas', 'pandera', 'polars') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr


def test_missing_column_and_wrong_dtype_are_findings_too(data: Path, check) -> None:
    (data / "other.yaml").write_text(
        "schema_type: dataframe\ncolumns:\n  target:\n    dtype: int64\n  amount:\n    dtype: str\n"
    )
    result = check("tx.parquet", "--schema", "other.yaml", "--select", "IG106")
    assert result.exit_code == 1
    assert "IG106 column `target` fails `column_in_dataframe`: column 'target' not in" in (
        result.output
    )
    assert "IG106 column `amount` fails `dtype(" in result.output


def test_schema_with_the_rule_disabled_is_a_usage_error(data: Path, check) -> None:
    result = check(
        "tx.parquet", "--schema", "schema.yaml", "--disable-plugin", "ig106_schema_violation"
    )
    assert result.exit_code == 2
    assert "option --schema belongs to plugin 'ig106_schema_violation', which is disabled" in (
        result.output
    )


BALANCE_ONLY = textwrap.dedent(
    """\
    schema_type: dataframe
    columns:
      is_fraud:
        dtype: str
        class_balance:
          max_imbalance_ratio: {ratio}
          min_class_count: {count}
    """
)


def codes_by_column(result: Result) -> list[tuple[str, str, str]]:
    return sorted(
        (f["code"], f["label_column"], (f["data"] or {}).get("check", ""))
        for f in json.loads(result.stdout)
    )


@pytest.fixture
def labelled(data: Path, run_cli) -> Callable[..., Result]:
    """The built-in readers: `is_fraud` is detected and checked by IG101-IG104 too."""

    def invoke(ratio: float, count: int, *args: str) -> Result:
        (data / "balance.yaml").write_text(BALANCE_ONLY.format(ratio=ratio, count=count))
        return run_cli(
            "check", "tx.parquet", "--schema", "balance.yaml", "--output-format", "json", *args
        )

    return invoke


def test_ig106_does_not_repeat_what_ig101_and_ig102_report(labelled) -> None:
    # 60:4 is 15:1 (IG101 at 10) and 4 rows (IG102 at 6): the schema says the same.
    result = labelled(10, 6)
    assert result.exit_code == 1
    assert codes_by_column(result) == [("IG101", "is_fraud", ""), ("IG102", "is_fraud", "")]


def test_ig106_keeps_what_only_the_schema_says(data: Path, labelled) -> None:
    # IG102 set to 8 rows, the schema to 6: the same skew, but "rare" means two things.
    (data / "pyproject.toml").write_text("[tool.imbalance-guard.data]\nmin-class-count = 8\n")
    result = labelled(10, 6)
    (ig106,) = [f for f in json.loads(result.stdout) if f["code"] == "IG106"]
    assert "fewer than 6 rows" in ig106["message"] and "skewed" not in ig106["message"]
    # IG102 off: what the schema says about the rare class is not said by anyone else.
    (data / "pyproject.toml").unlink()
    result = labelled(10, 6, "--ignore", "IG102")
    (ig106,) = [f for f in json.loads(result.stdout) if f["code"] == "IG106"]
    assert "fewer than 6 rows" in ig106["message"] and "skewed" not in ig106["message"]
    assert codes_by_column(result) == [
        ("IG101", "is_fraud", ""),
        ("IG106", "is_fraud", "class_balance"),
    ]


def test_ig106_with_other_thresholds_is_reported_in_full(labelled) -> None:
    result = labelled(5, 6)  # the schema is stricter than IG101's 10 about the skew
    found = json.loads(result.stdout)
    (ig106,) = [f for f in found if f["code"] == "IG106"]
    assert "skewed" in ig106["message"] and "over 5x" in ig106["message"]
    assert "fewer than 6 rows" not in ig106["message"]  # IG102 said that, at 6 too
    assert {f["code"] for f in found} == {"IG101", "IG102", "IG106"}


def test_ig106_repeats_nothing_when_ig101_is_off_it_reports(labelled) -> None:
    result = labelled(10, 6, "--ignore", "IG101", "--ignore", "IG102")
    (ig106,) = json.loads(result.stdout)
    assert ig106["code"] == "IG106"
    assert "skewed" in ig106["message"] and "fewer than 6 rows" in ig106["message"]


def test_no_missing_labels_is_not_repeated_after_ig104(project: Path, run_cli) -> None:
    labels = ["legit"] * 30 + ["fraud"] * 30 + [None] * 2
    pd.DataFrame({"is_fraud": labels}).to_parquet(project / "m.parquet")
    (project / "m.yaml").write_text(
        "schema_type: dataframe\ncolumns:\n  is_fraud:\n    dtype: str\n    nullable: true\n"
        "    no_missing_labels: {}\n"
    )
    args = ("check", "m.parquet", "--schema", "m.yaml", "--output-format", "json")
    assert [f["code"] for f in json.loads(run_cli(*args).stdout)] == ["IG104"]
    assert [f["code"] for f in json.loads(run_cli(*args, "--ignore", "IG104").stdout)] == ["IG106"]
