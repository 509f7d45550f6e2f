"""The console script starts with the garbage collector paused; the runner resumes it.

Each console case runs in a child process: pausing the collector is what importing
``imbalance_guard.console`` does, and the test process must keep its own.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from imbalance_guard import cli, collector

PROBE = """
import atexit, gc, json, sys
state = {}
atexit.register(lambda: print(json.dumps({**state, "at_exit": [gc.isenabled(),
    list(gc.get_threshold()), gc.get_freeze_count() > 0]}), file=sys.stderr))
import imbalance_guard.console
state["after_import"] = gc.isenabled()
sys.argv = ["imbalance-guard", *sys.argv[1:]]
imbalance_guard.console.entry()
"""


def probe(tmp_path: Path, *args: str) -> tuple[int, dict]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=tmp_path, capture_output=True, text=True
    )
    return done.returncode, json.loads(done.stderr.strip().splitlines()[-1])


def test_a_check_resumes_the_collector_with_the_checking_thresholds(tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text("from sklearn.metrics import accuracy_score\n")
    status, state = probe(tmp_path, "check", "--no-cache", "train.py")
    assert status == 0
    assert state["after_import"] is False  # paused before the tool is imported
    assert state["at_exit"] == [True, list(collector.CHECKING_THRESHOLDS), True]


def test_a_command_that_checks_nothing_leaves_it_paused(tmp_path: Path) -> None:
    status, state = probe(tmp_path, "--version")
    assert status == 0
    assert state["at_exit"][0] is False  # a short process: nothing to collect


def test_an_embedding_keeps_its_collector_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text("from sklearn.metrics import accuracy_score\n")
    before = gc.get_threshold()
    result = CliRunner().invoke(cli.cli, ["check", "--no-cache", str(tmp_path / "train.py")])
    assert result.exit_code == 0, result.output
    assert gc.isenabled() and gc.get_threshold() == before
    gc.disable()
    try:
        result = CliRunner().invoke(cli.cli, ["check", "--no-cache", str(tmp_path / "train.py")])
        assert result.exit_code == 0, result.output
        assert not gc.isenabled()  # switched off by the embedding: stays off
    finally:
        gc.enable()
