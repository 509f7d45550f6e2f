"""IG107 pairs the code shows: tests/overlap/projects/evaluation fits a model on
``data/fit_rows.csv`` and scores it on ``data/holdout_rows.csv`` (names that say nothing
of a split). Two holdout customers were exported again under new ids: the ``id`` the
code drops from its features differs, the rows are the same.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).parent / "projects" / "evaluation"
MESSAGE = (
    "data/holdout_rows.csv: IG107 2 of 5 test rows (40%) also occur in data/fit_rows.csv, "
    "compared on 4 columns (without `id`): data rows 2 and 4"
)


@pytest.fixture
def in_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "evaluation"
    shutil.copytree(PROJECT, copy)
    monkeypatch.chdir(copy)
    return copy


def test_the_fitted_and_the_scored_file_are_compared(in_project: Path, run_cli) -> None:
    before = {p: p.read_bytes() for p in in_project.rglob("*") if p.is_file()}
    result = run_cli("check", ".", "--select", "IG107", "--no-cache")
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if ": IG107 " in line] == [MESSAGE]
    assert result.output.endswith("Found 1 problem.\n")
    assert {p: p.read_bytes() for p in in_project.rglob("*") if p.is_file()} == before


def test_json_says_the_code_paired_them(in_project: Path, run_cli) -> None:
    result = run_cli("check", ".", "--select", "IG107", "--no-cache", "--output-format", "json")
    [found] = json.loads(result.output)
    assert found["data"]["paired_by"] == "code"
    assert (found["data"]["train"], found["data"]["test"]) == (
        "data/fit_rows.csv",
        "data/holdout_rows.csv",
    )
    assert found["data"]["excluded"] == ["id"]
    assert found["data"]["columns"] == ["tenure", "plan", "spend", "churned"]


def test_without_the_code_the_files_are_no_pair(in_project: Path, run_cli) -> None:
    result = run_cli("check", "data", "--select", "IG107", "--no-cache")
    assert result.exit_code == 0, result.output


def test_no_shared_rows_nothing(in_project: Path, run_cli) -> None:
    holdout = in_project / "data" / "holdout_rows.csv"
    lines = holdout.read_text().splitlines()
    holdout.write_text("\n".join([lines[0], lines[1], lines[3], lines[5]]) + "\n")
    result = run_cli("check", ".", "--select", "IG107", "--no-cache")
    assert result.exit_code == 0, result.output


def test_an_id_the_code_keeps_is_compared(in_project: Path, run_cli) -> None:
    script = in_project / "scripts" / "train.py"
    script.write_text(script.read_text().replace('["id", "churned"]', '["churned"]'))
    result = run_cli("check", ".", "--select", "IG107", "--no-cache")
    assert result.exit_code == 0, result.output  # the new ids make every row differ


def test_a_split_of_one_file_is_no_pair(in_project: Path, run_cli) -> None:
    (in_project / "scripts" / "train.py").write_text(
        "import pandas as pd\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.model_selection import train_test_split\n"
        'df = pd.read_csv("../data/fit_rows.csv")\n'
        'X_tr, X_te, y_tr, y_te = train_test_split(df.drop(columns=["churned"]), df["churned"])\n'
        "model = LogisticRegression().fit(X_tr, y_tr)\n"
        "print(model.score(X_te, y_te))\n"
    )
    result = run_cli("check", ".", "--select", "IG107", "--no-cache")
    assert result.exit_code == 0, result.output


def test_found_by_name_and_by_code_compared_once(in_project: Path, run_cli) -> None:
    data = in_project / "data"
    (data / "fit_rows.csv").rename(data / "train.csv")
    (data / "holdout_rows.csv").rename(data / "test.csv")
    script = in_project / "scripts" / "train.py"
    text = script.read_text().replace("fit_rows.csv", "train.csv")
    script.write_text(text.replace("holdout_rows.csv", "test.csv"))
    result = run_cli("check", ".", "--select", "IG107", "--no-cache", "--output-format", "json")
    found = json.loads(result.output)
    assert [(f["filename"], f["data"]["paired_by"]) for f in found] == [("data/test.csv", "name")]
    assert found[0]["data"]["excluded"] == ["id"]  # compared on the columns the code keeps


def test_code_without_a_pair_imports_no_engine(in_project: Path) -> None:
    """Checking the script alone (a pre-commit run on a code change) stays light."""
    probe = (
        "import sys\n"
        "from imbalance_guard.cli import main\n"
        "sys.argv = ['imbalance-guard', 'check', 'scripts/train.py', '--no-cache']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('duckdb', 'pandas', 'pyarrow', 'sklearn') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=in_project, check=False
    )
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr


def test_pre_commit_passing_the_script_and_the_changed_holdout(in_project: Path, run_cli) -> None:
    """The fitted file is not among the changed files: it is read all the same."""
    result = run_cli(
        "check", "scripts/train.py", "data/holdout_rows.csv", "--select", "IG107", "--no-cache"
    )
    assert result.exit_code == 1
    assert MESSAGE in result.output


def test_one_model_scored_on_two_files(in_project: Path, run_cli) -> None:
    shutil.copy(in_project / "data" / "holdout_rows.csv", in_project / "data" / "later.csv")
    script = in_project / "scripts" / "train.py"
    script.write_text(
        script.read_text()
        + 'later = pd.read_csv("../data/later.csv")\n'
        + 'print(model.predict(later.drop(columns=["id", "churned"])))\n'
    )
    result = run_cli("check", ".", "--select", "IG107", "--no-cache")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if ": IG107 " in line]
    assert lines == [MESSAGE, MESSAGE.replace("data/holdout_rows.csv", "data/later.csv")]


def test_a_different_model_scored_makes_no_pair(in_project: Path, run_cli) -> None:
    script = in_project / "scripts" / "train.py"
    text = script.read_text().replace(
        "print(model.score(", "other = LogisticRegression()\nprint(other.score("
    )
    script.write_text(text)
    result = run_cli("check", ".", "--select", "IG107", "--no-cache")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "path",
    ["sys.argv[1]", '"https://example.com/holdout.csv"', '"../data/missing.csv"', '"\\u00e9.csv"'],
)
def test_a_test_file_not_known_makes_no_pair(in_project: Path, run_cli, path: str) -> None:
    script = in_project / "scripts" / "train.py"
    text = script.read_text().replace('"../data/holdout_rows.csv"', path)
    script.write_text("import sys\n" + text, encoding="utf-8")
    result = run_cli("check", ".", "--select", "IG107", "--no-cache")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


IMPORTS = "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n"


def test_a_notebook_pairs_its_files_too(in_project: Path, run_cli) -> None:
    script = in_project / "scripts" / "train.py"
    cells = [
        script.read_text().split("\n\n", 2)[2],
        "model.fit(X, y)\nmodel.score(X_holdout, y_holdout)\n",
    ]
    cells[0] = cells[0].replace("model.fit(X, y)\nprint(model.score(X_holdout, y_holdout))\n", "")
    notebook = {
        "cells": [
            {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
             "source": IMPORTS},
            *({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
               "source": text} for text in cells),
        ],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
    }  # fmt: skip
    script.unlink()
    (in_project / "notebooks").mkdir()
    (in_project / "notebooks" / "eval.ipynb").write_text(json.dumps(notebook))
    result = run_cli("check", ".", "--select", "IG107", "--no-cache")
    assert result.exit_code == 1, result.output
    assert MESSAGE in result.output
