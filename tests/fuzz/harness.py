"""What every fuzzer shares: how a run is made, how long it may take, and what must hold.

A run is made in-process through click's test runner (a few milliseconds, so thousands
of inputs fit the CI budget); :func:`run_console_script` makes the same run through the
installed ``imbalance-guard`` script in a subprocess, for the sample that must prove the
real entry point and for inputs that could hang or eat memory (FIFOs, devices).

The invariants hold for every input, whatever it is:

- the exit status is 0, 1 or 2, and nothing escapes as an exception;
- no "internal error", no traceback, no reader or plugin crash in the output;
- no file in the tree changes (bytes, mtime, mode, or the set of names) without ``--fix``;
- with ``--fix``, only code files change, each changed file still parses, and a second
  ``--fix`` changes nothing.
"""

from __future__ import annotations

import ast
import collections
import contextlib
import os
import re
import signal
import stat
import subprocess
import sys
import sysconfig
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from imbalance_guard import cache
from imbalance_guard.cli import cli

# -- budgets ---------------------------------------------------------------------------------

#: ``IG_FUZZ=nightly`` selects the long run; anything else (or unset) is the CI run.
PROFILE = os.environ.get("IG_FUZZ", "ci")
NIGHTLY = PROFILE == "nightly"
#: How many examples the nightly run tries per CI example.
NIGHTLY_FACTOR = int(os.environ.get("IG_FUZZ_FACTOR", "25"))
#: One in-process run longer than this is a hang (generous: the machine may be busy).
RUN_TIMEOUT = 30.0


def fuzz_settings(ci_examples: int) -> settings:
    """Hypothesis settings of one fuzzer: ``ci_examples`` in CI, many more nightly.

    CI is derandomized: the gate tries the same inputs on every commit, so a red build
    is about the commit. The nightly run draws fresh inputs each time and keeps the
    failures it finds in the Hypothesis database, which replays them first next time.
    """
    return settings(
        max_examples=ci_examples * NIGHTLY_FACTOR if NIGHTLY else ci_examples,
        derandomize=not NIGHTLY,
        database=settings.default.database if NIGHTLY else None,
        deadline=None,  # RUN_TIMEOUT decides what is a hang; wall time is never asserted
        print_blob=True,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
            HealthCheck.filter_too_much,
        ],
    )


# -- counting the inputs -----------------------------------------------------------------------

#: Runs of the CLI per fuzz test, printed at the end of the session (conftest.py).
RUNS: collections.Counter[str] = collections.Counter()


def count_run() -> None:
    """Count one run of the CLI for the current test (the session summary)."""
    current = os.environ.get("PYTEST_CURRENT_TEST", "outside a test")
    RUNS[current.split(" ")[0].rpartition("::")[2].split("[")[0]] += 1


# -- running -----------------------------------------------------------------------------------


class Hang(BaseException):
    """A run went past RUN_TIMEOUT."""


@dataclass
class Run:
    args: tuple[str, ...]
    exit_code: int | None
    stdout: str
    stderr: str
    exception: BaseException | None = None
    stdout_bytes: bytes = b""

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def describe(self) -> str:
        return (
            f"imbalance-guard {' '.join(self.args)}\nexit {self.exit_code}\n"
            f"--- stdout\n{self.stdout[-3000:]}\n--- stderr\n{self.stderr[-3000:]}\n"
            f"--- exception {self.exception!r}"
        )


@contextlib.contextmanager
def working_directory(path: str | bytes | Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise Hang(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_cli(args: Sequence[str | bytes], cwd: str | bytes | Path) -> Run:
    """``imbalance-guard ARGS`` in-process, in ``cwd``; a hang becomes a ``Hang`` result."""
    count_run()
    argv = [os.fsdecode(a) for a in args]  # click gets what the OS would give sys.argv
    runner = CliRunner()
    with working_directory(cwd):
        try:
            with time_limit(RUN_TIMEOUT):
                result = runner.invoke(cli, argv, catch_exceptions=True)
        except Hang as exc:
            return Run(tuple(argv), None, "", "", exc)
    exception = result.exception
    if isinstance(exception, SystemExit):
        exception = None
    return Run(
        tuple(argv), result.exit_code, result.stdout, result.stderr, exception, result.stdout_bytes
    )


def console_script() -> str:
    scripts = Path(sysconfig.get_path("scripts"))
    found = scripts / "imbalance-guard"
    return str(found) if found.exists() else str(Path(sys.executable).parent / "imbalance-guard")


def run_console_script(
    args: Sequence[str | bytes],
    cwd: str | bytes | Path,
    timeout: float = RUN_TIMEOUT,
    memory_limit: int | None = None,
) -> Run:
    """The same run through the installed console script, with a timeout and optionally
    an address-space limit (bytes), so a hang or a runaway read fails the test, not CI."""
    count_run()

    def limit() -> None:
        if memory_limit is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    env = dict(os.environ)
    env.pop("IMBALANCE_GUARD_DEBUG", None)
    argv = [console_script(), *args]
    try:
        done = subprocess.run(
            argv,
            cwd=cwd,
            capture_output=True,
            timeout=timeout,
            env=env,
            preexec_fn=limit if memory_limit else None,
        )
    except subprocess.TimeoutExpired as exc:
        return Run(tuple(os.fsdecode(a) for a in args), None, "", "", Hang(str(exc)))
    return Run(
        tuple(os.fsdecode(a) for a in args),
        done.returncode,
        done.stdout.decode("utf-8", "backslashreplace"),
        done.stderr.decode("utf-8", "backslashreplace"),
        stdout_bytes=done.stdout,
    )


# -- the invariants ----------------------------------------------------------------------------

_CRASH = re.compile(
    r"internal error|Traceback \(most recent call last\)|reader failed:|plugin '[^']*' failed:"
)


def assert_well_behaved(run: Run) -> None:
    """Exit 0/1/2, no escaped exception, no crash reported in the output."""
    if run.exception is not None:
        # Chained, so Hypothesis tells crashes at different places apart and reports each.
        raise AssertionError(run.describe()) from run.exception
    assert run.exit_code in (0, 1, 2), run.describe()
    assert not _CRASH.search(run.output), run.describe()


#: What a file looks like from outside: kind, content (regular files), link target, mode,
#: mtime. Two equal snapshots mean nothing in the tree was written, created or removed.
Entry = tuple[str, bytes, int, int]

#: The tool's own cache folder (as ruff keeps ``.ruff_cache``) is its state, not a checked
#: file: a run may create and fill it. Everything else in the tree must stay as it was.
CACHE_FOLDER = os.fsencode(cache.DIRECTORY)


def snapshot(root: str | bytes | Path) -> dict[bytes, Entry]:
    base = os.fsencode(root)
    entries: dict[bytes, Entry] = {}
    for dirpath, dirnames, filenames in os.walk(base):
        if CACHE_FOLDER in dirnames:
            dirnames.remove(CACHE_FOLDER)
        for name in [*dirnames, *filenames]:
            path = os.path.join(dirpath, name)
            info = os.lstat(path)
            mode = stat.S_IMODE(info.st_mode)
            if stat.S_ISREG(info.st_mode):
                with open(path, "rb") as handle:
                    content = handle.read()
                entries[path] = ("file", content, mode, info.st_mtime_ns)
            elif stat.S_ISLNK(info.st_mode):
                entries[path] = ("link", os.readlink(path), mode, 0)
            elif stat.S_ISDIR(info.st_mode):
                entries[path] = ("dir", b"", mode, 0)
            else:
                entries[path] = ("special", b"", mode, info.st_mtime_ns)
    return entries


def changed(before: dict[bytes, Entry], after: dict[bytes, Entry]) -> dict[bytes, str]:
    """Each path that differs, with what changed ("created", "removed", "bytes", ...)."""
    out: dict[bytes, str] = {}
    for path in before.keys() | after.keys():
        old, new = before.get(path), after.get(path)
        if old is None:
            out[path] = "created"
        elif new is None:
            out[path] = "removed"
        elif old[:2] != new[:2]:
            out[path] = "bytes"
        elif old[2] != new[2]:
            out[path] = "mode"
        elif old[3] != new[3]:
            out[path] = "mtime"
    return out


def check_without_fix(args: Sequence[str | bytes], root: str | bytes | Path) -> Run:
    """Run a check that must not write: well behaved, and the tree exactly as it was."""
    before = snapshot(root)
    run = run_cli(args, root)
    assert_well_behaved(run)
    after = snapshot(root)
    assert not changed(before, after), (changed(before, after), run.describe())
    return run


def parses(data: bytes) -> bool:
    try:
        ast.parse(data)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    return True


def notebook_loads(path: bytes) -> bool:
    """Whether the product's own loader accepts the notebook (its code cells parse)."""
    from imbalance_guard.code.unit import UnreadableCode, load_unit

    try:
        load_unit(Path(os.fsdecode(path)), "fuzz.ipynb", "notebook")
    except UnreadableCode:
        return False
    return True


def code_parses(path: bytes) -> bool:
    if path.endswith(b".ipynb"):
        return notebook_loads(path)
    with open(path, "rb") as handle:
        return parses(handle.read())


def check_fix_round_trip(
    args: Sequence[str | bytes], root: str | bytes | Path
) -> dict[bytes, bytes]:
    """``check --fix ARGS`` twice: well behaved both times; only code files change, and each
    changed one parsed before and parses after; the second run writes nothing.

    Returns the original bytes of each file the first run changed.
    """
    args = (
        ["check", *args] if {"--fix", "--unsafe-fixes"} & set(args) else ["check", "--fix", *args]
    )
    before = snapshot(root)
    parsed_before = {
        path: code_parses(path)
        for path, entry in before.items()
        if entry[0] == "file" and path.endswith((b".py", b".ipynb"))
    }
    first = run_cli(args, root)
    assert_well_behaved(first)
    after = snapshot(root)
    diff = changed(before, after)
    for path, what in diff.items():
        assert what == "bytes" and path in parsed_before, (path, what, first.describe())
        assert parsed_before[path], (
            f"{path!r} did not parse, yet --fix rewrote it",
            first.describe(),
        )
        assert code_parses(path), (f"{path!r} no longer parses after --fix", first.describe())
    second = run_cli(args, root)
    assert_well_behaved(second)
    again = changed(after, snapshot(root))
    assert not again, (
        f"--fix is not idempotent: the second run changed {again}",
        second.describe(),
    )
    return {path: before[path][1] for path in diff}


REPORT_FORMATS = ("json", "sarif", "gitlab", "junit", "github")


def check_reports_agree(args: Sequence[str | bytes], root: str | bytes | Path) -> None:
    """Every machine-readable format (and ``--statistics``) reports the same codes, and
    json, sarif and github the same lines; none of the runs writes anything."""
    from fuzz import reports

    outputs = {
        fmt: check_without_fix(["check", *args, "--output-format", fmt], root).stdout_bytes
        for fmt in REPORT_FORMATS
    }
    stats = check_without_fix(["check", *args, "--statistics"], root)
    expected = reports.codes("json", outputs["json"])
    for fmt, output in outputs.items():
        assert reports.codes(fmt, output) == expected, (fmt, output[-3000:])
    assert reports.codes("statistics", stats.stdout_bytes) == expected, stats.describe()
    lines = reports.rows("json", outputs["json"])
    assert reports.rows("github", outputs["github"]) == lines, outputs["github"][-3000:]
    # SARIF gives a finding about a whole file (IG001, datasets) the region of line 1
    whole_files = reports.whole_file_codes(outputs["json"])
    sarif = reports.rows("sarif", outputs["sarif"])
    assert sarif == lines + whole_files, outputs["sarif"][-3000:]
