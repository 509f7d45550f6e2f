"""Writing a fixed file: atomically, as the same file, never half-written, never litter.

Guarantees (the README's "Automatic fixes" section states them for users):

* The new bytes go to a temporary file in the same directory, which then replaces
  the original with :func:`os.replace`: a reader sees the old file or the new one,
  never a mix, and a crash leaves the original intact.
* The replacement gets the original's mode, owner and group before it takes its
  place (the owner and group where the process may set them: root, or a user whose
  file it is). A symbolic link is kept and its target rewritten.
* Some files are not written at all (:class:`NotWritten`): a read-only file (no
  write bit for its owner; root could write it, but the mode says not to) and a
  file with more than one hard link (a replacement would split the links, leaving
  the other names with the old text).
* The temporary file is removed on every way out Python sees: an error, Ctrl-C
  (SIGINT) and SIGTERM (a handler, active only while writing, turns it into an
  exception, and the signal is re-delivered once the file is gone).
* A ``kill -9`` cannot be caught. The temporary files are named
  ``.<name>.<pid>.<random>.ig-fix`` so the next ``--fix`` run in that directory
  (:func:`remove_stale_temporaries`) can recognise them and remove the ones whose
  process is gone, and only those.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import signal
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path

SUFFIX = ".ig-fix"
# ".<file name>.<pid>.<random>.ig-fix"; earlier versions wrote ".<file name>.<random>.ig-fix".
_TEMPORARY = re.compile(r"^\..+?(?:\.(?P<pid>\d+))?\.(?P<token>[A-Za-z0-9_]+)\.ig-fix$")
#: A temporary file whose process cannot be known is stale after this long; no
#: write of a source file takes minutes.
STALE_AFTER = 3600.0


class NotWritten(Exception):
    """The file is deliberately left as it is; the message says why."""


class _Terminated(BaseException):
    """SIGTERM arrived while a temporary file existed."""


def refusal(path: Path) -> str | None:
    """Why ``path`` must not be rewritten, or None if it may be."""
    info = path.stat()
    if not info.st_mode & stat.S_IWUSR:
        return f"the file is read-only (mode {stat.S_IMODE(info.st_mode):04o})"
    if info.st_nlink > 1:
        return (
            f"the file has {info.st_nlink} hard links; replacing it would leave the other "
            "names with the old text"
        )
    if not os.access(path, os.W_OK):
        return "no permission to write the file"
    return None


def temporary_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}{SUFFIX}")


def atomic_write(path: Path, data: bytes) -> None:
    """Replace the contents of the file at ``path`` with ``data`` (see the module doc).

    Raises :class:`NotWritten` for a file that must be left alone, OSError when
    writing fails; in both cases the file is unchanged and no temporary file remains.
    """
    target = Path(os.path.realpath(path))
    reason = refusal(target)
    if reason:
        raise NotWritten(reason)
    info = target.stat()
    with _terminate_by_exception():
        temporary, created = temporary_name(target), False
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            created = True
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                _copy_owner_and_mode(handle.fileno(), info)
                os.fsync(handle.fileno())
            os.replace(temporary, target)
        except BaseException:
            if created:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
            raise


def _copy_owner_and_mode(fd: int, info: os.stat_result) -> None:
    # Owner first: chown clears the set-user-ID and set-group-ID bits.
    if hasattr(os, "fchown"):
        try:
            os.fchown(fd, info.st_uid, info.st_gid)
        except PermissionError:
            # Not root: the file is ours; its group may be one we belong to.
            with contextlib.suppress(PermissionError):
                os.fchown(fd, -1, info.st_gid)
    os.fchmod(fd, stat.S_IMODE(info.st_mode))


@contextlib.contextmanager
def _terminate_by_exception() -> Iterator[None]:
    """While the block runs, SIGTERM raises, so ``finally`` and ``except`` clauses run;
    afterwards the signal is delivered again to the handler that was there."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous is signal.SIG_IGN or previous is None:
        yield
        return

    def handler(signum, frame):
        raise _Terminated

    signal.signal(signal.SIGTERM, handler)
    try:
        yield
    except _Terminated:
        signal.signal(signal.SIGTERM, previous)
        os.kill(os.getpid(), signal.SIGTERM)  # now handled as it would have been
        raise InterruptedError(errno.EINTR, "terminated while writing") from None
    finally:
        signal.signal(signal.SIGTERM, previous)


_cleaned: set[str] = set()


def remove_stale_temporaries_once(directory: Path) -> list[Path]:
    """:func:`remove_stale_temporaries`, at most once per directory and process."""
    key = os.path.realpath(directory)
    if key in _cleaned:
        return []
    _cleaned.add(key)
    return remove_stale_temporaries(Path(key))


def remove_stale_temporaries(directory: Path, now: float | None = None) -> list[Path]:
    """Remove this tool's temporary files in ``directory`` left by a killed run.

    Only regular files named like :func:`temporary_name` are candidates, and only
    when stale: the process that made one is gone, or, when it cannot be told (an
    older name without the process id), the file is older than :data:`STALE_AFTER`.
    Returns the paths removed.
    """
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if match is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        pid = match.group("pid")
        stale = not _alive(int(pid)) if pid else now - info.st_mtime > STALE_AFTER
        if stale:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process, or a number no process has: keep it
    return True
