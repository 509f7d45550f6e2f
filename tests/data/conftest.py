"""Writers for small generated datasets in every supported format."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

# Every format the readers support, by file suffix.
FORMATS = (
    "csv",
    "tsv",
    "csv.gz",
    "tsv.gz",
    "parquet",
    "feather",
    "arrow",
    "jsonl",
    "ndjson.gz",
)


def write_dataset(path: Path, columns: dict[str, list]) -> Path:
    """Write ``columns`` (None: missing) in the format the name of ``path`` says."""
    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.feather as feather
    import pyarrow.parquet as pq

    table = pa.table(columns)
    name = path.name
    if name.endswith((".csv", ".tsv", ".csv.gz", ".tsv.gz")):
        delimiter = "\t" if ".tsv" in name else ","
        sink = pa.BufferOutputStream()
        pcsv.write_csv(table, sink, pcsv.WriteOptions(delimiter=delimiter, quoting_style="none"))
        data = sink.getvalue().to_pybytes()
        path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    elif name.endswith(".parquet"):
        pq.write_table(table, path)
    elif name.endswith(".feather"):
        feather.write_feather(table, path)
    elif name.endswith(".arrow"):  # the IPC stream format
        with pa.ipc.new_stream(path, table.schema) as writer:
            writer.write_table(table)
    elif name.endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")):
        text = "".join(json.dumps(row) + "\n" for row in table.to_pylist())
        data = text.encode()
        path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    else:
        raise ValueError(name)
    return path


def labels_of(counts: dict, missing: int = 0) -> list:
    """A label column with ``counts[class]`` rows of each class and ``missing`` Nones."""
    out: list = []
    for value, count in counts.items():
        out += [value] * count
    return out + [None] * missing


@pytest.fixture
def dataset():
    return write_dataset
