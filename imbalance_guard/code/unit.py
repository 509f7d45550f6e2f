"""A code unit: one Python file or notebook, parsed once, shared by every code rule."""

from __future__ import annotations

import ast
import bisect
import io
import tokenize
from dataclasses import field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from imbalance_guard.code.imports import ImportMap, collect_imports
from imbalance_guard.discover import read_regular_file
from imbalance_guard.findings import Location
from imbalance_guard.lines import LINE_BREAK, LineIndex, split_lines
from imbalance_guard.records import record

if TYPE_CHECKING:
    from collections.abc import Callable

    from imbalance_guard.code.flow import Flow
    from imbalance_guard.code.notebook import Cell
    from imbalance_guard.code.recovery import Unparsed

T = TypeVar("T")


#: The file name given to Python's parser for text that is not the file on disk as is.
PROGRAM = "<program>"


class UnreadableCode(Exception):
    """The file cannot be read or parsed; ``location`` points at the problem if known."""

    def __init__(
        self,
        message: str,
        line: int | None = None,
        column: int | None = None,
        cell: int | None = None,
    ):
        super().__init__(message)
        self.line = line  # in a notebook: the line in ``cell``
        self.column = column
        self.cell = cell


class NotPythonCode(UnreadableCode):
    """Not Python at all (a notebook with an R or Julia kernel): skipped, not a finding."""


# eq/repr off: a unit (it caches its tree and flow) is compared by identity.
@record(eq=False, repr=False)
class CodeUnit:
    """The source, its ``ast`` tree and, for notebooks, the map from lines to cells.

    Positions inside the unit (``node.lineno``) refer to the joined program; use
    :meth:`location` to turn them into what the user sees (cell and line in cell,
    character columns rather than UTF-8 byte offsets).
    """

    path: str
    source: str
    kind: str  # "python" or "notebook"
    cells: list[Cell] = field(default_factory=list)
    raw_text: str = ""  # the file as read (for notebooks: the JSON)
    encoding: str = "utf-8"
    # Parts of the program that do not parse and were left out of the analysis (a
    # notebook cell, a top-level statement): each is an IG001 finding of its own.
    unparsed: list[Unparsed] = field(default_factory=list)
    # The file on disk, when there is one: imports of the project's own modules are read
    # relative to it (see :mod:`imbalance_guard.code.project`).
    file: str | None = None
    # Answers to questions about the whole unit that every rule asks (see :meth:`once`).
    _answers: dict[Callable[[CodeUnit], object], object] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def once(self, question: Callable[[CodeUnit], T]) -> T:
        """``question(self)``, computed the first time any rule asks it.

        The rules' gates (does the unit import an ML package? could it resample? does it
        import a module of its own project?) are asked by each rule of every file: six
        rules asking again cost a third of a parse.
        """
        answers = self._answers
        if question in answers:
            return answers[question]  # type: ignore[return-value]
        answer = answers[question] = question(self)
        return answer

    @cached_property
    def tree(self) -> ast.Module:
        # Not the notebook's path: CPython re-reads the line of a syntax error from the
        # named file to place its column, and a notebook's file is JSON.
        return ast.parse(self.source, filename=self.path if not self.cells else PROGRAM)

    @cached_property
    def imports(self) -> ImportMap:
        """Import aliases of the whole unit (see :mod:`imbalance_guard.code.imports`)."""
        return collect_imports(self.tree)

    @cached_property
    def flow(self) -> Flow:
        """The data-flow facts of the unit (see :mod:`imbalance_guard.code.flow`), computed once."""
        from imbalance_guard.code.flow import analyse

        return analyse(self)

    def text(self, node: ast.AST, limit: int = 60) -> str:
        """The user's own text of ``node`` (one line, shortened to ``limit`` characters)."""
        line, end_line = node.lineno, getattr(node, "end_lineno", None) or node.lineno
        start = node.col_offset
        end = getattr(node, "end_col_offset", None)
        chunk = [self.line_text(n).encode("utf-8") for n in range(line, end_line + 1)]
        if not chunk or end is None:
            return ast.unparse(node)
        chunk[-1] = chunk[-1][:end]
        chunk[0] = chunk[0][start:]
        text = " ".join(part.decode("utf-8", errors="replace").strip() for part in chunk)
        return text if len(text) <= limit else text[: limit - 3] + "..."

    def segment(self, node: ast.AST) -> str | None:
        """The exact text of ``node`` (:func:`ast.get_source_segment`, without splitting
        the source per call), line breaks as ``\\n``; None if ``node`` has no position.

        Fixes pass it as :attr:`Edit.original <imbalance_guard.findings.Edit>`, so the
        engine checks that the text it replaces is the node's.
        """
        first, last = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
        start, end = getattr(node, "col_offset", None), getattr(node, "end_col_offset", None)
        if first is None or last is None or start is None or end is None:
            return None
        if not 0 < first <= last <= len(self.line_index):
            return None
        return LINE_BREAK.sub("\n", self.line_index.segment(first, start, last, end))

    def unparsed_message(self, part: Unparsed) -> str:
        """IG001's message for a part left out: Python's error, where, and what is skipped."""
        cell, cell_line = self.cell_of(part.line)
        if cell is not None:
            return (
                f"syntax error: {part.message} (cell {cell.index}, line {cell_line}); "
                f"the other cells are checked without this one"
            )
        if part.first == part.last:
            lines = f"line {part.first}"
        else:
            lines = f"lines {part.first}-{part.last}"
        return (
            f"syntax error: {part.message} (line {part.line}); the rest of the file is "
            f"checked without {lines}"
        )

    def describe_line(self, line: int) -> str:
        """A program line as the user sees it: ``"line 12"`` or ``"cell 2, line 3"``."""
        cell, cell_line = self.cell_of(line)
        return f"cell {cell.index}, line {cell_line}" if cell else f"line {line}"

    @cached_property
    def line_index(self) -> LineIndex:
        """The program's lines as ``ast`` counts them (see :mod:`imbalance_guard.lines`)."""
        return LineIndex(self.source)

    @property
    def lines(self) -> list[str]:
        return self.line_index.lines

    @cached_property
    def _cell_starts(self) -> list[int]:
        return [cell.first_line for cell in self.cells]

    def cell_of(self, line: int) -> tuple[Cell | None, int]:
        """The cell holding program line ``line`` and the line number inside it."""
        if not self.cells:
            return None, line
        position = bisect.bisect_right(self._cell_starts, line) - 1
        cell = self.cells[max(position, 0)]
        return cell, line - cell.first_line + 1

    def line_text(self, line: int) -> str:
        return self.line_index.line(line)

    def _char_column(self, line: int, byte_offset: int) -> int:
        return self.line_index.char_column(line, byte_offset)

    def location(
        self,
        node: ast.AST | None = None,
        *,
        line: int | None = None,
        column: int = 0,
        end_line: int | None = None,
        end_column: int | None = None,
    ) -> Location:
        """The user-facing location of ``node`` (or of explicit 1-based line, 0-based column)."""
        if node is not None:
            line = node.lineno
            column = self._char_column(line, node.col_offset)
            end_line = getattr(node, "end_lineno", None) or line
            end_byte = getattr(node, "end_col_offset", None)
            end_column = self._char_column(end_line, end_byte) if end_byte is not None else column
        assert line is not None
        end_line = end_line or line
        end_column = column if end_column is None else end_column
        cell, cell_line = self.cell_of(line)
        _, cell_end = self.cell_of(end_line)
        return Location(
            path=self.path,
            line=cell_line,
            column=column + 1,
            end_line=cell_end,
            end_column=end_column + 1,
            cell=cell.index if cell else None,
        )


def decode_python(data: bytes) -> tuple[str, str]:
    """Decode Python source honouring a PEP 263 coding cookie and a UTF-8 BOM."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        # detect_encoding also rejects invalid UTF-8 in the first two lines; say so
        # in the same words as for the rest of the file.
        if "invalid or missing encoding" in str(exc):
            encoding = "utf-8"
        else:
            raise UnreadableCode(f"cannot decode: {exc}") from None
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        reason = exc.reason if isinstance(exc, UnicodeDecodeError) else str(exc)
        line = data[: getattr(exc, "start", 0)].count(b"\n") + 1
        raise UnreadableCode(f"cannot decode as {encoding}: {reason}", line=line) from None
    return text.removeprefix("\ufeff"), encoding


def decode_notebook(data: bytes) -> tuple[str, list[Cell], str]:
    """The notebook's JSON text, its code cells and the joined program.

    Raises :class:`UnreadableCode` with the message IG001 shows.
    """
    # Notebooks only: checking a script does not load the notebook reader (nor json).
    from imbalance_guard.code.notebook import NotebookError, NotPythonNotebook, read_notebook

    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableCode(f"notebook is not UTF-8: {exc.reason}") from None
    try:
        cells, source = read_notebook(raw)
    except NotPythonNotebook as exc:
        raise NotPythonCode(str(exc)) from None
    except NotebookError as exc:
        raise UnreadableCode(f"invalid notebook: {exc}") from None
    return raw, cells, source


def source_lines(
    data: bytes, display_path: str, kind: str
) -> dict[tuple[str, int | None], list[str]]:
    """The file's lines as findings quote them, by (path, cell); empty when undecodable."""
    try:
        if kind == "notebook":
            _, cells, _ = decode_notebook(data)
            return {(display_path, cell.index): split_lines(cell.source) for cell in cells}
        return {(display_path, None): split_lines(decode_python(data)[0])}
    except UnreadableCode:
        return {}


def load_unit(path: Path, display_path: str, kind: str) -> CodeUnit:
    """Read and parse one file; raises :class:`UnreadableCode` with a clear message."""
    return parse_unit(read_code(path), display_path, kind)


def read_code(path: Path) -> bytes:
    """The bytes of a code file; :class:`UnreadableCode` when it cannot be read."""
    try:
        return read_regular_file(path)
    except IsADirectoryError:
        raise UnreadableCode("is a directory, not a file") from None
    except OSError as exc:
        raise UnreadableCode(f"cannot read: {exc.strerror or exc}") from None


def parse_unit(data: bytes, display_path: str, kind: str) -> CodeUnit:
    """Decode and parse the bytes of a code file; raises :class:`UnreadableCode`.

    A notebook cell that does not parse, or a script's broken top-level statement, is
    left out (see :mod:`imbalance_guard.code.recovery`) and recorded in ``unparsed``;
    only a file no part of which can be recovered soundly raises.
    """
    if kind == "notebook":
        raw, cells, source = decode_notebook(data)
        unit = CodeUnit(display_path, source, kind, cells=cells, raw_text=raw)
    else:
        source, encoding = decode_python(data)
        unit = CodeUnit(display_path, source, kind, raw_text=source, encoding=encoding)
    return prepare(unit)


def prepare(unit: CodeUnit) -> CodeUnit:
    """Parse ``unit`` now (recovering what can be, see :func:`parse_unit`); returns it or
    raises :class:`UnreadableCode` with the message IG001 shows."""
    try:
        unit.tree  # noqa: B018 - parse now so a syntax error becomes IG001 here
    except SyntaxError as exc:
        if not _recover(unit, exc):
            line = exc.lineno or 1
            cell, cell_line = unit.cell_of(line)
            where = f" (cell {cell.index}, line {cell_line})" if cell else ""
            raise UnreadableCode(
                f"syntax error: {exc.msg}{where}",
                line=cell_line,
                column=(exc.offset or 1) - 1,
                cell=cell.index if cell else None,
            ) from None
    except (ValueError, RecursionError, MemoryError) as exc:  # null bytes, deep nesting
        raise UnreadableCode(f"cannot parse: {exc}") from None
    return unit


def _recover(unit: CodeUnit, error: SyntaxError) -> bool:
    """Make ``unit`` the part of its program that parses (see :mod:`.recovery`); False
    when that cannot be done soundly. Every line keeps its number."""
    # Only a file with a syntax error pays for the recovery code.
    from imbalance_guard.code.notebook import neutralise_script
    from imbalance_guard.code.recovery import anything_left, recover_cells, recover_statements

    lines = split_lines(unit.source)
    if unit.cells:
        ends = [cell.first_line - 1 for cell in unit.cells[1:]] + [len(lines)]
        spans = [(cell.first_line, end) for cell, end in zip(unit.cells, ends, strict=True)]
        result = recover_cells(lines, spans, PROGRAM)
    else:
        exported = neutralise_script(lines)
        if exported is not lines:
            try:
                tree = ast.parse("\n".join(exported) + "\n", filename=PROGRAM)
            except SyntaxError as exc:
                lines, error = exported, exc
            except (ValueError, RecursionError, MemoryError):
                return False
            else:
                _replace(unit, tree, exported)
                return True
        result = recover_statements(lines, error, PROGRAM)
    if result is None or not anything_left(result[1]):
        return False
    tree, program, unit.unparsed = result
    _replace(unit, tree, program)
    return True


def _replace(unit: CodeUnit, tree: ast.Module, lines: list[str]) -> None:
    unit.source = "\n".join(lines) + "\n"
    unit.__dict__["tree"] = tree  # the cached property: parsed once, here
    unit.__dict__.pop("line_index", None)
    unit._answers.clear()  # asked of the text that was replaced
