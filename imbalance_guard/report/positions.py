"""Where a finding sits in the file as stored in the repository, for CI annotations.

SARIF and GitHub annotations are placed on the repository's files, not on what Jupyter
shows. Scripts map one to one. Notebook findings are placed on the lines of the ``.ipynb``
JSON that hold the flagged code inside the cell's ``"source"`` list (see
:mod:`imbalance_guard.report.notebook_lines`), or, when the notebook cannot be read back, on
the first line of the file; the cell number and the line in the cell are kept in the message.
Dataset findings concern the whole file and have no line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from imbalance_guard.findings import Finding
from imbalance_guard.report.notebook_lines import NotebookLines, read_notebook_lines


@dataclass(frozen=True)
class FilePosition:
    """1-based; ``end_column`` exclusive; ``line`` None for whole-file findings."""

    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None


class PositionMapper:
    """Maps findings to file positions, reading each notebook at most once."""

    def __init__(self, cwd: Path | None = None):
        self.cwd = cwd or Path.cwd()
        self._notebooks: dict[str, NotebookLines | None] = {}

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
        notebook = self._notebook(loc.path)
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
