"""Class counts of a CSV file by Python's ``csv`` module, the reference, instead of DuckDB.

Only for a file where DuckDB 2.0 may read other values than the reference: a quote that
spaces separate from a field's boundary (``quote_spaces``), which DuckDB trims and Python's
``csv`` module keeps (` "1"` is the class ` "1"`) or refuses (`"a" ,`); a file DuckDB
refused (it refuses valid files too); a gzip file where the two read another number of
rows. Exact and slower,
one core: the same dialect (strict, ``"`` quotes, doubled inside), the same rows (the
header is the first record that is not blank, blank lines are no rows except in a
one-column file, where they are a missing label) and the same classes and missing values
(``classes.NULL_TEXT``) as DuckDB's count, and the same ``max-classes``.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from collections.abc import Iterator, Sequence

from imbalance_guard.data.classes import ClassTally, NotClassLabel
from imbalance_guard.data.pipe_source import raw
from imbalance_guard.data.profile import LabelProfile, UnreadableData

_EVERY = 1 << 16  # rows between two looks at the number of distinct values
_BLOCK = 1 << 20  # bytes read at a time in the search for a byte that is not UTF-8


def reference_rows(
    path: str, compressed: bool, delimiter: str, columns: int, *, bad_bytes: str = "strict"
) -> Iterator[list[str]]:
    """The rows after the header as Python's ``csv`` module reads them: strict, ``"``
    quotes doubled inside, a byte-order mark skipped, any field length. A blank line is no
    row, except in a one-column file, where it is a row with an empty value.

    UnreadableData names the row that has another number of fields than the header
    (``columns``; 0: not checked), the line of a quote the file's end leaves open, of bytes
    that are not UTF-8 (with ``bad_bytes="strict"``) and of any other CSV error."""
    limit = csv.field_size_limit()
    csv.field_size_limit((1 << 31) - 1)  # a value may be as long as it likes
    row = 0
    reader = None
    try:
        with raw(path, compressed) as stream:
            text = io.TextIOWrapper(stream, "utf-8-sig", bad_bytes, newline="")
            reader = csv.reader(text, delimiter=delimiter, strict=True)
            for record in reader:
                if not record:
                    if row == 0 or columns != 1:
                        continue  # blank lines before the header, or no row
                    record = [""]  # a one-column file: a row with an empty value
                row += 1
                if row == 1:
                    continue  # the header (csv_header read its names)
                if columns and len(record) != columns:
                    raise UnreadableData(
                        f"row {row} (the header is row 1): expected {columns} "
                        f"column{'s' * (columns != 1)}, found {len(record)}"
                        + (" (the row ends in an empty field)" if not record[-1] else "")
                    )
                yield record
    except csv.Error as exc:
        line = reader.line_num if reader is not None else 1
        if "unexpected end of data" in str(exc):
            raise UnreadableData(
                f"a quoted value is never closed: the file ends inside it (line {line}); "
                "check the quote that opens it"
            ) from None
        raise UnreadableData(f"line {line} is not valid CSV: {exc}") from None
    except UnicodeDecodeError:
        # The decoder works ahead of the csv module, a block at a time: its line is not
        # the bad byte's. The bytes are looked at again to name it.
        offset, line = first_bad_byte(path, compressed)
        raise UnreadableData(
            f"bytes that are not UTF-8 text at byte {offset} (line {line}); save the file as UTF-8"
        ) from None
    finally:
        csv.field_size_limit(limit)


def line_breaks(data: bytes, after: bytes = b"") -> int:
    """The line breaks in ``data`` (``\\n``, ``\\r\\n`` and a lone ``\\r`` are one each),
    ``after`` the byte before it (a ``\\r`` there and a ``\\n`` first are one break,
    already counted)."""
    breaks = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
    return breaks - (after == b"\r" and data[:1] == b"\n")


def first_bad_byte(path: str, compressed: bool) -> tuple[int, int]:
    """The offset (in the decompressed text) and the line of the file's first byte that
    is not UTF-8; (-1, -1) if there is none."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset, line, last = 0, 1, b""
    with raw(path, compressed) as stream:
        while chunk := stream.read(_BLOCK):
            pending = len(decoder.getstate()[0])  # bytes of a character cut in two
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:  # exc.start counts the pending bytes too
                before = chunk[: max(0, exc.start - pending)]  # no break among those
                return offset - pending + exc.start, line + line_breaks(before, last)
            line += line_breaks(chunk, last)
            offset += len(chunk)
            last = chunk[-1:]
    pending = len(decoder.getstate()[0])
    return (offset - pending, line) if pending else (-1, -1)


def count_labels(
    path: str, compressed: bool, delimiter: str, columns: int, wanted: Sequence[int],
    max_classes: int,
) -> tuple[list[LabelProfile], list[str], int]:  # fmt: skip
    """Profiles of the columns at ``wanted`` (named ``c0``, ``c1`` … as DuckDB's count names
    them), the notes on columns that are no class labels, and the number of rows.
    UnreadableData naming the line for a row that is not CSV, not UTF-8, or ragged."""
    counts = {i: Counter[str]() for i in wanted}
    too_many: dict[int, list[str]] = {}  # columns past max-classes: a sample of values
    rows = 0
    for record in reference_rows(path, compressed, delimiter, columns):
        rows += 1
        for i, counter in counts.items():
            counter[record[i]] += 1
        if (rows + 1) % _EVERY == 0:  # rows counted with the header, as the file numbers them
            _drop_too_many(counts, too_many, max_classes)
    _drop_too_many(counts, too_many, max_classes)
    return *_profiles(wanted, counts, too_many, max_classes), rows


def _drop_too_many(counts: dict[int, Counter[str]], too_many: dict[int, list[str]],
                   max_classes: int) -> None:  # fmt: skip
    """Stop counting a column with more distinct values than classes allowed (the missing
    ones are one more, as in DuckDB's count): memory stays bounded."""
    for i, counter in list(counts.items()):
        if len(counter) > max_classes + 1:
            too_many[i] = list(counter)[:20]
            del counts[i]


def _profiles(wanted: Sequence[int], counts: dict[int, Counter[str]],
              too_many: dict[int, list[str]], max_classes: int,
              ) -> tuple[list[LabelProfile], list[str]]:  # fmt: skip
    profiles, notes = [], []
    for i in wanted:
        tally = ClassTally(f"c{i}", "text", max_classes)
        try:
            if i in too_many:
                raise NotClassLabel(tally.too_many(too_many[i]))
            counter = counts[i]
            tally.add(list(counter), list(counter.values()))
            profiles.append(tally.finish())
        except NotClassLabel as exc:
            notes.append(f"`c{i}` skipped: {exc}")
    return profiles, notes
