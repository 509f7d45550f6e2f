"""The command line: exit statuses, options with ruff's meaning, rules and explain."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from imbalance_guard import __version__


def test_clean_directory_exits_zero(project, run_cli):
    (project / "ok.py").write_text("x = 1\n")
    result = run_cli("check")
    assert result.exit_code == 0, result.output
    assert "All checks passed! (1 file checked)" in result.output


def test_runtime_plugin_rule_is_listed_run_and_reported(project, run_cli, print_plugin):
    plugin = print_plugin
    (project / "a.py").write_text("x = 1\nprint(x)\n")

    listing = run_cli("rules", plugins=[plugin])
    assert "XP100" in listing.output and "print-call" in listing.output

    result = run_cli("check", "a.py", plugins=[plugin])
    assert result.exit_code == 1
    assert "a.py:2:1: XP100 `print` called" in result.output
    assert "2 | print(x)" in result.output
    assert "= help: Use logging." in result.output
    assert "Found 1 problem." in result.output


def test_exit_zero_and_statistics(project, run_cli, print_plugin):
    (project / "a.py").write_text("print(1)\nprint(2)\n")
    plugin = print_plugin
    assert run_cli("check", "--exit-zero", plugins=[plugin]).exit_code == 0
    stats = run_cli("check", "--statistics", plugins=[plugin])
    assert stats.exit_code == 1
    assert stats.output.splitlines()[0].split() == ["2", "XP100", "print-call"]


def test_select_and_ignore_by_prefix(project, run_cli, print_plugin):
    (project / "a.py").write_text("print(1)\n")
    plugin = print_plugin
    assert run_cli("check", "--ignore", "XP", plugins=[plugin]).exit_code == 0
    assert run_cli("check", "--select", "IG", plugins=[plugin]).exit_code == 0
    assert run_cli("check", "--select", "IG,XP1", plugins=[plugin]).exit_code == 1
    # The longer, more specific prefix wins over a shorter ignore.
    assert (
        run_cli("check", "--ignore", "XP", "--extend-select", "XP100", plugins=[plugin]).exit_code
        == 1
    )


def test_unknown_selector_is_a_usage_error(project, run_cli):
    result = run_cli("check", "--select", "IG999")
    assert result.exit_code == 2
    assert "unknown rule selector 'IG999'" in result.output


def test_unknown_output_format_lists_the_available_ones(project, run_cli):
    result = run_cli("check", "--output-format", "yaml")
    assert result.exit_code == 2
    assert "unknown output format 'yaml'" in result.output and "json" in result.output


def test_missing_path_is_exit_2(project, run_cli):
    result = run_cli("check", "nope.py")
    assert result.exit_code == 2
    assert "nope.py: no such file or directory" in result.output


def test_quiet_prints_findings_only(project, run_cli, print_plugin):
    (project / "a.py").write_text("print(1)\n")
    result = run_cli("check", "-q", plugins=[print_plugin])
    assert "XP100" in result.output and "Found" not in result.output
    assert run_cli("check", "-q", "--ignore", "XP", plugins=[print_plugin]).output == ""


def test_json_output_is_a_stable_list(project, run_cli, print_plugin):
    (project / "a.py").write_text("y = 2\nprint(y)\n")
    result = run_cli("check", "--output-format", "json", plugins=[print_plugin])
    assert result.exit_code == 1
    [item] = json.loads(result.output)
    assert item["code"] == "XP100"
    assert item["name"] == "print-call"
    assert item["filename"] == "a.py"
    assert item["location"] == {"row": 2, "column": 1}
    assert item["end_location"] == {"row": 2, "column": 6}
    assert item["cell"] is None and item["fix"] is None
    assert set(item) == {
        "code",
        "name",
        "message",
        "suggestion",
        "filename",
        "cell",
        "location",
        "end_location",
        "label_column",
        "fix",
        "data",
    }


def test_output_file(project, run_cli, print_plugin):
    (project / "a.py").write_text("print(1)\n")
    result = run_cli("check", "-o", "out.json", "--output-format", "json", plugins=[print_plugin])
    assert result.exit_code == 1 and result.output == ""
    assert json.loads((project / "out.json").read_text())[0]["code"] == "XP100"


def test_notebook_locations_read_cell_line_column(project, run_cli, notebook, print_plugin):
    notebook(
        project / "nb.ipynb",
        [("markdown", "# Title"), "import os\n%matplotlib inline", "x = 1\n\nprint(x)"],
    )
    result = run_cli("check", "nb.ipynb", plugins=[print_plugin])
    assert "nb.ipynb:cell 3:3:1: XP100" in result.output
    assert "3 | print(x)" in result.output


def test_rules_lists_every_rule_with_default_and_fix(run_cli):
    result = run_cli("rules")
    header, *rows = result.output.splitlines()
    assert header.split()[:4] == ["CODE", "NAME", "DEFAULT", "FIX"]
    assert any(row.startswith("IG001") and "unreadable-input" in row for row in rows)


def test_explain_prints_the_documentation(run_cli):
    result = run_cli("explain", "IG001")
    assert result.exit_code == 0
    assert "# IG001 unreadable-input" in result.output
    assert "## Why is this bad?" in result.output and "## Use instead" in result.output
    assert run_cli("explain", "unreadable-input").output == result.output
    missing = run_cli("explain", "IG998")
    assert missing.exit_code == 2 and "unknown rule 'IG998'" in missing.output


def test_version(run_cli):
    assert __version__ in run_cli("--version").output


def test_no_color_env_and_flag(project):
    (project / "a.py").write_text("(\n")
    # Through a pseudo-terminal colour would be on; NO_COLOR turns it off. We cannot
    # get a tty here, so assert the negative: no escape codes in piped output.
    out = subprocess.run(
        [sys.executable, "-m", "imbalance_guard", "check", "a.py"],
        capture_output=True,
        text=True,
        cwd=project,
    )
    assert "\x1b[" not in out.stdout
    assert out.returncode == 1


@pytest.mark.parametrize("module", [True, False])
def test_installed_entry_points_run_in_a_subprocess(project, module):
    (project / "bad.py").write_text("def f(:\n")
    (project / "good.py").write_text("x = 1\n")
    exe = (
        [sys.executable, "-m", "imbalance_guard"]
        if module
        else [str(Path(sys.executable).with_name("imbalance-guard"))]
    )
    good = subprocess.run([*exe, "check", "good.py"], capture_output=True, text=True, cwd=project)
    assert good.returncode == 0, good.stderr
    bad = subprocess.run([*exe, "check", "."], capture_output=True, text=True, cwd=project)
    assert bad.returncode == 1
    assert "bad.py:1:7: IG001 syntax error" in bad.stdout
    assert "Traceback" not in bad.stderr
