"""A quote that spaces separate from a field's boundary: DuckDB 2.0 trims the spaces, Python's
csv module (the reference) keeps them or refuses the row. Such a file is counted by Python's
csv module, or is IG001; a file whose quotes have no spaces beside them is never read twice
(README, "Engines")."""

from __future__ import annotations

import csv
import gzip
import io
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imbalance_guard.data import csv_checks, read_csv
from imbalance_guard.data.csv_reference import count_labels
from imbalance_guard.data.quote_spaces import QuoteSearch, spaces_beside_quotes
from tests.data.test_csv_trust_gaps import refused, write
from tests.data.test_exact_counts import counts_of, python_counts


def brute(data: bytes, delimiter: bytes, superset: bool) -> bool:
    """Three bytes `x, space, quote` or `quote, space, x`, x a boundary or a quote (or,
    ``superset``, any byte up to ',')."""

    def edge(byte: int) -> bool:
        if superset:
            return byte <= max(0x2C, delimiter[0])
        return bytes([byte]) in {delimiter, b"\n", b"\r", b" ", b'"'}

    for i in range(len(data) - 2):
        x, space, y = data[i : i + 3]
        if space == 0x20 and ((y == 0x22 and edge(x)) or (x == 0x22 and edge(y))):
            return True
    return False


BYTES = st.binary(max_size=40).map(lambda b: bytes(b' ",\t\n\rab.'[c % 9] for c in b))


@given(data=BYTES, delimiter=st.sampled_from([b",", b"\t"]), pad=st.integers(0, 3))
def test_search_finds_exactly_the_spaced_quotes(data, delimiter, pad):
    assert spaces_beside_quotes(data, delimiter) == brute(data, delimiter, False)
    # numpy's search, past its size threshold, at either parity: a superset, never fewer
    big = b"x" * ((1 << 16) + pad) + data + b"y" * pad
    found = QuoteSearch(delimiter, vectorized=True).found_in(big)
    assert found == brute(data, delimiter, True)
    assert found or not brute(data, delimiter, False)


def byte_check(path: Path, rows_start: int, monkeypatch=None, vectorized=False):
    if monkeypatch is not None and vectorized:
        monkeypatch.setattr(csv_checks, "QUOTES_VECTORIZED_FROM", 0)
    fd = os.open(path, os.O_RDONLY)
    try:
        checked = csv_checks.ByteCheck(fd, False, rows_start=rows_start, delimiter=",")
        checked.verdict(fd)
        return checked
    finally:
        os.close(fd)


@pytest.mark.parametrize("vectorized", [False, True])
@pytest.mark.parametrize(
    ("tail", "cut", "expected"),
    [
        (b' "x"\n', 1, True),  # the space ends one chunk, the quote begins the next
        (b' "x"\n', 0, True),  # the delimiter ends one chunk, the space begins the next
        (b'a "x\n', 2, False),  # a quote after a space inside a value: no boundary
        (b'"a" ,1\n', 3, True),  # the quote ends one chunk, the space begins the next
        (b'"a" ,1\n', 4, True),
        (b'"a"b \n', 3, False),
    ],
)
def test_byte_check_sees_spaces_and_a_quote_in_two_chunks(
    tmp_path, monkeypatch, tail, cut, expected, vectorized
):
    head = b"label,x\n"
    filler = b"a" * (csv_checks.CHUNK_BYTES - len(head) - 3 - cut)
    data = head + filler + b"\n1," + tail
    assert data[csv_checks.CHUNK_BYTES :].startswith(tail[cut:])
    assert data[: csv_checks.CHUNK_BYTES].endswith(b"\n1," + tail[:cut])
    (tmp_path / "d.csv").write_bytes(data)
    checked = byte_check(tmp_path / "d.csv", len(head), monkeypatch, vectorized)
    assert checked.spaced is expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'label,x\n "1",a\n', True),  # at the start of the rows
        (b'label,x\n1,"a" ', True),  # at the file's end
        (b'label,x\n1,"a"', False),
        (b'lab "el",x\n1,a\n', False),
        (b'label, "x\n1,2"\n3,4\n', True),  # in the header
        (b'\xef\xbb\xbf "label",x\n1,2\n', True),  # after a byte-order mark
        (b'label,x\n1,"a, ""b"""\n', True),  # a false doubt inside a quoted value: time only
    ],
)
def test_byte_check_at_the_rows_start_and_the_files_end(tmp_path, data, expected):
    (tmp_path / "d.csv").write_bytes(data)
    assert byte_check(tmp_path / "d.csv", data.index(b"\n") + 1).spaced is expected


@pytest.mark.parametrize("vectorized", [False, True])
def test_byte_check_counts_quotes_alike_with_numpy(tmp_path, monkeypatch, vectorized):
    data = b'"la""bel",x\n' + b'1,"a ""b"" c"\n' * 200_000 + b'2,x"\n'
    (tmp_path / "d.csv").write_bytes(data)
    checked = byte_check(tmp_path / "d.csv", data.index(b"\n") + 1, monkeypatch, vectorized)
    assert checked.quotes == data.count(b'"') - 4 and checked.quotes % 2 == 1
    assert checked.spaced is False


# -- the README's three examples: Python's csv module's counts, or IG001 -----------------


@pytest.mark.parametrize("name", ["s.csv", "s.tsv", "s.csv.gz"])
def test_quote_after_spaces_opens_no_value(project, run_cli, name):
    # DuckDB read `1, "a` as a quoted value running on to `2,b"`: one row where Python's
    # csv module reads two
    sep = "\t" if ".tsv" in name else ","
    write(project / name, f'label{sep}x\n1{sep} "a\n2{sep}b"\n3{sep}c\n')
    assert counts_of(run_cli, name) == {
        "counts": {"1": 1, "2": 1, "3": 1},
        "missing": 0,
        "rows": 3,
    }


@pytest.mark.parametrize("name", ["l.csv", "l.tsv", "l.csv.gz"])
def test_label_after_spaces_keeps_its_quotes(project, run_cli, name):
    # ` "1"` was the class 1 to DuckDB; the class is the field's text as Python's csv reads it
    sep = "\t" if ".tsv" in name else ","
    write(project / name, f'x{sep}label\na{sep} "1"\nb{sep}1\nc{sep}  "1"\nd{sep}"1"\n')
    found = counts_of(run_cli, name)
    assert found == {"counts": {"1": 2, ' "1"': 1, '  "1"': 1}, "missing": 0, "rows": 4}
    if not name.endswith(".gz"):
        assert found == python_counts(project / name, sep)


@pytest.mark.parametrize("name", ["r.csv", "r.csv.gz"])
@pytest.mark.parametrize(
    "text",
    [
        'label,x\n"a" ,1\n2,b\n',
        'label,x\n1,"a" \n2,b\n',
        'x,label\n1,"a" "b"\n2,c\n',  # DuckDB read `a b`
        'x,label\n1,"" ""\n2,c\n',  # DuckDB read ` ` (found by the differential test)
    ],
)
def test_spaces_after_a_closing_quote_are_ig001(project, run_cli, name, text):
    # DuckDB read `"a" ,` as `a`; Python's csv module (strict) refuses it
    write(project / name, text)
    assert "line 2 is not valid CSV: ',' expected after '\"'" in refused(run_cli, name)


@pytest.mark.parametrize("name", ["h.csv", "h.csv.gz"])
def test_quote_after_spaces_in_the_header(project, run_cli, name):
    # DuckDB took `label, "x` and the next line for a header of two fields (the quote opens a
    # value after the trimmed space) and skipped the row `1,2"`; Python's csv module reads
    # the header `label`, ` "x` and two rows
    write(project / name, 'label, "x\n1,2"\n3,4\n')
    assert counts_of(run_cli, name) == {"counts": {"1": 1, "3": 1}, "missing": 0, "rows": 2}


def test_spaced_quote_after_an_empty_quoted_value(project, run_cli):
    # `1, ""` was a missing label to DuckDB, the text ` ""` to Python's csv module
    (project / "e.csv").write_text('x,label\n1, ""\n2,a\n')
    found = counts_of(run_cli, "e.csv")
    assert found == {"counts": {' ""': 1, "a": 1}, "missing": 0, "rows": 2}


def test_spaced_quotes_that_duckdb_refuses_are_counted(project, run_cli):
    # `"a" b` after a space is text to Python's csv module; DuckDB refused it after trimming
    (project / "t.csv").write_text('label,x\n1, "a" b\n2,c\n')
    assert counts_of(run_cli, "t.csv") == python_counts(project / "t.csv")


def test_ragged_row_of_a_spaced_file_is_named(project, run_cli):
    # DuckDB read `"a, b"` as one value; to Python's csv module the row has three fields
    (project / "g.csv").write_text('label,x\n1,a\n2, "a, b"\n')
    message = refused(run_cli, "g.csv")
    assert "row 3 (the header is row 1): expected 2 columns, found 3" in message


def test_spaced_file_that_is_not_utf8_is_ig001(project, run_cli):
    (project / "u.csv.gz").write_bytes(gzip.compress(b'label,x\n1, "a"\n2,\xff\n'))
    assert "not UTF-8" in refused(run_cli, "u.csv.gz")


# -- the slow path is taken only on doubt -------------------------------------------------


@pytest.fixture
def reference_reads(monkeypatch) -> list[str]:
    """The files that Python's csv module counted instead of DuckDB."""
    paths: list[str] = []

    def counting(path, *args):
        paths.append(path)
        return count_labels(path, *args)

    monkeypatch.setattr(read_csv, "count_labels", counting)
    return paths


@pytest.mark.parametrize("name", ["q.csv", "q.csv.gz"])
def test_quotes_without_spaces_beside_them_take_the_engines_count(
    project, run_cli, reference_reads, name
):
    rows = ['1,"a ""b"", c"', '2,"x,y"', '1,"say ""hi"" now"', '0,"line\nbreak"'] * 5000
    write(project / name, '"label","text"\n' + "\n".join(rows) + "\n")
    found = counts_of(run_cli, name)
    assert found == {"counts": {"1": 10000, "0": 5000, "2": 5000}, "missing": 0, "rows": 20000}
    assert reference_reads == []


def test_spaced_quotes_take_the_references_count(project, run_cli, reference_reads):
    (project / "s.csv").write_text('label,x\n1, "a"\n2,b\n')
    assert counts_of(run_cli, "s.csv")["counts"] == {"1": 1, "2": 1}
    assert len(reference_reads) == 1


def test_a_spaced_gzip_file_is_not_counted_by_the_engine_first(
    project, run_cli, reference_reads, monkeypatch
):
    # gzip: the search runs while the tail is decompressed, before any count, so DuckDB's
    # count, which the reference would replace, is not made at all.
    from imbalance_guard.data import duck

    engine_counts = []
    original = duck.count_columns
    monkeypatch.setattr(
        duck, "count_columns", lambda *a, **k: engine_counts.append(1) or original(*a, **k)
    )
    (project / "s.csv.gz").write_bytes(gzip.compress(b'label,x\n1, "a"\n2,b\n'))
    assert counts_of(run_cli, "s.csv.gz")["counts"] == {"1": 1, "2": 1}
    assert len(reference_reads) == 1
    assert engine_counts == []


# -- the reference's count: same rules as DuckDB's ----------------------------------------


def reference(path: Path, delimiter=",", max_classes=100, wanted=(0,), columns=2):
    profiles, notes, any_row = count_labels(
        str(path), path.name.endswith(".gz"), delimiter, columns, list(wanted), max_classes
    )
    return {p.column: (p.counts, p.missing, p.rows) for p in profiles}, notes, any_row


def test_reference_reads_missing_values_and_blank_lines_as_duckdb_does(tmp_path):
    path = tmp_path / "m.csv"
    path.write_bytes(b'\n\xef\xbb\xbflabel,x\r\n1,a\r\n\r\nNA,b\r\n"",c\r\n,d\r\n 1,e\r\n')
    counted, notes, any_row = reference(path)
    assert counted == {"c0": ({"1": 1, " 1": 1}, 3, 5)} and notes == [] and any_row


def test_reference_one_column_blank_line_is_a_missing_label(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text('label\n1\n\n "2"\n')
    counted, _, _ = reference(path, columns=1)
    assert counted == {"c0": ({"1": 1, ' "2"': 1}, 1, 3)}


def test_reference_honours_max_classes(tmp_path, monkeypatch):
    monkeypatch.setattr("imbalance_guard.data.csv_reference._EVERY", 16)
    path = tmp_path / "ids.csv"
    path.write_text("label,x\n" + "".join(f'{i}, "{i}"\n' for i in range(1000)))
    counted, notes, any_row = reference(path, max_classes=50, wanted=(0, 1))
    assert counted == {}
    assert notes[0].startswith("`c0` skipped: more than 50 distinct values (max-classes)")
    assert notes[1].startswith("`c1` skipped: more than 50 distinct values (max-classes)")
    assert any_row


def test_reference_header_only_has_no_row(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("label,x\n\n")
    assert reference(path) == ({"c0": ({}, 0, 0)}, [], False)


def test_reference_names_an_unclosed_quote(tmp_path):
    path = tmp_path / "u.csv"
    path.write_text('label,x\n1, "a\n2,"b\n')
    with pytest.raises(Exception, match=r"never closed: the file ends inside it \(line 3\)"):
        reference(path)


@pytest.mark.parametrize("delimiter", [",", "\t"])
@given(labels=st.lists(st.sampled_from(["1", ' "1"', '"1"', " 1", "", "NA", ' "a,b"']), min_size=1))
def test_reference_counts_equal_pythons_csv(tmp_path_factory, delimiter, labels):
    path = tmp_path_factory.mktemp("r") / "d.csv"
    path.write_text("x" + delimiter + "label\n" + "".join(f"r{delimiter}{v}\n" for v in labels))
    records = list(csv.reader(io.StringIO(path.read_text(), newline=""), delimiter=delimiter))
    try:
        counted, _, _ = reference(path, delimiter, wanted=(1,))
    except Exception as exc:  # IG001: only where Python's csv finds a ragged row
        assert any(len(r) != 2 for r in records[1:]), exc
        return
    values = [r[1] for r in records[1:]]
    classes = {v: values.count(v) for v in values if v not in ("", "NA")}
    assert counted["c1"][0] == classes
    assert counted["c1"][1] == len(values) - sum(classes.values())


@pytest.mark.parametrize("name", ["v.csv", "v.csv.gz"])
@pytest.mark.parametrize("spaced", [False, True])
def test_numpys_search_in_a_large_file(
    project, run_cli, monkeypatch, reference_reads, name, spaced
):
    # numpy's search from the first byte (a large file's), a spaced quote deep inside
    monkeypatch.setattr(csv_checks, "QUOTES_VECTORIZED_FROM", 0)
    rows = ['1,"a, b ""c"""', '0,"x\r\ny"'] * 40_000
    if spaced:
        rows[70_001] = '0, "x"'
    write(project / name, "label,text\n" + "\n".join(rows) + "\n")
    found = counts_of(run_cli, name)
    assert found == {"counts": {"0": 40_000, "1": 40_000}, "missing": 0, "rows": 80_000}
    assert len(reference_reads) == spaced
