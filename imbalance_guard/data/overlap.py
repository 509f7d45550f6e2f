"""Rows a test file shares with a train file: the comparison behind IG107.

:func:`shared_rows` is the one entry point: ``(train_path, test_path, columns)``. IG107
feeds it the pairs it finds by name and the pairs declared in configuration; a pair the
code analysis finds (the two files an evaluation loads, with the feature columns the code
uses, an ID column it drops left out) goes through the same call with ``columns`` set.

**How.** One DuckDB query: each row becomes one key, its compared values as a JSON array
(``to_json(row(...))``: strings escaped, ``null`` for a missing value, so two missing values
are equal); the test rows, numbered in file order, are semi-joined to the train rows on that
key. DuckDB hashes the keys for the join and then compares candidate keys in full, so a
shared row is never a hash collision: no false positives. A test row counts once however
often it occurs in the train file, and each duplicate of it in the test file counts as a
row of its own.

Rows of more than ``WIDE`` (64) compared columns (pixels, embeddings, one-hot blocks) do not
fit the memory budget as one value; they are keyed by two 64-bit hashes of their values,
in file order and in reverse order. Two different rows with equal keys would be a false
shared row: the chance that any occurs is at most about ``n * m / 2**64`` for ``n`` train
and ``m`` test rows (5 in a million for ten million rows on each side), and about
``n * m / 2**128`` if the two hashes behave as independent ones. A shared row is never
missed.

**Values.** A CSV or TSV file is read exactly as the CSV reader reads it for labels
(``read_csv.dialect``): every field is text after unquoting, so ``1`` and ``1.0`` differ,
and an empty field is missing. The CSV reader counts each CSV file first, with every
check it makes (``read_csv.count_rows``): a file it refuses cannot be compared, one DuckDB
does not read right goes through Python's ``csv`` module, and a side the comparison reads
with other rows than the count found is read through it too.

Parquet columns keep their types (a column typed differently in the two files is compared
as text), each compared by its exact JSON text (``NaN`` equals ``NaN``; ``-0.0`` and
``0.0`` differ). A JSON Lines file has a column for every key of every object, as the
reader reads it, each value the JSON the file writes (``1`` and ``1.0`` differ; a missing
key and ``null`` are both missing; an object holding a compared key twice cannot be
compared). Two files of different formats are compared as text on both sides (a JSON
string as its text). Feather files are not compared yet.

**Memory.** DuckDB runs with ``MEMORY_LIMIT`` and spills the join to a private temporary
directory, removed afterwards: memory stays bounded whatever the files' size. Files are
read through :class:`~imbalance_guard.data.opened.OpenedFile` (literal paths, never
globs; a file that changes meanwhile is an error).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import field
from pathlib import Path
from typing import Any

from imbalance_guard.data import duck, reading
from imbalance_guard.data.opened import OpenedFile
from imbalance_guard.data.profile import UnreadableData
from imbalance_guard.data.progress import Progress
from imbalance_guard.data.splits import COMPARED
from imbalance_guard.discover import Target, classify
from imbalance_guard.records import record

#: DuckDB's memory budget for one comparison; beyond it the join spills to disk. With
#: Python and the engine loaded, the process stays under 300 MB.
MEMORY_LIMIT = "128MB"
#: A CSV read buffer holds this many rows of the longest size (DuckDB's default: 16).
BUFFER_ROWS = 4
#: At most this many DuckDB threads: each holds read buffers and join partitions of its
#: own, and 8 threads exceed a 128 MB budget where 2 stay well inside it.
MAX_THREADS = 2
#: Formats compared; a pair of another format is not compared.
FORMATS = COMPARED
#: Rows of more compared columns than this are compared by a 128-bit hash (see _key).
WIDE = 64
#: How many shared test rows a finding shows as examples.
EXAMPLES = 3


class NotComparable(Exception):
    """The pair cannot be compared (no column in common, a format not supported)."""


class SideUnreadable(UnreadableData):
    """One of the two files cannot be read: ``path`` says which, ``reason`` why."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@record(frozen=True)
class Overlap:
    """What comparing a test file with a train file found."""

    test_rows: int
    shared: int  # test rows that also occur in the train file (duplicates each count)
    examples: tuple[int, ...]  # the first shared test rows, 1-based data rows (no header)
    columns: tuple[str, ...]  # the columns compared, in the test file's order
    only_train: tuple[str, ...] = ()  # columns only the train file has
    only_test: tuple[str, ...] = ()  # columns only the test file has
    as_text: tuple[str, ...] = field(default=())  # typed columns compared as text
    excluded: tuple[str, ...] = ()  # columns left out on purpose (found in either file)
    hashed: bool = False  # compared by a 128-bit hash (more than WIDE columns), not by value

    @property
    def share(self) -> float:
        return self.shared / self.test_rows if self.test_rows else 0.0


@record
class _Side:
    """One file held open, as a DuckDB relation with its columns."""

    target: Target  # the file, named when the engine cannot read it
    source: Any  # a context manager giving the path DuckDB reads
    columns: list[str]  # the header's names
    types: list[str]  # DuckDB types ("VARCHAR" for every CSV column)
    fields: list[str]  # the relation's own names for the columns (c0, c1 … for CSV)
    csv_options: str = ""  # read_csv's options; "": not a CSV file
    line_size: int = 0  # read_csv's longest row (bytes)
    # read on one core: DuckDB 2.0's parallel reader loses rows of a \r\n file where a
    # quoted cell holds a lone \n or \r, without an error (see read_csv)
    one_core: bool = False
    size: int = 0  # the file's size (bytes)
    # (source, csv_options) of the CSV file as Python's csv module reads it, for a file
    # DuckDB does not read right; None: not a CSV file, or already read so
    reference: Any = None
    rows: int = -1  # a CSV file's rows, as the CSV reader counts them; -1: not counted
    json_columns: str = ""  # read_json's ``columns``; "": not a JSON Lines file
    key: str = ""  # the SQL of the side's join key, as the comparison reads it
    compression: str = "none"
    object_size: int = 0  # read_json's largest object (bytes)

    @property
    def json_options(self) -> str:
        from imbalance_guard.data.read_jsonl import options

        return options(self.compression, self.object_size)

    def read_by_reference(self) -> bool:
        """Read the CSV file through Python's csv module from now on; False when it is."""
        if self.reference is None:
            return False
        self.source, self.csv_options = self.reference
        self.reference, self.one_core = None, True  # a pipe: one core
        return True

    def relation(self) -> str:
        """The file as SQL, with one ``?`` for its path."""
        if self.json_columns:
            return (
                f"read_json(?, format = 'newline_delimited', records = 'true', "
                f"columns = {{{self.json_columns}}}, {self.json_options})"
            )
        if not self.csv_options:
            return "read_parquet(?)"
        # Small read buffers (DuckDB's default is 16 rows of the longest size, per file
        # and thread): two files are read at once, within the memory budget.
        parallel = "false" if self.one_core else "true"
        return (
            f"read_csv(?, {self.csv_options}, max_line_size = {self.line_size}, "
            f"buffer_size = {BUFFER_ROWS * self.line_size}, parallel = {parallel})"
        )


#: (the columns to compare or None for all, the columns never compared)
_Wanted = tuple[Sequence[str] | None, Sequence[str]]


def format_of(path: Path) -> str:
    """The dataset format of a file name (``csv``, ``parquet`` …), or ``""``."""
    found = classify(path)
    return found[1] if found and found[0] == "dataset" else ""


def shared_rows(
    train_path: Path | str,
    test_path: Path | str,
    columns: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
) -> Overlap:
    """Count the rows of ``test_path`` that also occur in ``train_path``.

    :param columns: the columns to compare (the feature columns the code uses); None:
        every column both files have. Names neither or only one file has are ignored.
    :param exclude: columns never compared (an identifier, a timestamp of the export).
    :raises NotComparable: no column to compare, or a format that is not compared.
    :raises UnreadableData: a file cannot be read (the message names it).
    """
    train, test = Path(train_path), Path(test_path)
    formats = [format_of(train), format_of(test)]
    for path, fmt in zip((train, test), formats, strict=True):
        if fmt not in FORMATS:
            shown = reading.FORMAT_NAMES.get(fmt, "an unknown format")
            raise NotComparable(f"{path}: rows of {shown} files are not compared yet")
    with ExitStack() as stack:
        sides = []
        for path, fmt in zip((train, test), formats, strict=True):
            target = Target(path, str(path), "dataset", fmt)
            try:
                opened = stack.enter_context(reading.open_dataset(target))
                # (an error while the side is described names its file, as IG001 does)
                sides.append(_describe(opened, fmt, stack, target))
            except UnreadableData as exc:
                raise SideUnreadable(path, str(exc)) from None
        size = sum(side.size for side in sides)
        with _spill_directory() as spill, Progress(f"{test} against {train}", size) as progress:
            text = len(set(formats)) > 1
            return _compare(sides[0], sides[1], (columns, exclude), spill, text, progress)


def _describe(opened: OpenedFile, fmt: str, stack: ExitStack, target: Target) -> _Side:
    if fmt == "parquet":
        con = stack.enter_context(_connection(None))
        with reading.translate_errors(target):
            described = con.execute(
                "DESCRIBE SELECT * FROM read_parquet(?)", [opened.engine_path]
            ).fetchall()
        names = [row[0] for row in described]
        source = _direct(opened.engine_path)
        types = [row[1] for row in described]
        return _Side(target, source, names, types, names, size=opened.size)
    if fmt == "jsonl":
        return _describe_jsonl(opened, stack, target)
    from imbalance_guard.data.csv_checks import last_record, tail_of
    from imbalance_guard.data.csv_header import read_header
    from imbalance_guard.data.pipe_source import raw, rewritten
    from imbalance_guard.data.read_csv import (
        DELIMITERS,
        LINE_SIZE,
        MAX_LINE_SIZE,
        count_rows,
        csv_options,
        dialect,
    )

    compressed = target.path.name.lower().endswith(".gz")
    delimiter = DELIMITERS[fmt]
    with reading.translate_errors(target):
        with raw(opened.engine_path, compressed) as stream:
            header = read_header(stream, delimiter)
        # DuckDB drops a last row longer than its read buffer without an error (see
        # csv_checks): room for the file's last row, as the CSV reader gives it.
        window = 2 * LINE_SIZE
        last = last_record(tail_of(opened.engine_path, compressed, window), window)
        # The CSV reader's count, with every check it makes: the file is IG001 here when
        # it is there, and DuckDB reads it for the comparison only where the count trusts
        # it to read the rows as Python's csv module does.
        with Progress(target.display, opened.size) as progress:
            counted = count_rows(opened, header, compressed, delimiter, [], 0, progress)
    longest = window if last is None else len(last)
    line_size = LINE_SIZE if longest < LINE_SIZE else min(MAX_LINE_SIZE, 2 * longest + 1)
    options, source = dialect(opened, header, compressed, delimiter)
    count = len(header.columns)
    fields = [f"c{i}" for i in range(count)]
    columns = list(header.columns)
    by_reference = _naming(target.path, rewritten(opened.engine_path, compressed, delimiter, count))
    side = _Side(
        target,
        source,
        columns,
        ["VARCHAR"] * count,
        fields,
        options,
        line_size=line_size,
        size=opened.size,
        reference=(by_reference, csv_options(count, delimiter)),
        one_core=counted.reader == "one core",
        rows=counted.rows,
    )
    if not counted.reader:
        side.read_by_reference()
    return side


def _describe_jsonl(opened: OpenedFile, stack: ExitStack, target: Target) -> _Side:
    """A JSON Lines file as the reader reads it: every key of every object is a column
    (in name order), each value DuckDB's JSON value (a missing key or null: missing)."""
    from imbalance_guard.data.read_jsonl import OBJECT_SIZE, keys_of

    compressed = target.path.name.lower().endswith(".gz")
    side = _Side(
        target,
        _direct(opened.engine_path),
        [],
        [],
        [],
        size=opened.size,
        object_size=OBJECT_SIZE,
        compression="gzip" if compressed else "none",
    )
    con = stack.enter_context(_connection(None))
    with reading.translate_errors(target):
        while True:  # as the reader: room for an object as large as the file if need be
            try:
                with Progress(target.display, opened.size) as progress:
                    params = [opened.engine_path]
                    names = keys_of(con, side.json_options, params, progress, opened.size)
                break
            except Exception as exc:
                if "maximum_object_size" not in str(exc) or not _larger(side):
                    raise
    wanted = ", ".join(f"{duck.literal(name)}: 'JSON'" for name in names)
    side.json_columns = wanted
    side.columns, side.types, side.fields = names, ["JSON"] * len(names), names
    return side


def _naming(path: Path, source: Any) -> Any:
    """``source``, its refusal of the file naming the file (the two are read at once)."""

    @contextmanager
    def named() -> Iterator[str]:
        try:
            with source() as engine_path:
                yield engine_path
        except SideUnreadable:
            raise  # the other file's refusal, passing through this one's context
        except UnreadableData as exc:
            raise SideUnreadable(path, str(exc)) from None

    return named


def _direct(path: str) -> Any:
    @contextmanager
    def source() -> Iterator[str]:
        yield path

    return source


def _pairs(train: _Side, test: _Side, wanted: _Wanted) -> list[tuple[int, int]]:
    """(train index, test index) of the columns to compare, in the test file's order. A
    name repeated in a header is paired by occurrence: the second ``x`` with the second."""
    chosen, excluded = wanted
    seen: dict[str, int] = {}
    keyed_train: dict[tuple[str, int], int] = {}
    for index, name in enumerate(train.columns):
        seen[name] = seen.get(name, 0) + 1
        keyed_train[(name, seen[name])] = index
    seen.clear()
    pairs = []
    allowed = None if chosen is None else set(chosen)
    for index, name in enumerate(test.columns):
        seen[name] = seen.get(name, 0) + 1
        if name in excluded or (allowed is not None and name not in allowed):
            continue
        if (name, seen[name]) in keyed_train:
            pairs.append((keyed_train[(name, seen[name])], index))
    return pairs


def _compare(
    train: _Side,
    test: _Side,
    wanted: _Wanted,
    spill: str,
    text: bool,
    progress: Progress,
) -> Overlap:
    pairs = _pairs(train, test, wanted)
    if not pairs:
        raise NotComparable("the two files have no column in common")
    as_text = [test.columns[j] for i, j in pairs if text or train.types[i] != test.types[j]]
    train_values, test_values = [], []
    for i, j in pairs:
        cast = text or train.types[i] != test.types[j]
        train_values.append(_value(train.fields[i], cast, train.types[i]))
        test_values.append(_value(test.fields[j], cast, test.types[j]))
    hashed = len(pairs) > WIDE
    train.key, test.key = _key(train_values, hashed), _key(test_values, hashed)
    on = "t.k = r.k AND t.k2 = r.k2" if hashed else "t.k = r.k"

    def query() -> str:  # asked again after a CSV side is read another way
        return (
            # the key first, then the row numbers: the window sees one column, not all
            f"WITH t AS (SELECT row_number() OVER () AS rn, * "
            f"FROM (SELECT {test.key} FROM {test.relation()})) "
            f"SELECT count(*), min(rn, {EXAMPLES}) FROM t SEMI JOIN "
            f"(SELECT {train.key} FROM {train.relation()}) r ON {on}"
        )

    with _connection(spill) as con:
        while True:
            shared, examples = _run(con, query, [test, train], progress)
            total = _rows(con, test, progress)
            # DuckDB loses rows without an error at some buffer boundaries, which depend on
            # the buffers' size: a CSV side the comparison read with other rows than the
            # count found is read again, through Python's csv module.
            misread = [test] if test.rows not in (-1, total) else []
            if train.rows != -1 and _rows(con, train, progress) != train.rows:
                misread.append(train)
            if not misread:
                break
            if not all([side.read_by_reference() for side in misread]):
                raise UnreadableData(
                    "the comparison read other rows than the count: please report this file"
                )
    compared = [test.columns[j] for _, j in pairs]
    return Overlap(
        test_rows=total,
        shared=shared,
        examples=tuple(sorted(examples or ())),
        columns=tuple(compared),
        only_train=tuple(_only(train.columns, test.columns, wanted[1])),
        only_test=tuple(_only(test.columns, train.columns, wanted[1])),
        excluded=tuple(c for c in wanted[1] if c in train.columns or c in test.columns),
        as_text=tuple(as_text) if not text else (),
        hashed=hashed,
    )


def _only(mine: Sequence[str], theirs: Sequence[str], excluded: Sequence[str]) -> list[str]:
    """Columns of ``mine`` that ``theirs`` lacks, each once, less the excluded ones."""
    return [c for c in dict.fromkeys(mine) if c not in theirs and c not in excluded]


def _key(values: Sequence[str], hashed: bool) -> str:
    """The SQL of a row's key: ``k`` (and ``k2``) for the join.

    Up to ``WIDE`` columns, the values as one JSON array (strings escaped, ``null`` for a
    missing value, typed values in their exact text): two rows are equal exactly when their
    keys are. One key column, not one per column: DuckDB's join over many key columns runs
    out of its budget where one string key spills and finishes. Wider rows do not fit the
    budget even as one JSON value (DuckDB builds every column of the row first, 32 KB
    each per 2,048 rows): they are keyed by DuckDB's 64-bit row hash of the values in
    file order and in reverse order, which reads each value without building the row.
    """
    if not hashed:
        return f"to_json(row({', '.join(values)})) AS k"
    forward, backward = ", ".join(values), ", ".join(reversed(values))
    return f"hash({forward}) AS k, hash({backward}) AS k2"


def _value(name: str, as_text: bool, kind: str) -> str:
    column = duck.quote(name)
    if not as_text:
        return column
    if kind == "JSON":  # a JSON string's text, not its quoted form: "a" is a, as in CSV
        return f"({column} ->> '$')"
    return f"CAST({column} AS VARCHAR)"


def _run(con: Any, query: Callable[[], str], sides: Sequence[_Side], progress: Progress) -> tuple:
    """The one row of ``query()``. After an engine error, CSV files are read again with
    room for a row as long as the file if one is longer than the line size, and then by
    Python's csv module (``_Side.reference``), whose refusal is the error that stands."""
    while True:
        try:
            with ExitStack() as stack:
                paths = [stack.enter_context(side.source()) for side in sides]
                size = sum(side.size for side in sides)
                return tuple(duck.run(con, query(), paths, progress, size)[0])
        except Exception as exc:
            if not duck.is_engine_error(exc):
                raise
            if _out_of_memory(exc):
                if con.execute("SELECT current_setting('threads')").fetchone()[0] > 1:
                    con.execute("SET threads = 1")  # one thread's share of the budget
                    continue
                raise UnreadableData(
                    f"the comparison does not fit its memory budget ({MEMORY_LIMIT}) even on "
                    f"one thread, spilling to {tempfile.gettempdir()} (TMPDIR): is that disk "
                    "full?"
                ) from None
            csv = [side for side in sides if side.csv_options]
            if "Maximum line size" in str(exc) and any(_longer(side) for side in csv):
                continue
            if "maximum_object_size" in str(exc) and any(_larger(side) for side in sides):
                continue
            if any([side.read_by_reference() for side in csv]):
                # DuckDB's parallel reader refuses valid files (quoted line breaks on its
                # buffer boundaries, rows that end in more than one way): Python's csv
                # module reads the CSV files for it, as read_csv does.
                continue
            raise _named_refusal(con, sides, exc) from None


def _named_refusal(con: Any, sides: Sequence[_Side], exc: BaseException) -> UnreadableData:
    """The engine's error, naming the file it comes from: DuckDB's message does not say
    which of the two files it read (a JSON object holding a compared key twice, a
    Parquet page that cannot be decoded). Each side's keys are read alone to find it."""
    reason = duck.explain(exc)
    for side in sides:
        if len(sides) > 1:
            try:
                with side.source() as path:
                    alone = f"SELECT count(k) FROM (SELECT {side.key} FROM {side.relation()})"
                    con.execute(alone, [path])
                continue  # read alone, it is read
            except Exception as error:
                if not duck.is_engine_error(error):
                    raise
                if _out_of_memory(error):
                    continue  # no answer from this side
                reason = duck.explain(error)
        what = reading.FORMAT_NAMES.get(side.target.format, side.target.format)
        return SideUnreadable(side.target.path, f"cannot read as {what}: {reason}")
    return UnreadableData(reason)


def _rows(con: Any, side: _Side, progress: Progress) -> int:
    """The rows of ``side`` as the comparison reads them."""
    (rows,) = _run(con, lambda: f"SELECT count(*) FROM {side.relation()}", [side], progress)
    return rows


def _longer(side: _Side) -> bool:
    """Give a CSV side room for a row as long as its file; False when it had it."""
    from imbalance_guard.data.read_csv import MAX_LINE_SIZE

    room = min(MAX_LINE_SIZE, side.size + 1)
    if side.line_size >= room:
        return False
    side.line_size = room
    return True


def _larger(side: _Side) -> bool:
    """Give a JSON Lines side room for an object as large as its file; False when it had
    it (or is no JSON Lines file)."""
    if not side.object_size or side.object_size > side.size:
        return False
    side.object_size = side.size + 1
    return True


def _out_of_memory(exc: BaseException) -> bool:
    import duckdb

    return isinstance(exc, duckdb.OutOfMemoryException)


@contextmanager
def _connection(spill: str | None) -> Iterator[Any]:
    con = duck.connect()
    try:
        # File order, so that row numbers are the rows' places in the test file.
        con.execute("SET preserve_insertion_order = true")
        con.execute(f"SET memory_limit = {duck.literal(MEMORY_LIMIT)}")
        # Each thread holds its own read buffers beside the budget: a bounded number.
        con.execute(f"SET threads = {min(MAX_THREADS, os.cpu_count() or 1)}")
        if spill is not None:
            con.execute(f"SET temp_directory = {duck.literal(spill)}")
        yield con
    finally:
        con.close()


@contextmanager
def _spill_directory() -> Iterator[str]:
    """A private directory for DuckDB's spill files (its default, ``.tmp``, would be in
    the user's working directory), removed with whatever it holds."""
    path = tempfile.mkdtemp(prefix="imbalance-guard-overlap-")
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
