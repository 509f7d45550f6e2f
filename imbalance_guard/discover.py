"""Turn command-line paths into typed targets: python, notebook or dataset files."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# Dataset file extension -> format name.
DATASET_FORMATS: dict[str, str] = {
    ".csv.gz": "csv", ".tsv.gz": "tsv", ".csv": "csv", ".tsv": "tsv",
    ".parquet": "parquet", ".pq": "parquet", ".feather": "feather", ".arrow": "feather",
    ".ipc": "feather", ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
}

# Longest suffix first so ".csv.gz" wins over ".csv"; sorted once, because classify()
# runs for every file a directory walk meets.
_BY_LENGTH = sorted(DATASET_FORMATS.items(), key=lambda kv: -len(kv[0]))


@dataclass(frozen=True)
class Target:
    path: Path  # as found on disk
    display: str  # what the user sees in the report (relative to the cwd when inside it)
    kind: str  # "python", "notebook" or "dataset"
    format: str = ""  # for datasets: csv, tsv, parquet, feather, jsonl


def classify(path: Path) -> tuple[str, str] | None:
    name = path.name.lower()
    if name.endswith((".py", ".pyi")):
        return ("python", "")
    if name.endswith(".ipynb"):
        return ("notebook", "")
    for suffix, fmt in _BY_LENGTH:
        if name.endswith(suffix):
            return ("dataset", fmt)
    return None


def is_excluded(relative: PurePosixPath, patterns: Iterable[str]) -> bool:
    """A path is excluded when the path or any of its parts matches a glob (ruff's rule)."""
    text = str(relative)
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatchcase(text, pattern) or any(
            fnmatch.fnmatchcase(part, pattern) for part in relative.parts
        ):
            return True
        if "/" in pattern and fnmatch.fnmatchcase(text, pattern.lstrip("./") + "/*"):
            return True
    return False


def display_path(path: Path, cwd: Path) -> str:
    try:
        return path.resolve().relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


def discover(paths: Iterable[Path], excludes: list[str], cwd: Path, root: Path,
             kinds: frozenset[str] | None = None) -> Iterator[Target | tuple[Path, str]]:
    """Yield a target per file to check, or ``(path, reason)`` for a path that does not exist.

    A file named explicitly is always checked (pre-commit passes file names), even
    when an exclude pattern matches it; directories are walked with the excludes,
    which are matched relative to the project ``root``.
    """
    seen: set[Path] = set()
    for path in paths:
        if not path.exists() and not path.is_symlink():
            yield (path, "no such file or directory")
            continue
        if not path.is_dir():
            kind = classify(path)
            if kind and (kinds is None or kind[0] in kinds) and path not in seen:
                seen.add(path)
                yield Target(path, display_path(path, cwd), *kind)
            continue
        found = False
        for dirpath, dirnames, filenames in os.walk(path):
            base = Path(dirpath)
            dirnames[:] = sorted(
                d for d in dirnames if not is_excluded(_relative(base / d, root), excludes)
            )
            for filename in sorted(filenames):
                file = base / filename
                kind = classify(file)
                if kind is None or (kinds is not None and kind[0] not in kinds):
                    continue
                if is_excluded(_relative(file, root), excludes) or file in seen:
                    continue
                seen.add(file)
                found = True
                yield Target(file, display_path(file, cwd), *kind)
        named = classify(path)
        if not found and named and named[0] == "dataset" and (kinds is None or "dataset" in kinds):
            # A directory named like a data file (``x.csv/``) with no data file inside is a
            # mistake the reader reports (IG001); one with parts (Spark's ``x.parquet/``)
            # was walked above.
            yield Target(path, display_path(path, cwd), *named)


def _relative(path: Path, root: Path) -> PurePosixPath:
    resolved = path.absolute()
    try:
        return PurePosixPath(resolved.relative_to(root).as_posix())
    except ValueError:
        return PurePosixPath(path.as_posix())
