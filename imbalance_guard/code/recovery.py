"""Analyse the rest of a program when one part of it does not parse.

A notebook whose cell 37 holds a half-typed ``easy.(`` is still a notebook whose cell 10
leaks: Jupyter runs cells one by one, so one bad cell never stops the others. A ``.py``
file with one broken top-level statement is the same case in one file. This module finds
the parts Python cannot parse (notebook cells; top-level statements of a script), puts
one line in place of each that makes every name the part may have bound *unknown* from
there on (``a = b = None``: no facts), blanks the part's other lines so every other line
keeps its number, and re-parses. When that does not give a program Python accepts, the
recovery is not sound for the case and the caller keeps the plain syntax error (IG001 for
the whole file).

No parser is written here: Python's own parser says where the error is, and the parts
are cut along lines (cells, or lines starting a statement at column 0), never inside one.
"""

from __future__ import annotations

import ast
import io
import keyword
import re
import tokenize
from collections.abc import Sequence

from imbalance_guard.records import record

#: Broken parts recovered in one file at most; beyond, the file is too broken to trust
#: what is left of it (and each attempt costs a parse).
MAX_BROKEN = 5
#: Parses tried while looking for the broken statements of a script.
MAX_ATTEMPTS = 12


@record(frozen=True)
class Unparsed:
    """A part of the program left out of the analysis: 1-based program lines
    ``first``..``last``, and Python's error (its line and 0-based character column)."""

    first: int
    last: int
    message: str
    line: int
    column: int


def syntax_message(exc: SyntaxError) -> str:
    return exc.msg or "invalid syntax"


def error_column(exc: SyntaxError) -> int:
    """0-based character column of Python's error (its ``offset`` counts from 1)."""
    return max((exc.offset or 1) - 1, 0)


# -- the names a broken part may bind ---------------------------------------------------

_AUGMENTED = {"+=", "-=", "*=", "/=", "//=", "%=", "**=", "@=", "&=", "|=", "^=", ">>=", "<<="}
_OPEN, _CLOSE = "([{", ")]}"
_ASSIGNED = re.compile(r"^\s*([\w\s,()\[\]*]+?)\s*(?:[-+*/%@&|^]|//|\*\*|>>|<<)?=(?!=)")
_IDENTIFIER = re.compile(r"[^\W\d]\w*")
_CALL = re.compile(r"\w\s*\(")  # `f(a=1`: a keyword argument, not an assignment


def _tokens(text: str) -> tuple[list[tokenize.TokenInfo], int]:
    """The tokens Python's tokenizer gives before it fails, and the last line it reached."""
    tokens: list[tokenize.TokenInfo] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            tokens.append(token)
    except (tokenize.TokenError, SyntaxError):
        pass
    return tokens, tokens[-1].end[0] if tokens else 0


def _statements(tokens: list[tokenize.TokenInfo]) -> list[list[tokenize.TokenInfo]]:
    """Logical lines (split at NEWLINE and top-level ``;``), comments and layout dropped."""
    statements: list[list[tokenize.TokenInfo]] = [[]]
    depth = 0
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
    for token in tokens:
        if token.type in skip:
            continue
        if token.type == tokenize.NEWLINE or (token.string == ";" and not depth):
            statements.append([])
            continue
        if token.type == tokenize.OP and token.string in _OPEN:
            depth += 1
        elif token.type == tokenize.OP and token.string in _CLOSE:
            depth = max(depth - 1, 0)
        statements[-1].append(token)
    return [s for s in statements if s]


def _names(tokens: Sequence[tokenize.TokenInfo]) -> list[str]:
    """Identifiers in ``tokens`` that are not attributes (``a.b`` gives ``a``)."""
    out = []
    for i, token in enumerate(tokens):
        after_dot = i and tokens[i - 1].string == "."
        if token.type == tokenize.NAME and not keyword.iskeyword(token.string) and not after_dot:
            out.append(token.string)
    return out


def _bound_by(statement: list[tokenize.TokenInfo]) -> list[str]:
    """Names one logical line may bind at the level it runs (an over-approximation)."""
    names: list[str] = []
    depth = 0
    last_assign = -1
    for i, token in enumerate(statement):
        text = token.string
        if token.type == tokenize.OP and text in _OPEN:
            depth += 1
        elif token.type == tokenize.OP and text in _CLOSE:
            depth = max(depth - 1, 0)
        elif token.type == tokenize.OP and not depth and (text == "=" or text in _AUGMENTED):
            last_assign = i
        follower = statement[i + 1] if i + 1 < len(statement) else None
        named = follower is not None and follower.type == tokenize.NAME
        if named and text in ("as", "def", "class", "global", "nonlocal"):
            names.append(follower.string)  # type: ignore[union-attr]
        if text == ":=" and i:
            names.append(statement[i - 1].string)
    if last_assign > 0:
        names += _names(statement[:last_assign])
    first = statement[0].string
    if first == "async" and len(statement) > 1:
        first = statement[1].string
    if first == "for":
        stop = next((i for i, t in enumerate(statement) if t.string == "in"), len(statement))
        names += _names(statement[1:stop])
    elif first == "import" or first == "from":
        # `import a.b, c as d` binds a and d (d through "as" above).
        start = next((i for i, t in enumerate(statement) if t.string == "import"), len(statement))
        group: list[str] = []
        for token in [*statement[start + 1 :], None]:
            if token is None or token.string == ",":
                if group and "as" not in group:
                    names.append(group[0])
                group = []
            elif token.type == tokenize.NAME:
                group.append(token.string)
    elif first == "del":
        names += _names(statement[1:])
    return names


def bound_names(text: str) -> list[str]:
    """The names a piece of broken code may bind at its own level, in first-seen order.

    Python's tokenizer reads the text as far as it can (an unclosed bracket or string
    stops it); lines beyond that, and lines at column 0, are also read with a plain
    ``name, other = ...`` pattern.
    Function and class bodies bind nothing outside them, and are skipped.
    """
    tokens, reached = _tokens(text)
    names: list[str] = []
    inside: int | None = None  # the column of a def/class whose body is being skipped
    for statement in _statements(tokens):
        column = statement[0].start[1]
        if inside is not None and column > inside:
            continue
        inside = None
        names += _bound_by(statement)
        words = [t.string for t in statement[:3]]
        if "def" in words or "class" in words:
            inside = column
    for number, line in enumerate(text.splitlines(), start=1):
        # Past where the tokenizer stopped, and at column 0 anywhere (a statement after
        # a bracket that never closes is inside it for the tokenizer).
        if number <= reached and line[:1].isspace():
            continue
        if (match := _ASSIGNED.match(line)) and not _CALL.search(match.group(1)):
            names += [n for n in _IDENTIFIER.findall(match.group(1)) if not keyword.iskeyword(n)]
    return list(dict.fromkeys(n for n in names if n.isidentifier()))


_PLACEHOLDER = "# imbalance-guard: "


def placeholder(names: Sequence[str], what: str) -> str:
    """The one line standing for a part left out: its names rebound to nothing known."""
    note = f"{_PLACEHOLDER}{what} does not parse"
    return f"{' = '.join(names)} = None  {note}" if names else f"pass  {note}"


def anything_left(lines: Sequence[str]) -> bool:
    """Whether a recovered program holds code besides placeholders: a file that is all
    one broken statement is simply unreadable, with Python's message alone."""
    for line in lines:
        text = line.strip()
        if text and not text.startswith("#") and _PLACEHOLDER not in text:
            return True
    return False


def blank(lines: list[str], first: int, last: int, what: str) -> None:
    """Replace program lines ``first``..``last`` (1-based) by a placeholder, in place."""
    lines[first - 1] = placeholder(bound_names("\n".join(lines[first - 1 : last]) + "\n"), what)
    for number in range(first, last):
        lines[number] = ""


# -- notebooks: one part per cell --------------------------------------------------------


def recover_cells(
    lines: list[str], cells: Sequence[tuple[int, int]], filename: str
) -> tuple[ast.Module, list[str], list[Unparsed]] | None:
    """Leave out the cells that do not parse on their own; None if that does not help.

    ``cells`` are (first, last) program lines of each code cell, in order. Each cell
    is parsed alone, as Jupyter runs it.
    """
    lines = list(lines)
    broken: list[Unparsed] = []
    for first, last in cells:
        if last < first:
            continue
        try:
            ast.parse("\n".join(lines[first - 1 : last]) + "\n", filename=filename)
        except SyntaxError as exc:
            line = min(first + max(exc.lineno or 1, 1) - 1, last)
            broken.append(Unparsed(first, last, syntax_message(exc), line, error_column(exc)))
        except (ValueError, RecursionError, MemoryError):
            return None  # null bytes, nesting: not a syntax error of one cell
    if not broken or len(broken) > MAX_BROKEN:
        return None
    for part in broken:
        blank(lines, part.first, part.last, "this cell")
    try:
        tree = ast.parse("\n".join(lines) + "\n", filename=filename)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return tree, lines, broken


# -- scripts: one part per top-level statement -------------------------------------------

_STATEMENT_START = re.compile(r"[^\W\d]|[@_]")
_CONTINUES = frozenset({"else", "elif", "except", "finally"})


def statement_starts(lines: Sequence[str]) -> list[int]:
    """1-based lines that may start a top-level statement: text at column 0 that is not
    ``else:``/``except``/... nor the ``def`` under a decorator. A line inside a string or
    brackets may look the same; recovery checks every cut by parsing the result."""
    starts = []
    after_decorator = False
    for number, line in enumerate(lines, start=1):
        if not line[:1] or not _STATEMENT_START.match(line):
            if line.strip() and not line.lstrip().startswith("#"):
                after_decorator = False
            continue
        word = re.match(r"\w*", line).group(0)  # type: ignore[union-attr]
        if word not in _CONTINUES and not after_decorator:
            starts.append(number)
        after_decorator = line.startswith("@")
    return starts


def recover_statements(
    lines: list[str], error: SyntaxError, filename: str
) -> tuple[ast.Module, list[str], list[Unparsed]] | None:
    """Leave out the top-level statements Python's errors point into; None if the cuts do
    not give a program Python accepts within a few tries."""
    original = list(lines)
    starts = statement_starts(lines)
    if not starts:
        return None
    lines = list(lines)
    broken: list[Unparsed] = []
    first_error = None  # the error of the part being cut, kept while its cut is widened
    widen = 0  # how many statements before the error's own the cut starts
    for _ in range(MAX_ATTEMPTS):
        line = min(max(error.lineno or 1, 1), len(lines))
        if any(p.first <= line <= p.last for p in broken):
            return None  # the error is in text already left out: the cut was wrong
        index = max(sum(1 for s in starts if s <= line) - 1 - widen, 0)
        first = starts[index] if starts[0] <= line else 1
        later = [s for s in starts if s > line]
        last = (later[0] - 1) if later else len(lines)
        while last > max(first, line) and _layout(lines[last - 1]):
            last -= 1  # blank lines and comments after the statement are not part of it
        reason = first_error or error
        candidate = list(lines)
        blank(candidate, first, last, "this statement")
        try:
            tree = ast.parse("\n".join(candidate) + "\n", filename=filename)
        except SyntaxError as exc:
            if (exc.lineno or 1) < first:
                # The cut took away what an earlier line needs (a decorator's function,
                # the end of a string that starts above): cut from one statement earlier.
                if index == 0:
                    return None
                widen, first_error = widen + 1, reason
                continue
            broken.append(_part(original, first, last, reason))
            if len(broken) > MAX_BROKEN:
                return None
            lines, error, widen, first_error = candidate, exc, 0, None
            continue
        except (ValueError, RecursionError, MemoryError):
            return None
        broken.append(_part(original, first, last, reason))
        return (tree, candidate, broken) if len(broken) <= MAX_BROKEN else None
    return None


def _layout(line: str) -> bool:
    text = line.strip()
    return not text or text.startswith("#")


def _part(lines: Sequence[str], first: int, last: int, error: SyntaxError) -> Unparsed:
    line = min(max(error.lineno or first, first), last)
    return Unparsed(first, last, syntax_message(error), line, error_column(error))
