"""Unified diffs of what ``--fix`` would change (``check --diff``)."""

from __future__ import annotations

import difflib

from imbalance_guard.lines import split_lines


def unified_diff(old: str, new: str, name: str) -> str:
    """A unified diff between two versions of one file or cell, '' when equal.

    Lines keep their own endings; a last line without one is marked the way
    ``diff`` does, so the output can be fed to ``patch``.
    """
    if old == new:
        return ""
    lines = difflib.unified_diff(
        split_lines(old, keepends=True),
        split_lines(new, keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    out = []
    for line in lines:
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)
