"""Independent judges of the code rules' output, written without the product's line model.

- :func:`same_program_modulo_fixes`: a fixed file is the original program except for
  what the metric fixes are documented to change (imports added or moved,
  ``stratify=``, balanced accuracy for accuracy, stratified splitters for plain ones),
  and it keeps every comment. ``train_tes, stratify=yt_split(...)`` parses, so the
  parse guard lets it through; this judge does not.
- :func:`span_text`: the text a finding's location points at, counted as Python
  counts lines (only ``\\n``, ``\\r\\n`` and ``\\r`` end one; columns are characters).
- :func:`with_noqa`: the program with ``# noqa: CODE`` appended to one line, or None
  when the comment would not be a comment there (inside a string, after a backslash).
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

_RENAMES = {
    "balanced_accuracy_score": "accuracy_score",
    "StratifiedKFold": "KFold",
    "RepeatedStratifiedKFold": "RepeatedKFold",
    "StratifiedShuffleSplit": "ShuffleSplit",
}
_ACCURACY_SCORING = ("accuracy", "balanced_accuracy")


def python_lines(text: str) -> list[str]:
    """The lines of ``text`` as Python's tokenizer counts them, without their ends."""
    return _LINE_BREAK.split(text)


def span_text(text: str, row: int, column: int, end_row: int, end_column: int) -> str | None:
    lines = python_lines(text)
    if not (1 <= row <= end_row <= len(lines)):
        return None
    if row == end_row:
        return lines[row - 1][column - 1 : end_column - 1]
    middle = lines[row : end_row - 1]
    return "\n".join([lines[row - 1][column - 1 :], *middle, lines[end_row - 1][: end_column - 1]])


def node_texts(text: str) -> set[str]:
    """The source text of every node of the program (Python's own line model), with
    line ends written as ``\\n``: a finding's location must cover exactly one of them."""
    tree = ast.parse(text)
    found = set()
    for node in ast.walk(tree):
        segment = ast.get_source_segment(text, node)
        if segment:
            found.add(_LINE_BREAK.sub("\n", segment))
    return found


def with_noqa(text: str, row: int, code: str) -> str | None:
    """``text`` with ``  # noqa: CODE`` at the end of line ``row``, if that is harmless."""
    pieces = _LINE_BREAK.split(text)
    ends = _LINE_BREAK.findall(text)
    if not 1 <= row <= len(pieces) or pieces[row - 1].rstrip().endswith("\\"):
        return None
    if "noqa" in pieces[row - 1].lower():
        return None  # the first noqa comment of a line is the one that counts (flake8, ruff)
    pieces[row - 1] += f"  # noqa: {code}"
    changed = "".join(p + e for p, e in zip(pieces, [*ends, ""], strict=True))
    try:
        same = _dump(ast.parse(changed)) == _dump(ast.parse(text))
    except (SyntaxError, ValueError):
        return None
    return changed if same else None


def _dump(tree: ast.AST) -> str:
    return ast.dump(tree, include_attributes=False)


class _Normalize(ast.NodeTransformer):
    """Map a program and its fixed version to the same tree when only fixes differ."""

    def __init__(self, aliases: dict[str, str]):
        self.aliases = aliases  # ``acc`` of ``import accuracy_score as acc`` -> accuracy_score

    def generic_visit(self, node: ast.AST) -> ast.AST:
        for name, value in ast.iter_fields(node):
            if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
                setattr(
                    node, name, [s for s in value if not isinstance(s, ast.Import | ast.ImportFrom)]
                )
        return super().generic_visit(node)

    def visit_Name(self, node: ast.Name) -> ast.AST:
        name = self.aliases.get(node.id, node.id)
        node.id = _RENAMES.get(name, name)
        return node

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        self.generic_visit(node)
        node.attr = _RENAMES.get(node.attr, node.attr)
        return node

    def _elements(self, node: ast.List | ast.Tuple | ast.Set) -> ast.AST:
        node.elts = [e for e in node.elts if not _is_constant(e, "balanced_accuracy")]
        return self.generic_visit(node)

    visit_List = visit_Tuple = visit_Set = _elements

    def visit_Dict(self, node: ast.Dict) -> ast.AST:
        pairs = [
            (k, v)
            for k, v in zip(node.keys, node.values, strict=True)
            if not (k is not None and _is_constant(k, "balanced_accuracy"))
        ]
        node.keys = [k for k, _ in pairs]
        node.values = [v for _, v in pairs]
        return self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> ast.AST:
        node.keywords = [
            kw
            for kw in node.keywords
            if kw.arg != "stratify"
            and not (kw.arg == "scoring" and _is_constant(kw.value, *_ACCURACY_SCORING))
        ]
        self.generic_visit(node)
        # balanced_accuracy_score(y, clf.predict(X)) is what the fix writes for clf.score(X, y)
        predict = node.args[1] if len(node.args) == 2 else None
        if (
            isinstance(node.func, ast.Name)
            and node.func.id == "accuracy_score"
            and not node.keywords
            and isinstance(predict, ast.Call)
            and isinstance(predict.func, ast.Attribute)
            and predict.func.attr == "predict"
            and len(predict.args) == 1
            and not predict.keywords
        ):
            score = ast.Attribute(predict.func.value, "score", ast.Load())
            return ast.Call(score, [predict.args[0], node.args[0]], [])
        return node


def _is_constant(node: ast.AST, *values: str) -> bool:
    return isinstance(node, ast.Constant) and node.value in values


def normalized(source: str | bytes) -> str:
    tree = ast.parse(source)
    aliases = {
        alias.asname: alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.asname and alias.name in (*_RENAMES, *_RENAMES.values())
    }
    return _dump(_Normalize(aliases).visit(tree))


def comments(source: str) -> list[str] | None:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source, newline="").readline))
    except (tokenize.TokenError, SyntaxError):
        return None
    return [t.string for t in tokens if t.type == tokenize.COMMENT]


def _decode(data: bytes) -> str:
    """Source bytes as Python decodes them (BOM, PEP 263 cookie)."""
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return data.decode(encoding)


def code_parts(data: bytes, notebook: bool) -> dict[int | None, str]:
    """The Python text of a file: ``{None: text}``, or a notebook's code cells by index."""
    if not notebook:
        return {None: _decode(data)}
    document = json.loads(data.decode("utf-8-sig"))
    parts: dict[int | None, str] = {}
    for index, cell in enumerate(document["cells"], start=1):
        if cell.get("cell_type") == "code":
            source = cell["source"]
            parts[index] = source if isinstance(source, str) else "".join(source)
    return parts


def same_program_modulo_fixes(old: bytes, new: bytes, notebook: bool = False) -> str | None:
    """None if ``new`` is ``old`` with only documented fix edits, else what differs."""
    old_parts, new_parts = code_parts(old, notebook), code_parts(new, notebook)
    if old_parts.keys() != new_parts.keys():
        return f"cells differ: {sorted(old_parts, key=str)} -> {sorted(new_parts, key=str)}"
    for part, old_text in old_parts.items():
        new_text = new_parts[part]
        try:
            before = normalized(old_text)
        except (SyntaxError, ValueError):
            continue  # a notebook cell with magics: the loader handles it, this judge cannot
        try:
            after = normalized(new_text)
        except (SyntaxError, ValueError) as exc:
            return f"part {part}: no longer parses: {exc}"
        if before != after:
            return f"part {part}: changed beyond the fixes:\n{old_text!r}\n->\n{new_text!r}"
        old_comments, new_comments = comments(old_text), comments(new_text)
        if old_comments is not None and new_comments is not None:
            lost = [c for c in old_comments if c not in new_comments]
            if lost:
                return f"part {part}: comments lost or altered: {lost}"
    return None
