"""The C scan of one CSV column agrees with pyarrow, and leaves pyarrow everything else."""

from __future__ import annotations

import shutil
import sysconfig
from collections import Counter

import pyarrow as pa
import pyarrow.csv as pcsv
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imbalance_guard.data import read_csv

try:
    from imbalance_guard.data import _csvscan
except ImportError:  # installed without a C compiler
    _csvscan = None

needs_scan = pytest.mark.skipif(_csvscan is None, reason="the C scan was not built")

FIELDS = st.sampled_from(["0", "1", "yes", "no", "", "NA", "héllo", "x y", "3.5", "a" * 40])


def pyarrow_counts(text: bytes, columns: int, column: int, delimiter: str) -> Counter:
    """The column's raw texts as pyarrow's plain tokenizer reads them (no missing values)."""
    names = [f"c{i}" for i in range(columns)]
    table = pcsv.read_csv(
        pa.py_buffer(text),
        read_options=pcsv.ReadOptions(column_names=names),
        parse_options=pcsv.ParseOptions(delimiter=delimiter, quote_char=False),
        convert_options=pcsv.ConvertOptions(
            include_columns=[names[column]],
            column_types={names[column]: pa.binary()},
            strings_can_be_null=False,
        ),
    )
    return Counter(table.column(0).to_pylist())


@st.composite
def plain_csv(draw):
    """Text pyarrow's plain tokenizer reads as rows of ``columns`` fields, and its column."""
    columns = draw(st.integers(1, 6))
    rows = draw(st.lists(st.lists(FIELDS, min_size=columns, max_size=columns), min_size=1))
    delimiter = draw(st.sampled_from([",", "\t"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines = [delimiter.join(row) for row in rows]
    # A row of one empty field is an empty line, which pyarrow skips: not plain text.
    if columns == 1 and any(line == "" for line in lines):
        lines = [line or "0" for line in lines]
    text = newline.join(lines) + draw(st.sampled_from([newline, ""]))
    return text.encode(), columns, draw(st.integers(0, columns - 1)), delimiter


@needs_scan
@settings(max_examples=300, deadline=None)
@given(plain_csv())
def test_plain_text_is_counted_exactly_as_pyarrow_reads_it(case):
    text, columns, column, delimiter = case
    counted = _csvscan.count_column(text, ord(delimiter), columns, column, 1000)
    assert counted is not None
    assert Counter(counted) == pyarrow_counts(text, columns, column, delimiter)


@needs_scan
@settings(max_examples=300, deadline=None)
@given(plain_csv(), st.data())
def test_anything_else_is_left_to_pyarrow(case, data):
    text, columns, column, delimiter = case
    lines = text.split(b"\n")
    real = len(lines) - 1 if lines[-1] == b"" else len(lines)  # not the final newline's ""
    where = data.draw(st.integers(0, real - 1))
    spoil = data.draw(st.sampled_from(["shorter", "longer", "empty line", "quote", "lone CR"]))
    sep = delimiter.encode()
    if spoil == "shorter" and columns > 1:
        lines[where] = sep.join(lines[where].split(sep)[:-1])
    elif spoil in ("shorter", "longer"):
        lines[where] = lines[where].rstrip(b"\r") + sep + b"9"
    elif spoil == "empty line":
        lines.insert(where, b"")
    elif spoil == "quote":
        lines[where] = b'"' + lines[where]
    else:
        lines[where] = lines[where].rstrip(b"\r") + b"\rx"
    spoiled = b"\n".join(lines)
    assert _csvscan.count_column(spoiled, ord(delimiter), columns, column, 1000) is None


@needs_scan
def test_too_many_distinct_values_are_left_to_pyarrow():
    text = "".join(f"{i},{i % 7}\n" for i in range(100)).encode()
    assert _csvscan.count_column(text, ord(","), 2, 1, 7) == {
        str(i).encode(): len(range(i, 100, 7)) for i in range(7)
    }
    assert _csvscan.count_column(text, ord(","), 2, 1, 6) is None
    assert _csvscan.count_column(text, ord(","), 2, 0, 50) is None


@needs_scan
def test_bad_arguments_are_an_error_not_a_crash():
    with pytest.raises(ValueError, match="bad arguments"):
        _csvscan.count_column(b"a,b\n", ord(","), 2, 2, 5)
    with pytest.raises(TypeError):
        _csvscan.count_column("a,b\n", ord(","), 2, 0, 5)


@needs_scan
def test_the_reader_merges_missing_spellings_and_leaves_bad_utf8_to_pyarrow():
    scan = read_csv._scanner(["id", "label"], ["label"], ",", 50)
    rows = "".join(f"{i},{['a', 'NA', '', 'null', 'b'][i % 5]}\n" for i in range(200))
    assert scan(rows.encode()) == {"label": (["a", None, "b"], [40, 120, 40])}
    assert scan(b"1,caf\xe9\n") is None  # pyarrow's error names the row
    assert read_csv._scanner(["id", "label", "y"], ["label", "y"], ",", 50) is None


@needs_scan
def test_a_regression_target_is_cut_short_with_examples():
    scan = read_csv._scanner(["id", "label"], ["label"], ",", 3)
    (values, counts) = scan(b"".join(b"%d,%d\n" % (i, i) for i in range(8)))["label"]
    assert counts is None
    assert values == [str(i) for i in range(8)]


_CC = (sysconfig.get_config_var("CC") or "").split()


def test_the_scan_is_built_where_a_compiler_is():
    """pip only warns when the optional extension fails to build; a test must not."""
    if not _CC or not shutil.which(_CC[0]):
        pytest.skip("no C compiler here: pyarrow parses every piece")
    assert _csvscan is not None, f"{_CC[0]} is installed but the C scan was not built"
