"""Odd train/test files never stop a run: IG107 reports, or IG001 says why, exit 0 or 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imbalance_guard.cli import cli

# Bytes a CSV file is made of, and those that break one: quotes, line endings of every
# kind, a byte-order mark, bytes that are not UTF-8, NUL.
PIECES = [
    b"a",
    b"1",
    b",",
    b'"',
    b"\n",
    b"\r\n",
    b"\r",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\x00",
    b"\xc3\xa9",
    b" ",
    b"x,y\n",
    b"1,2\n",
    b'"a\nb",c\n',
]


def csv_bytes() -> st.SearchStrategy[bytes]:
    return st.lists(st.sampled_from(PIECES), max_size=30).map(
        lambda parts: b"x,y\n" + b"".join(parts)
    )


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(train=csv_bytes(), test=csv_bytes(), gz=st.booleans())
def test_any_pair_of_csv_files(
    tmp_path_factory: pytest.TempPathFactory, train: bytes, test: bytes, gz: bool
) -> None:
    import gzip

    folder = tmp_path_factory.mktemp("pair")
    (folder / "train.csv").write_bytes(train)
    name = "test.csv.gz" if gz else "test.csv"
    (folder / name).write_bytes(gzip.compress(test) if gz else test)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = CliRunner().invoke(
        cli,
        ["check", str(folder), "--select", "IG001,IG107", "--no-cache"],
        catch_exceptions=False,
    )
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output and "failed:" not in result.output
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_declared_train_file_that_is_corrupt_is_ig001_at_the_test_file(
    project: Path, run_cli
) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.imbalance-guard.data]\nsplits = [["old.parquet", "new.parquet"]]\n'
    )
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"x": [1, 2]}), project / "new.parquet")
    (project / "old.parquet").write_bytes(b"PAR1 not really parquet PAR1")
    result = run_cli("check", "new.parquet", "--select", "IG001,IG107", "--no-cache")
    assert result.exit_code == 1
    assert (
        "new.parquet: IG001 cannot compare the rows with old.parquet: old.parquet cannot be "
        "read: cannot read as Parquet: Footer length error\n" in result.output
    )
    # the engine's name for the file (/proc/self/fd/N) is not the user's
    result = run_cli("check", ".", "--select", "IG001", "--no-cache")
    assert "old.parquet: IG001 cannot read as Parquet: Footer length error\n" in result.output
    assert "/proc/" not in result.output


@pytest.mark.parametrize("name", ["test.csv", "test.csv.gz"])
def test_a_file_duckdb_refuses_is_judged_by_pythons_csv_module(
    project: Path, run_cli, name: str
) -> None:
    import gzip

    # Rows ending in \n and \r\n: DuckDB refused the file ("the CSV parser reached an
    # invalid state"), Python's csv module reads it, and so does the comparison.
    rows = ["x,label"] + [f"{i},{i % 2}" for i in range(50)]
    train = "".join(row + ("\r\n" if i == 10 else "\n") for i, row in enumerate(rows))
    (project / "train.csv").write_bytes(train.encode())
    test = "\n".join(["x,label"] + [f"{i},{i % 2}" for i in range(45, 60)]) + "\n"
    (project / name).write_bytes(gzip.compress(test.encode()) if ".gz" in name else test.encode())
    result = run_cli("check", ".", "--select", "IG001,IG107", "--no-cache")
    assert result.exit_code == 1
    assert f"{name}: IG107 5 of 15 test rows (33%) also occur in train.csv" in result.output
    assert "IG001" not in result.output


def test_text_after_a_closing_quote_is_ig001_naming_the_line(project: Path, run_cli) -> None:
    # DuckDB's sequential reader read one row of this file and dropped the rest without an
    # error; Python's csv module refuses the text after the closing quote on line 5. The
    # train file is declared and outside the run: only the comparison reads it.
    (project / "pyproject.toml").write_text(
        '[tool.imbalance-guard.data]\nsplits = [["train.csv", "test.csv"]]\n'
    )
    (project / "train.csv").write_text('x,y\n0,0\n"0,0\n\n"a,b",",0\n0,0\n')
    (project / "test.csv").write_text("x,y\n0,0\n1,1\n")
    result = run_cli("check", "test.csv", "--select", "IG107", "--no-cache")
    assert result.exit_code == 1
    assert (
        "test.csv: IG001 cannot compare the rows with train.csv: train.csv cannot be read: "
        "line 5 is not valid CSV: ',' expected after '\"'\n" in result.output
    ), result.output
