"""``# noqa`` comments, as ruff reads them: bare, or with a list of codes or prefixes."""

from __future__ import annotations

import functools
import re

# Compiled on first use, once: most files have no comment to read.
_compiled = functools.cache(re.compile)
_NOQA = r"(?i)#\s*noqa(?::\s?(?P<codes>[A-Z]+[0-9]*(?:[\s,]+[A-Z]+[0-9]*)*))?"


def noqa_codes(line: str) -> frozenset[str] | None:
    """None: no noqa on the line; empty set: bare ``# noqa`` (everything); else the codes."""
    if "#" not in line:
        return None
    match = _compiled(_NOQA).search(line)
    if match is None:
        return None
    codes = match.group("codes")
    if not codes:
        return frozenset()
    return frozenset(c.upper() for c in re.split(r"[\s,]+", codes.strip()) if c)


def suppressed(code: str, line: str) -> bool:
    codes = noqa_codes(line)
    if codes is None:
        return False
    return not codes or any(code.startswith(c) for c in codes)


def with_codes(line: str, codes: list[str]) -> str | None:
    """``line`` with a noqa comment for ``codes`` (``--add-noqa``): merged into the line's
    own noqa comment when it has one, else appended, two spaces before, as ruff writes
    it; None when nothing needs adding (a bare noqa, codes already there)."""
    match = _compiled(_NOQA).search(line) if "#" in line else None
    if match is None:
        return f"{line.rstrip()}  # noqa: {', '.join(codes)}"
    existing = noqa_codes(line)
    if not existing:
        return None  # a bare noqa comment already silences everything on the line
    known = [c for c in re.split(r"[\s,]+", match.group("codes").strip()) if c]
    new = [c for c in codes if not any(c.startswith(k.upper()) for k in known)]
    if not new:
        return None
    merged = f"# noqa: {', '.join([*known, *new])}"
    return line[: match.start()] + merged + line[match.end() :]
