"""A file being fixed, as editable text: a Python file or a notebook.

A document keeps what is needed to write the file back exactly as it was apart
from the edits: the encoding (PEP 263 cookie, BOM), the line endings, and for a
notebook the raw JSON, of which only the edited cells' ``source`` values change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from imbalance_guard.code.notebook import NotebookError, read_notebook
from imbalance_guard.code.unit import (
    CodeUnit,
    UnreadableCode,
    decode_notebook,
    decode_python,
    prepare,
)
from imbalance_guard.findings import Fix
from imbalance_guard.fix import edits as E
from imbalance_guard.fix.diff import unified_diff
from imbalance_guard.fix.notebook_json import replace_sources
from imbalance_guard.records import record

_BOM = "\ufeff"


class DocumentError(Exception):
    """The edited document cannot be written back (encoding) or no longer parses."""


@record(frozen=True)
class Applied:
    """The outcome of one pass of fixes over a document."""

    document: Document
    count: int  # fixes applied
    rejected: list[tuple[Fix, str]]  # fixes whose edits do not fit the text, and why


@record(frozen=True)
class Document:
    """The editable parts of one file: ``{None: text}`` for Python, ``{cell: source}``
    for a notebook's code cells (1-based cell index, as in locations)."""

    kind: str  # "python" or "notebook"
    parts: dict[int | None, str]
    encoding: str = "utf-8"
    raw: str = ""  # notebook: the JSON text (without a BOM)
    bom: bool = False  # notebook: the file started with a UTF-8 BOM

    # -- reading --------------------------------------------------------------
    @classmethod
    def from_bytes(cls, data: bytes, kind: str) -> Document:
        """Decode a file's bytes; raises :class:`UnreadableCode` like loading does."""
        if kind == "notebook":
            raw, cells, _ = decode_notebook(data)
            parts: dict[int | None, str] = {cell.index: cell.source for cell in cells}
            return cls(kind, parts, raw=raw, bom=data.startswith(_BOM.encode()))
        text, encoding = decode_python(data)
        # decode_python drops a BOM; the "utf-8-sig" codec writes it back.
        return cls(kind, {None: text}, encoding=encoding)

    def unit(self, display: str) -> CodeUnit:
        """The code unit rules check; raises :class:`DocumentError` if it does not parse."""
        if self.kind == "notebook":
            try:
                cells, source = read_notebook(self.raw)
            except NotebookError as exc:
                raise DocumentError(f"invalid notebook: {exc}") from None
            unit = CodeUnit(display, source, "notebook", cells=cells, raw_text=self.raw)
        else:
            text = self.parts[None]
            unit = CodeUnit(display, text, "python", raw_text=text, encoding=self.encoding)
        try:
            # Parsed as checking does (an export's magics, a bad cell left out); the engine
            # fixes no file whose ``unit.unparsed`` is not empty, before or after a fix.
            prepare(unit)
        except UnreadableCode as exc:
            where = f" (line {exc.line})" if exc.line and exc.cell is None else ""
            raise DocumentError(f"{exc}{where}") from None
        return unit

    # -- editing ----------------------------------------------------------------
    def resolve(self, fix: Fix) -> list[E.Span]:
        """The fix's edits as offsets; raises :class:`~imbalance_guard.fix.edits.EditError`
        if one points outside this document or at other text than it expects."""
        spans = []
        for edit in fix.edits:
            key = edit.cell if self.kind == "notebook" else None
            if key not in self.parts:
                raise E.EditError(f"cell {edit.cell} is not a code cell of the notebook")
            text = self.parts[key]
            spans.append(E.resolve(edit, text, E.line_starts(text), E.newline_of(text)))
        if not spans:
            raise E.EditError("the fix has no edits")
        return spans

    def apply(self, fixes: Sequence[Fix]) -> Applied:
        """Apply every fix that does not overlap an earlier one."""
        resolved, rejected = [], []
        for fix in fixes:
            try:
                resolved.append((fix, self.resolve(fix)))
            except E.EditError as exc:
                rejected.append((fix, str(exc)))
        spans, count = E.select(resolved)
        if not count:
            return Applied(self, 0, rejected)
        parts = dict(self.parts)
        for key in {span.part for span in spans}:
            parts[key] = E.apply(parts[key], [s for s in spans if s.part == key])
        if self.kind == "notebook":
            changed = {k: v for k, v in parts.items() if k is not None and v != self.parts[k]}
            document = replace(self, parts=parts, raw=replace_sources(self.raw, changed))
            return Applied(document, count, rejected)
        return Applied(replace(self, parts=parts), count, rejected)

    # -- writing ----------------------------------------------------------------
    def to_bytes(self) -> bytes:
        if self.kind == "notebook":
            return (_BOM if self.bom else "").encode() + self.raw.encode("utf-8")
        try:
            return self.parts[None].encode(self.encoding)
        except UnicodeEncodeError as exc:
            raise DocumentError(
                f"the fixed text cannot be written in the file's encoding {self.encoding}: "
                f"{exc.reason}"
            ) from None

    def diff(self, original: Document, display: str) -> str:
        """What changed since ``original``: one diff, or one per changed notebook cell."""
        if self.kind != "notebook":
            return unified_diff(original.parts[None], self.parts[None], display)
        return "".join(
            unified_diff(original.parts[key], text, f"{display}:cell {key}")
            for key, text in sorted(self.parts.items(), key=lambda kv: kv[0] or 0)
        )
