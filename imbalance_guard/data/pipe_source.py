"""Where DuckDB reads a CSV file from: the open file itself, or a pipe.

The pipe carries a first line of our choosing and then the file's (decompressed) bytes from
an offset on, written by a thread: a kernel copy (``sendfile``) for a plain file. The CSV
reader uses it for a header DuckDB cannot take (see ``read_csv``). Or it carries the rows
as Python's ``csv`` module reads them, written again (``rewritten``): for a file DuckDB
refuses.
"""

from __future__ import annotations

import csv
import gzip
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from typing import BinaryIO

from imbalance_guard.data.opened import OpenedFile

Source = Callable[[], AbstractContextManager[str]]


@contextmanager
def raw(path: str, compressed: bool) -> Iterator[BinaryIO]:
    with gzip.open(path, "rb") if compressed else open(path, "rb") as stream:
        yield stream


def direct(opened: OpenedFile) -> Source:
    @contextmanager
    def source() -> Iterator[str]:
        yield opened.engine_path

    return source


def piped(opened: OpenedFile, compressed: bool, first: bytes, start: int) -> Source:
    """A source that is a pipe: ``first``, then the file's (decompressed) bytes from
    ``start`` on, written by a thread (a kernel copy for a plain file)."""

    def feed(write_end: int) -> None:
        try:
            with suppress(BrokenPipeError):  # the engine stopped reading: an error
                os.write(write_end, first)
                if compressed:
                    with gzip.open(opened.engine_path, "rb") as stream:
                        stream.seek(start)
                        while chunk := stream.read(1 << 20):
                            os.write(write_end, chunk)
                else:
                    copy_from(opened.fd, write_end, start)
        finally:
            os.close(write_end)

    @contextmanager
    def source() -> Iterator[str]:
        with _pipe(feed) as path:
            yield path

    return source


def rewritten(path: str, compressed: bool, delimiter: str, columns: int) -> Source:
    """A source that is a pipe: a stand-in header line, then the file's rows as Python's
    ``csv`` module, the reference, reads them (``csv_reference``), written again by it with
    ``\\n`` line endings, for DuckDB to read with ``read_csv.csv_options``. An empty value
    stays unquoted, so that DuckDB reads it as missing, as it does in the file. When the
    reference refuses the file, its UnreadableData (naming the line) is raised as the
    source closes, whatever DuckDB made of the rows before."""
    from imbalance_guard.data.csv_reference import reference_rows
    from imbalance_guard.data.profile import UnreadableData

    @contextmanager
    def source() -> Iterator[str]:
        refused: list[UnreadableData] = []

        def feed(write_end: int) -> None:
            try:
                with open(write_end, "w", encoding="utf-8", newline="") as out:
                    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
                    writer.writerow(["x"] * columns)
                    writer.writerows(reference_rows(path, compressed, delimiter, columns))
            except UnreadableData as exc:
                refused.append(exc)
            except BrokenPipeError:
                pass  # the engine stopped reading: an error of its own

        try:
            with _pipe(feed) as engine_path:
                yield engine_path
        finally:
            if refused:
                raise refused[0]  # the reference's word, over whatever DuckDB said

    return source


@contextmanager
def _pipe(feed: Callable[[int], None]) -> Iterator[str]:
    """A pipe's read end, as a path for the engine; ``feed`` writes the pipe on a thread,
    given its write end, which it closes."""
    read_end, write_end = os.pipe()
    thread = threading.Thread(target=feed, args=(write_end,), daemon=True)
    thread.start()
    try:
        proc = f"/proc/self/fd/{read_end}"
        yield proc if os.path.exists(proc) else f"/dev/fd/{read_end}"
    finally:
        os.close(read_end)  # the writer, if still writing, gets EPIPE and stops
        thread.join()


def copy_from(fd: int, out: int, offset: int) -> None:
    """The file from ``offset`` on into the pipe ``out``."""
    if hasattr(os, "sendfile"):
        with suppress(OSError):  # some systems cannot send a file to a pipe
            while sent := os.sendfile(out, fd, offset, 1 << 24):
                offset += sent
            return
    while chunk := os.pread(fd, 1 << 20, offset):
        os.write(out, chunk)
        offset += len(chunk)
