"""Text edits: from (line, column) positions to offsets, overlap checks, application.

Positions follow :class:`~imbalance_guard.findings.Edit`: 1-based line, 1-based
character column, exclusive end column, counted in the text the user sees (for a
notebook: inside the cell named by ``Edit.cell``). Lines end at ``\\r\\n``, ``\\r``
or ``\\n``, the same breaks the Python tokenizer counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from imbalance_guard.findings import Edit, Fix

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class EditError(ValueError):
    """An edit points outside the text it is meant for."""


def line_starts(text: str) -> list[int]:
    """Offset of the first character of each line (a final empty line included)."""
    return [0, *(match.end() for match in _LINE_BREAK.finditer(text))]


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` with their line breaks kept (``str.splitlines`` would also
    break at form feeds and other characters Python does not count as line ends)."""
    starts = line_starts(text)
    lines = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    return lines if lines[-1] else lines[:-1]


def newline_of(text: str) -> str:
    """The file's line ending: the first one it uses, ``\\n`` when it has none."""
    match = _LINE_BREAK.search(text)
    return match.group(0) if match else "\n"


def offset(starts: Sequence[int], text: str, line: int, column: int) -> int:
    """The offset of a 1-based (line, column) position; a column may point just past
    the line's content (its end), and line ``len + 1`` column 1 is the end of text."""
    if line < 1 or line > len(starts) or column < 1:
        raise EditError(f"position {line}:{column} is outside the text")
    start = starts[line - 1]
    end = starts[line] if line < len(starts) else len(text)
    content_end = start + len(text[start:end].rstrip("\r\n"))
    position = start + column - 1
    if position > content_end:
        raise EditError(f"column {column} is past the end of line {line}")
    return position


@dataclass(frozen=True)
class Span:
    """An edit resolved to offsets in one part of a document (a file or a cell)."""

    part: int | None  # the notebook cell, None for a plain file
    start: int
    end: int
    content: str

    def overlaps(self, other: Span) -> bool:
        if self.part != other.part:
            return False
        if self.start == self.end == other.start == other.end:
            return True  # two insertions at one point: their order would be a guess
        return self.start < other.end and other.start < self.end


def resolve(edit: Edit, text: str, starts: Sequence[int], newline: str) -> Span:
    """Turn an edit into offsets; ``\\n`` in its content becomes the text's newline."""
    start = offset(starts, text, edit.line, edit.column)
    end = offset(starts, text, edit.end_line, edit.end_column)
    if end < start:
        raise EditError(f"edit ends ({edit.end_line}:{edit.end_column}) before it starts")
    content = edit.content.replace("\n", newline) if newline != "\n" else edit.content
    return Span(edit.cell, start, end, content)


def select(fixes: Iterable[tuple[Fix, list[Span]]]) -> tuple[list[Span], int]:
    """Pick the fixes to apply in one pass: in order of their first edit, a fix is taken
    only if none of its edits overlaps one already taken (an identical edit counts as
    already made, so two fixes adding the same import both apply). Returns the spans
    to apply and how many fixes were taken; the others wait for the next pass."""
    taken: list[Span] = []
    count = 0
    ordered = sorted(fixes, key=lambda item: min((s.part or 0, s.start) for s in item[1]))
    for _fix, spans in ordered:
        new = [s for s in spans if s not in taken]
        if any(s.overlaps(t) for s in new for t in taken):
            continue
        if any(a.overlaps(b) for i, a in enumerate(new) for b in new[i + 1 :]):
            continue  # a fix whose own edits collide is broken; never apply it
        taken.extend(new)
        count += 1
    return taken, count


def apply(text: str, spans: Iterable[Span]) -> str:
    """Apply non-overlapping spans of one part to ``text``."""
    out: list[str] = []
    cursor = 0
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        out.append(text[cursor : span.start])
        out.append(span.content)
        cursor = span.end
    out.append(text[cursor:])
    return "".join(out)
