"""Where each code cell's ``source`` sits in a notebook's raw JSON text.

Two features need positions in the file rather than in the parsed notebook: ``--fix``
replaces a cell's ``source`` value in place (so outputs, metadata and layout stay byte
for byte), and SARIF / GitHub annotations point at the line of the ``.ipynb`` file
holding the flagged code. Both use this one scanner.
"""

from __future__ import annotations

import json.decoder
import re
from dataclasses import field

from imbalance_guard.records import record

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_LITERALS = ("true", "false", "null")


@record
class SourceSpan:
    """One cell's ``source``: the offsets of the whole value, and each JSON string in it."""

    start: int = 0
    end: int = 0
    # (offset of the opening quote, decoded text) of each string, in order.
    strings: list[tuple[int, str]] = field(default_factory=list)


_DECODER = json.decoder.JSONDecoder()


def _wanted(path: tuple) -> bool:
    """Whether a value may hold a cell's ``source``: the top level, ``cells``, a cell,
    its ``source`` and the strings in it."""
    return not path or (path[0] == "cells" and (len(path) <= 2 or path[2] == "source"))


class _Scanner:
    """A minimal, validating JSON walker that records ``cells[i].source`` positions."""

    def __init__(self, text: str):
        self.text = text
        self.sources: dict[int, SourceSpan] = {}

    def _ws(self, i: int) -> int:
        return _WS.match(self.text, i).end()  # type: ignore[union-attr]

    def value(self, i: int, path: tuple) -> int:
        i = self._ws(i)
        if not _wanted(path):
            # Outputs, metadata, execution counts: skipped by the C decoder, which takes a
            # nesting depth this walker (two Python frames per level) would not.
            return _DECODER.raw_decode(self.text, i)[1]
        char = self.text[i : i + 1]
        if char == "{":
            return self._object(i + 1, path)
        if char == "[":
            return self._array(i + 1, path)
        if char == '"':
            value, end = json.decoder.scanstring(self.text, i + 1)
            if len(path) in (3, 4) and path[0] == "cells" and path[2] == "source":
                self.sources.setdefault(path[1], SourceSpan()).strings.append((i, value))
            return end
        for literal in _LITERALS:
            if self.text.startswith(literal, i):
                return i + len(literal)
        match = _NUMBER.match(self.text, i)
        if match is None:
            raise ValueError(f"unexpected character at offset {i}")
        return match.end()

    def _object(self, i: int, path: tuple) -> int:
        i = self._ws(i)
        if self.text[i : i + 1] == "}":
            return i + 1
        while True:
            i = self._ws(i)
            if self.text[i : i + 1] != '"':
                raise ValueError(f"expected a key at offset {i}")
            key, i = json.decoder.scanstring(self.text, i + 1)
            i = self._ws(i)
            if self.text[i : i + 1] != ":":
                raise ValueError(f"expected ':' at offset {i}")
            start = self._ws(i + 1)
            # Only the top-level "cells" and a cell's "source" matter for the path.
            i = self.value(start, (*path, key) if len(path) in (0, 2) else (*path, None))
            if len(path) == 2 and path[0] == "cells" and key == "source":
                span = self.sources.setdefault(path[1], SourceSpan())
                span.start, span.end = start, i
            i = self._ws(i)
            char = self.text[i : i + 1]
            if char == "}":
                return i + 1
            if char != ",":
                raise ValueError(f"expected ',' or '}}' at offset {i}")
            i += 1

    def _array(self, i: int, path: tuple) -> int:
        i = self._ws(i)
        if self.text[i : i + 1] == "]":
            return i + 1
        index = 1  # cells are numbered from 1, as in locations
        while True:
            i = self.value(i, (*path, index))
            index += 1
            i = self._ws(i)
            char = self.text[i : i + 1]
            if char == "]":
                return i + 1
            if char != ",":
                raise ValueError(f"expected ',' or ']' at offset {i}")
            i += 1


def source_spans(text: str) -> dict[int, SourceSpan]:
    """Each cell's ``source`` position by 1-based cell index (every cell, as Jupyter shows).

    Raises ValueError (or IndexError on truncated text) when ``text`` is not valid JSON.
    """
    scanner = _Scanner(text)
    try:
        scanner.value(0, ())
    except RecursionError:
        raise ValueError("JSON nested too deeply to scan") from None
    return scanner.sources
