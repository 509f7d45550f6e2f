"""A small churn project (tests/overlap/projects/churn): code in src/, data in data/.

``data/train.csv``, ``data/valid.csv`` and ``data/test.csv`` pair by name: two training
customers were copied into the test file, one of them twice (an export run twice); the
validation file shares nothing. ``pyproject.toml`` declares a pair with unrelated names,
whose hold-out export added a column and reordered the others; one customer is in both.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).parent / "projects" / "churn"


@pytest.fixture
def in_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project (its pyproject.toml is found only under the tests' root)."""
    copy = tmp_path / "churn"
    shutil.copytree(PROJECT, copy)
    monkeypatch.chdir(copy)
    return copy


def test_the_projects_shared_rows(in_project: Path, run_cli) -> None:
    before = {p: p.read_bytes() for p in in_project.rglob("*") if p.is_file()}
    result = run_cli("check", ".", "--select", "IG107", "--no-cache")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if ": IG107 " in line]
    assert lines == [
        "data/holdout/customers_2024q1.csv: IG107 1 of 9 test rows (11%) also occur in "
        "data/raw/customers_2023.csv, compared on the 6 columns both files have (only in the "
        "test file: `region`): data row 4",
        "data/test.csv: IG107 3 of 13 test rows (23%) also occur in data/train.csv, compared "
        "on all 6 columns: data rows 3, 7 and 13",
    ]
    assert result.output.endswith("Found 2 problems.\n")
    # checking never writes to the files checked
    assert {p: p.read_bytes() for p in in_project.rglob("*") if p.is_file()} == before


def test_only_the_changed_file_as_pre_commit_passes_it(in_project: Path, run_cli) -> None:
    held_out = "data/holdout/customers_2024q1.csv"
    result = run_cli("check", held_out, "--select", "IG107", "--no-cache")
    assert result.exit_code == 1  # declared: compared with its train file all the same
    assert f"{held_out}: IG107 1 of 9 test rows (11%)" in result.output
    # by name, both files must be checked: the test file alone has no pair
    assert run_cli("check", "data/test.csv", "--select", "IG107", "--no-cache").exit_code == 0


def test_json_says_how_each_pair_was_found(in_project: Path, run_cli) -> None:
    result = run_cli("check", ".", "--select", "IG107", "--no-cache", "--output-format", "json")
    found = {f["filename"]: f["data"] for f in json.loads(result.output)}
    assert {name: data["paired_by"] for name, data in found.items()} == {
        "data/holdout/customers_2024q1.csv": "config",
        "data/test.csv": "name",
    }
    assert found["data/test.csv"]["examples"] == [3, 7, 13]
    assert found["data/holdout/customers_2024q1.csv"]["only_in_test"] == ["region"]
