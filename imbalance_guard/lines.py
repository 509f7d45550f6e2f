"""The one line model: lines, columns and offsets counted the way Python counts them.

Python's tokenizer, and so every ``lineno`` in an ``ast`` tree, ends a line at
``\\r\\n``, ``\\r`` or ``\\n`` and nowhere else. :meth:`str.splitlines` also breaks at
form feed, vertical tab, the file/group/record separators (``\\x1c``-``\\x1e``),
NEL (``\\x85``) and the Unicode line and paragraph separators (U+2028, U+2029),
all of which may sit in a comment or a string. Counting lines with it shifts every
position below such a character: findings point at the wrong line, ``# noqa`` is
read from the wrong line and a fix edits the wrong text. Every piece of the tool
that turns text into lines or positions (locations, noqa, fixes, notebook cells,
reporters' snippets) uses this module instead.

Columns: ``ast`` gives UTF-8 byte offsets within a line; users (and
:class:`~imbalance_guard.findings.Location`) count characters.
:meth:`LineIndex.char_column` converts one to the other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property

#: The only line breaks Python's tokenizer knows.
LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    """Offset of the first character of each line; text ending in a break gets a
    final (empty) line starting at ``len(text)``."""
    return [0, *(match.end() for match in LINE_BREAK.finditer(text))]


def split_lines(text: str, keepends: bool = False) -> list[str]:
    """``text.splitlines(keepends)``, breaking only where Python does.

    As with :meth:`str.splitlines`, a final line break does not start another line
    and ``""`` has no lines.
    """
    starts = line_starts(text)
    ends = [*starts[1:], len(text)]
    if keepends:
        lines = [text[a:b] for a, b in zip(starts, ends, strict=True)]
    else:
        lines = [text[a:b].rstrip("\r\n") for a, b in zip(starts, ends, strict=True)]
        # rstrip removes at most the one break: a line never holds another \r or \n.
    return lines if starts[-1] < len(text) else lines[:-1]


def newline_of(text: str) -> str:
    """The text's line ending: the first one it uses, ``\\n`` when it has none."""
    match = LINE_BREAK.search(text)
    return match.group(0) if match else "\n"


def char_column(line: str, byte_offset: int) -> int:
    """The character column of a UTF-8 byte offset in ``line`` (``ast``'s col_offset)."""
    if line.isascii():
        return min(byte_offset, len(line))
    return len(line.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))


class LineIndex:
    """One text's lines, for looking up lines and converting positions."""

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def starts(self) -> Sequence[int]:
        return line_starts(self.text)

    @cached_property
    def lines(self) -> list[str]:
        """The lines without their breaks, as :func:`split_lines` gives them."""
        return split_lines(self.text)

    def __len__(self) -> int:
        return len(self.lines)

    def line(self, number: int) -> str:
        """Line ``number`` (1-based) without its break; ``""`` outside the text."""
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def char_column(self, number: int, byte_offset: int) -> int:
        """The character column of ``ast``'s UTF-8 ``byte_offset`` on line ``number``."""
        return char_column(self.line(number), byte_offset)

    def offset(self, number: int, column: int) -> int:
        """Offset in the text of 0-based character ``column`` on 1-based line ``number``."""
        return self.starts[number - 1] + column

    def segment(self, lineno: int, col: int, end_lineno: int, end_col: int) -> str:
        """The text between two ``ast`` positions (byte columns): what
        :func:`ast.get_source_segment` returns, without splitting the text per call."""
        start = self.offset(lineno, self.char_column(lineno, col))
        end = self.offset(end_lineno, self.char_column(end_lineno, end_col))
        return self.text[start:end]
