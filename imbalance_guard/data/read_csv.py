"""Reader plugin for CSV and TSV files (also gzip-compressed): label columns only, streamed.

pyarrow parses the text; only the label column(s) are converted (``include_columns``), as
text, and counted batch by batch, so memory stays flat however large the file is. An
uncompressed file is cut at line boundaries into pieces of ``PIECE`` bytes, memory-mapped
and counted by one thread per core, at most two pieces per thread in flight; a gzip file is
one stream (``pyarrow.csv.open_csv``). Counting is exact: every row.

A piece of plain text (no quotes, no empty lines, every row whole) with one label column is
counted by a small C scan (``_csvscan.c``, built when a C compiler is present), which only
locates delimiters: four times faster than pyarrow's tokenizer, which copies every field.
Any other piece goes to pyarrow, so its rules and its error messages stay the reference.

pyarrow's defaults apply: no line breaks inside quoted values, empty lines skipped, and
empty, ``NA``, ``NaN``, ``null`` ... read as missing.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from itertools import islice
from pathlib import Path

from imbalance_guard import hookimpl
from imbalance_guard.config import Config
from imbalance_guard.data import labels, reading
from imbalance_guard.data.classes import NULL_TEXT
from imbalance_guard.data.profile import DatasetProfile, UnreadableData
from imbalance_guard.data.progress import Progress
from imbalance_guard.discover import Target

PIECE = 16 << 20  # bytes of text per parallel piece: small enough for flat memory
BLOCK = 1 << 20  # bytes pyarrow tokenizes at a time within a piece: they stay in the CPU cache
MARGIN = 1 << 16  # bytes mapped past a piece's end for its last line, at first
HEAD = 1 << 16  # bytes read to find the header and sniff the delimiter
DELIMITERS = {"csv": ",", "tsv": "\t"}
OTHER_DELIMITERS = (",", ";", "\t", "|")


@hookimpl
def ig_read_dataset(target: Target, config: Config) -> DatasetProfile | None:
    if target.format not in DELIMITERS:
        return None
    size = reading.check_path(target)
    with reading.translate_errors(target):
        return read(target, config, size)


def read(target: Target, config: Config, size: int) -> DatasetProfile:
    import pyarrow as pa
    import pyarrow.csv as pcsv

    from imbalance_guard.data.arrow_count import Tallies

    delimiter = DELIMITERS[target.format]
    path = Path(target.path)
    compressed = path.name.lower().endswith(".gz")
    header_end, first_line = _header(path, compressed)
    parse = pcsv.ParseOptions(delimiter=delimiter)
    with pcsv.open_csv(
        _open(path, compressed),
        parse_options=parse,
        read_options=pcsv.ReadOptions(block_size=max(HEAD, 2 * header_end)),
        convert_options=pcsv.ConvertOptions(include_columns=[]),
    ) as probe:
        columns = list(probe.schema.names)
    _sniff(columns, first_line, delimiter, target.format)
    choice = reading.choose(target, columns, config)
    if not choice.columns:
        return reading.build_profile(target, columns, choice)
    tallies = Tallies([(c, "text") for c in choice.columns], labels.max_classes(config))
    convert = pcsv.ConvertOptions(
        include_columns=list(choice.columns),
        column_types={c: pa.string() for c in choice.columns},
        strings_can_be_null=True,
        null_values=sorted(NULL_TEXT),
    )
    with Progress(target.display, size) as progress:
        if compressed or size - header_end <= PIECE:
            _stream(path, compressed, parse, convert, tallies, progress)
        else:
            _pieces(path, columns, header_end, size, parse, convert, tallies, progress)
    profiles = tallies.profiles()
    return reading.build_profile(target, columns, choice, profiles, tallies.notes)


class _Source:
    """The file as pyarrow reads it, and how many bytes of the file it has read so far."""

    def __init__(self, path: Path, compressed: bool):
        import pyarrow as pa

        self.raw = pa.OSFile(str(path), "rb")
        self.stream = pa.CompressedInputStream(self.raw, "gzip") if compressed else self.raw

    def done(self) -> int:
        return self.raw.tell()  # compressed bytes for a .gz: progress against the file size


def _open(path: Path, compressed: bool):
    return _Source(path, compressed).stream


def _header(path: Path, compressed: bool) -> tuple[int, str]:
    """Byte offset where the data rows start, and the header line as text."""
    import gzip

    opener = gzip.open if compressed else open
    with opener(path, "rb") as handle:
        offset = 0
        while True:
            line = handle.readline(HEAD)
            if not line:
                raise UnreadableData("contains only empty lines")
            offset += len(line)
            if line.strip():
                break
        if not any(more.strip() for more in _lines(handle)):
            raise UnreadableData("has a header but no rows")
    text = line.decode("utf-8-sig")  # UnicodeDecodeError becomes a clear IG001
    return offset, text.rstrip("\r\n")


def _lines(handle) -> Iterator[bytes]:
    while line := handle.readline(HEAD):
        yield line


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


def _stream(path, compressed, parse, convert, tallies, progress) -> None:
    import pyarrow.csv as pcsv

    source = _Source(path, compressed)
    with (
        source.raw,
        pcsv.open_csv(source.stream, parse_options=parse, convert_options=convert) as reader,
    ):
        for batch in reader:
            tallies.feed(zip(batch.schema.names, batch.columns, strict=True))
            if not tallies.active:
                break
            progress.update(source.done())


def _pieces(path, columns, header_end, size, parse, convert, tallies, progress) -> None:
    from concurrent.futures import ThreadPoolExecutor

    import pyarrow as pa
    import pyarrow.csv as pcsv

    max_classes = next(iter(tallies.tallies.values())).max_classes
    plain = pcsv.ParseOptions(delimiter=parse.delimiter, quote_char=False, double_quote=False)

    def parse_piece(data: memoryview, quoted: bool, block: int):
        return pcsv.read_csv(
            pa.py_buffer(data),
            read_options=pcsv.ReadOptions(
                column_names=columns, use_threads=False, block_size=min(block, len(data) + 1)
            ),
            # no quote character in the piece: the quote-free tokenizer, twice as fast
            parse_options=parse if quoted else plain,
            convert_options=convert,
        )

    scan = _scanner(columns, list(tallies.tallies), parse.delimiter, max_classes)

    def count(start: int) -> dict[str, tuple[list, list | None]]:
        with file.lines(start, min(start + PIECE, size)) as (data, quoted):
            if not data:
                return {}
            scanned = scan(data) if scan is not None else None
            if scanned is not None:
                return scanned
            quotes = quoted()
            try:
                table = parse_piece(data, quotes, BLOCK)
            except pa.ArrowInvalid as exc:
                if "straddl" not in str(exc):
                    raise
                table = parse_piece(data, quotes, len(data) + 1)  # a line longer than BLOCK
        out: dict[str, tuple[list, list | None]] = {}
        for name in table.column_names:
            counted = table.column(name).value_counts()
            if len(counted) > max_classes + 1:
                # too many distinct values already in this piece: a few, to say why
                out[name] = ([v for v in counted.field(0)[:20].to_pylist() if v], None)
            else:
                out[name] = (counted.field(0).to_pylist(), counted.field(1).to_pylist())
        return out

    workers = _workers()
    starts: Iterator[int] = iter(range(header_end, size, PIECE))
    with _MappedFile(path, header_end, size) as file, ThreadPoolExecutor(workers) as pool:
        pending = deque(pool.submit(count, s) for s in islice(starts, 2 * workers))
        done = header_end
        while pending:
            result = pending.popleft().result()
            for name, (values, counts) in result.items():
                if counts is None:
                    if name in tallies.tallies:
                        tallies.skip(name, tallies.tallies[name].too_many(values))
                else:
                    tallies.merge_counts(name, values, counts)
            if not tallies.active:
                for future in pending:
                    future.cancel()
                break
            done = min(done + PIECE, size)
            progress.update(done)
            nxt = next(starts, None)
            if nxt is not None:
                pending.append(pool.submit(count, nxt))


def _scanner(columns: list[str], names: list[str], delimiter: str, max_classes: int):
    """The C scan of one label column (``_csvscan.c``), or None where pyarrow must parse.

    The scan answers for plain pieces (no quotes, no empty lines, every row whole) and gives
    up on anything else; the piece then goes to pyarrow, whose rules and errors stay the
    reference. It reads raw text, so missing-value spellings and UTF-8 are handled here.
    """
    try:
        from imbalance_guard.data._csvscan import count_column
    except ImportError:  # installed without a C compiler: pyarrow parses every piece
        return None
    if len(names) != 1 or columns.count(names[0]) != 1:
        return None  # several label columns, or a name pyarrow would have to disambiguate
    name = names[0]
    index = columns.index(name)
    # Beyond this many distinct texts the column is no class label; pyarrow's path says why.
    limit = max_classes + 1 + len(NULL_TEXT)

    def scan(data: memoryview) -> dict[str, tuple[list, list | None]] | None:
        counted = count_column(data, ord(delimiter), len(columns), index, limit)
        if counted is None:
            return None
        merged: dict[str | None, int] = {}
        for raw, n in counted.items():
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                return None  # pyarrow's error says where
            key = None if text in NULL_TEXT else text
            merged[key] = merged.get(key, 0) + n
        if len(merged) > max_classes + 1:  # +1: the missing entry is not a class
            return {name: ([v for v in merged if v][:20], None)}
        return {name: (list(merged), list(merged.values()))}

    return scan


class _MappedFile:
    """The file's lines that begin in ``[start, end)``, memory-mapped one piece at a time.

    Mapping rather than reading saves copying every byte once (a tenth of the CPU time), and
    unmapping each piece when it is counted keeps memory flat. Python refuses to map past
    the end of a file that shrank since it was measured (an IG001); a file truncated while a
    piece is being parsed would stop the process, a risk every memory-mapping reader takes.
    """

    def __init__(self, path: Path, header_end: int, size: int):
        self.path, self.header_end, self.size = path, header_end, size

    def __enter__(self) -> _MappedFile:
        self.handle = open(self.path, "rb")  # one descriptor for every thread: maps need no seek
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    @contextmanager
    def lines(self, start: int, end: int) -> Iterator[tuple[memoryview, Callable[[], bool]]]:
        """The piece's text, and a test of whether it holds a quote character (a scan of
        its own, needed only when pyarrow parses the piece)."""
        import mmap

        # From one byte early: a newline there means a line begins exactly at ``start``.
        first = start if start == self.header_end else start - 1
        offset = first - first % mmap.ALLOCATIONGRANULARITY
        reach = min(self.size, end + MARGIN)
        while True:
            try:
                mapped = mmap.mmap(
                    self.handle.fileno(), reach - offset, offset=offset, access=mmap.ACCESS_READ
                )
            except ValueError:  # Python checks the length against the file's size
                raise UnreadableData(
                    "the file got shorter while it was being read; check it again once it "
                    "is written"
                ) from None
            begin = stop = self._begin(mapped, start, end, offset)
            if begin < end - offset:
                # The piece's last line runs on to the first newline at or after ``end - 1``.
                newline = mapped.find(b"\n", end - offset - 1)
                if newline < 0 and reach < self.size:
                    mapped.close()
                    reach = min(self.size, reach + 2 * (reach - end) + MARGIN)
                    continue  # a line longer than the margin: map further
                stop = newline + 1 if newline >= 0 else reach - offset
            break
        view = memoryview(mapped)
        piece = view[begin:stop]
        try:
            yield piece, lambda: mapped.find(b'"', begin, stop) >= 0
        finally:
            # A failed parse's traceback may still hold the text; then the gc unmaps it.
            with suppress(BufferError):
                piece.release()
                view.release()
                mapped.close()

    def _begin(self, mapped, start: int, end: int, offset: int) -> int:
        """Where the first line that begins in ``[start, end)`` starts, in the mapping."""
        if start == self.header_end:
            return start - offset
        newline = mapped.find(b"\n", start - 1 - offset, end - offset)
        return newline + 1 if newline >= 0 else end - offset  # none begins here: empty


def _workers() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))
