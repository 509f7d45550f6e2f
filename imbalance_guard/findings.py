"""The values every part of a run passes around: rules, findings, fixes.

All are frozen dataclasses so a finding can be hashed, sorted and compared, and
no stage can change what an earlier stage produced.
"""

from __future__ import annotations

import enum
from dataclasses import field

from imbalance_guard.records import record


class Applicability(enum.Enum):
    """How safe it is to apply a fix without a human looking at it (ruff's model)."""

    SAFE = "safe"  # meaning is preserved; ``--fix`` applies it
    UNSAFE = "unsafe"  # results may change; only with ``--unsafe-fixes``
    DISPLAY_ONLY = "display-only"  # shown as a suggestion, never applied


class FixAvailability(enum.Enum):
    NONE = "none"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


class RuleStatus(enum.Enum):
    STABLE = "stable"
    PREVIEW = "preview"
    DEPRECATED = "deprecated"
    REMOVED = "removed"


@record(frozen=True)
class Rule:
    """Metadata of one rule; ``doc`` is the single source of its documentation.

    ``doc`` uses ruff's headings: ``## What it does``, ``## Why is this bad?``,
    ``## Example``, ``## Use instead`` (and ``## Fix safety`` where a fix exists).
    """

    code: str
    name: str
    summary: str
    doc: str
    target: str = "code"  # "code", "data" or "any": what kind of input it checks
    default_enabled: bool = True
    fix: FixAvailability = FixAvailability.NONE
    status: RuleStatus = RuleStatus.STABLE
    since: str = "0.1.0"


@record(frozen=True, order=True)
class Location:
    """Where a finding is. Lines and columns are 1-based; ``end_column`` is exclusive.

    For notebooks ``cell`` is the 1-based index of the cell among all cells of the
    notebook and ``line`` counts within that cell. For datasets ``line`` is None
    and ``column_name`` may name the label column concerned.
    """

    path: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    cell: int | None = None
    column_name: str | None = None

    def display(self) -> str:
        parts = [self.path]
        if self.cell is not None:
            parts.append(f"cell {self.cell}")
        if self.line is not None:
            parts.append(str(self.line))
            parts.append(str(self.column or 1))
        return ":".join(parts)


@record(frozen=True, order=True)
class Edit:
    """Replace the text between two positions (same convention as ``Location``).

    Build positions with ``unit.location(node)`` (for notebooks ``cell`` says which
    cell; lines count within it). Write line breaks in ``content`` as ``\\n``: the
    fix engine (:mod:`imbalance_guard.fix`) turns them into the file's own line
    ending. An insertion is an edit whose start and end are the same position.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    content: str
    cell: int | None = None
    # The text the edit replaces, when the rule knows it (``""`` for an insertion).
    # The fix engine applies the edit only if the file holds exactly this text
    # there, so a position computed wrongly can never write over other code.
    original: str | None = None


@record(frozen=True)
class Fix:
    """A set of edits applied together, or not at all."""

    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    title: str = ""


@record(frozen=True)
class Finding:
    code: str
    message: str
    location: Location
    suggestion: str = ""
    fix: Fix | None = None
    # Free-form, JSON-serialisable details a reporter may show (e.g. a label profile).
    data: dict | None = field(default=None, compare=False, hash=False)

    @property
    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.path, loc.cell or 0, loc.line or 0, loc.column or 0, self.code)
