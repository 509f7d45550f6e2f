"""Map a notebook position (cell, line in cell, column) to a line and column of the .ipynb file.

Findings in notebooks are located by cell, as Jupyter shows them. Tools that put findings on
the file itself — GitHub code scanning (SARIF) and pull-request annotations — see the raw
JSON, where a cell's source is a list of JSON strings, usually one per line. This module
finds where in that JSON the flagged character is, so the annotation lands on the very line
of the ``"source"`` list that holds the flagged code, whatever the notebook's layout
(nbformat's one-string-per-line, a single string per cell, or minified JSON). It is read only
when a report has notebook findings, and never written.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import field
from pathlib import Path

from imbalance_guard.code.notebook_spans import source_spans
from imbalance_guard.lines import line_starts
from imbalance_guard.records import record


def _raw_offset(text: str, start: int, chars: int) -> int:
    """Offset in ``text`` of decoded character ``chars`` of the JSON string body at ``start``."""
    i = start
    for _ in range(chars):
        if text[i] != "\\":
            i += 1
        elif text[i + 1] != "u":
            i += 2
        elif 0xD800 <= int(text[i + 2 : i + 6], 16) < 0xDC00 and text.startswith("\\u", i + 6):
            i += 12  # a surrogate pair is one character once decoded
        else:
            i += 6
    return i


@record
class NotebookLines:
    """Where each code cell's source sits in the notebook file."""

    text: str
    sources: dict[int, list[tuple[int, str]]]
    _newlines: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self._newlines = [m.start() for m in re.finditer("\n", self.text)]

    def _line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_left(self._newlines, offset)
        start = self._newlines[line - 1] + 1 if line else 0
        return line + 1, offset - start + 1

    def position(self, cell: int, line: int, column: int, end: bool = False) -> tuple[int, int]:
        """File (line, column), both 1-based, of ``column`` on ``line`` of ``cell``.

        ``end`` places an exclusive end position (the end of a string part rather than the
        start of the next). Raises KeyError when the cell has no recorded source.
        """
        parts = self.sources[cell]
        joined = "".join(value for _, value in parts)
        starts = line_starts(joined)
        if starts[-1] != len(joined):
            starts.append(len(joined))  # the end of the last line
        line_start = starts[min(max(line, 1), len(starts)) - 1]
        # Clamp to the flagged line (a column past its end stays on it).
        line_end = starts[line] if line < len(starts) else len(joined)
        pos = min(line_start + max(column, 1) - 1, max(line_end, line_start))
        cumulative = [0]
        for _, value in parts:
            cumulative.append(cumulative[-1] + len(value))
        if end:
            index = max(bisect.bisect_left(cumulative, pos) - 1, 0)
        else:
            index = min(bisect.bisect_right(cumulative, pos) - 1, len(parts) - 1)
        offset, _ = parts[index]
        within = min(pos - cumulative[index], len(parts[index][1]))
        return self._line_col(_raw_offset(self.text, offset + 1, within))


def read_notebook_lines(path: Path) -> NotebookLines | None:
    """The map for the notebook at ``path``, or None when it cannot be read or scanned."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
        spans = source_spans(text)
    except (OSError, UnicodeDecodeError, ValueError, IndexError):
        return None
    return NotebookLines(text, {cell: s.strings for cell, s in spans.items() if s.strings})
