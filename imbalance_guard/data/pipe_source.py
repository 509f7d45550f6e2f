"""Where DuckDB reads a CSV file from: the open file itself, or a pipe.

The pipe carries a first line of our choosing and then the file's (decompressed) bytes from
an offset on, written by a thread: a kernel copy (``sendfile``) for a plain file. The CSV
reader uses it for a header DuckDB cannot take (see ``read_csv``).
"""

from __future__ import annotations

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
                        copy_from(opened.fd, write_end, start)
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
