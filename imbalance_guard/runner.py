"""One run: discover -> load -> check (plugin hooks) -> filter -> report."""

from __future__ import annotations

import dataclasses
import fnmatch
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import pluggy

from imbalance_guard import collector
from imbalance_guard.code.unit import (
    CodeUnit,
    NotPythonCode,
    UnreadableCode,
    parse_unit,
    read_code,
    source_lines,
)
from imbalance_guard.config import Config
from imbalance_guard.data.uri import timeout_of
from imbalance_guard.discover import Ignored, Skipped, Target, discover, root_relative
from imbalance_guard.findings import Finding, Location, Rule
from imbalance_guard.lines import split_lines
from imbalance_guard.noqa import suppressed
from imbalance_guard.records import record
from imbalance_guard.results import Report, source_line

if TYPE_CHECKING:
    from imbalance_guard.cache import Cache, Input
    from imbalance_guard.code.recovery import Unparsed
    from imbalance_guard.data.code_labels import CodeLabel
    from imbalance_guard.data.code_pairs import CodePair
    from imbalance_guard.fix.engine import FixMode

UNREADABLE = "IG001"


# eq/repr off: a target's outcome (filled in place) is compared by identity.
@record(eq=False, repr=False)
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
    fixed_codes: dict[str, int] = field(default_factory=dict)  # --show-fixes
    diff: str = ""
    output: bytes | None = None  # ``check -`` with --fix: the fixed text for stdout
    warnings: list[str] = field(default_factory=list)
    skipped: bool = False  # not checked after all (a notebook for another language)
    # Notebook findings' positions in the .ipynb file (see Report.positions).
    positions: dict[Location, tuple[int | None, ...]] = field(default_factory=dict)


class Runner:
    def __init__(
        self,
        pm: pluggy.PluginManager,
        config: Config,
        rules: dict[str, Rule],
        cwd: Path | None = None,
        fix_mode: FixMode | None = None,
        owners: Mapping[str, str] | None = None,
        cache: Cache | None = None,
    ):
        self.pm = pm
        self.config = config
        self.rules = rules
        # plugin name -> the codes it declares: a plugin none of whose codes is enabled
        # is not called at all (the runner, not each rule, skips disabled rules).
        if owners is None:
            from imbalance_guard.plugins import collect_rules_and_owners

            owners = collect_rules_and_owners(pm)[1]
        self.plugin_codes: dict[str, set[str]] = {}
        for code, plugin in owners.items():
            self.plugin_codes.setdefault(plugin, set()).add(code)
        self.cache = cache  # None: every file is checked afresh
        self.cwd = (cwd or Path.cwd()).resolve()
        self.errors: list[str] = []
        self.fix_mode = fix_mode  # None: report only; else what --fix / --diff asked for
        self.warnings: list[str] = []
        self.diffs: list[str] = []
        self.gitignored: list[Ignored] = []  # what respect-gitignore left out of walks
        # ``check -``: the text of the one target, read from standard input (stdin.py)
        self.stdin: bytes | None = None
        self.stdin_output: bytes | None = None  # with --fix: the fixed text, for stdout
        self._errors_before = 0
        self._looked_up = False  # check_all asked the cache before handing files out
        # Worker processes for many code files ([code] jobs); None: one per core.
        self.jobs: int | None = config.settings.get("code", {}).get("jobs") or None
        # realpath of a dataset -> the label column the run's code names for it
        self.code_labels: dict[str, CodeLabel] = {}
        self.code_pairs: list[CodePair] = []  # IG107: files an evaluation loads

    # -- discovery ---------------------------------------------------------
    def targets(
        self, paths: Sequence[Path], kinds: frozenset[str] | None = None
    ) -> tuple[list[Target], list[str], list[str]]:
        """The targets, the paths that do not exist, and notes on the paths skipped."""
        excludes = [*self.config.exclude, *self.config.extend_exclude]
        targets: list[Target] = []
        missing: list[str] = []
        skipped: list[str] = []
        timeout = timeout_of(self.config.settings)  # for addresses (s3://, https:// …)
        for item in discover(
            paths,
            excludes,
            self.cwd,
            self.config.root,
            kinds,
            timeout,
            force_exclude=self.config.force_exclude,
            respect_gitignore=self.config.respect_gitignore,
            ignored=self.gitignored,
        ):
            if isinstance(item, Target):
                targets.append(item)
            elif isinstance(item, Skipped):
                skipped.append(f"{item.display}: {item.reason}")
            else:
                missing.append(f"{item[0]}: {item[1]}")
        return targets, missing, skipped

    # -- checking one target ----------------------------------------------
    def check_target(self, target: Target) -> Outcome:
        self._errors_before = len(self.errors)
        outcome = Outcome(target)
        if target.problem:  # found by discovery, without opening the path
            outcome.findings.append(
                Finding(
                    UNREADABLE,
                    target.problem,
                    Location(target.display),
                    suggestion="Fix or remove the path, or exclude it from the check.",
                )
            )
        elif target.kind == "dataset":
            self._check_dataset(target, outcome)
        else:
            self._check_code(target, outcome, not self._looked_up)
        return outcome

    def _check_code(self, target: Target, outcome: Outcome, lookup: bool) -> None:
        if self.fix_mode is not None:
            from imbalance_guard.fix.engine import fix_code

            fix_code(
                target,
                outcome,
                self.fix_mode,
                lint=lambda unit: self.lint_unit(target, unit),
                keep=self.keep,
                check_as_is=lambda: self.check_code(target, outcome),
                data=self.stdin,
            )
        else:
            self.check_code(target, outcome, lookup)

    def check_code(self, target: Target, outcome: Outcome, lookup: bool = True) -> None:
        """Load and check one code file as it is on disk (or take its cached outcome)."""
        try:
            data = read_code(target.path) if self.stdin is None else self.stdin
        except UnreadableCode as exc:
            self._unreadable(target, outcome, exc)
            return
        source = None
        if self.cache is not None:
            from imbalance_guard.cache import Input

            source = Input.content(os.path.realpath(target.path), data)
            if lookup and self._from_cache(target, source, outcome):
                return
        try:
            unit = parse_unit(data, target.display, target.kind)
        except NotPythonCode as exc:  # e.g. an R notebook: not ours to check, as in ruff
            outcome.notes.append(f"{target.display}: skipped: {exc}")
            outcome.skipped = True
        except UnreadableCode as exc:
            self._unreadable(target, outcome, exc, data)
        else:
            self._lint(target, unit, outcome)
        if source is not None:
            inputs = [source, *_project_inputs(outcome.unit), *_data_inputs(outcome.unit)]
            self._to_cache(target, inputs, outcome)

    def _unreadable(
        self, target: Target, outcome: Outcome, exc: UnreadableCode, data: bytes | None = None
    ) -> None:
        column = (exc.column or 0) + 1 if exc.line else None
        loc = Location(target.display, exc.line, column, cell=exc.cell)
        finding = Finding(
            UNREADABLE, str(exc), loc, suggestion="Fix the file so that it can be parsed."
        )
        if data is not None and exc.line:
            # A syntax error has a line: show it, and let a noqa comment for IG001 on it
            # silence it.
            outcome.sources.update(source_lines(data, target.display, target.kind))
            if self._noqa(finding, outcome):
                return
        outcome.findings.append(finding)

    # -- the cache of unchanged files ----------------------------------------
    def _from_cache(self, target: Target, source: Input, outcome: Outcome) -> bool:
        assert self.cache is not None
        identity = self.cache.identity(target.path, target.display, target.kind)
        cached = self.cache.load(identity, source)
        if cached is None:
            return False
        outcome.findings.extend(cached.findings)
        outcome.sources.update(cached.sources)
        outcome.notes.extend(cached.notes)
        outcome.skipped = cached.skipped
        outcome.positions = cached.positions
        return True

    def _to_cache(self, target: Target, inputs: list[Input], outcome: Outcome) -> None:
        assert self.cache is not None
        if outcome.errors or len(self.errors) > self._errors_before:
            return  # a failing plugin must fail again next time, not be forgotten
        identity = self.cache.identity(target.path, target.display, target.kind)
        self.cache.store(
            identity,
            inputs,
            outcome.findings,
            outcome.sources,
            outcome.notes,
            outcome.skipped,
            outcome.positions,
        )

    def cached_outcome(self, target: Target) -> Outcome | None:
        """The outcome of a code target from the cache, without parsing it; None: a miss."""
        if self.cache is None or target.kind == "dataset" or target.problem:
            return None
        from imbalance_guard.cache import Input

        try:
            data = read_code(target.path)
        except UnreadableCode:
            return None
        outcome = Outcome(target)
        source = Input.content(os.path.realpath(target.path), data)
        return outcome if self._from_cache(target, source, outcome) else None

    def lint_unit(self, target: Target, unit: CodeUnit) -> Outcome:
        """Check an already loaded unit (the fix loop re-checks text it has edited)."""
        outcome = Outcome(target)
        self._lint(target, unit, outcome)
        return outcome

    def _lint(self, target: Target, unit: CodeUnit, outcome: Outcome) -> None:
        outcome.unit = unit
        if unit.file is None and target.path is not None and os.path.isfile(target.path):
            unit.file = os.fspath(target.path)
        results = self._call(self.pm.hook.ig_check_code, target, unit=unit, config=self.config)
        if unit.unparsed:
            # As ruff: a file with a syntax error is not fixed, so nothing offers a fix.
            results = [_unparsed(unit, part) for part in unit.unparsed] + [
                dataclasses.replace(f, fix=None) if f.fix is not None else f for f in results
            ]
        # The lines serve suppression comments and the display of findings: a clean file (most
        # of a tree) needs neither, and splitting it into lines costs a tenth of a parse.
        if results:
            if unit.cells:
                for cell in unit.cells:
                    outcome.sources[(unit.path, cell.index)] = split_lines(cell.source)
            elif unit.raw_text and unit.raw_text != unit.source:
                # The file's own lines (an export's magics, a broken statement), not the
                # program analysed: noqa comments and snippets are read from them.
                outcome.sources[(unit.path, None)] = split_lines(unit.raw_text)
            else:
                outcome.sources[(unit.path, None)] = unit.lines
        found = [f for f in results if not self._noqa(f, outcome)]
        outcome.findings.extend(found)
        flow = unit.__dict__.get("flow")
        if flow is not None and (flow.unresolved_loads or flow.label_links):
            # --verbose: the dataset reads whose file the analysis could not know
            from imbalance_guard.data.linked import unresolved

            for where in unresolved(unit, self.config.root):
                outcome.notes.append(f"{where} (dataset not linked)")
        if unit.cells and found:  # the notebook's text is in hand: place findings in it now
            from imbalance_guard.report.positions import positions_in_notebook

            outcome.positions = positions_in_notebook(
                unit.raw_text, (f.location for f in found if f.location.path == unit.path)
            )

    def _check_dataset(self, target: Target, outcome: Outcome) -> None:
        from imbalance_guard.data.profile import UnreadableData  # datasets only, not code

        config = self.config
        label = self.code_labels.get(os.path.realpath(target.path)) if self.code_labels else None
        if label is not None:
            from imbalance_guard.data.code_labels import config_for

            config = config_for(config, target, label)
        try:
            dataset = self.pm.hook.ig_read_dataset(target=target, config=config)
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
        results = self._call(self.pm.hook.ig_check_dataset, target, dataset=dataset, config=config)
        if label is not None:
            from imbalance_guard.data.code_labels import with_origin

            results = with_origin(results, label)
        outcome.findings.extend(results)

    def _call(self, hook: pluggy.HookCaller, target: Target | None, **kwargs) -> list[Finding]:
        findings: list[Finding] = []
        # Call each implementation separately so one failing plugin names itself
        # and the others still report.
        enabled = self.config.enabled_codes
        for impl in reversed(hook.get_hookimpls()):
            if impl.hookwrapper or impl.wrapper:
                continue  # wrappers only make sense around a whole hook call
            codes = self.plugin_codes.get(impl.plugin_name)
            if codes and not codes & enabled:
                continue  # none of the plugin's rules is on: don't pay for its checks
            args = {name: kwargs[name] for name in impl.argnames}
            try:
                result = impl.function(**args)
            except Exception as exc:
                where = target.display if target is not None else "datasets"
                self.errors.append(
                    f"{where}: plugin {impl.plugin_name!r} failed: {type(exc).__name__}: {exc}"
                )
                continue
            for finding in result or ():
                if finding.code not in self.rules:
                    self.errors.append(
                        f"plugin {impl.plugin_name!r} reported undeclared code {finding.code}"
                    )
                    continue
                if finding.code in enabled:  # a disabled rule's findings go nowhere
                    findings.append(finding)
        return findings

    def _noqa(self, finding: Finding, outcome: Outcome) -> bool:
        line = source_line(outcome.sources, finding.location)
        return line is not None and suppressed(finding.code, line)

    # -- filtering ----------------------------------------------------------
    def keep(self, finding: Finding, relative: str | None = None) -> bool:
        """Whether a finding is reported: its rule is on and no per-file ignore matches
        ``relative`` (the file's path from the project root; computed if not given)."""
        if not self.config.is_enabled(finding.code):
            return False
        return not self._per_file_ignored(finding, relative)

    def _per_file_ignored(self, finding: Finding, relative: str | None = None) -> bool:
        if not self.config.per_file_ignores:
            return False
        if relative is None:
            relative = root_relative(finding.location.path, self.config.root, self.cwd)
        path = PurePosixPath(relative)
        for pattern, codes in self.config.per_file_ignores.items():
            hit = fnmatch.fnmatchcase(str(path), pattern) or (
                "/" not in pattern and fnmatch.fnmatchcase(path.name, pattern)
            )
            if hit and any(c == "ALL" or finding.code.startswith(c) for c in codes):
                return True
        return False

    def _labels_wanted(self, target: Target) -> bool:
        """Whether a rule about labels is on for this dataset: ``--select IG3``, or a
        per-file ignore of ``IG1`` for it, wants no word on its labels."""
        return any(
            rule.target == "data"
            and code != UNREADABLE
            and self.keep(Finding(code, "", Location(target.display)), target.relative or None)
            for code, rule in self.rules.items()
        )

    # -- the whole run --------------------------------------------------------
    def run(
        self,
        paths: Sequence[Path],
        kinds: frozenset[str] | None = None,
        targets: list[Target] | None = None,
    ) -> Report:
        """Check ``paths``, or the ``targets`` given instead (``check -``: discovery has
        no file to find)."""
        collector.resume()  # paused by the console script while it started
        missing: list[str] = []
        skipped: list[str] = []
        if targets is None:
            targets, missing, skipped = self.targets(paths, kinds)
        self.errors.extend(missing)
        report = Report(findings=[], rules=self.rules, root=str(self.config.root))
        report.notes.extend(skipped)
        report.gitignored = ignored_count(self.gitignored)
        report.notes.extend(
            f"{i.display}{'/' if i.is_dir else ''}: skipped: ignored by .gitignore"
            for i in self.gitignored
        )
        datasets: list[Target] = []  # read without an IG001: for the checks across files
        if any(t.kind == "dataset" for t in targets) and any(
            t.kind in ("python", "notebook") for t in targets
        ):
            from imbalance_guard.data import code_labels

            labels = code_labels.wanted(targets, self.config)
            pairs = self.config.is_enabled("IG107")
            if labels or pairs:
                self.code_labels, self.code_pairs = code_labels.scan(
                    targets, self.config, labels=labels, pairs=pairs
                )
        for outcome in self.check_all(targets):
            if not outcome.skipped:
                report.files_checked.append(outcome.target.display)
            report.sources.update(outcome.sources)
            report.positions.update(outcome.positions)
            report.notes.extend(outcome.notes)
            self.errors.extend(outcome.errors)
            self.warnings.extend(outcome.warnings)
            report.fixed += outcome.fixed
            if outcome.fixed_codes:
                report.fixed_codes[outcome.target.display] = outcome.fixed_codes
            if outcome.diff:
                self.diffs.append(outcome.diff)
            if outcome.output is not None:
                self.stdin_output = outcome.output
            if outcome.dataset is not None:
                report.datasets.append(outcome.dataset)
                warning = getattr(outcome.dataset, "label_warning", None)
                if warning and self._labels_wanted(outcome.target):
                    report.unlabelled[outcome.target.display] = warning
                    self.warnings.append(warning)
                if not outcome.target.uri:
                    datasets.append(outcome.target)
            target = outcome.target
            relative = target.relative or None
            if relative is not None:
                report.relative[target.display] = relative
            report.findings.extend(
                f
                for f in outcome.findings
                if self.keep(f, relative if f.location.path == target.display else None)
            )
        if datasets:
            report.findings.extend(self._check_together(datasets))
        report.findings.sort(key=lambda f: f.sort_key)
        return report

    def _check_together(self, datasets: list[Target]) -> list[Finding]:
        """``ig_check_datasets``: once, across the run's datasets (IG107's pairs)."""
        hook = self.pm.hook.ig_check_datasets
        found = self._call(
            hook,
            None,
            datasets=tuple(datasets),
            config=self.config,
            code_pairs=tuple(self.code_pairs),
        )
        return [f for f in found if self.keep(f)]

    def check_all(self, targets: Iterable[Target]) -> Iterable[Outcome]:
        """Check every target; outcomes come back in the order of ``targets``.

        Many code files are checked by a pool of forked worker processes (one per
        available core, at most ``jobs``); a handful of files, datasets (their readers
        hold large buffers) and platforms without ``fork`` stay in this process.
        """
        targets = list(targets)
        # Unchanged files first, from the cache, in this process: only the others are
        # worth a worker's time.
        cached: dict[int, Outcome] = {}
        if self.cache is not None and self.fix_mode is None:
            # When the first files miss (a cold cache, a new configuration), the rest are
            # left to the workers to look up, so they start at once instead of after the
            # whole tree was read here.
            looked = hits = 0
            self._looked_up = True
            for index, target in enumerate(targets):
                if target.kind == "dataset":
                    continue
                if looked >= PROBE and hits * 2 < looked:
                    self._looked_up = False
                    break
                looked += 1
                if (outcome := self.cached_outcome(target)) is not None:
                    cached[index] = outcome
                    hits += 1
        code = [t for i, t in enumerate(targets) if t.kind != "dataset" and i not in cached]
        workers = _worker_count(len(code), self.jobs)
        if workers <= 1:
            try:
                for index, target in enumerate(targets):
                    yield cached[index] if index in cached else self.check_target(target)
            finally:
                self._looked_up = False
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _WORKER_RUNNER
        _WORKER_RUNNER = self  # inherited by the forked workers
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker)
        try:
            batches = plan_batches([_size(t) for t in code], workers)
            futures = [pool.submit(_check_batch, [code[i] for i in b]) for b in batches]
            # code position -> (batch, place in it): outcomes are yielded in target order
            placed = {i: (n, k) for n, b in enumerate(batches) for k, i in enumerate(b)}
            position = 0
            for index, target in enumerate(targets):
                if index in cached:
                    yield cached[index]
                elif target.kind == "dataset":
                    yield self.check_target(target)
                else:
                    batch, place = placed[position]
                    position += 1
                    yield futures[batch].result()[place]
        except BaseException:
            # Ctrl-C (or an error): stop now instead of waiting for every queued file.
            # (The worker list is private and gone after shutdown(): take it first.)
            workers_left = list((getattr(pool, "_processes", None) or {}).values())
            manager = getattr(pool, "_executor_manager_thread", None)
            _quiet_cancelled_pool_manager()
            pool.shutdown(wait=False, cancel_futures=True)
            for process in workers_left:
                process.terminate()
            if manager is not None:
                # Let the manager thread see the workers gone and close its wake-up pipe
                # now: CPython's exit hook (3.11) otherwise races it, writes to the closed
                # pipe and prints "Bad file descriptor" after "interrupted".
                manager.join(timeout=5)
            raise
        else:
            pool.shutdown()
        finally:
            _WORKER_RUNNER = None
            self._looked_up = False


def ignored_count(ignored: Sequence[Ignored]) -> str:
    """``"3 files and 1 folder"``: what .gitignore left out; "" for nothing."""
    folders = sum(1 for i in ignored if i.is_dir)
    files = len(ignored) - folders
    parts = [
        f"{n} {word}{'s' if n != 1 else ''}"
        for n, word in ((files, "file"), (folders, "folder"))
        if n
    ]
    return " and ".join(parts)


def _unparsed(unit: CodeUnit, part: Unparsed) -> Finding:
    """IG001 for one part of a unit that does not parse (the rest was still checked)."""
    return Finding(
        UNREADABLE,
        unit.unparsed_message(part),
        unit.location(line=part.line, column=part.column),
        suggestion="Fix the syntax error; until then this part is not checked.",
    )


#: Files the parent looks up in the cache before deciding the cache is mostly cold.
PROBE = 32
#: Below this many code files, starting worker processes costs more than it saves.
POOL_MIN_FILES = 16
_WORKER_RUNNER: Runner | None = None
#: Batches per worker's share of the bytes (see :func:`plan_batches`), and files at most
#: in one batch (a message to a worker, and its answer).
BATCHES_PER_WORKER = 40
MAX_BATCH = 64


def _worker_count(files: int, jobs: int | None) -> int:
    if files < POOL_MIN_FILES:
        return 1  # before importing multiprocessing: 10 ms a small run need not pay
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(jobs or cores or 1, cores or 1, files // (POOL_MIN_FILES // 2)))


def _quiet_cancelled_pool_manager() -> None:
    """Keep the pool's manager thread from printing a traceback while a run stops early.

    When the workers are terminated, the executor's manager thread marks every pending
    future as failed; for a future this run has just cancelled, CPython (3.11 at least)
    raises ``InvalidStateError`` in that thread, and threading prints it to stderr after
    "interrupted". Only that error of that moment is silenced; any other still prints.
    """
    import threading
    from concurrent.futures import InvalidStateError

    previous = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        if not isinstance(args.exc_value, InvalidStateError):
            previous(args)

    threading.excepthook = hook


def _start_worker() -> None:
    """Workers ignore Ctrl-C: the terminal sends it to the whole process group, and the
    main process alone answers it (exit 130, no traceback from each worker).

    They also collect cycles rarely. A syntax tree and the analysis' facts are many small
    objects and few cycles, yet every 700 allocations the collector walks the young ones,
    and every few of those walks everything the interpreter holds (the imported modules
    included): a fifth of a worker's time went there. The objects inherited from the
    parent are frozen (never walked again, and their pages stay shared with it); garbage
    cycles are still collected, only less often.
    """
    import gc
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()
    gc.set_threshold(*collector.CHECKING_THRESHOLDS)


def plan_batches(sizes: Sequence[int], workers: int) -> list[list[int]]:
    """The positions of files (by their ``sizes`` in bytes) grouped into the batches the
    workers are handed, largest files first.

    A worker takes the next batch when it is done with one, so the run ends when the last
    batch does: the large files go first, each batch holds about a fortieth of a worker's
    share of the bytes, and the many small files come last in batches of the same weight,
    so no worker is left alone with a big file (or a big batch) while the others idle.
    Every position is in exactly one batch.
    """
    order = sorted(range(len(sizes)), key=lambda i: (-sizes[i], i))
    budget = max(1, sum(sizes) // (max(1, workers) * BATCHES_PER_WORKER))
    batches: list[list[int]] = []
    current: list[int] = []
    weight = 0
    for i in order:
        current.append(i)
        weight += max(sizes[i], 1)
        if weight >= budget or len(current) >= MAX_BATCH:
            batches.append(current)
            current, weight = [], 0
    if current:
        batches.append(current)
    return batches


def _size(target: Target) -> int:
    """A code file's size in bytes, the measure of its cost; 0 when it cannot be read
    (checking it says why)."""
    try:
        return os.stat(target.path).st_size if target.path is not None else 0
    except (OSError, ValueError):
        return 0


def _check_batch(targets: list[Target]) -> list[Outcome]:
    return [_check_in_worker(target) for target in targets]


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


def _data_inputs(unit: CodeUnit | None) -> list[Input]:
    """The datasets whose label counts the findings of ``unit`` quote (or were silenced
    by): by size and mtime, so an unchanged dataset is not read again next run."""
    flow = unit.__dict__.get("flow") if unit is not None else None
    read = getattr(flow, "data_read", None)
    if not read:
        return []
    from imbalance_guard.cache import Input

    inputs = []
    for path in sorted(read):
        try:
            inputs.append(Input.stat(path))
        except OSError:
            continue  # gone since: the result is not cached against it
    return inputs


def _project_inputs(unit: CodeUnit | None) -> list[Input]:
    """The project modules the analysis of ``unit`` read: a result depends on them too."""
    flow = unit.__dict__.get("flow") if unit is not None else None
    project = getattr(flow, "project", None)
    if project is None or not project.read:
        return []
    from imbalance_guard.cache import Input

    return [Input("content", path, stamp) for path, stamp in sorted(project.read.items())]
