"""Import edits that keep ruff's F and I rules clean after a fix.

Fixes change which names a file needs: ``balanced_accuracy_score`` comes in,
``accuracy_score`` may lose its last use. A project that runs ruff beside this
tool must not fail ruff's hook after every ``--fix``, so:

* a new name joins an existing ``from module import ...`` of the same module,
  its names in the order ruff's isort (I001, default settings) keeps them;
* a genuinely new ``from module import name`` goes where isort would put it:
  its section (standard library, third party, first party, local) and its
  place by module name inside the import block;
* :func:`made_unused` and :func:`removals` take out of the import statements
  the names a fix left without a use (F401), and only those: an import that was
  unused before the fix is the user's business.

The layout matches ruff's isort defaults: ``import x`` before ``from x import``
in a section, modules and names compared case-insensitively with numbers in
natural order, names ordered constants, classes, then the rest, a statement on
one line when it fits in 88 characters, else one name per line with a trailing
comma (and kept that way when the user's statement already had that comma).
"""

from __future__ import annotations

import ast
import functools
import itertools
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.findings import Edit
from imbalance_guard.records import record

#: ruff's default line length; a statement longer than this is wrapped.
LINE_LENGTH = 88

_FUTURE, _STDLIB, _THIRD_PARTY, _FIRST_PARTY, _LOCAL = range(5)
_DIGITS = re.compile(r"(\d+)")
_MAGIC_COMMA = re.compile(r",\s*\)\s*$")


def _natural(text: str) -> tuple:
    """isort's natural, case-insensitive order (``x2`` before ``x10``)."""
    return tuple(int(part) if part.isdigit() else part for part in _DIGITS.split(text.lower()))


def member_key(name: str, asname: str | None = None) -> tuple:
    """The order of names inside ``from m import ...`` (order-by-type: constants,
    classes, then functions and variables)."""
    if len(name) > 1 and name.isupper():
        kind = 0
    elif name[:1].isupper():
        kind = 1
    else:
        kind = 2
    return (kind, _natural(name), name, _natural(asname or ""))


def _top(module: str) -> str:
    return module.split(".", 1)[0]


def _section(unit: CodeUnit, statement: ast.Import | ast.ImportFrom) -> int:
    if isinstance(statement, ast.ImportFrom):
        if statement.level:
            return _LOCAL
        if statement.module == "__future__":
            return _FUTURE
        module = statement.module or ""
    else:
        module = statement.names[0].name
    top = _top(module)
    if top in sys.stdlib_module_names:
        return _STDLIB
    return _FIRST_PARTY if _is_first_party(unit, top) else _THIRD_PARTY


def _is_first_party(unit: CodeUnit, top: str) -> bool:
    return _beside(str(Path(unit.path).parent), top)


@functools.lru_cache(maxsize=1024)
def _beside(directory: str, top: str) -> bool:
    """ruff counts a module beside the file (its ``src`` root) as first party."""
    folder = Path(directory)
    try:
        return (folder / f"{top}.py").is_file() or (folder / top / "__init__.py").is_file()
    except OSError:
        return False


def _statement_key(unit: CodeUnit, statement: ast.Import | ast.ImportFrom) -> tuple:
    first = statement.names[0]
    if isinstance(statement, ast.ImportFrom):
        module = "." * statement.level + (statement.module or "")
        return (
            _section(unit, statement),
            1,
            _natural(module),
            member_key(first.name, first.asname),
        )
    return (_section(unit, statement), 0, _natural(first.name), ())


# -- rendering -----------------------------------------------------------------------


def _alias(alias: ast.alias) -> str:
    return f"{alias.name} as {alias.asname}" if alias.asname else alias.name


def render_from(
    module: str, names: Iterable[tuple[str, str | None]], indent: str = "", wrap: bool = False
) -> str:
    """``from module import a, b`` as isort lays it out (no leading indent on line 1)."""
    unique = sorted(set(names), key=lambda n: member_key(*n))
    parts = [f"{n} as {a}" if a else n for n, a in unique]
    line = f"from {module} import {', '.join(parts)}"
    if not wrap and len(indent) + len(line) <= LINE_LENGTH:
        return line
    body = "".join(f"{indent}    {part},\n" for part in parts)
    return f"from {module} import (\n{body}{indent})"


def _wrapped(unit: CodeUnit, statement: ast.ImportFrom) -> bool:
    """The statement has a magic trailing comma: isort keeps it one name per line."""
    text = unit.segment(statement) or ""
    return bool(_MAGIC_COMMA.search(text))


def _has_comment(unit: CodeUnit, statement: ast.stmt) -> bool:
    """A comment inside the statement, which re-rendering it would lose (one after
    its end stays where it is)."""
    return "#" in (unit.segment(statement) or "")


def _indent(unit: CodeUnit, statement: ast.stmt) -> str:
    line = unit.line_text(statement.lineno)
    return line[: len(line) - len(line.lstrip())]


def _replace(unit: CodeUnit, node: ast.AST, content: str) -> Edit:
    loc = unit.location(node)
    return Edit(
        loc.line, loc.column, loc.end_line, loc.end_column, content, loc.cell, unit.segment(node)
    )


# -- blocks --------------------------------------------------------------------------


@record(frozen=True)
class _Block:
    """Consecutive import statements of one body (and one notebook cell)."""

    statements: list[ast.Import | ast.ImportFrom]


def _is_sorted(unit: CodeUnit, block: _Block) -> bool:
    keys = [_statement_key(unit, s) for s in block.statements]
    return all(a <= b for a, b in itertools.pairwise(keys))


def _bodies(tree: ast.AST) -> Iterator[list[ast.stmt]]:
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
                yield body
        for handler in getattr(node, "handlers", []) or []:
            yield handler.body
        for case in getattr(node, "cases", []) or []:
            yield case.body


def _blocks(unit: CodeUnit, body: list[ast.stmt]) -> list[_Block]:
    blocks: list[_Block] = []
    current: list[ast.Import | ast.ImportFrom] = []
    cell = None
    for statement in body:
        here = unit.cell_of(statement.lineno)[0]
        if isinstance(statement, ast.Import | ast.ImportFrom) and (not current or here is cell):
            current.append(statement)
            cell = here
            continue
        if current:
            blocks.append(_Block(current))
            current = []
        if isinstance(statement, ast.Import | ast.ImportFrom):
            current, cell = [statement], here
    if current:
        blocks.append(_Block(current))
    return blocks


def _memo(unit: CodeUnit, key: str, build):
    """A per-unit index built once: fixes for many findings must stay linear."""
    store = unit.__dict__.setdefault("_imports_memo", {})
    if key not in store:
        store[key] = build()
    return store[key]


def _block_of(unit: CodeUnit, statement: ast.stmt) -> _Block | None:
    def build() -> dict[int, _Block]:
        found: dict[int, _Block] = {}
        for body in _bodies(unit.tree):
            if any(isinstance(s, ast.Import | ast.ImportFrom) for s in body):
                for block in _blocks(unit, body):
                    found.update((id(s), block) for s in block.statements)
        return found

    return _memo(unit, "blocks", build).get(id(statement))


def _top_blocks(unit: CodeUnit) -> list[_Block]:
    return _memo(unit, "top", lambda: _blocks(unit, unit.tree.body))


def _imports(unit: CodeUnit) -> list[ast.Import | ast.ImportFrom]:
    return _memo(
        unit,
        "imports",
        lambda: [n for n in ast.walk(unit.tree) if isinstance(n, ast.Import | ast.ImportFrom)],
    )


def _binder(unit: CodeUnit, name: str) -> ast.Import | ast.ImportFrom | None:
    """The first import statement binding ``name``."""

    def build() -> dict[str, ast.Import | ast.ImportFrom]:
        found: dict[str, ast.Import | ast.ImportFrom] = {}
        for statement in _imports(unit):
            for alias in statement.names:
                found.setdefault(_bound_name(alias, statement), statement)
        return found

    return _memo(unit, "binders", build).get(name)


def _from_module(unit: CodeUnit, module: str) -> list[ast.ImportFrom]:
    """The ``from module import ...`` statements (absolute) of the unit."""

    def build() -> dict[str, list[ast.ImportFrom]]:
        found: dict[str, list[ast.ImportFrom]] = {}
        for statement in _imports(unit):
            if isinstance(statement, ast.ImportFrom) and statement.module and not statement.level:
                found.setdefault(statement.module, []).append(statement)
        return found

    return _memo(unit, "from", build).get(module, [])


def _binds(statement: ast.stmt, module: str, name: str) -> bool:
    return (
        isinstance(statement, ast.ImportFrom)
        and statement.module == module
        and not statement.level
        and any(a.name in (name, "*") and a.asname in (None, name) for a in statement.names)
    )


def _bound_name(alias: ast.alias, statement: ast.Import | ast.ImportFrom) -> str:
    if alias.asname:
        return alias.asname
    return alias.name if isinstance(statement, ast.ImportFrom) else _top(alias.name)


# -- adding a name -------------------------------------------------------------------


def add_name(unit: CodeUnit, module: str, name: str, near: str | None = None) -> Edit | None:
    """An edit that makes ``from module import name`` available, or None if it is.

    ``near`` is a name whose import the new one should sit beside (the name the fix
    replaces), so a notebook cell or a function that imports for itself keeps doing so.
    """
    return add_names(unit, module, [(name, None)], near)


def add_names(
    unit: CodeUnit,
    module: str,
    names: list[tuple[str, str | None]],
    near: str | None = None,
    skip: ast.stmt | None = None,
) -> Edit | None:
    """One edit importing ``names`` (name, alias) from ``module``, merged or placed as
    isort would; None if they are all imported already. ``skip`` is a statement the
    same fix removes, which must not be merged into."""
    same = [s for s in _from_module(unit, module) if s is not skip]
    names = [
        (n, a)
        for n, a in dict.fromkeys(names)
        if not any(_binds(s, module, a or n) and (a is None or _binds_as(s, n, a)) for s in same)
    ]
    if not names:
        return None
    anchor = _binder(unit, near) if near is not None else None
    block = _block_of(unit, anchor) if anchor is not None else None
    if block is None:
        top = _top_blocks(unit)
        block = next(
            (b for b in top if any(s in b.statements for s in same)), top[0] if top else None
        )
    plain = [(n, a) for n, a in names if a is None]
    aliased = [(n, a) for n, a in names if a is not None]
    if block is None:
        text = "\n".join(_statements_text(module, plain, aliased, ""))
        return _new_block(unit, text)
    target = next(
        (
            s
            for s in block.statements
            if s is not skip
            and isinstance(s, ast.ImportFrom)
            and s.module == module
            and not s.level
            and not any(a.asname or a.name == "*" for a in s.names)
            and not _has_comment(unit, s)
        ),
        None,
    )
    if target is not None and plain and not aliased:
        merged = [(a.name, a.asname) for a in target.names] + plain
        text = render_from(module, merged, _indent(unit, target), _wrapped(unit, target))
        return _replace(unit, target, text)
    if target is not None and plain:
        return None  # both a merge and new aliased lines: too rare to lay out well
    indent = _indent(unit, block.statements[0])
    texts = _statements_text(module, plain, aliased, indent)
    if not _is_sorted(unit, block):
        # The user does not sort imports: no reordering, the new line joins the anchor.
        beside = anchor if anchor in block.statements else block.statements[-1]
        lines = f"\n{indent}".join(texts)
        return _insert_at_end(unit, beside, f"\n{_indent(unit, beside)}{lines}")
    first = (plain or aliased)[0]
    key = (_THIRD_PARTY, 1, _natural(module), member_key(*first))
    return _insert_sorted(unit, block, key, texts, skip)


def _binds_as(statement: ast.stmt, name: str, asname: str) -> bool:
    return isinstance(statement, ast.ImportFrom) and any(
        a.name == name and a.asname == asname for a in statement.names
    )


def _statements_text(
    module: str,
    plain: list[tuple[str, str | None]],
    aliased: list[tuple[str, str | None]],
    indent: str,
) -> list[str]:
    """The new statements, in isort's order: one per aliased name, one for the rest."""
    groups = [[pair] for pair in aliased] + ([plain] if plain else [])
    groups.sort(key=lambda g: min(member_key(*pair) for pair in g))
    return [render_from(module, group, indent) for group in groups]


def _insert_sorted(
    unit: CodeUnit, block: _Block, key: tuple, texts: list[str], skip: ast.stmt | None
) -> Edit:
    statements = [s for s in block.statements if s is not skip] or block.statements
    indent = _indent(unit, statements[0])
    keys = [_statement_key(unit, s) for s in statements]
    lines = f"\n{indent}".join(texts)
    position = sum(1 for k in keys if k <= key)
    if position and keys[position - 1][0] == _THIRD_PARTY:
        return _insert_at_end(unit, statements[position - 1], f"\n{indent}{lines}")
    if (position < len(keys) and keys[position][0] == _THIRD_PARTY) or not position:
        # first of its section's statements, or before everything: above the next one
        following = statements[position] if position < len(keys) else statements[0]
        gap = "" if keys[position][0] == _THIRD_PARTY else "\n"
        loc = unit.location(following)
        return Edit(
            loc.line, loc.column, loc.line, loc.column, f"{lines}\n{gap}{indent}", loc.cell, ""
        )
    # a new section after the previous one
    return _insert_at_end(unit, statements[position - 1], f"\n\n{indent}{lines}")


def _insert_at_end(unit: CodeUnit, statement: ast.stmt, content: str) -> Edit:
    # At the end of the statement's last line (past a trailing comment), so the new
    # line follows it even on the last line of a file without a newline.
    loc = unit.location(statement)
    end = len(unit.line_text(statement.end_lineno or statement.lineno).rstrip("\r\n")) + 1
    return Edit(loc.end_line, end, loc.end_line, end, content, loc.cell, "")


def _new_block(unit: CodeUnit, text: str) -> Edit:
    """The first import of a file: before its first statement (after a docstring),
    followed by the blank lines isort wants (two before a def or class)."""
    body = unit.tree.body
    first = body[0] if body else None
    if (
        first is not None
        and isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
        and len(body) > 1
    ):
        first = body[1]
    if first is None:
        loc = unit.location(line=1)
        return Edit(loc.line, 1, loc.line, 1, text + "\n", loc.cell, "")
    decorated = getattr(first, "decorator_list", None)
    line = min([first.lineno, *(d.lineno for d in decorated or [])])
    blank = (
        "\n\n" if isinstance(first, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) else "\n"
    )
    loc = unit.location(line=line)
    return Edit(loc.line, 1, loc.line, 1, f"{text}\n{blank}", loc.cell, "")


# -- removing names a fix left unused --------------------------------------------------


def _uses(tree: ast.AST) -> dict[str, int]:
    """How often each name is mentioned outside imports (``__all__`` strings count)."""
    counts: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            counts[node.id] = counts.get(node.id, 0) + 1
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            for element in ast.walk(node.value):
                if isinstance(element, ast.Constant) and isinstance(element.value, str):
                    counts[element.value] = counts.get(element.value, 0) + 1
    return counts  # ``import a.b`` is used by ``a.b.c``: the Name ``a`` counts


_WORD = re.compile(r"[^\W\d]\w*")


def _in_magics(unit: CodeUnit) -> set[str]:
    """Words of a notebook's IPython lines (``%timeit f(x)``), which the program holds
    as ``pass``: a name they mention counts as used."""
    words: set[str] = set()
    for cell in unit.cells:
        for offset, text in enumerate(cell.source.splitlines()):
            if unit.line_text(cell.first_line + offset) != text:
                words.update(_WORD.findall(text))
    return words


def made_unused(before: CodeUnit, after: CodeUnit) -> set[str]:
    """Names imported in ``after`` that were used in ``before`` and are not any more."""
    old, new = _uses(before.tree), _uses(after.tree)
    for word in _in_magics(after):
        new[word] = new.get(word, 0) + 1
    imported = {
        _bound_name(alias, statement)
        for statement in _imports(after)
        if not (isinstance(statement, ast.ImportFrom) and statement.module == "__future__")
        for alias in statement.names
        if alias.name != "*"
    }
    return {name for name in imported if old.get(name, 0) and not new.get(name, 0)}


def removals(unit: CodeUnit, names: set[str]) -> list[Edit]:
    """Edits taking ``names`` out of the unit's import statements (whole statements
    when nothing is left). A statement with comments inside is left alone."""
    edits = []
    for statement in _imports(unit):
        if isinstance(statement, ast.ImportFrom) and statement.module == "__future__":
            continue
        gone = [a for a in statement.names if _bound_name(a, statement) in names]
        if not gone or _has_comment(unit, statement):
            continue
        kept = [a for a in statement.names if a not in gone]
        if kept:
            edits.append(_replace(unit, statement, _render(unit, statement, kept)))
        else:
            edit = _delete_statement(unit, statement)
            if edit is not None:
                edits.append(edit)
    return edits


def _render(unit: CodeUnit, statement: ast.Import | ast.ImportFrom, kept: list[ast.alias]) -> str:
    if isinstance(statement, ast.Import):
        return "import " + ", ".join(_alias(a) for a in kept)
    module = "." * statement.level + (statement.module or "")
    names = [(a.name, a.asname) for a in kept]
    if statement.level and not statement.module:
        return f"from {module} import {', '.join(_alias(a) for a in kept)}"
    return render_from(module, names, _indent(unit, statement), _wrapped(unit, statement))


def _delete_statement(unit: CodeUnit, statement: ast.stmt) -> Edit | None:
    """Delete a statement with its line(s); ``pass`` if it was a body's only statement."""
    alone = _memo(
        unit,
        "alone",
        lambda: {
            id(body[0])
            for body in _bodies(unit.tree)
            if len(body) == 1 and body is not unit.tree.body
        },
    )
    if id(statement) in alone:
        return _replace(unit, statement, "pass")
    first, last = statement.lineno, statement.end_lineno or statement.lineno
    prefix = unit.line_text(first).encode()[: statement.col_offset]
    suffix = unit.line_text(last).rstrip("\r\n").encode()[statement.end_col_offset :]
    if prefix.strip() or suffix.strip():
        # shares its line with other code (``import a; b()``), or carries the user's
        # comment, which a fix never deletes: leave it
        return None
    cell = unit.cell_of(first)[0]

    def same_cell(n: int) -> bool:
        return 1 <= n <= len(unit.lines) and unit.cell_of(n)[0] is cell

    def blank(n: int) -> bool:
        return same_cell(n) and not unit.line_text(n).strip()

    # Keep the blank lines around the import block as isort wants them: a statement
    # alone between two blank lines takes one of them with it.
    if blank(last + 1) and (blank(first - 1) or not same_cell(first - 1)):
        last += 1
    start = unit.location(line=first)
    if same_cell(last + 1):
        end = unit.location(line=last + 1)
        return Edit(start.line, 1, end.line, 1, "", start.cell, None)
    if same_cell(first - 1):
        before = unit.location(line=first - 1, column=len(unit.line_text(first - 1).rstrip("\r\n")))
        tail = len(unit.line_text(last).rstrip("\r\n"))
        end = unit.location(line=last, column=tail)
        return Edit(before.line, before.column, end.line, end.column, "", start.cell, None)
    tail = len(unit.line_text(last).rstrip("\r\n"))
    end = unit.location(line=last, column=tail)
    return Edit(start.line, 1, end.line, end.column, "", start.cell, None)


def move_names(
    unit: CodeUnit, statement: ast.ImportFrom, moved: list[ast.alias], module: str
) -> list[Edit]:
    """Edits importing the ``moved`` names of ``statement`` from ``module`` instead,
    the statement keeping its other names; [] when it cannot be laid out cleanly."""
    kept = [a for a in statement.names if a not in moved]
    pairs = [(a.name, a.asname) for a in moved]
    if kept:
        edit = add_names(unit, module, pairs, near=_bound_name(moved[0], statement))
        rest = _replace(unit, statement, _render(unit, statement, kept))
        return [rest, edit] if edit is not None else [rest]
    block = _block_of(unit, statement)
    others = [s for s in block.statements if s is not statement] if block else []
    merged = add_names(unit, module, pairs, skip=statement) if others else None
    if merged is not None and merged.original:  # joined an existing statement
        removal = _delete_statement(unit, statement)
        return [merged, removal] if removal is not None else []
    key = (_THIRD_PARTY, 1, _natural(module), min(member_key(*p) for p in pairs))
    position = sum(1 for s in others if _statement_key(unit, s) <= key)
    if (
        block is None
        or not _is_sorted(unit, block)
        or position == block.statements.index(statement)
    ):
        texts = _statements_text(
            module,
            [p for p in pairs if p[1] is None],
            [p for p in pairs if p[1] is not None],
            _indent(unit, statement),
        )
        return [_replace(unit, statement, f"\n{_indent(unit, statement)}".join(texts))]
    removal = _delete_statement(unit, statement)
    if merged is None or removal is None:
        return []
    return [removal, merged]
