"""Parquet through DuckDB, when it is installed: ``SELECT label, count(*) ... GROUP BY 1``.

DuckDB reads only the label column chunks and aggregates them on every core without
materialising the column; on a 10-million-row file it is the fastest engine measured
(see benchmarks/bench_datasets.py), and its memory stays flat. The result is fetched with
a ``LIMIT`` of ``max-classes + 2`` rows, so a regression target or an identifier never
brings millions of groups into Python.
"""

from __future__ import annotations

import threading
from typing import Any

from imbalance_guard.config import Config
from imbalance_guard.data import labels, reading
from imbalance_guard.data.classes import ClassTally, NotClassLabel
from imbalance_guard.data.profile import DatasetProfile, UnreadableData
from imbalance_guard.data.progress import Progress
from imbalance_guard.discover import Target

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
    if name.startswith("ENUM"):
        return "category"
    if name == '"NULL"' or name == "NULL":
        return "null"
    return None


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_parquet_duckdb(duckdb: Any, target: Target, config: Config, size: int) -> DatasetProfile:
    path = str(target.path)
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET enable_progress_bar = false")
        described = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [path]).fetchall()
        columns = [row[0] for row in described]
        types = {row[0]: row[1] for row in described}
        choice = reading.choose(target, columns, config)
        if not choice.columns:
            if _rows(con, path) == 0:
                raise UnreadableData("has a schema but no rows")
            return reading.build_profile(target, columns, choice)
        limit = labels.max_classes(config)
        profiles, notes = [], []
        with Progress(target.display, size) as progress:
            for column in choice.columns:
                kind = kind_of(types[column])
                if kind is None:
                    notes.append(f"`{column}` is {types[column]}, not a class label; skipped")
                    continue
                query = (
                    f"SELECT {_quote(column)}, count(*) FROM read_parquet(?) "
                    f"GROUP BY 1 LIMIT {limit + 2}"
                )
                result = _run(con, query, [path], progress, size)
                tally = ClassTally(column, kind, limit)
                try:
                    if len(result) > limit + 1:
                        raise NotClassLabel(tally.too_many([v for v, _ in result[:20]]))
                    tally.add([v for v, _ in result], [c for _, c in result])
                    profiles.append(tally.finish())
                except NotClassLabel as exc:
                    notes.append(f"`{column}` skipped: {exc}")
        if all(p.rows == 0 for p in profiles) and _rows(con, path) == 0:
            raise UnreadableData("has a schema but no rows")
        return reading.build_profile(target, columns, choice, profiles, notes)
    finally:
        con.close()


def _rows(con: Any, path: str) -> int:
    """Rows of the file, from its metadata (no data is read)."""
    return con.execute("SELECT count(*) FROM read_parquet(?)", [path]).fetchone()[0]


def _run(con: Any, query: str, params: list, progress: Progress, size: int) -> list:
    """Run a query on a worker thread, showing DuckDB's own progress while it runs."""
    if not progress.enabled:
        return con.execute(query, params).fetchall()
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["rows"] = con.execute(query, params).fetchall()
        except Exception as exc:  # re-raised on the calling thread
            outcome["error"] = exc

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(0.2)
        share = max(con.query_progress(), 0) / 100
        progress.update(int(size * share))
    if "error" in outcome:
        raise outcome["error"]
    return outcome["rows"]
