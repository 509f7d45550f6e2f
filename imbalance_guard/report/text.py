"""The default, ruff-like text output: location, code, message, source marker, help."""

from __future__ import annotations

from collections import Counter

from imbalance_guard import hookimpl
from imbalance_guard.findings import Finding
from imbalance_guard.report.base import Formatter, RenderOptions, Report
from imbalance_guard.report.printable import printable, visible

_STYLES = {
    "bold": "1",
    "red": "31",
    "cyan": "36",
    "blue": "34",
    "dim": "2",
    "green": "32",
    "yellow": "33",
}


def style(text: str, name: str, color: bool) -> str:
    return f"\x1b[{_STYLES[name]}m{text}\x1b[0m" if color else text


_TAB = 4
# Line and paragraph separators, bidirectional controls (which reorder what the line
# shows: "Trojan Source") and the noncharacters: shown as U+FFFD.
_INVISIBLE = frozenset(
    "\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\ufffe\uffff"
)


def _shown(char: str, column: int) -> str:
    """How one source character is printed: tabs expanded, control characters and
    line or paragraph separators as their visible symbol (a raw form feed, U+2028 or
    escape sequence would move the terminal's cursor and misplace the marker)."""
    if char == "\t":
        return " " * (_TAB - column % _TAB)
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: \x0c -> U+240C
    if code == 0x7F:
        return "\u2421"
    if 0x80 <= code < 0xA0 or char in _INVISIBLE:
        return "\ufffd"
    return char


def _display(line: str) -> tuple[str, list[int]]:
    """The printable line and the display column where each character starts
    (one more entry: the end of the line)."""
    out: list[str] = []
    columns = [0]
    for char in line:
        shown = _shown(char, columns[-1])
        out.append(shown)
        columns.append(columns[-1] + len(shown))
    return "".join(out), columns


def _snippet(report: Report, finding: Finding, color: bool) -> list[str]:
    loc = finding.location
    line = report.source_line(finding)
    if line is None or loc.line is None:
        return []
    line = line.rstrip()
    shown, columns = _display(line)
    gutter = " " * len(str(loc.line))
    start = min((loc.column or 1) - 1, len(line))
    single = loc.end_line in (None, loc.line)
    end = (loc.end_column or start + 2) - 1 if single else len(line)
    end = min(max(end, start + 1), len(line) or 1)
    width = max(1, columns[min(end, len(line))] - columns[start])
    marker = " " * columns[start] + "^" * width
    bar = style("|", "blue", color)
    return [
        f"{gutter} {bar}",
        f"{style(str(loc.line), 'blue', color)} {bar} {shown}",
        f"{gutter} {bar} {style(marker, 'red', color)}",
        f"{gutter} {bar}",
    ]


def fixable(finding: Finding) -> bool:
    """Whether ``--fix`` fixes it (ruff's ``[*]``): unsafe fixes need ``--unsafe-fixes``."""
    return finding.fix is not None and finding.fix.applicability.value == "safe"


def render_finding(report: Report, finding: Finding, options: RenderOptions) -> list[str]:
    color = options.color
    rule = report.rules.get(finding.code)
    marker = " [*]" if fixable(finding) else ""
    # Values from the checked files (paths, class values, column names) are escaped
    # before colours are added: only imbalance-guard's own escape sequences reach the
    # terminal.
    head = (
        f"{style(visible(finding.location.display()), 'bold', color)}: "
        f"{style(finding.code, 'red', color)}{marker} {visible(finding.message)}"
    )
    lines = [head]
    if options.show_source:
        lines += _snippet(report, finding, color)
    for extra in (finding.data or {}).get("chart", []):
        lines.append(f"    {visible(str(extra))}")
    if finding.suggestion:
        label = style("help", "cyan", color)
        first, *rest = visible(finding.suggestion, newlines=True).split("\n")
        lines.append(f"  = {label}: {first}")
        lines += [f"          {text}" if text else "" for text in rest]
    if rule is not None and options.verbose:
        lines.append(f"  = rule: {rule.code} {rule.name} (imbalance-guard explain {rule.code})")
    lines.append("")
    return lines


def statistics(report: Report) -> list[str]:
    counts = Counter(f.code for f in report.findings)
    # As in ruff, [*] means `--fix` would fix it: unsafe fixes need --unsafe-fixes.
    fixable_codes = {f.code for f in report.findings if fixable(f)}
    width = max((len(str(n)) for n in counts.values()), default=1)
    lines = []
    for code, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = report.rules.get(code)
        mark = "[*]" if code in fixable_codes else "   "
        lines.append(f"{count:>{width}}\t{code}\t{mark} {rule.name if rule else ''}".rstrip())
    return lines


def _plural(count: int, word: str, many: str = "") -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


def fixable_hint(report: Report) -> str:
    """ruff's hint: how many findings ``--fix`` would fix, and how many fixes only
    ``--unsafe-fixes`` would apply ("hidden"); "" when there are none."""
    safe = unsafe = 0
    for finding in report.findings:
        applicability = finding.fix.applicability.value if finding.fix else ""
        safe += applicability == "safe"
        unsafe += applicability == "unsafe"
    hidden = (
        f"{_plural(unsafe, 'hidden fix', 'hidden fixes')} can be enabled with the "
        "`--unsafe-fixes` option"
    )
    if safe and unsafe:
        return f"[*] {safe} fixable with the `--fix` option ({hidden})."
    if safe:
        return f"[*] {safe} fixable with the `--fix` option."
    if unsafe:
        return f"No fixes available ({hidden})."
    return ""


def fixed_listing(report: Report) -> list[str]:
    """``--show-fixes``: what was fixed, per file and rule (ruff's enumeration)."""
    if not report.fixed:
        return []
    lines = [f"Fixed {_plural(report.fixed, 'problem')}:"]
    for path, codes in sorted(report.fixed_codes.items()):
        lines.append(f"- {path}:")
        for code, count in sorted(codes.items()):
            rule = report.rules.get(code)
            lines.append(f"    {count} \u00d7 {code}" + (f" ({rule.name})" if rule else ""))
    return [*lines, ""]


def summary(report: Report, color: bool, show_fixes: bool = False) -> list[str]:
    n = len(report.findings)
    lines: list[str] = []
    if show_fixes:
        lines += fixed_listing(report)
    elif report.fixed:
        lines.append(f"Fixed {report.fixed} problem{'s' if report.fixed != 1 else ''}.")
    if report.baseline_skipped:
        lines.append(
            f"Skipped {report.baseline_skipped} known problem"
            f"{'s' if report.baseline_skipped != 1 else ''} (baseline)."
        )
    if report.gitignored:
        lines.append(
            f"Skipped {report.gitignored} ignored by .gitignore "
            "(--no-respect-gitignore checks them)."
        )
    if n:
        lines.append(style(f"Found {n} problem{'s' if n != 1 else ''}.", "bold", color))
        if hint := fixable_hint(report):
            lines.append(hint)
    files = len(report.files_checked)
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if errors := len(report.errors):
        # Never "All checks passed!" when something was not checked (a missing path).
        if not n:
            lines.append(f"No problems found ({checked}).")
        lines.append(
            style(
                f"{errors} error{'s' if errors != 1 else ''}: "
                "not everything could be checked (see the messages on standard "
                "error).",
                "red",
                color,
            )
        )
    elif not n and not files:
        # Not "All checks passed!": nothing was checked (the warning on stderr says why).
        lines.append("No files checked.")
    elif not n and report.unlabelled:  # not "All checks passed!": some labels were not
        lines.append(f"No problems found ({checked}).")
    elif not n:
        lines.append(style(f"All checks passed! ({checked})", "green", color))
    if report.unlabelled:
        lines.append(style(unlabelled_summary(report), "yellow", color))
    return lines


def unlabelled_summary(report: Report, shown: int = 3) -> str:
    """One line for the datasets whose labels were not checked (no label column found)."""
    paths = [visible(path) for path in report.unlabelled]
    names = ", ".join(paths[:shown]) + (
        f", and {len(paths) - shown} more" if len(paths) > shown else ""
    )
    many = len(paths) != 1
    return (
        f"{len(paths)} dataset{'s' if many else ''} not checked: no label column "
        f"recognised by name in {names}; name {'them' if many else 'it'} with --label or "
        "`label` in [tool.imbalance-guard.data] (see the warning"
        f"{'s' if many else ''} on standard error)."
    )


def render(report: Report, options: RenderOptions) -> str:
    lines: list[str] = []
    if options.statistics:
        lines += statistics(report)
    else:
        for finding in report.findings:
            lines += render_finding(report, finding, options)
    if options.quiet:
        return printable("".join(f"{line}\n" for line in lines))
    if options.verbose:
        lines += [f"note: {note}" for note in report.notes]
    lines += summary(report, options.color, options.show_fixes)
    return printable("\n".join(lines) + "\n")


@hookimpl
def ig_formatters() -> list[Formatter]:
    return [Formatter("text", "Findings with source context and suggestions (default)", render)]
