"""Imbalance handled in a module the file imports from its own project.

``main.py`` builds an unweighted ``nn.CrossEntropyLoss()`` but trains on
``make_loader()`` from ``data.py``, which draws its batches with a
``WeightedRandomSampler``: the imbalance is handled, one file away. Every module this file
imports from the project (``from data import make_loader``, ``from .training import
build_loss``, ``import custom_dataloader``) is found by the core's
:class:`~imbalance_guard.code.project.Project` (same search path, same relative imports)
and asked the plugin's own question, :func:`imbalance_guard_deep_learning._common.
imbalance_handled`; then the modules *it* imports, at most :data:`MAX_DEPTH` deep. A
module is entered once per check, so import cycles end.

The verdict is the module's, not the imported name's: a dataset module that builds a
weighted sampler anywhere counts. Every module read is recorded in the project's
``read`` map, which the runner puts in the cache key: editing ``data.py`` re-checks
``main.py``. Modules are read, never written; each is parsed and analysed once per
(path, content) per process.
"""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass

from imbalance_guard.code.unit import CodeUnit

#: How many imports deep a handler is looked for (main -> data -> samplers).
MAX_DEPTH = 3
#: A larger module (generated code, vendored data) is not read.
MAX_BYTES = 2_000_000


@dataclass(frozen=True)
class _Verdict:
    handled: str | None  # what handles imbalance in the module alone, or None
    balanced: str | None  # the balanced-by-construction data set it loads, or None
    imports: tuple[str, ...]  # the project modules it imports (real paths)
    read: dict[str, str]  # what its own analysis read (real path -> digest)


# (real path, content digest) -> its verdict, shared by every file of a process.
_VERDICTS: dict[tuple[str, str], _Verdict] = {}


def handled_in_project(unit: CodeUnit) -> str | None:
    """What handles class imbalance in a project module ``unit`` imports (for messages:
    "WeightedRandomSampler in data.py"), or None."""
    return _search(unit, "handled")


def balanced_in_project(unit: CodeUnit) -> str | None:
    """The balanced data set (``MNIST``) a project module ``unit`` imports loads, or None:
    a Lightning module in ``model.py`` trained on ``datamodule.py``'s MNIST."""
    return _search(unit, "balanced")


def _search(unit: CodeUnit, question: str) -> str | None:
    project = getattr(unit.flow, "project", None)
    if project is None:
        return None
    seen = {project.path}
    frontier = _imported_modules(unit.tree, project)
    for _ in range(MAX_DEPTH):
        following: list[str] = []
        for file in frontier:
            if file in seen:
                continue  # an import cycle, or a module two files import
            seen.add(file)
            verdict = _judge(file, project)
            if verdict is None:
                continue
            what = getattr(verdict, question)
            if what is not None:
                return f"{what} in {_shown(file)}"
            following.extend(verdict.imports)
        frontier = following
    return None


def _judge(file: str, project: object) -> _Verdict | None:
    from imbalance_guard.cache import digest
    from imbalance_guard.code.project import Project

    try:
        with open(file, "rb") as handle:  # read-only, never written
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    stamp = digest(data)
    project.read[file] = stamp  # type: ignore[attr-defined]  # in the cache key
    if len(data) > MAX_BYTES:
        return None
    key = (file, stamp)
    verdict = _VERDICTS.get(key)
    if verdict is None or not _unchanged(verdict.read):
        verdict = _VERDICTS[key] = _verdict(file, data, Project(file))
    # The module's own analysis followed its calls into other modules: those are inputs too.
    project.read.update(verdict.read)  # type: ignore[attr-defined]
    return verdict


def _verdict(file: str, data: bytes, inner: object) -> _Verdict:
    from imbalance_guard.code.unit import UnreadableCode, parse_unit
    from imbalance_guard_deep_learning._common import imbalance_handled
    from imbalance_guard_deep_learning._handlers import balanced_data

    try:
        module = parse_unit(data, file, "python")
    except UnreadableCode:  # checked on its own, it is IG001; here it handles nothing
        return _Verdict(None, None, (), {})
    module.file = file
    try:
        names = [call.qualname or "" for call in module.flow.calls]
        handled = imbalance_handled(module, names, local=True)
        balanced = balanced_data(module)
    except RecursionError:
        handled = balanced = None
    flow_project = getattr(module.flow, "project", None)
    read = dict(flow_project.read) if flow_project is not None else {}
    return _Verdict(handled, balanced, tuple(_imported_modules(module.tree, inner)), read)


def _unchanged(read: dict[str, str]) -> bool:
    from imbalance_guard.code.project import _unchanged as unchanged

    return unchanged(read)


def _imported_modules(tree: ast.Module, project: object) -> list[str]:
    """The files of the project modules ``tree`` imports, in the order it imports them."""
    files: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
            candidates = [_absolute(name, project) for name in names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            # ``from pkg import loaders`` may name a submodule: try it, then the module.
            subs = [f"{module}.{a.name}" if module else a.name for a in node.names if a.name != "*"]
            if node.level:
                candidates = [_relative(name, node.level, project) for name in subs]
                candidates.append(_relative(module, node.level, project))
            else:
                candidates = [_absolute(name, project) for name in subs]
                candidates.append(_absolute(module, project))
        else:
            continue
        files.extend(f for f in candidates if f is not None and f not in files)
    return files


def _absolute(module: str, project: object) -> str | None:
    return project._module_file(module, project.search)  # type: ignore[attr-defined]


def _relative(module: str, level: int, project: object) -> str | None:
    base = project.folder  # type: ignore[attr-defined]
    for _ in range(level - 1):
        base = os.path.dirname(base)
    if not module:
        init = os.path.join(base, "__init__.py")
        return os.path.realpath(init) if os.path.isfile(init) else None
    parts = module.split(".")
    for candidate in (
        os.path.join(base, *parts) + ".py",
        os.path.join(base, *parts, "__init__.py"),
    ):
        if os.path.isfile(candidate):
            return os.path.realpath(candidate)
    return None


def _shown(file: str) -> str:
    from imbalance_guard.code.project import shown_path

    return shown_path(file)
