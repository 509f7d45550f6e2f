"""What every output format receives: the report of one run, and rendering options."""

from __future__ import annotations

from collections.abc import Callable

from imbalance_guard.records import record

# Report lives in the core; formatters keep importing it from here.
from imbalance_guard.results import Report

__all__ = ["Formatter", "RenderOptions", "Report"]


@record(frozen=True)
class RenderOptions:
    color: bool = False
    show_source: bool = True
    statistics: bool = False
    verbose: bool = False
    quiet: bool = False  # findings only: no summary, no notes
    show_fixes: bool = False  # --show-fixes: list what --fix fixed, per file and rule


# eq/repr off: a format (it holds a render function) is compared by identity.
@record(frozen=True, eq=False, repr=False)
class Formatter:
    name: str
    description: str
    render: Callable[[Report, RenderOptions], str]
