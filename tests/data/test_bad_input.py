"""Bad input: a clear IG001 finding for each, never a traceback, and the run goes on."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from imbalance_guard import hookimpl
from tests.data.conftest import labels_of, write_dataset

GOOD = {"x": list(range(100)), "label": labels_of({0: 60, 1: 40})}


def check(run_cli, *args, plugins=None) -> tuple[int, list[dict]]:
    result = run_cli("check", "--output-format", "json", *args, plugins=plugins)
    return result.exit_code, json.loads(result.output)


def only_ig001(run_cli, project: Path, name: str) -> str:
    """Check the bad file beside a good one: one IG001 for the bad file, nothing else."""
    write_dataset(project / "good.parquet", GOOD)
    status, found = check(run_cli, name, "good.parquet")
    assert status == 1
    assert [(f["code"], f["filename"]) for f in found] == [("IG001", name)]
    return found[0]["message"]


def test_empty_file(project, run_cli):
    (project / "empty.csv").write_bytes(b"")
    assert "the file is empty (0 bytes)" in only_ig001(run_cli, project, "empty.csv")


@pytest.mark.parametrize("name", ["e.parquet", "e.feather", "e.jsonl"])
def test_empty_file_in_other_formats(project, run_cli, name):
    (project / name).write_bytes(b"")
    assert "the file is empty" in only_ig001(run_cli, project, name)


@pytest.mark.parametrize("name", ["blank.csv", "blank.csv.gz"])
def test_only_blank_lines(project, run_cli, name):
    text = b"\n\n\n"
    (project / name).write_bytes(gzip.compress(text) if name.endswith(".gz") else text)
    assert "only empty lines" in only_ig001(run_cli, project, name)


@pytest.mark.parametrize("name", ["e.csv.gz", "e.tsv.gz"])
def test_gzip_file_of_nothing(project, run_cli, name):
    (project / name).write_bytes(gzip.compress(b""))
    assert only_ig001(run_cli, project, name).endswith("decompresses to nothing (0 bytes)")


@pytest.mark.parametrize("name", ["h.csv", "h.tsv", "h.csv.gz"])
def test_header_without_rows(project, run_cli, name):
    text = b"x,label\n" if ".csv" in name else b"x\tlabel\n"
    (project / name).write_bytes(gzip.compress(text) if name.endswith(".gz") else text)
    assert "has a header but no rows" in only_ig001(run_cli, project, name)


@pytest.mark.parametrize("name", ["h.parquet", "h.feather"])
def test_schema_without_rows(project, run_cli, name):
    write_dataset(project / name, {"x": [1], "label": [0]})
    import pyarrow as pa
    import pyarrow.feather as feather
    import pyarrow.parquet as pq

    empty = pa.table({"x": pa.array([], pa.int64()), "label": pa.array([], pa.int64())})
    if name.endswith(".parquet"):
        pq.write_table(empty, project / name)
    else:
        feather.write_feather(empty, project / name)
    assert "has a schema but no rows" in only_ig001(run_cli, project, name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x,label\n1,0\n2\n3,1\n", "row 3 (the header is row 1): expected 2 columns, found 1"),
        ("x,label\n1,0\n2,1,7\n3,1\n", "row 3 (the header is row 1): expected 2 columns, found 3"),
    ],
)
def test_ragged_rows(project, run_cli, text, expected):
    (project / "ragged.csv").write_text(text)
    message = only_ig001(run_cli, project, "ragged.csv")
    assert message.endswith(expected)


def test_ragged_row_deep_in_a_large_file(project, run_cli):
    rows = [f"{i},{i % 2}" for i in range(200_000)]
    rows[187_437] = "187437"
    (project / "big.csv").write_text("x,label\n" + "\n".join(rows) + "\n")
    message = only_ig001(run_cli, project, "big.csv")
    assert "row 187439 (the header is row 1): expected 2 columns, found 1" in message


@pytest.mark.parametrize(
    ("name", "text", "found", "expected"),
    [
        ("semi.csv", "a;b;label\n1;2;0\n", "';'", "','"),
        ("tabs.csv", "a\tb\tlabel\n1\t2\t0\n", "tab", "','"),
        ("commas.tsv", "a,b,label\n1,2,0\n", "','", "tab"),
    ],
)
def test_wrong_delimiter(project, run_cli, name, text, found, expected):
    (project / name).write_text(text)
    message = only_ig001(run_cli, project, name)
    assert f"split by {found} rather than {expected}" in message


def test_undecodable_bytes_in_the_label_column(project, run_cli):
    (project / "latin1.csv").write_bytes("x,label\n1,caf\xe9\n2,th\xe9\n".encode("latin-1"))
    message = only_ig001(run_cli, project, "latin1.csv")
    assert "row 2 (the header is row 1): bytes that are not UTF-8 text" in message


def test_undecodable_bytes_in_another_column(project, run_cli):
    (project / "latin1.csv").write_bytes("note,label\nok,0\ncaf\xe9,1\n".encode("latin-1"))
    message = only_ig001(run_cli, project, "latin1.csv")
    assert "bytes that are not UTF-8 text at byte 19 (line 3)" in message


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("name", ["latin1.csv", "latin1.csv.gz"])
def test_undecodable_bytes_in_another_column_name_the_line(project, run_cli, name, ending):
    # Python's csv module, which judges a gzip file DuckDB refused, decodes a block ahead
    # of the rows: it said "near line 1". And a lone \r ends a line too.
    data = ending.join(["note,label", "ok,0", "caf\xe9,1", ""]).encode("latin-1")
    (project / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    message = only_ig001(run_cli, project, name)
    byte = 17 + 2 * len(ending)
    assert f"bytes that are not UTF-8 text at byte {byte} (line 3)" in message, message


def test_a_character_cut_by_the_end_of_the_file(project, run_cli):
    (project / "cut.csv").write_bytes(b"note,label\nok,0\nok,\xc3")
    assert "bytes that are not UTF-8 text" in only_ig001(run_cli, project, "cut.csv")


def test_undecodable_bytes_in_the_header(project, run_cli):
    (project / "latin1.csv").write_bytes("x,cat\xe9gorie\n1,a\n".encode("latin-1"))
    message = only_ig001(run_cli, project, "latin1.csv")
    assert "the header is not UTF-8 text" in message


def test_corrupt_gzip(project, run_cli):
    (project / "c.csv.gz").write_bytes(gzip.compress(b"x,label\n1,0\n" * 100)[:40])
    assert "cannot read as CSV" in only_ig001(run_cli, project, "c.csv.gz")


@pytest.mark.parametrize("cut", [10, 200, -20])
def test_truncated_parquet(project, run_cli, cut):
    write_dataset(project / "full.parquet", GOOD)
    data = (project / "full.parquet").read_bytes()
    (project / "t.parquet").write_bytes(data[:cut])
    (project / "full.parquet").unlink()
    message = only_ig001(run_cli, project, "t.parquet")
    assert message.startswith("cannot read as Parquet: ")


def test_corrupt_parquet_with_valid_magic_bytes(project, run_cli):
    (project / "c.parquet").write_bytes(b"PAR1" + bytes(range(256)) * 4 + b"\x10\x00\x00\x00PAR1")
    assert "cannot read as Parquet" in only_ig001(run_cli, project, "c.parquet")


@pytest.mark.parametrize("name", ["t.feather", "t.arrow"])
def test_truncated_feather_and_arrow(project, run_cli, name):
    write_dataset(project / f"full{Path(name).suffix}", GOOD)
    data = (project / f"full{Path(name).suffix}").read_bytes()
    (project / name).write_bytes(data[: len(data) // 2])
    (project / f"full{Path(name).suffix}").unlink()
    assert "cannot read as Feather / Arrow IPC" in only_ig001(run_cli, project, name)


def test_not_json(project, run_cli):
    (project / "bad.jsonl").write_text('{"label": 1}\n{"label": \n')
    assert "cannot read as JSON Lines" in only_ig001(run_cli, project, "bad.jsonl")


def test_a_label_key_twice_in_one_object(project, run_cli):
    (project / "twice.jsonl").write_text('{"label": 1}\n{"label": 1, "label": 0}\n')
    message = only_ig001(run_cli, project, "twice.jsonl")
    assert 'in line 2: Object {"label":1,"label":0} has duplicate key "label"' in message


def test_another_key_twice_is_not_looked_for(project, run_cli):
    # README: a key twice is IG001 where it is read; the count reads the label only.
    rows = "".join(f'{{"x": 1, "x": 2, "label": {i % 2}}}\n' for i in range(40))
    (project / "twice.jsonl").write_text(rows)
    status, found = check(run_cli, "twice.jsonl", "--select", "IG001,IG101,IG102,IG103")
    assert (status, found) == (0, [])


def test_directory_named_like_a_dataset(project, run_cli):
    (project / "x.csv").mkdir()
    assert "is a directory, not a CSV file" in only_ig001(run_cli, project, "x.csv")


def test_directory_of_parts_named_like_a_dataset_is_walked(project, run_cli):
    (project / "x.parquet").mkdir()
    write_dataset(project / "x.parquet" / "part-0.parquet", {"label": labels_of({0: 99, 1: 1})})
    status, found = check(run_cli, "x.parquet")
    assert status == 1
    assert {f["filename"] for f in found} == {"x.parquet/part-0.parquet"}


class Vanisher:
    """Deletes each dataset after discovery, just before the built-in reader opens it."""

    @hookimpl(tryfirst=True)
    def ig_read_dataset(self, target):
        target.path.unlink()


def test_file_that_vanishes_mid_run(project, run_cli):
    write_dataset(project / "gone.csv", GOOD)
    status, found = check(run_cli, "gone.csv", plugins=[Vanisher()])
    assert status == 1
    assert [f["code"] for f in found] == ["IG001"]
    assert "vanished" in found[0]["message"]


def test_file_that_vanishes_while_being_read(project):
    from imbalance_guard.data.profile import UnreadableData
    from imbalance_guard.data.reading import translate_errors
    from imbalance_guard.discover import Target

    target = Target(project / "x.csv", "x.csv", "dataset", "csv")
    with (
        pytest.raises(UnreadableData, match="vanished while it was being read"),
        translate_errors(target),
    ):
        (project / "x.csv").read_bytes()  # raises FileNotFoundError


def test_reader_bug_is_an_error_not_an_ig001(project, run_cli, monkeypatch):
    from imbalance_guard.data import read_csv

    def broken(*args, **kwargs):
        raise AttributeError("a bug")

    monkeypatch.setattr(read_csv, "read", broken)
    write_dataset(project / "d.csv", GOOD)
    result = run_cli("check", "d.csv")
    assert result.exit_code == 2
    assert "reader failed: AttributeError: a bug" in result.output


# A Feather file whose label strings have offsets out of range (found by the fuzzing suite):
# counting it unchecked read out of bounds and killed the run with SIGSEGV.
DAMAGED_FEATHER = (
    "QVJST1cxAAD/////wAAAABAAAAAAAAoADAAGAAUACAAKAAAAAAEEAAwAAAAIAAgAAAAEAAgAAAAEAAAAAwAAAGQA"
    "AAAsAAAABAAAALj///8AAAEFEAAAABQAAAAEAAAAAAAAAAIAAAB4MgAApP///9z///8AAAEFEAAAABQAAAAEAAAA"
    "AAAAAAEAAAB4AAAAyP///xAAFAAIAAYABwAMAAAAEAAQAAAAAAABBRAAAAAcAAAABAAAAAAAAAAFAAAAbGFiZWwA"
    "AAAEAAQABAAAAP////8YAQAAFAAAAAAAAAAMABYABgAFAAgADAAMAAAAAAMEABgAAADAAAAAAAAAAAAACgAYAAwA"
    "BAAIAAoAAACsAAAAEAAAAAsAAAAAAAAAAAAAAAkAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAwAAAAAAAAADAA"
    "AAAAAAAACwAAAAAAAABAAAAAAAAAAAAAAAAAAAAAQAAAAAAAAAAwAAAAAAAAAHAAAAAAAAAACwAAAAAAAACAAAAA"
    "AAAAAAAAAAAAAAAAgAAAAAAAAAAwAAAAAAAAALAAAAAAAAAACwAAAAAAAAAAAAAAAwAAAAsAAAAAAAAAAAAAAAAA"
    "AAALAAAAAAAAAAAAAAAAAAAACwAAAAAAAAAAAAAAAAAAAAIAAAABAAAAAgAAAAMAAAAEAAAABQAAAAYAAAAHAAAA"
    "CAAAAAkAAAAKAAAACwAAADAwMDAwMDAwMDAwAAAAAAAAAAAAAQAAAAIAAAADAAAABAAAAAUAAAAGAAAABwAAAAgA"
    "AAAJAAAACgAAAAsAAAAwMDAwMDAwMDAwMAAAAAAAAAAAAAEAAAACAAAAAwAAAAQAAAAFAAAABgAAAAcAAAAIAAAA"
    "CQAAAAoAAAALAAAAMDAwMDAwMDAwMDAAAAAAAP////8AAAAAEAAAAAwAFAAGAAgADAAQAAwAAAAAAAQANAAAACQA"
    "AAAEAAAAAQAAANAAAAAAAAAAIAEAAAAAAADAAAAAAAAAAAAAAAAIAAgAAAAEAAgAAAAEAAAAAwAAAGQAAAAsAAAA"
    "BAAAALj///8AAAEFEAAAABQAAAAEAAAAAAAAAAIAAAB4MgAApP///9z///8AAAEFEAAAABQAAAAEAAAAAAAAAAEA"
    "AAB4AAAAyP///xAAFAAIAAYABwAMAAAAEAAQAAAAAAABBRAAAAAcAAAABAAAAAAAAAAFAAAAbGFiZWwAAAAEAAQA"
    "BAAAAOgAAABBUlJPVzE="
)


def test_damaged_feather_offsets_are_ig001_not_a_crash(project, run_cli):
    import base64

    (project / "damaged.feather").write_bytes(base64.b64decode(DAMAGED_FEATHER))
    message = only_ig001(run_cli, project, "damaged.feather")
    assert message.startswith("cannot read as Feather / Arrow IPC: ")
    assert "offset" in message.lower()


@pytest.mark.parametrize("label", ["no-label-column", "label-not-a-class-type"])
def test_parquet_schema_without_rows_whatever_the_label(project, run_cli, label):
    # The row count comes from the label count's own pass when a label column is counted;
    # without one it is asked of the footer, and a file without rows is still IG001.
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = {"x": pa.array([], pa.int64())}
    if label == "label-not-a-class-type":
        columns["label"] = pa.array([], pa.list_(pa.int64()))
    pq.write_table(pa.table(columns), project / "h.parquet")
    assert "has a schema but no rows" in only_ig001(run_cli, project, "h.parquet")
