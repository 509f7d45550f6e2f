"""The console script's exit: the interpreter's teardown is skipped only where nothing is lost."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

PRELUDE = """
import atexit, sys, threading, time
from imbalance_guard.quick_exit import leave

class Teardown:
    def __del__(self):
        sys.__stderr__.write("teardown\\n")

kept = Teardown()  # freed by the interpreter's teardown only
atexit.register(lambda: sys.stderr.write("exit handler\\n"))
sys.stdout.write("x" * 100_000)  # still in the buffer: a pipe is block-buffered
"""


def run(body: str) -> subprocess.CompletedProcess[str]:
    script = PRELUDE + textwrap.dedent(body)
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )


def test_output_is_flushed_and_exit_handlers_run_but_modules_are_not_torn_down() -> None:
    done = run("leave(3)")
    assert done.returncode == 3
    assert done.stdout == "x" * 100_000
    assert "exit handler" in done.stderr
    assert "teardown" not in done.stderr


def test_none_is_a_clean_exit() -> None:
    done = run("leave(None)")
    assert (done.returncode, len(done.stdout)) == (0, 100_000)
    assert "teardown" not in done.stderr


def test_a_running_thread_is_waited_for_as_at_a_normal_exit() -> None:
    done = run(
        """
        def late():
            time.sleep(0.3)
            sys.stderr.write("thread done\\n")

        threading.Thread(target=late).start()
        leave(4)
        """
    )
    assert done.returncode == 4
    assert "thread done" in done.stderr
    assert "teardown" in done.stderr  # the normal way out


def test_a_message_status_is_printed_as_sys_exit_prints_it() -> None:
    done = run('leave("imbalance-guard: bye")')
    assert done.returncode == 1
    assert "imbalance-guard: bye" in done.stderr


def test_after_a_worker_pool_the_normal_exit_unregisters_its_resources() -> None:
    done = run("import multiprocessing\nleave(0)")
    assert done.returncode == 0
    assert "teardown" in done.stderr


def test_the_console_script_writes_every_finding_before_it_exits(tmp_path: Path) -> None:
    lines = ["from sklearn.metrics import accuracy_score", "from sklearn.svm import SVC"]
    lines += [f"print(accuracy_score(y{i}, SVC().fit(X, y).predict(X)))" for i in range(300)]
    (tmp_path / "train.py").write_text("\n".join(lines) + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "imbalance_guard", "check", "--no-cache",
         "--output-format", "json", "train.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)
    assert len(findings) == 300
    assert {f["code"] for f in findings} == {"IG201"}
