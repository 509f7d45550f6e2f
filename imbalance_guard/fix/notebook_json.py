"""Rewrite the ``source`` of notebook cells inside the raw JSON text, touching nothing else.

Re-serialising the whole notebook would reorder or re-indent what another tool
wrote and churn outputs and metadata. Instead we find the exact span of each
cell's ``"source"`` value in the text and replace only that span, in the same
shape: a string stays a string; a list of lines stays a list laid out like the
original one (same indentation and separators).
"""

from __future__ import annotations

import json
from json.decoder import scanstring

from imbalance_guard.code.notebook_spans import source_spans as scan_sources


def source_spans(text: str) -> dict[int, tuple[int, int]]:
    """Offsets of each cell's ``source`` value, by 1-based cell index."""
    return {index: (span.start, span.end) for index, span in scan_sources(text).items()}


def _ensure_ascii(text: str) -> bool:
    """Did the writer escape non-ASCII characters? (nbformat does not.)"""
    return not any(ord(c) > 127 for c in text) and "\\u" in text


def _render_list(old: str, lines: list[str], ensure_ascii: bool) -> str:
    items = [json.dumps(line, ensure_ascii=ensure_ascii) for line in lines]
    if not items:
        return "[]"
    try:
        parsed = json.loads(old)
    except ValueError:
        parsed = []
    if not parsed:
        return "[" + ", ".join(items) + "]"
    # Layout of the old list: whitespace after "[" and before "]", and between items.
    head = old[1 : len(old) - len(old[1:].lstrip(" \t\r\n"))] if old else ""
    tail = old[len(old[:-1].rstrip(" \t\r\n")) : -1]
    first_end = scanstring(old, len(head) + 2)[1]
    separator = "," + head
    if len(parsed) > 1:
        rest = old[first_end:]
        separator = rest[: len(rest) - len(rest.lstrip(" \t\r\n,"))]
    return "[" + head + separator.join(items) + tail + "]"


def split_source(source: str) -> list[str]:
    """A cell's source as nbformat stores it: lines with their line breaks kept.

    This is storage layout, not line counting: nbformat (and so Jupyter) cuts the
    list with ``str.splitlines(True)``, form feeds and U+2028 included, and cutting
    the same way writes an unedited cell back byte for byte. The items are joined
    again on reading, so where they are cut never changes the code.
    """
    return source.splitlines(keepends=True)  # nbformat's own convention, see above


def replace_sources(text: str, sources: dict[int, str]) -> str:
    """Return ``text`` with the ``source`` of the given cells (1-based) replaced."""
    spans = source_spans(text)
    ensure_ascii = _ensure_ascii(text)
    out: list[str] = []
    cursor = 0
    for index in sorted(sources):
        if index not in spans:
            raise ValueError(f"cell {index} has no source in the notebook")
        start, end = spans[index]
        old = text[start:end]
        if old.startswith("["):
            new = _render_list(old, split_source(sources[index]), ensure_ascii)
        else:
            new = json.dumps(sources[index], ensure_ascii=ensure_ascii)
        out += [text[cursor:start], new]
        cursor = end
    out.append(text[cursor:])
    return "".join(out)
