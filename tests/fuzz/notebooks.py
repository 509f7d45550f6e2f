"""Hypothesis strategies for notebook files: real notebooks mutated, and ML notebooks built
from the same statements as the generated programs.

Mutations start from the notebooks of ``examples/`` and the labeled corpus and break
them the ways files break in the wild: wrong types where nbformat expects an int, a list
or a string (``"nbformat": "4"``, ``null``, cells as a dict, ``source`` as an int), deep
nesting, numbers with thousands of digits, truncation, random bytes, other encodings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fuzz.programs import IMPORTS, ODD_TEXT, STATEMENTS, odd_line
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent.parent
NOTEBOOKS = sorted(ROOT.glob("examples/*.ipynb")) + sorted(ROOT.glob("tests/corpus/*/*.ipynb"))

#: A placeholder a mutation leaves in the JSON, replaced in the text by something
#: ``json.dumps`` cannot write (a 5,000-digit number, 100,000 nested brackets).
RAW = "\x00IG-RAW\x00"

JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(),  # NaN and Infinity too: Python's json writes and reads them
    st.text(max_size=20),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)
RAW_VALUES = st.sampled_from(
    [
        "9" * 5000,
        "-" + "1" * 4301,
        "1e999999",
        "0." + "0" * 5000 + "1",
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 20_000 + "1" + "}" * 20_000,
        "[" * 990 + "]" * 990,
    ]
)
NBFORMAT_VALUES = st.sampled_from(["4", None, 4.0, 3, 5, -1, [], {}, True, "four", 2**64])
SOURCE_VALUES = st.one_of(
    st.integers(),
    st.none(),
    st.lists(st.integers(), max_size=3),
    st.lists(st.lists(st.text(max_size=5), max_size=2), max_size=2),
    st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
    st.lists(st.text(max_size=30), max_size=4),
    ODD_TEXT,
)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a JSON document: a key path from the root."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _set(document: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return document


@st.composite
def structural_mutation(draw: st.DrawFn, document: Any) -> Any:
    kind = draw(st.sampled_from(["nbformat", "cells", "source", "cell", "anywhere", "raw", "drop"]))
    cells = document.get("cells") if isinstance(document, dict) else None
    if kind == "nbformat" and isinstance(document, dict):
        key = draw(st.sampled_from(["nbformat", "nbformat_minor"]))
        document[key] = draw(NBFORMAT_VALUES | st.just(RAW))
    elif kind == "cells" and isinstance(document, dict):
        document["cells"] = draw(
            st.sampled_from([None, {}, "cells", 0, [None], [[]], [1, 2]]) | st.just(RAW)
        )
    elif kind in ("source", "cell") and isinstance(cells, list) and cells:
        index = draw(st.integers(0, len(cells) - 1))
        if kind == "cell" or not isinstance(cells[index], dict):
            key = draw(st.sampled_from(["cell_type", "metadata", "outputs", "execution_count"]))
            if isinstance(cells[index], dict):
                cells[index][key] = draw(JSON_VALUES | st.just(RAW))
            else:
                cells[index] = draw(JSON_VALUES)
        else:
            cells[index]["source"] = draw(SOURCE_VALUES | st.just(RAW))
    elif kind == "drop" and isinstance(document, dict) and document:
        document.pop(draw(st.sampled_from(sorted(document))))
    else:
        path = draw(st.sampled_from(_paths(document)))
        document = _set(document, path, RAW if kind == "raw" else draw(JSON_VALUES))
    return document


@st.composite
def mutated_notebook(draw: st.DrawFn) -> bytes:
    document = json.loads(draw(st.sampled_from(NOTEBOOKS)).read_text(encoding="utf-8"))
    for _ in range(draw(st.integers(0, 3))):
        document = draw(structural_mutation(document))
    text = json.dumps(
        document, indent=draw(st.sampled_from([None, 1, 2])), ensure_ascii=draw(st.booleans())
    )
    while json.dumps(RAW) in text:
        text = text.replace(json.dumps(RAW), draw(RAW_VALUES), 1)
    data = text.encode("utf-8")
    damage = draw(st.sampled_from(["none", "none", "truncate", "bytes", "encoding", "bom"]))
    if damage == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == "bytes":
        for _ in range(draw(st.integers(1, 5))):
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
    elif damage == "encoding":
        data = text.encode(draw(st.sampled_from(["utf-16", "latin-1", "cp1252"])), "replace")
        if data == text.encode("utf-8"):
            data = b"\xff\xfe" + data[:-1] + b"\x80"
    elif damage == "bom":
        data = b"\xef\xbb\xbf" + data
    return data


@st.composite
def ml_notebook(draw: st.DrawFn) -> bytes:
    """A valid nbformat-4 notebook of ML statements, odd characters and magics."""
    cells = [
        {
            "cell_type": "code",
            "source": "\n".join(
                draw(st.lists(st.sampled_from(IMPORTS), min_size=1, max_size=6, unique=True))
            ),
        }
    ]
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["code", "code", "code", "markdown", "magic"]))
        if kind == "markdown":
            cells.append({"cell_type": "markdown", "source": draw(ODD_TEXT)})
            continue
        lines = ["%matplotlib inline", "!pip install imbalanced-learn"] if kind == "magic" else []
        for statement in draw(st.lists(st.sampled_from(STATEMENTS), min_size=1, max_size=4)):
            if draw(st.booleans()):
                lines.append(draw(odd_line("")))
            lines.extend(statement)
        newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
        cells.append({"cell_type": "code", "source": newline.join(lines)})
    nb_cells = []
    as_list = draw(st.booleans())
    for cell in cells:
        source = cell["source"].splitlines(keepends=True) if as_list else cell["source"]
        entry: dict[str, Any] = {"cell_type": cell["cell_type"], "metadata": {}, "source": source}
        if cell["cell_type"] == "code":
            entry.update(execution_count=None, outputs=[])
        nb_cells.append(entry)
    document = {"cells": nb_cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    text = json.dumps(
        document, indent=draw(st.sampled_from([None, 1])), ensure_ascii=draw(st.booleans())
    )
    return text.encode("utf-8")
