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
    return Edit(loc.end_line, loc.end_column, loc.end_line, loc.end_column, content, loc.cell, "")


def replace_attribute_name(unit: CodeUnit, node: ast.Attribute, name: str) -> Edit | None:
    """Replace only the ``attr`` part of ``obj.attr`` (``metrics.accuracy_score``)."""
    loc = unit.location(node)
    start = loc.end_column - len(node.attr)
    line = unit.line_text(node.end_lineno or node.lineno)
    if line[start - 1 : loc.end_column - 1] != node.attr:
        return None  # ``obj . attr`` or a comment in between: leave it to the user
    return Edit(loc.end_line, start, loc.end_line, loc.end_column, name, loc.cell, node.attr)


def import_edit(unit: CodeUnit, module: str, name: str, near: str | None = None) -> Edit | None:
    """An edit making ``from module import name`` available, or None if it is: merged
    into the file's ``from module import ...`` or placed where ruff's isort puts it,
    beside the import of ``near`` (the name being replaced) so notebook cells stay
    self-contained (see :mod:`imbalance_guard.fix.imports`)."""
    from imbalance_guard.fix import imports  # only a file with a finding to fix pays for it

    return imports.add_name(unit, module, name, near)
