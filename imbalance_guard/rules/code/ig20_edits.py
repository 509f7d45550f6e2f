"""Building the text edits of the metric rules' fixes from AST nodes.

Edits are placed with :meth:`CodeUnit.location`, so they are in the user's
coordinates (cell, line in cell, character columns) exactly like findings.
"""

from __future__ import annotations

import ast

from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.findings import Edit


def source_of(unit: CodeUnit, node: ast.AST) -> str:
    """The user's own text of ``node`` (one or several lines, breaks as ``\\n``)."""
    text = unit.segment(node)
    return ast.unparse(node) if text is None else text


def replace(unit: CodeUnit, node: ast.AST, content: str) -> Edit:
    loc = unit.location(node)
    return Edit(
        loc.line,
        loc.column,
        loc.end_line,
        loc.end_column,
        content,
        cell=loc.cell,
        original=unit.segment(node),
    )


def insert_after(unit: CodeUnit, node: ast.AST, content: str) -> Edit:
    loc = unit.location(node)
    return Edit(
        loc.end_line, loc.end_column, loc.end_line, loc.end_column, content, loc.cell, ""
    )


def replace_attribute_name(unit: CodeUnit, node: ast.Attribute, name: str) -> Edit | None:
    """Replace only the ``attr`` part of ``obj.attr`` (``metrics.accuracy_score``)."""
    loc = unit.location(node)
    start = loc.end_column - len(node.attr)
    line = unit.line_text(node.end_lineno or node.lineno)
    if line[start - 1 : loc.end_column - 1] != node.attr:
        return None  # ``obj . attr`` or a comment in between: leave it to the user
    return Edit(loc.end_line, start, loc.end_line, loc.end_column, name, loc.cell, node.attr)


def _binds(statement: ast.stmt, module: str, name: str) -> bool:
    return isinstance(statement, ast.ImportFrom) and statement.module == module and any(
        alias.name in (name, "*") and alias.asname in (None, name) for alias in statement.names
    )


def import_edit(unit: CodeUnit, module: str, name: str, near: ast.AST | None = None) -> Edit | None:
    """An edit adding ``from module import name`` on its own line, or None if it is there.

    The line goes right after the import statement that brought ``near`` in when
    there is one (so notebook cells stay self-contained), else after the first
    ``from module import ...`` statement, else after the module's leading imports.
    """
    statements = unit.flow.metric_facts.import_statements
    if any(_binds(s, module, name) for s in statements):
        return None
    anchor = None
    if near is not None:
        anchor = next(
            (
                s
                for s in statements
                if isinstance(s, ast.ImportFrom)
                and any((a.asname or a.name) == near for a in s.names)
            ),
            None,
        )
    anchor = anchor or next(
        (s for s in statements if isinstance(s, ast.ImportFrom) and s.module == module), None
    )
    if anchor is None:
        top = [s for s in unit.tree.body if isinstance(s, ast.Import | ast.ImportFrom)]
        anchor = top[-1] if top else None
    text = f"from {module} import {name}"
    if anchor is None:
        first = unit.tree.body[0] if unit.tree.body else None
        loc = unit.location(line=first.lineno if first else 1)
        return Edit(loc.line, 1, loc.line, 1, text + "\n", cell=loc.cell, original="")
    loc = unit.location(anchor)
    first_line = unit.line_text(anchor.lineno)
    indent = first_line[: len(first_line) - len(first_line.lstrip())]
    # Insert at the end of the statement's last line, so the new line follows it
    # even when the statement is the last line of the file without a newline.
    end = len(unit.line_text(anchor.end_lineno or anchor.lineno).rstrip("\r\n")) + 1
    return Edit(
        loc.end_line, end, loc.end_line, end, f"\n{indent}{text}", cell=loc.cell, original=""
    )
