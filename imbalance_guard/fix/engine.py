"""The fix loop for one file (ruff's model): lint, apply fixes, re-lint, up to a cap.

Everything happens in memory; the file is written once at the end, and only if
the result still parses and can be encoded the way the file was. If any pass
produces text that does not parse, every change to that file is dropped, the
file is left untouched, and a warning says which fix broke it.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from imbalance_guard.code.unit import CodeUnit, UnreadableCode
from imbalance_guard.findings import Applicability, Finding, Fix
from imbalance_guard.fix import imports
from imbalance_guard.fix.documents import Document, DocumentError
from imbalance_guard.fix.write import NotWritten, atomic_write, remove_stale_temporaries_once
from imbalance_guard.records import record

if TYPE_CHECKING:  # types only: the runner passes its functions in, the engine never calls it
    from imbalance_guard.discover import Target
    from imbalance_guard.runner import Outcome

#: How many lint-and-fix passes at most, as ruff caps its loop: fixes that keep
#: producing new fixable findings must not loop for ever.
MAX_PASSES = 10


@record(frozen=True)
class FixMode:
    """What ``check`` was asked to do with fixes."""

    unsafe: bool = False  # also apply fixes marked unsafe (``--unsafe-fixes``)
    diff: bool = False  # only show the changes (``--diff``); write nothing
    max_passes: int = MAX_PASSES

    def allows(self, fix: Fix) -> bool:
        if fix.applicability is Applicability.SAFE:
            return True
        return self.unsafe and fix.applicability is Applicability.UNSAFE


def _fixes(keep: Callable[[Finding], bool], findings: list[Finding], mode: FixMode) -> list[Fix]:
    return [f.fix for f in findings if f.fix is not None and mode.allows(f.fix) and keep(f)]


def _codes(findings: list[Finding], fixes: list[Fix]) -> str:
    wanted = {id(fix) for fix in fixes}
    return ", ".join(sorted({f.code for f in findings if id(f.fix) in wanted}))


def _warn_rejected(
    outcome: Outcome, display: str, findings: list[Finding], rejected: list[tuple[Fix, str]]
) -> None:
    """Say which fixes were not applied because their edits do not fit the file's text
    (a rule's position or expectation is wrong); their findings stay."""
    for fix, reason in rejected:
        finding = next((f for f in findings if f.fix is fix), None)
        where = finding.location.display() if finding else display
        code = finding.code if finding else "a rule"
        message = f"{where}: the fix for {code} was not applied: {reason}"
        if message not in outcome.warnings:
            outcome.warnings.append(message)


def _no_syntax_error(unit: CodeUnit) -> None:
    """A fix must not break a statement or cell, even though checking would skip it."""
    if unit.unparsed:
        raise DocumentError(unit.unparsed_message(unit.unparsed[0]).partition(";")[0])


def _without_imports_made_unused(
    document: Document, before: CodeUnit, after: CodeUnit, display: str
) -> tuple[Document, CodeUnit]:
    """Take out the imports this pass's fixes left without a use, as ruff's F401 fix
    would (``accuracy_score`` once every call is ``balanced_accuracy_score``)."""
    names = imports.made_unused(before, after)
    edits = imports.removals(after, names) if names else []
    if not edits:
        return document, after
    applied = document.apply([Fix((edit,), Applicability.SAFE) for edit in edits])
    if not applied.count:
        return document, after
    try:
        return applied.document, applied.document.unit(display)
    except DocumentError:  # never let tidying break a fix that worked
        return document, after


def fix_code(
    target: Target,
    outcome: Outcome,
    mode: FixMode,
    lint: Callable[[CodeUnit], Outcome],
    keep: Callable[[Finding], bool],
    check_as_is: Callable[[], None],
    data: bytes | None = None,
) -> None:
    """Check ``target`` with fixes applied; fills ``outcome`` with what remains.

    ``data``: the file's text was read from standard input (``check -``); nothing is
    written, and ``outcome.output`` gets the fixed text (the original when nothing changed).

    ``lint(unit)`` checks a unit (the runner's plugins, noqa); ``keep(finding)`` says
    whether a finding is reported at all (only those are fixed); ``check_as_is()`` checks
    the file as it is on disk, for a file that cannot be fixed because it cannot be read.
    """
    display = target.display
    if not mode.diff and data is None:
        for stale in remove_stale_temporaries_once(Path(os.path.realpath(target.path)).parent):
            outcome.notes.append(f"removed {stale.name}, left by an interrupted --fix")
    try:
        given = target.path.read_bytes() if data is None else data
        original = Document.from_bytes(given, target.kind)
        base = original.unit(display)
    except (OSError, UnreadableCode, DocumentError):
        check_as_is()  # the ordinary path reports it as IG001
        return
    if base.unparsed:
        # As ruff: a file with a syntax error is not fixed (its findings offer no fix).
        check_as_is()
        return

    document, fixed = original, 0
    current = base
    checked = lint(current)
    fixable = Counter(f.code for f in checked.findings if f.fix and mode.allows(f.fix) and keep(f))
    for _ in range(mode.max_passes):
        fixes = _fixes(keep, checked.findings, mode)
        if not fixes:
            break
        applied = document.apply(fixes)
        _warn_rejected(outcome, display, checked.findings, applied.rejected)
        candidate, count = applied.document, applied.count
        if not count:
            break
        try:
            unit = candidate.unit(display)
            candidate, unit = _without_imports_made_unused(candidate, current, unit, display)
            candidate.to_bytes()
            _no_syntax_error(unit)
        except DocumentError as exc:
            outcome.warnings.append(
                f"{display}: a fix for {_codes(checked.findings, fixes)} would leave the file "
                f"unusable ({exc}); the file was left untouched"
            )
            document, fixed = original, 0
            checked = lint(original.unit(display))
            break
        document, fixed, current = candidate, fixed + count, unit
        checked = lint(unit)

    if document is not original and mode.diff:
        outcome.diff = document.diff(original, display)
    elif data is not None:
        outcome.output = document.to_bytes() if document is not original else data
    elif document is not original:
        try:
            atomic_write(target.path, document.to_bytes())
        except NotWritten as exc:
            outcome.warnings.append(f"{display}: not fixed: {exc}")
            fixed, checked = 0, lint(original.unit(display))
        except OSError as exc:
            outcome.errors.append(f"{display}: cannot write the fixed file: {exc.strerror or exc}")
            fixed, checked = 0, lint(original.unit(display))
    outcome.findings.extend(checked.findings)
    outcome.unit = checked.unit
    outcome.sources.update(checked.sources)
    outcome.positions = checked.positions
    outcome.fixed = fixed
    if fixed:  # --show-fixes: the fixable findings that are gone, per rule
        gone = fixable - Counter(f.code for f in checked.findings)
        outcome.fixed_codes = dict(gone)
