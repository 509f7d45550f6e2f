"""Reader plugin for JSON Lines (``.jsonl``, ``.ndjson``, also gzip-compressed), by DuckDB.

The file is read whole, twice, on every core. The first pass collects every key of every
object: a key seen anywhere in the file is a column, however late it first appears, and a
line that is not a JSON object is IG001. The second pass reads only the label key(s), each as
its JSON value (DuckDB's JSON type), and counts them: a row without the key, or with
``null``, has a missing label; a label whose type changes from row to row (1, then "1",
then true) is still counted, each value as its own class (``classes._json_classes``).
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

# DuckDB's default largest JSON object (bytes); a file with a larger one is read again with
# room for an object as large as the file.
OBJECT_SIZE = 16 << 20


@hookimpl
def ig_read_dataset(target: Target, config: Config) -> DatasetProfile | None:
    if target.format != "jsonl":
        return None
    with reading.open_dataset(target) as opened:
        return read(target, config, opened)


def read(target: Target, config: Config, opened: OpenedFile) -> DatasetProfile:
    compressed = target.path.name.lower().endswith(".gz")
    compression = "gzip" if compressed else "none"
    params = [opened.engine_path]
    con = duck.connect()
    try:
        object_size = OBJECT_SIZE
        while True:
            try:
                with Progress(target.display, opened.size) as progress:
                    found = options(compression, object_size)
                    return _read(target, config, opened, con, params, found, progress)
            except Exception as exc:
                if "maximum_object_size" not in str(exc) or object_size > opened.size:
                    raise
                object_size = opened.size + 1
    finally:
        con.close()


def keys_of(con: Any, options: str, params: list[str], progress: Progress, size: int) -> list[str]:
    """Every key of every object in the file, in name order: the first pass, which the
    train/test comparison makes too.

    :raises UnreadableData: a line that is not a JSON object (naming it), or no key at all.
    """
    objects = f"read_ndjson_objects(?, {options})"
    keys = duck.run(
        con,
        "SELECT key FROM (SELECT unnest(CASE WHEN json_type(json) = 'OBJECT' "
        f"THEN json_keys(json) ELSE [NULL] END) AS key FROM {objects}) GROUP BY key",
        params,
        progress,
        size,
    )
    columns = sorted(key for (key,) in keys if key is not None)
    if len(columns) < len(keys):
        (example,) = con.execute(
            f"SELECT json FROM {objects} WHERE json_type(json) <> 'OBJECT' LIMIT 1", params
        ).fetchone()
        shown = example if len(example) <= 60 else example[:60] + "…"
        raise UnreadableData(f"a line holds {shown}, not a JSON object (one per line)")
    if not columns:
        raise UnreadableData("has no JSON objects with fields (one per line)")
    return columns


def options(compression: str, object_size: int) -> str:
    return f"compression = '{compression}', maximum_object_size = {object_size}"


def _read(target, config, opened, con, params, options, progress) -> DatasetProfile:
    columns = keys_of(con, options, params, progress, opened.size)
    choice = reading.choose(target, columns, config)
    if not choice.columns:
        return reading.build_profile(target, columns, choice)
    wanted = ", ".join(f"{duck.literal(name)}: 'JSON'" for name in choice.columns)
    relation = (
        f"read_json(?, format = 'newline_delimited', records = 'true', "
        f"columns = {{{wanted}}}, {options})"
    )
    profiles, notes, _ = duck.count_columns(
        con,
        relation,
        params,
        [(name, "json") for name in choice.columns],
        labels.max_classes(config),
        progress,
        opened.size,
    )
    return reading.build_profile(target, columns, choice, profiles, notes)
