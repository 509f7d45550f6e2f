"""Which dataset files are the train and test sides of one split (IG107).

Two sources, with no engine imported (this runs in every run with a dataset):

* **by name**, among the dataset files of the run, in one folder and of one format:
  ``train.csv`` / ``test.csv`` (or ``valid``, ``val``, ``validation`` for the held-out
  side), ``loans_train.csv`` / ``loans_test.csv`` and ``train_loans.csv`` /
  ``test_loans.csv`` (``_``, ``-`` or ``.`` between the parts), and ``train/x.csv`` /
  ``test/x.csv``: sibling folders holding files of the same name. Case does not matter.
* **declared**: ``splits = [["data/train.csv", "data/test.csv"]]`` in
  ``[tool.imbalance-guard.data]``, paths relative to the project root. A declared pair is
  checked whenever either of its files is checked (a pre-commit run that passes only the
  changed test file still compares it with the train file).

A third source, the two files an evaluation in the code loads, is
:mod:`imbalance_guard.data.code_pairs`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from imbalance_guard.discover import DATASET_FORMATS, Target
from imbalance_guard.records import record

TRAIN = "train"
HELD_OUT = ("test", "valid", "val", "validation")
SEPARATORS = ("_", "-", ".")
#: Formats whose rows are compared (``data/overlap.py``, kept free of imports here).
COMPARED = frozenset({"csv", "tsv", "parquet", "jsonl"})


@record(frozen=True)
class Pair:
    """A train file and a test (or validation) file to compare."""

    train: Path
    test: Path
    train_display: str
    test_display: str
    how: str  # "name", "config" or "code"


def _stem(name: str) -> tuple[str, str]:
    """(stem, extension) of a dataset file name: ``Loans_Train.csv.gz`` gives
    ``("loans_train", ".csv.gz")``; the stem in lower case."""
    lower = name.lower()
    for suffix in sorted(DATASET_FORMATS, key=len, reverse=True):
        if lower.endswith(suffix):
            return lower[: -len(suffix)], suffix
    return lower, ""


def _roles(target: Target) -> Iterable[tuple[tuple[str, ...], str]]:
    """(key, role) for every way the file's name makes it one side of a split: files
    with the same key and the roles ``train`` and a held-out one form a pair."""
    roles = (TRAIN, *HELD_OUT)
    path = target.path
    folder = os.path.realpath(path.parent)
    stem, _ = _stem(path.name)
    fmt = target.format
    if stem in roles:
        yield (folder, fmt, "bare"), stem
    for sep in SEPARATORS:
        for role in roles:
            if stem.endswith(sep + role) and len(stem) > len(role) + 1:
                yield (folder, fmt, "suffix", sep, stem[: -len(role) - 1]), role
            if stem.startswith(role + sep) and len(stem) > len(role) + 1:
                yield (folder, fmt, "prefix", sep, stem[len(role) + 1 :]), role
    parent = path.parent.name.lower()
    if parent in roles:
        yield (os.path.realpath(path.parent.parent), fmt, "folder", path.name), parent


def pairs_by_name(targets: Sequence[Target]) -> list[Pair]:
    """The train/test pairs among ``targets`` (dataset files), by their names."""
    groups: dict[tuple[str, ...], dict[str, list[Target]]] = {}
    for target in targets:
        for key, role in _roles(target):
            groups.setdefault(key, {}).setdefault(role, []).append(target)
    pairs: list[Pair] = []
    for by_role in groups.values():
        for train in by_role.get(TRAIN, ()):
            for role in HELD_OUT:
                for test in by_role.get(role, ()):
                    pairs.append(Pair(train.path, test.path, train.display, test.display, "name"))
    return pairs


def check_splits(value: Any) -> str | None:
    """Why a ``splits`` setting is malformed, or None (``Setting.check``)."""
    if not isinstance(value, list):
        return "expected a list of [train, test] path pairs"
    for number, item in enumerate(value, 1):
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not all(isinstance(p, str) and p.strip() for p in item)
        ):
            return (
                f"pair {number} must be a list of two file paths, "
                f'["train file", "test file"], e.g. ["data/train.csv", "data/test.csv"]'
            )
        if PurePosixPath(item[0]) == PurePosixPath(item[1]):
            return f"pair {number} names the same file twice"
        for path in item:
            if "://" in path:
                return f"pair {number}: {path!r} is an address; pairs are local files"
            suffix = _stem(PurePosixPath(path).name)[1]
            if not suffix:
                known = ", ".join(sorted(DATASET_FORMATS))
                return f"pair {number}: {path!r} is not a dataset file name ({known})"
            if DATASET_FORMATS[suffix] not in COMPARED:
                return (
                    f"pair {number}: {path!r}: the rows of {suffix} files are not compared "
                    "yet (CSV, TSV, Parquet and JSON Lines are)"
                )
    return None


def declared_pairs(
    splits: Sequence[Sequence[str]], root: Path, targets: Sequence[Target], cwd: Path
) -> tuple[list[Pair], list[tuple[str, str]]]:
    """The declared pairs with a file among ``targets``, and (path shown, problem) for a
    file of such a pair that cannot be compared (it does not exist)."""
    checked = {os.path.realpath(t.path): t for t in targets}
    pairs: list[Pair] = []
    problems: list[tuple[str, str]] = []
    for train_name, test_name in splits:
        paths = [root / train_name, root / test_name]
        real = [os.path.realpath(p) for p in paths]
        if not any(r in checked for r in real):
            continue  # neither file is checked in this run
        shown = [
            checked[r].display if r in checked else _display(p, cwd)
            for p, r in zip(paths, real, strict=True)
        ]
        missing = [
            (s, f"declared in splits ([tool.imbalance-guard.data]) but {_what(p)}")
            for p, s in zip(paths, shown, strict=True)
            if not os.path.isfile(p)
        ]
        if missing:
            problems.extend(missing)
            continue
        pairs.append(Pair(paths[0], paths[1], shown[0], shown[1], "config"))
    return pairs, problems


def _what(path: Path) -> str:
    return "it is not a file" if os.path.lexists(path) else "there is no such file"


def _display(path: Path, cwd: Path) -> str:
    from imbalance_guard.discover import display_path

    return display_path(path, cwd)


def unique(pairs: Iterable[Pair]) -> list[Pair]:
    """Each (train, test) pair of files once, the first way it was found winning."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for pair in pairs:
        key = (os.path.realpath(pair.train), os.path.realpath(pair.test))
        if key not in seen and key[0] != key[1]:
            seen.add(key)
            kept.append(pair)
    return kept
