"""The real console script, in a subprocess with a timeout: a sample of every fuzzer's
inputs, and the special files that can hang or exhaust a process (FIFOs, devices,
symlink loops), which must never run in the test process itself."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from fuzz.files import SUFFIXES, dataset_bytes, pyproject, stem
from fuzz.harness import (
    assert_well_behaved,
    changed,
    fuzz_settings,
    run_console_script,
    snapshot,
)
from fuzz.notebooks import mutated_notebook
from fuzz.programs import ml_program
from hypothesis import given
from hypothesis import strategies as st

# Each example starts the real console script (the "slow" marker: spawns real tools).
pytestmark = pytest.mark.slow

LEAKY = (
    b"from sklearn.model_selection import train_test_split\n"
    b"from sklearn.linear_model import LogisticRegression\n"
    b"X_tr, X_te, y_tr, y_te = train_test_split(X, y)\n"
    b"LogisticRegression().fit(X_tr, y_tr)\n"
)
#: The console script must not need more than this (a runaway read of /dev/zero would).
MEMORY_LIMIT = 2 * 1024**3


@st.composite
def sample_tree(draw: st.DrawFn) -> dict[bytes, bytes]:
    """A few files from every fuzzer: programs, notebooks, datasets, a configuration."""
    files = {b"train.py": draw(ml_program()), b"nb.ipynb": draw(mutated_notebook())}
    suffix = draw(st.sampled_from(SUFFIXES))
    files[draw(stem()) + suffix.encode()] = draw(dataset_bytes(suffix))
    if draw(st.booleans()):
        files[b"pyproject.toml"] = draw(pyproject())
    return files


SEEDS = sorted((Path(__file__).parent / "seeds").iterdir())


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_inputs_the_fuzzers_found(seed):
    """Files that once crashed the process (a segfault cannot be caught in-process, so
    they run here): each is IG001, and the run beside it goes on."""
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, seed.name).write_bytes(seed.read_bytes())
        Path(tmp, "leaky.py").write_bytes(LEAKY)
        run = run_console_script(["check"], tmp)
        assert_well_behaved(run)
        assert f"{seed.name}: IG001" in run.stdout and "leaky.py:3:26: IG202" in run.stdout, (
            run.describe()
        )


@fuzz_settings(ci_examples=6)
@given(files=sample_tree(), fix=st.booleans())
def test_console_script_sample(files, fix):
    with tempfile.TemporaryDirectory() as tmp:
        root = os.fsencode(tmp)
        for name, data in files.items():
            with open(os.path.join(root, name), "wb") as handle:
                handle.write(data)
        before = snapshot(tmp)
        run = run_console_script(["check", "--select", "ALL"], tmp)
        assert_well_behaved(run)
        assert not changed(before, snapshot(tmp)), run.describe()
        if fix:
            first = run_console_script(["check", "--unsafe-fixes"], tmp)
            assert_well_behaved(first)
            after = snapshot(tmp)
            second = run_console_script(["check", "--unsafe-fixes"], tmp)
            assert_well_behaved(second)
            assert not changed(after, snapshot(tmp)), second.describe()


SPECIALS = ["fifo", "loop", "dangling", "dev-null", "dev-zero", "dir-named-like-data"]


def _make(root: str, kind: str, name: str) -> None:
    path = os.path.join(root, name)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "loop":
        os.symlink(name + ".other", path)
        os.symlink(name, path + ".other")
    elif kind == "dangling":
        os.symlink("does-not-exist", path)
    elif kind == "dev-null":
        os.symlink(os.devnull, path)
    elif kind == "dev-zero":
        os.symlink("/dev/zero", path)
    else:
        os.mkdir(path)


@fuzz_settings(ci_examples=6)
@given(
    specials=st.lists(
        st.tuples(st.sampled_from(SPECIALS), st.sampled_from([".py", ".ipynb", *SUFFIXES])),
        min_size=1,
        max_size=3,
        unique=True,
    ),
    named=st.booleans(),
)
def test_special_files_never_hang_and_never_hide_the_good_ones(specials, named):
    """FIFOs, devices, symlink loops and dangling links beside a leaky file: the run ends,
    exits 0/1/2 without a crash, and still reports the leaky file."""
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "leaky.py").write_bytes(LEAKY)
        names = []
        for index, (kind, suffix) in enumerate(specials):
            name = f"special{index}{suffix}"
            _make(tmp, kind, name)
            names.append(name)
        args = ["check", *names, "leaky.py"] if named else ["check"]
        run = run_console_script(args, tmp, memory_limit=MEMORY_LIMIT)
        assert_well_behaved(run)
        assert run.exit_code != 0 and "leaky.py:3:26: IG202" in run.stdout, run.describe()


@fuzz_settings(ci_examples=4)
@given(
    files=sample_tree(),
    stdout=st.sampled_from(["closed pipe", "/dev/full"]),
    fmt=st.sampled_from(["text", "json", "sarif"]),
)
def test_unwritable_standard_output(files, stdout, fmt):
    """``imbalance-guard check | head -0`` and a full disk on stdout: exit 2, no traceback."""
    import subprocess

    from fuzz.harness import console_script, count_run

    with tempfile.TemporaryDirectory() as tmp:
        root = os.fsencode(tmp)
        for name, data in files.items():
            with open(os.path.join(root, name), "wb") as handle:
                handle.write(data)
        Path(tmp, "leaky.py").write_bytes(LEAKY)  # something to report, always
        argv = [console_script(), "check", "--select", "ALL", "--output-format", fmt]
        count_run()
        if stdout == "/dev/full":
            with open("/dev/full", "wb") as full:
                done = subprocess.run(
                    argv, cwd=tmp, stdout=full, stderr=subprocess.PIPE, timeout=60
                )
        else:
            read, write = os.pipe()
            os.close(read)  # the reader is gone before anything is written
            try:
                done = subprocess.run(
                    argv, cwd=tmp, stdout=write, stderr=subprocess.PIPE, timeout=60
                )
            finally:
                os.close(write)
        stderr = done.stderr.decode("utf-8", "backslashreplace")
        assert done.returncode == 2, (done.returncode, stderr)
        assert "Traceback" not in stderr and "internal error" not in stderr, stderr
