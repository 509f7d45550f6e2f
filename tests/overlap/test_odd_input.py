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


# Files the count refuses only after checks of its own (DuckDB read them, dropping or
# adding rows without an error), each with rows ending in \n and in \r\n.
REFUSED_AFTER_CHECKS = {
    "a quote the file's end leaves open": ('x,y\n1,2\n3,4\n"5,6\n7,8\n', "line 5"),
    "an empty field past the header's": ("x,y\n1,2\n3,4,\n5,6\n", "row 3"),
    "a short last row": ("x,y\n1,2\n3,4\n5\n", "row 4"),
    "text after a closing quote": ('x,y\n1,2\n"x"y,2\n3,4\n', "line 3"),
}


@pytest.mark.parametrize("end", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("body", REFUSED_AFTER_CHECKS.values(), ids=REFUSED_AFTER_CHECKS)
def test_a_declared_train_file_is_refused_as_the_count_refuses_it(
    project: Path, run_cli, body: tuple[str, str], end: str
) -> None:
    # The train file is outside the run: only the comparison reads it. DuckDB's reader
    # accepted a \r\n file with a quote left open and read every file with an empty field
    # past the header's, and the comparison went on with the rows it had.
    (project / "pyproject.toml").write_text(
        '[tool.imbalance-guard.data]\nsplits = [["train.csv", "test.csv"]]\n'
    )
    text, where = body
    (project / "train.csv").write_bytes(text.replace("\n", end).encode())
    (project / "test.csv").write_text("x,y\n1,2\n5,6\n")
    counted = run_cli("check", "train.csv", "--select", "IG001", "--no-cache")
    assert counted.exit_code == 1
    (reason,) = [
        line.split("IG001 ", 1)[1] for line in counted.output.splitlines() if "IG001" in line
    ]
    assert where in reason
    compared = run_cli("check", "test.csv", "--select", "IG107", "--no-cache")
    assert compared.exit_code == 1
    assert (
        f"test.csv: IG001 cannot compare the rows with train.csv: train.csv cannot be read: "
        f"{reason}\n" in compared.output
    ), compared.output


def test_values_beside_spaced_quotes_are_compared_as_pythons_csv_reads_them(
    project: Path, run_cli
) -> None:
    # DuckDB 2.0 reads `3, "4"` as 3 and 4, trimming the space and the quotes; Python's csv
    # module, and so the count, reads the second field as ` "4"`: a row of its own.
    (project / "train.csv").write_text('x,y\n1,2\n3, "4"\n5,6\n')
    (project / "test.csv").write_text('x,y\n3,4\n3, "4"\n7,8\n')
    result = run_cli("check", ".", "--select", "IG107", "--no-cache")
    assert result.exit_code == 1
    assert "test.csv: IG107 1 of 3 test rows (33%) also occur in train.csv" in result.output
    assert "data row 2\n" in result.output, result.output


def test_rows_the_engine_loses_in_the_comparison_are_read_through_pythons_csv_module(
    project: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # DuckDB 2.0 loses rows at some buffer boundaries without an error, and the comparison
    # reads with smaller buffers than the count. Here it loses the first row of every file
    # it reads itself: each side's rows differ from the count's, and both sides are read
    # again through Python's csv module, which keeps every row.
    from imbalance_guard.data import overlap

    relation = overlap._Side.relation

    def losing(side: overlap._Side) -> str:
        read = relation(side)
        return read if side.reference is None else f"(SELECT * FROM {read} OFFSET 1)"

    monkeypatch.setattr(overlap._Side, "relation", losing)
    (project / "train.csv").write_text("x,y\n1,2\n3,4\n5,6\n")
    (project / "test.csv").write_text("x,y\n3,4\n1,2\n7,8\n")
    result = run_cli("check", ".", "--select", "IG107", "--no-cache")
    assert result.exit_code == 1
    assert (
        "test.csv: IG107 2 of 3 test rows (67%) also occur in train.csv, compared on all 2 "
        "columns: data rows 1 and 2\n" in result.output
    ), result.output


# The count's one refusal that is no refusal to read the rows: a header of one column
# holding another delimiter is the wrong format for a class count, and one column to compare.
COUNT_ONLY = ("the header has one column",)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(train=csv_bytes())
def test_the_comparison_refuses_a_file_exactly_when_the_count_does(
    tmp_path_factory: pytest.TempPathFactory, train: bytes
) -> None:
    folder = tmp_path_factory.mktemp("declared")
    (folder / "pyproject.toml").write_text(
        '[tool.imbalance-guard.data]\nsplits = [["train.csv", "test.csv"]]\n'
    )
    (folder / "train.csv").write_bytes(train)
    (folder / "test.csv").write_bytes(b"x,y\n1,2\n")

    def check(name: str, rule: str) -> list[str]:
        result = CliRunner().invoke(
            cli,
            ["check", str(folder / name), "--select", rule, "--no-cache", "--output-format",
             "concise", "--config", str(folder / "pyproject.toml")],
            catch_exceptions=False,
        )  # fmt: skip
        assert result.exit_code in (0, 1), result.output
        lines = result.output.splitlines()
        return [line.split("IG001 ", 1)[1] for line in lines if "IG001 " in line]

    counted = [r for r in check("train.csv", "IG001") if not r.startswith(COUNT_ONLY)]
    compared = check("test.csv", "IG107")
    train_path = folder / "train.csv"
    prefix = f"cannot compare the rows with {train_path}: {train_path} cannot be read: "
    # Both refuse the file or neither does. Which of two faults is named may differ: the
    # count reads the label column, the comparison every column.
    assert len(compared) == len(counted), (counted, compared)
    assert all(r.startswith(prefix) for r in compared), compared


@pytest.mark.parametrize("side", ["train", "test"])
def test_an_engine_error_names_the_file_it_comes_from(project: Path, run_cli, side: str) -> None:
    # DuckDB reads both files in one query and its error does not say which one holds a
    # compared key twice: each is read alone to name it, as the count names a file.
    good = '{"x": 1, "y": 0}\n{"x": 2, "y": 1}\n'
    (project / "train.jsonl").write_text(good)
    (project / "test.jsonl").write_text(good)
    (project / f"{side}.jsonl").write_text('{"x": 1, "y": 0}\n{"x": 2, "x": 3, "y": 1}\n')
    result = run_cli("check", ".", "--select", "IG107", "--no-cache")
    assert result.exit_code == 1
    which = "train.jsonl" if side == "train" else "this file"
    assert (
        f"test.jsonl: IG001 cannot compare the rows with train.jsonl: {which} cannot be read: "
        'cannot read as JSON Lines: JSON transform error, in line 2: Object {"x":2,"x":3,"y":1} '
        'has duplicate key "x"' in result.output
    ), result.output
