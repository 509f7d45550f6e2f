"""The header row of a CSV or TSV file, read by Python's ``csv`` module.

The names are exact whatever they hold (line breaks, delimiters, quotes, any length), and
the header's place in the file is known to the byte: where the rows start and which line
ending the header uses. The CSV reader needs both when the header holds a quoted line break,
which DuckDB's line-ending detection cannot take (see ``read_csv``).

The file is cut into physical lines at ``\\r\\n``, ``\\r`` or ``\\n``, exactly where Python's
``csv`` module ends lines when reading text opened with ``newline=""``; the lines are
given to ``csv.reader``, which does the parsing.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from typing import BinaryIO

from imbalance_guard.data.profile import UnreadableData
from imbalance_guard.records import record

_BREAK = re.compile(rb"\r\n|\r|\n")
_BOM = b"\xef\xbb\xbf"
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
CHUNK = 1 << 16


@record(frozen=True)
class Header:
    columns: list[str]
    blank_lines: int  # blank lines before the header
    end: int  # byte offset where the rows start
    terminator: bytes  # the header's own line ending ("" at the end of the file)
    quote_after_bom: bool = False  # a byte-order mark, then a quote: DuckDB finds no rows

    @property
    def has_line_break(self) -> bool:
        return any("\r" in name or "\n" in name for name in self.columns)

    @property
    def first_line(self) -> str:
        """The header's first physical line, as text (for messages)."""
        return re.split("\r\n|\r|\n", self.columns_text, maxsplit=1)[0]

    @property
    def columns_text(self) -> str:
        return ",".join(self.columns)


def read_header(stream: BinaryIO, delimiter: str) -> Header:
    """The header of the file ``stream`` reads; UnreadableData for a file without rows."""
    lengths: list[int] = []
    ends: list[bytes] = []
    firsts: list[bytes] = []

    def text_lines() -> Iterator[str]:
        for number, line in enumerate(_physical_lines(stream)):
            lengths.append(len(line))
            found = _BREAK.search(line, max(0, len(line) - 2))
            ends.append(found.group() if found and found.end() == len(line) else b"")
            if number == 0 and line.startswith(_BOM):
                line = line[len(_BOM) :]
                firsts.append(line[:1])
            yield line.decode("utf-8", "surrogateescape")

    limit = csv.field_size_limit()
    csv.field_size_limit((1 << 31) - 1)  # a header may be as long as it likes
    try:
        reader = csv.reader(text_lines(), delimiter=delimiter, strict=True)
        try:
            columns: list[str] = []
            blank_lines = 0
            while not columns:  # blank lines before the header: DuckDB skips them too
                blank_lines = reader.line_num
                columns = next(reader)
            used = reader.line_num
            _rows_follow(reader, one_column=len(columns) == 1)
        except StopIteration:
            if not lengths:  # a gzip file that holds no byte (a plain one is refused before)
                raise UnreadableData("decompresses to nothing (0 bytes)") from None
            raise UnreadableData("contains only empty lines") from None
        except csv.Error as exc:
            where = f"line {reader.line_num}"
            raise UnreadableData(f"cannot read the header ({where}): {exc}") from None
    finally:
        csv.field_size_limit(limit)
    if _NOT_UTF8.search("".join(columns)):
        raise UnreadableData("the header is not UTF-8 text; save the file as UTF-8")
    quote_after_bom = firsts == [b'"']
    return Header(columns, blank_lines, sum(lengths[:used]), ends[used - 1], quote_after_bom)


def _rows_follow(reader: Iterator[list[str]], one_column: bool) -> None:
    """UnreadableData when nothing but blank lines follows the header. In a file of one
    column a blank line is a row (its label missing), as the count reads it."""
    try:
        while not next(reader) and not one_column:
            pass
    except StopIteration:
        raise UnreadableData("has a header but no rows") from None
    except csv.Error:
        pass  # a bad row: the engine names it


def _physical_lines(stream: BinaryIO) -> Iterator[bytes]:
    """The raw lines of ``stream``, each with its line ending."""
    buffer = bytearray()
    searched = 0
    while True:
        chunk = stream.read(CHUNK)
        buffer += chunk
        start = 0
        for found in _BREAK.finditer(buffer, searched):
            if found.group() == b"\r" and found.end() == len(buffer) and chunk:
                break  # perhaps the first half of a \r\n: read on
            yield bytes(buffer[start : found.end()])
            start = found.end()
        del buffer[:start]
        searched = max(0, len(buffer) - 1)
        if not chunk:
            if buffer:
                yield bytes(buffer)
            return
