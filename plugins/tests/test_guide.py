"""The plugin author's guide (plugins/README.md) works as written.

The minimal plugin is extracted from the guide, registered in a fresh plugin manager
and run through the real command line; the guide's own testing example is run with
pytest against it. If the guide drifts from the API, these tests fail.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from imbalance_guard.cli import cli
from imbalance_guard.plugins import collect_rules, get_plugin_manager

GUIDE = Path(__file__).resolve().parents[1] / "README.md"


def code_block_after(marker: str, language: str = "python") -> str:
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(marker)
    match = re.compile(rf"^```{language}\n(.*?)^```$", re.S | re.M).search(text, start)
    assert match is not None, f"no {language} block after {marker!r}"
    return match.group(1)


@pytest.fixture
def minimal_plugin(tmp_path: Path) -> ModuleType:
    path = tmp_path / "my_plugin.py"
    path.write_text(code_block_after("<!-- minimal-plugin"), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("my_plugin", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_minimal_plugin_is_under_30_lines():
    assert len(code_block_after("<!-- minimal-plugin").splitlines()) < 30


def test_the_minimal_plugin_registers_in_a_fresh_manager(minimal_plugin):
    rules = collect_rules(get_plugin_manager(load_entry_points=False, extra=[minimal_plugin]))
    rule = rules["XMP100"]
    assert rule.name == "class-weight-none"
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in rule.doc


def test_the_minimal_plugin_reports_through_the_cli(minimal_plugin, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "train.py").write_text(
        "from sklearn.svm import SVC\n"
        "svc = SVC(class_weight=None)\n"
        "ok = SVC(class_weight='balanced')\n"
    )
    runner = CliRunner()
    listing = runner.invoke(cli, ["rules"], obj={"plugins": [minimal_plugin]})
    assert "XMP100" in listing.output and "class-weight-none" in listing.output

    result = runner.invoke(cli, ["check", "train.py"], obj={"plugins": [minimal_plugin]})
    assert result.exit_code == 1, result.output
    assert "train.py:2:24: XMP100 `class_weight=None` switches class weighting off" in (
        result.output
    )
    assert "Found 1 problem." in result.output

    explained = runner.invoke(cli, ["explain", "XMP100"], obj={"plugins": [minimal_plugin]})
    assert "## Why is this bad?" in explained.output


def test_the_guides_testing_example_passes(minimal_plugin, tmp_path):
    test_file = tmp_path / "test_my_plugin.py"
    test_file.write_text(code_block_after("<!-- testing-example"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
