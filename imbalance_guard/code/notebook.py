"""Read nbformat-4 notebooks directly (no nbformat dependency) into one program.

Code cells are joined in order, so a name defined in cell 2 is known in cell 5.
IPython syntax (``%magic``, ``%%cell magic``, ``!shell``, ``x = !cmd``, ``obj?``,
and automagic: ``pip install x`` or ``cd data`` without the ``%``) is replaced by
``pass``-like lines of the same count so the rest still parses and every line keeps
its position. :func:`neutralise_script` does the same for a ``.py`` export.
"""

from __future__ import annotations

import ast
import json
import re
import sys

from imbalance_guard.lines import split_lines
from imbalance_guard.records import record


class NotebookError(ValueError):
    """The file is not a notebook we can read; the message says why."""


@record(frozen=True)
class Cell:
    index: int  # 1-based among all cells, as the user sees them
    source: str  # the cell's original text
    first_line: int  # 1-based line of the cell's first line in the joined program


_MAGIC = re.compile(r"^(\s*)(%|!|[A-Za-z_][\w.]*\s*=\s*[!%])")
_HELP = re.compile(r"^\s*[\w.]+\?{1,2}\s*$|^\s*\?{1,2}[\w.]+\s*$")


def _neutralise(line: str, automagic: bool = True) -> str:
    match = _MAGIC.match(line)
    if match or _HELP.match(line) or (automagic and _automagic(line)):
        indent = match.group(1) if match else line[: len(line) - len(line.lstrip())]
        # ``pass`` keeps an indented block (e.g. ``!pip`` inside ``if``) valid.
        return f"{indent}pass  # ipython: {line.strip()}"
    return line


class _Scanner:
    """Tracks whether the next line continues a statement (open bracket, backslash,
    long string): such a line may start with ``%`` (a modulo) or ``!`` and is Python,
    not IPython. Strings, comments and brackets are all it needs to know."""

    def __init__(self) -> None:
        self.depth = 0
        self.quote = ""  # the open string's delimiter, if any
        self.backslash = False

    @property
    def continuing(self) -> bool:
        return bool(self.depth or self.quote or self.backslash)

    def feed(self, line: str) -> None:
        self.backslash = False
        i, n = 0, len(line)
        while i < n:
            char = line[i]
            if self.quote:
                if char == "\\":
                    i += 2
                elif line.startswith(self.quote, i):
                    i += len(self.quote)
                    self.quote = ""
                else:
                    i += 1
                continue
            if char == "#":
                break
            if char in "\"'":
                triple = line[i : i + 3]
                self.quote = triple if triple in ('"""', "'''") else char
                i += len(self.quote)
                continue
            if char in "([{":
                self.depth += 1
            elif char in ")]}":
                self.depth = max(self.depth - 1, 0)
            elif char == "\\" and i == n - 1:
                self.backslash = True
            i += 1
        if self.quote in ('"', "'"):
            self.quote = ""  # an unterminated one-line string ends with its line


#: IPython's line magics and the shell aliases it defines, which IPython runs without
#: the ``%`` when automagic is on (the default): ``pip install x``, ``cd data``.
_AUTOMAGIC_NAMES = """
    aimport alias alias_magic autoawait autocall automagic autoreload autosave bookmark
    cat cd clear colors conda config connect_info cp debug dhist dirs doctest_mode ed
    edit env gui hist history killbgscripts ldir less lf lk ll load load_ext loadpy
    logoff logon logstart logstate logstop ls lsmagic lx macro magic mamba man
    matplotlib micromamba mkdir more mv notebook page pastebin pdb pdef pdoc pfile
    pinfo pinfo2 pip popd pprint precision prun psearch psource pushd pwd pycat pylab
    qtconsole quickref recall rehashx reload_ext rep rerun reset reset_selective rm
    rmdir run save sc set_env store sx system tb time timeit unalias unload_ext uv
    who who_ls whos xdel xmode
    """
AUTOMAGICS = frozenset(_AUTOMAGIC_NAMES.split())
_AUTOMAGIC = re.compile(r"^\s*([A-Za-z_]\w*)\s+([^\s!=()<>,+*/%^&|].*)$")


def _magic_word(line: str) -> bool:
    match = _AUTOMAGIC.match(line)
    return match is not None and match.group(1) in AUTOMAGICS


def _automagic(line: str) -> bool:
    """A line IPython runs as a magic without its ``%``: its first word is a magic's
    name, the rest is not a Python operator (IPython's own test), and the line is not
    Python (a variable named ``ls`` used in code stays code)."""
    if not _magic_word(line):
        return False
    try:
        ast.parse(line.strip())
    except SyntaxError:
        scanner = _Scanner()
        scanner.feed(line)
        return not scanner.continuing  # an opened bracket: a statement, broken or not
    except (ValueError, RecursionError, MemoryError):
        return False
    return False


def _neutralise_lines(lines: list[str], automagic: bool = True) -> list[str]:
    """``lines`` with each IPython line at the start of a statement made ``pass``;
    ``lines`` itself when there is none. ``automagic``: also magics without ``%``."""
    if not any(_MAGIC.match(x) or _HELP.match(x) or (automagic and _magic_word(x)) for x in lines):
        return lines
    scanner = _Scanner()
    out = []
    for line in lines:
        if not scanner.continuing:
            replaced = _neutralise(line, automagic)
            if replaced is not line:
                out.append(replaced)
                continue
        scanner.feed(line)
        out.append(line)
    return out if out != lines else lines


#: What ``jupyter nbconvert --to script`` leaves in a ``.py`` file: cell markers and
#: magics turned into ``get_ipython()`` calls.
_EXPORT_MARKER = re.compile(r"^# In\[[\s\d]*\]:\s*$|get_ipython\(\)", re.MULTILINE)


def neutralise_script(lines: list[str]) -> list[str]:
    """A ``.py`` file's lines with IPython syntax neutralised as in notebooks; ``lines``
    itself when the file uses none.

    ``%magic``, ``!cmd``, ``x = !cmd`` and ``obj?`` are never Python, so a file holding
    them is an export of a notebook; so is one with ``# In[ ]:`` markers or
    ``get_ipython()`` calls, and in an export a bare ``pip install x`` is a magic too.
    """
    neutral = _neutralise_lines(lines, automagic=False)
    if neutral is not lines or _EXPORT_MARKER.search("\n".join(lines)):
        return _cell_magic_bodies(lines, _neutralise_lines(neutral, automagic=True))
    return lines


#: Cell magics whose body is still Python (the rest run shell, HTML, another language).
PYTHON_BODY_MAGICS = frozenset({"%%time", "%%timeit", "%%capture"})
_CELL_MARKER = re.compile(r"^# (?:In\[[\s\d]*\]:|%%)")


def _cell_magic_bodies(original: list[str], lines: list[str]) -> list[str]:
    """In an export, the body of a ``%%bash``-like cell magic is not Python either: it
    runs to the next cell marker (``# In[ ]:``, ``# %%``), or, in a file without
    markers, to the next blank line."""
    marked = any(_CELL_MARKER.match(line) for line in original)
    out = list(lines)
    body = False
    for number, line in enumerate(original):
        if body:
            if _CELL_MARKER.match(line) if marked else not line.strip():
                body = False
            else:
                out[number] = "pass  # ipython cell"
                continue
        words = line.split()
        if line.startswith("%%") and words[0] not in PYTHON_BODY_MAGICS:
            body = out[number] != line  # only a line neutralised as a magic
    return out


def cell_source(raw: object) -> str:
    if isinstance(raw, list) and all(isinstance(part, str) for part in raw):
        return "".join(raw)
    if isinstance(raw, str):
        return raw
    raise NotebookError("a cell's 'source' is neither a string nor a list of strings")


class NotPythonNotebook(NotebookError):
    """A well-formed notebook whose kernel language is not Python (R, Julia ...)."""


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    names = {
        str: "a string",
        int: "an integer",
        float: "a number",
        list: "a list",
        dict: "an object",
    }
    return next((name for kind, name in names.items() if isinstance(value, kind)), "unknown")


def parse_json(text: str) -> object:
    """``json.loads`` with its resource limits turned into :class:`NotebookError`.

    Python's parser bounds nesting by the recursion limit (RecursionError) and integers
    by ``sys.get_int_max_str_digits()`` (ValueError); neither is a bug of ours, both are
    a file no Jupyter could open either.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotebookError(f"not valid JSON: {exc.msg} at line {exc.lineno}") from None
    except RecursionError:
        raise NotebookError("JSON nested too deeply to read") from None
    except ValueError:  # an integer with thousands of digits
        limit = sys.get_int_max_str_digits()
        raise NotebookError(f"a JSON number has more than {limit} digits") from None
    except MemoryError:
        raise NotebookError("too large to read into memory") from None


def validate(document: object) -> dict:
    """Check the parts of the nbformat 4 shape the reader relies on; return the document.

    Raises :class:`NotebookError` naming what is wrong, and :class:`NotPythonNotebook`
    for a notebook of another language (skipped, as ruff does).
    """
    if not isinstance(document, dict):
        raise NotebookError(f"the top level is {_json_type(document)}, not an object")
    if not isinstance(document.get("cells"), list):
        raise NotebookError("no 'cells' list: not an nbformat 4 notebook")
    for key in ("nbformat", "nbformat_minor"):
        value = document.get(key, 4)
        if not isinstance(value, int) or isinstance(value, bool):
            raise NotebookError(f"'{key}' is {_json_type(value)}, expected an integer")
    if document.get("nbformat", 4) != 4:
        raise NotebookError(f"nbformat {document.get('nbformat')} is not supported (need 4)")
    metadata = document.get("metadata", {})
    if not isinstance(metadata, dict):
        raise NotebookError(f"'metadata' is {_json_type(metadata)}, expected an object")
    for index, cell in enumerate(document["cells"], start=1):
        if not isinstance(cell, dict):
            raise NotebookError(f"cell {index} is not an object (it is {_json_type(cell)})")
        kind = cell.get("cell_type")
        if not isinstance(kind, str):
            raise NotebookError(
                f"cell {index}: 'cell_type' is {_json_type(kind)}, expected a string"
            )
        source = cell.get("source", "")
        if not isinstance(source, str) and not (
            isinstance(source, list) and all(isinstance(part, str) for part in source)
        ):
            what = (
                "a list holding " + _json_type(next(p for p in source if not isinstance(p, str)))
                if isinstance(source, list)
                else _json_type(source)
            )
            raise NotebookError(
                f"cell {index}: 'source' is neither a string nor a list of strings (it is {what})"
            )
        if not isinstance(cell.get("metadata", {}), dict):
            raise NotebookError(
                f"cell {index}: 'metadata' is {_json_type(cell['metadata'])}, expected an object"
            )
    language = kernel_language(metadata)
    if language is not None and language.lower() not in ("python", "python3", "ipython"):
        raise NotPythonNotebook(f"its kernel language is {language}, not Python")
    return document


def kernel_language(metadata: dict) -> str | None:
    """The notebook's language as Jupyter records it: ``language_info.name``, else the
    kernelspec's ``language``; None when neither says (then it is taken as Python)."""
    for table, key in (("language_info", "name"), ("kernelspec", "language")):
        section = metadata.get(table)
        value = section.get(key) if isinstance(section, dict) else None
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def read_notebook(text: str) -> tuple[list[Cell], str]:
    """Return the code cells and the joined, IPython-neutralised program."""
    document = validate(parse_json(text))
    cells: list[Cell] = []
    program: list[str] = []
    for index, raw in enumerate(document["cells"], start=1):
        if raw.get("cell_type") != "code":
            continue
        source = cell_source(raw.get("source", ""))
        lines = split_lines(source)
        if lines and lines[0].lstrip().startswith("%%"):
            # A cell magic (%%time, %%bash, ...) makes the whole cell not Python
            # unless it is a timing magic whose body is still Python.
            keep_body = lines[0].split()[0] in PYTHON_BODY_MAGICS
            body = (
                _neutralise_lines(lines[1:])
                if keep_body
                else ["pass  # ipython cell"] * (len(lines) - 1)
            )
            lines = [_neutralise(lines[0]), *body]
        else:
            lines = _neutralise_lines(lines)
        cells.append(Cell(index=index, source=source, first_line=len(program) + 1))
        program.extend(lines or [""])
    return cells, "\n".join(program) + "\n"
