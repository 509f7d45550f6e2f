"""The data-flow analysis shared by every code rule: ``unit.flow``.

One forward pass over each scope in execution order (a notebook's cells top to
bottom, as one program). An environment maps names to :class:`~.facts.Value`
objects; assignments copy them, tuple unpacking splits them, known library calls
create facts (resampling, splits, instances of known classes), other calls pass
on the union of their arguments' facts, and branches (``if``, loops, ``try``,
``match``) join. A function is analysed once into a *summary*: what its return
value carries in terms of its parameters, which parameters it resamples, and
which parameters reach a split or cross-validation; each call site applies the
summary to its own arguments (no inlining, no re-walks).

Public API, for rule plugins (built-in or third-party)::

    flow = unit.flow                  # computed on first use, then cached
    for call in flow.calls:           # every call, in evaluation order
        call.qualname                 # "sklearn.model_selection.train_test_split",
                                      # "imblearn.over_sampling.SMOTE.fit_resample", or None
        call.args, call.keywords      # Values: .resampled, .is_test, .instances_of("sampler")
    flow.resamplings                  # every resampling, with the facts of what it resampled
    flow.sinks                        # data entering a split, a splitter, cross-validation or
                                      # a *SearchCV's fit — with that data's facts
    flow.value_of(node)               # the Value of a call or argument expression
    flow.env                          # the module's names and their Values at the end
    flow.call_at(node)                # the Call record of an ``ast.Call`` node
    flow.import_statements            # every import statement
    flow.referenced                   # every library name the code uses
    flow.loop_of(node)                # the ``for`` statement iterating over a call

The metric rules' questions (which estimator a name holds at a use, what a split's
parts are used for ...) are answered from these facts by :mod:`.metric_facts`
(``flow.metric_facts``).

A rule is then a question asked of these facts; see ``rules/code/ig30*.py``.
"""

from __future__ import annotations

import ast
import builtins
import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import field
from functools import cached_property
from typing import TYPE_CHECKING

from imbalance_guard.code import fragments, library, loads
from imbalance_guard.code.balanced import balanced_source, equal_counts
from imbalance_guard.code.calls import argument
from imbalance_guard.code.facts import (
    EMPTY,
    Balanced,
    Column,
    Dropped,
    Instance,
    Loaded,
    Param,
    Predicted,
    Resampled,
    SplitPart,
    Subset,
    Value,
    element_of,
    join,
    union,
    with_facts,
)
from imbalance_guard.code.imports import ImportMap, collect_imports, dotted_name
from imbalance_guard.records import record

if TYPE_CHECKING:
    from imbalance_guard.code.metric_facts import MetricFacts
    from imbalance_guard.code.project import Imported, Project
    from imbalance_guard.code.unit import CodeUnit

__all__ = ["Call", "Flow", "Resampling", "Sink", "analyse", "analyse_tree", "argument"]

#: Attributes that describe a value rather than hold its rows.
_METADATA_ATTRS = frozenset(
    {"shape", "columns", "dtypes", "dtype", "size", "ndim", "name", "names", "nbytes"}
)
#: Builtins whose result carries none of their arguments' rows.
_SCALAR_BUILTINS = frozenset(
    {
        "len", "print", "str", "int", "float", "bool", "type", "isinstance", "issubclass",
        "repr", "round", "format", "id", "hash", "hasattr", "callable", "range", "open",
    }
)  # fmt: skip
_PASS_THROUGH_BUILTINS = frozenset({"list", "tuple", "sorted", "reversed", "iter", "set"})
#: Methods that return their receiver (sklearn's fit, set_params).
_RETURNS_SELF = frozenset({"fit", "set_params", "set_output"})
#: Methods that mutate their receiver with their arguments.
_MUTATORS = frozenset({"append", "extend", "insert", "add", "update", "setdefault"})
_BUILTINS = frozenset(dir(builtins))
_PATH_OPS: dict[type, Callable[[str, str], str]] = {
    ast.Add: lambda a, b: a + b,
    ast.Div: lambda a, b: b if b.startswith("/") else f"{a.rstrip('/')}/{b}",
}
#: Calls that build a path from their (constant) arguments.
_PATH_BUILDERS = frozenset({"os.path.join", "pathlib.Path", "pathlib.PurePath", "posixpath.join"})
#: Attributes of a frame that are not one of its columns.
_FRAME_ATTRS = frozenset(
    {"iloc", "loc", "at", "iat", "values", "T", "index", "str", "cat", "dt", "plot", "style"}
)
_PREDICT_METHODS = frozenset({"predict", "fit_predict"})
_PREDICTING = frozenset({"classifier", "regressor"})
#: Methods of a dict (or list) of objects whose result holds those same objects.
_CONTAINER_VIEWS = frozenset({"values", "items", "copy"})


@record
class Call:
    """One call, as evaluated.

    ``qualname`` is the resolved library name (``"sklearn.metrics.f1_score"``), or for a
    method of an object of a known class, that class and the method
    (``"imblearn.over_sampling.SMOTE.fit_resample"``); None otherwise. ``method`` is the
    attribute name for any ``obj.method(...)`` call. ``function`` names the enclosing
    function (None at module level). ``callee`` is the library name of what is called as
    the code spells it (``metrics.f1_score`` -> ``"sklearn.metrics.f1_score"``), None for
    a method of an object or anything not imported.
    """

    node: ast.Call
    qualname: str | None
    method: str | None
    receiver: Value | None
    args: list[Value]
    keywords: dict[str, Value]
    result: Value
    function: str | None = None
    callee: str | None = None

    def keyword(self, name: str) -> ast.expr | None:
        """The expression passed as ``name=``, or None."""
        return argument(self.node, name)

    def argument(self, name: str, position: int | None = None) -> ast.expr | None:
        """The expression bound to parameter ``name``: see :func:`argument`."""
        return argument(self.node, name, position)


@record
class Resampling:
    """A resampling, as the user sees it.

    ``node`` is the call in the user's code: the ``fit_resample`` call itself, or the
    call of a helper function (``via``) that resamples its argument. ``inputs`` pairs
    each resampled argument expression at ``node`` with its Value; ``fact`` is the
    :class:`~.facts.Resampled` fact its output carries.
    """

    node: ast.Call
    sampler: str
    sampler_text: str
    inputs: list[tuple[ast.expr, Value]]
    fact: Resampled
    via: str | None = None
    #: Inside a loop or comprehension body (where a bootstrap draws, once per round).
    in_loop: bool = False


@record
class Sink:
    """Data entering a split or a cross-validation.

    ``kind`` is ``"split"`` (train_test_split), ``"splitter"`` (a CV splitter's
    ``.split``), ``"cv"`` (cross_val_score and friends) or ``"search"`` (a *SearchCV's
    ``.fit``); ``target`` is its name as users write it; ``target_line`` its program
    line. ``node``/``expr`` are the call and argument in the user's code (a helper's
    call site when ``via`` names the helper); ``value`` is that argument's Value.
    """

    kind: str
    target: str
    target_line: int
    node: ast.Call
    expr: ast.expr
    value: Value
    via: str | None = None
    estimator: ast.expr | None = None  # the model handed to cross-validation, if any
    #: The project file ``target_line`` is in, when the helper was imported from one.
    origin: str | None = None


@record
class _Summary:
    returns: Value = EMPTY
    sinks: list[tuple[int, Sink]] = field(default_factory=list)
    resamplings: list[tuple[int, Resampling]] = field(default_factory=list)
    keys: set[tuple] = field(default_factory=set)  # of entries added from call sites


class _Function:
    __slots__ = ("done", "index", "name", "node", "params", "running", "scope", "summary")

    def __init__(self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: _Scope, index: int):
        self.node = node
        self.name = node.name
        self.scope = scope  # the defining scope (closures read it)
        self.index = index
        args = node.args
        self.params = [a.arg for a in (*args.posonlyargs, *args.args)]
        self.summary = _Summary()
        self.running = False
        self.done = False


class _Scope:
    """One scope's names. Branches are analysed on the one environment: while a branch
    point is open (:meth:`mark`), every write is journaled, so going back to the state
    at the branch point costs the writes made since, not a copy of every name (copies
    made programs with many names and many ``if`` statements quadratic)."""

    __slots__ = ("env", "function", "globals_", "journal", "marks", "parent", "returns")

    def __init__(self, parent: _Scope | None, function: _Function | None):
        self.env: dict[str, Value] = {}
        self.parent = parent
        self.function = function
        self.globals_: set[str] = set()
        self.returns: Value | None = None
        self.journal: list[tuple[str, Value | None]] = []
        self.marks = 0

    def set(self, name: str, value: Value | None) -> None:
        """Bind ``name`` (None: unbind it), journaled while a branch point is open."""
        if self.marks:
            self.journal.append((name, self.env.get(name)))
        if value is None:
            self.env.pop(name, None)
        else:
            self.env[name] = value

    def mark(self) -> int:
        """Open a branch point; :meth:`rewind` returns to it, :meth:`close` ends it."""
        self.marks += 1
        return len(self.journal)

    def rewind(self, mark: int) -> dict[str, Value | None]:
        """Undo the writes since ``mark``; return each changed name's value before the
        undo (None: it was unbound)."""
        changes: dict[str, Value | None] = {}
        env = self.env
        for name, old in reversed(self.journal[mark:]):
            if name not in changes:
                changes[name] = env.get(name)
            if old is None:
                env.pop(name, None)
            else:
                env[name] = old
        del self.journal[mark:]
        return changes

    def close(self) -> None:
        self.marks -= 1
        if not self.marks:
            self.journal.clear()

    def merge(self, outcomes: list[dict[str, Value | None]]) -> None:
        """Set every name changed in some outcome to the join of its value in each
        (a branch that did not change it has the value at the branch point)."""
        names = dict.fromkeys(name for changes in outcomes for name in changes)
        for name in names:
            base = self.env.get(name)
            merged: Value | None = None
            for changes in outcomes:
                value = changes.get(name, base)
                if value is None or value is merged:
                    continue
                merged = value if merged is None else join(merged, value)
            if merged is not base:
                self.set(name, merged)

    def lookup(self, name: str) -> Value | None:
        scope: _Scope | None = self
        while scope is not None:
            found = scope.env.get(name)
            if found is not None:
                return found
            scope = scope.parent
        return None


class Flow:
    """The facts of one code unit (see the module docstring for the API)."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.resamplings: list[Resampling] = []
        self.sinks: list[Sink] = []
        self.env: dict[str, Value] = {}
        self.import_nodes: dict[str, ast.Import | ast.ImportFrom] = {}
        #: Every import statement the analysis met; the unit's import aliases.
        self.import_statements: list[ast.Import | ast.ImportFrom] = []
        self.imports = ImportMap()
        #: Every library name the code refers to (``sklearn.metrics.f1_score``), as written.
        self.referenced: set[str] = set()
        #: Every function and method definition, in the order met.
        self.functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
        self.complete = True  # False when nesting too deep cut the analysis short
        #: The project modules this unit imports from (see :mod:`.project`), or None.
        self.project: Project | None = None
        #: Library names that functions imported from the project use, by calling function.
        self.project_references: dict[str | None, set[str]] = {}
        self._values: dict[int, Value] = {}
        self._loops: dict[int, ast.For | ast.AsyncFor] = {}
        self._calls: dict[int, Call] | None = None
        self._escaped: set[int] = set()  # ids of splits whose parts went where we can't see
        #: Dataset reads whose path is not a constant (``--verbose`` lists them).
        self.unresolved_loads: list[loads.Unresolved] = []
        #: ids of ``train_test_split`` calls whose ``y`` is a column exactly as loaded:
        #: nothing filtered, dropped or relabelled the frame between the load and the
        #: split -> (the load, the column).
        self.pristine_splits: dict[int, tuple[Loaded, Column]] = {}
        #: Dataset files the rules read for this unit's findings (their label counts):
        #: a cached result depends on them too.
        self.data_read: set[str] = set()

    def value_of(self, node: ast.AST) -> Value:
        """The Value of a call, of an argument of a call, of a method's receiver or of a
        name holding one string (EMPTY if not evaluated)."""
        return self._values.get(id(node), EMPTY)

    def call_at(self, node: ast.AST) -> Call | None:
        """The record of the call ``node`` (None if it was not evaluated)."""
        if self._calls is None:
            self._calls = {id(call.node): call for call in self.calls}
        return self._calls.get(id(node))

    def loop_of(self, node: ast.AST) -> ast.For | ast.AsyncFor | None:
        """The ``for`` statement whose iterable is the call ``node`` (also inside
        ``enumerate(...)``), or None."""
        return self._loops.get(id(node))

    @cached_property
    def metric_facts(self) -> MetricFacts:
        """The metric rules' questions about this unit (:mod:`.metric_facts`), once."""
        from imbalance_guard.code.metric_facts import MetricFacts

        return MetricFacts(self, self.imports)

    @cached_property
    def _used_splits(self) -> frozenset[int]:
        """ids of the split calls some of whose parts reach a fit, a prediction, a score, a
        metric or a function we cannot see into."""
        used: set[int] = set(self._escaped)
        for call in self.calls:
            if not _uses_data(call):
                continue
            values = [*call.args, *call.keywords.values()]
            if call.receiver is not None:
                values.append(call.receiver)
            for value in values:
                for part in value.split_parts:
                    if part.node is not call.node:
                        used.add(id(part.node))
        return frozenset(used)

    @cached_property
    def _trained_on(self) -> frozenset[Resampled]:
        """Resampling facts of values that reach a fit, a sampler, a split or
        cross-validation."""
        found: set[Resampled] = set()
        for sink in self.sinks:
            found.update(sink.value.resampled)
        for call in self.calls:
            if call.method in _TRAINING_METHODS:
                for value in (*call.args, *call.keywords.values()):
                    found.update(value.resampled)
        return frozenset(found)

    def reaches_training(self, fact: Resampled) -> bool:
        """Do values resampled by ``fact`` reach a fit, a sampler, a split or
        cross-validation? If not, they only feed metrics, percentiles or plots: a
        bootstrap."""
        return fact in self._trained_on

    def outputs_used(self, sink: Sink) -> bool:
        """Does what ``sink`` produces reach a fit, a score or a metric? Always for
        cross-validation, searches and a fit's own validation; for a split (or a splitter's
        ``split``), when one of its parts does — a split whose parts are never used
        evaluates nothing. A split inside a helper counts as used."""
        if sink.kind not in ("split", "splitter") or sink.via is not None or sink.origin:
            return True  # inside a helper, here or in another module of the project
        return id(sink.node) in self._used_splits

    @cached_property
    def label_links(self) -> list[tuple[Loaded, Column | Dropped]]:
        """The (load, target column) pairs the code shows: a column of one loaded frame
        passed as ``y`` to a split, a fit or cross-validation; failing that, the one
        column dropped from the loaded frame passed as ``X``. In source order."""
        found: dict[tuple[Loaded, Column | Dropped], None] = {}
        dropped: dict[tuple[Loaded, Column | Dropped], None] = {}
        for call in self.calls:
            xs, ys = _data_arguments(call)
            for value in ys:
                link = _one_link(value, Column)
                if link is not None:
                    found.setdefault(link)
            for value in xs:
                link = _one_link(value, Dropped)
                if link is not None and len(link[1].columns) == 1:  # type: ignore[union-attr]
                    dropped.setdefault(link)
        links = list(found)
        seen = {load for load, _ in links}
        links += [link for link in dropped if link[0] not in seen]
        return links

    def resampling_of(self, fact: Resampled) -> Resampling | None:
        """The resampling (at its own line, not through a helper) that created ``fact``."""
        for item in self.resamplings:
            if item.fact == fact and item.via is None:
                return item
        return None


def analyse(unit: CodeUnit) -> Flow:
    """Analyse a unit (``unit.flow`` calls this once and caches the result)."""
    project = None
    if unit.file is not None:
        from imbalance_guard.code.project import Project

        project = Project.for_file(unit.file)
    return analyse_tree(unit.tree, unit.imports, unit.source, project=project)


def analyse_tree(
    tree: ast.Module, imports: ImportMap | None = None, source: str = "",
    project: Project | None = None,
) -> Flow:  # fmt: skip
    """Analyse a parsed module; ``imports`` defaults to those collected from ``tree``.
    ``project`` resolves calls of functions imported from the user's own modules."""
    analyser = _Analyser(imports if imports is not None else collect_imports(tree), source)
    analyser.project = project
    analyser.flow.project = project
    try:
        return analyser.run(tree)
    except RecursionError:
        # Expressions nested thousands deep (generated code): keep the facts found so far.
        analyser.flow.env = analyser.module.env
        analyser.flow.complete = False
        return analyser.flow


def _text(node: ast.AST) -> str:
    try:
        return ast.unparse(node)
    except Exception:  # pragma: no cover - unparse handles every parsed tree
        return "<expression>"


class _Analyser:
    def __init__(self, imports: ImportMap, source: str):
        self.imports = imports
        self.flow = Flow()
        self.flow.imports = imports
        self.functions: list[_Function] = []
        self.project: Project | None = None
        self.scope = _Scope(None, None)
        self.module = self.scope
        self._loop_stack: list[ast.AST] = []  # loops and comprehensions being analysed
        self._loop_bound: dict[int, set[str]] = {}
        self._tree: ast.Module | None = None
        self._bound: frozenset[str] | None = None  # every name the module binds (fragments)
        # Loaded frames exactly as read (by id, the Value kept alive), those some call or
        # assignment may have changed since, and columns selected from an unchanged frame.
        self._frames: dict[int, Value] = {}
        self._touched: set[int] = set()
        self._exact: dict[int, tuple[Value, Value]] = {}
        self._stmt: dict[type, Callable[[ast.stmt], None]] = {
            ast.Assign: self._assign_stmt,
            ast.AnnAssign: self._annassign,
            ast.AugAssign: self._augassign,
            ast.Expr: self._expr_stmt,
            ast.If: self._if,
            ast.For: self._for,
            ast.AsyncFor: self._for,
            ast.While: self._while,
            ast.With: self._with,
            ast.AsyncWith: self._with,
            ast.Try: self._try,
            ast.FunctionDef: self._def,
            ast.AsyncFunctionDef: self._def,
            ast.ClassDef: self._class,
            ast.Return: self._return,
            ast.Import: self._import,
            ast.ImportFrom: self._import,
            ast.Global: self._global,
            ast.Nonlocal: self._global,
            ast.Delete: self._delete,
            ast.Match: self._match,
        }
        if hasattr(ast, "TryStar"):
            self._stmt[ast.TryStar] = self._try
        self._expr: dict[type, Callable[[ast.expr], Value]] = {
            ast.Name: self._name,
            ast.Constant: self._constant,
            ast.Attribute: self._attribute,
            ast.Subscript: self._subscript,
            ast.Call: self._call,
            ast.Tuple: self._sequence,
            ast.List: self._sequence,
            ast.Set: self._sequence,
            ast.Dict: self._dict,
            ast.BinOp: self._binop,
            ast.BoolOp: lambda e: self._union(*e.values),  # type: ignore[attr-defined]
            ast.Compare: lambda e: self._union(e.left, *e.comparators),  # type: ignore[attr-defined]
            ast.UnaryOp: lambda e: self.ev(e.operand),  # type: ignore[attr-defined]
            ast.IfExp: self._ifexp,
            ast.Lambda: self._lambda,
            ast.ListComp: self._comprehension,
            ast.SetComp: self._comprehension,
            ast.GeneratorExp: self._comprehension,
            ast.DictComp: self._comprehension,
            ast.JoinedStr: self._joined,
            ast.NamedExpr: self._named,
            ast.Starred: lambda e: self.ev(e.value),  # type: ignore[attr-defined]
            ast.Await: lambda e: self.ev(e.value),  # type: ignore[attr-defined]
            ast.Yield: self._yield,
            ast.YieldFrom: self._yield,
            ast.Slice: lambda e: self._union(e.lower, e.upper, e.step),  # type: ignore[attr-defined]
        }

    # -- driver ----------------------------------------------------------------------
    def run(self, tree: ast.Module) -> Flow:
        self._tree = tree
        self.block(tree.body)
        # Functions never called: analyse them with what the module knows at the end,
        # so code inside an uncalled ``main()`` is checked too.
        position = 0
        while position < len(self.functions):
            function = self.functions[position]
            position += 1
            if not function.done:
                self.summarise(function)
        self.flow.env = self.module.env
        return self.flow

    def block(self, body: Iterable[ast.stmt]) -> None:
        handlers = self._stmt
        for stmt in body:
            handler = handlers.get(type(stmt))
            if handler is not None:
                handler(stmt)
            else:
                for child in ast.iter_child_nodes(stmt):
                    if isinstance(child, ast.expr):
                        self.ev(child)

    # -- environments ------------------------------------------------------------------
    def bind(self, name: str, value: Value) -> None:
        scope = self.scope
        if name in scope.globals_:
            self.module.set(name, value)
        else:
            scope.set(name, value)
        if name.startswith("self."):
            self._bind_attribute(name, value)

    def _bind_attribute(self, name: str, value: Value) -> None:
        """``self.sampler = NearMiss()`` in one method is read by the others: the class's
        scope holds what any method stored (joined), for the methods analysed after."""
        function = self.scope.function
        if function is None or not _is_method(function) or function.scope is self.module:
            return
        owner = function.scope
        owner.set(name, join(owner.env.get(name), value))

    def lookup(self, name: str) -> Value | None:
        return self.scope.lookup(name)

    def _branch(self, body: list[ast.stmt], mark: int) -> dict[str, Value | None]:
        """Run ``body`` from the state at ``mark``; return its changes and go back."""
        self.block(body)
        return self.scope.rewind(mark)

    # -- statements ------------------------------------------------------------------
    def _assign_stmt(self, stmt: ast.Assign) -> None:
        value = self.ev(stmt.value)
        for target in stmt.targets:
            self.assign(target, value)

    def _annassign(self, stmt: ast.AnnAssign) -> None:
        if stmt.value is not None:
            self.assign(stmt.target, self.ev(stmt.value))

    def _augassign(self, stmt: ast.AugAssign) -> None:
        value = self.ev(stmt.value)
        current = (
            self.ev(stmt.target)
            if not isinstance(stmt.target, ast.Name)
            else (self.lookup(stmt.target.id) or EMPTY)
        )
        self.assign(stmt.target, Value(union(current.facts, value.facts)), weak=False)

    def _if(self, stmt: ast.If) -> None:
        self.ev(stmt.test)
        scope = self.scope
        mark = scope.mark()
        after_body = self._branch(stmt.body, mark)
        after_else = self._branch(stmt.orelse, mark) if stmt.orelse else {}
        scope.close()
        scope.merge([after_body, after_else])

    def _for(self, stmt: ast.For | ast.AsyncFor) -> None:
        loop_call = stmt.iter
        if _is_enumerate(loop_call):
            loop_call = loop_call.args[0]  # type: ignore[attr-defined]
        self.flow._loops[id(loop_call)] = stmt
        iterable = self.ev(stmt.iter)
        scope = self.scope
        mark = scope.mark()
        self.assign(stmt.target, element_of(iterable))
        self._loop_stack.append(stmt)
        try:
            after = self._branch([*stmt.body, *stmt.orelse], mark)
        finally:
            self._loop_stack.pop()
        scope.close()
        scope.merge([{}, after])
        if _runs_at_least_once(stmt.iter, iterable):
            # The loop variables were bound by the loop, so their values before it are
            # gone: keeping them joined in would let every re-run of the same cell
            # (``for tr, te in kf.split(X)``) add to one ever-growing set of facts,
            # which made the analysis quadratic in the notebook's length.
            for name in _bound_names(stmt.target):
                if after.get(name) is not None:
                    scope.set(name, after[name])

    def _while(self, stmt: ast.While) -> None:
        self.ev(stmt.test)
        scope = self.scope
        mark = scope.mark()
        self._loop_stack.append(stmt)
        try:
            after = self._branch([*stmt.body, *stmt.orelse], mark)
        finally:
            self._loop_stack.pop()
        scope.close()
        scope.merge([{}, after])

    def _with(self, stmt: ast.With | ast.AsyncWith) -> None:
        for item in stmt.items:
            value = self.ev(item.context_expr)
            if item.optional_vars is not None:
                self.assign(item.optional_vars, value)
        self.block(stmt.body)

    def _try(self, stmt: ast.Try) -> None:
        scope = self.scope
        mark = scope.mark()
        after_body = self._branch(stmt.body, mark)
        outcomes = []
        for handler in stmt.handlers:
            scope.merge([{}, after_body])  # the body may have failed anywhere
            if handler.type is not None:
                self.ev(handler.type)
            if handler.name:
                self.bind(handler.name, EMPTY)
            outcomes.append(self._branch(handler.body, mark))
        for name, value in after_body.items():
            scope.set(name, value)
        after_else = self._branch(stmt.orelse, mark)
        scope.close()
        scope.merge([after_else, *outcomes])
        self.block(stmt.finalbody)

    def _match(self, stmt: ast.Match) -> None:
        subject = self.ev(stmt.subject)
        scope = self.scope
        mark = scope.mark()
        outcomes: list[dict[str, Value | None]] = [{}]
        for case in stmt.cases:
            for node in ast.walk(case.pattern):
                name = getattr(node, "name", None)
                if isinstance(name, str):
                    self.bind(name, subject)
            if case.guard is not None:
                self.ev(case.guard)
            outcomes.append(self._branch(case.body, mark))
        scope.close()
        scope.merge(outcomes)

    def _def(self, stmt: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for expr in (*stmt.decorator_list, *stmt.args.defaults, *stmt.args.kw_defaults):
            if expr is not None:
                self.ev(expr)
        function = _Function(stmt, self.scope, len(self.functions))
        self.functions.append(function)
        self.flow.functions.append(stmt)
        self.bind(stmt.name, Value(func=function))

    def _class(self, stmt: ast.ClassDef) -> None:
        for expr in (*stmt.decorator_list, *stmt.bases, *(k.value for k in stmt.keywords)):
            self.ev(expr)
        outer = self.scope
        self.scope = _Scope(outer, outer.function)
        try:
            self.block(stmt.body)
        finally:
            self.scope = outer
        self.bind(stmt.name, EMPTY)

    def _return(self, stmt: ast.Return) -> None:
        value = self.ev(stmt.value) if stmt.value is not None else EMPTY
        # A split handed back to a caller is used there, in code this pass may not see
        # (another module, a caller not checked): counted as used, as a stored one is.
        self.flow._escaped.update(id(part.node) for part in value.split_parts)
        self.scope.returns = join(self.scope.returns, value)

    def _yield(self, expr: ast.Yield | ast.YieldFrom) -> Value:
        if expr.value is None:
            return EMPTY
        value = self.ev(expr.value)
        produced = value if isinstance(expr, ast.Yield) else element_of(value)
        self.scope.returns = join(self.scope.returns, Value(value.facts, elem=produced))
        return EMPTY

    def _import(self, stmt: ast.Import | ast.ImportFrom) -> None:
        self.flow.import_statements.append(stmt)
        local = ImportMap()
        local.add(stmt)
        for name, qual in local.aliases.items():
            self.bind(name, Value(qual=qual))
            self.flow.import_nodes[name] = stmt

    def _global(self, stmt: ast.Global | ast.Nonlocal) -> None:
        if isinstance(stmt, ast.Global):
            self.scope.globals_.update(stmt.names)

    def _delete(self, stmt: ast.Delete) -> None:
        for target in stmt.targets:
            if isinstance(target, ast.Name):
                self.scope.set(target.id, None)
            else:
                self.ev(target)

    # -- assignment targets ------------------------------------------------------------
    def assign(self, target: ast.expr, value: Value, weak: bool = False) -> None:
        if isinstance(target, ast.Name):
            self.bind(target.id, _named_by(value, target.id))
        elif isinstance(target, (ast.Tuple, ast.List)):
            self._unpack(target.elts, value)
        elif isinstance(target, ast.Starred):
            self.assign(target.value, value)
        elif isinstance(target, ast.Attribute):
            root = _root_name(target)
            if root is not None and id(self.lookup(root)) in self._frames:
                self._touched.add(id(self.lookup(root)))
            # ``self.X_train = ...``: other methods read it where the analysis does not
            # follow, so a split stored in an attribute counts as used.
            self.flow._escaped.update(id(part.node) for part in value.split_parts)
            key = dotted_name(target)
            if key is not None:
                self.bind(key, value)
            else:
                self.ev(target.value)
        elif isinstance(target, ast.Subscript):
            # df["col"] = v: the container now also holds v's rows (a weak update).
            self.ev(target.slice)
            root = _root_name(target)
            if root is not None:
                current = self.lookup(root) or EMPTY
                if id(current) in self._frames:
                    self._touched.add(id(current))  # ``df.loc[mask, "y"] = 1`` relabels
                added = frozenset(f for f in value.facts if not isinstance(f, Column))
                self.bind(root, Value(union(current.facts, added), qual=current.qual))

    def _unpack(self, targets: list[ast.expr], value: Value) -> None:
        starred = [i for i, t in enumerate(targets) if isinstance(t, ast.Starred)]
        items = value.items
        if items is not None and not starred and len(items) == len(targets):
            for target, item in zip(targets, items, strict=False):
                self.assign(target, item)
            return
        if items is not None and len(starred) == 1 and len(items) >= len(targets) - 1:
            star = starred[0]
            tail = len(targets) - star - 1
            middle = items[star : len(items) - tail]
            for target, item in zip(targets[:star], items[:star], strict=False):
                self.assign(target, item)
            rest = Value(frozenset().union(*(m.facts for m in middle)), tuple(middle))
            self.assign(targets[star], rest)
            for target, item in zip(targets[star + 1 :], items[len(items) - tail :], strict=False):
                self.assign(target, item)
            return
        element = element_of(value) if value.elem is not None else Value(value.facts)
        for target in targets:
            self.assign(target, element)

    # -- expressions -----------------------------------------------------------------
    def ev(self, expr: ast.expr | None) -> Value:
        if expr is None:
            return EMPTY
        handler = self._expr.get(type(expr))
        if handler is not None:
            return handler(expr)
        out = EMPTY
        for child in ast.iter_child_nodes(expr):
            if isinstance(child, ast.expr):
                out = join(out, self.ev(child))
        return out

    def _union(self, *exprs: ast.expr | None) -> Value:
        facts: frozenset = frozenset()
        for expr in exprs:
            if expr is not None:
                facts = union(facts, self.ev(expr).facts)
        return Value(facts) if facts else EMPTY

    def _binop(self, expr: ast.BinOp) -> Value:
        # Iterative along the left spine: generated code chains thousands of ``+``.
        rights = []
        node: ast.expr = expr
        while isinstance(node, ast.BinOp):
            rights.append((node.op, node.right))
            node = node.left
        base = self.ev(node)
        facts = base.facts
        const = base.const
        for op, right in reversed(rights):
            value = self.ev(right)
            facts = union(facts, value.facts)
            # "data/" + NAME and Path(ROOT) / "x.csv" of constants: a path the code spells
            if const is not None and isinstance(value.const, str) and type(op) in _PATH_OPS:
                const = _PATH_OPS[type(op)](const, value.const)
            else:
                const = None
        if const is not None and not facts:
            return Value(const=const)
        if (
            isinstance(expr.op, ast.Add)
            and isinstance(expr.right, ast.BinOp)
            and (equal_counts(expr))
        ):
            facts = union(facts, frozenset({Balanced("equal label counts", expr.lineno)}))
        return Value(facts) if facts else EMPTY

    def _expr_stmt(self, stmt: ast.Expr) -> None:
        if type(stmt.value) is not ast.Constant:  # a docstring or ``...``: nothing to follow
            self.ev(stmt.value)

    def _constant(self, expr: ast.Constant) -> Value:
        return Value(const=expr.value) if isinstance(expr.value, str) else EMPTY

    def _lambda(self, expr: ast.Lambda) -> Value:
        """A lambda's body is evaluated once, its parameters unknown: the calls in it
        are calls of the program (``make_scorer(lambda y, p: f1_score(y, p))``)."""
        outer = self.scope
        self.scope = _Scope(outer, outer.function)
        args = expr.args
        for param in (*args.posonlyargs, *args.args, args.vararg, *args.kwonlyargs, args.kwarg):
            if param is not None:
                self.scope.env[param.arg] = EMPTY
        try:
            self.ev(expr.body)
        finally:
            self.scope = outer
        return EMPTY

    def _name(self, expr: ast.Name) -> Value:
        found = self.lookup(expr.id)
        if found is not None:
            if found.const is not None:
                self.flow._values[id(expr)] = found  # a name standing for a string
            elif found.qual is not None:
                self.flow.referenced.add(found.qual)
            return found
        qual = self.imports.aliases.get(expr.id)
        if qual is None and expr.id not in _BUILTINS:
            qual = self.imports.resolve_name(expr.id) or self._guess(expr.id)
        if qual:
            self.flow.referenced.add(qual)
            return Value(qual=qual)
        return EMPTY

    def _guess(self, name: str) -> str | None:
        """A well-known library name used with no import at all (a pasted fragment);
        a name the file defines or binds anywhere is the user's own."""
        if not fragments.is_candidate(name):
            return None
        if self._bound is None:
            self._bound = fragments.bound_names(self._tree)
        return fragments.guess(name, self._bound)

    def _attribute(self, expr: ast.Attribute) -> Value:
        key = dotted_name(expr)
        if key is not None:
            found = self.lookup(key)
            if found is not None:
                return found
        base = self.ev(expr.value)
        if base.qual is not None:
            qual = f"{base.qual}.{expr.attr}"
            self.flow.referenced.add(qual)
            return Value(qual=qual)
        if expr.attr in _METADATA_ATTRS:
            return EMPTY
        if (
            expr.attr not in _FRAME_ATTRS
            and not expr.attr.startswith("_")
            and any(isinstance(f, Loaded) for f in base.facts)
            and not any(isinstance(f, Column) for f in base.facts)
        ):
            return self._selected(base, expr.attr, expr.lineno)  # ``df.bad_loan_flag``
        return Value(base.facts) if base.facts else EMPTY

    def _subscript(self, expr: ast.Subscript) -> Value:
        base = self.ev(expr.value)
        index = self.ev(expr.slice)
        if base.items is not None and isinstance(expr.slice, ast.Constant):
            position = expr.slice.value
            if isinstance(position, int) and -len(base.items) <= position < len(base.items):
                return with_facts(base.items[position], index.facts)
        if any(isinstance(f, Loaded) for f in base.facts):
            selected = self._column_of(expr, base, index)
            if selected is not None:
                return selected
            # a row condition or a list of columns names no single column
            index = Value(frozenset(f for f in index.facts if not isinstance(f, Column)))
        facts = union(base.facts, index.facts)
        if _is_condition(expr.slice):
            facts = union(facts, frozenset({Subset(expr.lineno)}))
        return Value(facts) if facts else EMPTY

    def _column_of(self, expr: ast.Subscript, base: Value, index: Value) -> Value | None:
        """``df["col"]``, ``df[TARGET]``, ``df.loc[:, "col"]``, ``df.iloc[:, -1]``."""
        if isinstance(index.const, str):
            return self._selected(base, index.const, expr.lineno)
        owner = expr.value
        if not (isinstance(owner, ast.Attribute) and owner.attr in ("loc", "iloc")):
            return None
        key = expr.slice
        if not (isinstance(key, ast.Tuple) and len(key.elts) == 2):
            return None
        rows, column = key.elts
        if not (isinstance(rows, ast.Slice) and rows.lower is rows.upper is rows.step is None):
            return None
        frame = base
        if isinstance(owner.value, ast.Name):
            frame = self.lookup(owner.value.id) or base
        if owner.attr == "loc":
            name = self.ev(column).const
            return self._selected(frame, name, expr.lineno) if isinstance(name, str) else None
        position = _int_constant(column)
        return self._selected(frame, position, expr.lineno) if position is not None else None

    def _sequence(self, expr: ast.Tuple | ast.List | ast.Set) -> Value:
        values = [self.ev(e) for e in expr.elts]
        facts: frozenset = frozenset()
        for value in values:
            facts = union(facts, value.facts)
        exact = not any(isinstance(e, ast.Starred) for e in expr.elts)
        return Value(facts, tuple(values) if exact else None)

    def _dict(self, expr: ast.Dict) -> Value:
        return self._union(*(k for k in expr.keys if k is not None), *expr.values)

    def _ifexp(self, expr: ast.IfExp) -> Value:
        self.ev(expr.test)
        return join(self.ev(expr.body), self.ev(expr.orelse))

    def _joined(self, expr: ast.JoinedStr) -> Value:
        parts: list[str] | None = []
        for value in expr.values:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                if parts is not None:
                    parts.append(value.value)
                continue
            inner = self.ev(value.value) if isinstance(value, ast.FormattedValue) else EMPTY
            plain = isinstance(value, ast.FormattedValue) and value.format_spec is None
            if parts is not None and plain and isinstance(inner.const, str):
                parts.append(inner.const)
            else:
                parts = None
        # an f-string of constants is a constant (a dataset path built from a folder name)
        return Value(const="".join(parts)) if parts is not None else EMPTY

    def _named(self, expr: ast.NamedExpr) -> Value:
        value = self.ev(expr.value)
        self.assign(expr.target, value)
        return value

    def _comprehension(
        self, expr: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp
    ) -> Value:
        outer = self.scope
        self.scope = _Scope(outer, outer.function)
        self._loop_stack.append(expr)
        try:
            for generator in expr.generators:
                self.assign(generator.target, element_of(self.ev(generator.iter)))
                for condition in generator.ifs:
                    self.ev(condition)
            if isinstance(expr, ast.DictComp):
                produced = Value(union(self.ev(expr.key).facts, self.ev(expr.value).facts))
            else:
                produced = self.ev(expr.elt)
        finally:
            self.scope = outer
            self._loop_stack.pop()
        return Value(produced.facts, elem=produced)

    # -- calls -------------------------------------------------------------------------
    def _call(self, node: ast.Call) -> Value:
        func = node.func
        receiver: Value | None = None
        method: str | None = None
        callee = self.ev(func.value) if isinstance(func, ast.Attribute) else self.ev(func)
        qual: str | None = None
        if isinstance(func, ast.Attribute):
            method = func.attr
            if callee.qual is not None:
                qual = f"{callee.qual}.{method}"
            else:
                key = dotted_name(func)
                bound = self.lookup(key) if key is not None else None
                if bound is not None and bound.func is not None:
                    callee = bound
                else:
                    receiver = callee
        else:
            qual = callee.qual
        args = [self.ev(a) for a in node.args]
        keywords: dict[str, Value] = {}
        kw_facts: frozenset = frozenset()
        for kw in node.keywords:
            value = self.ev(kw.value)
            keywords[kw.arg or "**"] = value
            kw_facts = union(kw_facts, value.facts)
        values = self.flow._values
        for arg, value in zip(node.args, args, strict=False):
            values[id(arg)] = value
        for kw in node.keywords:
            values[id(kw.value)] = keywords[kw.arg or "**"]
        if receiver is not None:
            values[id(func.value)] = receiver  # type: ignore[attr-defined]

        spelled = qual  # before a method of a known object names its class instead
        if receiver is not None:
            result, qual = self._method_call(node, receiver, method or "", args, keywords)
        elif callee.func is not None:
            result = self._user_call(node, callee.func, args, keywords)  # type: ignore[arg-type]
        elif qual is not None and (imported := self._imported(qual)) is not None:
            result = self._imported_call(node, imported, args, keywords)
        elif qual is not None:
            result = self._library_call(node, qual, args, keywords, kw_facts)
            balanced = balanced_source(qual, node, args)
            if balanced is not None:
                result = with_facts(result, frozenset({Balanced(balanced, node.lineno)}))
            result = self._dataset_call(node, qual, args, result)
        elif isinstance(func, ast.Name) and func.id in _SCALAR_BUILTINS:
            result = EMPTY
        elif isinstance(func, ast.Name) and func.id in _PASS_THROUGH_BUILTINS and len(args) == 1:
            result = args[0]
        elif isinstance(func, ast.Name) and func.id == "next" and args:
            # ``next(ShuffleSplit(...).split(X, y))``: the first of what it iterates
            result = element_of(args[0])
        elif isinstance(func, ast.Name) and func.id == "enumerate" and args:
            result = Value(args[0].facts, elem=Value(args[0].facts, (EMPTY, element_of(args[0]))))
        elif isinstance(func, ast.Name) and func.id == "zip":
            elements = tuple(element_of(a) for a in args)
            facts = frozenset().union(*(a.facts for a in args)) if args else frozenset()
            result = Value(facts, elem=Value(facts, elements))
        else:
            result = self._unknown(args, kw_facts)

        if self._frames:
            self._touch(node, receiver, method, args, keywords)
        function = self.scope.function
        self.flow.calls.append(
            Call(node, qual, method, receiver, args, keywords, result,
                 function.name if function else None, spelled)
        )  # fmt: skip
        values[id(node)] = result
        return result

    def _dataset_call(self, node: ast.Call, qual: str, args: list[Value], result: Value) -> Value:
        """Paths built from constants, and the dataset a reader loads (:class:`Loaded`)."""
        if qual in _PATH_BUILDERS:
            consts = [a.const for a in args]
            if consts and not node.keywords and all(isinstance(c, str) for c in consts):
                return Value(result.facts, const=_join_paths(consts))  # type: ignore[arg-type]
            return result
        reader = loads.reader_of(qual, node)
        if reader is None:
            return result
        expr = loads.path_argument(reader, node)
        value = self.flow._values.get(id(expr), EMPTY) if expr is not None else EMPTY
        if expr is not None and isinstance(expr, ast.Constant):
            value = self._constant(expr)
        path = loads.path_of(expr, value)
        if path is None:
            text = _text(expr) if expr is not None else "(no path)"
            self.flow.unresolved_loads.append(loads.Unresolved(reader, node.lineno, text))
            return result
        plain = len(node.args) + len(node.keywords) == 1 and reader in loads.PLAIN_FRAMES
        frame = with_facts(result, frozenset({Loaded(path, reader, node.lineno, plain)}))
        self._frames[id(frame)] = frame
        return frame

    def _touch(
        self, node: ast.Call, receiver: Value | None, method: str | None, args: list[Value],
        keywords: dict[str, Value],
    ) -> None:  # fmt: skip
        """A loaded frame given to a call (or whose method is called) may have changed:
        a split of its columns no longer proves the file's counts. Column selection,
        ``drop`` / ``pop`` without ``inplace``, and a look at it are not changes."""
        func = node.func
        looks = isinstance(func, ast.Name) and func.id in _LOOKS
        for value in (*args, *keywords.values()):
            if id(value) in self._frames and not looks:
                self._touched.add(id(value))
        if receiver is not None and id(receiver) in self._frames:
            if method in _FRAME_READS and argument(node, "inplace") is None:
                return
            self._touched.add(id(receiver))

    def _selected(self, frame: Value, column: str | int, line: int) -> Value:
        """The column ``column`` of the loaded ``frame``."""
        facts = frozenset(f for f in frame.facts if not isinstance(f, (Column, Dropped)))
        result = Value(facts | {Column(column, line)})
        if id(frame) in self._frames and id(frame) not in self._touched:
            self._exact[id(result)] = (result, frame)
        return result

    def _unknown(self, args: list[Value], kw_facts: frozenset) -> Value:
        facts = kw_facts
        for value in args:
            facts = union(facts, value.facts)
        return Value(facts) if facts else EMPTY

    def _method_call(
        self, node: ast.Call, receiver: Value, method: str, args: list[Value],
        keywords: dict[str, Value],
    ) -> tuple[Value, str | None]:  # fmt: skip
        instances = receiver.instances
        qual = f"{instances[0].qualname}.{method}" if instances else None
        func = node.func
        assert isinstance(func, ast.Attribute)
        if method in library.RESAMPLE_METHODS and _pandas_ml_sampling(receiver, args):
            # pandas-ml: ``df.fit_sample(sampler)`` resamples the ModelFrame ``df``
            sampler = args[0].instances_of("sampler")[0]
            text = _text(node.args[0])
            kind = "under" if library.is_under_sampler(sampler.qualname) else "over"
            return self._resample(
                node, sampler.name, text, [func.value], [receiver], kind=kind
            ), qual
        resamplers = receiver.instances_of("sampler") + receiver.instances_of("resampler")
        if method in library.RESAMPLE_METHODS or (
            method in (library.RESAMPLE_TRANSFORM, library.SAMPLER_SAMPLE) and resamplers
        ):
            samplers = resamplers or instances
            name = samplers[0].name if samplers else _text(func.value)
            under = bool(samplers) and all(library.is_under_sampler(i.qualname) for i in samplers)
            return self._resample(
                node, name, _text(func.value), list(node.args), args,
                kind="under" if under else "over",
            ), qual  # fmt: skip
        if method == "repeat" and any(isinstance(f, Subset) for f in receiver.facts):
            name = f"hand-written oversampling (`{_text(func.value)}.repeat`)"
            return self._resample(node, name, ".repeat", [func.value], [receiver]), qual
        if method == "append" and node.args and self._repeated_in_loop(node.args[0]):
            name = f"hand-written oversampling (`{_text(node.args[0])}` appended in a loop)"
            result = self._resample(node, name, ".append", [node.args[0]], [args[0]])
            root = _root_name(func.value)
            if root is not None:
                current = self.lookup(root) or EMPTY
                self.bind(root, Value(union(current.facts, result.facts), qual=current.qual))
            return Value(union(receiver.facts, result.facts)), qual
        if method == "sample" and _upsamples(node):
            replace = _keyword_true(node, "replace")
            name = "`.sample(replace=True)`" if replace else "`.sample(frac>1)`"
            result = self._resample(node, name, ".sample", [func.value], [receiver])
            return result, qual
        if method == "sample" and _downsamples_class(node):
            result = self._resample(
                node, "`.sample(n=...)`", ".sample", [func.value], [receiver], kind="under"
            )
            return result, qual
        if method == "split" and receiver.instances_of("splitter"):
            splitter = receiver.instances_of("splitter")[0].name
            target = f"{splitter}.split"
            self._sink("splitter", target, node, list(node.args), args)
            train = Value(frozenset({SplitPart("train", target, node.lineno, node)}))
            test = Value(frozenset({SplitPart("test", target, node.lineno, node)}))
            pair = Value(union(train.facts, test.facts), (train, test))
            return Value(pair.facts, elem=pair), qual
        searches = receiver.instances_of("search")
        if method == "fit" and searches:
            target = f"{searches[0].name}.fit"
            data = [(e, v) for e, v in zip(node.args, args, strict=False)]
            data += [(kw.value, keywords[kw.arg]) for kw in node.keywords if kw.arg in ("X", "y")]
            built = searches[0].node
            estimator = None
            if isinstance(built, ast.Call):
                estimator = argument(built, "estimator", 0)
            self._sink(
                "search", target, node, [e for e, _ in data], [v for _, v in data],
                estimator=estimator,
            )  # fmt: skip
            return receiver, qual
        if method in ("pop", "drop") and any(isinstance(f, Loaded) for f in receiver.facts):
            selected = self._frame_method(node, receiver, method, args)
            if selected is not None:
                return selected, qual
        if method == "fit":
            self._fit_validation(node)
        if method in _RETURNS_SELF:
            return receiver, qual
        if method in library.CLASSIFIER_METHODS:
            self._shows_kind(func.value, receiver, "classifier")
        if method in _CONTAINER_VIEWS and instances:
            # ``models.values()``, ``models.items()``: the objects a dict of models holds
            held = Value(receiver.facts)
            elem = held if method == "values" else Value(held.facts, (EMPTY, held))
            return Value(held.facts, elem=elem), qual
        facts = frozenset(f for f in receiver.facts if not isinstance(f, Instance))
        if method in _PREDICT_METHODS:
            # a loaded model too: a metric of its predictions may show what it is
            predicted = [i for i in instances if i.final.role in _PREDICTING or i.role == "loaded"]
            if predicted:
                facts = union(facts, frozenset(Predicted(i) for i in predicted))
        for value in args:
            facts = union(facts, value.facts)
        for value in keywords.values():
            facts = union(facts, value.facts)
        if method in _MUTATORS:
            root = _root_name(func.value)
            if root is not None:
                current = self.lookup(root) or EMPTY
                added = frozenset().union(*(a.facts for a in args)) if args else frozenset()
                items = _appended(current, func, method, args, node)
                self.bind(root, Value(union(current.facts, added), items, qual=current.qual))
        return (Value(facts) if facts else EMPTY), qual

    def _frame_method(
        self, node: ast.Call, receiver: Value, method: str, args: list[Value]
    ) -> Value | None:
        """``df.pop("y")`` is the column ``y``; ``df.drop(columns=["y"])`` (or
        ``drop("y", axis=1)``) is the frame without it."""
        if method == "pop":
            if len(args) == 1 and isinstance(args[0].const, str) and not node.keywords:
                return self._selected(receiver, args[0].const, node.lineno)
            return None
        columns = argument(node, "columns")
        if columns is None:
            axis = argument(node, "axis", 1)
            if not (isinstance(axis, ast.Constant) and axis.value in (1, "columns")):
                return None
            columns = argument(node, "labels", 0)
        names = self._names(columns)
        if not names or argument(node, "inplace") is not None:
            return None
        facts = frozenset(f for f in receiver.facts if not isinstance(f, (Column, Dropped)))
        return Value(facts | {Dropped(names, node.lineno)})

    def _names(self, expr: ast.expr | None) -> tuple[str, ...]:
        """The column names a constant (or a list of constants) spells; () otherwise."""
        if expr is None:
            return ()
        if isinstance(expr, (ast.List, ast.Tuple)):
            names = [self.ev(e).const for e in expr.elts]
            return tuple(names) if all(isinstance(n, str) for n in names) else ()  # type: ignore[arg-type]
        name = self.ev(expr).const
        return (name,) if isinstance(name, str) else ()

    def _library_call(
        self, node: ast.Call, qual: str, args: list[Value], keywords: dict[str, Value],
        kw_facts: frozenset,
    ) -> Value:  # fmt: skip
        if library.is_resample_function(qual):
            keywords_given = {kw.arg for kw in node.keywords}
            bootstrap = not keywords_given & {"n_samples", "stratify"}
            kind = "under" if _keyword_false(node, "replace") else "over"
            name = "`resample(replace=False)`" if kind == "under" else "`resample`"
            return self._resample(
                node, name, "resample", list(node.args), args, bootstrap=bootstrap, kind=kind
            )
        if library.is_split_function(qual):
            self._sink("split", "train_test_split", node, list(node.args), args)
            self._pristine_split(node, args)
            items: list[Value] = []
            for position, value in enumerate(args):
                for part in ("train", "test"):
                    fact = SplitPart(part, "train_test_split", node.lineno, node, position)
                    items.append(with_facts(value, frozenset({fact})))
            facts = frozenset().union(*(i.facts for i in items)) if items else frozenset()
            return Value(facts, tuple(items))
        if library.is_cv_function(qual):
            name = qual.rsplit(".", 1)[-1]
            data = [(e, v) for e, v in zip(node.args[1:], args[1:], strict=False)]
            data += [(kw.value, keywords[kw.arg]) for kw in node.keywords if kw.arg in ("X", "y")]
            estimator = argument(node, "estimator", 0)
            self._sink(
                "cv", name, node, [e for e, _ in data], [v for _, v in data], estimator=estimator
            )
            return self._unknown(args, kw_facts)
        if library.is_random_split(qual):
            return self._random_split(node, args)
        held_out = _held_out_file(node, qual, args)
        if held_out is not None:
            return Value(union(self._unknown(args, kw_facts).facts, frozenset({held_out})))
        handmade = self._hand_written_oversampling(node, qual, args)
        if handmade is not None:
            return handmade
        if qual in library.MODEL_LOADERS:
            # A saved model: its path may say what it is (``clf.pkl``); else its name or a
            # later call will (see ``_named_by`` and ``_shows_kind``).
            predicts = library.kind_in_name(_text(node))
            return Value(frozenset({Instance(qual, "loaded", node.lineno, node, predicts)}))
        role = library.role_of_class(qual)
        if role is not None:
            predicts, wraps = _predicts(node, qual, role, args, keywords)
            return Value(frozenset({Instance(qual, role, node.lineno, node, predicts, wraps)}))
        return self._unknown(args, kw_facts)

    def _pristine_split(self, node: ast.Call, args: list[Value]) -> None:
        """Record a split whose ``y`` is a column exactly as the file holds it."""
        if len(args) < 2 or id(args[1]) not in self._exact:
            return
        column_value, frame = self._exact[id(args[1])]
        if id(frame) in self._touched:
            return
        loaded = [f for f in frame.facts if isinstance(f, Loaded)]
        columns = [f for f in column_value.facts if isinstance(f, Column)]
        if len(loaded) == 1 and len(columns) == 1:
            self.flow.pristine_splits[id(node)] = (loaded[0], columns[0])

    def _shows_kind(self, expr: ast.expr, value: Value, kind: str) -> None:
        """A later call shows what a loaded object is: the name holds that from here on."""
        loaded = [i for i in value.instances if i.role == "loaded" and i.predicts is None]
        if not loaded or not isinstance(expr, ast.Name):
            return
        facts = value.facts - set(loaded)
        facts = facts | {dataclasses.replace(i, predicts=kind) for i in loaded}
        self.bind(expr.id, Value(frozenset(facts), value.items, value.elem, value.qual))

    def _resample(
        self, node: ast.Call, sampler: str, sampler_text: str, exprs: list[ast.expr],
        values: list[Value], bootstrap: bool = False, kind: str = "over",
    ) -> Value:  # fmt: skip
        function = self.scope.function
        owner = function.name if function else None
        fact = Resampled(sampler, node.lineno, node, owner, bootstrap, kind)
        record = Resampling(
            node, sampler, sampler_text, list(zip(exprs, values, strict=False)), fact,
            in_loop=bool(self._loop_stack),
        )  # fmt: skip
        self.flow.resamplings.append(record)
        if function is not None:
            for position, value in enumerate(values):
                for index in _params_of(value, function):
                    template = Resampling(
                        node, sampler, sampler_text, [(exprs[position], value)], fact
                    )
                    function.summary.resamplings.append((index, template))
        extra = frozenset({fact})
        inputs = [with_facts(Value(v.facts), extra) for v in values]
        if len(inputs) >= 2:
            return Value(frozenset().union(*(i.facts for i in inputs)), tuple(inputs))
        return inputs[0] if inputs else Value(extra)

    def _hand_written_oversampling(
        self, node: ast.Call, qual: str, args: list[Value]
    ) -> Value | None:
        """Rows of a subset repeated by hand: ``np.repeat(minority_idx, 5)``,
        ``np.tile(idx, k)``, ``pd.concat([df] + [minority] * k)`` (also built in a
        comprehension, or appended in a loop). None when ``node`` is none of these; the
        result of ``np.where(y == 1)`` and the like is marked as a subset."""
        package, _, tail = qual.partition(".")
        tail = tail.rsplit(".", 1)[-1]
        if not node.args or package not in ("numpy", "pandas"):
            return None
        if tail in _INDEX_OF and _is_condition(node.args[0]):
            extra = frozenset({Subset(node.lineno)})
            return Value(union(self._unknown(args, frozenset()).facts, extra))
        if tail in ("repeat", "tile") and any(isinstance(f, Subset) for f in args[0].facts):
            name = f"hand-written oversampling (`np.{tail}` of `{_text(node.args[0])}`)"
            return self._resample(node, name, ".repeat", [node.args[0]], [args[0]])
        if tail in _CONCATENATE:
            repeated = self._repeated_subset(node.args[0])
            if repeated is not None:
                name = f"hand-written oversampling (`{repeated}` repeated)"
                result = self._resample(node, name, ".repeat", [node.args[0]], [args[0]])
                return Value(union(self._unknown(args, frozenset()).facts, result.facts))
        return None

    def _repeated_subset(self, expr: ast.expr) -> str | None:
        """The name of a subset that ``expr`` (a concatenation's list) holds several times:
        ``[minority] * k``, ``[minority for _ in range(k)]``, or a subset named in a loop
        that does not rebind it. None otherwise."""
        for node in ast.walk(expr):
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
                for side in (node.left, node.right):
                    if isinstance(side, ast.List | ast.Tuple):
                        for element in side.elts:
                            if self._is_subset_name(element):
                                return _text(element)
            elif isinstance(node, ast.ListComp | ast.GeneratorExp):
                bound = {n for g in node.generators for n in _bound_names(g.target)}
                element = node.elt
                if (
                    isinstance(element, ast.Name)
                    and element.id not in bound
                    and self._is_subset_name(element)
                ):
                    return element.id
        if isinstance(expr, ast.List | ast.Tuple):
            for element in expr.elts:
                if self._repeated_in_loop(element):
                    return _text(element)
        return None

    def _is_subset_name(self, expr: ast.expr) -> bool:
        if not isinstance(expr, ast.Name):
            return False
        value = self.lookup(expr.id)
        return value is not None and any(isinstance(f, Subset) for f in value.facts)

    def _repeated_in_loop(self, expr: ast.expr) -> bool:
        """Is ``expr`` a subset's name, added again on every run of the enclosing loop
        (the loop never rebinds it)?"""
        if not self._loop_stack or not self._is_subset_name(expr):
            return False
        loop = self._loop_stack[-1]
        bound = self._loop_bound.get(id(loop))
        if bound is None:
            bound = {
                n.id
                for n in ast.walk(loop)
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store | ast.Del)
            }
            self._loop_bound[id(loop)] = bound
        return expr.id not in bound  # type: ignore[attr-defined]

    def _random_split(self, node: ast.Call, args: list[Value]) -> Value:
        """``train_ds, val_ds = random_split(dataset, [0.8, 0.2])``: a split sink, whose
        first part is the training part and the others held out."""
        self._sink("split", "random_split", node, list(node.args[:1]), args[:1])
        data = args[0] if args else EMPTY
        lengths = argument(node, "lengths", 1)
        count = len(lengths.elts) if isinstance(lengths, ast.List | ast.Tuple) else 2
        parts = []
        for index in range(max(count, 1)):
            part = SplitPart("train" if index == 0 else "test", "random_split", node.lineno, node)
            parts.append(with_facts(Value(data.facts), frozenset({part})))
        return Value(frozenset().union(*(p.facts for p in parts)), tuple(parts))

    def _fit_validation(self, node: ast.Call) -> None:
        """Validation chosen inside a fit call: Keras ``validation_split=`` slices it off the
        training arrays (their tail: SMOTE's synthetic rows), ``validation_data=`` and the
        boosting libraries' ``eval_set=`` name it. Each is a ``"validation"`` sink whose
        target says which keyword chose it."""
        func = node.func
        assert isinstance(func, ast.Attribute)
        model = _text(func.value)
        # ``LGBMClassifier(n_estimators=500, ...).fit``: the model's text only when short.
        fit = f"{model}.fit" if len(model) <= 30 and "(" not in model else "fit"
        fraction = argument(node, "validation_split")
        if fraction is not None and not _zero(fraction):
            data = (argument(node, "x", 0), argument(node, "y", 1))
            exprs = [expr for expr in data if expr is not None]
            values = [self.flow._values.get(id(expr), EMPTY) for expr in exprs]
            self._sink("validation", f"{fit}(validation_split=...)", node, exprs, values)
        for name in ("validation_data", "eval_set"):
            given = argument(node, name)
            if given is not None:
                value = self.flow._values.get(id(given), EMPTY)
                self._sink("validation", f"{fit}({name}=...)", node, [given], [value])

    def _sink(
        self, kind: str, target: str, node: ast.Call, exprs: list[ast.expr],
        values: list[Value], estimator: ast.expr | None = None,
    ) -> None:  # fmt: skip
        function = self.scope.function
        for expr, value in zip(exprs, values, strict=False):
            if isinstance(expr, ast.Starred):
                expr = expr.value  # train_test_split(*SMOTE().fit_resample(X, y))
            sink = Sink(kind, target, node.lineno, node, expr, value, estimator=estimator)
            self.flow.sinks.append(sink)
            if function is not None:
                for index in _params_of(value, function):
                    function.summary.sinks.append((index, sink))

    # -- user functions ------------------------------------------------------------------
    def summarise(self, function: _Function) -> _Summary:
        if function.done or function.running:
            return function.summary
        function.running = True
        outer = self.scope
        scope = _Scope(function.scope, function)
        for index, name in enumerate(function.params):
            scope.env[name] = Value(frozenset({Param(function.index, index)}))
        args = function.node.args
        for extra in (args.vararg, *args.kwonlyargs, args.kwarg):
            if extra is not None:
                scope.env[extra.arg] = EMPTY
        self.scope = scope
        try:
            self.block(function.node.body)
        finally:
            self.scope = outer
        function.summary.returns = scope.returns or EMPTY
        function.running = False
        function.done = True
        return function.summary

    def _imported(self, qual: str) -> Imported | None:
        return self.project.function(qual) if self.project is not None else None

    def _imported_call(
        self, node: ast.Call, imported: Imported, args: list[Value], keywords: dict[str, Value]
    ) -> Value:
        """A function of another project module: its summary, seen from this call."""
        from imbalance_guard.code.project import localise

        source = imported.function
        index = -1 - len(self.flow.project_references) - len(self.flow.calls)
        local = _Function.__new__(_Function)
        local.node, local.scope, local.params = source.node, source.scope, source.params
        local.name, local.index, local.running, local.done = imported.name, index, False, True

        def moved(value: Value) -> Value:
            return localise(value, node, source.index, index)

        summary = source.summary
        local.summary = _Summary(
            returns=moved(summary.returns),
            sinks=[
                (i, dataclasses.replace(
                    s, value=moved(s.value), via=s.via or imported.name,
                    origin=s.origin or imported.path, estimator=None,  # not in this file
                ))
                for i, s in summary.sinks
            ],
            resamplings=[
                (i, dataclasses.replace(
                    r, fact=next(iter(moved(Value(frozenset({r.fact}))).facts)),
                    via=r.via or imported.name,
                ))
                for i, r in summary.resamplings
            ],
        )  # fmt: skip
        function = self.scope.function
        self.flow.referenced.update(imported.referenced)
        owner = function.name if function else None
        self.flow.project_references.setdefault(owner, set()).update(imported.referenced)
        return self._user_call(node, local, args, keywords)

    def _user_call(
        self, node: ast.Call, function: _Function, args: list[Value], keywords: dict[str, Value]
    ) -> Value:
        summary = self.summarise(function)
        bound: dict[int, tuple[ast.expr, Value]] = {}
        offset = 1 if function.scope.function is None and _is_method(function) else 0
        for position, (expr, value) in enumerate(zip(node.args, args, strict=False)):
            if isinstance(expr, ast.Starred):
                break
            bound[position + offset] = (expr, value)
        for kw in node.keywords:
            if kw.arg in function.params:
                bound[function.params.index(kw.arg)] = (kw.value, keywords[kw.arg])
        caller = self.scope.function
        for index, template in summary.sinks:
            if index not in bound:
                continue
            expr, value = bound[index]
            sink = Sink(
                template.kind, template.target, template.target_line, node, expr, value,
                via=template.via or function.name, estimator=template.estimator,
                origin=template.origin,
            )  # fmt: skip
            self.flow.sinks.append(sink)
            if caller is not None:
                for param in _params_of(value, caller):
                    key = (
                        "sink",
                        param,
                        sink.kind,
                        sink.target,
                        sink.target_line,
                        sink.via,
                        id(sink.estimator),
                    )
                    _add_once(caller.summary, caller.summary.sinks, (param, sink), key)
        for index, template in summary.resamplings:
            if index not in bound:
                continue
            expr, value = bound[index]
            record = Resampling(
                node, template.sampler, template.sampler_text, [(expr, value)], template.fact,
                via=template.via or function.name,
            )  # fmt: skip
            self.flow.resamplings.append(record)
            if caller is not None:
                for param in _params_of(value, caller):
                    key = (
                        "resampling",
                        param,
                        record.sampler,
                        record.sampler_text,
                        record.fact,
                        record.via,
                    )
                    _add_once(caller.summary, caller.summary.resamplings, (param, record), key)
        mapping = {index: value for index, (_, value) in bound.items()}
        return _substitute(summary.returns, function.index, mapping)


#: Methods that train on, predict from or score the data they are given.
_DATA_USES = frozenset(
    {
        "fit", "partial_fit", "fit_predict", "fit_transform", "predict", "predict_proba",
        "predict_log_proba", "decision_function", "score", "evaluate", "train",
        "fit_resample", "fit_sample", "fit_generator", "evaluate_generator",
    }
)  # fmt: skip

#: Methods that train on (or resample again) the data they are given.
_TRAINING_METHODS = frozenset(
    {"fit", "partial_fit", "fit_resample", "fit_sample", "fit_transform", "fit_predict",
     "train", "fit_generator"}
)  # fmt: skip

#: Readers of a data file (pandas' ``read_*`` are matched by their prefix).
_FILE_READERS = frozenset({"numpy.load", "numpy.loadtxt", "numpy.genfromtxt"})
#: Words of a file name that say it holds held-out data.
_HELD_OUT_WORDS = frozenset({"test", "testing", "val", "valid", "validation", "holdout"})


def _held_out_file(node: ast.Call, qual: str, args: list[Value]) -> SplitPart | None:
    """``pd.read_csv("data/test.csv")``: data loaded from its own held-out file is the test
    part of a split made before the program (named ``file `test.csv```)."""
    if not (qual.startswith("pandas.read_") or qual in _FILE_READERS) or not node.args:
        return None
    first = node.args[0]
    path = first.value if isinstance(first, ast.Constant) else args[0].const
    if not isinstance(path, str):
        return None
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    words = {w for w in re.split(r"[^a-z]+", name.lower()) if w}
    if not words & _HELD_OUT_WORDS:
        return None
    return SplitPart("test", f"file `{name}`", node.lineno, node)


#: numpy functions giving the positions where a condition holds.
_INDEX_OF = frozenset({"where", "flatnonzero", "nonzero", "argwhere"})
#: numpy and pandas functions that join arrays or frames end to end.
_CONCATENATE = frozenset({"concat", "concatenate", "vstack", "row_stack"})


def _is_condition(expr: ast.expr) -> bool:
    """A row condition: ``df.y == 1``, ``(a > 0) & (b < 2)``, ``~mask_of(...)``..."""
    if isinstance(expr, ast.Compare):
        return True
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.BitAnd | ast.BitOr):
        return _is_condition(expr.left) or _is_condition(expr.right)
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.Invert):
        return _is_condition(expr.operand)
    return False


#: Library classes that exist to feed a model: a loader or a booster's data set.
_DATA_CONSUMERS = frozenset({"DataLoader", "DMatrix", "Dataset"})


def _uses_data(call: Call) -> bool:
    """A call that trains, predicts or scores with its data, or a function we cannot see
    into (a project function without a summary, a name we do not know) and must assume
    does. Library calls that only reshape, print or plot data are no use of it: their
    results carry its facts on to whatever uses them."""
    if call.method in _DATA_USES:
        return True
    qual = call.qualname
    if qual is not None:
        return (
            qual.startswith(("sklearn.metrics", "imblearn.metrics"))
            or library.is_cv_function(qual)
            or qual.rsplit(".", 1)[-1] in _DATA_USES | _DATA_CONSUMERS
        )
    func = call.node.func
    return isinstance(func, ast.Name) and func.id not in _BUILTINS


def _appended(
    current: Value, func: ast.Attribute, method: str, args: list[Value], node: ast.Call
) -> tuple[Value, ...] | None:
    """The items of a list of known length after ``steps.append(item)`` on it, so that
    ``Pipeline(steps)`` knows its last step; None when not known."""
    if (
        method == "append"
        and isinstance(func.value, ast.Name)
        and current.items is not None
        and len(args) == 1
        and not node.keywords
        and not isinstance(node.args[0], ast.Starred)
    ):
        return (*current.items, args[0])
    return None


def _add_once(summary: _Summary, entries: list, entry: tuple, key: tuple) -> None:
    """Add a sink or resampling to a caller's summary unless one like it is there: call
    sites only use what the key holds, and helpers calling helpers several times each
    would otherwise double the summary at every level (memory exponential in depth)."""
    if key not in summary.keys:
        summary.keys.add(key)
        entries.append(entry)


def _is_method(function: _Function) -> bool:
    return bool(function.params) and function.params[0] in ("self", "cls")


def _params_of(value: Value, function: _Function) -> list[int]:
    return sorted(
        f.index for f in value.facts if isinstance(f, Param) and f.owner == function.index
    )


def _substitute(value: Value, owner: int, mapping: dict[int, Value]) -> Value:
    if not value.facts and value.items is None and value.elem is None:
        return value
    facts: frozenset = frozenset()
    for fact in value.facts:
        if isinstance(fact, Param) and fact.owner == owner:
            argument = mapping.get(fact.index)
            if argument is not None:
                facts = union(facts, argument.facts)
        else:
            facts = union(facts, frozenset({fact}))
    items = tuple(_substitute(i, owner, mapping) for i in value.items) if value.items else None
    elem = _substitute(value.elem, owner, mapping) if value.elem is not None else None
    return Value(facts, items, elem)


def _runs_at_least_once(node: ast.expr, iterable: Value) -> bool:
    """Does a ``for`` loop over ``node`` run its body at least once? Known for a literal
    (or unpacked) sequence with items, and for a CV splitter's ``split`` (n_splits >= 2),
    also inside ``enumerate``."""
    if iterable.items:
        return True
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "enumerate"
        and node.args
    ):
        node = node.args[0]
    return isinstance(node, ast.Call) and any(
        isinstance(fact, SplitPart) and fact.node is node for fact in iterable.facts
    )


def _bound_names(target: ast.expr) -> list[str]:
    """The names a loop target binds outright (not ``x`` in ``for x[i] in ...``)."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Starred):
        return _bound_names(target.value)
    if isinstance(target, ast.Tuple | ast.List):
        return [name for element in target.elts for name in _bound_names(element)]
    return []


def _root_name(expr: ast.expr) -> str | None:
    while isinstance(expr, (ast.Attribute, ast.Subscript)):
        expr = expr.value
    return expr.id if isinstance(expr, ast.Name) else None


def _named_by(value: Value, name: str) -> Value:
    """A loaded object bound to a name that says what it is (``clf = joblib.load(f)``)."""
    loaded = [i for i in value.facts if isinstance(i, Instance) and i.role == "loaded"]
    kind = library.kind_in_name(name) if loaded else None
    if kind is None or any(i.predicts for i in loaded):
        return value
    facts = (value.facts - set(loaded)) | {dataclasses.replace(i, predicts=kind) for i in loaded}
    return Value(frozenset(facts), value.items, value.elem, value.qual, value.func)


def _predicts(
    node: ast.Call, qual: str, role: str, args: list[Value], keywords: dict[str, Value]
) -> tuple[str | None, Instance | None]:
    """How the object built by ``node`` predicts: its own kind, or a wrapper's estimator's;
    and, for a wrapper, the final estimator it wraps when known.

    Pipelines count as their last step; searches (``*SearchCV``) as their estimator.
    Named wrappers (CalibratedClassifierCV, OneVsRestClassifier, VotingClassifier,
    StackingClassifier, ...) say what they are in their names, which decides.
    """
    positional = not any(isinstance(arg, ast.Starred) for arg in node.args)
    if role in ("classifier", "regressor"):
        wraps = None
        if library.is_wrapper_class(qual):
            inner = keywords.get("estimator") or (args[0] if positional and args else None)
            wraps = _final_estimator(inner)
        return role, wraps
    inner: Value | None = None
    if role == "pipeline" and qual.endswith("make_pipeline"):
        inner = args[-1] if positional and args else None
    elif role == "pipeline":
        steps = keywords.get("steps") or (args[0] if positional and args else None)
        last = steps.items[-1] if steps is not None and steps.items else None
        if last is not None and last.items is not None and len(last.items) >= 2:
            inner = last.items[1]
    elif role == "search":
        inner = keywords.get("estimator") or (args[0] if positional and args else None)
    if inner is None:
        return None, None
    return inner.predicts, _final_estimator(inner)


def _final_estimator(value: Value | None) -> Instance | None:
    """The estimator that predicts for ``value`` (unwrapped), when every estimator it may
    hold predicts the same way; the first of them in source order."""
    if value is None:
        return None
    finals = [i.final for i in value.instances if i.final.role in _PREDICTING]
    if not finals or len({i.final.role for i in finals}) != 1:
        return None
    return finals[0]


def _is_enumerate(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "enumerate"
        and bool(node.args)
    )


def _keyword_true(node: ast.Call, name: str) -> bool:
    value = argument(node, name)
    return isinstance(value, ast.Constant) and value.value is True


def _pandas_ml_sampling(receiver: Value, args: list[Value]) -> bool:
    """``frame.fit_sample(sampler)``: the argument is the sampler, not the receiver."""
    return (
        len(args) == 1
        and not receiver.instances_of("sampler")
        and bool(args[0].instances_of("sampler"))
    )


def _upsamples(node: ast.Call) -> bool:
    """``.sample(..., replace=True)`` or ``.sample(frac=F)`` with F > 1."""
    if _keyword_true(node, "replace"):
        return True
    frac = argument(node, "frac")
    return (
        isinstance(frac, ast.Constant)
        and isinstance(frac.value, (int, float))
        and not isinstance(frac.value, bool)
        and frac.value > 1
    )


def _zero(node: ast.expr) -> bool:
    """``validation_split=0`` or ``None``: no validation slice."""
    return isinstance(node, ast.Constant) and (node.value is None or node.value == 0)


def _keyword_false(node: ast.Call, name: str) -> bool:
    value = argument(node, name)
    return isinstance(value, ast.Constant) and value.value is False


def _downsamples_class(node: ast.Call) -> bool:
    """``majority.sample(n=len(minority))`` or ``df[df.y == 0].sample(n=500)``: rows of one
    class drawn down without replacement. A plain ``df.sample(n=1000)`` keeps the class
    shares (a random subset, not a rebalancing) and ``df.sample(n=len(df))`` shuffles, so
    only a draw whose receiver filters a class, or whose size is another value's length,
    counts."""
    if _keyword_true(node, "replace"):
        return False
    size = argument(node, "n", 0)
    frac = argument(node, "frac")
    func = node.func
    assert isinstance(func, ast.Attribute)
    filtered = isinstance(func.value, ast.Subscript) and any(
        isinstance(part, ast.Compare) for part in ast.walk(func.value.slice)
    )
    if size is None:
        return filtered and frac is not None and not _upsamples(node)
    receiver = _text(func.value)
    sized_by_other = any(
        isinstance(part, ast.Call)
        and isinstance(part.func, ast.Name)
        and part.func.id == "len"
        and part.args
        and _text(part.args[0]) != receiver
        for part in ast.walk(size)
    )
    return filtered or sized_by_other


#: Calls that only look at a frame they are given.
_LOOKS = frozenset({"print", "len", "display", "repr", "str", "type", "id"})
#: Frame methods that read (or select columns) without changing the frame.
_FRAME_READS = frozenset({"drop", "pop", "head", "tail", "info", "describe"})


def _join_paths(parts: list[str]) -> str:
    """``os.path.join`` / ``Path(a, b)`` of constants, with ``/`` separators."""
    out = parts[0]
    for part in parts[1:]:
        out = part if part.startswith("/") or not out else f"{out.rstrip('/')}/{part}"
    return out


def _int_constant(expr: ast.expr) -> int | None:
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.USub):
        inner = _int_constant(expr.operand)
        return -inner if inner is not None else None
    if isinstance(expr, ast.Constant) and type(expr.value) is int:
        return expr.value
    return None


def _data_arguments(call: Call) -> tuple[list[Value], list[Value]]:
    """The ``X`` and ``y`` values a split, a fit or cross-validation is given."""
    qual = call.qualname or call.callee or ""
    if library.is_split_function(qual):
        ys = call.args[1:2] + [v for k, v in call.keywords.items() if k == "stratify"]
        return call.args[:1], ys
    if library.is_cv_function(qual):
        xs = call.args[1:2] + [v for k, v in call.keywords.items() if k == "X"]
        return xs, call.args[2:3] + [v for k, v in call.keywords.items() if k == "y"]
    if call.method == "fit" and call.receiver is not None:
        xs = call.args[:1] + [v for k, v in call.keywords.items() if k == "X"]
        return xs, call.args[1:2] + [v for k, v in call.keywords.items() if k == "y"]
    return [], []


def _one_link(value: Value, kind: type) -> tuple[Loaded, Column | Dropped] | None:
    """The load and the column (or drop) when ``value`` has exactly one of each."""
    loaded = [f for f in value.facts if isinstance(f, Loaded)]
    marks = [f for f in value.facts if isinstance(f, kind)]
    if len(loaded) == 1 and len(marks) == 1:
        return loaded[0], marks[0]
    return None
