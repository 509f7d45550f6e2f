"""The code names the label: datasets of a run take their label column from the code
of the same run that loads them, when no configuration or ``--label`` names one.

Gathered in a pre-pass over the run's code files, and only when the run also checks a
dataset whose label is not configured: a data-only or code-only run (every pre-commit
hook invocation of one kind) pays nothing. The pre-pass parses only the files whose
text mentions a reader (``read_``, ``scan_``, ``loadtxt`` ...), so a tree of helper
modules is skipped on a byte search; the data check then needs no reordering of the
run, no worker to send links back, and no cache format change.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from imbalance_guard.data import labels
from imbalance_guard.records import record

if TYPE_CHECKING:
    from pathlib import Path

    from imbalance_guard.config import Config
    from imbalance_guard.data.code_pairs import CodePair
    from imbalance_guard.discover import Target
    from imbalance_guard.findings import Finding

__all__ = ["CodeLabel", "config_for", "gather", "scan", "wanted", "with_origin"]

_READER_WORDS = (b"read_", b"scan_", b"loadtxt", b"genfromtxt", b"load_dataset")
#: The findings about a dataset's labels, which say where the label came from.
_LABEL_CODES = frozenset({"IG101", "IG102", "IG103", "IG104", "IG105"})


@record(frozen=True)
class CodeLabel:
    column: str
    origin: str  # "scripts/train.py:9"


def wanted(targets: Iterable[Target], config: Config) -> bool:
    """Is there a dataset in the run whose label no configuration names?"""
    setting = labels.label_setting(config)
    for target in targets:
        if target.kind != "dataset" or target.uri or target.problem:
            continue
        if labels.configured_labels(setting, target.path, config.root, target.relative) is None:
            return True
    return False


def gather(targets: Iterable[Target], config: Config) -> dict[str, CodeLabel]:
    """realpath of a dataset -> the label column the run's code trains on (the first
    code file in run order that names one wins; files naming several are ignored)."""
    return scan(targets, config)[0]


def scan(
    targets: Iterable[Target], config: Config, labels: bool = True, pairs: bool = False
) -> tuple[dict[str, CodeLabel], list[CodePair]]:
    """One pass over the run's code: the labels :func:`gather` returns (when ``labels``)
    and the train/test pairs its evaluations load (when ``pairs``, IG107)."""
    from imbalance_guard.code.unit import NotPythonCode, UnreadableCode, parse_unit, read_code
    from imbalance_guard.data.code_pairs import pairs_of
    from imbalance_guard.data.linked import header_of, links_of

    found: dict[str, CodeLabel] = {}
    evaluated: list[CodePair] = []
    for target in targets:
        if target.kind not in ("python", "notebook") or target.problem:
            continue
        try:
            data = read_code(target.path)
        except UnreadableCode:
            continue
        if not any(word in data for word in _READER_WORDS):
            continue
        try:
            unit = parse_unit(data, target.display, target.kind)
        except (NotPythonCode, UnreadableCode):
            continue
        unit.file = os.fspath(target.path)
        if pairs:
            evaluated.extend(pairs_of(unit, config.root))
        if not labels:
            continue
        by_file: dict[str, set[tuple[str, str]]] = {}
        for link in links_of(unit, config.root):
            by_file.setdefault(os.path.realpath(link.file), set()).add((link.column, link.origin))
        for path, named in by_file.items():
            columns = {column for column, _ in named}
            if len(columns) != 1 or path in found:
                continue
            column, origin = min(named)
            header = header_of(_path(path))
            if header is not None and column in header:
                found[path] = CodeLabel(column, origin)
    return found, evaluated


def _path(path: str) -> Path:
    from pathlib import Path

    return Path(path)


def config_for(config: Config, target: Target, label: CodeLabel) -> Config:
    """``config`` with ``label`` named for ``target`` alone (as a glob of its path)."""
    where = target.relative or target.path.as_posix()
    pattern = "".join(f"[{c}]" if c in "*?[" else c for c in where)
    data = dict(config.settings.get("data", {}))
    data["label"] = {pattern: label.column}
    copy = dataclasses.replace(config, settings={**config.settings, "data": data})
    return copy.freeze() if config.frozen else copy


def with_origin(findings: list[Finding], label: CodeLabel) -> list[Finding]:
    """Label findings say where the label came from: "(label `y` from train.py:9)"."""
    suffix = f" (label `{label.column}` from {label.origin})"
    return [
        dataclasses.replace(f, message=f.message + suffix) if f.code in _LABEL_CODES else f
        for f in findings
    ]
