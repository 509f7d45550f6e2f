"""Many code files are checked by worker processes, with the same findings in the same order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from imbalance_guard import hookimpl
from imbalance_guard.config import Config
from imbalance_guard.findings import Finding, Location, Rule
from imbalance_guard.run import build_run
from imbalance_guard.runner import POOL_MIN_FILES, WORKER_GC_THRESHOLDS

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "leakage"


class WhoChecked:
    """A plugin that reports, for every code file, the id of the process that checked it."""

    @hookimpl
    def ig_rules(self) -> list[Rule]:
        return [Rule("XW900", "worker", "who checked", "doc")]

    @hookimpl
    def ig_check_code(self, unit) -> list[Finding]:
        return [Finding("XW900", str(os.getpid()), Location(unit.path, 1, 1))]


class Boom:
    """A plugin that fails on one file: its error must reach the parent process."""

    @hookimpl
    def ig_rules(self) -> list[Rule]:
        return [Rule("XB900", "boom", "fails", "doc")]

    @hookimpl
    def ig_check_code(self, unit) -> list[Finding]:
        if unit.path.endswith("bank_cv_after_smote.py"):
            raise RuntimeError("boom")
        return []


def run(
    jobs: int | None, paths: list[Path], extra: tuple[object, ...] = ()
) -> tuple[list[Finding], list[str]]:
    built = build_run(config=Config(), load_entry_points=False, extra_plugins=[Boom(), *extra])
    runner = built.runner()
    runner.jobs = jobs
    report = runner.run(paths)
    return report.findings, runner.errors


@pytest.fixture
def four_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pool's size follows the available cores: make it 4 even on a 1-core runner."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 4)


def checked_by(findings: list[Finding]) -> dict[str, int]:
    return {f.location.path: int(f.message) for f in findings if f.code == "XW900"}


def test_pool_gives_the_same_findings_as_one_process(four_cores) -> None:
    paths = sorted(CORPUS.iterdir())
    assert len(paths) >= 2 * POOL_MIN_FILES
    pooled, pooled_errors = run(None, paths, (WhoChecked(),))
    single, single_errors = run(1, paths, (WhoChecked(),))
    # The pooled run really ran in worker processes, the other in this one.
    workers = set(checked_by(pooled).values())
    skipped = {"nb_r_kernel_ok.ipynb"}  # an R notebook is not Python: skipped, not checked
    assert len(checked_by(pooled)) == len([p for p in paths if p.name not in skipped])
    assert os.getpid() not in workers and 1 <= len(workers) <= 4
    assert set(checked_by(single).values()) == {os.getpid()}
    same = [f for f in pooled if f.code != "XW900"]
    assert same == [f for f in single if f.code != "XW900"] and len(same) >= 40
    for errors in (pooled_errors, single_errors):
        (error,) = errors
        assert "bank_cv_after_smote.py: plugin" in error
        assert error.endswith("failed: RuntimeError: boom")


class CollectorState:
    """Reports the worker's collector thresholds, and whether a garbage cycle made in the
    worker is still collected (rarely is not never)."""

    @hookimpl
    def ig_rules(self) -> list[Rule]:
        return [Rule("XG900", "gc", "collector", "doc")]

    @hookimpl
    def ig_check_code(self, unit) -> list[Finding]:
        import gc
        import weakref

        class Node:
            pass

        node = Node()
        node.me = node  # a cycle: only the collector frees it
        gone = weakref.ref(node)
        del node
        # Live allocations enough to cross the worker's threshold (freed ones don't count).
        kept = [[] for _ in range(3 * WORKER_GC_THRESHOLDS[0])]
        del kept
        state = f"{gc.get_threshold()} collected={gone() is None} enabled={gc.isenabled()}"
        return [Finding("XG900", state, Location(unit.path, 1, 1))]


def test_workers_collect_cycles_rarely_but_still_collect(four_cores) -> None:
    import gc

    before = gc.get_threshold()
    paths = sorted(CORPUS.iterdir())
    findings, _ = run(None, paths, (CollectorState(), WhoChecked()))
    states = {f.message for f in findings if f.code == "XG900"}
    assert states == {f"{WORKER_GC_THRESHOLDS} collected=True enabled=True"}
    assert os.getpid() not in set(checked_by(findings).values())
    assert gc.get_threshold() == before  # this process's collector is left as it was
