"""Discovery opens only regular files and directories.

FIFOs, sockets and devices with a checkable name are skipped with a ``--verbose`` note and
never opened (a FIFO would block the run, ``/dev/zero`` would fill the memory). A symbolic
link loop, a dangling link or a permission error is IG001 for that path only, and the files
beside it are still checked and reported.

The runs that could hang on a regression go through a subprocess with a timeout, so a
broken build fails instead of stalling the suite. Permission tests need a user whom the
kernel holds to file modes: as root (as in this container) they run the CLI as ``nobody``
through ``setpriv``; as any other user they run it directly.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imbalance_guard.discover import Skipped, Target, classify, discover, read_regular_file

IG = [sys.executable, "-m", "imbalance_guard"]
LEAKY = "from sklearn.metrics import accuracy_score\nprint(accuracy_score(a, b))\n"


def run(args: list[str], cwd: Path, user: list[str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [*(user or []), *IG, *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=env
    )


def items(root: Path, paths: list[Path] | None = None) -> list:
    return list(discover(paths or [root], [], root, root))


# -- special files are never opened ---------------------------------------------------


@pytest.mark.parametrize("name", ["pipe.py", "pipe.ipynb", "pipe.csv"])
def test_a_fifo_is_skipped_with_a_note_when_walking(tmp_path, name):
    os.mkfifo(tmp_path / name)
    (tmp_path / "good.py").write_text("x = 1\n")
    found = items(tmp_path)
    assert [t.display for t in found if isinstance(t, Target)] == ["good.py"]
    assert found[-1] == Skipped(name, "skipped: a FIFO (named pipe), not a regular file")


def test_fifos_sockets_and_devices_do_not_hang_the_cli(tmp_path):
    os.mkfifo(tmp_path / "pipe.py")
    os.mkfifo(tmp_path / "pipe.csv")
    (tmp_path / "zero.py").symlink_to("/dev/zero")
    (tmp_path / "null.ipynb").symlink_to("/dev/null")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "sock.ipynb"))
    except OSError:  # a path too long for AF_UNIX: the other kinds still count
        server.close()
        server = None
    (tmp_path / "bad.py").write_text(LEAKY)
    try:
        out = run(["check", "-v", "--select", "IG201", "."], tmp_path)
        named = run(["check", "-v", "pipe.py", "zero.py", "bad.py"], tmp_path)
    finally:
        if server is not None:
            server.close()
    assert out.returncode == 1, out.stderr
    assert "internal error" not in out.stderr
    assert "bad.py:2:7: IG201" in out.stdout
    assert "note: pipe.py: skipped: a FIFO (named pipe), not a regular file" in out.stdout
    assert "note: pipe.csv: skipped: a FIFO (named pipe)" in out.stdout
    assert "note: zero.py: skipped: a character device, not a regular file" in out.stdout
    assert "note: null.ipynb: skipped: a character device" in out.stdout
    if server is not None:
        assert "note: sock.ipynb: skipped: a socket, not a regular file" in out.stdout
    assert "Found 1 problem." in out.stdout
    # Named on the command line (as pre-commit does) they are skipped the same way.
    assert named.returncode == 1, named.stderr
    assert "note: pipe.py: skipped: a FIFO" in named.stdout
    assert "note: zero.py: skipped: a character device" in named.stdout
    assert "(1 file" not in named.stdout and "Found 1 problem." in named.stdout


def test_without_verbose_the_skip_is_silent(tmp_path):
    os.mkfifo(tmp_path / "pipe.py")
    (tmp_path / "good.py").write_text("x = 1\n")
    out = run(["check", "."], tmp_path)
    assert out.returncode == 0, out.stderr
    assert "pipe.py" not in out.stdout + out.stderr
    assert "All checks passed! (1 file checked)" in out.stdout


def test_a_file_swapped_for_a_fifo_after_discovery_is_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.py")
    with pytest.raises(OSError, match="FIFO"):
        read_regular_file(tmp_path / "pipe.py")  # returns at once: opened non-blocking
    with pytest.raises(OSError, match="character device"):
        read_regular_file(Path("/dev/zero"))
    (tmp_path / "a.py").write_bytes(b"x = 1\n")
    assert read_regular_file(tmp_path / "a.py") == b"x = 1\n"


# -- links that lead nowhere ---------------------------------------------------------------


def test_a_link_loop_and_a_dangling_link_are_ig001_and_the_run_goes_on(project, run_cli):
    (project / "loop.py").symlink_to("loop.py")
    (project / "a.ipynb").symlink_to("b.ipynb")
    (project / "b.ipynb").symlink_to("a.ipynb")
    (project / "gone.csv").symlink_to("nowhere/data.csv")
    (project / "bad.py").write_text(LEAKY)
    result = run_cli("check", "--output-format", "json", ".")
    assert result.exit_code == 1, result.output
    found = {(f["filename"], f["code"]): f["message"] for f in json.loads(result.output)}
    assert found == {
        ("a.ipynb", "IG001"): "cannot read: symbolic link loop",
        ("b.ipynb", "IG001"): "cannot read: symbolic link loop",
        ("loop.py", "IG001"): "cannot read: symbolic link loop",
        ("gone.csv", "IG001"): "cannot read: broken symbolic link (it points to nowhere/data.csv)",
        ("bad.py", "IG201"): found[("bad.py", "IG201")],
    }


def test_a_link_named_on_the_command_line(project, run_cli):
    (project / "loop.py").symlink_to("loop.py")
    (project / "gone.py").symlink_to("missing.py")
    (project / "bad.py").write_text(LEAKY)
    result = run_cli("check", "--output-format", "concise", "loop.py", "gone.py", "bad.py")
    assert result.exit_code == 1, result.output
    assert "loop.py: IG001 cannot read: symbolic link loop" in result.output
    assert "gone.py: IG001 cannot read: broken symbolic link (it points to missing.py)" in (
        result.output
    )
    assert "bad.py:2:7: IG201" in result.output
    assert "Found 3 problems." in result.output


def test_a_link_to_a_folder_is_not_followed(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.py").write_text("x = 1\n")
    (tmp_path / "real" / "back").symlink_to(tmp_path)  # a loop through folders
    assert [t.display for t in items(tmp_path)] == ["real/a.py"]


# -- permissions ---------------------------------------------------------------------------


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder another user can enter (pytest's tmp_path is private to its owner)."""
    path = Path(tempfile.mkdtemp(prefix="ig-perm-"))
    path.chmod(0o755)
    yield path
    for folder in [path, *path.rglob("*")]:
        if folder.is_dir() and not folder.is_symlink():
            folder.chmod(0o755)
    shutil.rmtree(path)


def unprivileged() -> list[str]:
    """The command prefix that runs the CLI as a user bound by file modes."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: no user the kernel holds to file modes")
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run(
        [*prefix, sys.executable, "-c", "import imbalance_guard"], capture_output=True
    )
    if probe.returncode != 0:
        pytest.skip("user nobody cannot run this Python environment")
    return prefix


def test_unreadable_files_and_folders_are_ig001_and_the_run_goes_on(shared_dir):
    user = unprivileged()
    root = shared_dir
    (root / "bad.py").write_text(LEAKY)
    (root / "secret.py").write_text("x = 1\n")
    (root / "secret.py").chmod(0o000)
    (root / "locked").mkdir()  # listable, but no search permission: files cannot be opened
    (root / "locked" / "inner.ipynb").write_text("{}")
    (root / "locked").chmod(0o644)
    (root / "closed").mkdir()  # not even listable
    (root / "closed" / "c.py").write_text("x = 1\n")
    (root / "closed").chmod(0o311)
    for path in (root / "bad.py", root):
        path.chmod(path.stat().st_mode | 0o755)

    walked = run(["check", "--output-format", "concise", "."], root, user)
    named = run(
        ["check", "--output-format", "concise", "secret.py", "locked/inner.ipynb", "bad.py"],
        root,
        user,
    )

    assert walked.returncode == 1, walked.stderr
    assert "internal error" not in walked.stderr and "Usage" not in walked.stderr
    assert "closed: IG001 cannot read: Permission denied" in walked.stdout
    assert "locked/inner.ipynb: IG001 cannot read: Permission denied" in walked.stdout
    assert "secret.py: IG001 cannot read: Permission denied" in walked.stdout
    assert "bad.py:2:7: IG201" in walked.stdout
    assert "Found 4 problems." in walked.stdout

    assert named.returncode == 1, named.stderr
    assert "Usage" not in named.stderr and "internal error" not in named.stderr
    assert "secret.py: IG001 cannot read: Permission denied" in named.stdout
    assert "locked/inner.ipynb: IG001 cannot read: Permission denied" in named.stdout
    assert "bad.py:2:7: IG201" in named.stdout


# -- a differential property against os.walk + os.stat --------------------------------------

ENTRY = st.tuples(
    st.sampled_from(["file", "dir", "fifo", "link"]),
    st.sampled_from(["a.py", "b.ipynb", "c.csv", "d.txt", "sub", "e.py"]),
    st.integers(0, 3),  # parent: an earlier folder (0 = the root)
    st.sampled_from(["a.py", "sub", "nowhere.py", "..", "/dev/null", "b.ipynb", "sub/a.py"]),
)


def _oracle(root: Path) -> tuple[set[str], set[str], set[str]]:
    """(regular files, skipped special files, problem paths) by the standard library."""
    regular, special, problem = set(), set(), set()
    for dirpath, _dirnames, filenames in os.walk(root):
        for name in filenames:
            path = Path(dirpath) / name
            if classify(path) is None:
                continue
            shown = path.relative_to(root).as_posix()
            try:
                mode = os.stat(path).st_mode
            except OSError:
                problem.add(shown)
                continue
            (regular if stat.S_ISREG(mode) else special).add(shown)
    return regular, special, problem


@settings(max_examples=60, deadline=None)
@given(st.lists(ENTRY, max_size=12))
def test_discovery_matches_the_standard_library(entries):
    with tempfile.TemporaryDirectory() as name:
        root = Path(name).resolve()
        folders = [root]
        for kind, base, parent, target in entries:
            path = folders[min(parent, len(folders) - 1)] / base
            if path.exists() or path.is_symlink():
                continue
            if kind == "file":
                path.write_text("x = 1\n")
            elif kind == "dir":
                path.mkdir()
                folders.append(path)
            elif kind == "fifo":
                os.mkfifo(path)
            else:
                path.symlink_to(target)
        found = list(discover([root], [], root, root))
        regular, special, problem = _oracle(root)
        assert {t.display for t in found if isinstance(t, Target) and not t.problem} == regular
        assert {t.display for t in found if isinstance(t, Skipped)} == special
        assert {t.display for t in found if isinstance(t, Target) and t.problem} == problem
        for target in found:
            if isinstance(target, Target) and not target.problem:
                assert read_regular_file(target.path) is not None  # opens at once, no block
