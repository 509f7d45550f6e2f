"""The row comparison against a reference: Python's ``csv`` module and a set of tuples.

The reference reads both files with ``csv.reader`` and compares each test row, on the
columns both headers have (matched by name, in any order), with the set of train rows.
What the comparison documents (data/overlap.py): values are the fields' text after
unquoting, an empty field is missing and two missing values are equal, a test row counts
once whatever the train file holds, and every copy in the test file counts. The shared
count, the number of test rows and the first three shared row numbers must be equal.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imbalance_guard.data import overlap, read_csv
from imbalance_guard.data.overlap import NotComparable, shared_rows

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
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    case=split(),
    delimiter=st.sampled_from([",", "\t"]),
    end=st.sampled_from(["\r\n", "\n", "mixed"]),
)
def test_shared_rows_match_the_csv_module(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    line_size: int | None,
    wide: int | None,
    case,
    delimiter: str,
    end: str,
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
