"""Reader plugin for Parquet and Feather / Arrow IPC files: the label column(s) only.

Parquet goes through DuckDB (``data/duck.py``): it reads only the label column chunks and
counts them on every core; on the 10-million-row benchmark file it is the fastest engine
measured (benchmarks/bench_datasets.py). Feather / Arrow IPC (file or stream format) goes
through pyarrow: only the label fields of each record batch are read
(``IpcReadOptions.included_fields``), so a compressed file decompresses nothing else. The
file is read, not memory-mapped, so a file truncated meanwhile is an IG001, never SIGBUS.
Memory stays flat; counting is exact: every row. The class is the typed value.
"""

from __future__ import annotations

from typing import Any

from imbalance_guard import hookimpl
from imbalance_guard.config import Config
from imbalance_guard.data import duck, labels, reading
from imbalance_guard.data.opened import OpenedFile
from imbalance_guard.data.profile import DatasetProfile, UnreadableData
from imbalance_guard.data.progress import Progress
from imbalance_guard.discover import Target


@hookimpl
def ig_read_dataset(target: Target, config: Config) -> DatasetProfile | None:
    if target.format not in ("parquet", "feather"):
        return None
    with reading.open_dataset(target) as opened:
        if target.format == "parquet":
            return read_parquet(target, config, opened)
        return read_ipc(target, config, opened)


def read_parquet(target: Target, config: Config, opened: OpenedFile) -> DatasetProfile:
    con = duck.connect()
    params = [opened.engine_path]
    try:
        described = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", params).fetchall()
        columns = [row[0] for row in described]
        types = {row[0]: row[1] for row in described}
        choice = reading.choose(target, columns, config)
        if not choice.columns:
            _has_rows(con, params)
            return reading.build_profile(target, columns, choice)
        wanted, notes = [], []
        for column in choice.columns:
            kind = duck.kind_of(types[column])
            if kind is None:
                notes.append(f"`{column}` is {types[column]}, not a class label; skipped")
            else:
                wanted.append((column, kind))
        profiles: list = []
        if not wanted:
            _has_rows(con, params)
        else:
            with Progress(target.display, opened.size) as progress:
                profiles, more, rows = duck.count_columns(
                    con,
                    "read_parquet(?)",
                    params,
                    wanted,
                    labels.max_classes(config),
                    progress,
                    opened.size,
                )
            if not rows:  # the count's own pass says so: no query more
                raise UnreadableData("has a schema but no rows")
            notes += more
        return reading.build_profile(target, columns, choice, profiles, notes)
    finally:
        con.close()


def _has_rows(con: Any, params: list[str]) -> None:
    """UnreadableData for a file without rows, from the footer's metadata: no data is read.
    Asked only when no label column is counted (the count tells otherwise)."""
    if con.execute("SELECT count(*) FROM read_parquet(?)", params).fetchone()[0] == 0:
        raise UnreadableData("has a schema but no rows")


def read_ipc(target: Target, config: Config, opened: OpenedFile) -> DatasetProfile:
    import pyarrow as pa

    from imbalance_guard.data.arrow_count import Tallies

    size = opened.size
    with pa.OSFile(opened.engine_path, "rb") as source:
        reader, schema, random_access = _open_ipc(source)
        columns = list(schema.names)
        choice = reading.choose(target, columns, config)
        if not choice.columns:
            return reading.build_profile(target, columns, choice)
        wanted = list(choice.columns)
        tallies = Tallies([(c, schema.field(c).type) for c in wanted], labels.max_classes(config))
        rows = 0
        with Progress(target.display, size) as progress:
            if random_access:
                indices = [schema.get_field_index(c) for c in wanted]
                source.seek(0)
                projected = pa.ipc.open_file(
                    source, options=pa.ipc.IpcReadOptions(included_fields=indices)
                )
                count = projected.num_record_batches
                for i in range(count):
                    batch = projected.get_batch(i)
                    # Damaged offsets would make counting read out of bounds (a crash):
                    # pyarrow checks the label fields' buffers first, an IG001 if bad.
                    batch.validate(full=True)
                    rows += batch.num_rows
                    tallies.feed(zip(batch.schema.names, batch.columns, strict=True))
                    progress.update(size * (i + 1) // max(count, 1))
                    if not tallies.active:
                        break
            else:
                for batch in reader:
                    batch.select(wanted).validate(full=True)
                    rows += batch.num_rows
                    tallies.feed((c, batch.column(c)) for c in wanted)
                    if not tallies.active:
                        break
        if rows == 0 and tallies.active:
            raise UnreadableData("has a schema but no rows")
        return reading.build_profile(target, columns, choice, tallies.profiles(), tallies.notes)


def _open_ipc(source):
    """The IPC file format (Feather v2) if it is one, else the IPC stream format."""
    import pyarrow as pa

    try:
        reader = pa.ipc.open_file(source)
        return reader, reader.schema, True
    except pa.ArrowInvalid:
        source.seek(0)
    try:
        reader = pa.ipc.open_stream(source)
    except pa.ArrowInvalid as exc:
        raise UnreadableData(
            f"cannot read as Feather / Arrow IPC: not an IPC file or stream (Feather v2): {exc}"
        ) from None
    return reader, reader.schema, False
