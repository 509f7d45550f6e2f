"""What a run says and how it ends when it cannot do everything it was asked.

* A path that does not exist is exit 2 with a clear message, never "All checks passed".
* A run that found no file to check says so and exits 0, as ruff does.
* An output that cannot take the report (``-o`` a folder, a missing folder, a full disk,
  a closed standard output) is exit 2 with one line on stderr, never an internal error,
  and nothing is written to a closed pipe.
* Ctrl-C is exit 130, the shell's convention, with no traceback.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from imbalance_guard import cli as cli_module
from imbalance_guard.runner import _worker_count

IG = [sys.executable, "-m", "imbalance_guard"]
LEAKY = "from sklearn.metrics import accuracy_score\nprint(accuracy_score(a, b))\n"


def run(args: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [*IG, *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=env, **kwargs
    )


# -- missing paths and empty runs -----------------------------------------------------------


def test_a_missing_path_is_exit_2_and_never_all_checks_passed(project, run_cli):
    (project / "good.py").write_text("x = 1\n")
    alone = run_cli("check", "nonexistent.py")
    assert alone.exit_code == 2
    assert "nonexistent.py: no such file or directory" in alone.output
    assert "All checks passed" not in alone.output and "No files checked" not in alone.output
    beside = run_cli("check", "nonexistent.py", "good.py")
    assert beside.exit_code == 2
    assert "All checks passed" not in beside.output
    assert "No problems found (1 file checked)." in beside.output
    assert "1 error: not everything could be checked" in beside.output


def test_a_missing_path_beside_findings_still_reports_them(project, run_cli):
    (project / "bad.py").write_text(LEAKY)
    result = run_cli("check", "--output-format", "concise", "bad.py", "gone/")
    assert result.exit_code == 2  # the error outranks the findings
    assert "bad.py:2:7: IG201" in result.output and "Found 1 problem." in result.output
    assert "gone: no such file or directory" in result.output


def test_a_path_through_a_file_is_missing(project, run_cli):
    (project / "a.py").write_text("x = 1\n")
    result = run_cli("check", "a.py/b.py")
    assert result.exit_code == 2
    assert "a.py/b.py: no such file or directory" in result.output


@pytest.mark.parametrize("layout", ["empty", "only-other-files"])
def test_nothing_to_check_says_so_and_exits_0(project, run_cli, layout):
    (project / "src").mkdir()
    if layout == "only-other-files":
        (project / "src" / "README.md").write_text("hi\n")
    result = run_cli("check", "src")
    assert result.exit_code == 0
    assert "All checks passed" not in result.output
    assert "No files checked." in result.output
    # ruff's warning ("No Python files found under the given path(s)"), on stderr
    assert (
        "imbalance-guard: warning: No Python files, notebooks or datasets found under the "
        "given path(s)" in result.output
    )


def test_nothing_to_check_in_a_machine_format_is_a_warning_on_stderr(project):
    (project / "src").mkdir()
    out = run(["check", "--output-format", "json", "src"], project)
    assert out.returncode == 0
    assert out.stdout == "[]\n"
    assert out.stderr == (
        "imbalance-guard: warning: No Python files, notebooks or datasets found under the "
        "given path(s)\n"
    )


# -- outputs that cannot take the report ---------------------------------------------------


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (".", "cannot write the report to .: it is a directory"),
        (
            "missing/report.json",
            "cannot write the report to missing/report.json: folder missing does not exist",
        ),
        ("/dev/full", "cannot write the report to /dev/full: No space left on device"),
    ],
)
def test_an_unwritable_output_file_is_exit_2_in_one_line(project, target, message):
    if target == "/dev/full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    (project / "bad.py").write_text(LEAKY)
    out = run(["check", "--output-format", "json", "-o", target, "."], project)
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr == f"imbalance-guard: error: {message}\n"


def test_a_full_disk_on_standard_output_is_exit_2(project):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    (project / "bad.py").write_text(LEAKY)
    with open("/dev/full", "w") as full:
        out = subprocess.run(
            [*IG, "check", "."],
            cwd=project,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert out.returncode == 2
    assert out.stderr == (
        "imbalance-guard: error: cannot write to standard output: No space left on device\n"
    )


@pytest.mark.parametrize("args", [["check", "."], ["rules"], ["explain", "IG001"], ["--help"]])
def test_a_closed_pipe_is_exit_2_without_a_traceback(project, args):
    """As with ``imbalance-guard check . | head -0``, but with the reader already gone, so
    the write always meets the closed pipe."""
    (project / "bad.py").write_text(LEAKY)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        out = subprocess.run(
            [*IG, *args],
            cwd=project,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert out.returncode == 2
    assert out.stderr == "imbalance-guard: error: standard output is closed (broken pipe)\n"


def test_a_pipe_into_head_never_shows_a_traceback(project):
    (project / "bad.py").write_text(LEAKY * 200)  # more output than the pipe holds
    shell = subprocess.run(
        f'{sys.executable} -m imbalance_guard check . | head -0; echo "${{PIPESTATUS[0]}}"',
        shell=True,
        executable="/bin/bash",
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shell.stdout.strip() == "2"
    assert shell.stderr == "imbalance-guard: error: standard output is closed (broken pipe)\n"


def test_a_closed_standard_output_stops_before_the_run(project):
    (project / "bad.py").write_text(LEAKY)
    shell = subprocess.run(
        f"{sys.executable} -m imbalance_guard check . >&-",
        shell=True,
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shell.returncode == 2
    assert shell.stderr == (
        "imbalance-guard: error: cannot write the report: standard output is closed\n"
    )


# -- Ctrl-C -------------------------------------------------------------------------------


def test_keyboard_interrupt_anywhere_is_exit_130(project, monkeypatch, capsys):
    (project / "a.py").write_text("x = 1\n")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("imbalance_guard.runner.Runner.run", interrupted)
    monkeypatch.setattr(sys, "argv", ["imbalance-guard", "check", "."])
    with pytest.raises(SystemExit) as exited:
        cli_module.main()
    assert exited.value.code == 130
    # (click first ends the line the terminal echoed ^C on)
    assert capsys.readouterr().err.strip() == "imbalance-guard: interrupted"


SLOW_RUN = """
import sys, time
from imbalance_guard import cli, runner

real = runner.Runner.check_target

def slow(self, target):
    sys.stderr.write("checking\\n"); sys.stderr.flush()
    time.sleep(60)
    return real(self, target)

runner.Runner.check_target = slow
sys.argv = ["imbalance-guard", "check", "."]
cli.main()
"""


@pytest.mark.parametrize("files", [1, 40], ids=["one-process", "worker-pool"])
def test_ctrl_c_in_a_terminal_is_exit_130_with_no_traceback(project, files):
    """SIGINT to the whole process group, as a terminal sends it; with 40 files the
    checks run in forked workers, which must not print their own tracebacks."""
    for index in range(files):
        (project / f"m{index}.py").write_text("x = 1\n")
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_RUN],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        # Every process that checks files has started and set its signal handling.
        for _ in range(_worker_count(files, None)):
            assert process.stderr.readline() == "checking\n"
        os.killpg(process.pid, signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 130
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert stderr.rstrip("\n").endswith("imbalance-guard: interrupted")
    assert "All checks passed" not in stdout


def test_sarif_records_what_could_not_be_checked(project, run_cli):
    import json

    (project / "good.py").write_text("x = 1\n")
    result = run_cli("check", "--output-format", "sarif", "-o", "out.sarif", "gone.py", "good.py")
    assert result.exit_code == 2
    run = json.loads((project / "out.sarif").read_text())["runs"][0]
    assert run["invocations"] == [
        {
            "executionSuccessful": False,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": "gone.py: no such file or directory"}}
            ],
        }
    ]
    clean = run_cli("check", "--output-format", "sarif", "-o", "out.sarif", "good.py")
    assert clean.exit_code == 0
    invocation = json.loads((project / "out.sarif").read_text())["runs"][0]["invocations"][0]
    assert invocation == {"executionSuccessful": True, "toolExecutionNotifications": []}


def test_a_deleted_working_directory_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    script = Path(sys.executable).with_name("imbalance-guard")
    shell = subprocess.run(
        f"mkdir gone && cd gone && rmdir ../gone && {script} check {tmp_path / 'a.py'}",
        shell=True,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shell.returncode == 2
    assert shell.stderr == (
        "imbalance-guard: error: cannot use the working directory: No such file or directory\n"
    )
