"""Shared fixtures: a CLI runner that works in a temporary project directory."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from imbalance_guard import hookimpl
from imbalance_guard.cli import cli
from imbalance_guard.config import CONFIG_ROOT_ENV
from imbalance_guard.findings import Finding, Rule


def pytest_configure(config: pytest.Config) -> None:
    # The CI skip policy covers the whole session, plugins/ included (tests/ci_skips.py).
    import ci_skips

    if not config.pluginmanager.is_registered(ci_skips):
        config.pluginmanager.register(ci_skips, "ci_skips")


@pytest.fixture(scope="session", autouse=True)
def hermetic_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Configuration discovery never looks above the session's temporary root.

    Every test's ``tmp_path`` lies under it, so a pyproject.toml above the temporary
    folder (a home directory's, a CI runner's) cannot leak into a test. Subprocesses
    started by tests inherit the variable.
    """
    root = tmp_path_factory.getbasetemp().resolve()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CONFIG_ROOT_ENV, str(root))
        yield root


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project directory that is the working directory of the test."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    """Invoke the CLI in-process: ``run_cli("check", "x.py", plugins=[obj])``."""

    def invoke(*args: str, plugins: list[object] | None = None) -> Result:
        obj = {"plugins": plugins} if plugins else None
        return CliRunner().invoke(cli, list(args), obj=obj, catch_exceptions=False)

    return invoke


def write_notebook(path: Path, cells: list[str | tuple[str, str]]) -> Path:
    """Write an nbformat-4 notebook; a cell is source text or (cell_type, source)."""
    nb_cells = []
    for cell in cells:
        kind, source = cell if isinstance(cell, tuple) else ("code", cell)
        entry = {"cell_type": kind, "metadata": {}, "source": source.splitlines(keepends=True)}
        if kind == "code":
            entry.update(execution_count=None, outputs=[])
        nb_cells.append(entry)
    document = {"cells": nb_cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return path


@pytest.fixture
def notebook() -> Callable[[Path, list], Path]:
    return write_notebook


def env_without_color() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env.pop("FORCE_COLOR", None)
    return env


class PrintCallPlugin:
    """A third-party-style plugin registered at run time: flags every ``print(...)``."""

    RULE = Rule(
        code="XP100",
        name="print-call",
        summary="A print call",
        doc="XP100 print-call\n\n## What it does\nFlags print.\n\n## Why is this bad?\n"
        "Tests need it.\n\n## Example\n```python\nprint(1)\n```\n\n## Use instead\n"
        "```python\nlogging.info(1)\n```\n",
    )

    @hookimpl
    def ig_rules(self) -> list[Rule]:
        return [self.RULE]

    @hookimpl
    def ig_check_code(self, unit):
        import ast

        return [
            Finding("XP100", "`print` called", unit.location(node.func), suggestion="Use logging.")
            for node in ast.walk(unit.tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print"
        ]


@pytest.fixture
def print_plugin() -> PrintCallPlugin:
    return PrintCallPlugin()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the corpus scores the ratchet tests recorded (``record_property``)."""
    lines = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        for name, value in getattr(report, "user_properties", ())
        if name == "corpus-score"
    ]
    if lines:
        terminalreporter.write_sep("-", "labeled corpus scores")
        for line in sorted(set(lines)):
            terminalreporter.write_line(line)


# Property tests: the default profile is what CI runs; HYPOTHESIS_PROFILE=nightly runs
# ten times more examples (tests that ask for at least N examples get max(N, 2000)).
settings.register_profile("nightly", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
