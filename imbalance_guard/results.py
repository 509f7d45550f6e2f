"""What a run found: the :class:`Report` every output format, the baseline and the
fingerprints read. Part of the core, not of the reporters: the runner builds it and
``fingerprint`` and ``baseline`` use it without depending on any output format."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from typing import TYPE_CHECKING

from imbalance_guard.discover import root_relative
from imbalance_guard.findings import Finding, Location, Rule
from imbalance_guard.records import record

if TYPE_CHECKING:
    from imbalance_guard.data.profile import DatasetProfile


def source_line(
    sources: Mapping[tuple[str, int | None], list[str]], location: Location
) -> str | None:
    """The source line a location points at, from lines keyed by (path, cell); None when
    the location has no line or the line is not there (a dataset, a stale position)."""
    if location.line is None:
        return None
    lines = sources.get((location.path, location.cell))
    if not lines or location.line > len(lines):
        return None
    return lines[location.line - 1]


@record
class Report:
    """Everything a run found, in a stable order, plus what a formatter may show."""

    findings: list[Finding]
    rules: dict[str, Rule]
    files_checked: list[str] = field(default_factory=list)
    # (path, cell) -> lines of that file or cell, for source snippets.
    sources: dict[tuple[str, int | None], list[str]] = field(default_factory=dict)
    datasets: list[DatasetProfile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Datasets read whose labels could not be checked (no column recognised as the
    # label): displayed path -> the warning. Every output format reports them (the CLI
    # also prints each on standard error), so a file that was not checked is never silent.
    unlabelled: dict[str, str] = field(default_factory=dict)
    fixed: int = 0  # findings removed by --fix
    # --fix: displayed path -> {code: how many of its findings the fixes removed}
    fixed_codes: dict[str, dict[str, int]] = field(default_factory=dict)
    # What respect-gitignore left out of directory walks ("3 files and 1 folder"; "": none)
    gitignored: str = ""
    baseline_skipped: int = 0  # known findings hidden by --baseline
    # Paths that could not be checked, failed plugins: told on stderr, and the run exits 2.
    errors: list[str] = field(default_factory=list)
    root: str = "."  # directory paths are relative to (the project root)
    # Displayed path -> path relative to the project root, as discovery computed it for
    # each file checked (``Target.relative``); other paths are computed on demand.
    relative: dict[str, str] = field(default_factory=dict)
    # Where notebook findings sit in the .ipynb file: (line, column, end line, end column)
    # by location, computed from the text the runner read (reporters do not read it again).
    positions: dict[Location, tuple[int | None, ...]] = field(default_factory=dict)

    def source_line(self, finding: Finding) -> str | None:
        return source_line(self.sources, finding.location)

    def relative_path(self, path: str) -> str:
        """A displayed path relative to the project root, with forward slashes."""
        known = self.relative.get(path)
        return known if known is not None else root_relative(path, self.root)
