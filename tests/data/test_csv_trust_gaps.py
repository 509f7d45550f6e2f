"""Files where DuckDB 2.0 and Python's csv module, the reference, read different rows: each
must be IG001 naming the problem, or counted as the reference counts it, never a silent
difference (README, "Dataset checks")."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imbalance_guard.data import csv_checks, duck
from tests.data.test_exact_counts import counts_of, profile, python_counts


def refused(run_cli, name: str) -> str:
    """The IG001 message for ``name``, the only finding, with exit status 1."""
    status, found = profile(run_cli, name)
    assert status == 1, found
    assert [f["code"] for f in found] == ["IG001"], found
    return found[0]["message"]


def write(path: Path, text: str) -> None:
    data = text.encode()
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)


# -- a quote inside an unquoted value cannot hide a quote never closed ----------------------


@pytest.mark.parametrize("name", ["q.csv", "q.tsv", "q.csv.gz"])
def test_bare_quote_does_not_hide_an_unclosed_quote(project, run_cli, name):
    # `a"b` is a literal quote (Python's csv reads it so); with the quote that opens
    # "unclosed" the count of quotes is even, and DuckDB's sequential reader dropped
    # rows 2 and 3 without an error: 1 row counted.
    sep = "\t" if ".tsv" in name else ","
    write(project / name, f'label{sep}x\n1{sep}a"b\n2{sep}"unclosed\n3{sep}z\n')
    message = refused(run_cli, name)
    assert "a quoted value is never closed: the file ends inside it (line 4)" in message


def test_bare_quotes_in_a_valid_file_are_counted(project, run_cli):
    (project / "q.csv").write_text('label,x\n1,a"b\n2,c"\n2,"d"\n1,e""f\n')
    assert counts_of(run_cli, "q.csv") == python_counts(project / "q.csv")


def test_unclosed_quote_after_bare_quotes_in_a_large_file(project, run_cli):
    rows = [f"{i % 3},v{i}" for i in range(300_000)]
    rows[10] = '1,a"b'
    rows[250_000] = '2,"unclosed'
    (project / "big.csv").write_text("label,x\n" + "\n".join(rows) + "\n")
    assert "a quoted value is never closed" in refused(run_cli, "big.csv")


# -- a trailing delimiter is a ragged row -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "row", "found"),
    [
        ("t.csv", "label,x\n1,a\n2,b,\n3,c\n", 3, 3),
        ("t.csv", "label,x\r\n1,a\r\n2,b,\r\n3,c\r\n", 3, 3),
        ("t.csv", "label,x\r1,a\r2,b,\r3,c\r", 3, 3),
        ("t.csv", "label,x\n1,a\n2,b,,\n3,c\n", 3, 4),
        ("t.csv", "label,x\n1,a,\n2,b,\n3,c,\n", 2, 3),
        ("t.tsv", "label\tx\n1\ta\n2\tb\t\n3\tc\n", 3, 3),
        ("t.csv.gz", "label,x\n1,a\n2,b,\n3,c\n", 3, 3),
        ("t.tsv.gz", "label\tx\n1\ta\t\n2\tb\n", 2, 3),
        ("t.csv", "label\n1\n2,\n3\n", 3, 2),
        ("t.csv", 'label,x\n1,"a\nb"\n2,"c,\nd",\n3,e\n', 3, 3),
        ("t.csv", "\n\nlabel,x\n1,a\n\n2,b,\n", 3, 3),
        ("t.csv", '"x\ny",label\r\n1,a\r\n2,b,\r\n', 3, 3),
        # an empty quoted field after the last column: DuckDB dropped it as it dropped `,`
        ("t.csv", 'label,x\n1,a\n2,b,""\n3,c\n', 3, 3),
        ("t.csv", 'label,x\r\n1,a,"",""\r\n2,b\r\n', 2, 4),
        ("t.csv", 'label,x\r1,a\r2,b,""\r', 3, 3),
        ("t.csv", 'label,x\n1,a\n2,b,""', 3, 3),
        ("t.csv.gz", 'label,x\n1,a\n2,b,""', 3, 3),
        ("t.tsv.gz", 'label\tx\n1\ta\t""\n2\tb\n', 2, 3),
        ("t.tsv", '"label"\n"000\U00010000"\t""\n"0"', 2, 2),  # found by the fuzzer
    ],
)
def test_trailing_delimiter_is_ig001_naming_the_row(project, run_cli, name, text, row, found):
    # DuckDB's strict mode read `2,b,` under a two-column header as `2,b`; Python's csv
    # module reads three fields: a ragged row.
    write(project / name, text)
    columns = 1 if text.split("\n")[0].strip('"') == "label" else 2
    plural = "s" * (columns != 1)
    expected = (
        f"row {row} (the header is row 1): expected {columns} column{plural}, found {found} "
        "(the row ends in an empty field)"
    )
    message = refused(run_cli, name)
    assert expected in message, message


def test_trailing_delimiter_across_the_byte_check_chunks(project, run_cli):
    # The delimiter is the last byte of the first 4 MiB the byte check reads, the line
    # break the first of the next.
    header = "label,x\n"
    row = "1,abcdefgh\n"
    head = header + row * ((csv_checks.CHUNK_BYTES - len(header)) // len(row))
    pad = csv_checks.CHUNK_BYTES - len(head) - len("2,,")
    text = head + "2," + "y" * pad + ",\n" + row * 10
    assert text.encode()[csv_checks.CHUNK_BYTES - 1 : csv_checks.CHUNK_BYTES + 1] == b",\n"
    (project / "big.csv").write_text(text)
    assert "expected 2 columns, found 3" in refused(run_cli, "big.csv")


@pytest.mark.parametrize(
    "text",
    [
        "label,x,note\n1,a,\n2,b,\n1,c,ok\n",  # the last column is empty: three fields
        "label,x,\n1,a,\n2,b,\n",  # the header's last name is empty
        'label,x\n1,"a,\nb"\n2,"c,\r\nd"\n',  # a delimiter before a quoted line break
        "label,x,y\n1,a,\n2,,\n1,,\n",
        'label,x,note\n1,a,""\n2,b,""\n1,c,"ok"\n',  # quoted all, the last column empty
        'label,x\n1,"a,""\nb"\n2,"c"\n',  # `,""` and a break inside a quoted value
        'label,x\n1,""""\n2,b\n',  # the last field is one quote, not empty
    ],
)
def test_empty_last_fields_of_valid_rows_are_counted(project, run_cli, text):
    (project / "v.csv").write_bytes(text.encode())
    assert counts_of(run_cli, "v.csv") == python_counts(project / "v.csv")


def test_trailing_delimiter_exits_1_in_text_output(project, run_cli):
    (project / "t.csv").write_text("label,x\n1,a\n2,b,\n")
    result = run_cli("check", "t.csv")
    assert result.exit_code == 1
    assert "IG001" in result.output and "row 3 (the header is row 1)" in result.output
    assert "Traceback" not in result.output
    assert json.loads(run_cli("check", "--output-format", "json", "t.csv").output)


@pytest.mark.parametrize(
    ("tail", "expected"), [(b",\nz\n", True), (b"x\n,z\n", False), (b"x\nz,", True)]
)
def test_byte_check_sees_a_delimiter_and_a_break_in_two_chunks(tmp_path, tail, expected):
    data = b"label,x\n" + b"a" * (csv_checks.CHUNK_BYTES - 9) + tail
    assert data[csv_checks.CHUNK_BYTES - 1 : csv_checks.CHUNK_BYTES] == tail[:1]
    (tmp_path / "d.csv").write_bytes(data)
    fd = os.open(tmp_path / "d.csv", os.O_RDONLY)
    try:
        checked = csv_checks.ByteCheck(fd, False, rows_start=8, delimiter=",")
        checked.verdict(fd)
        assert checked.trailing is expected
    finally:
        os.close(fd)


@pytest.mark.parametrize("name", ["big.csv", "big.csv.gz"])
def test_long_row_ending_on_the_engines_buffer_is_counted(project, run_cli, name):
    # A 16 MB row whose line break is byte 32,000,000 (DuckDB 2.0's read buffer, 16 times
    # its line size): the parallel reader dropped it without an error. In a gzip file the
    # reader's count of every row found one row more, and refused the valid file.
    cut, length = 32_000_000, 16_000_000
    head = b"label,x\n"
    fill = cut - length - len(head)
    filler = b"0,aaaaaaa\n" * (fill // 10)
    long_row = b"1," + b"x" * (length - 2 + fill - len(filler))
    data = head + filler + long_row + b"\n" + b"0,bbbbbbb\n" * 20
    assert data.index(b"\n", len(head) + len(filler)) == cut
    (project / name).write_bytes(gzip.compress(data, 1) if name.endswith(".gz") else data)
    found = counts_of(run_cli, name)
    assert found == {
        "counts": {"0": fill // 10 + 20, "1": 1},
        "missing": 0,
        "rows": fill // 10 + 21,
    }


def test_bare_quote_in_the_last_row_does_not_refuse_a_valid_file(project, run_cli):
    # The search for the last row pairs quotes: the bare one in `a"b` made it start inside
    # the quoted line break of the row before, and the valid file was IG001.
    (project / "v.csv").write_bytes(b'label,x,y\n0,0,0\n1,0,"\n"\n0,0,a"b')
    assert counts_of(run_cli, "v.csv") == python_counts(project / "v.csv")


@given(st.binary(max_size=64).map(lambda b: b.translate(bytes.maketrans(b"abcde", b',\t\r\n"'))))
def test_empty_last_field_is_found_wherever_the_chunks_meet(data):
    # The byte check reads chunks; a pattern cut in two must be found as in one piece.
    for delimiter in (b",", b"\t"):
        whole = csv_checks.ends_in_empty_field(data, delimiter)
        for cut in range(len(data) + 1):
            left, right = data[:cut], data[cut:]
            seam = left[-csv_checks.SEAM :] + right[: csv_checks.SEAM]
            found = (
                csv_checks.ends_in_empty_field(left, delimiter)
                or csv_checks.ends_in_empty_field(seam, delimiter)
                or csv_checks.ends_in_empty_field(right, delimiter)
            )
            assert found is whole, (data, cut)


@given(st.binary(max_size=64).map(lambda b: b.translate(bytes.maketrans(b"abcde", b',\t\r\n"'))))
def test_vectorized_search_for_empty_quoted_fields_agrees(data):
    for delimiter in (b",", b"\t"):
        plain = csv_checks.empty_quoted_last(data, delimiter)
        assert csv_checks.empty_quoted_last(data, delimiter, vectorized=True) is plain


@given(st.binary(max_size=64).map(lambda b: b.translate(bytes.maketrans(b"abcd", b",\t\r\n"))))
def test_vectorized_search_for_trailing_delimiters_agrees(data):
    for delimiter in (b",", b"\t"):
        plain = csv_checks.ends_in_delimiter(data, delimiter)
        assert csv_checks.ends_in_delimiter(data, delimiter, vectorized=True) is plain


@pytest.mark.parametrize(
    "text",
    [
        'label,x\n0,a\n0,a\n0, "\n',  # the engine dropped the last row
        'label,x\n0,a\n0,a\n0, "\n1,b\n',  # ... and every row after it
        'label,x\n0, "\n1,b\n1,c\n',  # "a header but no rows"
    ],
)
def test_quote_after_spaces_that_lost_rows_is_counted_as_python_reads_it(project, run_cli, text):
    # Python's csv module reads ` "` as text; DuckDB takes the quote for an opening one,
    # its parallel reader refuses the file and its sequential reader dropped the rest
    # (IG001 once; now Python's csv module counts a file with spaces beside a quote).
    (project / "s.csv").write_text(text)
    assert counts_of(run_cli, "s.csv") == python_counts(project / "s.csv")


# -- a read on one core has a memory limit --------------------------------------------------


def test_the_read_on_one_core_lets_its_buffers_go(project, run_cli, monkeypatch):
    # DuckDB 2.0's sequential reader kept every buffer it had read: 1.6 GB of memory for a
    # 1.6 GB file that the parallel reader refused. The reader limits its memory instead,
    # for that read only.
    limits = []
    count_columns = duck.count_columns

    def recording(con, relation, *args, **kwargs):
        setting = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        limits.append(("parallel = true" in relation, setting))
        return count_columns(con, relation, *args, **kwargs)

    monkeypatch.setattr(duck, "count_columns", recording)
    write(project / "t.csv", "label,x\n" + "1,a\n" * 100 + "2\n")
    assert "row 102 (the header is row 1): expected 2 columns, found 1" in refused(run_cli, "t.csv")
    (parallel, default), (sequential, limited) = limits
    assert parallel and not sequential
    assert limited == "128.0 MiB" and default != limited


# -- what DuckDB's sequential reader accepts, the reference may refuse ----------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("t.tsv", '0\tlabel\n0\t0\n"0\t0\n\n"a\tb"\t"0\n0\t0\n'),  # found by the differential test
        ("t.csv", 'x,label\n0,0\n"0,0\n\n"a,b",",0\n0,0\n'),
        ("t.csv.gz", 'x,label\n0,0\n"0,0\n\n"a,b",",0\n0,0\n'),
    ],
)
def test_text_after_a_closing_quote_is_ig001_after_a_refusal(project, run_cli, name, text):
    # The parallel reader refused the file, the sequential one read one row and dropped the
    # rest without an error; Python's csv module refuses the text after the closing quote
    # on line 5. That count stood: the reference's errors were taken for the end of the file.
    write(project / name, text)
    separator = "\t" if ".tsv" in name else ","
    expected = "line 5 is not valid CSV: '" + separator + "' expected after '\"'"
    assert refused(run_cli, name) == expected
