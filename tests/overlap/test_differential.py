"""The row comparison against a reference: Python's ``csv`` and ``json`` modules, pyarrow,
and a set of tuples.

The reference reads both files with ``csv.reader`` and compares each test row, on the
columns both headers have (matched by name, in any order), with the set of train rows.
What the comparison documents (data/overlap.py): values are the fields' text after
unquoting, an empty field is missing and two missing values are equal, a test row counts
once whatever the train file holds, and every copy in the test file counts. The shared
count, the number of test rows and the first three shared row numbers must be equal.
"""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imbalance_guard.data import overlap, read_csv
from imbalance_guard.data.overlap import NotComparable, SideUnreadable, shared_rows
from tests.differential_settings import SETTINGS, more

# Few values, so that generated rows often repeat across the two files; each one is a
# case of its own for a CSV reader: quotes, delimiters, line breaks, spaces, unicode.
VALUES = ["a", "b", "", "1", "1.0", " a", 'x"y', "c,d", "e\nf", "g\r\nh", "é", "NA", "\t"]
NAMES = ["id", "age", "city", "label", "Åge", "a b"]


def reference(train: Path, test: Path, delimiter: str) -> tuple[int, int, list[int]]:
    def read(path: Path) -> tuple[list[str], list[list[str]]]:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle, delimiter=delimiter, strict=True))
        return rows[0], rows[1:]

    train_header, train_rows = read(train)
    test_header, test_rows = read(test)
    shared = [name for name in test_header if name in train_header]
    seen = {tuple(row[train_header.index(n)] for n in shared) for row in train_rows}
    hits = [
        number
        for number, row in enumerate(test_rows, 1)
        if tuple(row[test_header.index(n)] for n in shared) in seen
    ]
    return len(hits), len(test_rows), hits[:3]


def write(path: Path, header: list[str], rows: list[list[str]], delimiter: str, end: str) -> None:
    """The file, its rows ending in ``end``, or in ``\\n`` and ``\\r\\n`` in turn ("mixed",
    as files joined from several systems: DuckDB refuses them, Python's csv reads them)."""
    ends = ["\n", "\r\n"] if end == "mixed" else [end]
    with path.open("w", newline="", encoding="utf-8") as handle:
        for number, row in enumerate([header, *rows]):
            ending = ends[number % len(ends)]
            csv.writer(handle, delimiter=delimiter, lineterminator=ending).writerow(row)


@st.composite
def split(draw: st.DrawFn) -> tuple[list[str], list[list[str]], list[str], list[list[str]]]:
    train_header = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True))
    # the test file: some of the train columns, in any order, maybe one of its own
    kept = draw(st.lists(st.sampled_from(train_header), min_size=1, unique=True))
    others = [n for n in NAMES if n not in train_header]
    extra = draw(st.lists(st.sampled_from(others), max_size=1)) if others else []
    test_header = draw(st.permutations(kept + extra))
    train_rows = draw(
        st.lists(
            st.lists(
                st.sampled_from(VALUES), min_size=len(train_header), max_size=len(train_header)
            ),
            min_size=1,
            max_size=12,
        )
    )
    # test rows: copies of train rows (reordered to the test header) and new rows
    copies = [
        [
            row[train_header.index(n)] if n in train_header else draw(st.sampled_from(VALUES))
            for n in test_header
        ]
        for row in draw(st.lists(st.sampled_from(train_rows), max_size=6))
    ]
    fresh = draw(
        st.lists(
            st.lists(st.sampled_from(VALUES), min_size=len(test_header), max_size=len(test_header)),
            max_size=6,
        )
    )
    test_rows = draw(st.permutations(copies + fresh))
    if not test_rows:
        test_rows = [[VALUES[0]] * len(test_header)]
    return train_header, train_rows, list(test_header), list(test_rows)


@pytest.mark.parametrize(
    ("line_size", "wide"),
    [(None, None), (64, None), (None, 0)],
    ids=["default", "small-buffers", "hashed-rows"],
)
@SETTINGS
@given(
    case=split(),
    delimiter=st.sampled_from([",", "\t"]),
    end=st.sampled_from(["\r\n", "\n", "mixed"]),
    gzipped=st.sampled_from(["", "train", "test"]),
)
def test_shared_rows_match_the_csv_module(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    line_size: int | None,
    wide: int | None,
    case,
    delimiter: str,
    end: str,
    gzipped: str,
) -> None:
    if line_size is not None:  # small read buffers: rows cross every buffer boundary
        monkeypatch.setattr(read_csv, "LINE_SIZE", line_size)
    if wide is not None:  # every row keyed by its hashes, as rows of many columns are
        monkeypatch.setattr(overlap, "WIDE", wide)
    train_header, train_rows, test_header, test_rows = case
    suffix = ".csv" if delimiter == "," else ".tsv"
    train, test = tmp_path / f"train{suffix}", tmp_path / f"test{suffix}"
    write(train, train_header, train_rows, delimiter, end)
    write(test, test_header, test_rows, delimiter, end)
    expected = reference(train, test, delimiter)
    if gzipped:  # one side compressed: read whole, on one core, and checked as text
        plain = train if gzipped == "train" else test
        packed = plain.with_name(plain.name + ".gz")
        packed.write_bytes(gzip.compress(plain.read_bytes()))
        plain.unlink()
        train, test = (packed, test) if gzipped == "train" else (train, packed)
    try:
        found = shared_rows(train, test)
    except NotComparable:  # pragma: no cover - the generator always shares a column
        pytest.fail("no column in common")
    assert (found.shared, found.test_rows, list(found.examples)) == expected
    assert list(found.columns) == [n for n in test_header if n in train_header]


def test_given_columns_narrow_the_comparison(tmp_path: Path) -> None:
    """The seam for pairs found in code: only the feature columns the code uses."""
    write(tmp_path / "a.csv", ["id", "x", "y"], [["1", "a", "0"], ["2", "b", "1"]], ",", "\n")
    write(tmp_path / "b.csv", ["y", "x", "id"], [["0", "a", "9"], ["1", "c", "8"]], ",", "\n")
    assert shared_rows(tmp_path / "a.csv", tmp_path / "b.csv").shared == 0
    narrowed = shared_rows(tmp_path / "a.csv", tmp_path / "b.csv", ["x", "y"])
    assert (narrowed.shared, narrowed.examples, narrowed.columns) == (1, (1,), ("y", "x"))
    with pytest.raises(NotComparable):
        shared_rows(tmp_path / "a.csv", tmp_path / "b.csv", ["nope"])


# -- JSON Lines -----------------------------------------------------------------------------

# JSON texts in groups: within a group, the same value written another way (an escape,
# spaces, an exponent) or a value that differs only in its type or sign (1 and 1.0, 1 and
# "1", -0.0 and 0.0, null and "null"). A copied row draws each value again from its group,
# so the comparison meets every pair. MISSING: the key left out of the object.
MISSING = ""
JSON_GROUPS = [
    ["1", "1.0", "1.00", "1e0", '"1"', "true"],
    ["100", "1E2", "100.0"],
    ["-0", "0", "0.0", "-0.0", "false"],
    ["0.1", "0.10000000000000001", "0.1000000000000000000001"],
    ["123456789012345678901234", "123456789012345678901235", "1.23456789012345678901234e23"],
    ['"é"', '"\\u00e9"', '"e\\u0301"'],
    ['"😀"', '"\\ud83d\\ude00"'],
    ['"a/b"', '"a\\/b"', '"a\\"b"', '"a\\nb"'],
    ["null", MISSING, '"null"', '""'],
    ["[1,2]", "[1, 2]", "[2,1]", "[]", "[ ]"],
    ['{"a":1}', '{ "a": 1 }', '{"a":1.0}', "{}"],
]


def json_value(text: str) -> object:
    """The reference's value: what the JSON means, its type kept (1 and 1.0 differ, as
    the comparison documents), -0.0 and 0.0 apart as in Parquet; an object's keys in the
    order written."""

    def canon(value: object) -> object:
        if isinstance(value, bool) or value is None:
            return (type(value).__name__, value)
        if isinstance(value, float):
            return ("float", repr(value))
        if isinstance(value, (int, str)):
            return (type(value).__name__, value)
        if isinstance(value, list):
            return ("list", tuple(canon(v) for v in value))
        assert isinstance(value, dict)
        return ("dict", tuple((k, canon(v)) for k, v in value.items()))

    return canon(json.loads(text))


def json_reference(
    train: list[dict[str, str]], test: list[dict[str, str]]
) -> tuple[int, int, list[int]]:
    """Shared test rows on the keys both files have (a key seen in any object of a file is
    one of its columns); a missing key and null are both missing."""
    train_keys = {key for row in train for key in row if row[key] != MISSING}
    shared = sorted(train_keys & {key for row in test for key in row if row[key] != MISSING})

    def row_key(row: dict[str, str]) -> tuple:
        return tuple(json_value(row.get(k) or "null") for k in shared)

    seen = {row_key(row) for row in train}
    hits = [number for number, row in enumerate(test, 1) if row_key(row) in seen]
    return len(hits), len(test), hits[:3]


# Key names, each with the spellings a file may use for it.
JSON_KEYS = {"a": ['"a"', '"\\u0061"'], "y": ['"y"'], "é": ['"é"', '"\\u00e9"'], "a b": ['"a b"']}


@st.composite
def json_split(draw: st.DrawFn) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Rows as {key name: JSON text of the value, or MISSING}; the key's spelling is drawn
    on writing."""
    group = {text: members for members in JSON_GROUPS for text in members}

    def row() -> dict[str, str]:
        chosen = draw(st.lists(st.sampled_from(sorted(JSON_KEYS)), min_size=1, unique=True))
        return {key: draw(st.sampled_from(draw(st.sampled_from(JSON_GROUPS)))) for key in chosen}

    def near_copy(of: dict[str, str]) -> dict[str, str]:
        keys = draw(st.permutations(list(of)))
        return {key: draw(st.sampled_from(group[of[key]])) for key in keys}

    train = [row() for _ in range(draw(st.integers(1, 10)))]
    # copies of train rows, each value drawn again from its group, and new rows
    test = [near_copy(r) for r in draw(st.lists(st.sampled_from(train), max_size=6))]
    test += [row() for _ in range(draw(st.integers(0 if test else 1, 4)))]
    return train, draw(st.permutations(test))


def write_jsonl(path: Path, rows: list[dict[str, str]], end: str, spelling: st.DataObject) -> None:
    lines = []
    for row in rows:
        written = [
            f"{spelling.draw(st.sampled_from(JSON_KEYS[k]))}: {v}" for k, v in row.items() if v
        ]
        lines.append("{" + ", ".join(written) + "}")
    path.write_bytes((end.join(lines) + end).encode())


# Rows of one group's spellings meet less often than CSV fields: more files per run.
@more(200)
@given(case=json_split(), end=st.sampled_from(["\n", "\r\n"]), spelling=st.data())
def test_json_lines_shared_rows_match_pythons_json_module(
    tmp_path: Path, case, end: str, spelling: st.DataObject
) -> None:
    train_rows, test_rows = case
    train, test = tmp_path / "train.jsonl", tmp_path / "test.jsonl"
    write_jsonl(train, train_rows, end, spelling)
    write_jsonl(test, test_rows, end, spelling)
    expected = json_reference(train_rows, test_rows)
    keys = [{k for r in rows for k, v in r.items() if v} for rows in (train_rows, test_rows)]
    try:
        found = shared_rows(train, test)
    except SideUnreadable as exc:  # as the count: a file of objects without keys
        assert exc.reason == "has no JSON objects with fields (one per line)"
        assert exc.path == (train if not keys[0] else test) and not all(keys)
        return
    except NotComparable:  # no key that both files write
        assert not keys[0] & keys[1]
        return
    assert (found.shared, found.test_rows, list(found.examples)) == expected


# -- Parquet --------------------------------------------------------------------------------

# Column types and the values drawn for them: close values that a lenient comparison would
# merge (NaN and NaN are one value, -0.0 and 0.0 two; 1 and 1.0 in columns of two types).
PARQUET_COLUMNS = {
    "int64": [0, 1, -1, 2**62, None],
    "float64": [0.0, -0.0, 1.0, 0.1, float("nan"), float("inf"), None],
    "float32": [0.0, 1.0, 0.5, float("nan"), None],
    "string": ["a", "", "é", "a\nb", '"q"', "1", None],
    "bool": [True, False, None],
    "date32": [0, 1, 18_000, None],
    "timestamp[us]": [0, 1, 10**15, None],
}


def parquet_value(kind: str, value: object) -> object:
    """The reference's value: null for None, floats by their repr (nan is nan, -0.0 is not
    0.0), everything else as itself."""
    if value is None:
        return None
    return repr(value) if kind.startswith("float") else value


@st.composite
def parquet_split(draw: st.DrawFn) -> tuple[dict[str, str], list[list], list[list]]:
    names = draw(st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, unique=True))
    kinds = {name: draw(st.sampled_from(sorted(PARQUET_COLUMNS))) for name in names}

    def row() -> list:
        return [draw(st.sampled_from(PARQUET_COLUMNS[kinds[n]])) for n in names]

    def twin(value: object, kind: str) -> object:
        """A value a lenient comparison would take for ``value``: -0.0 for 0.0, a NaN of
        its own for NaN, null for an empty string and the other way round."""
        if isinstance(value, float) and (value == 0 or value != value):
            return -value
        if kind == "string" and value in ("", None):
            return None if value == "" else ""
        return value

    def near_copy(of: list) -> list:  # each value kept, or its twin, or another
        return [
            draw(
                st.sampled_from(
                    [v, twin(v, kinds[n]), twin(v, kinds[n]), *PARQUET_COLUMNS[kinds[n]]]
                )
            )
            for v, n in zip(of, names, strict=True)
        ]

    train = [row() for _ in range(draw(st.integers(1, 12)))]
    test = [near_copy(r) for r in draw(st.lists(st.sampled_from(train), max_size=6))]
    test += [row() for _ in range(draw(st.integers(0 if test else 1, 4)))]
    return kinds, train, draw(st.permutations(test))


@more(200)  # twins meet in few files: more files
@given(case=parquet_split())
def test_parquet_shared_rows_match_pyarrow(tmp_path: Path, case) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    kinds, train_rows, test_rows = case
    names = list(kinds)

    def write(path: Path, rows: list[list]) -> None:
        columns = {
            name: pa.array([r[i] for r in rows], type=pa.type_for_alias(kinds[name]))
            for i, name in enumerate(names)
        }
        pq.write_table(pa.table(columns), path)

    train, test = tmp_path / "train.parquet", tmp_path / "test.parquet"
    write(train, train_rows)
    write(test, test_rows)

    def keys(path: Path) -> list[tuple]:
        table = pq.read_table(path).to_pylist()
        return [tuple(parquet_value(kinds[n], row[n]) for n in names) for row in table]

    seen = set(keys(train))
    hits = [number for number, key in enumerate(keys(test), 1) if key in seen]
    found = shared_rows(train, test)
    assert (found.shared, found.test_rows, list(found.examples)) == (
        len(hits),
        len(test_rows),
        hits[:3],
    )
