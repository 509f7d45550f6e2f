"""Reader plugin for CSV and TSV files (also gzip-compressed), counted by DuckDB.

DuckDB's CSV reader splits the file across every core, follows quoted line breaks, and in
its strict mode refuses what is not CSV: a row with more or fewer fields than the header,
an unterminated quote, bytes that are not UTF-8. Its error names the row, and becomes IG001.
Every row is counted, and only the label columns are aggregated.

The dialect is fixed, never sniffed: the delimiter of the extension, ``"`` as the quote and
doubled ``""`` inside quotes, CRLF, LF or CR line endings, a UTF-8 byte-order mark allowed.
Every column is read as text, so a class is the field's text after unquoting: ``1`` and
``1.0`` are two classes, as Python's ``csv`` module reads them. A field that is empty or
one of the missing-value spellings (``classes.NULL_TEXT``) is a missing label.

The header row is read with Python's ``csv`` module (the first non-blank record), so the
column names are exact whatever they hold: line breaks, delimiters, quotes, any length.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any, BinaryIO

from imbalance_guard import hookimpl
from imbalance_guard.config import Config
from imbalance_guard.data import duck, labels, reading
from imbalance_guard.data.csv_header import read_header
from imbalance_guard.data.opened import OpenedFile
from imbalance_guard.data.profile import DatasetProfile, UnreadableData
from imbalance_guard.data.progress import Progress
from imbalance_guard.discover import Target

DELIMITERS = {"csv": ",", "tsv": "\t"}
OTHER_DELIMITERS = (",", ";", "\t", "|")
# DuckDB's default longest row (bytes); a file with a longer one is read again with room
# for a row as long as the file, so a field of many megabytes is still valid CSV.
LINE_SIZE = 2_000_000
# The longest row tried (bytes): DuckDB allocates buffers in proportion.
MAX_LINE_SIZE = 1 << 30
# DuckDB's read buffer in bytes; None: its default. The tests shrink it so that small files
# cross many buffer boundaries.
BUFFER_SIZE: int | None = None


@hookimpl
def ig_read_dataset(target: Target, config: Config) -> DatasetProfile | None:
    if target.format not in DELIMITERS:
        return None
    compressed = target.path.name.lower().endswith(".gz")
    with reading.open_dataset(target, ".gz" if compressed else "") as opened:
        return read(target, config, opened, compressed)


def read(target: Target, config: Config, opened: OpenedFile, compressed: bool) -> DatasetProfile:
    delimiter = DELIMITERS[target.format]
    with _raw(opened.engine_path, compressed) as stream:
        header = read_header(stream, delimiter)
    columns = header.columns
    _sniff(columns, header.first_line, delimiter, target.format)
    choice = reading.choose(target, columns, config)
    if not choice.columns:
        return reading.build_profile(target, columns, choice)
    # Positional names: a header may repeat a name, or hold any character at all.
    index = {name: columns.index(name) for name in choice.columns}
    types = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(columns)))
    options = (
        f"header = true, auto_detect = false, columns = {{{types}}}, strict_mode = true, "
        f"delim = {duck.literal(delimiter)}, quote = '\"', escape = '\"'"
    )
    if header.has_line_break or header.blank_lines:
        # DuckDB takes the first line break it meets, even a quoted one, for the file's
        # line ending, and then silently finds no rows (DuckDB 2.0); its count of lines to
        # skip disagrees with Python's csv around a byte-order mark. So such a file reaches
        # it through a pipe: a stand-in header line with the real line ending, then the
        # rows.
        stand_in = delimiter.join(["x"] * len(columns)).encode() + header.terminator
        source = _piped(opened, compressed, stand_in, header.end)
    else:
        compression = "gzip" if compressed else "none"
        options += f", compression = '{compression}'"
        source = _direct(opened)
    wanted = [(f"c{index[name]}", "text") for name in choice.columns]
    con = duck.connect()
    try:
        with Progress(target.display, opened.size) as progress:
            profiles, notes, any_row = _count(
                con, options, source, opened, compressed, delimiter, len(columns), wanted,
                labels.max_classes(config), progress,
            )
    finally:
        con.close()
    if not any_row:
        raise UnreadableData("has a header but no rows")
    names = {f"c{i}": name for name, i in index.items()}
    profiles = [_renamed(p, names[p.column]) for p in profiles]
    notes = [_named(note, names) for note in notes]
    return reading.build_profile(target, columns, choice, profiles, notes)


def _direct(opened: OpenedFile):
    @contextmanager
    def source() -> Iterator[str]:
        yield opened.engine_path

    return source


def _piped(opened: OpenedFile, compressed: bool, first: bytes, start: int):
    """A source that is a pipe: ``first``, then the file's (decompressed) bytes from
    ``start`` on, written by a thread (a kernel copy for a plain file)."""

    @contextmanager
    def source() -> Iterator[str]:
        read_end, write_end = os.pipe()

        def feed() -> None:
            try:
                with suppress(BrokenPipeError):  # the engine stopped reading: an error
                    os.write(write_end, first)
                    if compressed:
                        with gzip.open(opened.engine_path, "rb") as stream:
                            stream.seek(start)
                            while chunk := stream.read(1 << 20):
                                os.write(write_end, chunk)
                    else:
                        _copy(opened.fd, write_end, start)
            finally:
                os.close(write_end)

        thread = threading.Thread(target=feed, daemon=True)
        thread.start()
        try:
            proc = f"/proc/self/fd/{read_end}"
            yield proc if os.path.exists(proc) else f"/dev/fd/{read_end}"
        finally:
            os.close(read_end)  # the writer, if still writing, gets EPIPE and stops
            thread.join()

    return source


def _copy(fd: int, out: int, offset: int) -> None:
    """The file from ``offset`` on into the pipe ``out``."""
    if hasattr(os, "sendfile"):
        with suppress(OSError):  # some systems cannot send a file to a pipe
            while sent := os.sendfile(out, fd, offset, 1 << 24):
                offset += sent
            return
    while chunk := os.pread(fd, 1 << 20, offset):
        os.write(out, chunk)
        offset += len(chunk)


def _count(con, options, source, opened, compressed, delimiter, columns, wanted, max_classes,
           progress):  # fmt: skip
    """Count on every core; read again on one core after any error, and with room for a
    longer row if one is longer than ``LINE_SIZE``: the error that stands is the
    sequential reader's, the reference."""
    line_size, parallel = LINE_SIZE, True
    window = 8 * LINE_SIZE
    last = _last_record(_tail(opened.engine_path, compressed, window), window)
    if last is not None:
        _check_last_row(last, delimiter)
    checked = _ByteCheck(opened.fd, compressed)
    last_row = window if last is None else len(last)
    if last_row >= LINE_SIZE:
        # DuckDB silently drops a last row longer than its read buffer (16 times the
        # line size; DuckDB 2.0, parallel or not) instead of failing on the line size:
        # give it room up front.
        room = opened.size + 1 if last_row >= 8 * LINE_SIZE else 2 * last_row
        line_size = min(MAX_LINE_SIZE, room)
    while True:
        buffer = ""
        if BUFFER_SIZE:  # the tests' small buffer; DuckDB's own ratio for longer rows
            size = BUFFER_SIZE if line_size < BUFFER_SIZE else 16 * line_size
            buffer = f", buffer_size = {size}"
        try:
            with source() as path:
                relation = (
                    f"read_csv(?, {options}, max_line_size = {line_size}{buffer}, "
                    f"parallel = {str(parallel).lower()})"
                )
                # Without the byte check (gzip), every other column is read as well: DuckDB
                # checks that a field is UTF-8 only when it reads it.
                others = [f"c{i}" for i in range(columns) if (f"c{i}", "text") not in wanted]
                if checked.checks_text:
                    others = []
                counted = duck.count_columns(
                    con, relation, [path], wanted, max_classes, progress, opened.size, others
                )
            if checked.verdict(opened.fd):
                _check_whole_file(opened.engine_path, compressed, delimiter)
            return counted
        except Exception as exc:
            if not duck.is_engine_error(exc):
                raise
            if "Maximum line size" in str(exc) and line_size < MAX_LINE_SIZE:
                # a gzip file's line may be longer than the compressed file
                line_size = min(max(opened.size + 1, 8 * line_size), MAX_LINE_SIZE)
            elif parallel:
                # DuckDB's parallel reader can refuse a valid file whose quoted line breaks
                # fall on its buffer boundaries; the sequential reader decides.
                parallel = False
            else:
                raise


def _last_record(tail: bytes, window: int) -> bytes | None:
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


class _ByteCheck:
    """What DuckDB does not check when it reads only the label columns, done on a thread
    while it reads: that every byte of the file is UTF-8 (DuckDB checks a field only when it
    reads it), and whether the file holds an odd number of quote characters. DuckDB 2.0
    accepts a quote that is never closed: it reads the rest of the file as one value. Every
    quote of a valid file is half of a pair (an opening and a closing one, or a doubled quote
    inside a value), unless a value that is not quoted holds one; so only a file with an odd
    count can be such a file, and only that file is read by Python's csv module
    (``_check_whole_file``) to decide. Not done for a gzip file, whose every column DuckDB
    reads instead."""

    def __init__(self, fd: int, compressed: bool):
        self.quotes = 0
        self.bad_byte: int | None = None
        self.thread = None
        if not compressed:
            self.thread = threading.Thread(target=self._run, args=(fd,), daemon=True)
            self.thread.start()

    def _run(self, fd: int) -> None:
        decoder = codecs.getincrementaldecoder("utf-8")()
        offset = 0
        try:
            while chunk := os.pread(fd, 1 << 22, offset):
                if b'"' in chunk:  # memchr: a file without quotes costs nothing here
                    self.quotes += chunk.count(b'"')
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
        except OSError:
            return  # the file was closed: the read failed, this check is moot

    @property
    def checks_text(self) -> bool:
        return self.thread is not None

    def verdict(self, fd: int) -> bool:
        """UnreadableData for bytes that are not UTF-8; whether the quotes are odd."""
        if self.thread is None:
            return True
        self.thread.join()
        if self.bad_byte is not None:
            line = 1
            offset = 0
            while offset < self.bad_byte:
                chunk = os.pread(fd, min(1 << 22, self.bad_byte - offset), offset)
                if not chunk:
                    break
                line += chunk.count(b"\n")
                offset += len(chunk)
            raise UnreadableData(
                f"bytes that are not UTF-8 text at byte {self.bad_byte} (line {line}); "
                "save the file as UTF-8"
            )
        return self.quotes % 2 == 1


def _check_whole_file(path: str, compressed: bool, delimiter: str) -> None:
    """UnreadableData when Python's csv module finds a quote never closed."""
    with _raw(path, compressed) as stream:
        text = io.TextIOWrapper(stream, "utf-8", "surrogateescape", newline="")
        reader = csv.reader(text, delimiter=delimiter, strict=True)
        limit = csv.field_size_limit()
        csv.field_size_limit((1 << 31) - 1)
        try:
            for _ in reader:
                pass
        except csv.Error as exc:
            if "unexpected end of data" not in str(exc):
                return  # DuckDB refuses what it must; this check is for the end of the file
            raise UnreadableData(
                f"a quoted value is never closed: the file ends inside it (line "
                f"{reader.line_num}); check the quote that opens it"
            ) from None
        finally:
            csv.field_size_limit(limit)


def _check_last_row(row: bytes, delimiter: str) -> None:
    """UnreadableData when the last row ends inside a quoted value: DuckDB 2.0 accepts an
    unterminated quote when no line break follows it. Python's csv module decides; if the
    file were valid, ``row`` would be exactly its last row (see ``_last_record``)."""
    text = row.decode("utf-8", "replace")
    limit = csv.field_size_limit()
    csv.field_size_limit((1 << 31) - 1)  # a value may be as long as it likes
    try:
        list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise UnreadableData(f"the last row is not valid CSV: {exc}") from None
    finally:
        csv.field_size_limit(limit)


def _tail(path: str, compressed: bool, window: int) -> bytes:
    """The file's last ``window`` bytes (decompressed for a gzip file)."""
    if not compressed:
        with open(path, "rb") as handle:
            end = handle.seek(0, 2)
            handle.seek(max(0, end - window))
            return handle.read()
    kept = b""
    with gzip.open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            kept = (kept + chunk)[-window:]
    return kept


def _renamed(profile: Any, name: str) -> Any:
    from dataclasses import replace

    return replace(profile, column=name)


def _named(note: str, names: dict[str, str]) -> str:
    for positional, name in names.items():
        note = note.replace(f"`{positional}`", f"`{name}`", 1)
    return note


@contextmanager
def _raw(path: str, compressed: bool) -> Iterator[BinaryIO]:
    with gzip.open(path, "rb") if compressed else open(path, "rb") as stream:
        yield stream


def _sniff(columns: list[str], first_line: str, delimiter: str, fmt: str) -> None:
    """A header read as one column that holds another delimiter: the wrong format."""
    if len(columns) != 1:
        return
    for other in OTHER_DELIMITERS:
        if other != delimiter and first_line.count(other) >= 1:
            shown = {"\t": "tab", ",": "','", ";": "';'", "|": "'|'"}
            expected = shown[delimiter]
            raise UnreadableData(
                f"the header has one column, {first_line[:60]!r}, split by {shown[other]} "
                f"rather than {expected}: a {fmt.upper()} file must use {expected} "
                f"(rename the file or re-save it with the right delimiter)"
            )
