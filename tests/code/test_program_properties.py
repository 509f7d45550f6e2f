"""Properties of whole runs over generated ML-shaped programs (tests/ml_programs.py).

Each example is a script or a notebook of loading, resampling, splits, models, metrics,
re-binding, helpers, loops and branches, checked through the real command line and the
real runner with every built-in code rule on. Invariants:

- the exit status is 0 or 1 and no internal error or plugin failure is reported;
- checking, and ``--diff``, leave the file's bytes alone;
- ``--fix --unsafe-fixes`` leaves a file that parses, and fixing again changes nothing;
- renaming every variable consistently changes no finding (codes, cells and lines);
- inserting a statement that does not touch the data changes no finding, except that
  findings below it move down one line.

At least 200 examples run in CI; ``HYPOTHESIS_PROFILE=nightly`` runs 2,000 (the profile
is registered in tests/conftest.py).
"""

from __future__ import annotations

import ast
import json
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ml_programs import NEUTRAL, Program, programs, renamings

from imbalance_guard.cli import cli
from imbalance_guard.code.notebook import read_notebook
from imbalance_guard.config import Config
from imbalance_guard.run import build_run, load_plugins

EXAMPLES = max(200, settings.default.max_examples)
# Generating a 17-statement program takes longer than Hypothesis's default budget for
# data generation; that is the only health check relaxed.
PROPERTY = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

_PLUGINS = load_plugins(config=Config(), load_entry_points=False)


def findings(path: Path) -> set[tuple[str, int | None, int]]:
    """(code, cell, line) of every finding of every code rule, through the real runner."""
    run = build_run(plugins=_PLUGINS, config=Config(root=path.parent), select=["IG"])
    runner = run.runner(cache=False, cwd=path.parent)
    report = runner.run([path])
    assert not runner.errors, runner.errors
    return {(f.code, f.location.cell, f.location.line or 0) for f in report.findings}


def cli_run(path: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["check", "--select", "IG", *options, str(path)], catch_exceptions=False
    )
    return result.exit_code, result.output


def write(folder: Path, program: Program, notebook: bool, naming: dict | None = None) -> Path:
    path = folder / ("train.ipynb" if notebook else "train.py")
    text = program.notebook(naming) if notebook else program.script(naming)
    path.write_text(text, encoding="utf-8")
    return path


def parses(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        cells, _ = read_notebook(text)
        for cell in cells:
            ast.parse(cell.source)
    else:
        ast.parse(text)


@PROPERTY
@given(program=programs(), notebook=st.booleans())
def test_checking_is_safe_and_fixing_is_idempotent(program: Program, notebook: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), program, notebook)
        original = path.read_bytes()

        status, output = cli_run(path, "--output-format", "json")
        assert status in (0, 1), output
        assert "internal error" not in output.lower()
        reported = json.loads(output)
        assert status == (1 if reported else 0)
        assert {(f["code"], f["cell"], f["location"]["row"]) for f in reported} == findings(path)
        assert path.read_bytes() == original, "checking wrote the file"

        status, output = cli_run(path, "--diff", "--unsafe-fixes")
        assert status in (0, 1), output
        assert path.read_bytes() == original, "--diff wrote the file"

        status, output = cli_run(path, "--fix", "--unsafe-fixes")
        assert status in (0, 1), output
        assert "internal error" not in output.lower()
        parses(path)
        fixed = path.read_bytes()
        status, output = cli_run(path, "--fix", "--unsafe-fixes")
        assert status in (0, 1), output
        assert path.read_bytes() == fixed, "a second --fix changed the file again"


@PROPERTY
@given(program=programs(), naming=renamings(), notebook=st.booleans())
def test_renaming_every_variable_changes_no_finding(
    program: Program, naming: dict[str, str], notebook: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        before = findings(write(Path(folder), program, notebook))
        after = findings(write(Path(folder), program, notebook, naming))
    assert after == before


@PROPERTY
@given(program=programs(), data=st.data())
def test_a_statement_that_does_not_use_the_data_changes_no_finding(program, data) -> None:
    where = data.draw(st.integers(0, len(program.statements)), label="before statement")
    text = data.draw(st.sampled_from(NEUTRAL), label="statement")
    changed = program.insert(where, text)
    inserted = changed.inserted_line()
    with tempfile.TemporaryDirectory() as folder:
        before = findings(write(Path(folder), program, False))
        after = findings(write(Path(folder), changed, False))
    moved = {(code, cell, line + (line >= inserted)) for code, cell, line in before}
    assert after == moved
