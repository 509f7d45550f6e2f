"""Which calls read a dataset file, and the path they read, as the flow sees them.

Pure ``ast`` work: resolving the path to a file on disk and counting its labels is
:mod:`imbalance_guard.data.linked`'s business, so checking code imports no data library.
"""

from __future__ import annotations

import ast

from imbalance_guard.code.calls import argument
from imbalance_guard.code.facts import Value
from imbalance_guard.records import record

__all__ = ["READERS", "Unresolved", "path_argument", "reader_of"]

#: Library readers of a dataset file -> the name of their path parameter.
READERS: dict[str, str] = {
    "pandas.read_csv": "filepath_or_buffer",
    "pandas.read_table": "filepath_or_buffer",
    "pandas.read_parquet": "path",
    "pandas.read_feather": "path",
    "pandas.read_json": "path_or_buf",
    "polars.read_csv": "source",
    "polars.read_parquet": "source",
    "polars.read_ipc": "source",
    "polars.read_ndjson": "source",
    "polars.scan_csv": "source",
    "polars.scan_parquet": "source",
    "polars.scan_ipc": "source",
    "polars.scan_ndjson": "source",
    "numpy.loadtxt": "fname",
    "numpy.genfromtxt": "fname",
    "datasets.load_dataset": "data_files",
}

#: Readers whose result, given only a path, is a frame of the file's rows with its header.
PLAIN_FRAMES = frozenset(
    {"pandas.read_csv", "pandas.read_parquet", "pandas.read_feather", "polars.read_csv",
     "polars.read_parquet"}
)  # fmt: skip


@record(frozen=True)
class Unresolved:
    """A dataset read whose path the analysis cannot know (a command-line argument,
    a URL, a query): nothing is guessed, ``--verbose`` lists it."""

    reader: str
    line: int
    text: str


def reader_of(qual: str | None, node: ast.Call) -> str | None:
    """``qual`` when the call reads one dataset file: ``read_json`` only with
    ``lines=True`` (JSON Lines), ``load_dataset`` only for its file builders."""
    if qual not in READERS:
        return None
    if qual == "pandas.read_json":
        lines = argument(node, "lines")
        if not (isinstance(lines, ast.Constant) and lines.value is True):
            return None
    if qual == "datasets.load_dataset":
        builder = argument(node, "path", 0)
        if not (isinstance(builder, ast.Constant) and builder.value in ("csv", "json", "parquet")):
            return None
    return qual


def path_argument(qual: str, node: ast.Call) -> ast.expr | None:
    """The expression holding the path a reader reads."""
    name = READERS[qual]
    if qual == "datasets.load_dataset":
        return argument(node, name)
    return argument(node, name, 0)


def path_of(expr: ast.expr | None, value: Value) -> str | None:
    """The constant path ``expr`` (with its flow ``value``) spells; None when it is not a
    constant, or is an address (``https://``, ``s3://``) rather than a file."""
    if expr is None:
        return None
    path = value.const
    if not isinstance(path, str) or not path or "://" in path or "\0" in path:
        return None
    return path
