"""How --fix writes a file: same owner, group and mode; hard-linked and read-only files
left alone; no temporary file left behind on errors, Ctrl-C or SIGTERM; and the
temporary file of a run killed with -9 removed by the next --fix run there.

These run for real (the test suite runs as root in CI): real chown, real hard links,
real signals to a real process.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from imbalance_guard.fix import write

SOURCE = (
    "from sklearn.model_selection import train_test_split\n"
    "from sklearn.linear_model import LogisticRegression\n"
    "X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2)\n"
    "LogisticRegression().fit(X_tr, y_tr)\n"
)
FIXED = SOURCE.replace("test_size=0.2)", "test_size=0.2, stratify=y)")

root_only = pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".ig-fix"))


@root_only
@pytest.mark.parametrize("mode", [0o640, 0o755, 0o2775])
def test_owner_group_and_mode_are_kept(project, run_cli, mode):
    path = project / "a.py"
    path.write_text(SOURCE)
    os.chown(path, 1234, 2345)
    path.chmod(mode)
    inode = path.stat().st_ino
    result = run_cli("check", "--unsafe-fixes", "a.py")
    assert result.exit_code == 0, result.output
    info = path.stat()
    assert path.read_text() == FIXED
    assert info.st_ino != inode  # replaced, not rewritten in place
    assert (info.st_uid, info.st_gid) == (1234, 2345)
    assert stat.S_IMODE(info.st_mode) == mode
    assert temporaries(project) == []


def test_a_file_with_hard_links_is_not_written(project, run_cli):
    path = project / "a.py"
    path.write_text(SOURCE)
    os.link(path, project / "b.py")
    result = run_cli("check", "--unsafe-fixes", "a.py")
    assert result.exit_code == 1
    assert "a.py: not fixed: the file has 2 hard links" in result.output
    assert "IG202" in result.output  # the finding stays
    assert path.read_text() == SOURCE
    assert (project / "b.py").stat().st_ino == path.stat().st_ino  # still one file


@pytest.mark.parametrize("mode", [0o444, 0o044, 0o000])
def test_a_file_without_the_owner_write_bit_is_not_written(project, run_cli, mode):
    path = project / "a.py"
    path.write_text(SOURCE)
    path.chmod(mode)
    result = run_cli("check", "--unsafe-fixes", "a.py")
    if mode == 0o000 and not os.access(path, os.R_OK):
        pytest.skip("a user cannot read a 000 file at all")
    assert result.exit_code == 1
    assert f"a.py: not fixed: the file is read-only (mode {mode:04o})" in result.output
    assert "IG202" in result.output
    path.chmod(0o644)
    assert path.read_text() == SOURCE


def test_a_failing_replace_leaves_the_file_and_no_temporary(project, run_cli, monkeypatch):
    path = project / "a.py"
    path.write_text(SOURCE)

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write.os, "replace", fail)
    result = run_cli("check", "--unsafe-fixes", "a.py")
    assert result.exit_code == 2
    assert "a.py: cannot write the fixed file: No space left on device" in result.output
    assert path.read_text() == SOURCE
    assert temporaries(project) == []


# -- signals, for real -------------------------------------------------------------

# Runs `imbalance-guard check --fix a.py` with fsync slowed down: it touches
# "writing" once the temporary file holds the new text, then waits to be signalled.
_SLOW_FIX = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path

    def slow_fsync(fd):
        Path("writing").touch()
        time.sleep(60)

    os.fsync = slow_fsync
    from imbalance_guard.cli import main
    sys.argv = ["imbalance-guard", "check", "--unsafe-fixes", "a.py"]
    main()
    """
)


def start_slow_fix(folder: Path) -> subprocess.Popen:
    (folder / "a.py").write_text(SOURCE)
    process = subprocess.Popen(
        [sys.executable, "-c", _SLOW_FIX],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not (folder / "writing").exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the fix never started writing"
        time.sleep(0.05)
    assert len(temporaries(folder)) == 1  # caught in the middle of the write
    return process


# SIGTERM is re-delivered once the file is gone, so the process ends as terminated.
# Ctrl-C ends the run with an error status (the exact one is the CLI's business).
@pytest.mark.parametrize(
    ("signum", "status"), [(signal.SIGTERM, {-signal.SIGTERM}), (signal.SIGINT, {1, 130})]
)
def test_a_signal_while_writing_removes_the_temporary_file(tmp_path, signum, status):
    process = start_slow_fix(tmp_path)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode in status, stderr
    assert b"Traceback" not in stderr
    assert temporaries(tmp_path) == []
    assert (tmp_path / "a.py").read_text() == SOURCE


def test_the_next_fix_run_removes_what_kill_9_left(tmp_path, run_cli, monkeypatch):
    process = start_slow_fix(tmp_path)
    process.kill()
    process.communicate(timeout=60)
    (left,) = temporaries(tmp_path)
    assert left.startswith(f".a.py.{process.pid}.")
    assert (tmp_path / "a.py").read_text() == SOURCE

    # Not stale, or not ours: a live process's file (this test's own), an old-style
    # name younger than an hour, a directory, and a user's own dot file.
    live = tmp_path / f".b.py.{os.getpid()}.0a1b2c3d.ig-fix"
    young = tmp_path / ".b.py.k2j3h4g5.ig-fix"
    folder = tmp_path / ".c.py.1.abcd1234.ig-fix"
    mine = tmp_path / ".a.py.backup"
    for path in (live, young, mine):
        path.write_text("keep")
    folder.mkdir()
    old = tmp_path / ".c.py.m9n8b7v6.ig-fix"  # an earlier version's name, two hours old
    old.write_text("stale")
    os.utime(old, (time.time() - 7200, time.time() - 7200))

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(write, "_cleaned", set())
    result = run_cli("check", "--unsafe-fixes", "-v", "a.py")
    assert result.exit_code == 0, result.output
    assert f"removed {left}, left by an interrupted --fix" in result.output
    assert (tmp_path / "a.py").read_text() == FIXED
    assert sorted(temporaries(tmp_path)) == sorted(p.name for p in (live, young, folder))
    assert mine.exists()


def test_stale_files_are_removed_even_when_nothing_needs_fixing(tmp_path, run_cli, monkeypatch):
    (tmp_path / "clean.py").write_text("x = 1\n")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stale = tmp_path / f".clean.py.{dead.stdout.strip()}.0a1b2c3d.ig-fix"
    stale.write_text("half a file")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(write, "_cleaned", set())
    assert run_cli("check", "clean.py").exit_code == 0
    assert stale.exists()  # only --fix touches the folder
    assert run_cli("check", "--fix", "clean.py").exit_code == 0
    assert not stale.exists()
