"""Where a finding sits in the file as stored in the repository, for CI annotations.

SARIF and GitHub annotations are placed on the repository's files, not on what Jupyter
shows. Scripts map one to one. Notebook findings are placed on the lines of the ``.ipynb``
JSON that hold the flagged code inside the cell's ``"source"`` list (see
:mod:`imbalance_guard.report.notebook_lines`), or, when the notebook cannot be read back, on
the first line of the file; the cell number and the line in the cell are kept in the message.
Dataset findings concern the whole file and have no line.

The runner computes these positions from the notebook text it already holds
(:func:`positions_in_notebook`) and hands them over in ``Report.positions``, so reporters do
not read notebooks from disk again; a report built without them (a plugin's own, a test's)
still gets them by reading the notebook once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from imbalance_guard.code.notebook_spans import source_spans
from imbalance_guard.findings import Finding, Location
from imbalance_guard.records import record
from imbalance_guard.report.notebook_lines import NotebookLines, read_notebook_lines


@record(frozen=True)
class FilePosition:
    """1-based; ``end_column`` exclusive; ``line`` None for whole-file findings."""

    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None


class PositionMapper:
    """Maps findings to file positions: those the runner computed (``known``), else by
    reading each notebook at most once."""

    def __init__(
        self,
        cwd: Path | None = None,
        known: Mapping[Location, tuple[int | None, ...]] | None = None,
    ):
        self.cwd = cwd or Path.cwd()
        self._notebooks: dict[str, NotebookLines | None] = {}
        self._known = known or {}

    def _notebook(self, path: str) -> NotebookLines | None:
        if path not in self._notebooks:
            candidate = Path(path)
            self._notebooks[path] = read_notebook_lines(
                candidate if candidate.is_absolute() else self.cwd / candidate
            )
        return self._notebooks[path]

    def position(self, finding: Finding) -> FilePosition:
        loc = finding.location
        if loc.line is None:
            return FilePosition()
        if loc.cell is None:
            return FilePosition(loc.line, loc.column, loc.end_line, loc.end_column)
        known = self._known.get(loc)
        if known is not None:
            return FilePosition(*known)
        return notebook_position(self._notebook(loc.path), loc)


def positions_in_notebook(
    text: str, locations: Iterable[Location]
) -> dict[Location, tuple[int | None, ...]]:
    """File positions of notebook ``locations``, from the notebook's JSON ``text``."""
    wanted = [loc for loc in locations if loc.cell is not None and loc.line is not None]
    if not wanted:
        return {}
    try:
        spans = source_spans(text)
    except (ValueError, IndexError):
        notebook = None
    else:
        notebook = NotebookLines(text, {c: s.strings for c, s in spans.items() if s.strings})
    out: dict[Location, tuple[int | None, ...]] = {}
    for loc in wanted:
        p = notebook_position(notebook, loc)
        out[loc] = (p.line, p.column, p.end_line, p.end_column)
    return out


def notebook_position(notebook: NotebookLines | None, loc: Location) -> FilePosition:
    """Where a notebook location (cell, line in cell) sits in the ``.ipynb`` file: the
    first line of the file when the notebook could not be scanned."""
    assert loc.cell is not None and loc.line is not None
    try:
        if notebook is None:
            raise KeyError(loc.cell)
        line, column = notebook.position(loc.cell, loc.line, loc.column or 1)
        end_line, end_column = notebook.position(
            loc.cell,
            loc.end_line or loc.line,
            loc.end_column or (loc.column or 1),
            end=True,
        )
    except (KeyError, IndexError, ValueError):
        return FilePosition(1)
    if (end_line, end_column) < (line, column):
        end_line, end_column = line, column
    return FilePosition(line, column, end_line, end_column)


def where_in_notebook(finding: Finding) -> str:
    """``"cell 3, line 4: "`` for notebook findings, else ``""`` (kept in CI messages)."""
    loc = finding.location
    if loc.cell is None:
        return ""
    return f"cell {loc.cell}, line {loc.line}: " if loc.line is not None else f"cell {loc.cell}: "
