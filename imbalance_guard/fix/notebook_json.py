"""Rewrite the ``source`` of notebook cells inside the raw JSON text, touching nothing else.

Re-serialising the whole notebook would reorder or re-indent what another tool
wrote and churn outputs and metadata. Instead we find the exact span of each
cell's ``"source"`` value in the text and replace only that span, in the same
shape: a string stays a string; a list of lines stays a list laid out like the
original one (same indentation and separators).
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring

_WS = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null")


class _Scanner:
    """A minimal JSON walker that records where every cell's ``source`` value is."""

    def __init__(self, text: str):
        self.text = text
        self.spans: dict[int, tuple[int, int]] = {}

    def ws(self, pos: int) -> int:
        return _WS.match(self.text, pos).end()  # type: ignore[union-attr]

    def value(self, pos: int, path: tuple) -> int:
        pos = self.ws(pos)
        char = self.text[pos : pos + 1]
        if char == "{":
            return self.obj(pos + 1, path)
        if char == "[":
            return self.arr(pos + 1, path)
        if char == '"':
            return scanstring(self.text, pos + 1)[1]
        match = _SCALAR.match(self.text, pos)
        if not match:
            raise ValueError(f"unexpected JSON at offset {pos}")
        return match.end()

    def obj(self, pos: int, path: tuple) -> int:
        pos = self.ws(pos)
        if self.text.startswith("}", pos):
            return pos + 1
        while True:
            pos = self.ws(pos)
            key, pos = scanstring(self.text, pos + 1)
            pos = self.ws(pos) + 1  # the colon
            start = self.ws(pos)
            end = self.value(start, (*path, key))
            if len(path) == 2 and path[0] == "cells" and key == "source":
                self.spans[path[1]] = (start, end)
            pos = self.ws(end)
            if self.text.startswith("}", pos):
                return pos + 1
            pos += 1  # the comma

    def arr(self, pos: int, path: tuple) -> int:
        pos = self.ws(pos)
        if self.text.startswith("]", pos):
            return pos + 1
        index = 1
        while True:
            # Only the top-level "cells" list needs element indices.
            child = (*path, index) if path == ("cells",) else (*path, None)
            pos = self.ws(self.value(pos, child))
            if self.text.startswith("]", pos):
                return pos + 1
            pos += 1
            index += 1


def source_spans(text: str) -> dict[int, tuple[int, int]]:
    """Offsets of each cell's ``source`` value, by 1-based cell index."""
    scanner = _Scanner(text)
    scanner.value(0, ())
    return scanner.spans


def _ensure_ascii(text: str) -> bool:
    """Did the writer escape non-ASCII characters? (nbformat does not.)"""
    return not any(ord(c) > 127 for c in text) and "\\u" in text


def _render_list(old: str, lines: list[str], ensure_ascii: bool) -> str:
    items = [json.dumps(line, ensure_ascii=ensure_ascii) for line in lines]
    if not items:
        return "[]"
    try:
        parsed = json.loads(old)
    except ValueError:
        parsed = []
    if not parsed:
        return "[" + ", ".join(items) + "]"
    # Layout of the old list: whitespace after "[" and before "]", and between items.
    head = old[1 : len(old) - len(old[1:].lstrip(" \t\r\n"))] if old else ""
    tail = old[len(old[:-1].rstrip(" \t\r\n")) : -1]
    first_end = scanstring(old, len(head) + 2)[1]
    separator = "," + head
    if len(parsed) > 1:
        rest = old[first_end:]
        separator = rest[: len(rest) - len(rest.lstrip(" \t\r\n,"))]
    return "[" + head + separator.join(items) + tail + "]"


def split_source(source: str) -> list[str]:
    """A cell's source as nbformat stores it: lines with their ``\\n`` kept."""
    return source.splitlines(keepends=True)


def replace_sources(text: str, sources: dict[int, str]) -> str:
    """Return ``text`` with the ``source`` of the given cells (1-based) replaced."""
    spans = source_spans(text)
    ensure_ascii = _ensure_ascii(text)
    out: list[str] = []
    cursor = 0
    for index in sorted(sources):
        if index not in spans:
            raise ValueError(f"cell {index} has no source in the notebook")
        start, end = spans[index]
        old = text[start:end]
        if old.startswith("["):
            new = _render_list(old, split_source(sources[index]), ensure_ascii)
        else:
            new = json.dumps(sources[index], ensure_ascii=ensure_ascii)
        out += [text[cursor:start], new]
        cursor = end
    out.append(text[cursor:])
    return "".join(out)
