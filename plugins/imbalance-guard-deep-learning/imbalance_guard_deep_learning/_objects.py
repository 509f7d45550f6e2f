"""Where a model, loss, sampler or metric object comes from: the call that built it.

The core's analysis follows data through one scope at a time. Deep-learning code keeps
its objects on ``self`` and builds them in one method (``__init__``, Lightning's
``setup``) to use them in another (``training_step``, ``val_dataloader``), or builds them
in a factory function (``make_model()``). This module answers "which constructor call
made the object this expression refers to" across those boundaries:

- a plain name, looked up in its function's assignments, then the module's;
- ``self.attr``, looked up in the assignments of every method of the enclosing class;
- a call of a function defined in the file, by the values that function returns.

It is a may-analysis (every assignment counts, in any order): the rules use it to
decide which object a call is made on, and fall back to spellings when it knows nothing.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field

from imbalance_guard.code.unit import CodeUnit
from imbalance_guard_deep_learning._common import per_unit

_DEPTH = 8  # nested look-ups before giving up (a = b; b = a ... terminates anyway)


@dataclass
class _Scope:
    node: ast.AST | None  # FunctionDef, or None for the module
    owner: ast.ClassDef | None  # the class whose method this is
    names: dict[str, list[ast.expr]] = field(default_factory=dict)
    returns: list[ast.expr] = field(default_factory=list)


class Objects:
    """Origins of the objects of one unit (build once per rule run with :func:`objects`)."""

    def __init__(self, unit: CodeUnit) -> None:
        self.module = _Scope(None, None)
        self._scope_of: dict[int, _Scope] = {}  # id(call node) -> scope it is written in
        # id(class) -> attribute -> (value assigned to self.attr, the method assigning it)
        self._attrs: dict[int, dict[str, list[tuple[ast.expr, _Scope]]]] = {}
        self._functions: dict[str, _Scope] = {}  # module-level def name -> scope
        self._methods: dict[int, dict[str, _Scope]] = {}  # id(class) -> method name -> scope
        self._visit(unit.tree.body, self.module)

    # -- building ------------------------------------------------------------------

    def _visit(self, body: list[ast.stmt], scope: _Scope) -> None:
        for stmt in body:
            self._statement(stmt, scope)

    def _statement(self, stmt: ast.stmt, scope: _Scope) -> None:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            owner = scope.owner if scope.node is None and scope.owner is not None else None
            inner = _Scope(stmt, owner)
            if owner is not None:
                self._methods.setdefault(id(owner), {})[stmt.name] = inner
            elif scope is self.module:
                self._functions[stmt.name] = inner
            self._visit(stmt.body, inner)
            return
        if isinstance(stmt, ast.ClassDef):
            self._attrs.setdefault(id(stmt), {})
            self._visit(stmt.body, _Scope(None, stmt))
            return
        if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for target in targets:
                self._bind(target, stmt.value, scope)
        if isinstance(stmt, ast.Return) and stmt.value is not None:
            scope.returns.append(stmt.value)
        for node in _own_nodes(stmt):
            if isinstance(node, ast.Call):
                self._scope_of[id(node)] = scope
            elif isinstance(node, ast.NamedExpr):
                self._bind(node.target, node.value, scope)
        for child in _child_blocks(stmt):
            self._visit(child, scope)

    def _bind(self, target: ast.expr, value: ast.expr, scope: _Scope) -> None:
        if isinstance(target, ast.Tuple | ast.List):
            values = value.elts if isinstance(value, ast.Tuple | ast.List) else None
            if values is not None and len(values) == len(target.elts):
                for t, v in zip(target.elts, values, strict=True):
                    self._bind(t, v, scope)
            return
        if isinstance(target, ast.Name):
            scope.names.setdefault(target.id, []).append(value)
        elif _is_self_attr(target) and scope.owner is not None:
            assert isinstance(target, ast.Attribute)
            self._attrs[id(scope.owner)].setdefault(target.attr, []).append((value, scope))

    # -- questions -----------------------------------------------------------------

    def scope_of(self, call: ast.Call) -> _Scope:
        return self._scope_of.get(id(call), self.module)

    def origins(self, expr: ast.expr, at: ast.Call) -> list[ast.Call]:
        """The constructor calls ``expr`` (an argument or receiver of call ``at``) may be."""
        found: list[ast.Call] = []
        self._origins(expr, self.scope_of(at), found, _DEPTH, set())
        return found

    def _origins(
        self, expr: ast.expr, scope: _Scope, found: list[ast.Call], depth: int, seen: set
    ) -> None:
        if depth == 0 or id(expr) in seen:
            return
        seen.add(id(expr))
        if isinstance(expr, ast.Call):
            factory = self._factory(expr, scope)
            if factory is None:
                found.append(expr)
                return
            for value in factory.returns:
                self._origins(value, factory, found, depth - 1, seen)
            return
        for value, where in self._values(expr, scope):
            self._origins(value, where, found, depth - 1, seen)

    def _values(self, expr: ast.expr, scope: _Scope) -> Iterator[tuple[ast.expr, _Scope]]:
        if isinstance(expr, ast.Name):
            local = scope.names.get(expr.id)
            if local is not None:
                yield from ((v, scope) for v in local)
            else:
                yield from ((v, self.module) for v in self.module.names.get(expr.id, []))
        elif _is_self_attr(expr) and scope.owner is not None:
            assert isinstance(expr, ast.Attribute)
            yield from self._attrs[id(scope.owner)].get(expr.attr, [])

    def _factory(self, call: ast.Call, scope: _Scope) -> _Scope | None:
        """The scope of the file's own function ``call`` calls (``make_model()``)."""
        func = call.func
        if isinstance(func, ast.Name) and func.id not in scope.names:
            return self._functions.get(func.id)
        if _is_self_attr(func) and scope.owner is not None:
            assert isinstance(func, ast.Attribute)
            return self._methods.get(id(scope.owner), {}).get(func.attr)
        return None


def objects(unit: CodeUnit) -> Objects:
    """The unit's :class:`Objects`, built once and shared by every rule of the plugin."""
    return per_unit(unit, "objects", Objects)


def _is_self_attr(expr: ast.expr) -> bool:
    return (
        isinstance(expr, ast.Attribute)
        and isinstance(expr.value, ast.Name)
        and expr.value.id == "self"
    )


def _child_blocks(stmt: ast.stmt) -> Iterator[list[ast.stmt]]:
    for name in ("body", "orelse", "finalbody"):
        block = getattr(stmt, name, None)
        if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
            yield block
    for handler in getattr(stmt, "handlers", []) or []:
        yield handler.body
    for case in getattr(stmt, "cases", []) or []:
        yield case.body


def _own_nodes(stmt: ast.stmt) -> Iterator[ast.AST]:
    """The expressions of ``stmt`` itself, not of the statements nested in it."""
    stack: list[ast.AST] = [
        child for child in ast.iter_child_nodes(stmt) if not isinstance(child, ast.stmt)
    ]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.Lambda):
            continue
        stack.extend(c for c in ast.iter_child_nodes(node) if not isinstance(c, ast.stmt))
