"""The loans project (tests/corpus/projects/loans): the code names its label, the data
sharpens the code findings. Scripts and a notebook read ``../data/...``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1] / "corpus" / "projects" / "loans"

SKEWED = (
    "on data/loans.csv, where `bad_loan_flag` is 1 in 3.0% (30) of 1,000 rows, "
    "always predicting 0 scores 97% accuracy"
)
SPLIT_COUNTS = (
    "on data/loans.csv, `bad_loan_flag` has 2 classes, the smallest (1) 30 of 1,000 rows (3.0%)"
)


@pytest.fixture
def loans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "loans"
    shutil.copytree(PROJECT, root)
    monkeypatch.chdir(root)
    return root


def findings(run_cli, *args: str) -> tuple[int, list[dict]]:
    result = run_cli("check", "--no-cache", "--output-format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def by_code(found: list[dict], code: str) -> list[dict]:
    return [f for f in found if f["code"] == code]


def test_accuracy_on_the_skewed_dataset_quotes_its_counts(loans: Path, run_cli) -> None:
    status, found = findings(run_cli, "scripts/train.py")
    assert status == 1
    (ig201,) = by_code(found, "IG201")
    assert ig201["location"]["row"] == 13
    assert ig201["message"].endswith("it rewards always predicting the majority class: " + SKEWED)


def test_the_stratify_fix_is_safe_when_the_counts_prove_it(loans: Path, run_cli) -> None:
    _, found = findings(run_cli, "scripts/train.py")
    (ig202,) = by_code(found, "IG202")
    assert ig202["message"].endswith("; " + SPLIT_COUNTS)
    assert ig202["fix"]["applicability"] == "safe"
    # and --fix applies it without --unsafe-fixes
    result = run_cli("check", "--no-cache", "--fix", "--select", "IG202", "scripts/train.py")
    assert result.exit_code == 0, result.output
    assert "test_size=0.2, random_state=0, stratify=y)" in (loans / "scripts/train.py").read_text()


def test_a_class_of_one_row_keeps_the_fix_unsafe(loans: Path, run_cli) -> None:
    _, found = findings(run_cli, "scripts/grades.py")
    (ig202,) = by_code(found, "IG202")
    assert ig202["message"].endswith(
        "; on data/grades.csv, `grade` has 3 classes, the smallest (C) 1 of 20 rows (5.0%)"
    )
    assert ig202["fix"]["applicability"] == "unsafe"


def test_a_filtered_frame_keeps_the_fix_unsafe_and_quotes_nothing(loans: Path, run_cli) -> None:
    _, found = findings(run_cli, "scripts/cleaned.py")
    (ig202,) = by_code(found, "IG202")
    assert ig202["fix"]["applicability"] == "unsafe"
    assert "data/loans.csv" not in ig202["message"]


def test_too_few_rows_for_the_test_part_keeps_the_fix_unsafe(loans: Path, run_cli) -> None:
    script = loans / "scripts/train.py"
    # 3 rows of 1,000 cannot hold one row of each of the 2 classes ... 2 can: 0.001 -> 1 row
    script.write_text(script.read_text().replace("test_size=0.2", "test_size=0.001"))
    _, found = findings(run_cli, "scripts/train.py")
    (ig202,) = by_code(found, "IG202")
    assert ig202["fix"]["applicability"] == "unsafe"


def test_the_notebook_reads_the_header_for_iloc(loans: Path, run_cli) -> None:
    _, found = findings(run_cli, "notebooks/explore.ipynb")
    (ig201,) = by_code(found, "IG201")
    assert ig201["message"].endswith(SKEWED)
    (ig202,) = by_code(found, "IG202")
    assert ig202["fix"]["applicability"] == "safe"


def test_accuracy_on_a_balanced_dataset_is_not_reported(loans: Path, run_cli) -> None:
    status, found = findings(run_cli, "scripts/approve.py")
    assert (status, found) == (0, [])


def test_the_balanced_ratio_is_a_setting(loans: Path, run_cli) -> None:
    data = loans / "data/applicants.csv"
    lines = data.read_text().splitlines()
    # 600 "no" / 400 "yes": ratio 1.5, balanced by default, not at 1.4
    lines = [lines[0]] + [f"{i},1,{'yes' if i < 400 else 'no'}" for i in range(1000)]
    data.write_text("\n".join(lines) + "\n")
    assert findings(run_cli, "scripts/approve.py") == (0, [])
    (loans / "pyproject.toml").write_text("[tool.imbalance-guard.code]\nbalanced-ratio = 1.4\n")
    status, found = findings(run_cli, "scripts/approve.py")
    assert status == 1
    (ig201,) = by_code(found, "IG201")
    assert ig201["message"].endswith(
        "on data/applicants.csv, where `approved` is yes in 40.0% (400) of 1,000 rows, "
        "always predicting no scores 60% accuracy"
    )


@pytest.mark.parametrize("value", ["0.5", '"x"', "1e9"])
def test_a_bad_balanced_ratio_is_a_config_error(loans: Path, run_cli, value: str) -> None:
    (loans / "pyproject.toml").write_text(
        f"[tool.imbalance-guard.code]\nbalanced-ratio = {value}\n"
    )
    result = run_cli("check", "--no-cache", "scripts/approve.py")
    assert result.exit_code == 2
    assert "balanced-ratio" in result.output


def test_a_missing_dataset_is_not_guessed_and_verbose_says_so(loans: Path, run_cli) -> None:
    (loans / "data/loans.csv").unlink()
    script = loans / "scripts/train.py"
    script.write_text(script.read_text() + "extra = pd.read_csv(sys.argv[1])\n")
    result = run_cli("check", "--no-cache", "-v", "scripts/train.py")
    assert result.exit_code == 1
    assert "data/loans.csv, where" not in result.output
    assert "scripts/train.py:8: pandas.read_csv('../data/loans.csv'): no such file" in result.output
    assert "scripts/train.py:14: pandas.read_csv(sys.argv[1]): path not a constant" in result.output


# -- the code names the label of the datasets in the same run ---------------------------


def test_the_dataset_is_checked_on_the_column_the_code_names(loans: Path, run_cli) -> None:
    status, found = findings(run_cli, "data", "scripts/train.py", "scripts/grades.py")
    assert status == 1
    ig101 = {f["filename"]: f["message"] for f in by_code(found, "IG101")}
    assert ig101["data/loans.csv"] == (
        "`bad_loan_flag` is skewed 32.3:1 (class 1 is over 10x below the majority 0): "
        "0: 970 (97%), 1: 30 (3%) (label `bad_loan_flag` from scripts/train.py:9)"
    )
    assert ig101["data/grades.csv"].endswith("(label `grade` from scripts/grades.py:9)")
    assert "data/applicants.csv" not in ig101  # 500 / 500: balanced, no finding


def test_a_notebook_names_the_label_with_its_cell(loans: Path, run_cli) -> None:
    _, found = findings(run_cli, "data/loans.csv", "notebooks")
    (ig101,) = by_code(found, "IG101")
    assert ig101["message"].endswith(
        "(label `bad_loan_flag` from notebooks/explore.ipynb:cell 3:2)"
    )


def test_without_the_code_the_dataset_has_no_label(loans: Path, run_cli) -> None:
    result = run_cli("check", "--no-cache", "data/loans.csv")
    assert result.exit_code == 0
    assert "no label column recognised by name" in result.output + (result.stderr or "")


@pytest.mark.parametrize(
    ("options", "config"),
    [
        (("--label", "term"), ""),
        ((), '[tool.imbalance-guard.data]\nlabel = "term"\n'),
        ((), '[tool.imbalance-guard.data]\nlabel = { "data/loans.csv" = "term" }\n'),
    ],
)
def test_configuration_and_label_option_win(
    loans: Path, run_cli, options: tuple[str, ...], config: str
) -> None:
    (loans / "pyproject.toml").write_text(config)
    _, found = findings(run_cli, *options, "data/loans.csv", "scripts/train.py")
    messages = [f["message"] for f in by_code(found, "IG101")]
    assert messages == []  # term: 667 / 333, not skewed -- and bad_loan_flag was not used
    assert not any("from scripts/train.py" in f["message"] for f in found)


def test_a_column_the_file_lacks_is_not_used(loans: Path, run_cli) -> None:
    script = loans / "scripts/train.py"
    script.write_text(script.read_text().replace('df["bad_loan_flag"]', 'df["defaulted"]'))
    _, found = findings(run_cli, "data/loans.csv", "scripts/train.py")
    assert [f for f in found if f["filename"] == "data/loans.csv"] == []


# -- cost -------------------------------------------------------------------------------


def test_the_counts_come_from_the_cache_until_the_dataset_changes(
    loans: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from imbalance_guard.data import linked

    first = run_cli("check", "--output-format", "json", "scripts/train.py")
    assert SKEWED in first.output
    linked._MEMO.clear()

    def no_read(*args: object) -> None:
        raise AssertionError("the dataset was read again")

    with monkeypatch.context() as patch:
        patch.setattr(linked, "_count", no_read)
        again = run_cli("check", "--output-format", "json", "scripts/train.py")
    assert again.output == first.output
    data = loans / "data/loans.csv"
    rows = data.read_text().splitlines()
    data.write_text("\n".join(rows[:501]) + "\n")  # 500 rows now, 15 of them bad loans
    changed = run_cli("check", "--output-format", "json", "scripts/train.py")
    assert "where `bad_loan_flag` is 1 in 3.0% (15) of 500 rows" in changed.output


PROBE = """
import json, sys
from imbalance_guard.cli import main
sys.argv = ["imbalance-guard", "check", "--no-cache", *sys.argv[1:]]
try:
    main()
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


@pytest.mark.parametrize("linked", [True, False])
def test_code_that_links_a_csv_dataset_stays_on_the_light_path(loans: Path, linked: bool) -> None:
    import subprocess
    import sys

    if not linked:
        (loans / "data/loans.csv").unlink()
    out = subprocess.run(
        [sys.executable, "-c", PROBE, "--output-format", "json", "scripts/train.py"],
        capture_output=True, text=True, cwd=loans, check=False,
    )  # fmt: skip
    lines = out.stdout.strip().splitlines()
    probe = json.loads(lines[-1])
    assert probe["code"] == 1
    assert (SKEWED in out.stdout) is linked
    heavy = {m.split(".")[0] for m in probe["modules"]} & {"pandas", "pyarrow", "duckdb", "numpy"}
    assert heavy == set()


def test_resampling_before_the_split_quotes_the_smallest_class(loans: Path, run_cli) -> None:
    _, found = findings(run_cli, "scripts/oversample.py")
    (ig301,) = by_code(found, "IG301")
    assert ig301["message"] == (
        "`X_res` was resampled by SMOTE at line 10 and reaches `train_test_split` at line 11; "
        "on data/loans.csv the smallest class of `bad_loan_flag` (1) has 30 of 1,000 rows "
        "(3.0%), enough for SMOTE's default k_neighbors=5 (it needs 6)"
    )


def test_too_few_rows_for_smote_are_said(loans: Path, run_cli) -> None:
    script = loans / "scripts/oversample.py"
    script.write_text(
        script.read_text().replace("loans.csv", "grades.csv").replace('"bad_loan_flag"', '"grade"')
    )
    _, found = findings(run_cli, "scripts/oversample.py")
    (ig301,) = by_code(found, "IG301")
    assert ig301["message"].endswith(
        "on data/grades.csv the smallest class of `grade` (C) has 1 of 20 rows (5.0%), "
        "too few for SMOTE's default k_neighbors=5 (it needs 6)"
    )
