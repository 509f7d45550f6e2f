"""Project-wide analysis: what a function imported from the user's own project does.

A notebook that calls ``apply(X, y)`` after ``from resampling.smote import apply`` sees
that call as if ``apply`` were defined in the notebook: the module is found on disk, read
(never written), analysed once by the same flow, and the summary of ``apply`` (returns
resampled data, splits or cross-validates its arguments, the library names it uses, such
as ``f1_score``) is applied at the call site.

Order of work: the importing file is analysed top to bottom; the first call of a name
imported from the project reads, parses and analyses that module (and, the same way, the
project modules *it* calls into); its function summaries are then reused for every other
call and every other file of the run. A file checked alone reads the modules it imports,
so a commit touching only a notebook gets the verdict of a full run.

Where modules are looked for, in order: the importing file's folder (as Python's
``sys.path[0]`` for a script), the project root (the nearest folder above the file holding
``pyproject.toml``, ``setup.py``, ``setup.cfg`` or ``.git``) and its ``src/`` folder.
Relative imports (``from .x import f``) are resolved from the importing file's package.

Cost: one read, hash, ``ast.parse`` and flow pass per imported project module per process,
memoised by (path, content hash); an import of a library (``sklearn.metrics``) costs a few
cached ``stat`` calls. Cycles end: a module being analysed is not entered again, and
imports are followed at most :data:`MAX_DEPTH` modules deep; a call into such a module is
an unknown call, as before.
"""

from __future__ import annotations

import ast
import dataclasses
import os
from dataclasses import field
from typing import TYPE_CHECKING

from imbalance_guard.records import record

if TYPE_CHECKING:
    # Loaded with the analysis, not before: rules ask ``imports_project`` of every file,
    # and a file that imports nothing of the kind must not load the flow's facts.
    from imbalance_guard.code.facts import Instance, Value
    from imbalance_guard.code.flow import _Function

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Imported", "Project", "localise"]

MAX_DEPTH = 64
#: A larger module (generated code, vendored data) is not analysed for its importers.
MAX_BYTES = 2_000_000
_ROOT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")
#: Never looked for on disk: the libraries the rules know by name.
_LIBRARIES = frozenset(
    {
        "sklearn", "imblearn", "numpy", "pandas", "scipy", "torch", "tensorflow", "keras",
        "xgboost", "lightgbm", "catboost", "matplotlib", "seaborn", "os", "sys", "re",
        "json", "pickle", "joblib", "math", "random", "collections", "typing", "pathlib",
        "smote_variants", "evaluate", "datasets", "transformers", "torchmetrics", "polars",
    }
)  # fmt: skip


@record
class Imported:
    """A function of a project module, summarised by that module's own analysis."""

    function: _Function
    name: str  # as messages show it: ``resampling.smote.apply``
    path: str
    referenced: frozenset[str]  # library names used in its body and in what it calls


@record
class _Module:
    path: str
    functions: dict[str, _Function] = field(default_factory=dict)
    referenced: dict[str, frozenset[str]] = field(default_factory=dict)
    reexports: dict[str, str] = field(default_factory=dict)  # name -> qualified import


@record
class _Entry:
    """One analysis of a module, and the context it holds in.

    A module on an import cycle is analysed with the modules being analysed above it
    unknown (``cut``), so its summary depends on where the cycle was entered. An entry
    is reused only where the same modules would be cut and no other module it reached is
    being analysed: the verdict of a file never depends on which files were checked
    before it (a one-file run and a whole-project run agree).
    """

    module: _Module | None
    reached: frozenset[str]  # every module its analysis entered or tried to enter
    cut: frozenset[str]
    read: dict[str, str]  # every module read, transitively: (real path -> digest)


# (real path, content digest) -> its analyses; shared by every file of a process.
_MODULES: dict[tuple[str, str], list[_Entry]] = {}
_FOUND: dict[tuple[str, str], str | None] = {}
_ROOTS: dict[str, str | None] = {}


def project_root(folder: str) -> str | None:
    """The nearest folder at or above ``folder`` that holds a project marker."""
    if folder in _ROOTS:
        return _ROOTS[folder]
    current, found = folder, None
    while True:
        if any(os.path.exists(os.path.join(current, m)) for m in _ROOT_MARKERS):
            found = current
            break
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    _ROOTS[folder] = found
    return found


class Project:
    """Resolves the names one file imports to functions of its project's modules."""

    def __init__(self, path: str, active: frozenset[str] = frozenset()) -> None:
        self.path = os.path.realpath(path)
        self.folder = os.path.dirname(self.path)
        root = project_root(self.folder)
        self.search = [self.folder]
        if root is not None:
            self.search += [root, os.path.join(root, "src")]
        #: The modules being analysed, this file's included: entering one again is a cycle.
        self.active = active | {self.path}
        #: Every project module read for this file: (real path, content digest).
        self.read: dict[str, str] = {}
        self.reached: set[str] = set()
        self.cut: set[str] = set()
        self._resolved: dict[str, Imported | None] = {}

    @classmethod
    def for_file(cls, path: str | None) -> Project | None:
        if not path or not os.path.isfile(path):
            return None
        return cls(path)

    def imports_project(self, statements: list[ast.Import | ast.ImportFrom]) -> bool:
        """Does any of these imports name a module of the project? (stat calls only)"""
        for stmt in statements:
            if isinstance(stmt, ast.ImportFrom):
                if stmt.level:
                    return True
                names = [stmt.module or ""]
            else:
                names = [alias.name for alias in stmt.names]
            for name in names:
                if self._module_file(name, self.search) is not None:
                    return True
        return False

    def function(self, qual: str) -> Imported | None:
        """The project function ``qual`` (as the import map spells it) names, or None."""
        if qual in self._resolved:
            return self._resolved[qual]
        self._resolved[qual] = None  # a re-export that points back at itself ends here
        found = self._find(qual)
        self._resolved[qual] = found
        return found

    def _find(self, qual: str) -> Imported | None:
        level = len(qual) - len(qual.lstrip("."))
        dotted = qual[level:]
        module, _, name = dotted.rpartition(".")
        if not name:
            return None
        if level:
            base = self.folder
            for _ in range(level - 1):
                base = os.path.dirname(base)
            search = [base]
        else:
            if not module or module.partition(".")[0] in _LIBRARIES:
                return None
            search = self.search
        file = self._module_file(module, search) if module else self._package_file(search[0])
        if file is None:
            return None
        analysed = self._analyse(file)
        if analysed is None:
            return None
        function = analysed.functions.get(name)
        if function is not None:
            label = f"{module}.{name}" if module else name
            return Imported(function, label, file, analysed.referenced.get(name, frozenset()))
        target = analysed.reexports.get(name)
        if target is None:
            return None
        # ``from .smote import apply`` in a package's ``__init__.py``: follow it from there.
        inner = Project(file, self.active)
        found = inner.function(target)
        self.read.update(inner.read)
        self.reached.update(inner.reached)
        self.cut.update(inner.cut - {file})
        return found

    @staticmethod
    def _package_file(folder: str) -> str | None:
        init = os.path.join(folder, "__init__.py")
        return init if os.path.isfile(init) else None

    @staticmethod
    def _module_file(module: str, search: list[str]) -> str | None:
        if not module or module.partition(".")[0] in _LIBRARIES:
            return None
        parts = module.split(".")
        for folder in search:
            key = (folder, module)
            if key not in _FOUND:
                base = os.path.join(folder, *parts)
                found = None
                for candidate in (base + ".py", os.path.join(base, "__init__.py")):
                    if os.path.isfile(candidate):
                        found = os.path.realpath(candidate)
                        break
                _FOUND[key] = found
            if _FOUND[key] is not None:
                return _FOUND[key]
        return None

    def _analyse(self, file: str) -> _Module | None:
        from imbalance_guard.cache import digest

        self.reached.add(file)
        if file in self.active or len(self.active) >= MAX_DEPTH:
            self.cut.add(file)  # an import cycle (or a chain too deep): the call stays unknown
            return None
        try:
            with open(file, "rb") as handle:  # read-only, never written
                data = handle.read()
        except OSError:
            return None
        stamp = digest(data)
        key = (file, stamp)
        active = self.active | {file}
        if len(data) > MAX_BYTES:  # generated code, not a helper: the call stays unknown
            self.read[file] = stamp
            return None
        entries = _MODULES.setdefault(key, [])
        for entry in entries:
            if active & entry.reached == entry.cut and _unchanged(entry.read):
                break
        else:
            entry = _summarise(file, data, active)
            entries.append(entry)
        self.read[file] = stamp
        self.read.update(entry.read)
        self.reached.update(entry.reached)
        self.cut.update(entry.cut - {file})
        return entry.module


def _unchanged(read: dict[str, str]) -> bool:
    """Do the modules an analysis read still hold the bytes it read? (A long-lived process
    sees edits: the analysis of ``a`` is stale once ``b``, which it imports, changed.)"""
    from imbalance_guard.cache import Input

    return all(Input("content", path, stamp).unchanged() for path, stamp in read.items())


def _summarise(file: str, data: bytes, active: frozenset[str]) -> _Entry:
    from imbalance_guard.code.flow import analyse_tree
    from imbalance_guard.code.imports import collect_imports

    try:
        tree = ast.parse(data, filename=file)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        # Checked on its own, it is IG001; here it is simply unknown.
        return _Entry(None, frozenset(), frozenset(), {})
    imports = collect_imports(tree)
    project = Project(file, active)
    flow = analyse_tree(tree, imports, project=project)
    module = _Module(file)
    names_by_function: dict[str, set[str]] = {}
    for call in flow.calls:
        if call.function is not None and call.callee:
            names_by_function.setdefault(call.function, set()).add(call.callee)
    for name, value in flow.env.items():  # what the module's names hold at its end
        if value.func is not None:
            module.functions[name] = value.func
    module.referenced = _referenced(module.functions, names_by_function, flow.project_references)
    for name, stmt in flow.import_nodes.items():
        qual = imports.aliases.get(name)
        if qual is not None and isinstance(stmt, ast.ImportFrom):
            module.reexports[name] = qual
    return _Entry(module, frozenset(project.reached), frozenset(project.cut), dict(project.read))


def _referenced(
    functions: dict[str, _Function],
    direct: dict[str, set[str]],
    imported: dict[str | None, set[str]],
) -> dict[str, frozenset[str]]:
    """The library names each function uses, in its body or in the functions of the same
    module it calls (``print_metrics`` calling ``_report`` calling ``f1_score``)."""
    calls: dict[str, set[str]] = {}
    for name, function in functions.items():
        calls[name] = {
            node.func.id
            for node in ast.walk(function.node)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in functions
        }
    result: dict[str, frozenset[str]] = {}
    for name in functions:
        names: set[str] = set()
        seen, todo = {name}, [name]
        while todo:
            current = todo.pop()
            own = functions[current].name  # ``apply = _apply``: calls are recorded as ``_apply``
            names.update(direct.get(own, ()))
            names.update(imported.get(own, ()))
            for callee in calls[current] - seen:
                seen.add(callee)
                todo.append(callee)
        result[name] = frozenset(names)
    return result


def localise(value: Value, call: ast.Call, owner: int, new_owner: int) -> Value:
    """``value`` from another file, as seen at ``call``: its resamplings, splits and
    objects happened at the call (the only line of this file they have), its parameters
    belong to ``new_owner``; other parameters of that file mean nothing here."""
    from imbalance_guard.code.facts import Value

    if not value.facts and value.items is None and value.elem is None:
        return value
    facts = set()
    for fact in value.facts:
        moved = _fact(fact, call, owner, new_owner)
        if moved is not None:
            facts.add(moved)
    items = tuple(localise(i, call, owner, new_owner) for i in value.items) if value.items else None
    elem = localise(value.elem, call, owner, new_owner) if value.elem is not None else None
    return Value(frozenset(facts), items, elem)


def _fact(fact: object, call: ast.Call, owner: int, new_owner: int) -> object | None:
    from imbalance_guard.code.facts import Instance, Param, Resampled, SplitPart

    if isinstance(fact, Param):
        return Param(new_owner, fact.index) if fact.owner == owner else None
    if isinstance(fact, Resampled):
        return dataclasses.replace(fact, line=call.lineno, node=call, function=None)
    if isinstance(fact, SplitPart):
        return dataclasses.replace(fact, line=call.lineno, node=call)
    if isinstance(fact, Instance):
        return _instance(fact, call)
    return fact


def _instance(fact: Instance, call: ast.Call) -> Instance:
    # Not an ``ast.Call``: a fix must never edit a constructor it cannot see.
    wraps = _instance(fact.wraps, call) if fact.wraps is not None else None
    return dataclasses.replace(fact, line=call.lineno, node=call.func, wraps=wraps)


def imports_project(unit: object) -> bool:
    """Does ``unit`` (a CodeUnit) import a module of its own project? Rules that skip
    files by their text alone ask this first: the text of a helper module is not theirs."""
    file = getattr(unit, "file", None)
    if not file:
        return False
    project = Project.for_file(file)
    if project is None:
        return False
    imports = unit.imports  # type: ignore[attr-defined]
    for qual in (*imports.aliases.values(), *imports.star_modules):
        if qual.startswith("."):
            return True
        top = qual.partition(".")[0]
        if project._module_file(top, project.search) is not None:
            return True
    return False


def shown_path(path: str) -> str:
    """A module's path as messages show it: relative to the working folder when inside."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive
        return path
    return path if relative.startswith("..") else relative.replace(os.sep, "/")
