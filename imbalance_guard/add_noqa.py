"""``check --add-noqa``: silence today's findings with ``# noqa: IGxxx`` on their lines.

As ruff's ``--add-noqa``: each line with a finding gets a ``# noqa`` comment naming its
codes, merged into a ``# noqa: X`` already there; in a notebook the comment goes into the
cell's source. A line that cannot end in a comment (inside a multi-line string, before a
backslash continuation) is left alone with a warning, and so are findings without a line
(datasets: use ``per-file-ignores``). The file is written like a fix: atomically, and only
when the result still parses.
"""

from __future__ import annotations

import io
import tokenize
from collections import defaultdict
from pathlib import Path

from imbalance_guard.findings import Edit, Finding, Fix
from imbalance_guard.lines import split_lines
from imbalance_guard.noqa import with_codes


def _commentable(source: str) -> set[int]:
    """Program lines whose end is outside any string or continuation: a comment fits."""
    lines: set[int] = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type in (tokenize.NEWLINE, tokenize.NL):
                lines.add(token.start[0])
    except (tokenize.TokenError, SyntaxError):
        pass  # the lines seen so far are still right
    return lines


def add_noqa(path: Path, display: str, kind: str, findings: list[Finding]) -> tuple[int, list[str]]:
    """Add ``# noqa`` comments for ``findings`` to the file at ``path``; returns how many
    were added and warnings for what could not be."""
    from imbalance_guard.code.unit import UnreadableCode
    from imbalance_guard.fix.documents import Document, DocumentError
    from imbalance_guard.fix.write import NotWritten, atomic_write

    warnings: list[str] = []
    try:
        document = Document.from_bytes(path.read_bytes(), kind)
        unit = document.unit(display)
    except (OSError, UnreadableCode, DocumentError) as exc:
        return 0, [f"{display}: no noqa added: {exc}"]
    commentable = _commentable(unit.source)
    starts = {cell.index: cell.first_line for cell in unit.cells}
    wanted: dict[tuple[int | None, int], list[str]] = defaultdict(list)
    for finding in findings:
        loc = finding.location
        if loc.line is None:
            continue
        program_line = starts.get(loc.cell, 1) + loc.line - 1 if loc.cell else loc.line
        if program_line not in commentable:
            warnings.append(
                f"{loc.display()}: no noqa added for {finding.code}: the line "
                "continues (a multi-line string or a backslash)"
            )
            continue
        if finding.code not in wanted[(loc.cell, loc.line)]:
            wanted[(loc.cell, loc.line)].append(finding.code)
    fixes = []
    for (cell, number), codes in sorted(wanted.items(), key=lambda kv: (kv[0][0] or 0, kv[0][1])):
        lines = split_lines(document.parts.get(cell if kind == "notebook" else None, ""))
        if number > len(lines):
            continue
        line = lines[number - 1]
        new = with_codes(line, sorted(codes))
        if new is not None:
            edit = Edit(number, 1, number, len(line) + 1, new, cell=cell, original=line)
            fixes.append(Fix((edit,), title="add noqa"))
    if not fixes:
        return 0, warnings
    applied = document.apply(fixes)
    try:
        applied.document.unit(display)
        atomic_write(path, applied.document.to_bytes())
    except (DocumentError, NotWritten) as exc:
        return 0, [*warnings, f"{display}: no noqa added: {exc}"]
    except OSError as exc:
        return 0, [*warnings, f"{display}: no noqa added: {exc.strerror or exc}"]
    return applied.count, warnings
