"""A dataset whose label column is not recognised is never a silent pass: every output
format says so, and the warning is on standard error; the exit status stays 0."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from tests.data.conftest import write_dataset

WARNING = (
    "imbalance-guard: warning: fraud.csv: no label column recognised by name, so no label "
    "was checked (columns: id, amount, fraud_flag); name it with `--label COLUMN` or "
    '`label = "COLUMN"` in [tool.imbalance-guard.data]\n'
)
FORMATS = ("text", "concise", "json", "sarif", "github", "junit", "gitlab")


@pytest.fixture
def unlabelled(project):
    write_dataset(
        project / "fraud.csv", {"id": [1, 2, 3], "amount": [1.5, 2.0, 3.0], "fraud_flag": [0, 0, 1]}
    )
    return project


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_warns_on_stderr_and_exits_0(unlabelled, run_cli, name):
    result = run_cli("check", "--output-format", name, "fraud.csv")
    assert result.exit_code == 0
    assert result.stderr == WARNING


@pytest.mark.parametrize("name", ["text", "concise"])
def test_the_summary_says_what_was_not_checked(unlabelled, run_cli, name):
    out = run_cli("check", "--output-format", name, "fraud.csv").stdout
    assert out.splitlines() == [
        "No problems found (1 file checked).",
        "1 dataset not checked: no label column recognised by name in fraud.csv; name it with "
        "--label or `label` in [tool.imbalance-guard.data] (see the warning on standard error).",
    ]
    quiet = run_cli("check", "--output-format", name, "-q", "fraud.csv")
    assert quiet.stdout == "" and quiet.stderr == WARNING


def test_machine_formats_carry_it_where_they_have_a_place(unlabelled, run_cli):
    def out(name: str) -> str:
        return run_cli("check", "--output-format", name, "fraud.csv").stdout

    # JSON and GitLab Code Quality are lists of findings: the warning is on stderr only.
    assert json.loads(out("json")) == [] and json.loads(out("gitlab")) == []
    (invocation,) = json.loads(out("sarif"))["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "warning"
    assert note["message"]["text"] == WARNING.removeprefix("imbalance-guard: warning: ").strip()
    assert note["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "fraud.csv",
        "uriBaseId": "%SRCROOT%",
    }
    assert out("github") == (
        "::warning file=fraud.csv,title=no label column recognised::fraud.csv: no label "
        "column recognised by name, so no label was checked (columns: id, amount, fraud_flag); "
        'name it with `--label COLUMN` or `label = "COLUMN"` in [tool.imbalance-guard.data]\n'
    )
    skipped = ET.fromstring(out("junit")).find("testsuite/testcase/skipped")
    assert skipped is not None and "fraud_flag" in skipped.get("message")


def test_findings_elsewhere_still_exit_1_and_both_are_reported(unlabelled, run_cli):
    write_dataset(unlabelled / "skewed.csv", {"label": [0] * 95 + [1] * 5})
    result = run_cli("check", "fraud.csv", "skewed.csv")
    assert result.exit_code == 1 and result.stderr == WARNING
    assert "IG101" in result.stdout and "Found 2 problems." in result.stdout
    assert "1 dataset not checked" in result.stdout


def test_quiet_when_no_dataset_rule_is_selected(unlabelled, run_cli):
    result = run_cli("check", "--select", "IG3", "fraud.csv")
    assert result.exit_code == 0 and result.stderr == ""
    assert "All checks passed! (1 file checked)" in result.stdout


def test_a_named_label_or_a_recognised_one_has_no_warning(unlabelled, run_cli):
    (unlabelled / "pyproject.toml").write_text(
        '[tool.imbalance-guard.data]\nlabel = "fraud_flag"\nmin-class-count = 1\n'
        "max-imbalance-ratio = 100\n"
    )
    result = run_cli("check", "fraud.csv")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "All checks passed! (1 file checked)" in result.stdout


def test_many_datasets_are_counted_and_the_first_named(project, run_cli):
    for index in range(5):
        write_dataset(project / f"t{index}.csv", {"a": [1], "b": [2]})
    result = run_cli("check", ".")
    assert result.exit_code == 0 and result.stderr.count("warning:") == 5
    assert (
        "5 datasets not checked: no label column recognised by name in t0.csv, t1.csv, "
        "t2.csv, and 2 more; name them" in result.stdout
    )


def test_quiet_when_the_file_ignores_every_dataset_rule(unlabelled, run_cli):
    (unlabelled / "pyproject.toml").write_text(
        '[tool.imbalance-guard.per-file-ignores]\n"fraud.csv" = ["IG1"]\n'
    )
    result = run_cli("check", "fraud.csv")
    assert (result.exit_code, result.stderr) == (0, "")
    (unlabelled / "pyproject.toml").write_text(
        '[tool.imbalance-guard.per-file-ignores]\n"other.csv" = ["IG1"]\n'
    )
    assert run_cli("check", "fraud.csv").stderr == WARNING
