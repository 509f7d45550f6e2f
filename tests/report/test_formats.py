"""Each output format, checked for what it says: codes, paths, lines, messages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from imbalance_guard.findings import Finding, Location, Rule
from imbalance_guard.report.base import RenderOptions, Report
from imbalance_guard.report.github import escape_data, escape_property
from imbalance_guard.report.github import render as github


def check(run_cli, plugins, *args):
    return run_cli("check", *args, plugins=plugins)


def notebook_line(path: Path, text: str) -> tuple[int, int]:
    """(line, column) in the raw .ipynb of the JSON string holding ``text``."""
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if text in line:
            return number, line.index(text) + 1
    raise AssertionError(f"{text!r} not in {path}")


def test_concise_is_one_line_per_finding_then_the_summary(
    ci_project, run_cli, print_plugin, data_plugin
):
    result = check(run_cli, [print_plugin, data_plugin], "--output-format", "concise")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "data.csv: XD100 only 1 `yes` rows in `label`",
        "nb.ipynb:cell 3:2:1: XP100 `print` called",
        "src/broken.py:1:7: IG001 syntax error: invalid syntax",
        "src/train.py:4:1: XP100 `print` called",
        "Found 4 problems.",
    ]
    quiet = check(run_cli, [print_plugin, data_plugin], "--output-format", "concise", "-q")
    assert quiet.output.splitlines()[-1] == "src/train.py:4:1: XP100 `print` called"


def test_github_annotations_place_each_finding_on_the_file(
    ci_project, run_cli, print_plugin, data_plugin
):
    result = check(run_cli, [print_plugin, data_plugin], "--output-format", "github")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 4 and all(line.startswith("::error ") for line in lines)
    by_file = {re.search(r"file=([^,]+)", line).group(1): line for line in lines}
    assert by_file["src/train.py"] == (
        "::error file=src/train.py,line=4,col=1,endLine=4,endColumn=6,"
        "title=XP100 print-call::`print` called%0AHelp: Use logging."
    )
    assert by_file["src/broken.py"].startswith(
        "::error file=src/broken.py,line=1,col=7,title=IG001 unreadable-input::"
        "syntax error: invalid syntax"
    )
    # A dataset finding is a file-level annotation: no line.
    assert by_file["data.csv"] == (
        "::error file=data.csv,title=XD100 rare-yes::"
        "only 1 `yes` rows in `label`%0AHelp: Collect more, or use class weights."
    )
    # A notebook finding lands on the JSON line of the cell's source that holds the code.
    line, col = notebook_line(ci_project / "nb.ipynb", "print(a, b)")
    assert by_file["nb.ipynb"].startswith(
        f"::error file=nb.ipynb,line={line},col={col},endLine={line},endColumn={col + 5},"
        "title=XP100 print-call::cell 3, line 2: `print` called"
    )


def test_github_paths_are_relative_to_the_project_root(
    ci_project, run_cli, print_plugin, data_plugin, monkeypatch
):
    monkeypatch.chdir(ci_project / "src")
    result = check(run_cli, [print_plugin, data_plugin], "--output-format", "github", "train.py")
    assert result.output.startswith("::error file=src/train.py,line=4,")


def test_github_escapes_messages_and_properties():
    rule = Rule("XP100", "odd,name:here", "s", "d")
    finding = Finding(
        "XP100", "100% wrong\r\nsecond, line: yes", Location("dir,a/b:c%.py", 3, 2, 3, 4)
    )
    report = Report([finding], {"XP100": rule}, root="/nonexistent-root")
    out = github(report, RenderOptions())
    assert out == (
        "::error file=dir%2Ca/b%3Ac%25.py,line=3,col=2,endLine=3,endColumn=4,"
        # the message's own line breaks are values, escaped as any control character
        "title=XP100 odd%2Cname%3Ahere::100%25 wrong\\r\\nsecond, line: yes\n"
    )


def _unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


@given(st.text())
def test_github_escaping_round_trips_and_leaves_no_separator(text):
    prop = escape_property(text)
    assert not set(prop) & {",", ":", "\r", "\n"}
    assert _unescape(prop) == text
    data = escape_data(text)
    assert "\n" not in data and "\r" not in data
    assert re.fullmatch(r"(?:[^%]|%25|%0D|%0A)*", data, re.S)


def test_junit_has_a_suite_per_file_and_a_case_per_finding(
    ci_project, run_cli, print_plugin, data_plugin
):
    (ci_project / "src" / "twice.py").write_text("print(1)\nprint(2)\nprint(3)\n")
    result = check(run_cli, [print_plugin, data_plugin], "--output-format", "junit")
    assert result.exit_code == 1
    root = ET.fromstring(result.output)
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert set(suites) == {
        "clean.py",
        "data.csv",
        "nb.ipynb",
        "src/broken.py",
        "src/train.py",
        "src/twice.py",
    }
    # Three findings in one file: three failing cases of one suite.
    twice = suites["src/twice.py"]
    cases = twice.findall("testcase")
    assert [case.get("name") for case in cases] == ["XP100 1:1", "XP100 2:1", "XP100 3:1"]
    assert [case.get("line") for case in cases] == ["1", "2", "3"]
    assert {case.get("classname") for case in cases} == {"src/twice"}
    assert (twice.get("tests"), twice.get("failures"), twice.get("skipped")) == ("3", "3", "0")
    # A file without findings: one passing case.
    (clean,) = suites["clean.py"].findall("testcase")
    assert clean.get("name") == "clean.py" and list(clean) == []
    assert (suites["clean.py"].get("tests"), suites["clean.py"].get("failures")) == ("1", "0")
    (failure,) = suites["src/train.py"].findall("testcase/failure")
    assert failure.get("type") == "XP100"
    assert failure.get("message") == "4:1: XP100 `print` called"
    assert "help: Use logging." in failure.text
    assert failure.text.startswith("src/train.py:4:1: XP100")
    notebook_case = suites["nb.ipynb"].find("testcase")
    assert notebook_case.get("name") == "XP100 cell 3:2:1" and notebook_case.get("line") is None
    assert notebook_case.find("failure").get("message") == "cell 3:2:1: XP100 `print` called"
    assert suites["data.csv"].find("testcase/failure").get("message") == (
        "label column label: XD100 only 1 `yes` rows in `label`"
    )
    assert suites["src/broken.py"].find("testcase/failure").get("type") == "IG001"
    # Counts add up: per suite, and in total.
    for suite in suites.values():
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
    assert root.get("tests") == str(sum(int(s.get("tests")) for s in suites.values())) == "8"
    assert root.get("failures") == "7" == str(len(root.findall(".//failure")))


def test_junit_survives_characters_xml_cannot_carry():
    rule = Rule("XP100", "n", "s", "d")
    finding = Finding("XP100", "bad \x00 byte & <tag>", Location("a.py", 1, 1))
    from imbalance_guard.report.junit import render

    out = render(Report([finding], {"XP100": rule}, files_checked=["a.py"]), RenderOptions())
    failure = ET.fromstring(out).find(".//failure")
    assert failure.get("message") == "1:1: XP100 bad \\x00 byte & <tag>"


def test_clean_run_in_each_format(project, run_cli):
    (project / "ok.py").write_text("x = 1\n")
    assert run_cli("check", "--output-format", "github").output == ""
    assert run_cli("check", "--output-format", "concise").output == (
        "All checks passed! (1 file checked)\n"
    )
    junit = ET.fromstring(run_cli("check", "--output-format", "junit").output)
    assert junit.get("failures") == "0" and junit.find(".//testcase").get("name") == "ok.py"


def test_every_format_is_listed_in_the_usage_error(project, run_cli):
    result = run_cli("check", "--output-format", "nope")
    assert result.exit_code == 2
    for name in ("concise", "github", "gitlab", "json", "junit", "sarif", "text"):
        assert name in result.output


def test_gitlab_code_quality_issues(ci_project, run_cli, print_plugin, data_plugin):
    import json

    result = check(run_cli, [print_plugin, data_plugin], "--output-format", "gitlab")
    assert result.exit_code == 1
    issues = {issue["location"]["path"]: issue for issue in json.loads(result.output)}
    assert set(issues) == {"data.csv", "nb.ipynb", "src/broken.py", "src/train.py"}
    train = issues["src/train.py"]
    assert train["check_name"] == "XP100 print-call"
    assert train["description"] == "XP100 `print` called"
    assert train["location"]["lines"] == {"begin": 4, "end": 4}
    assert train["severity"] == "major" and len(train["fingerprint"]) == 32
    line, _ = notebook_line(ci_project / "nb.ipynb", "print(a, b)")
    assert issues["nb.ipynb"]["location"]["lines"]["begin"] == line
    assert issues["nb.ipynb"]["description"].startswith("cell 3, line 2: XP100")
    assert issues["data.csv"]["location"]["lines"] == {"begin": 1, "end": 1}
    assert len({issue["fingerprint"] for issue in issues.values()}) == 4
