"""The README's pandera examples run as written and print what the README shows."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]


def examples() -> dict[str, str]:
    """Code blocks of the README's pandera section, by their ``pandera-example`` marker."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"<!-- pandera-example: (.*?) -->\n```\w*\n(.*?)```", text, re.S)
    return dict(blocks)


def run_python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    (cwd / "example.py").write_text(code)
    return subprocess.run(
        [sys.executable, "example.py"], cwd=cwd, capture_output=True, text=True, timeout=180
    )


def test_all_three_ways_in_are_documented() -> None:
    assert {"column", "column output", "model", "model output", "schema file", "cli"} <= set(
        examples()
    )


def test_column_check_example(tmp_path: Path) -> None:
    result = run_python(examples()["column"], tmp_path)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    shown = examples()["column output"].strip()
    # The README shows the real failure (the wording belongs to the dataset rules, so
    # compare its shape and numbers, not every word).
    for text in (last, shown):
        assert text.startswith("pandera.errors.SchemaError: `is_fraud` is skewed 99:1 ")
        assert "990 (99%)" in text and "10 (1%)" in text
        assert " | help: " in text and 'class_weight="balanced" gives {0: 0.5051, 1: 50.0}' in text


def test_model_field_example(tmp_path: Path) -> None:
    result = run_python(examples()["model"], tmp_path)
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first == examples()["model output"].strip()
    assert "is_fraud" in result.stdout and "3 missing labels" in result.stdout


SCHEMAS_PY = """\
import pandera.pandas as pa

import imbalance_guard.pandera  # noqa: F401


class Transactions(pa.DataFrameModel):
    is_fraud: int = pa.Field(class_balance={"max_imbalance_ratio": 10})
"""


def test_cli_example(tmp_path: Path) -> None:
    (tmp_path / "schema.yaml").write_text(examples()["schema file"])
    (tmp_path / "schemas.py").write_text(SCHEMAS_PY)
    frame = pd.DataFrame({"amount": [12.5] * 1000, "is_fraud": [0] * 990 + [1] * 10})
    frame.to_parquet(tmp_path / "transactions.parquet")
    console = Path(sys.executable).with_name("imbalance-guard")
    lines = [line for line in examples()["cli"].splitlines() if line.strip()]
    assert len(lines) == 2
    for line in lines:
        argv = shlex.split(line, comments=True)
        assert argv[0] == "imbalance-guard"
        if console.exists():
            command = [str(console), *argv[1:], "--no-color"]
        else:  # pragma: no cover - the package is installed in the test environment
            pytest.skip("the imbalance-guard console script is not installed")
        result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=180)
        assert result.returncode == 1, result.stderr
        # The schema's class_balance has IG101's threshold (10): the skew is said once, by
        # IG101, not repeated as IG106 (README, "From the command line").
        assert "transactions.parquet: IG101 `is_fraud` is skewed 99:1" in result.stdout
        assert "IG106" not in result.stdout
