"""What the CSV reader checks itself, around DuckDB 2.0's silent mistakes.

Each was found by the differential test (``tests/data/test_differential.py``): DuckDB drops
a last row longer than its read buffer, accepts a quote that is never closed, accepts a row
with more fields than the header when the extra ones are empty (a trailing delimiter,
``1,a,``, or an empty quoted field, ``1,a,""``), and checks that a field is UTF-8 only when
it reads that field. None of this parses rows: the file's end is searched for line breaks
and quote characters, the whole file is tested as UTF-8, its quotes counted, its empty last
fields and its spaces beside quotes looked for, and Python's ``csv`` module decides
whenever those raise a doubt.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import os
import threading

from imbalance_guard.data.csv_reference import line_breaks, reference_rows
from imbalance_guard.data.profile import UnreadableData
from imbalance_guard.data.quote_spaces import QuoteSearch

CHUNK_BYTES = 1 << 22  # what the byte check reads at a time
VECTORIZED_FROM = 64 << 20  # file size from which numpy looks for trailing delimiters
# file size from which numpy counts quotes and looks for spaces beside them (a substring
# search for each pattern costs some 4 ms per MB of quoted text, numpy's import 0.1 s)
QUOTES_VECTORIZED_FROM = 16 << 20
#: The bytes of one chunk kept for the next: an empty last field (``,""`` and a line
#: break) may be cut in two where the chunks meet.
SEAM = 3


def last_record(tail: bytes, window: int) -> bytes | None:
    """The file's last row, as bytes, from its last ``window`` bytes; None when it may be
    longer than that. Not a parse: in a valid file a line that begins inside a quoted value
    is followed by an odd number of quote characters (the closing one, then pairs), so the
    last row begins after the last line break with an even number of quotes after it."""
    tail = tail.rstrip(b"\r\n")
    quotes = 0
    end = len(tail)
    while True:
        found = max(tail.rfind(b"\n", 0, end), tail.rfind(b"\r", 0, end))
        if found < 0:
            return tail if len(tail) < window else None
        quotes += tail.count(b'"', found + 1, end)
        if quotes % 2 == 0:
            return tail[found + 1 :]
        end = found


class ByteCheck:
    """What DuckDB does not check when it reads only the label columns, done on a thread
    while it reads: that every byte of the file is UTF-8 (DuckDB checks a field only when it
    reads it), and whether the file holds an odd number of quote characters. DuckDB 2.0
    accepts a quote that is never closed: it reads the rest of the file as one value. Every
    quote of a valid file is half of a pair (an opening and a closing one, or a doubled quote
    inside a value), unless a value that is not quoted holds one; so only a file with an odd
    count can be such a file, and only that file is read by Python's csv module
    (``check_whole_file``) to decide. Not done for a gzip file, whose every column DuckDB
    reads instead.

    It also notes whether a row may end in an empty field after the header (a delimiter
    followed by a line break, or by ``""`` and a line break, or ending the file): DuckDB's
    strict mode drops such a field, and only then can a row have one field too many without
    an error (``trailing``; the reader then has DuckDB count such rows).

    And whether a quote may be separated by spaces from a field's boundary (``spaced``,
    ``quote_spaces``; in the header too), looked for only in chunks that hold a quote:
    DuckDB 2.0 trims such spaces where Python's csv module keeps them, so the reader then
    counts with the latter.
    """

    def __init__(self, fd: int, compressed: bool, rows_start: int = 0, delimiter: str = ","):
        self.quotes = 0
        self.trailing = False
        self.spaced = False
        self.bad_byte: int | None = None
        self.thread = None
        if not compressed:
            args = (fd, rows_start, delimiter.encode())
            self.thread = threading.Thread(target=self._run, args=args, daemon=True)
            self.thread.start()

    def _run(self, fd: int, rows_start: int, delimiter: bytes) -> None:
        decoder = codecs.getincrementaldecoder("utf-8")()
        offset = 0
        before = b""  # the last bytes read of the rows: an empty last field may straddle
        size = os.fstat(fd).st_size
        vectorized = size >= VECTORIZED_FROM
        quotes = QuoteSearch(delimiter, size >= QUOTES_VECTORIZED_FROM)
        try:
            while chunk := os.pread(fd, CHUNK_BYTES, offset):
                quoted = b'"' in chunk  # memchr: a file without quotes costs nothing here
                if quoted:
                    # the header's quotes are Python's csv module's to judge (csv_header)
                    self.quotes += count_quotes(chunk, max(0, rows_start - offset), quotes)
                if not self.spaced:  # the header's bytes too: DuckDB skips it otherwise
                    bom = offset == 0 and chunk.startswith(codecs.BOM_UTF8)
                    self.spaced = quotes.feed(chunk[3:] if bom else chunk)
                if offset + len(chunk) > rows_start:
                    rows = chunk if offset >= rows_start else chunk[rows_start - offset :]
                    if not self.trailing:
                        straddles = ends_in_empty_field(before + rows[:SEAM], delimiter)
                        inside = ends_in_empty_field(rows, delimiter, vectorized)
                        self.trailing = straddles or inside
                    before = (before + rows[-SEAM:])[-SEAM:]
                pending = len(decoder.getstate()[0])  # bytes of a character cut in two
                if not pending and chunk.isascii():  # ASCII is UTF-8, and checked fast
                    offset += len(chunk)
                    continue
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    self.bad_byte = offset - pending + exc.start
                    return
                offset += len(chunk)
            pending = len(decoder.getstate()[0])
            if pending:
                self.bad_byte = offset - pending
            if ends_the_file_empty(before, delimiter):
                self.trailing = True
            self.spaced = quotes.end()
        except OSError:
            return  # the file was closed: the read failed, this check is moot

    def finish(self) -> None:
        """Wait for the thread's findings, without judging them (``verdict`` does)."""
        if self.thread is not None:
            self.thread.join()

    @property
    def checks_text(self) -> bool:
        return self.thread is not None

    def verdict(self, fd: int) -> bool:
        """UnreadableData for bytes that are not UTF-8; whether the quotes are odd (then
        ``trailing`` is known too)."""
        if self.thread is None:
            return True
        self.finish()
        if self.bad_byte is not None:
            line, offset, last = 1, 0, b""
            while offset < self.bad_byte:
                chunk = os.pread(fd, min(1 << 22, self.bad_byte - offset), offset)
                if not chunk:
                    break
                line += line_breaks(chunk, last)
                offset, last = offset + len(chunk), chunk[-1:]
            raise UnreadableData(
                f"bytes that are not UTF-8 text at byte {self.bad_byte} (line {line}); "
                "save the file as UTF-8"
            )
        return self.quotes % 2 == 1


def count_quotes(chunk: bytes, start: int, search: QuoteSearch) -> int:
    """The quote characters of ``chunk`` from ``start`` on; counted by numpy when ``search``
    is (0.1 ms per 4 MB of quoted text, where ``bytes.count`` takes 1.6 ms)."""
    if not search.vectorized or len(chunk) - start < 1 << 16:
        return chunk.count(b'"', start)
    import numpy as np

    return int(np.count_nonzero(np.frombuffer(chunk, np.uint8, offset=start) == 0x22))


def ends_in_empty_field(data: bytes, delimiter: bytes, vectorized: bool = False) -> bool:
    """Whether a row of ``data`` may end in an empty field that DuckDB's strict mode drops:
    a delimiter before a line break (``1,a,``), or an empty quoted field after a delimiter
    before a line break (``1,a,""``). Inside a quoted value the same bytes are a false
    alarm, which costs the reader one more DuckDB pass, never a wrong count."""
    return ends_in_delimiter(data, delimiter, vectorized) or empty_quoted_last(
        data, delimiter, vectorized
    )


def ends_the_file_empty(tail: bytes, delimiter: bytes) -> bool:
    """Whether the file whose last bytes are ``tail`` ends in an empty field."""
    return tail.endswith(delimiter) or tail.endswith(delimiter + b'""')


def empty_quoted_last(data: bytes, delimiter: bytes, vectorized: bool = False) -> bool:
    """Whether ``data`` holds a delimiter, ``""`` and a line break (``1,a,""``)."""
    if b'"' not in data:  # memchr: a chunk without quotes costs nothing here
        return False
    breaks = (b"\n", b"\r") if b"\r" in data else (b"\n",)
    if not vectorized or len(data) < 4:
        for brk in breaks:
            needle = b'""' + brk
            at = data.find(needle, 1)
            while at != -1:
                if data[at - 1 : at] == delimiter:  # not the end of an escaped quote
                    return True
                at = data.find(needle, at + 1)
        return False
    # numpy, as in ends_in_delimiter: the quotes before a line break (a 16-bit word
    # compare at even and odd offsets), then the two bytes before each: 0.9 ms per 4 MB of
    # quoted text, where the substring searches above take 6.6 ms.
    import numpy as np

    raw = np.frombuffer(data, np.uint8)
    even = np.frombuffer(data, "<u2", count=len(data) // 2)
    odd = np.frombuffer(data, "<u2", count=(len(data) - 1) // 2, offset=1)
    for brk in breaks:
        pair = int.from_bytes(b'"' + brk, "little")
        closing = np.concatenate(
            (np.flatnonzero(even == pair) * 2, np.flatnonzero(odd == pair) * 2 + 1)
        )
        closing = closing[closing >= 2]
        if np.any((raw[closing - 1] == 0x22) & (raw[closing - 2] == delimiter[0])):
            return True
    return False


def ends_in_delimiter(data: bytes, delimiter: bytes, vectorized: bool = False) -> bool:
    """Whether ``data`` holds a delimiter followed by a line break. The search for ``\r``
    is done only when the data holds one (memchr: ``\n`` endings pay nothing for it).
    ``vectorized``: with numpy, which compares every pair of adjacent bytes with the
    two-byte needle as 16-bit words, at even and at odd offsets; about twelve times faster
    than a substring search where delimiters are frequent (worth its import for a large
    file only)."""
    breaks = (b"\n", b"\r") if b"\r" in data else (b"\n",)
    if not vectorized or len(data) < 3:
        return any(delimiter + brk in data for brk in breaks)
    import numpy as np

    even = np.frombuffer(data, "<u2", count=len(data) // 2)
    odd = np.frombuffer(data, "<u2", count=(len(data) - 1) // 2, offset=1)
    for brk in breaks:
        needle = int.from_bytes(delimiter + brk, "little")
        if bool((even == needle).any()) or bool((odd == needle).any()):
            return True
    return False


def check_whole_file(path: str, compressed: bool, delimiter: str, columns: int = 0) -> int:
    """The number of rows after the header as Python's csv module reads them, the reference;
    UnreadableData naming the line when it refuses the file: a quote never closed, a row
    with another number of fields than the header (``columns`` given), any other CSV error.
    Whatever DuckDB made of the file: its sequential reader accepted a quoted value then
    text (`"0,0` on one line, `"a,b"` two lines below) and dropped every row after it,
    without an error."""
    rows = 0
    for _ in reference_rows(path, compressed, delimiter, columns, bad_bytes="surrogateescape"):
        rows += 1
    return rows


def check_last_row(row: bytes, delimiter: str, columns: int) -> None:
    """UnreadableData when the last row ends inside a quoted value or has another number of
    fields than the header: DuckDB 2.0 accepts an unterminated quote, and drops an empty
    last field, when no line break follows. Python's csv module decides; if the file were
    valid, ``row`` would be exactly its last row (see ``last_record``)."""
    text = row.decode("utf-8", "replace")
    limit = csv.field_size_limit()
    csv.field_size_limit((1 << 31) - 1)  # a value may be as long as it likes
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise UnreadableData(f"the last row is not valid CSV: {exc}") from None
    finally:
        csv.field_size_limit(limit)
    fields = [len(record) for record in records if record]
    if fields and fields[-1] != columns:
        raise UnreadableData(f"the last row has {fields[-1]} fields, the header {columns}")


def long_row_on_a_boundary(fd: int, size: int, line_size: int, shift: int = 0) -> bool:
    """Whether a row longer than ``line_size`` may end where DuckDB's reader cuts the file:
    at a multiple of the line size (DuckDB's offsets are the file's minus ``shift``). DuckDB
    2.0's parallel reader drops such a row without an error, where a longer row elsewhere
    fails on the line size (found with small buffers; at DuckDB's own sizes a row over 2 MB
    ending at a multiple of 2 MB). Not a parse: a line break within two bytes of a cut is
    looked for, and only then the row that it ends (``last_record``, the same quote parity
    as for the last row), first in the 64 KiB before it, then in a line size."""
    cut = line_size + shift
    while cut - 2 < size:
        near = os.pread(fd, 5, max(0, cut - 2))
        found = [i for i, byte in enumerate(near) if byte in b"\r\n"]
        if found:
            end = max(0, cut - 2) + found[0]
            for window in (min(1 << 16, line_size), line_size + 8):
                start = max(0, end - window)
                row = last_record(os.pread(fd, end - start, start), window)
                if row is not None:
                    break
            if row is None or len(row) + 4 >= line_size:
                return True
        cut += line_size
    return False


def tail_of(path: str, compressed: bool, window: int) -> bytes:
    """The file's last ``window`` bytes (decompressed for a gzip file)."""
    return scan_tail(path, compressed, window, "")[0]


def scan_tail(path: str, compressed: bool, window: int, delimiter: str) -> tuple[bytes, bool, bool]:
    """The file's last ``window`` bytes (decompressed for a gzip file), and, for a gzip file
    (read whole for its tail, so at no extra cost), whether a row may end in an empty field
    (``ends_in_empty_field``, or at the end of the file), and whether a quote may be
    separated by spaces from a field's boundary (``ByteCheck.trailing`` and
    ``ByteCheck.spaced`` for a plain file, both False here)."""
    if not compressed:
        with open(path, "rb") as handle:
            end = handle.seek(0, 2)
            handle.seek(max(0, end - window))
            return handle.read(), False, False
    kept = b""
    wanted = delimiter.encode()
    trailing = False
    # compressed size: CSV text compresses about four times
    quotes = QuoteSearch(wanted, os.path.getsize(path) >= QUOTES_VECTORIZED_FROM // 4)
    with gzip.open(path, "rb") as stream:
        first = True
        while chunk := stream.read(1 << 20):
            if wanted and not trailing:
                seam = kept[-SEAM:] + chunk[:SEAM]
                trailing = ends_in_empty_field(seam, wanted) or ends_in_empty_field(chunk, wanted)
            if wanted:
                bom = first and chunk.startswith(codecs.BOM_UTF8)
                quotes.feed(chunk[3:] if bom else chunk)
            first = False
            kept = (kept + chunk)[-window:]
    if wanted and ends_the_file_empty(kept, wanted):
        trailing = True
    return kept, trailing, bool(wanted) and quotes.end()
