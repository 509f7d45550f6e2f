"""Reading a call's arguments the way Python binds them.

A module of its own (only :mod:`ast`), so rules and plugins that need no data-flow
analysis, and runs that check only datasets, can use it without loading the flow;
:mod:`imbalance_guard.code.flow` re-exports it and offers it as ``Call.argument``.
"""

from __future__ import annotations

import ast


def argument(node: ast.Call, name: str, position: int | None = None) -> ast.expr | None:
    """The expression bound to parameter ``name`` of a call, or None when not given.

    Found by keyword (``name=...``), else at ``position`` among the positional
    arguments (None: the parameter is keyword-only). A ``*args`` at or before the
    position hides which expression lands there, so that gives None rather than a
    guess; ``**options`` may hold any keyword, which callers that must know a
    keyword is *absent* check themselves.
    """
    for kw in node.keywords:
        if kw.arg == name:
            return kw.value
    if position is None or position >= len(node.args):
        return None
    if any(isinstance(arg, ast.Starred) for arg in node.args[: position + 1]):
        return None
    return node.args[position]
