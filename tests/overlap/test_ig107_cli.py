"""IG107 train-test-overlap end to end: `imbalance-guard check` on small realistic layouts."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

HEADER = "age,income,region,defaulted"
TRAIN_ROWS = [
    "34,52000,north,0",
    "51,31000,south,1",
    "29,47000,east,0",
    "42,88000,west,0",
    "38,39000,north,1",
    "60,25000,south,0",
]


def write_csv(path: Path, header: str, rows: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def ig107(result: Result) -> list[dict]:
    return [f for f in json.loads(result.stdout) if f["code"] == "IG107"]


@pytest.fixture
def check(project: Path, run_cli: Callable[..., Result]) -> Callable[..., Result]:
    def invoke(*args: str) -> Result:
        return run_cli("check", *args, "--no-cache")

    return invoke


def test_shared_rows_are_reported_with_count_share_and_rows(project: Path, check) -> None:
    write_csv(project / "data/train.csv", HEADER, TRAIN_ROWS)
    # rows 2 and 4 are copies of train rows; row 5 differs only in the label
    write_csv(
        project / "data/test.csv",
        HEADER,
        [
            "23,61000,east,0",
            "51,31000,south,1",
            "45,72000,west,1",
            "60,25000,south,0",
            "34,52000,north,1",
        ],
    )
    result = check("data", "--select", "IG107")
    assert result.exit_code == 1
    assert result.output.startswith(
        "data/test.csv: IG107 2 of 5 test rows (40%) also occur in data/train.csv, "
        "compared on all 4 columns: data rows 2 and 4\n"
    )
    assert "drop_duplicates()" in result.output
    found = ig107(check("data", "--select", "IG107", "--output-format", "json"))
    assert len(found) == 1
    assert found[0]["filename"] == "data/test.csv"
    assert found[0]["data"] | {"share": None} == {
        "train": "data/train.csv",
        "test": "data/test.csv",
        "paired_by": "name",
        "shared_rows": 2,
        "test_rows": 5,
        "share": None,
        "examples": [2, 4],
        "columns": ["age", "income", "region", "defaulted"],
        "only_in_train": [],
        "only_in_test": [],
        "excluded": [],
        "compared_by": "value",
    }
    assert found[0]["data"]["share"] == pytest.approx(0.4)


def test_no_shared_rows_no_finding(project: Path, check) -> None:
    write_csv(project / "data/train.csv", HEADER, TRAIN_ROWS)
    write_csv(project / "data/test.csv", HEADER, ["23,61000,east,0", "34,52000,north,1"])
    result = check("data", "--select", "IG107")
    assert result.exit_code == 0, result.output
    assert "IG107" not in result.output


def test_column_order_does_not_matter(project: Path, check) -> None:
    write_csv(project / "train.csv", HEADER, TRAIN_ROWS)
    write_csv(project / "test.csv", "defaulted,region,age,income", ["1,south,51,31000"])
    result = check("train.csv", "test.csv", "--select", "IG107")
    assert result.exit_code == 1
    assert (
        "IG107 1 of 1 test rows (100%) also occur in train.csv, compared on all 4 columns: "
        "data row 1" in result.output
    )


def test_duplicates_in_test_count_per_row(project: Path, check) -> None:
    write_csv(project / "train.csv", HEADER, [*TRAIN_ROWS, TRAIN_ROWS[0]])  # twice in train
    write_csv(project / "test.csv", HEADER, [TRAIN_ROWS[0]] * 3 + ["1,2,x,0"])
    found = ig107(check(".", "--select", "IG107", "--output-format", "json"))
    assert [
        (f["data"]["shared_rows"], f["data"]["test_rows"], f["data"]["examples"]) for f in found
    ] == [(3, 4, [1, 2, 3])]


def test_different_headers_compare_on_the_shared_columns_and_say_so(project: Path, check) -> None:
    write_csv(
        project / "data/train.csv", "id," + HEADER, [f"{i},{r}" for i, r in enumerate(TRAIN_ROWS)]
    )
    write_csv(project / "data/test.csv", HEADER + ",weight", ["29,47000,east,0,0.5", "1,1,x,1,1"])
    result = check("data", "--select", "IG107")
    assert result.exit_code == 1
    assert (
        "IG107 1 of 2 test rows (50%) also occur in data/train.csv, compared on the 4 columns "
        "both files have (only in the test file: `weight`; only in the train file: `id`): "
        "data row 1" in result.output
    )


def test_excluded_columns_are_not_compared(project: Path, check) -> None:
    """A row number across both files makes every row unique, and hides the copies."""
    write_csv(
        project / "train.csv", "row_id," + HEADER, [f"{i},{r}" for i, r in enumerate(TRAIN_ROWS)]
    )
    write_csv(project / "test.csv", "row_id," + HEADER, [f"100,{TRAIN_ROWS[2]}", "101,1,1,x,1"])
    assert check(".", "--select", "IG107").exit_code == 0
    (project / "pyproject.toml").write_text(
        '[tool.imbalance-guard.data]\noverlap-exclude-columns = ["row_id", "absent"]\n'
    )
    result = check(".", "--select", "IG107")
    assert result.exit_code == 1
    assert (
        "test.csv: IG107 1 of 2 test rows (50%) also occur in train.csv, compared on 4 columns "
        "(without `row_id`): data row 1" in result.output
    )
    (project / "test.csv").write_text(f"row_id,{HEADER},note\n7,{TRAIN_ROWS[2]},x\n")
    result = check(".", "--select", "IG107")
    assert (
        "compared on the 4 columns both files have (without `row_id`; only in the test file: "
        "`note`): data row 1" in result.output
    )


def test_no_column_in_common_is_not_compared(project: Path, check) -> None:
    write_csv(project / "train.csv", "a,b", ["1,2"])
    write_csv(project / "test.csv", "c,d", ["1,2"])
    result = check(".", "--select", "IG107")
    assert result.exit_code == 0, result.output


def test_values_are_compared_as_the_csv_text(project: Path, check) -> None:
    # `1` and `1.0` are different text; an empty field and "" are both missing, and equal
    write_csv(project / "train.csv", "x,y", ["1,a", ",b", "2,"])
    write_csv(project / "test.csv", "x,y", ["1.0,a", '"",b', '2,""', " 2,"])
    found = ig107(check(".", "--select", "IG107", "--output-format", "json"))
    assert [(f["data"]["shared_rows"], f["data"]["examples"]) for f in found] == [(2, [2, 3])]


@pytest.mark.parametrize(
    ("train", "test"),
    [
        ("data/train.csv", "data/valid.csv"),
        ("data/train.csv", "data/val.csv"),
        ("data/loans_train.csv", "data/loans_test.csv"),
        ("data/train_loans.tsv", "data/test_loans.tsv"),
        ("data/train/loans.csv", "data/test/loans.csv"),
    ],
)
def test_each_naming_pattern(project: Path, check, train: str, test: str) -> None:
    sep = "\t" if train.endswith(".tsv") else ","
    rows = [r.replace(",", sep) for r in TRAIN_ROWS]
    write_csv(project / train, HEADER.replace(",", sep), rows)
    write_csv(project / test, HEADER.replace(",", sep), [rows[3], "1,2,3,4".replace(",", sep)])
    result = check("data", "--select", "IG107")
    assert result.exit_code == 1, result.output
    assert f"{test}: IG107 1 of 2 test rows (50%) also occur in {train}, " in result.output


def test_parquet_values_keep_their_types(project: Path, check) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    data = project / "data"
    data.mkdir()
    pq.write_table(
        pa.table({"x": [1.0, 2.5, 3.0], "name": ["a", "b", None], "y": [0, 1, 0]}),
        data / "train.parquet",
    )
    pq.write_table(
        pa.table({"y": [1, 0, 0, 1], "x": [2.5, 3.0, 3.0, 9.0], "name": ["b", None, "c", "b"]}),
        data / "test.parquet",
    )
    found = ig107(check("data", "--select", "IG107", "--output-format", "json"))
    assert [
        (f["data"]["shared_rows"], f["data"]["test_rows"], f["data"]["examples"]) for f in found
    ] == [(2, 4, [1, 2])]


def test_json_lines_values_as_the_file_writes_them(project: Path, check) -> None:
    import gzip

    train = [{"a": 1, "b": "x"}, {"a": 2, "b": None}, {"b": "z", "a": 3.5, "c": [1, 2]}]
    test = [
        {"b": "x", "a": 1},  # keys in another order: shared
        {"a": 2},  # a missing key is null: shared
        {"a": 3.5, "b": "z", "c": [2, 1]},  # another list
        {"a": 1.0, "b": "x"},  # 1.0 is not written as 1
        {"a": 3.5, "b": "z", "c": [1, 2]},  # shared
    ]
    (project / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in train))
    text = "".join(json.dumps(r) + "\n" for r in test)
    (project / "test.jsonl.gz").write_bytes(gzip.compress(text.encode()))
    found = ig107(check(".", "--select", "IG107", "--output-format", "json"))
    assert [
        (f["data"]["shared_rows"], f["data"]["test_rows"], f["data"]["examples"]) for f in found
    ] == [(3, 5, [1, 2, 5])]


def test_declared_pair_any_names(project: Path, check) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.imbalance-guard.data]\nsplits = [["data/fit_me.csv", "data/holdout.csv"]]\n'
    )
    write_csv(project / "data/fit_me.csv", HEADER, TRAIN_ROWS)
    write_csv(project / "data/holdout.csv", HEADER, [TRAIN_ROWS[1], "9,9,x,0", "8,8,y,1"])
    # only the held-out file is checked (a pre-commit run): it is still compared
    result = check("data/holdout.csv", "--select", "IG107")
    assert result.exit_code == 1
    assert (
        "data/holdout.csv: IG107 1 of 3 test rows (33%) also occur in data/fit_me.csv, "
        "compared on all 4 columns: data row 1" in result.output
    )
    found = ig107(check("data", "--select", "IG107", "--output-format", "json"))
    assert [f["data"]["paired_by"] for f in found] == ["config"]


def test_declared_file_that_does_not_exist_is_ig001(project: Path, check) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.imbalance-guard.data]\nsplits = [["data/train.csv", "data/tset.csv"]]\n'
    )
    write_csv(project / "data/train.csv", HEADER, TRAIN_ROWS)
    result = check("data", "--select", "IG001,IG107")
    assert result.exit_code == 1
    assert (
        "data/tset.csv: IG001 declared in splits ([tool.imbalance-guard.data]) but there is no "
        "such file" in result.output
    )


def test_code_only_run_with_declared_pair_reads_no_data(project: Path, check) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.imbalance-guard.data]\nsplits = [["data/train.csv", "data/missing.csv"]]\n'
    )
    (project / "train.py").write_text("print('hi')\n")
    result = check("train.py")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('splits = "data/train.csv"', "data.splits: expected a list"),
        ('splits = [["data/train.csv"]]', "data.splits: pair 1 must be a list of two file paths"),
        ('splits = [["a.csv", "a.csv"]]', "data.splits: pair 1 names the same file twice"),
        ("max-overlap-share = 1.5", "data.max-overlap-share: must be from 0 to 1 (got 1.5)"),
        ("max-overlap-share = nan", "data.max-overlap-share: must be from 0 to 1"),
        ('max-overlap-share = "10%"', "data.max-overlap-share: expected an integer or a number"),
        (
            "overlap-exclude-columns = [1]",
            "data.overlap-exclude-columns: expected a list of column",
        ),
        ('overlap-exclude-columns = "id"', "data.overlap-exclude-columns: expected a list"),
    ],
)
def test_malformed_settings_exit_2(project: Path, check, toml: str, message: str) -> None:
    (project / "pyproject.toml").write_text(f"[tool.imbalance-guard.data]\n{toml}\n")
    write_csv(project / "train.csv", HEADER, TRAIN_ROWS)
    result = check(".")
    assert result.exit_code == 2
    assert message in result.output


def test_max_overlap_share_raises_the_threshold(project: Path, check) -> None:
    write_csv(project / "train.csv", HEADER, TRAIN_ROWS)
    write_csv(project / "test.csv", HEADER, [TRAIN_ROWS[0], "1,1,a,0", "2,2,b,0", "3,3,c,1"])
    (project / "pyproject.toml").write_text(
        "[tool.imbalance-guard.data]\nmax-overlap-share = 0.25\n"
    )
    assert check(".", "--select", "IG107").exit_code == 0  # 25% is allowed
    (project / "pyproject.toml").write_text(
        "[tool.imbalance-guard.data]\nmax-overlap-share = 0.2\n"
    )
    result = check(".", "--select", "IG107")
    assert result.exit_code == 1
    assert "IG107 1 of 4 test rows (25%)" in result.output


def test_per_file_ignore_and_ignore_silence_it(project: Path, check) -> None:
    write_csv(project / "train.csv", HEADER, TRAIN_ROWS)
    write_csv(project / "test.csv", HEADER, [TRAIN_ROWS[0]])
    assert check(".", "--select", "IG107").exit_code == 1
    assert check(".", "--select", "IG107", "--ignore", "IG107").exit_code == 0
    (project / "pyproject.toml").write_text(
        '[tool.imbalance-guard]\nper-file-ignores = {"test.csv" = ["IG107"]}\n'
    )
    assert check(".", "--select", "IG107").exit_code == 0


def test_unicode_names_and_values(project: Path, check) -> None:
    write_csv(project / "données/train.csv", "âge,région", ["34,Île-de-France", "51,東京"])
    write_csv(project / "données/test.csv", "région,âge", ["東京,51", "東京,52"])
    result = check("données", "--select", "IG107")
    assert result.exit_code == 1
    assert "données/test.csv: IG107 1 of 2 test rows (50%) also occur in données/train.csv" in (
        result.output
    )


def test_a_file_that_is_not_read_is_not_compared(project: Path, check) -> None:
    write_csv(project / "train.csv", HEADER, TRAIN_ROWS)
    (project / "test.csv").write_text(HEADER + "\n1,2\n")  # a short row: IG001
    result = check(".", "--select", "IG001,IG107")
    assert result.exit_code == 1
    assert "test.csv: IG001" in result.output
    assert "IG107" not in result.output


def test_explain_and_rules(run_cli) -> None:
    assert "IG107" in run_cli("rules").output
    text = run_cli("explain", "IG107").output
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in text
    for part in (
        "## What it does",
        "max-overlap-share",
        "splits",
        "hash collision",
        "Near-duplicates",
        "SMOTE",
    ):
        assert part in text


PROBE = """
import json, sys
from imbalance_guard.cli import main
sys.argv = ["imbalance-guard", "check", "--no-cache", *sys.argv[1:]]
try:
    main()
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "heavy": sorted(
    m for m in ("duckdb", "pandas", "pyarrow", "polars") if m in sys.modules)}))
"""


def probe(cwd: Path, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_checking_code_does_not_import_duckdb(tmp_path: Path) -> None:
    """A declared pair and a named pair on disk: a run of code files reads none of them."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.imbalance-guard.data]\nsplits = [["train.csv", "test.csv"]]\n'
    )
    write_csv(tmp_path / "train.csv", HEADER, TRAIN_ROWS)
    write_csv(tmp_path / "test.csv", HEADER, TRAIN_ROWS)
    (tmp_path / "train.py").write_text("x = 1\n")
    assert probe(tmp_path, "train.py") == {"code": 0, "heavy": []}
    # control: the same probe sees the engine when the pair is checked
    assert probe(tmp_path, "train.csv", "test.csv", "--select", "IG107") == {
        "code": 1,
        "heavy": ["duckdb"],
    }
