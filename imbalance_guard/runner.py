"""One run: discover -> load -> check (plugin hooks) -> filter -> report."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import pluggy

from imbalance_guard.code.unit import CodeUnit, UnreadableCode, load_unit
from imbalance_guard.config import Config
from imbalance_guard.data.profile import UnreadableData
from imbalance_guard.discover import Target, discover
from imbalance_guard.findings import Finding, Location, Rule
from imbalance_guard.lines import split_lines
from imbalance_guard.noqa import suppressed
from imbalance_guard.report.base import Report

if TYPE_CHECKING:
    from imbalance_guard.fix.engine import FixMode

UNREADABLE = "IG001"


@dataclass
class Outcome:
    """What checking one target produced, before suppression."""

    target: Target
    findings: list[Finding] = field(default_factory=list)
    unit: CodeUnit | None = None
    sources: dict[tuple[str, int | None], list[str]] = field(default_factory=dict)
    dataset: object | None = None
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # --fix / --diff: fixes applied, the diff (--diff only), why a file was not fixed
    fixed: int = 0
    diff: str = ""
    warnings: list[str] = field(default_factory=list)


class Runner:
    def __init__(
        self,
        pm: pluggy.PluginManager,
        config: Config,
        rules: dict[str, Rule],
        cwd: Path | None = None,
        fix_mode: FixMode | None = None,
    ):
        self.pm = pm
        self.config = config
        self.rules = rules
        self.cwd = (cwd or Path.cwd()).resolve()
        self.errors: list[str] = []
        self.fix_mode = fix_mode  # None: report only; else what --fix / --diff asked for
        self.warnings: list[str] = []
        self.diffs: list[str] = []
        # Worker processes for many code files ([code] jobs); None: one per core.
        self.jobs: int | None = config.settings.get("code", {}).get("jobs") or None

    # -- discovery ---------------------------------------------------------
    def targets(
        self, paths: Sequence[Path], kinds: frozenset[str] | None = None
    ) -> tuple[list[Target], list[str]]:
        excludes = [*self.config.exclude, *self.config.extend_exclude]
        targets: list[Target] = []
        missing: list[str] = []
        for item in discover(paths, excludes, self.cwd, self.config.root, kinds):
            if isinstance(item, Target):
                targets.append(item)
            else:
                missing.append(f"{item[0]}: {item[1]}")
        return targets, missing

    # -- checking one target ----------------------------------------------
    def check_target(self, target: Target) -> Outcome:
        outcome = Outcome(target)
        if target.kind == "dataset":
            self._check_dataset(target, outcome)
        else:
            self._check_code(target, outcome)
        return outcome

    def _check_code(self, target: Target, outcome: Outcome) -> None:
        if self.fix_mode is not None:
            from imbalance_guard.fix.engine import fix_code

            fix_code(self, target, outcome, self.fix_mode)
        else:
            self.check_code(target, outcome)

    def check_code(self, target: Target, outcome: Outcome) -> None:
        """Load and check one code file as it is on disk."""
        try:
            unit = load_unit(target.path, target.display, target.kind)
        except UnreadableCode as exc:
            loc = Location(target.display, exc.line, (exc.column or 0) + 1 if exc.line else None)
            outcome.findings.append(
                Finding(
                    UNREADABLE, str(exc), loc, suggestion="Fix the file so that it can be parsed."
                )
            )
            return
        self._lint(target, unit, outcome)

    def lint_unit(self, target: Target, unit: CodeUnit) -> Outcome:
        """Check an already loaded unit (the fix loop re-checks text it has edited)."""
        outcome = Outcome(target)
        self._lint(target, unit, outcome)
        return outcome

    def _lint(self, target: Target, unit: CodeUnit, outcome: Outcome) -> None:
        outcome.unit = unit
        if unit.cells:
            for cell in unit.cells:
                outcome.sources[(unit.path, cell.index)] = split_lines(cell.source)
        else:
            outcome.sources[(unit.path, None)] = unit.lines
        results = self._call(self.pm.hook.ig_check_code, target, unit=unit, config=self.config)
        outcome.findings.extend(f for f in results if not self._noqa(f, outcome))

    def _check_dataset(self, target: Target, outcome: Outcome) -> None:
        try:
            dataset = self.pm.hook.ig_read_dataset(target=target, config=self.config)
        except UnreadableData as exc:
            outcome.findings.append(
                Finding(
                    UNREADABLE,
                    str(exc),
                    Location(target.display),
                    suggestion="Check that the file is complete and in the format its name says.",
                )
            )
            return
        except Exception as exc:  # a reader bug must not hide the rest of the run
            outcome.errors.append(f"{target.display}: reader failed: {type(exc).__name__}: {exc}")
            return
        if dataset is None:
            outcome.notes.append(f"{target.display}: no reader for format {target.format!r}")
            return
        outcome.dataset = dataset
        outcome.notes.extend(dataset.notes)
        results = self._call(
            self.pm.hook.ig_check_dataset, target, dataset=dataset, config=self.config
        )
        outcome.findings.extend(results)

    def _call(self, hook: pluggy.HookCaller, target: Target, **kwargs) -> list[Finding]:
        findings: list[Finding] = []
        # Call each implementation separately so one failing plugin names itself
        # and the others still report.
        for impl in reversed(hook.get_hookimpls()):
            if impl.hookwrapper or impl.wrapper:
                continue  # wrappers only make sense around a whole hook call
            args = {name: kwargs[name] for name in impl.argnames}
            try:
                result = impl.function(**args)
            except Exception as exc:
                self.errors.append(
                    f"{target.display}: plugin {impl.plugin_name!r} failed: "
                    f"{type(exc).__name__}: {exc}"
                )
                continue
            for finding in result or ():
                if finding.code not in self.rules:
                    self.errors.append(
                        f"plugin {impl.plugin_name!r} reported undeclared code {finding.code}"
                    )
                    continue
                findings.append(finding)
        return findings

    def _noqa(self, finding: Finding, outcome: Outcome) -> bool:
        loc = finding.location
        if loc.line is None:
            return False
        lines = outcome.sources.get((loc.path, loc.cell))
        if not lines or loc.line > len(lines):
            return False
        return suppressed(finding.code, lines[loc.line - 1])

    # -- filtering ----------------------------------------------------------
    def keep(self, finding: Finding) -> bool:
        if not self.config.is_enabled(finding.code):
            return False
        return not self._per_file_ignored(finding)

    def _per_file_ignored(self, finding: Finding) -> bool:
        if not self.config.per_file_ignores:
            return False
        path = Path(finding.location.path)
        absolute = path if path.is_absolute() else self.cwd / path
        try:
            relative = PurePosixPath(absolute.resolve().relative_to(self.config.root).as_posix())
        except ValueError:
            relative = PurePosixPath(path.as_posix())
        for pattern, codes in self.config.per_file_ignores.items():
            hit = fnmatch.fnmatchcase(str(relative), pattern) or (
                "/" not in pattern and fnmatch.fnmatchcase(relative.name, pattern)
            )
            if hit and any(c == "ALL" or finding.code.startswith(c) for c in codes):
                return True
        return False

    # -- the whole run --------------------------------------------------------
    def run(self, paths: Sequence[Path], kinds: frozenset[str] | None = None) -> Report:
        targets, missing = self.targets(paths, kinds)
        self.errors.extend(missing)
        report = Report(findings=[], rules=self.rules, root=str(self.config.root))
        for outcome in self.check_all(targets):
            report.files_checked.append(outcome.target.display)
            report.sources.update(outcome.sources)
            report.notes.extend(outcome.notes)
            self.errors.extend(outcome.errors)
            self.warnings.extend(outcome.warnings)
            report.fixed += outcome.fixed
            if outcome.diff:
                self.diffs.append(outcome.diff)
            if outcome.dataset is not None:
                report.datasets.append(outcome.dataset)
            report.findings.extend(f for f in outcome.findings if self.keep(f))
        report.findings.sort(key=lambda f: f.sort_key)
        return report

    def check_all(self, targets: Iterable[Target]) -> Iterable[Outcome]:
        """Check every target; outcomes come back in the order of ``targets``.

        Many code files are checked by a pool of forked worker processes (one per
        available core, at most ``jobs``); a handful of files, datasets (their readers
        hold large buffers) and platforms without ``fork`` stay in this process.
        """
        targets = list(targets)
        code = [t for t in targets if t.kind != "dataset"]
        workers = _worker_count(len(code), self.jobs)
        if workers <= 1:
            for target in targets:
                yield self.check_target(target)
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _WORKER_RUNNER
        _WORKER_RUNNER = self  # inherited by the forked workers
        chunk = max(1, min(32, len(code) // (workers * 8)))
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            checked = pool.map(_check_in_worker, code, chunksize=chunk)
            for target in targets:
                yield self.check_target(target) if target.kind == "dataset" else next(checked)
        _WORKER_RUNNER = None


#: Below this many code files, starting worker processes costs more than it saves.
POOL_MIN_FILES = 16
_WORKER_RUNNER: Runner | None = None


def _worker_count(files: int, jobs: int | None) -> int:
    if files < POOL_MIN_FILES:
        return 1  # before importing multiprocessing: 10 ms a small run need not pay
    import multiprocessing
    import os

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(jobs or cores or 1, cores or 1, files // (POOL_MIN_FILES // 2)))


def _check_in_worker(target: Target) -> Outcome:
    runner = _WORKER_RUNNER
    assert runner is not None, "worker started without a runner"
    errors = len(runner.errors)
    outcome = runner.check_target(target)
    # The parent has no use for the parsed tree (pickling it back would cost more than
    # parsing); plugin failures recorded on the runner travel with the outcome.
    outcome.unit = None
    outcome.errors.extend(runner.errors[errors:])
    # Only the lines of findings are ever shown; don't ship whole files back.
    wanted = {(f.location.path, f.location.cell) for f in outcome.findings}
    outcome.sources = {k: v for k, v in outcome.sources.items() if k in wanted}
    return outcome
