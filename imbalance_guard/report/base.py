"""What every output format receives: the report of one run, and rendering options."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from imbalance_guard.data.profile import DatasetProfile
from imbalance_guard.findings import Finding, Rule


@dataclass
class Report:
    """Everything a run found, in a stable order, plus what a formatter may show."""

    findings: list[Finding]
    rules: dict[str, Rule]
    files_checked: list[str] = field(default_factory=list)
    # (path, cell) -> lines of that file or cell, for source snippets.
    sources: dict[tuple[str, int | None], list[str]] = field(default_factory=dict)
    datasets: list[DatasetProfile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fixed: int = 0  # findings removed by --fix
    baseline_skipped: int = 0  # known findings hidden by --baseline
    # Paths that could not be checked, failed plugins: told on stderr, and the run exits 2.
    errors: list[str] = field(default_factory=list)
    root: str = "."  # directory paths are relative to (the project root)

    def source_line(self, finding: Finding) -> str | None:
        loc = finding.location
        if loc.line is None:
            return None
        lines = self.sources.get((loc.path, loc.cell))
        if not lines or loc.line > len(lines):
            return None
        return lines[loc.line - 1]


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    show_source: bool = True
    statistics: bool = False
    verbose: bool = False
    quiet: bool = False  # findings only: no summary, no notes


@dataclass(frozen=True)
class Formatter:
    name: str
    description: str
    render: Callable[[Report, RenderOptions], str]
