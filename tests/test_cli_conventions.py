"""ruff's command-line conventions on ``check`` and ``rules``: stdin, excludes on the
command line and for named paths, fix control, noqa insertion, colour, listings."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from imbalance_guard.cli import cli

LEAKY = """\
from imblearn.over_sampling import SMOTE
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

X_res, y_res = SMOTE().fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_res, y_res)
print(accuracy_score(y_test, y_test))
"""

# IG303: a sampler in scikit-learn's Pipeline; the fix (import imblearn's) is safe.
PIPELINE = """\
from imblearn.over_sampling import SMOTE
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

pipe = Pipeline([("smote", SMOTE()), ("clf", LogisticRegression())])
"""


def invoke(*args: str, input: str | bytes | None = None, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), input=input, env=env, catch_exceptions=False)


# -- a run that checked no file (issue 16, item 1) ------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "concise", "json"])
def test_an_empty_directory_warns_as_ruff_and_exits_0(project, fmt):
    (project / "empty").mkdir()
    result = invoke("check", "--output-format", fmt, "empty")
    assert result.exit_code == 0
    assert "All checks passed" not in result.stdout
    assert result.stderr == (
        "imbalance-guard: warning: No Python files, notebooks or datasets found under the "
        "given path(s)\n"
    )


# -- --force-exclude ----------------------------------------------------------------------


def test_force_exclude_holds_excludes_for_named_files(project):
    (project / "legacy").mkdir()
    (project / "legacy" / "old.py").write_text(LEAKY)
    (project / "pyproject.toml").write_text('[tool.imbalance-guard]\nextend-exclude = ["legacy"]\n')
    named = invoke("check", "legacy/old.py")
    assert named.exit_code == 1 and "legacy/old.py:6:36: IG301" in named.stdout
    forced = invoke("check", "--force-exclude", "legacy/old.py")
    assert forced.exit_code == 0, forced.output
    assert "IG301" not in forced.output and "No files checked." in forced.stdout
    # The setting does the same; --no-force-exclude undoes it.
    (project / "pyproject.toml").write_text(
        '[tool.imbalance-guard]\nextend-exclude = ["legacy"]\nforce-exclude = true\n'
    )
    assert invoke("check", "legacy/old.py").exit_code == 0
    assert invoke("check", "--no-force-exclude", "legacy/old.py").exit_code == 1


def test_force_exclude_setting_must_be_a_boolean(project):
    (project / "pyproject.toml").write_text('[tool.imbalance-guard]\nforce-exclude = "yes"\n')
    result = invoke("check")
    assert result.exit_code == 2
    assert "force-exclude: expected true/false, got 'yes'" in result.output


# -- stdin -----------------------------------------------------------------------------------


def test_stdin_is_reported_under_the_stdin_filename(project):
    result = invoke(
        "check", "-", "--stdin-filename", "sub/x.py", "--output-format", "concise", input=LEAKY
    )
    assert result.exit_code == 1
    assert "sub/x.py:6:36: IG301" in result.stdout
    assert "sub/x.py:7:7: IG201" in result.stdout
    assert "Found 2 problems." in result.stdout
    assert not (project / "sub").exists()  # nothing is written


def test_stdin_without_a_name_is_reported_as_dash(project):
    result = invoke("check", "-", "--output-format", "concise", input=LEAKY)
    assert result.exit_code == 1
    assert "-:6:36: IG301" in result.stdout


def test_stdin_applies_per_file_ignores_and_forced_excludes_to_its_name(project):
    (project / "pyproject.toml").write_text(
        '[tool.imbalance-guard]\nextend-exclude = ["vendored"]\n'
        '[tool.imbalance-guard.per-file-ignores]\n"sub/*" = ["IG3"]\n'
    )
    ignored = invoke(
        "check", "-", "--stdin-filename", "sub/x.py", "--output-format", "concise", input=LEAKY
    )
    assert ignored.exit_code == 1
    assert "IG301" not in ignored.stdout and "sub/x.py:7:7: IG201" in ignored.stdout
    # An excluded name is checked only with --force-exclude, as ruff does it.
    named = ["check", "-", "--stdin-filename", "vendored/y.py"]
    assert invoke(*named, input=LEAKY).exit_code == 1
    excluded = invoke(*named, "--force-exclude", input=LEAKY)
    assert excluded.exit_code == 0 and "IG301" not in excluded.output
    # ... and --fix hands the text back unchanged, so an editor's buffer is never emptied.
    echoed = invoke(*named, "--force-exclude", "--fix", input=LEAKY)
    assert echoed.exit_code == 0 and echoed.stdout == LEAKY


def test_stdin_fix_writes_the_fixed_source_to_stdout_and_the_report_to_stderr(project):
    result = invoke("check", "-", "--fix", "--stdin-filename", "pipe.py", input=PIPELINE)
    assert result.exit_code == 0, result.output
    assert "from imblearn.pipeline import Pipeline" in result.stdout
    assert "from sklearn.pipeline import Pipeline" not in result.stdout
    compile(result.stdout, "pipe.py", "exec")
    assert "Fixed 1 problem." in result.stderr and "IG303" not in result.stdout
    assert not (project / "pipe.py").exists()
    # What is not fixed is reported on stderr, and exits 1; stdout stays pure source.
    leaky = invoke("check", "-", "--fix", "--stdin-filename", "l.py", input=LEAKY)
    assert leaky.exit_code == 1
    assert leaky.stdout == LEAKY  # IG201's fix is unsafe: nothing changed
    assert "l.py:6:36: IG301" in leaky.stderr


def test_stdin_notebook_by_its_name(project):
    cells = ["import pandas as pd\n", LEAKY]
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {},
                "outputs": [],
                "source": c.splitlines(keepends=True),
            }
            for c in cells
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    result = invoke(
        "check",
        "-",
        "--stdin-filename",
        "nb.ipynb",
        "--output-format",
        "concise",
        input=json.dumps(notebook),
    )
    assert result.exit_code == 1
    assert "nb.ipynb:cell 2:6:36: IG301" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-", "--stdin-filename", "train.csv"],
            "--stdin-filename train.csv: only Python files and notebooks can be read",
        ),
        (["-", "a.py"], "`-` (standard input) cannot be mixed with other paths"),
        (["a.py", "--stdin-filename", "x.py"], "--stdin-filename names the text read from"),
    ],
)
def test_stdin_misuse_is_a_usage_error(project, args, message):
    (project / "a.py").write_text("x = 1\n")
    result = invoke("check", *args, input="x = 1\n")
    assert result.exit_code == 2
    assert message in result.stderr


def test_stdin_syntax_error_is_ig001_not_a_traceback(project):
    result = invoke("check", "-", "--stdin-filename", "x.py", input="def f(:\n")
    assert result.exit_code == 1
    assert "x.py:1:7: IG001 syntax error" in result.stdout


def test_stdin_through_the_installed_command(project):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "imbalance_guard",
            "check",
            "-",
            "--stdin-filename",
            "s.py",
            "--fix",
        ],
        input=PIPELINE.encode(),
        capture_output=True,
        cwd=project,
    )
    assert out.returncode == 0, out.stderr
    assert b"from imblearn.pipeline import Pipeline" in out.stdout
    assert b"Traceback" not in out.stderr


# -- command-line excludes and per-file ignores ------------------------------------------------


def test_extend_exclude_on_the_command_line(project):
    (project / "keep.py").write_text(LEAKY)
    (project / "skip").mkdir()
    (project / "skip" / "a.py").write_text(LEAKY)
    (project / "other.py").write_text(LEAKY)
    result = invoke("check", "--extend-exclude", "skip,other.py", "--output-format", "concise")
    assert result.exit_code == 1
    assert "keep.py:6:36" in result.stdout
    assert "skip/a.py" not in result.stdout and "other.py" not in result.stdout


def test_per_file_ignores_on_the_command_line(project):
    (project / "tests").mkdir()
    (project / "tests" / "t.py").write_text(LEAKY)
    (project / "pyproject.toml").write_text(
        '[tool.imbalance-guard.per-file-ignores]\n"tests/*" = ["IG2"]\n'
    )
    configured = invoke("check", "--output-format", "concise")
    assert "IG201" not in configured.stdout and "IG301" in configured.stdout
    # --per-file-ignores replaces the configured table ...
    replaced = invoke("check", "--per-file-ignores", "tests/*:IG301", "--output-format", "concise")
    assert "IG301" not in replaced.stdout and "tests/t.py:7:7: IG201" in replaced.stdout
    # ... --extend-per-file-ignores adds to it; PATTERN:A,B gives the pattern both codes.
    extended = invoke("check", "--extend-per-file-ignores", "tests/*:IG301")
    assert extended.exit_code == 0, extended.output
    both = invoke("check", "--per-file-ignores", "tests/*:IG201,IG301")
    assert both.exit_code == 0, both.output


@pytest.mark.parametrize("value", [":IG201", "tests/*:", "IG201"])
def test_per_file_ignores_needs_pattern_and_code(project, value):
    result = invoke("check", "--per-file-ignores", value)
    assert result.exit_code == 2
    assert "expected PATTERN:CODE" in result.stderr


def test_per_file_ignores_rejects_unknown_codes(project):
    result = invoke("check", "--per-file-ignores", "a.py:IG2!")
    assert result.exit_code == 2
    assert "is not a rule code or prefix" in result.stderr


# -- fix control -------------------------------------------------------------------------------


def test_show_fixes_lists_what_was_fixed_per_file_and_rule(project):
    (project / "pipe.py").write_text(PIPELINE)
    result = invoke("check", "--fix", "--show-fixes")
    assert result.exit_code == 0, result.output
    assert "Fixed 1 problem:\n- pipe.py:\n    1 \u00d7 IG303 (sampler-in-sklearn-pipeline)\n" in (
        result.stdout
    )


def test_fix_only_fixes_and_does_not_report_what_remains(project):
    (project / "pipe.py").write_text(PIPELINE)
    (project / "leaky.py").write_text(LEAKY)
    result = invoke("check", "--fix-only")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Fixed 1 problem.\n"
    assert "from imblearn.pipeline import Pipeline" in (project / "pipe.py").read_text()
    assert (project / "leaky.py").read_text() == LEAKY
    # Nothing to fix: nothing said, exit 0 although findings remain.
    again = invoke("check", "--fix-only")
    assert again.exit_code == 0 and again.stdout == ""


def test_exit_non_zero_on_fix(project):
    (project / "pipe.py").write_text(PIPELINE)
    fixed = invoke("check", "--fix", "--exit-non-zero-on-fix")
    assert fixed.exit_code == 1, fixed.output
    assert "Fixed 1 problem." in fixed.stdout and "All checks passed!" in fixed.stdout
    assert invoke("check", "--fix", "--exit-non-zero-on-fix").exit_code == 0  # nothing left
    (project / "pipe.py").write_text(PIPELINE)
    only = invoke("check", "--fix-only", "--exit-non-zero-on-fix")
    assert only.exit_code == 1


def test_hint_counts_the_hidden_unsafe_fixes(project):
    (project / "leaky.py").write_text(LEAKY)
    (project / "pipe.py").write_text(PIPELINE)
    both = invoke("check", "--output-format", "concise")
    assert (
        "[*] 1 fixable with the `--fix` option (1 hidden fix can be enabled with the "
        "`--unsafe-fixes` option)." in both.stdout
    )
    only_unsafe = invoke("check", "leaky.py")
    assert (
        "No fixes available (1 hidden fix can be enabled with the `--unsafe-fixes` option)."
        in only_unsafe.stdout
    )


def test_concise_marks_fixable_findings_like_ruff(project):
    (project / "leaky.py").write_text(LEAKY)
    (project / "pipe.py").write_text(PIPELINE)
    lines = invoke("check", "--output-format", "concise").stdout.splitlines()
    assert any(line.startswith("pipe.py:5:8: IG303 [*] SMOTE") for line in lines), lines
    # An unsafe fix is not `--fix`'s: no marker.
    assert any(line.startswith("leaky.py:7:7: IG201 `accuracy") for line in lines), lines
    full = invoke("check", "pipe.py").stdout
    assert "pipe.py:5:8: IG303 [*] SMOTE" in full


# -- --add-noqa --------------------------------------------------------------------------------


def test_add_noqa_silences_each_finding_on_its_line(project):
    source = LEAKY.replace(
        "print(accuracy_score(y_test, y_test))",
        "print(accuracy_score(y_test, y_test))  # noqa: E501",
    )
    (project / "leaky.py").write_text(source)
    result = invoke("check", "--add-noqa")
    assert result.exit_code == 0, result.output
    assert "Added 2 noqa directives." in result.stderr
    lines = (project / "leaky.py").read_text().splitlines()
    assert lines[5].endswith("train_test_split(X_res, y_res)  # noqa: IG301")
    assert lines[6] == "print(accuracy_score(y_test, y_test))  # noqa: E501, IG201"
    assert invoke("check").exit_code == 0
    again = invoke("check", "--add-noqa")  # nothing left to add
    assert "Added 0 noqa directives." in again.stderr


def test_add_noqa_in_a_notebook_cell(project, notebook):
    notebook(project / "nb.ipynb", [("markdown", "# t"), LEAKY])
    result = invoke("check", "--add-noqa")
    assert result.exit_code == 0, result.output
    cell = json.loads((project / "nb.ipynb").read_text())["cells"][1]
    source = "".join(cell["source"])
    assert "train_test_split(X_res, y_res)  # noqa: IG301\n" in source
    assert source.endswith("print(accuracy_score(y_test, y_test))  # noqa: IG201\n")
    assert invoke("check").exit_code == 0


def test_add_noqa_leaves_a_line_that_cannot_take_a_comment(project):
    source = (
        "from sklearn.metrics import accuracy_score\n"
        "print(accuracy_score(y_test, \\\n"
        "    y_pred))\n"
    )
    (project / "a.py").write_text(source)
    finding = invoke("check", "--output-format", "concise")
    assert "a.py:2:7: IG201" in finding.stdout
    result = invoke("check", "--add-noqa")
    assert result.exit_code == 0
    assert "a.py:2:7: no noqa added for IG201: the line continues" in result.stderr
    assert (project / "a.py").read_text() == source


# -- --color -------------------------------------------------------------------------------------


def _color_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return {**env, **extra}


@pytest.mark.parametrize(
    ("args", "env", "colored"),
    [
        (["--color", "always"], {}, True),
        (["--color", "always"], {"NO_COLOR": "1"}, True),  # explicit beats the environment
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        ([], {}, False),  # auto: a pipe is not a terminal
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (["--color", "auto", "--no-color"], {"FORCE_COLOR": "1"}, False),
    ],
)
def test_color_choice(project, args, env, colored):
    (project / "a.py").write_text(LEAKY)
    out = subprocess.run(
        [sys.executable, "-m", "imbalance_guard", "check", *args, "a.py"],
        capture_output=True,
        text=True,
        cwd=project,
        env=_color_env(**env),
    )
    assert out.returncode == 1, out.stderr
    assert ("\x1b[" in out.stdout) is colored


def test_color_rejects_other_values(project):
    result = invoke("check", "--color", "sometimes")
    assert result.exit_code == 2
    assert "'sometimes' is not one of 'auto', 'always', 'never'" in result.output


# -- --show-settings, --show-files, rules --output-format --------------------------------------


def test_show_settings_prints_the_resolved_settings(project):
    (project / "pyproject.toml").write_text(
        '[tool.imbalance-guard]\nignore = ["IG2"]\n[tool.imbalance-guard.data]\nlabel = "y"\n'
    )
    result = invoke("check", "--show-settings", "--extend-exclude", "old", "--force-exclude")
    assert result.exit_code == 0
    out = result.stdout
    assert f"Settings path: {project / 'pyproject.toml'}" in out
    assert "ignore = ['IG2']" in out
    assert "extend-exclude = ['old']" in out and "force-exclude = true" in out
    assert "data.label = 'y'" in out
    assert "IG201" not in out.split("enabled rules = ")[1].splitlines()[0]


def test_show_files_lists_what_would_be_checked(project):
    (project / "b.py").write_text("x = 1\n")
    (project / "a.ipynb").write_text("{}")
    (project / "d.csv").write_text("y\n1\n")
    (project / "notes.txt").write_text("hi\n")
    (project / "build").mkdir()
    (project / "build" / "gen.py").write_text("x = 1\n")
    result = invoke("check", "--show-files")
    assert result.exit_code == 0
    assert result.stdout == "a.ipynb\nb.py\nd.csv\n"  # no findings: nothing is checked


def test_rules_output_format_json(project):
    result = invoke("rules", "--output-format", "json")
    assert result.exit_code == 0
    rules = json.loads(result.stdout)
    by_code = {rule["code"]: rule for rule in rules}
    assert by_code["IG303"]["fix"] == "sometimes" and by_code["IG303"]["default_enabled"]
    assert by_code["IG001"]["name"] == "unreadable-input"
    assert "## What it does" in by_code["IG001"]["explanation"]
    text = invoke("rules", "--output-format", "text").stdout
    assert text.splitlines()[0].split()[:4] == ["CODE", "NAME", "DEFAULT", "FIX"]
    assert invoke("rules", "--output-format", "yaml").exit_code == 2


def test_stdin_diff_prints_the_change_and_writes_nothing(project):
    result = invoke("check", "-", "--diff", "--stdin-filename", "p.py", input=PIPELINE)
    assert result.exit_code == 1
    assert "-from sklearn.pipeline import Pipeline" in result.stdout
    assert "+from imblearn.pipeline import Pipeline" in result.stdout
    assert "Would fix 1 problem." in result.stderr
    assert not (project / "p.py").exists()


@pytest.mark.parametrize("name", ["", "  "])
def test_stdin_filename_must_name_a_file(project, name):
    result = invoke("check", "-", "--stdin-filename", name, input="x = 1\n")
    assert result.exit_code == 2
    assert "not a file name" in result.stderr


def test_stdin_undecodable_bytes_are_ig001(project):
    result = invoke("check", "-", "--stdin-filename", "x.py", input=b"x = '\xff\xfe'\n")
    assert result.exit_code == 1
    assert "x.py" in result.stdout and "IG001" in result.stdout


def test_show_files_names_a_missing_path_and_exits_2(project):
    (project / "a.py").write_text("x = 1\n")
    result = invoke("check", "--show-files", "a.py", "gone.py")
    assert result.exit_code == 2
    assert result.stdout == "a.py\n"
    assert "gone.py: no such file or directory" in result.stderr


def test_show_files_for_stdin(project):
    (project / "pyproject.toml").write_text(
        '[tool.imbalance-guard]\nextend-exclude = ["vendored"]\n'
    )
    shown = invoke("check", "--show-files", "-", "--stdin-filename", "src/a.py", input="")
    assert shown.exit_code == 0 and shown.stdout == "src/a.py\n"
    forced = ["check", "--show-files", "--force-exclude", "-", "--stdin-filename"]
    assert invoke(*forced, "vendored/a.py", input="").stdout == ""
    bad = invoke("check", "--show-files", "-", "--stdin-filename", "d.csv", input="")
    assert bad.exit_code == 2 and "only Python files and notebooks" in bad.stderr


def test_add_noqa_keeps_line_endings_and_encoding(project):
    source = (
        "# -*- coding: latin-1 -*-\r\n"
        "from sklearn.metrics import accuracy_score\r\n"
        "print('caf\u00e9', accuracy_score(y_test, y_pred))\r\n"
    )
    (project / "a.py").write_bytes(source.encode("latin-1"))
    result = invoke("check", "--add-noqa")
    assert result.exit_code == 0, result.output
    data = (project / "a.py").read_bytes()
    assert data == source.replace("y_pred))\r\n", "y_pred))  # noqa: IG201\r\n").encode("latin-1")


def test_add_noqa_leaves_a_read_only_file_and_says_so(project):
    (project / "a.py").write_text(LEAKY)
    (project / "a.py").chmod(0o444)
    result = invoke("check", "--add-noqa")
    assert result.exit_code == 0
    assert "a.py: no noqa added: the file is read-only" in result.stderr
    assert "Added 0 noqa directives." in result.stderr
    assert (project / "a.py").read_text() == LEAKY


def test_add_noqa_cannot_be_combined_with_fix(project):
    result = invoke("check", "--add-noqa", "--fix")
    assert result.exit_code == 2
    assert "--add-noqa cannot be combined with --fix" in result.stderr


def test_stdin_notebook_fix_writes_the_notebook_json(project):
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {"k": 1},
                "outputs": [],
                "source": PIPELINE.splitlines(keepends=True),
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    text = json.dumps(notebook, indent=1)
    result = invoke("check", "-", "--fix", "--stdin-filename", "nb.ipynb", input=text)
    assert result.exit_code == 0, result.output
    fixed = json.loads(result.stdout)
    assert "from imblearn.pipeline import Pipeline\n" in fixed["cells"][0]["source"]
    assert fixed["cells"][0]["metadata"] == {"k": 1}
