"""A dataset file held open for the engines: a literal path to it, and a check that it did
not change while it was read.

Engines take a path, and DuckDB reads ``*``, ``?`` and ``[`` in a path as a glob; a name
that is not valid UTF-8 cannot be passed to them at all. So no engine is given the user's
file name. On Linux the file is opened once and the engines read ``/proc/self/fd/N``: a
name made of ASCII digits that names this very file (the same inode, even if the name is
replaced meanwhile). Elsewhere a private temporary directory holds a symbolic link with a
plain name to the file.

A file truncated, rewritten, replaced or deleted while an engine reads it could give a
partial count or an engine error about its bytes. Its size, modification time and inode are
compared before and after: any difference is an IG001 "the file changed while it was read".
No reader memory-maps the file, so a truncation cannot stop the process with SIGBUS.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

from imbalance_guard.data.profile import UnreadableData

CHANGED = "the file changed while it was read; check it again once it is written"
# Characters that no engine path may hold: globs (DuckDB, polars), quotes and backslashes.
_UNSAFE = frozenset("*?[]{}'\"\\")


class OpenedFile:
    """``with OpenedFile(path) as opened: engine.read(opened.engine_path)``; then
    ``opened.verify()`` raises UnreadableData when the file changed meanwhile."""

    def __init__(self, path: Path, suffix: str = ""):
        self.path = path
        self.suffix = suffix  # kept on the link's name: some engines look at it
        self.fd = -1
        self._links: str | None = None

    def __enter__(self) -> OpenedFile:
        try:
            # O_NONBLOCK: a pipe swapped in for the file must not block the run
            flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
            self.fd = os.open(self.path, flags)
        except FileNotFoundError:
            raise UnreadableData("the file vanished before it could be read") from None
        self.before = os.fstat(self.fd)
        if not stat.S_ISREG(self.before.st_mode):
            os.close(self.fd)
            raise UnreadableData("is not a regular file")
        self.engine_path = self._engine_path()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._links is not None:
            shutil.rmtree(self._links, ignore_errors=True)
        os.close(self.fd)

    @property
    def size(self) -> int:
        return self.before.st_size

    def _engine_path(self) -> str:
        proc = f"/proc/self/fd/{self.fd}"
        try:
            if os.path.samestat(os.stat(proc), self.before):
                return proc
        except OSError:
            pass  # no /proc: not Linux
        self._links = tempfile.mkdtemp(prefix="imbalance-guard-")
        link = os.path.join(self._links, "data" + self.suffix)
        if _UNSAFE & set(link):
            raise UnreadableData(
                f"the temporary directory {self._links!r} has a glob or quote character in "
                "its name; set TMPDIR to a plain directory"
            )
        os.symlink(os.path.abspath(os.fsencode(self.path)), os.fsencode(link))
        return link

    def changed(self) -> bool:
        """Whether the file's size, modification time or inode differ from when it opened,
        or its name no longer leads to it."""
        now = os.fstat(self.fd)
        if _stamp(now) != _stamp(self.before):
            return True
        try:
            return not os.path.samestat(os.stat(self.path), now)
        except OSError:
            return True  # deleted (or no longer reachable) while it was read

    def verify(self) -> None:
        if self.changed():
            raise UnreadableData(CHANGED)


def _stamp(info: os.stat_result) -> tuple[int, ...]:
    # ctime too: a rewrite that restores the size and the modification time still moves it
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
