"""Reading the label column of a linked dataset: odd files give no counts, never a crash."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imbalance_guard.data import linked


def counts(file: Path, column: str = "y") -> tuple | None:
    found = linked.label_counts(file, column, file.name)
    return None if found is None else (found.counts, found.missing)


def test_csv_counts_with_missing_labels(tmp_path: Path) -> None:
    file = tmp_path / "d.csv"
    file.write_text('x,y\n1,a\n2,"b"\n3,\n4,NA\n5,a\n"6\n7",a\n')
    assert counts(file) == ((("a", 3), ("b", 1)), 2)


def test_tsv_gzip_and_json_lines(tmp_path: Path) -> None:
    tsv = tmp_path / "d.tsv.gz"
    with gzip.open(tsv, "wt") as out:
        out.write("y\tx\n1\t2\n0\t2\n0\t3\n")
    assert counts(tsv) == ((("0", 2), ("1", 1)), 0)
    jsonl = tmp_path / "d.jsonl"
    jsonl.write_text('{"y": 1}\n\n{"y": 1.0}\n{"y": null}\n{"x": 2}\n{"y": true}\n')
    assert counts(jsonl) == ((("1", 2), ("True", 1)), 2)


def test_parquet_through_pyarrow(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    file = tmp_path / "d.parquet"
    pq.write_table(pa.table({"y": [0, 0, 1, None], "x": [1, 2, 3, 4]}), file)
    assert counts(file) == ((("0", 2), ("1", 1)), 1)
    assert linked.header_of(file) == ["y", "x"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.csv", b""),
        ("header_only.csv", b"x,y\n"),
        ("no_column.csv", b"a,b\n1,2\n"),
        ("nul.csv", b"x,y\n1,\x00a\n"),
        ("latin1.csv", b"x,y\n1,caf\xe9\n"),
        ("broken.csv.gz", b"\x1f\x8bnot gzip at all"),
        ("broken.parquet", b"PAR1 truncated"),
        ("broken.jsonl", b'{"y": 1}\n{"y": \n'),
        ("unknown.xlsx", b"PK\x03\x04"),
    ],
)
def test_odd_files_give_counts_or_nothing_never_a_traceback(
    tmp_path: Path, name: str, data: bytes
) -> None:
    file = tmp_path / name
    file.write_bytes(data)
    found = counts(file)
    if name == "latin1.csv":
        assert found == ((("caf\ufffd", 1),), 0)  # the bytes pandas could not read either
    elif name != "nul.csv":
        assert found is None


def test_an_identifier_column_is_not_a_label(tmp_path: Path) -> None:
    file = tmp_path / "ids.csv"
    file.write_text("y\n" + "".join(f"{i}\n" for i in range(20_000)))
    assert counts(file) is None


def test_a_change_of_the_file_is_seen(tmp_path: Path) -> None:
    file = tmp_path / "d.csv"
    file.write_text("y\n1\n0\n")
    assert counts(file) == ((("0", 1), ("1", 1)), 0)
    file.write_text("y\n1\n1\n0\n")
    assert counts(file) == ((("1", 2), ("0", 1)), 0)


@pytest.mark.parametrize(
    "path", ["", "\0x.csv", "x" * 5000 + ".csv", "https://example.com/d.csv", "missing.csv", "."]
)
def test_unresolvable_paths(tmp_path: Path, path: str) -> None:
    assert linked.resolve(path, str(tmp_path / "train.py"), tmp_path) is None


def test_the_scripts_folder_wins_over_the_root(tmp_path: Path) -> None:
    (tmp_path / "scripts" / "data").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    (tmp_path / "scripts" / "data" / "d.csv").write_text("y\n1\n")
    (tmp_path / "data" / "d.csv").write_text("y\n1\n")
    script = str(tmp_path / "scripts" / "train.py")
    assert linked.resolve("data/d.csv", script, tmp_path) == tmp_path / "scripts/data/d.csv"
    (tmp_path / "scripts" / "data" / "d.csv").unlink()
    assert linked.resolve("data/d.csv", script, tmp_path) == tmp_path / "data/d.csv"


@settings(max_examples=60, deadline=None)
@given(labels=st.lists(st.sampled_from(["0", "1", "yes", "ü", "a b"]), min_size=1, max_size=50))
def test_counts_are_the_labels_written(tmp_path_factory, labels: list[str]) -> None:
    file = tmp_path_factory.mktemp("p") / "d.csv"
    file.write_text("x,y\n" + "".join(f"1,{label}\n" for label in labels), encoding="utf-8")
    found = linked.label_counts(file, "y", "d.csv")
    assert found is not None
    assert dict(found.counts) == {label: labels.count(label) for label in set(labels)}
    assert found.rows == len(labels)
    share = 100 * found.minority[1] / found.rows
    assert f"in {share:.1f}% ({found.minority[1]:,}) of {len(labels):,} rows" in found.describe()
