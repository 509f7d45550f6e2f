"""Reader plugin for CSV and TSV files (also gzip-compressed), counted by DuckDB.

DuckDB's CSV reader splits the file across every core, follows quoted line breaks, and in
its strict mode refuses what is not CSV: a row with more or fewer fields than the header,
an unterminated quote, bytes that are not UTF-8. Every row is counted, and only the label
columns are aggregated. DuckDB is not the judge of a file it refuses, on every core and then
on one: Python's ``csv`` module, the reference, reads it, and counts it or names the line
that is not CSV (IG001). DuckDB 2.0 refuses valid files, such as one whose rows end in more
than one way; bytes that are not UTF-8, which the byte check finds, are the one refusal
left to DuckDB's word.

The dialect is fixed, never sniffed: the delimiter of the extension, ``"`` as the quote and
doubled ``""`` inside quotes, CRLF, LF or CR line endings, a UTF-8 byte-order mark allowed.
Every column is read as text, so a class is the field's text after unquoting: ``1`` and
``1.0`` are two classes, as Python's ``csv`` module reads them. A field that is empty or
one of the missing-value spellings (``classes.NULL_TEXT``) is a missing label.

The header row is read with Python's ``csv`` module (the first non-blank record), so the
column names are exact whatever they hold: line breaks, delimiters, quotes, any length.
A file where a quote may be separated by spaces from a field's boundary, which DuckDB 2.0
trims and Python's ``csv`` module does not, is counted by the latter (``csv_reference``).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from typing import Any

from imbalance_guard import hookimpl
from imbalance_guard.config import Config
from imbalance_guard.data import duck, labels, reading
from imbalance_guard.data.csv_checks import (
    ByteCheck,
    check_last_row,
    check_whole_file,
    last_record,
    long_row_on_a_boundary,
    scan_tail,
)
from imbalance_guard.data.csv_header import Header, read_header
from imbalance_guard.data.csv_reference import count_labels
from imbalance_guard.data.opened import OpenedFile
from imbalance_guard.data.pipe_source import Source, direct, piped, raw
from imbalance_guard.data.profile import DatasetProfile, UnreadableData
from imbalance_guard.data.progress import Progress
from imbalance_guard.discover import Target
from imbalance_guard.records import record

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
    with raw(opened.engine_path, compressed) as stream:
        header = read_header(stream, delimiter)
    columns = header.columns
    _sniff(columns, header.first_line, delimiter, target.format)
    choice = reading.choose(target, columns, config)
    if not choice.columns:
        return reading.build_profile(target, columns, choice)
    # Positional names: a header may repeat a name, or hold any character at all.
    index = {name: columns.index(name) for name in choice.columns}
    wanted = [f"c{index[name]}" for name in choice.columns]
    with Progress(target.display, opened.size) as progress:
        counted = count_rows(
            opened, header, compressed, delimiter, wanted, labels.max_classes(config), progress
        )
    if not counted.rows:
        raise UnreadableData("has a header but no rows")
    names = {f"c{i}": name for name, i in index.items()}
    profiles = [_renamed(p, names[p.column]) for p in counted.profiles]
    notes = [_named(note, names) for note in counted.notes]
    return reading.build_profile(target, columns, choice, profiles, notes)


@record(frozen=True)
class Counted:
    """A CSV file counted: its label profiles, the notes on columns that are no class
    labels, its rows, and how DuckDB reads those rows as Python's csv module does."""

    profiles: list[Any]
    notes: list[str]
    rows: int
    # "parallel": on every core; "one core": DuckDB's sequential reader; "": DuckDB does
    # not read the file right (it refuses it, loses rows or trims spaces), Python's csv
    # module does
    reader: str


def count_rows(
    opened: OpenedFile,
    header: Header,
    compressed: bool,
    delimiter: str,
    wanted: Sequence[str],
    max_classes: int,
    progress: Progress,
) -> Counted:
    """Count the rows of a CSV file and the classes of its ``wanted`` columns (``c0``,
    ``c1`` …, as :func:`dialect` names them), with every check the count makes.

    :raises UnreadableData: the file is not CSV (the line named), or is not UTF-8.
    """
    options, source = dialect(opened, header, compressed, delimiter)
    wide, _ = dialect(opened, header, compressed, delimiter, extra=1)
    con = duck.connect()
    try:
        return _count(
            con,
            (options, wide),
            source,
            opened,
            compressed,
            delimiter,
            len(header.columns),
            header.end,
            [(name, "text") for name in wanted],
            max_classes,
            progress,
            _shift(header, delimiter),
            header.terminator == b"\r\n",
        )
    finally:
        con.close()


def dialect(
    opened: OpenedFile, header: Header, compressed: bool, delimiter: str, extra: int = 0
) -> tuple[str, Source]:
    """DuckDB's ``read_csv`` options for the file (every column text, named ``c0``, ``c1``
    …, the rows after ``header``; ``extra`` more columns than the header has) and where
    DuckDB reads it from: how every check that reads the rows of a CSV file reads them."""
    options = csv_options(len(header.columns) + extra, delimiter)
    stand_in = _stand_in(header, delimiter)
    if stand_in is not None:
        return options, piped(opened, compressed, stand_in, header.end)
    compression = "gzip" if compressed else "none"
    return options + f", compression = '{compression}'", direct(opened)


def csv_options(columns: int, delimiter: str) -> str:
    """DuckDB's ``read_csv`` options for ``columns`` columns of text, named ``c0``, ``c1`` …,
    after a header line: the dialect, strict, and no compression."""
    types = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(columns))
    return (
        f"header = true, auto_detect = false, columns = {{{types}}}, strict_mode = true, "
        f"delim = {duck.literal(delimiter)}, quote = '\"', escape = '\"'"
    )


def _stand_in(header: Header, delimiter: str) -> bytes | None:
    """The header line DuckDB reads instead of the file's, or None: it reads the file's."""
    if header.has_line_break or header.blank_lines or header.quote_after_bom:
        # DuckDB takes the first line break it meets, even a quoted one, for the file's
        # line ending, and finds no rows, without an error, after a byte-order mark and a
        # quote (DuckDB 2.0); its count of lines to skip disagrees with Python's csv around
        # a byte-order mark. So such a file reaches it through a pipe: a stand-in header
        # line with the real line ending, then the rows.
        return delimiter.join(["x"] * len(header.columns)).encode() + header.terminator
    return None


def _shift(header: Header, delimiter: str) -> int:
    """The file's offset minus DuckDB's for the same byte (nonzero through the pipe)."""
    stand_in = _stand_in(header, delimiter)
    return 0 if stand_in is None else header.end - len(stand_in)


def _count(con, options, source, opened, compressed, delimiter, columns, rows_start, wanted,
           max_classes, progress, shift=0, crlf=False):  # fmt: skip
    """Count on every core; after a DuckDB error, read again on one core (with room for a
    longer row if one is longer than ``LINE_SIZE``), and if DuckDB refuses the file there
    too, Python's csv module, the reference, counts it or names the line that is not CSV.
    The reference also reads the whole file when the sequential reader accepted what the
    parallel one refused (it silently drops rows after a quote the file's end leaves open,
    or text after a closing quote), when the quotes are odd or a row may end in an extra
    empty field; and it counts instead of DuckDB when a quote may be beside spaces
    (``spaced``), and when the two readers of a CRLF file with quotes disagree."""
    options, wide = options
    line_size, parallel = LINE_SIZE, True
    window = 8 * LINE_SIZE
    engine = opened.engine_path
    tail, trailing, spaced = scan_tail(engine, compressed, window, delimiter)
    last = last_record(tail, window)
    checked = ByteCheck(opened.fd, compressed, rows_start, delimiter)
    last_row = window if last is None else len(last)
    if last_row >= LINE_SIZE:
        # DuckDB silently drops a last row longer than its read buffer (16 times the
        # line size; DuckDB 2.0, parallel or not) instead of failing on the line size:
        # give it room up front.
        room = opened.size + 1 if last_row >= 8 * LINE_SIZE else 2 * last_row
        line_size = min(MAX_LINE_SIZE, room)
    if not compressed and long_row_on_a_boundary(opened.fd, opened.size, line_size, shift):
        # DuckDB drops a row longer than the line size that ends at a multiple of it,
        # without an error: room for every row instead.
        line_size = min(MAX_LINE_SIZE, opened.size + 1)
    refused = False  # the parallel reader refused the file

    def reference() -> Counted:
        # A quote beside spaces (ByteCheck.spaced): DuckDB 2.0 trims the spaces, Python's
        # csv module keeps them (` "1"` is a class of its own) or refuses the row.
        indices = [int(name[1:]) for name, _ in wanted]
        found = count_labels(engine, compressed, delimiter, columns, indices, max_classes)
        return Counted(*found, reader="")

    if spaced:
        # Known before any count for a gzip file (scan_tail decompressed it): whatever
        # DuckDB counted or refused, the reference would decide, so DuckDB does not read it.
        return reference()

    while True:
        buffer = ""
        if BUFFER_SIZE:  # the tests' small buffer; DuckDB's own ratio for longer rows
            size = BUFFER_SIZE if line_size < BUFFER_SIZE else 16 * line_size
            buffer = f", buffer_size = {size}"
        sizes = f"max_line_size = {line_size}{buffer}"
        # Without the byte check (gzip), every other column is read as well: DuckDB checks
        # that a field is UTF-8 only when it reads it.
        others = [f"c{i}" for i in range(columns) if (f"c{i}", "text") not in wanted]
        if checked.checks_text:
            others = []

        def count(
            parallel: bool, line_size: int = line_size, sizes: str = sizes, others=others
        ) -> tuple[list[Any], list[str], int]:
            memory = nullcontext() if parallel else duck.one_core_memory(con, line_size)
            with memory, source() as path:
                relation = f"read_csv(?, {options}, {sizes}, parallel = {str(parallel).lower()})"
                return duck.count_columns(
                    con, relation, [path], wanted, max_classes, progress, opened.size, others
                )

        try:
            counted = count(parallel)
            # What DuckDB accepted and should not have (csv_checks): after its own errors,
            # which name the row.
            if last is not None:
                try:
                    check_last_row(last, delimiter, columns)
                except UnreadableData:
                    # Python's csv module decides, and names the first bad row: a literal
                    # quote in an unquoted value (`a"b`) can mislead the search for the
                    # last row, so a valid file must not be refused on its word alone.
                    check_whole_file(opened.engine_path, compressed, delimiter, columns)
            odd_quotes = checked.verdict(opened.fd)
            if checked.spaced:  # (a spaced tail returned before any count)
                return reference()
            trailing = trailing or checked.trailing
            extra = trailing and _extra_fields(con, wide, sizes, line_size, source, columns)
            if odd_quotes or refused or extra:
                rows = check_whole_file(opened.engine_path, compressed, delimiter, columns)
                if rows != counted[2]:
                    # The engine lost or added rows without an error; the reference has
                    # just read the whole file and found it valid: its count stands. DuckDB
                    # 2.0 drops a row longer than its line size that ends at a multiple of
                    # it, in a gzip file (a plain file is searched for such a row before the
                    # count, long_row_on_a_boundary).
                    return reference()
            if parallel and crlf and checked.quotes:
                # DuckDB 2.0's parallel reader loses rows of a \r\n file, without an error,
                # where a quoted cell holding a lone \n or \r (a spreadsheet's line break in a
                # cell) meets the boundary of a core's share, even in a file of 500 bytes.
                # The sequential reader does not: it counts too, and where the two differ
                # the reference decides. Only where the rows hold a quote (counted by the
                # byte check; none for a gzip file, which check_whole_file reads whole).
                try:
                    again = count(parallel=False)
                except Exception as exc:
                    if not duck.is_engine_error(exc):
                        raise
                    return reference()
                if again != counted:
                    return reference()
                parallel = False  # the reader to trust with this file's rows
            return Counted(*counted, reader="parallel" if parallel else "one core")
        except Exception as exc:
            if not duck.is_engine_error(exc):
                raise
            if "Maximum line size" in str(exc) and line_size < MAX_LINE_SIZE:
                # a gzip file's line may be longer than the compressed file
                line_size = min(max(opened.size + 1, 8 * line_size), MAX_LINE_SIZE)
            elif parallel:
                # DuckDB's parallel reader can refuse a valid file whose quoted line breaks
                # fall on its buffer boundaries; the sequential reader decides.
                parallel, refused = False, True
            else:
                checked.finish()
                if checked.bad_byte is None:
                    # DuckDB refused the file on one core too. It is not the judge: Python's
                    # csv module, the reference, counts the file or names the line that is
                    # not CSV. DuckDB 2.0 refuses valid files: rows that end in more than one
                    # way (\n and \r\n, files joined from several systems) and quotes it
                    # read with spaces trimmed (``spaced``).
                    return reference()
                raise


def _extra_fields(
    con: Any, wide: str, sizes: str, line_size: int, source: Source, columns: int
) -> bool:
    """Whether a row may hold more fields than the header, the extra ones empty: DuckDB's
    strict mode reads ``1,a,`` under a two-column header as ``1,a`` (DuckDB 2.0). Asked
    only when a delimiter is followed by a line break somewhere (``ByteCheck``): DuckDB
    reads the file with one more column, padding short rows with NULL and reading empty
    fields as text, so a row that has the extra field is one whose last column is not NULL.
    True as well when DuckDB cannot tell: Python's csv module then decides."""
    column = duck.quote(f"c{columns}")  # the one past the header's
    for parallel in ("true", "false"):  # padding and quoted line breaks: one core only
        relation = (
            f"read_csv(?, {wide}, {sizes}, null_padding = true, "
            f"nullstr = {duck.literal(chr(1))}, parallel = {parallel})"
        )
        memory = duck.one_core_memory(con, line_size) if parallel == "false" else nullcontext()
        try:
            with memory, source() as path:
                found = con.execute(f"SELECT count({column}) FROM {relation}", [path]).fetchone()
            return bool(found and found[0])
        except Exception as exc:
            if not duck.is_engine_error(exc):
                raise
    return True


def _renamed(profile: Any, name: str) -> Any:
    from dataclasses import replace

    return replace(profile, column=name)


def _named(note: str, names: dict[str, str]) -> str:
    for positional, name in names.items():
        note = note.replace(f"`{positional}`", f"`{name}`", 1)
    return note


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
