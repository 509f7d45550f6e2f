"""Datasets the checked code loads: the file a load resolves to, and its label counts.

The flow says which path a value was read from and which column the code trains on
(:class:`~imbalance_guard.code.facts.Loaded`, :class:`~imbalance_guard.code.facts.Column`).
This module finds that file — next to the script (a notebook's folder is Jupyter's working
directory), then at the project root; nothing else is guessed — and counts the classes of
that one column. CSV, TSV and JSON Lines are read with the standard library, so a code
check imports no pandas or pyarrow; Parquet and Feather need pyarrow, imported only when
such a file is linked. Counts are kept per (file, size, mtime, column) for the run; across
runs the code file's cache entry records the dataset's size and mtime as an input.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from imbalance_guard.code.facts import Column, Dropped, Loaded
from imbalance_guard.records import record

if TYPE_CHECKING:
    from imbalance_guard.code.unit import CodeUnit

__all__ = ["Link", "LinkedCounts", "header_of", "label_counts", "links_of", "resolve"]

#: A column with more distinct values than this is not a class label.
MAX_CLASSES = 1000
_TEXT = (".csv", ".tsv", ".txt", ".csv.gz", ".tsv.gz")
_JSONL = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_ARROW = (".parquet", ".pq", ".feather", ".arrow", ".ipc")
#: Cells pandas' ``read_csv`` reads as missing by default.
_NA = frozenset(
    {"", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND",
     "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"}
)  # fmt: skip
_MISSING = "\0missing"  # the key missing labels are counted under


@record(frozen=True)
class LinkedCounts:
    """The class counts of the label column of a linked dataset."""

    display: str  # the path as the user reads it (relative to the project root)
    column: str
    counts: tuple[tuple[str, int], ...]  # most frequent first
    missing: int = 0  # rows without a label (empty, or a value pandas reads as NaN)

    @property
    def rows(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def minority(self) -> tuple[str, int]:
        return self.counts[-1]

    @property
    def majority(self) -> tuple[str, int]:
        return self.counts[0]

    def ratio(self) -> float:
        """Majority over minority count (inf with one class or an empty column)."""
        if len(self.counts) < 2 or self.minority[1] == 0:
            return float("inf")
        return self.majority[1] / self.minority[1]

    def describe(self) -> str:
        """``on data/loans.csv, where `bad_loan_flag` is 1 in 3.0% of 1,000 rows,
        always predicting 0 scores 97% accuracy``."""
        label, count = self.minority
        share = 100 * count / self.rows
        accuracy = 100 * self.majority[1] / self.rows
        return (
            f"on {self.display}, where `{self.column}` is {label} in {share:.1f}% "
            f"({count:,}) of {self.rows:,} rows, always predicting {self.majority[0]} "
            f"scores {_percent(accuracy)} accuracy"
        )


@record(frozen=True)
class Link:
    """A dataset file the code loads, the column it trains on, and where it says so."""

    file: Path
    column: str
    origin: str  # "train.py:6": where the code names the label
    load: Loaded


def _percent(value: float) -> str:
    """97% — never rounded up to 100% while some rows differ (99.96% -> 99.9%)."""
    if value >= 99.5 and value < 100:
        return f"{int(value * 10) / 10:.1f}%"
    return f"{value:.0f}%"


def resolve(path: str, script: str | None, root: Path) -> Path | None:
    """The file ``path`` names, tried against the script's folder then the project root;
    None when neither holds it (nothing else is guessed)."""
    candidate = Path(path)
    bases = [] if candidate.is_absolute() else [Path(script).parent] if script else []
    if not candidate.is_absolute():
        bases.append(root)
    tries = [candidate] if candidate.is_absolute() else [base / candidate for base in bases]
    for found in tries:
        try:
            if found.is_file():
                return found.resolve()
        except (OSError, ValueError):  # a name too long, a NUL byte ...
            continue
    return None


def _suffix(file: Path) -> str:
    name = file.name.lower()
    for suffix in (*_TEXT, *_JSONL, *_ARROW):
        if name.endswith(suffix):
            return suffix
    return ""


def _text_rows(file: Path) -> Iterator[list[str]]:
    import csv
    import gzip
    import io

    suffix = _suffix(file)
    raw = gzip.open(file, "rb") if suffix.endswith(".gz") else open(file, "rb")  # noqa: SIM115
    with raw, io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="") as text:
        delimiter = "\t" if ".tsv" in suffix else ","
        yield from csv.reader(text, delimiter=delimiter)


def header_of(file: Path) -> list[str] | None:
    """The column names of a CSV / TSV file (its first row), or of an Arrow-format file."""
    import csv  # the readers load once a linked file exists: most code links none

    suffix = _suffix(file)
    try:
        if suffix in _TEXT:
            return next(_text_rows(file), None)
        if suffix in _ARROW:
            return _arrow_columns(file)
    except (OSError, csv.Error, UnicodeError, ValueError, EOFError):
        return None
    return None


def _arrow_columns(file: Path) -> list[str] | None:
    try:
        import pyarrow.dataset as ds
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        return None
    fmt = "parquet" if file.suffix.lower() in (".parquet", ".pq") else "ipc"
    return list(ds.dataset(str(file), format=fmt).schema.names)


_MEMO: dict[tuple[str, int, int, str], LinkedCounts | None] = {}


def label_counts(file: Path, column: str, display: str) -> LinkedCounts | None:
    """The class counts of ``column`` in ``file`` (only that column is read); None when the
    file cannot be read, lacks the column, or the column is not a class label."""
    try:
        stat = os.stat(file)
    except OSError:
        return None
    key = (str(file), stat.st_size, stat.st_mtime_ns, column)
    if key not in _MEMO:
        import csv

        try:
            counts = _count(file, column)
        except (OSError, csv.Error, UnicodeError, ValueError, EOFError, KeyError):
            counts = None
        missing = counts.pop(_MISSING, 0) if counts is not None else 0
        if counts is not None and (not counts or len(counts) > MAX_CLASSES):
            counts = None
        ordered = (
            tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
            if counts is not None
            else None
        )
        _MEMO[key] = LinkedCounts(display, column, ordered, missing) if ordered else None
    found = _MEMO[key]
    if found is not None and found.display != display:
        found = LinkedCounts(display, found.column, found.counts, found.missing)
    return found


def _count(file: Path, column: str) -> Counter[str] | None:
    suffix = _suffix(file)
    counts: Counter[str] = Counter()
    if suffix in _TEXT:
        rows = _text_rows(file)
        header = next(rows, None)
        if header is None or column not in header:
            return None
        index = header.index(column)
        for number, row in enumerate(rows):
            cell = row[index] if index < len(row) else ""
            counts[_MISSING if cell in _NA else cell] += 1
            if number % 4096 == 0 and len(counts) > MAX_CLASSES + 1:
                return None  # an identifier or a measurement: stop before it costs memory
        return counts
    if suffix in _JSONL:
        import gzip
        import json

        opener = gzip.open if suffix.endswith(".gz") else open
        with opener(file, "rt", encoding="utf-8", errors="replace") as lines:
            for line in lines:
                if not line.strip():
                    continue
                record = json.loads(line)
                value = record.get(column) if isinstance(record, dict) else None
                counts[_label_text(value) if value is not None else _MISSING] += 1
                if len(counts) > MAX_CLASSES + 1:
                    return None
        return counts
    if suffix in _ARROW:
        return _arrow_count(file, column)
    return None


def _label_text(value: object) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _arrow_count(file: Path, column: str) -> Counter[str] | None:
    import pyarrow.dataset as ds

    fmt = "parquet" if file.suffix.lower() in (".parquet", ".pq") else "ipc"
    dataset = ds.dataset(str(file), format=fmt)
    if column not in dataset.schema.names:
        return None
    counts: Counter[str] = Counter()
    for batch in dataset.to_batches(columns=[column]):
        for item in batch.column(0).value_counts().to_pylist():
            value = item["values"]
            counts[_label_text(value) if value is not None else _MISSING] += item["counts"]
        if len(counts) > MAX_CLASSES + 1:
            return None
    return counts


def display_of(file: Path, root: Path) -> str:
    try:
        return file.relative_to(root.resolve()).as_posix()
    except ValueError:
        return file.as_posix()


def links_of(unit: CodeUnit, root: Path) -> list[Link]:
    """The datasets ``unit`` loads that exist, with the column it trains on."""
    flow = unit.flow
    found: list[Link] = []
    for load, mark in flow.label_links:
        file = resolve(load.path, unit.file, root)
        if file is None:
            continue
        column: str | None = None
        if isinstance(mark, Column):
            if isinstance(mark.column, str):
                column = mark.column
            else:
                header = header_of(file)
                if header and -len(header) <= mark.column < len(header):
                    column = header[mark.column]
        elif isinstance(mark, Dropped) and len(mark.columns) == 1:
            column = mark.columns[0]
        if column is None:
            continue
        cell, line = unit.cell_of(mark.line)
        where = f"{unit.path}:cell {cell.index}:{line}" if cell else f"{unit.path}:{line}"
        found.append(Link(file, column, where, load))
    return found


def unresolved(unit: CodeUnit, root: Path) -> list[str]:
    """``train.py:4: pandas.read_csv(sys.argv[1])``: loads whose file is not known."""
    out = [
        f"{unit.path}:{u.line}: {u.reader}({u.text}): path not a constant"
        for u in unit.flow.unresolved_loads
    ]
    for load, _ in unit.flow.label_links:
        if resolve(load.path, unit.file, root) is None:
            out.append(f"{unit.path}:{load.line}: {load.reader}({load.path!r}): no such file")
    return out


def counts_for(unit: CodeUnit, root: Path) -> LinkedCounts | None:
    """The label counts of the one dataset ``unit`` trains on (None when it links none,
    or several different ones: which one a finding is about is then not known)."""
    links = {(link.file, link.column): link for link in links_of(unit, root)}
    if len(links) != 1:
        return None
    link = next(iter(links.values()))
    unit.flow.data_read.add(str(link.file))
    return label_counts(link.file, link.column, display_of(link.file, root))


def file_counts(unit: CodeUnit, load: Loaded, column: str | int, root: Path) -> LinkedCounts | None:
    """The counts of ``column`` (a name, or a position in the header) of the file ``load``
    read, recorded as read for ``unit``'s cache entry."""
    file = resolve(load.path, unit.file, root)
    if file is None:
        return None
    if isinstance(column, int):
        header = header_of(file)
        if not header or not -len(header) <= column < len(header):
            return None
        column = header[column]
    unit.flow.data_read.add(str(file))
    return label_counts(file, column, display_of(file, root))
