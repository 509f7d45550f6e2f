"""Reader plugin for Parquet and Feather / Arrow IPC files: the label column(s) only.

Parquet: column projection, row group by row group — one thread per core reads its own
row groups, each through its own file handle — or batch by batch when the file has a
single row group. Feather / Arrow IPC (file or stream format): memory-mapped, only the
label fields of each record batch are read (``IpcReadOptions.included_fields``), so a
compressed file decompresses nothing else. Memory stays flat; counting is exact.
"""

from __future__ import annotations

import threading
from collections import deque
from itertools import islice
from pathlib import Path

from imbalance_guard import hookimpl
from imbalance_guard.config import Config
from imbalance_guard.data import labels, reading
from imbalance_guard.data.profile import DatasetProfile, UnreadableData
from imbalance_guard.data.progress import Progress
from imbalance_guard.discover import Target

BATCH_ROWS = 1 << 20


@hookimpl
def ig_read_dataset(target: Target, config: Config) -> DatasetProfile | None:
    if target.format not in ("parquet", "feather"):
        return None
    size = reading.check_path(target)
    with reading.translate_errors(target):
        if target.format == "parquet":
            return read_parquet(target, config, size)
        return read_ipc(target, config, size)


def read_parquet(target: Target, config: Config, size: int) -> DatasetProfile:
    try:
        import duckdb
    except ImportError:  # DuckDB is optional: pyarrow does the same, a little slower
        return read_parquet_pyarrow(target, config, size)
    from imbalance_guard.data.read_duckdb import read_parquet_duckdb

    return read_parquet_duckdb(duckdb, target, config, size)


def read_parquet_pyarrow(target: Target, config: Config, size: int) -> DatasetProfile:
    import pyarrow.parquet as pq

    from imbalance_guard.data.arrow_count import Tallies

    path = str(target.path)
    parquet = pq.ParquetFile(path)
    schema = parquet.schema_arrow
    columns = list(schema.names)
    if parquet.metadata.num_rows == 0:
        raise UnreadableData("has a schema but no rows")
    choice = reading.choose(target, columns, config)
    if not choice.columns:
        return reading.build_profile(target, columns, choice)
    wanted = list(choice.columns)
    tallies = Tallies([(c, schema.field(c).type) for c in wanted], labels.max_classes(config))
    groups = parquet.metadata.num_row_groups
    total_rows = parquet.metadata.num_rows
    with Progress(target.display, size) as progress:
        if groups < 2:
            done = 0
            for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=tallies.active):
                tallies.feed(zip(batch.schema.names, batch.columns, strict=True))
                done += batch.num_rows
                progress.update(size * done // total_rows)
                if not tallies.active:
                    break
        else:
            _row_groups(path, groups, tallies, progress, size)
    return reading.build_profile(target, columns, choice, tallies.profiles(), tallies.notes)


def _row_groups(path, groups, tallies, progress, size) -> None:
    """Read row groups on one thread per core, each thread with its own file handle."""
    from concurrent.futures import ThreadPoolExecutor

    import pyarrow.parquet as pq

    local = threading.local()
    wanted = tallies.active

    def read(index: int):
        if not hasattr(local, "file"):
            local.file = pq.ParquetFile(path)
        return local.file.read_row_group(index, columns=wanted)

    from imbalance_guard.data.read_csv import _workers

    workers = _workers()
    indexes = iter(range(groups))
    finished = 0
    with ThreadPoolExecutor(workers) as pool:
        pending = deque(pool.submit(read, i) for i in islice(indexes, 2 * workers))
        while pending:
            table = pending.popleft().result()
            tallies.feed((name, table.column(name)) for name in table.column_names)
            del table
            finished += 1
            progress.update(size * finished // groups)
            if not tallies.active:
                for future in pending:
                    future.cancel()
                break
            nxt = next(indexes, None)
            if nxt is not None:
                pending.append(pool.submit(read, nxt))


def read_ipc(target: Target, config: Config, size: int) -> DatasetProfile:
    import pyarrow as pa

    from imbalance_guard.data.arrow_count import Tallies

    source = pa.memory_map(str(Path(target.path)), "r")
    try:
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
                projected = pa.ipc.open_file(
                    source, options=pa.ipc.IpcReadOptions(included_fields=indices)
                )
                count = projected.num_record_batches
                for i in range(count):
                    batch = projected.get_batch(i)
                    rows += batch.num_rows
                    tallies.feed(zip(batch.schema.names, batch.columns, strict=True))
                    progress.update(size * (i + 1) // max(count, 1))
                    if not tallies.active:
                        break
            else:
                for batch in reader:
                    rows += batch.num_rows
                    tallies.feed((c, batch.column(c)) for c in wanted)
                    if not tallies.active:
                        break
        if rows == 0 and tallies.active:
            raise UnreadableData("has a schema but no rows")
        return reading.build_profile(target, columns, choice, tallies.profiles(), tallies.notes)
    finally:
        source.close()


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
