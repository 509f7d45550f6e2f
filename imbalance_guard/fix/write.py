"""Writing a fixed file: atomically, keeping its permissions, never half-written."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace the file's contents with ``data``.

    The bytes go to a temporary file in the same directory, which then replaces
    the original with :func:`os.replace`, so a reader sees the old or the new file,
    never a mix, and a crash leaves the original intact. The mode bits of the
    original are kept; a symbolic link is kept and its target rewritten.
    """
    target = Path(os.path.realpath(path))
    mode = stat.S_IMODE(target.stat().st_mode)
    if not writable(target):
        # os.replace would succeed in a writable directory; respect the file's own mode.
        raise PermissionError(13, "the file is read-only", str(path))
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".ig-fix", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
