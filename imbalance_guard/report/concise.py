"""One line per finding, ``path:line:col: CODE [*] message`` (``--output-format concise``);
``[*]`` marks a finding ``--fix`` would fix, as in ruff."""

from __future__ import annotations

from imbalance_guard import hookimpl
from imbalance_guard.report.base import Formatter, RenderOptions, Report
from imbalance_guard.report.printable import printable, visible
from imbalance_guard.report.text import fixable, summary


def render(report: Report, options: RenderOptions) -> str:
    lines = [
        f"{visible(f.location.display())}: {f.code}{' [*]' if fixable(f) else ''} "
        f"{visible(f.message)}"
        for f in report.findings
    ]
    if not options.quiet:
        lines += summary(report, options.color, options.show_fixes)
    return printable("".join(f"{line}\n" for line in lines))


@hookimpl
def ig_formatters() -> list[Formatter]:
    return [Formatter("concise", "One line per finding: path:line:col: CODE message", render)]
