"""What every built-in reader shares: error translation and building the dataset profile."""

from __future__ import annotations

import errno
import os
import stat
import sys
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from imbalance_guard.config import Config
from imbalance_guard.data import labels
from imbalance_guard.data.opened import CHANGED, OpenedFile
from imbalance_guard.data.profile import DatasetProfile, LabelProfile, UnreadableData
from imbalance_guard.discover import Target

FORMAT_NAMES = {
    "csv": "CSV",
    "tsv": "TSV",
    "parquet": "Parquet",
    "feather": "Feather / Arrow IPC",
    "jsonl": "JSON Lines",
}


def check_path(target: Target) -> int:
    """The file's size; UnreadableData for a directory, a vanished file or an empty file."""
    what = FORMAT_NAMES.get(target.format, target.format)
    try:
        info = os.stat(target.path)
    except FileNotFoundError:
        raise UnreadableData("the file vanished before it could be read") from None
    except OSError as exc:
        raise UnreadableData(f"cannot open: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableData(f"is a directory, not a {what} file")
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableData(f"is not a regular file (a pipe, socket or device), not a {what} file")
    if info.st_size == 0:
        raise UnreadableData(f"the file is empty (0 bytes): not a {what} file")
    return info.st_size


@contextmanager
def open_dataset(target: Target, suffix: str = "") -> Iterator[OpenedFile]:
    """The checked file, held open for the engines (``opened.engine_path``); bad input
    becomes UnreadableData, and so does a file that changed while it was read, whatever
    the engine made of the change."""
    check_path(target)
    try:
        opened_file = OpenedFile(target.path, suffix)
    except OSError as exc:
        raise UnreadableData(f"cannot open: {exc.strerror or exc}") from None
    with translate_errors(target), opened_file as opened:
        try:
            with translate_errors(target):
                yield opened
        except UnreadableData:
            if opened.changed():
                raise UnreadableData(CHANGED) from None
            raise
        opened.verify()


@contextmanager
def translate_errors(target: Target) -> Iterator[None]:
    """Turn whatever a parser raises on bad input into UnreadableData (IG001)."""
    what = FORMAT_NAMES.get(target.format, target.format)
    try:
        yield
    except UnreadableData:
        raise
    except FileNotFoundError:
        raise UnreadableData("the file vanished while it was being read") from None
    except IsADirectoryError:
        raise UnreadableData(f"is a directory, not a {what} file") from None
    except UnicodeDecodeError as exc:
        raise UnreadableData(
            f"not UTF-8 text: byte 0x{exc.object[exc.start]:02x} at offset {exc.start} "
            "cannot be decoded; save the file as UTF-8"
        ) from None
    except Exception as exc:
        if not _is_input_error(exc):
            raise  # a bug in the reader: the runner reports it as an error (exit 2)
        raise UnreadableData(f"cannot read as {what}: {_clean(exc)}") from None


def _is_input_error(exc: Exception) -> bool:
    """Errors bad input makes parsers raise (pyarrow's ArrowInvalid is a ValueError)."""
    if isinstance(exc, (OSError, ValueError, EOFError, zlib.error)):
        return True
    pyarrow = sys.modules.get("pyarrow")
    if pyarrow is not None and isinstance(exc, pyarrow.lib.ArrowException):
        return True
    duckdb = sys.modules.get("duckdb")
    return duckdb is not None and isinstance(exc, duckdb.Error)


def _clean(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno == errno.ENOENT:
        return "the file vanished while it was being read"
    duckdb = sys.modules.get("duckdb")
    if duckdb is not None and isinstance(exc, duckdb.Error):
        from imbalance_guard.data.duck import explain

        return explain(exc)
    text = str(exc).strip() or type(exc).__name__
    first = text.splitlines()[0]
    return first[:300] + ("…" if len(first) > 300 else "")


def build_profile(
    target: Target,
    columns: Sequence[str],
    choice: labels.LabelChoice,
    profiles: Sequence[LabelProfile] = (),
    notes: Sequence[str] = (),
) -> DatasetProfile:
    """The dataset profile; notes and the warning name the file so each line stands on
    its own."""
    all_notes = [f"{target.display}: {note}" for note in notes]
    return DatasetProfile(
        path=target.display,
        format=target.format,
        columns=tuple(columns),
        labels=tuple(profiles),
        missing_label_columns=choice.missing,
        notes=tuple(all_notes),
        label_warning=f"{target.display}: {choice.note}" if choice.note else None,
    )


def choose(target: Target, columns: Sequence[str], config: Config) -> labels.LabelChoice:
    return labels.choose(columns, Path(target.path), config, target.relative or None)
