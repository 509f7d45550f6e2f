"""Fuzzing datasets, file names, output formats and configuration files."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from fuzz.files import SUFFIXES, dataset_bytes, pyproject, stem
from fuzz.harness import (
    check_fix_round_trip,
    check_reports_agree,
    check_without_fix,
    fuzz_settings,
)
from fuzz.programs import ml_program
from hypothesis import given
from hypothesis import strategies as st

FORMATS = ["text", "json", "concise", "github", "gitlab", "sarif", "junit"]
LEAKY = (
    b"from sklearn.model_selection import train_test_split\n"
    b"from sklearn.linear_model import LogisticRegression\n"
    b"X_tr, X_te, y_tr, y_te = train_test_split(X, y)\n"
    b"print(LogisticRegression().fit(X_tr, y_tr).score(X_te, y_te))\n"
)


def _codes(root: str, *args: str) -> list[str]:
    run = check_without_fix(["check", "--output-format", "json", *args], root)
    return sorted(f["code"] for f in json.loads(run.stdout))


@st.composite
def dataset(draw: st.DrawFn) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from(SUFFIXES))
    return suffix, draw(dataset_bytes(suffix))


@fuzz_settings(ci_examples=250)
@given(
    item=dataset(), name=stem(), label=st.sampled_from([(), ("--label", "label"), ("--label", "y")])
)
def test_datasets_any_bytes_any_name(item, name, label):
    """Any content under any name: a defined exit, nothing written, and the name does not
    change the verdict (the same bytes as ``plain.csv`` give the same codes)."""
    suffix, content = item
    with tempfile.TemporaryDirectory() as plain, tempfile.TemporaryDirectory() as odd:
        Path(plain, "plain" + suffix).write_bytes(content)
        odd_name = name + suffix.encode()
        with open(os.path.join(os.fsencode(odd), odd_name), "wb") as handle:
            handle.write(content)
        expected = _codes(plain, "--select", "ALL", *label, "plain" + suffix)
        assert _codes(odd, "--select", "ALL", *label, os.fsdecode(odd_name)) == expected
        assert _codes(odd, "--select", "ALL", *label) == expected  # found by the directory walk
        check_fix_round_trip(["--unsafe-fixes"], odd)


@fuzz_settings(ci_examples=60)
@given(
    name=stem(),
    program=ml_program(),
    item=dataset(),
    fmt=st.sampled_from(FORMATS),
    folder=st.none() | stem(),
)
def test_odd_names_in_every_output_format_and_baseline(name, program, item, fmt, folder):
    """Each reporter writes any file name (even one that is not UTF-8) without crashing,
    to stdout and to ``-o``; a baseline written for the run makes the next run pass."""
    suffix, content = item
    with tempfile.TemporaryDirectory() as tree, tempfile.TemporaryDirectory() as out:
        base = os.fsencode(tree)
        if folder is not None:
            base = os.path.join(base, folder)
            os.mkdir(base)
        for filename, data in [
            (name + b".py", program),
            (name + suffix.encode(), content),
            (name + b".ipynb", b"{}"),
            (b"leaky " + name + b".py", LEAKY),
        ]:
            with open(os.path.join(base, filename), "wb") as handle:
                handle.write(data)
        check_reports_agree(["--select", "ALL"], tree)
        report = os.path.join(os.fsencode(out), name + b".out")
        check_without_fix(["check", "--output-format", fmt, "-o", report], tree)
        assert os.path.exists(report)
        for unwritable in (".", "/dev/full", os.path.join(out, "missing", "report.out")):
            run = check_without_fix(["check", "--output-format", fmt, "-o", unwritable], tree)
            assert run.exit_code == 2 and "error" in run.stderr, run.describe()
        baseline = os.path.join(out, "baseline.json")
        written = check_without_fix(["check", "--write-baseline", baseline], tree)
        assert written.exit_code == 0, written.describe()
        again = check_without_fix(["check", "--baseline", baseline], tree)
        assert again.exit_code == 0, again.describe()


@fuzz_settings(ci_examples=300)
@given(config=pyproject(), explicit=st.booleans(), item=dataset())
def test_configuration_files(config, explicit, item):
    """Garbage or broken TOML: exit 2 with a message, or a normal run; never a crash."""
    suffix, content = item
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "pyproject.toml").write_bytes(config)
        Path(tmp, "train.py").write_bytes(LEAKY)
        Path(tmp, "data" + suffix).write_bytes(content)
        args = ["--config", "pyproject.toml"] if explicit else []
        run = check_without_fix(["check", *args], tmp)
        if run.exit_code == 2:
            assert "error" in run.stderr, run.describe()
        for command in (["rules", *args], ["plugins", *args]):
            check_without_fix(command, tmp)
        check_fix_round_trip(args, tmp)
