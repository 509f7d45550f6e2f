"""Help text a user can paste: code built from their own statements.

A suggestion that shows code shows it in place of statements of the user's file,
named in the line before it: ``... (replace line 14):`` or ``(replace cell 3,
lines 2-4):``, then the new code indented by four spaces. The code keeps the
user's names, arguments and layout and changes only what the rule is about, so
pasting it over those lines (at their indentation) gives a program that parses,
runs and no longer has the finding. Where no such code can be built the help
says what to do in words instead of showing code that would not fit.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.lines import LINE_BREAK

INDENT = "    "


def _memo(unit: CodeUnit, key: str, build):
    """A per-unit index, built once: help for many findings must stay linear."""
    store = unit.__dict__.setdefault("_paste_memo", {})
    if key not in store:
        store[key] = build()
    return store[key]


def _parents(unit: CodeUnit) -> dict[int, ast.AST]:
    def build() -> dict[int, ast.AST]:
        parents: dict[int, ast.AST] = {}
        for node in ast.walk(unit.tree):
            for child in ast.iter_child_nodes(node):
                parents[id(child)] = node
        return parents

    return _memo(unit, "parents", build)


def parent(unit: CodeUnit, node: ast.AST) -> ast.AST | None:
    """The node ``node`` is a child of."""
    return _parents(unit).get(id(node))


def statement_of(unit: CodeUnit, node: ast.AST) -> ast.stmt | None:
    """The innermost statement holding ``node``."""
    parents = _parents(unit)
    current: ast.AST | None = node
    while current is not None and not isinstance(current, ast.stmt):
        current = parents.get(id(current))
    return current


def stores(unit: CodeUnit) -> dict[str, list[int]]:
    """The program lines where each name is bound or deleted, in order."""

    def build() -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for node in ast.walk(unit.tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
                found.setdefault(node.id, []).append(node.lineno)
        for lines in found.values():
            lines.sort()
        return found

    return _memo(unit, "stores", build)


def where(unit: CodeUnit, statement: ast.stmt) -> str:
    """``line 14``, ``lines 14-16``, ``cell 3, line 2`` ..."""
    first, last = statement.lineno, statement.end_lineno or statement.lineno
    cell, line = unit.cell_of(first)
    _, end = unit.cell_of(last)
    lines = f"line {line}" if line == end else f"lines {line}-{end}"
    return f"cell {cell.index}, {lines}" if cell else lines


def _span(unit: CodeUnit, node: ast.AST) -> tuple[int, int]:
    index = unit.line_index
    start = index.offset(node.lineno, index.char_column(node.lineno, node.col_offset))  # type: ignore[attr-defined]
    last = node.end_lineno or node.lineno  # type: ignore[attr-defined]
    end = index.offset(last, index.char_column(last, node.end_col_offset or 0))  # type: ignore[attr-defined]
    return start, end


def rewrite(
    unit: CodeUnit, node: ast.AST, replacements: Iterable[tuple[ast.AST, str]]
) -> list[str]:
    """The lines of ``node`` (a statement) with the given sub-nodes' text replaced,
    the statement's own indentation taken off its continuation lines."""
    start, end = _span(unit, node)
    text = unit.source
    pieces, cursor = [], start
    for sub, content in sorted(replacements, key=lambda item: _span(unit, item[0])):
        s, e = _span(unit, sub)
        if s < cursor:
            continue  # nested in a replacement already made
        pieces += [text[cursor:s], content]
        cursor = e
    pieces.append(text[cursor:end])
    lines = LINE_BREAK.sub("\n", "".join(pieces)).split("\n")
    indent = unit.line_text(node.lineno)[
        : len(unit.line_text(node.lineno)) - len(unit.line_text(node.lineno).lstrip())
    ]  # type: ignore[attr-defined]
    return [lines[0]] + [
        line[len(indent) :] if line.startswith(indent) else line for line in lines[1:]
    ]


def names_in(unit: CodeUnit) -> set[str]:
    """Every name the file uses or binds (imports too)."""

    def build() -> set[str]:
        names = set()
        for node in ast.walk(unit.tree):
            if isinstance(node, ast.Name):
                names.add(node.id)
            elif isinstance(node, ast.Import | ast.ImportFrom):
                names.update(a.asname or a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
        return names

    return _memo(unit, "names", build)


def free_name(unit: CodeUnit, base: str) -> str:
    """``base``, or ``base_2`` ... if the file uses that name already."""
    taken = names_in(unit)
    if base not in taken:
        return base
    number = 2
    while f"{base}_{number}" in taken:
        number += 1
    return f"{base}_{number}"


def block(lines: Iterable[str]) -> str:
    """Code lines as the help shows them."""
    return "\n".join(INDENT + line for line in lines)


def imported_as(unit: CodeUnit, module: str, name: str) -> str | None:
    """The name ``from module import name`` is bound to in the file, if it is imported."""

    def build() -> dict[tuple[str, str], str]:
        bound: dict[tuple[str, str], str] = {}
        for node in ast.walk(unit.tree):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    bound.setdefault((node.module, alias.name), alias.asname or alias.name)
        return bound

    return _memo(unit, "imported", build).get((module, name))


def import_line(unit: CodeUnit, module: str, name: str) -> tuple[str | None, str]:
    """(the import to paste, or None if the file has it; the name to use): a name the
    file already binds to something else is imported under another name."""
    bound = imported_as(unit, module, name)
    if bound is not None:
        return None, bound
    if name in names_in(unit):
        alias = free_name(unit, "Imb" + name)
        return f"from {module} import {name} as {alias}", alias
    return f"from {module} import {name}", name
