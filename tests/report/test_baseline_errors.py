"""A baseline or configuration file that cannot be read or written is exit 2 with one line,
never an internal error, and a FIFO given as one never blocks the run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

IG = [sys.executable, "-m", "imbalance_guard"]


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*IG, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 50_000 + "]" * 50_000, "JSON nested too deeply or a number too large"),
        ('{"tool": "imbalance-guard", "version": ' + "1" * 5000 + "}", "a number too large"),
        (None, "cannot read baseline base.json: a FIFO (named pipe), not a regular file"),
        ("folder", "cannot read baseline base.json: Is a directory"),
    ],
    ids=["nested", "huge-number", "fifo", "folder"],
)
def test_an_unreadable_baseline_is_one_line_and_exit_2(tmp_path, content, message):
    (tmp_path / "a.py").write_text("x = 1\n")
    if content is None:
        os.mkfifo(tmp_path / "base.json")
    elif content == "folder":
        (tmp_path / "base.json").mkdir()
    else:
        (tmp_path / "base.json").write_text(content)
    out = run(["check", "--baseline", "base.json", "a.py"], tmp_path)
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.count("\n") == 1 and message in out.stderr, out.stderr
    assert out.stderr.startswith("imbalance-guard: error: ")


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (".", "cannot write baseline .: Is a directory"),
        ("/dev/full", "cannot write baseline /dev/full: No space left on device"),
        ("missing/b.json", "cannot write baseline missing/b.json: No such file or directory"),
    ],
)
def test_an_unwritable_baseline_is_one_line_and_exit_2(tmp_path, target, message):
    if target == "/dev/full" and not Path(target).exists():
        pytest.skip("no /dev/full on this system")
    (tmp_path / "a.py").write_text(
        "from sklearn.metrics import accuracy_score\naccuracy_score(a, b)\n"
    )
    out = run(["check", "--output-format", "json", "--write-baseline", target, "a.py"], tmp_path)
    assert out.returncode == 2
    assert out.stderr == f"imbalance-guard: error: {message}\n"


def test_a_fifo_given_as_config_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "ig.toml")
    (tmp_path / "a.py").write_text("x = 1\n")
    out = run(["check", "--config", "ig.toml", "a.py"], tmp_path)
    assert out.returncode == 2
    assert out.stderr == "imbalance-guard: error: --config ig.toml: not a regular file\n"
