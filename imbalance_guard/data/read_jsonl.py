"""Reader plugin for JSON Lines (``.jsonl``, ``.ndjson``, also gzip-compressed).

``pyarrow.json.open_json`` streams the file block by block. The first block tells the
columns and the label's type; the file is then read with an explicit schema of the label
column(s) alone (other fields are ignored, never built), so memory stays flat.
"""

from __future__ import annotations

from pathlib import Path

from imbalance_guard import hookimpl
from imbalance_guard.config import Config
from imbalance_guard.data import labels, reading
from imbalance_guard.data.profile import DatasetProfile, UnreadableData
from imbalance_guard.data.progress import Progress
from imbalance_guard.discover import Target

BLOCK = 1 << 20


@hookimpl
def ig_read_dataset(target: Target, config: Config) -> DatasetProfile | None:
    if target.format != "jsonl":
        return None
    size = reading.check_path(target)
    with reading.translate_errors(target):
        return read(target, config, size)


def _stream(path: Path):
    import pyarrow as pa

    compressed = path.name.lower().endswith(".gz")
    return pa.input_stream(str(path), compression="gzip" if compressed else None)


def read(target: Target, config: Config, size: int) -> DatasetProfile:
    import pyarrow as pa
    import pyarrow.json as pj

    from imbalance_guard.data.arrow_count import Tallies

    path = Path(target.path)
    read_options = pj.ReadOptions(block_size=BLOCK)
    with pj.open_json(_stream(path), read_options=read_options) as probe:
        schema = probe.schema
        first = probe.read_next_batch() if schema.names else None
    columns = list(schema.names)
    if not columns or first is None or first.num_rows == 0:
        raise UnreadableData("has no JSON objects (one per line)")
    choice = reading.choose(target, columns, config)
    if not choice.columns:
        return reading.build_profile(target, columns, choice)
    wanted = list(choice.columns)
    types = {c: schema.field(c).type for c in wanted}
    # A label that is null in the whole first block: let pyarrow infer it block by block.
    explicit = None
    if not any(pa.types.is_null(t) for t in types.values()):
        explicit = pa.schema([(c, types[c]) for c in wanted])
    tallies = Tallies(
        [(c, types[c] if explicit is not None else "text") for c in wanted],
        labels.max_classes(config),
    )
    parse = pj.ParseOptions(
        explicit_schema=explicit,
        unexpected_field_behavior="ignore" if explicit is not None else "infer",
    )
    raw = pa.OSFile(str(path), "rb")
    compressed = path.name.lower().endswith(".gz")
    source = pa.CompressedInputStream(raw, "gzip") if compressed else raw
    with (
        raw,
        Progress(target.display, size) as progress,
        pj.open_json(source, read_options=read_options, parse_options=parse) as reader,
    ):
        for batch in reader:
            if explicit is not None:
                tallies.feed(zip(batch.schema.names, batch.columns, strict=True))
            else:
                tallies.feed(
                    (c, _as_text(batch.column(c)))
                    if c in batch.schema.names
                    else (c, pa.nulls(batch.num_rows))
                    for c in wanted
                )
            progress.update(raw.tell())  # bytes of the file, compressed or not
            if not tallies.active:
                break
    return reading.build_profile(target, columns, choice, tallies.profiles(), tallies.notes)


def _as_text(array):
    import pyarrow as pa

    if pa.types.is_null(array.type):
        return pa.nulls(len(array), pa.string())
    return array.cast(pa.string())
