"""Under CI=true a skip fails the run unless its test is on the allow-list in ci_skips.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent

INNER = """
import pytest

def test_needs_a_module():
    pytest.importorskip("a_module_that_is_not_installed")

def test_needs_a_file():
    pytest.skip("fixture file not found")

@pytest.mark.skipif(True, reason="needs a program that is absent")
def test_marked():
    pass

def test_allowed():
    pytest.skip("allowed to skip")

@pytest.mark.xfail(reason="a known bug", strict=True)
def test_expected_failure():
    assert False

def test_runs():
    assert True
"""

INNER_MODULE_SKIP = """
import pytest

pytest.importorskip("another_module_that_is_not_installed")

def test_never_collected():
    pass
"""

INNER_CONFTEST = """
import ci_skips

ci_skips.ALLOWED["test_inner.py::test_allowed"] = "the reason it may skip"
"""


def run_inner(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess:
    """Run a small suite with the policy plugin, as CI would (or not)."""
    (tmp_path / "conftest.py").write_text(INNER_CONFTEST)
    (tmp_path / "test_inner.py").write_text(INNER)
    (tmp_path / "test_module_skip.py").write_text(INNER_MODULE_SKIP)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), env.get("PYTHONPATH", "")])
    command = [sys.executable, "-m", "pytest", "-p", "ci_skips", "-p", "no:cacheprovider"]
    command += ["-rA", "-q", "--rootdir", str(tmp_path), str(tmp_path)]
    return subprocess.run(
        command, capture_output=True, text=True, cwd=tmp_path, env=env, check=False
    )


def summary(result: subprocess.CompletedProcess) -> set[str]:
    """The short test summary lines, reduced to ``OUTCOME node``."""
    return {
        " ".join(line.split(" ")[:2])
        for line in result.stdout.splitlines()
        if line.split(" ")[0] in ("PASSED", "FAILED", "ERROR", "XFAIL", "SKIPPED")
    }


def test_every_skip_fails_under_ci_except_the_allowed_ones(tmp_path):
    result = run_inner(tmp_path, "true")
    lines = summary(result)
    for name in ("test_needs_a_module", "test_needs_a_file"):
        assert f"FAILED test_inner.py::{name}" in lines, result.stdout
    assert "ERROR test_inner.py::test_marked" in lines  # a skip mark acts in setup
    assert "files skipped under CI=true (the run fails)" in result.stdout
    assert "XFAIL test_inner.py::test_expected_failure" in lines
    assert "PASSED test_inner.py::test_runs" in lines
    assert not any("test_allowed" in line for line in lines if not line.startswith("SKIPPED"))
    assert "allowed to skip" in result.stdout
    out = result.stdout
    assert "was skipped under CI=true: could not import 'another_module_that_is_not" in out
    assert "was skipped under CI=true: fixture file not found" in out
    assert result.returncode == 1


@pytest.mark.parametrize("ci", [None, "false"])
def test_outside_ci_skips_stay_skips(tmp_path, ci):
    result = run_inner(tmp_path, ci)
    lines = summary(result)
    assert not [line for line in lines if line.startswith(("FAILED", "ERROR"))], result.stdout
    assert "5 skipped" in result.stdout and result.returncode == 0, result.stdout


def test_a_ci_run_without_spark_fails_on_the_spark_tests(tmp_path):
    # CI runs tests/pandera/test_spark.py in an environment of its own and leaves it out of
    # the main run (.ci/run); a CI run that collects it without Spark must fail, not skip.
    import ci_skips

    assert not any("spark" in prefix for prefix in ci_skips.ALLOWED)
    fake = tmp_path / "no_pyspark" / "pyspark"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('pyspark is not installed here')\n")
    root = TESTS.parent
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS")}
    env["CI"] = "true"
    env["PYTHONPATH"] = os.pathsep.join([str(fake.parent), env.get("PYTHONPATH", "")])
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--collect-only"]
    command += ["-q", "tests/pandera/test_spark.py"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=root, env=env, check=False)
    # 1: the skip failed the run; 5: nothing else was collected, which .ci/run fails too
    assert result.returncode in (1, 5), result.stdout + result.stderr
    assert "tests/pandera/test_spark.py was skipped under CI=true" in result.stdout
    assert "pyspark is not installed here" in result.stdout
