"""Text edits: from (line, column) positions to offsets, overlap checks, application.

Positions follow :class:`~imbalance_guard.findings.Edit`: 1-based line, 1-based
character column, exclusive end column, counted in the text the user sees (for a
notebook: inside the cell named by ``Edit.cell``). Lines end at ``\\r\\n``, ``\\r``
or ``\\n``, the same breaks the Python tokenizer counts (see :mod:`imbalance_guard.lines`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from imbalance_guard.findings import Edit, Fix
from imbalance_guard.lines import LINE_BREAK, line_starts, newline_of
from imbalance_guard.records import record

__all__ = ["EditError", "Span", "apply", "line_starts", "newline_of", "offset", "resolve", "select"]


class EditError(ValueError):
    """An edit points outside the text it is meant for, or at text it did not expect."""


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


@record(frozen=True)
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
    if edit.original is not None and _same_text(text[start:end]) != _same_text(edit.original):
        raise EditError(
            f"the text at {edit.line}:{edit.column} is {text[start:end][:40]!r}, "
            f"not {edit.original[:40]!r} as the fix expects"
        )
    content = edit.content.replace("\n", newline) if newline != "\n" else edit.content
    return Span(edit.cell, start, end, content)


def _same_text(text: str) -> str:
    # A notebook's program joins cells with "\n" while the cell may use "\r\n".
    return LINE_BREAK.sub("\n", text)


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
