"""Many code files are checked by worker processes, with the same findings in the same order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imbalance_guard import hookimpl
from imbalance_guard.collector import CHECKING_THRESHOLDS
from imbalance_guard.config import Config
from imbalance_guard.findings import Finding, Location, Rule
from imbalance_guard.run import build_run
from imbalance_guard.runner import (
    MAX_BATCH,
    POOL_MIN_FILES,
    plan_batches,
)

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
        kept = [[] for _ in range(3 * CHECKING_THRESHOLDS[0])]
        del kept
        state = f"{gc.get_threshold()} collected={gone() is None} enabled={gc.isenabled()}"
        return [Finding("XG900", state, Location(unit.path, 1, 1))]


def test_workers_collect_cycles_rarely_but_still_collect(four_cores) -> None:
    import gc

    before = gc.get_threshold()
    paths = sorted(CORPUS.iterdir())
    findings, _ = run(None, paths, (CollectorState(), WhoChecked()))
    states = {f.message for f in findings if f.code == "XG900"}
    assert states == {f"{CHECKING_THRESHOLDS} collected=True enabled=True"}
    assert os.getpid() not in set(checked_by(findings).values())
    assert gc.get_threshold() == before  # this process's collector is left as it was


@given(
    sizes=st.lists(st.integers(min_value=0, max_value=5_000_000), max_size=400),
    workers=st.integers(min_value=1, max_value=8),
)
@settings(max_examples=200, deadline=None)
def test_batches_hold_every_file_once_largest_first(sizes: list[int], workers: int) -> None:
    batches = plan_batches(sizes, workers)
    flat = [i for batch in batches for i in batch]
    assert sorted(flat) == list(range(len(sizes)))  # every file, once
    assert all(batch and len(batch) <= MAX_BATCH for batch in batches)
    # handed out largest first: no worker is left alone with a big file at the end
    assert [sizes[i] for i in flat] == sorted(sizes, reverse=True)


def test_a_big_file_is_a_batch_of_its_own_and_small_files_share_one() -> None:
    sizes = [1_000] * 200 + [400_000]
    batches = plan_batches(sizes, 2)
    assert batches[0] == [200]  # the big file first, alone
    # the rest in batches of the same weight, many more than the workers
    assert len(batches) > 10 and {len(b) for b in batches[1:]} == {len(batches[1])}
    assert len(batches[1]) > 1


def test_pooled_outcomes_come_back_in_the_order_of_the_targets(four_cores, tmp_path) -> None:
    # Files of very different sizes are handed out largest first; the report's order
    # (and every outcome's file) is still the order of discovery.
    paths = []
    for n in range(3 * POOL_MIN_FILES):
        path = tmp_path / f"m{n:03}.py"
        path.write_text("x = 1\n" * (1 + (n * 7919) % 500))
        paths.append(path)
    built = build_run(config=Config(), load_entry_points=False, extra_plugins=[WhoChecked()])
    runner = built.runner()
    from imbalance_guard.discover import Target

    targets = [Target(p, str(p), "python") for p in paths]
    outcomes = list(runner.check_all(targets))
    assert [o.target.path for o in outcomes] == paths
    assert [f.location.path for o in outcomes for f in o.findings] == [str(p) for p in paths]
    assert os.getpid() not in {int(f.message) for o in outcomes for f in o.findings}
