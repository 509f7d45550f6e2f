"""Import-alias resolution: which library object does a name in the code stand for?

Code rules match library calls by *qualified name* (``"imblearn.over_sampling.SMOTE"``,
``"sklearn.metrics.accuracy_score"``), whatever the user called them locally::

    from imblearn.over_sampling import SMOTE as S   # S(...)         -> imblearn.over_sampling.SMOTE
    import imblearn.over_sampling as ovs            # ovs.SMOTE(...) -> the same
    import sklearn.metrics as skm                   # skm.f1_score   -> sklearn.metrics.f1_score
    import sklearn.metrics                          # sklearn.metrics.f1_score -> the same
    from sklearn import metrics                     # metrics.f1_score -> the same

Public API:

* :class:`ImportMap` — the aliases of one module; build it with :func:`collect_imports`
  (or use ``unit.imports`` of a :class:`~imbalance_guard.code.unit.CodeUnit`, computed once).
* :meth:`ImportMap.qualify` / :func:`qualified_name` — an expression (usually a call's
  ``func``) to its qualified name, or None when it is not rooted in an import.
* :func:`matches` — compare a qualified name against a public name, tolerating the
  private module a library defines it in (``imblearn.over_sampling._smote.base.SMOTE``).

The map is flow-insensitive: every import in the module (including those inside
functions, ``try`` blocks and notebook cells) counts, and the last binding of a name
wins. Re-binding an imported name to something else (``np = 3``) is not tracked;
real code almost never does it, and the data-flow analysis tracks values, not modules.
"""

from __future__ import annotations

import ast
import builtins
from dataclasses import field

from imbalance_guard.records import record

__all__ = ["ImportMap", "collect_imports", "matches", "qualified_name"]

_BUILTINS = frozenset(dir(builtins))


# eq/repr off: a unit's import map (built once per unit) is compared by identity.
@record(eq=False, repr=False)
class ImportMap:
    """Local names bound by imports, mapped to what they import.

    ``aliases["S"] == "imblearn.over_sampling.SMOTE"`` after
    ``from imblearn.over_sampling import SMOTE as S``; ``aliases["np"] == "numpy"``
    after ``import numpy as np``; ``aliases["sklearn"] == "sklearn"`` after
    ``import sklearn.metrics``. ``star_modules`` lists modules imported with ``*``,
    in order: a name bound by nothing else is looked up in the last of them.
    """

    aliases: dict[str, str] = field(default_factory=dict)
    star_modules: list[str] = field(default_factory=list)

    def add(self, node: ast.Import | ast.ImportFrom) -> None:
        """Record the names one import statement binds."""
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    self.aliases[alias.asname] = alias.name
                else:
                    top = alias.name.split(".", 1)[0]
                    self.aliases[top] = top
            return
        module = "." * (node.level or 0) + (node.module or "")
        for alias in node.names:
            if alias.name == "*":
                if module not in self.star_modules:
                    self.star_modules.append(module)
                continue
            prefix = module if module.endswith(".") or not module else module + "."
            self.aliases[alias.asname or alias.name] = prefix + alias.name

    def resolve_name(self, name: str) -> str | None:
        """The qualified name a bare local ``name`` stands for, or None."""
        found = self.aliases.get(name)
        if found is not None:
            return found
        if self.star_modules and name not in _BUILTINS:
            module = self.star_modules[-1]
            return module + name if module.endswith(".") else f"{module}.{name}"
        return None

    def qualify(self, expr: ast.AST) -> str | None:
        """Qualified name of a ``Name`` or a dotted ``Attribute`` chain rooted in an import.

        ``ovs.SMOTE`` -> ``"imblearn.over_sampling.SMOTE"``; ``S`` -> the same; anything
        else (a call result, a subscript, a local variable) -> None.
        """
        name = dotted_name(expr)
        if name is None:
            return None
        head, dot, rest = name.partition(".")
        root = self.resolve_name(head)
        if root is None:
            return None
        return f"{root}{dot}{rest}"

    def names_for(self, qualified: str) -> list[str]:
        """Local names bound directly to ``qualified`` (for messages and fixes)."""
        return [local for local, target in self.aliases.items() if target == qualified]


def dotted_name(expr: ast.AST) -> str | None:
    """``self.X_train`` -> "self.X_train": a name and its attributes only, else None."""
    parts: list[str] = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    if not isinstance(expr, ast.Name):
        return None
    parts.append(expr.id)
    return ".".join(reversed(parts))


def collect_imports(tree: ast.AST) -> ImportMap:
    """Every import of the module, in source order.

    Imports are statements, so only statement bodies are visited — never the
    expressions, which make up most of a tree; this costs a small part of a walk.
    """
    imports = ImportMap()
    stack: list[ast.AST] = [tree]
    found: list[ast.Import | ast.ImportFrom] = []
    bodies = _BODIES
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is ast.Import or kind is ast.ImportFrom:
            found.append(node)  # type: ignore[arg-type]
            continue
        # Most statements are simple (an assignment, a call, a return): by their type, not
        # by asking each of them for five fields it does not have.
        for name in bodies.get(kind, ()):
            stack.extend(getattr(node, name))
    found.sort(key=lambda n: (n.lineno, n.col_offset))
    for node in found:
        imports.add(node)
    return imports


# The fields holding statements (or handlers / match cases, which hold statements) of
# each node type that has any; every other statement holds only expressions.
_BODIES: dict[type, tuple[str, ...]] = {
    ast.Module: ("body",),
    ast.Interactive: ("body",),
    ast.FunctionDef: ("body",),
    ast.AsyncFunctionDef: ("body",),
    ast.ClassDef: ("body",),
    ast.If: ("body", "orelse"),
    ast.For: ("body", "orelse"),
    ast.AsyncFor: ("body", "orelse"),
    ast.While: ("body", "orelse"),
    ast.With: ("body",),
    ast.AsyncWith: ("body",),
    ast.Try: ("body", "handlers", "orelse", "finalbody"),
    ast.ExceptHandler: ("body",),
    ast.Match: ("cases",),
    ast.match_case: ("body",),
}
if hasattr(ast, "TryStar"):  # Python 3.11: ``except*``
    _BODIES[ast.TryStar] = ("body", "handlers", "orelse", "finalbody")


def qualified_name(func: ast.AST, imports: ImportMap) -> str | None:
    """Qualified name of a call's ``func`` expression, or None (see :meth:`ImportMap.qualify`)."""
    return imports.qualify(func)


def matches(qualified: str | None, public: str) -> bool:
    """True when ``qualified`` names the public object ``public``.

    Exact match, or the same package and final name with private or intermediate
    modules in between: ``imblearn.over_sampling._smote.base.SMOTE`` and
    ``imblearn.SMOTE``-style re-exports both match ``imblearn.over_sampling.SMOTE``.
    """
    if qualified is None:
        return False
    if qualified == public:
        return True
    q_parts = qualified.split(".")
    p_parts = public.split(".")
    return q_parts[0] == p_parts[0] and q_parts[-1] == p_parts[-1] and len(q_parts) > 1
