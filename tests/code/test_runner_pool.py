"""Many code files are checked by worker processes, with the same findings in the same order."""

from __future__ import annotations

from pathlib import Path

from imbalance_guard import hookimpl
from imbalance_guard.config import Config
from imbalance_guard.findings import Finding, Rule
from imbalance_guard.plugins import collect_rules, get_plugin_manager
from imbalance_guard.runner import POOL_MIN_FILES, Runner

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "leakage"


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


def run(jobs: int | None, paths: list[Path]) -> tuple[list[Finding], list[str]]:
    pm = get_plugin_manager(load_entry_points=False, extra=[Boom()])
    rules = collect_rules(pm)
    config = Config()
    config.apply_settings(s for result in pm.hook.ig_settings() for s in result)
    config.select_rules(rules, [r.code for r in rules.values() if r.default_enabled])
    runner = Runner(pm, config, rules)
    runner.jobs = jobs
    report = runner.run(paths)
    return report.findings, runner.errors


def test_pool_gives_the_same_findings_as_one_process() -> None:
    paths = sorted(CORPUS.iterdir())
    assert len(paths) >= 2 * POOL_MIN_FILES
    pooled, pooled_errors = run(None, paths)
    single, single_errors = run(1, paths)
    assert pooled == single and len(pooled) >= 40
    for errors in (pooled_errors, single_errors):
        (error,) = errors
        assert "bank_cv_after_smote.py: plugin" in error
        assert error.endswith("failed: RuntimeError: boom")
