"""Hypothesis strategies for dataset files, file names and configuration files.

Datasets come in every format the readers claim (.csv, .tsv, .csv.gz, .parquet,
.feather/.arrow, .jsonl): random bytes, plausible text with broken quoting and odd
label values, real files written by pyarrow and then truncated or bit-flipped.
Names carry what shells, globs and encodings trip on: spaces, ``[``, ``*``, ``?``,
quotes, non-ASCII, and bytes that are not UTF-8 (created through ``os.fsencode``).
Configuration files put garbage under ``[tool.imbalance-guard]``, and break TOML
itself: other encodings, deep nesting, numbers of thousands of digits.
"""

from __future__ import annotations

import gzip
import io
import json

from hypothesis import strategies as st

SUFFIXES = [".csv", ".tsv", ".csv.gz", ".parquet", ".feather", ".arrow", ".jsonl"]
LABELS = ["label", "target", "class", "y", "is_fraud", "Label", "lab el", "ラベル", ""]
CELL = st.one_of(
    st.sampled_from(["0", "1", "yes", "no", "", "NA", "null", "nan", "1e999", "-0", '"', "a,b"]),
    st.text(max_size=6),
)

# -- names ----------------------------------------------------------------------------------------

NAME_PIECES = st.sampled_from(
    [
        "data",
        " ",
        "[",
        "]",
        "*",
        "?",
        "'",
        '"',
        "é",
        "ü",
        "数据",
        "-",
        "#",
        "%20",
        "\\",
        "$",
        "`",
        "\t",
    ]
)
NON_UTF8 = st.sampled_from([b"\xff", b"\xe9", b"\x80\x81", b"\xc3", b"\xed\xa0\x80"])


@st.composite
def stem(draw: st.DrawFn) -> bytes:
    """The part of a file name before its suffix, as bytes (maybe not UTF-8)."""
    parts = [draw(NAME_PIECES).encode() for _ in range(draw(st.integers(1, 4)))]
    if draw(st.booleans()):
        parts.insert(draw(st.integers(0, len(parts))), draw(NON_UTF8))
    name = b"".join(parts).replace(b"/", b"_").lstrip(b"-")
    return name if name.strip(b" ") else b"data"


# -- dataset contents ------------------------------------------------------------------------


@st.composite
def table(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    label = draw(st.sampled_from(LABELS))
    columns = [label, *draw(st.lists(st.sampled_from(["x", "f1", "amount", "x"]), max_size=3))]
    rows = draw(st.lists(st.lists(CELL, min_size=len(columns), max_size=len(columns)), max_size=30))
    return columns, rows


def _delimited(columns: list[str], rows: list[list[str]], sep: str) -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


def _arrow(columns: list[str], rows: list[list[str]], fmt: str) -> bytes:
    import pyarrow as pa
    import pyarrow.feather as feather
    import pyarrow.parquet as pq

    names = [f"{c}{i}" if columns.index(c) != i else c for i, c in enumerate(columns)]
    data = {n: [row[i] or None for row in rows] for i, n in enumerate(names)}
    frame = pa.table({n: pa.array(v, pa.string()) for n, v in data.items()})
    sink = io.BytesIO()
    if fmt == "parquet":
        pq.write_table(frame, sink)
    else:
        feather.write_feather(frame, sink, compression="uncompressed")
    return sink.getvalue()


def _jsonl(columns: list[str], rows: list[list[str]]) -> bytes:
    lines = (json.dumps(dict(zip(columns, row, strict=True))) + "\n" for row in rows)
    return "".join(lines).encode("utf-8", "surrogatepass")


JSONL_LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                b"{}",
                b"[]",
                b"1",
                b'"x"',
                b"null",
                b'{"label": ' + b"9" * 5000 + b"}",
                b'{"label": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
                b'{"label": NaN}',
                b'{"label": {"a": 1}}',
                b'{"label": [1, 2]}',
                b'{"label": "\\ud800"}',
                b"\xff\xfe",
            ]
        ),
        st.binary(max_size=20),
    ),
    max_size=6,
)


@st.composite
def dataset_bytes(draw: st.DrawFn, suffix: str) -> bytes:
    """Contents for a file named ``*suffix``: valid, damaged, or random."""
    kind = draw(st.sampled_from(["valid", "valid", "damaged", "random"]))
    if kind == "random":
        return draw(st.binary(max_size=300))
    columns, rows = draw(table())
    if suffix in (".csv", ".tsv", ".csv.gz"):
        data = _delimited(columns, rows, "\t" if suffix == ".tsv" else ",")
        if suffix == ".csv.gz":
            data = gzip.compress(data, mtime=0)
    elif suffix == ".parquet":
        data = _arrow(columns, rows, "parquet")
    elif suffix in (".feather", ".arrow"):
        data = _arrow(columns, rows, "feather")
    else:
        data = _jsonl(columns, rows)
        if draw(st.booleans()):
            data += b"\n".join(draw(JSONL_LINES))
    if kind == "damaged" and data:
        how = draw(st.sampled_from(["truncate", "flip", "insert"]))
        at = draw(st.integers(0, len(data) - 1))
        if how == "truncate":
            data = data[:at]
        elif how == "flip":
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
        else:
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    return data


# -- configuration -------------------------------------------------------------------------------

TOML_KEYS = [
    "select",
    "extend-select",
    "ignore",
    "exclude",
    "extend-exclude",
    "per-file-ignores",
    "disable-plugins",
    "output-format",
    "unknown-key",
]
SECTION_KEYS = {
    "data": [
        "label",
        "max-classes",
        "max-imbalance-ratio",
        "min-class-count",
        "max-missing-share",
        "schema",
        "bogus",
    ],
    "code": ["jobs", "bogus"],
    "deep_learning": ["bogus"],
    "nonsense": ["x"],
}
TOML_VALUES = st.sampled_from(
    [
        '"IG"',
        '"ALL"',
        '["IG3", "IG101"]',
        '["ALL"]',
        '[""]',
        '["IG 1"]',
        "5",
        "-1",
        "0",
        "1.5",
        "nan",
        "inf",
        "-inf",
        "true",
        "[]",
        "[[]]",
        "{}",
        '{ "*" = ["IG2"] }',
        '{ "*" = [1] }',
        '"label"',
        '["label", "target"]',
        '"text"',
        '"json"',
        '"yaml"',
        "1979-05-27T07:32:00Z",
        '"["',
        '["[", "**/*"]',
        "9223372036854775807",
        "9" * 5000,
        "0x" + "f" * 5000,
        "[" * 5000 + "]" * 5000,
        '"' + "\\u0000" + '"',
        "'''\nmulti\n'''",
    ]
)


@st.composite
def pyproject(draw: st.DrawFn) -> bytes:
    """A pyproject.toml: our table with garbage, another tool's, or broken TOML."""
    lines = ["[project]", 'name = "demo"']
    if draw(st.booleans()):
        lines.append("[tool.imbalance-guard]")
        for key in draw(st.lists(st.sampled_from(TOML_KEYS), max_size=4, unique=True)):
            lines.append(f"{key} = {draw(TOML_VALUES)}")
        for section in draw(
            st.lists(st.sampled_from(sorted(SECTION_KEYS)), max_size=2, unique=True)
        ):
            lines.append(f"[tool.imbalance-guard.{section}]")
            for key in draw(
                st.lists(st.sampled_from(SECTION_KEYS[section]), max_size=3, unique=True)
            ):
                lines.append(f"{key} = {draw(TOML_VALUES)}")
    else:
        lines += ["[tool.other]", f"value = {draw(TOML_VALUES)}"]
    text = "\n".join(lines) + "\n"
    damage = draw(st.sampled_from(["none", "none", "encoding", "bytes", "truncate"]))
    if damage == "encoding":
        return text.replace("demo", "démo").encode(draw(st.sampled_from(["latin-1", "utf-16"])))
    data = text.encode("utf-8")
    if damage == "bytes":
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.binary(min_size=1, max_size=6)) + data[at:]
    if damage == "truncate":
        return data[: draw(st.integers(0, len(data)))]
    return data
