"""DuckDB, the engine of the CSV, TSV, Parquet and JSON Lines readers: one connection per
file, one ``GROUP BY`` query for every label column.

DuckDB reads only the label columns (for CSV it still tokenizes every field, strictly),
aggregates them on every core without materialising them, and reads files with ``pread``,
never a memory map. Each label column is one grouping set of a single query, so the file is
read once however many label columns it has, and at most ``max-classes + 2`` groups per
column come back to Python: a regression target or an identifier never brings millions of
rows into Python.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from imbalance_guard.data.classes import ClassTally, NotClassLabel
from imbalance_guard.data.profile import LabelProfile
from imbalance_guard.data.progress import Progress

_INTEGER = (
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
    "UHUGEINT",
)


def kind_of(duckdb_type: str) -> str | None:
    """The tally kind of a DuckDB column type, or None when it cannot hold class labels."""
    name = duckdb_type.upper()
    if name == "BOOLEAN":
        return "bool"
    if name in _INTEGER:
        return "int"
    if name in ("FLOAT", "DOUBLE", "REAL") or name.startswith("DECIMAL"):
        return "float"
    if name == "VARCHAR":
        return "string"
    if name == "JSON":
        return "json"
    if name.startswith("ENUM"):
        return "category"
    if name == '"NULL"' or name == "NULL":
        return "null"
    return None


def quote(name: str) -> str:
    """A column name as a SQL identifier, whatever characters it holds."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A SQL string literal (only for option values the readers choose, never a file name)."""
    return "'" + text.replace("'", "''") + "'"


def connect() -> Any:
    import duckdb

    con = duckdb.connect(":memory:")
    con.execute("SET enable_progress_bar = false")
    # No spill files in the user's directory; order does not matter to a count.
    con.execute("SET preserve_insertion_order = false")
    return con


#: DuckDB's memory for a CSV file read on one core. DuckDB 2.0's sequential reader keeps
#: every buffer it has read while memory allows: 1.6 GB for a 1.6 GB file. Under a limit it
#: lets them go (185 MB in all, and no slower). Not for the parallel reader: each core holds a
#: buffer, and 16 of them overrun this limit.
ONE_CORE_MEMORY = 128 << 20


@contextmanager
def one_core_memory(con: Any, line_size: int) -> Iterator[None]:
    """A memory limit for the queries run inside, with room for the buffers of rows as
    long as ``line_size`` (DuckDB's buffer is 16 line sizes)."""
    limit = max(ONE_CORE_MEMORY, 64 * line_size)
    con.execute(f"SET memory_limit = '{limit >> 20}MiB'")
    try:
        yield
    finally:
        con.execute("RESET memory_limit")


def count_columns(
    con: Any,
    relation: str,
    params: Sequence[Any],
    columns: Sequence[tuple[str, str]],
    max_classes: int,
    progress: Progress,
    size: int,
    also_read: Sequence[str] = (),
) -> tuple[list[LabelProfile], list[str], int]:
    """Profiles of ``columns`` (name, tally kind) of ``relation``, the notes on columns that
    are no class labels, and the number of rows, in one pass over the file.

    ``also_read`` columns are read too (and so checked, e.g. as UTF-8 text), not counted.
    The rows are counted by a grouping set of their own, so they are known even when every
    column is skipped for too many classes."""
    keys = [quote(name) for name, _ in columns]
    extra = "".join(f", count({quote(name)})" for name in also_read)
    if not keys:
        rows = run(con, f"SELECT count(*){extra} FROM {relation}", params, progress, size)
        return [], [], rows[0][0]
    flags = ", ".join(f"GROUPING({key})" for key in keys)
    sets = ", ".join(f"({key})" for key in keys)
    query = (
        f"SELECT {flags}, {', '.join(keys)}, count(*) AS n{extra} FROM {relation} "
        f"GROUP BY GROUPING SETS ({sets}, ()) "
        f"QUALIFY row_number() OVER (PARTITION BY {flags}) <= {max_classes + 2}"
    )
    width = len(columns)
    per_column: list[list[tuple[Any, int]]] = [[] for _ in columns]
    total = 0
    for row in run(con, query, params, progress, size):
        if 0 not in row[:width]:  # the empty grouping set: every row
            total = row[2 * width]
            continue
        index = row[:width].index(0)  # GROUPING() is 0 for the column grouped by
        per_column[index].append((row[width + index], row[2 * width]))
    profiles, notes = [], []
    for (name, kind), pairs in zip(columns, per_column, strict=True):
        tally = ClassTally(name, kind, max_classes)
        try:
            if len(pairs) > max_classes + 1:  # +1: the missing entry is not a class
                raise NotClassLabel(tally.too_many([v for v, _ in pairs[:20]]))
            tally.add([v for v, _ in pairs], [c for _, c in pairs])
            profiles.append(tally.finish())
        except NotClassLabel as exc:
            notes.append(f"`{name}` skipped: {exc}")
    return profiles, notes, total


def is_engine_error(exc: BaseException) -> bool:
    import duckdb

    return isinstance(exc, duckdb.Error)


def run(con: Any, query: str, params: Sequence[Any], progress: Progress, size: int) -> list:
    """Run a query on a worker thread, showing DuckDB's own progress while it runs."""
    if not progress.enabled:
        return con.execute(query, list(params)).fetchall()
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["rows"] = con.execute(query, list(params)).fetchall()
        except Exception as exc:  # re-raised on the calling thread
            outcome["error"] = exc

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(0.2)
        share = max(con.query_progress(), 0) / 100
        progress.update(int(size * share))
    progress.update(size)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["rows"]


_ERROR_KIND = re.compile(r"^[A-Z][A-Za-z ]* Error: ")
_IN_FILE = re.compile(r""",? in file ("[^"]*"|'[^']*')|\s*\(file "[^"]*"\)""")
_CSV_ROW = re.compile(r"CSV Error on Line: (\d+)")


def explain(error: BaseException) -> str:
    """DuckDB's error as one line for IG001: what is wrong and where, without the engine's
    advice about its own options, and without the engine's name for the file."""
    text = str(error)
    lines = [line.strip() for line in text.splitlines()]
    if "Maximum line size" in text:
        return "a row is longer than the engine's line-size limit"
    if "reached an invalid state" in text:
        return (
            "the CSV parser reached an invalid state: the file mixes line endings (\\n, "
            "\\r\\n, a lone \\r) or has a carriage return inside an unquoted value"
        )
    row = _CSV_ROW.search(text)
    if row:
        reasons = [
            line
            for line in lines[1:]
            if line
            and not line.startswith(("Original Line", "Possible", "*", "file =", "delimiter"))
        ]
        reason = reasons[0] if reasons else "not valid CSV"
        if "Invalid unicode" in reason:
            reason = "bytes that are not UTF-8 text; save the file as UTF-8"
        reason = reason.replace("Expected Number of Columns: ", "expected ").replace(
            " Found: ", " columns, found "
        )
        return f"row {row.group(1)} (the header is row 1): {reason.rstrip('.')}"
    first = next((line for line in lines if line), type(error).__name__)
    first = _IN_FILE.sub("", _ERROR_KIND.sub("", first))
    first = first.replace(" Try auto-detecting the JSON format", "")
    return first[:300] + ("…" if len(first) > 300 else "")
