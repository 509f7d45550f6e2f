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

import csv
import gzip
import io
import re
from contextlib import contextmanager
from typing import Any

from imbalance_guard import hookimpl
from imbalance_guard.config import Config
from imbalance_guard.data import duck, labels, reading
from imbalance_guard.data.opened import OpenedFile
from imbalance_guard.data.profile import DatasetProfile, UnreadableData
from imbalance_guard.data.progress import Progress
from imbalance_guard.discover import Target

DELIMITERS = {"csv": ",", "tsv": "\t"}
OTHER_DELIMITERS = (",", ";", "\t", "|")
# DuckDB's default longest row (bytes); a file with a longer one is read again with room
# for a row as long as the file, so a field of many megabytes is still valid CSV.
LINE_SIZE = 2_000_000
_NOT_UTF8 = re.compile("[\udc80-\udcff]")


@hookimpl
def ig_read_dataset(target: Target, config: Config) -> DatasetProfile | None:
    if target.format not in DELIMITERS:
        return None
    compressed = target.path.name.lower().endswith(".gz")
    with reading.open_dataset(target, ".gz" if compressed else "") as opened:
        return read(target, config, opened, compressed)


def read(target: Target, config: Config, opened: OpenedFile, compressed: bool) -> DatasetProfile:
    delimiter = DELIMITERS[target.format]
    columns, blank_lines, first_line = _header(opened.engine_path, compressed, delimiter)
    _sniff(columns, first_line, delimiter, target.format)
    choice = reading.choose(target, columns, config)
    if not choice.columns:
        return reading.build_profile(target, columns, choice)
    # Positional names: a header may repeat a name, or hold any character at all.
    index = {name: columns.index(name) for name in choice.columns}
    types = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(columns)))
    options = (
        f"header = true, auto_detect = false, columns = {{{types}}}, strict_mode = true, "
        f"delim = {duck.literal(delimiter)}, quote = '\"', escape = '\"', "
        f"compression = '{'gzip' if compressed else 'none'}', skip = {blank_lines}"
    )
    wanted = [(f"c{index[name]}", "text") for name in choice.columns]
    con = duck.connect()
    try:
        with Progress(target.display, opened.size) as progress:
            line_size = LINE_SIZE
            while True:
                relation = f"read_csv(?, {options}, max_line_size = {line_size})"
                try:
                    profiles, notes, any_row = duck.count_columns(
                        con,
                        relation,
                        [opened.engine_path],
                        wanted,
                        labels.max_classes(config),
                        progress,
                        opened.size,
                    )
                    break
                except Exception as exc:
                    if "Maximum line size" not in str(exc) or line_size > opened.size:
                        raise
                    line_size = max(opened.size + 1, line_size)
    finally:
        con.close()
    if not any_row:
        raise UnreadableData("has a header but no rows")
    names = {f"c{i}": name for name, i in index.items()}
    profiles = [_renamed(p, names[p.column]) for p in profiles]
    notes = [_named(note, names) for note in notes]
    return reading.build_profile(target, columns, choice, profiles, notes)


def _renamed(profile: Any, name: str) -> Any:
    from dataclasses import replace

    return replace(profile, column=name)


def _named(note: str, names: dict[str, str]) -> str:
    for positional, name in names.items():
        note = note.replace(f"`{positional}`", f"`{name}`", 1)
    return note


@contextmanager
def _text(path: str, compressed: bool):
    raw = gzip.open(path, "rb") if compressed else open(path, "rb")  # noqa: SIM115
    # surrogateescape: bytes that are not UTF-8 past the header are the engine's to report
    with raw, io.TextIOWrapper(raw, "utf-8-sig", "surrogateescape", newline="") as text:
        yield text


def _header(path: str, compressed: bool, delimiter: str) -> tuple[list[str], int, str]:
    """The column names, the blank lines before them, and the header's first line."""
    limit = csv.field_size_limit()
    csv.field_size_limit((1 << 31) - 1)  # a header may be as long as it likes
    try:
        with _text(path, compressed) as text:
            reader = csv.reader(text, delimiter=delimiter, strict=True)
            try:
                columns: list[str] = []
                while not columns:  # blank lines before the header: DuckDB skips them too
                    blank_lines = reader.line_num
                    columns = next(reader)
                _rows_follow(reader)
            except StopIteration:
                raise UnreadableData("contains only empty lines") from None
            except csv.Error as exc:
                raise UnreadableData(
                    f"cannot read the header (line {reader.line_num}): {exc}"
                ) from None
    finally:
        csv.field_size_limit(limit)
    header = delimiter.join(columns)
    if _NOT_UTF8.search(header):
        raise UnreadableData("the header is not UTF-8 text; save the file as UTF-8")
    return columns, blank_lines, header.splitlines()[0] if header else header


def _rows_follow(reader: Any) -> None:
    """UnreadableData when nothing but blank lines follows the header."""
    try:
        while not next(reader):
            pass
    except StopIteration:
        raise UnreadableData("has a header but no rows") from None
    except csv.Error:
        pass  # a bad row: the engine names it


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
