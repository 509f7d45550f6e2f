"""Questions the metric rules (IG2xx) ask about a unit, answered once per unit.

Qualified names come from the shared import resolution
(:mod:`imbalance_guard.code.imports`). The few estimator facts the metric rules
need and the shared analysis does not offer yet — which class an estimator
variable holds, what a ``train_test_split`` result is used for, a name bound to
one constant string — are answered here by one flow-insensitive pass over the
unit's assignments. They are deliberately simple (every binding of a name in
the unit counts); when the shared data-flow analysis offers the same facts,
these functions should ask it instead.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from imbalance_guard.code import library as C
from imbalance_guard.code.calls import argument
from imbalance_guard.code.unit import CodeUnit

_CACHE_ATTRIBUTE = "_ig20_facts"
_ROLES = ("classifier", "regressor")


@dataclass
class UnitFacts:
    """Everything the IG2xx rules look up, built in one walk of the tree."""

    unit: CodeUnit
    calls: list[tuple[ast.Call, str]] = field(default_factory=list)  # (call, callee or "")
    referenced: set[str] = field(default_factory=set)  # every qualified name used
    bindings: dict[str, list[ast.expr]] = field(default_factory=lambda: defaultdict(list))
    split_targets: dict[int, list[str]] = field(default_factory=dict)  # id(call) -> names
    parents: dict[int, ast.AST] = field(default_factory=dict)
    returns: dict[str, list[ast.expr]] = field(default_factory=lambda: defaultdict(list))
    flow_calls: dict | None = None  # id(call node) -> imbalance_guard.code.flow.Call
    loads: dict[str, list[ast.Name]] = field(default_factory=lambda: defaultdict(list))
    memo: dict[int, ast.Call | None] = field(default_factory=dict)
    imports: list[ast.Import | ast.ImportFrom] = field(default_factory=list)
    element_memo: dict[str, list[ast.expr]] = field(default_factory=dict)
    name_memo: dict[str, ast.Call | None] = field(default_factory=dict)
    # Answers a rule computes once per unit (keyed by a name the rule chooses).
    rule_memo: dict[str, object] = field(default_factory=dict)

    # -- names -------------------------------------------------------------------
    def qualname(self, node: ast.AST) -> str:
        """The qualified name ``node`` (a Name or Attribute chain) refers to, or ''."""
        return _qualify(self.unit, node) or ""

    def calls_to(self, names: frozenset[str] | set[str] | dict) -> Iterator[tuple[ast.Call, str]]:
        return ((call, name) for call, name in self.calls if name in names)

    def uses(self, names: frozenset[str] | set[str]) -> bool:
        return any(name in self.referenced for name in names)

    def uses_package(self, prefixes: tuple[str, ...]) -> bool:
        return any(
            name == p or name.startswith(p + ".") for name in self.referenced for p in prefixes
        )

    # -- constants ----------------------------------------------------------------
    def constant_string(self, node: ast.expr) -> str | None:
        """The string ``node`` is: a literal, or a name only ever bound to one literal."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            values = self.bindings.get(node.id, [])
            if len(values) == 1 and isinstance(values[0], ast.Constant):
                value = values[0].value
                return value if isinstance(value, str) else None
        return None

    # -- estimators ----------------------------------------------------------------
    def estimator_class(self, node: ast.expr | None) -> str | None:
        """The qualified class of the estimator ``node`` evaluates to, when known."""
        call = self.estimator_call(node)
        return self.qualname(call.func) if call is not None else None

    def estimator_call(self, node: ast.expr | None, depth: int = 0) -> ast.Call | None:
        """The constructor call (``RandomForestClassifier(...)``) of the estimator ``node``
        evaluates to, when known.

        Follows names to their bindings, ``est.fit(...)`` (returns ``est``),
        ``make_pipeline``/``Pipeline`` (their last step), search and ensemble
        wrappers (their estimator), ``.best_estimator_`` and loops over a literal
        list or dict of estimators (when all of them agree on the kind).
        """
        if node is None or depth > 8:
            return None
        key = id(node)
        if key in self.memo:
            return self.memo[key]
        self.memo[key] = None  # a cycle (``m = f(m)``) resolves to "unknown"
        self.memo[key] = found = self._estimator_call(node, depth + 1)
        return found

    def _estimator_call(self, node: ast.expr, depth: int) -> ast.Call | None:
        if isinstance(node, ast.Call):
            name = self.qualname(node.func)
            tail = name.rpartition(".")[2]
            if name and C.prediction_kind(name):
                if tail in C.WRAPPERS or tail.startswith(("OneVsRest", "OneVsOne", "Calibrated")):
                    inner = self.estimator_call(argument(node, "estimator", 0), depth)
                    return inner or node
                return node
            if tail == "make_pipeline" and node.args:
                return self.estimator_call(node.args[-1], depth)
            if tail == "Pipeline":
                steps = argument(node, "steps", 0)
                if isinstance(steps, ast.List | ast.Tuple) and steps.elts:
                    last = steps.elts[-1]
                    if isinstance(last, ast.Tuple) and len(last.elts) >= 2:
                        return self.estimator_call(last.elts[1], depth)
                return None
            if tail in C.WRAPPERS or tail.endswith("SearchCV"):
                return self.estimator_call(argument(node, "estimator", 0), depth)
            if isinstance(node.func, ast.Attribute) and node.func.attr in ("fit", "set_params"):
                return self.estimator_call(node.func.value, depth)
            if isinstance(node.func, ast.Name) and node.func.id in self.returns:
                # a local factory function: what all its ``return`` statements give
                return self._common(self.returns[node.func.id], depth)
            return None
        if isinstance(node, ast.Attribute) and node.attr in ("best_estimator_", "estimator"):
            return self.estimator_call(node.value, depth)
        if isinstance(node, ast.Subscript):
            return self._common(self._elements(node.value, depth), depth)
        if isinstance(node, ast.Name):
            # The same for every use of the name (every binding counts): once per name,
            # not once per use, or re-bound names cost uses x bindings.
            if node.id not in self.name_memo:
                self.name_memo[node.id] = None  # a cycle resolves to "unknown"
                self.name_memo[node.id] = self._common(self.bindings.get(node.id, []), depth)
            return self.name_memo[node.id]
        return None

    def estimator_kind(self, node: ast.expr | None) -> str | None:
        """``"classifier"`` or ``"regressor"`` for the estimator ``node`` holds, when known.

        The shared data-flow analysis answers first: it is flow-sensitive, so a name
        reused for a regressor and then a classifier is right at each use. Where it
        only knows a pipeline or a search wrapper, the structural lookup of
        :meth:`estimator_call` looks inside for the final estimator.
        """
        role = self.flow_role(node)
        if role is not None:
            return role
        name = self.estimator_class(node)
        return C.prediction_kind(name) if name else None

    def estimator_name(self, node: ast.expr | None) -> str:
        """The estimator's class name as users write it (``LogisticRegression``), or ''."""
        name = self.estimator_class(node)
        if name:
            return name.rpartition(".")[2]
        instances = [i for i in self._flow_value(node).instances if i.role in _ROLES]
        return instances[0].name if instances else ""

    # -- the shared data-flow analysis (unit.flow) ------------------------------------------
    def _flow_value(self, node: ast.expr | None):  # -> imbalance_guard.code.facts.Value
        from imbalance_guard.code.facts import EMPTY

        if node is None:
            return EMPTY
        try:
            flow = self.unit.flow
        except Exception:  # the metric rules still work on what they can see themselves
            return EMPTY
        value = flow.value_of(node)
        if value.facts:
            return value
        # a method's receiver (``clf`` in ``clf.score(...)``) is kept on the call
        attribute = self.parent(node)
        call = self.parent(attribute) if isinstance(attribute, ast.Attribute) else None
        if isinstance(call, ast.Call) and call.func is attribute:
            if self.flow_calls is None:
                self.flow_calls = {id(c.node): c for c in flow.calls}
            found = self.flow_calls.get(id(call))
            if found is not None and found.receiver is not None:
                return found.receiver
        return value

    def resampled(self, node: ast.expr) -> bool:
        """Was the value of ``node`` (an argument of a call) produced by resampling?"""
        return bool(self._flow_value(node).resampled)

    def flow_role(self, node: ast.expr | None) -> str | None:
        """What the estimator ``node`` holds predicts, as the flow follows it (wrappers too)."""
        return self._flow_value(node).predicts

    def _common(self, values: list[ast.expr], depth: int) -> ast.Call | None:
        calls = [self.estimator_call(v, depth) for v in values]
        kinds = {C.prediction_kind(self.qualname(c.func)) if c else None for c in calls}
        if len(kinds) == 1 and None not in kinds:
            return calls[0]
        return None

    def _elements(self, node: ast.expr, depth: int) -> list[ast.expr]:
        """The values of a literal list/dict ``node`` is (or a name bound to one)."""
        if isinstance(node, ast.Name) and depth < 8:
            if node.id in self.element_memo:
                return self.element_memo[node.id]
            self.element_memo[node.id] = []  # cycles resolve to "no known elements"
            bound = self.bindings.get(node.id, [])
            found = [e for value in bound for e in self._elements(value, depth + 1)]
            self.element_memo[node.id] = found
            return found
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            return list(node.elts)
        if isinstance(node, ast.Dict):
            return [v for v in node.values if v is not None]
        return []

    # -- data --------------------------------------------------------------------------
    def balanced_data(self) -> bool:
        """Does the unit load a data set whose classes are balanced by construction?"""
        for call, name in self.calls:
            if name in C.BALANCED_DATASETS:
                return True
            if name == "sklearn.datasets.make_classification":
                return argument(call, "weights") is None
            if name == "sklearn.datasets.fetch_openml":
                data = self.constant_string(argument(call, "name", 0) or ast.Constant(None))
                return (data or "").lower() in ("mnist_784", "fashion-mnist", "cifar_10")
        return False

    # -- where values go --------------------------------------------------------------
    def loads_of(self, name: str) -> list[ast.Name]:
        """Every place the unit reads the variable ``name``."""
        return self.loads.get(name, [])

    def parent(self, node: ast.AST) -> ast.AST | None:
        return self.parents.get(id(node))


def _qualify(unit: CodeUnit, node: ast.AST) -> str | None:
    name = unit.imports.qualify(node)
    if name is None or name in C.PUBLIC_NAMES:
        return name
    # ``sklearn.metrics._classification.accuracy_score`` and other private or old
    # module paths of a catalogued name: same package, same final name.
    root, _, tail = name.partition(".")
    return C.PUBLIC_BY_ROOT_AND_TAIL.get((root, name.rpartition(".")[2]), name) if tail else name


def _bind(facts: UnitFacts, target: ast.expr, value: ast.expr | None) -> None:
    if isinstance(target, ast.Name) and value is not None:
        facts.bindings[target.id].append(value)
    elif (
        isinstance(target, ast.Tuple | ast.List)
        and isinstance(value, ast.Tuple | ast.List)
        and len(value.elts) == len(target.elts)
    ):
        for sub, val in zip(target.elts, value.elts, strict=True):
            _bind(facts, sub, val)


def _bind_loop(facts: UnitFacts, loop: ast.For | ast.comprehension) -> None:
    """``for m in [a, b]`` binds ``m`` to a and b; ``for k, m in d.items()`` to d's values."""
    iterable, target = loop.iter, loop.target
    if (
        isinstance(iterable, ast.Call)
        and isinstance(iterable.func, ast.Attribute)
        and iterable.func.attr in ("items", "values")
    ):
        values = facts._elements(iterable.func.value, 0)
        if iterable.func.attr == "items":
            if isinstance(target, ast.Tuple) and len(target.elts) == 2:
                target = target.elts[1]
            else:
                return
    else:
        values = facts._elements(iterable, 0)
    if isinstance(target, ast.Name):
        facts.bindings[target.id].extend(values)


def relevant(unit: CodeUnit) -> bool:
    """Does the unit import anything the metric rules know? (Cheap: no tree walk.)"""
    imports = unit.imports
    roots = {name.split(".", 1)[0] for name in imports.aliases.values()}
    roots.update(module.split(".", 1)[0] for module in imports.star_modules)
    return not roots.isdisjoint(C.ML_PACKAGES)


def inside_function(f: UnitFacts, node: ast.AST, names: tuple[str, ...]) -> bool:
    """Is ``node`` inside a function (or method) with one of these names?"""
    owner = f.parent(node)
    while owner is not None:
        if isinstance(owner, ast.FunctionDef | ast.AsyncFunctionDef) and owner.name in names:
            return True
        owner = f.parent(owner)
    return False


def facts(unit: CodeUnit) -> UnitFacts:
    """The metric facts of ``unit``, computed on first use and kept on the unit."""
    cached = unit.__dict__.get(_CACHE_ATTRIBUTE)
    if cached is not None:
        return cached
    result = UnitFacts(unit)
    loops: list[ast.For | ast.comprehension] = []
    parents = result.parents
    stack: list[ast.AST] = [unit.tree]
    while stack:  # one pass; parents are recorded before their children are visited
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
            stack.append(child)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            result.loads[node.id].append(node)
        if isinstance(node, ast.Call):
            result.calls.append((node, result.qualname(node.func)))
        elif (
            isinstance(node, ast.Name | ast.Attribute)
            and not isinstance(parents.get(id(node)), ast.Attribute)
            and (name := result.qualname(node))
        ):
            result.referenced.add(name)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                _bind(result, target, node.value)
                if isinstance(node.value, ast.Call) and isinstance(target, ast.Tuple | ast.List):
                    names = [e.id if isinstance(e, ast.Name) else "" for e in target.elts]
                    result.split_targets[id(node.value)] = names
        elif isinstance(node, ast.AnnAssign | ast.NamedExpr):
            _bind(result, node.target, node.value)
        elif isinstance(node, ast.For | ast.comprehension):
            loops.append(node)
        elif isinstance(node, ast.Return) and node.value is not None:
            owner = parents.get(id(node))
            while owner is not None and not isinstance(
                owner, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
            ):
                owner = parents.get(id(owner))
            if isinstance(owner, ast.FunctionDef | ast.AsyncFunctionDef):
                result.returns[owner.name].append(node.value)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            result.imports.append(node)
    result.calls.sort(key=lambda item: (item[0].lineno, item[0].col_offset))
    result.imports.sort(key=lambda item: (item.lineno, item.col_offset))
    for loop in loops:  # after all assignments are known
        _bind_loop(result, loop)
    result.element_memo.clear()  # computed while loop bindings were still being added
    result.referenced.update(name for _, name in result.calls if name)
    # ``metrics.ConfusionMatrixDisplay.from_estimator`` also uses the class itself.
    result.referenced.update(
        name.rsplit(".", depth)[0]
        for name in list(result.referenced)
        for depth in range(1, name.count("."))
    )
    unit.__dict__[_CACHE_ATTRIBUTE] = result
    return result
