"""A control character from a checked file — in a class value, a column or file name —
never reaches the terminal or an annotation raw, in any output format."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from imbalance_guard.findings import Finding, Location, Rule
from imbalance_guard.plugins import get_plugin_manager
from imbalance_guard.report.base import RenderOptions, Report
from imbalance_guard.report.printable import printable, visible

# What must never be printed raw: C0 controls but the line feed (tab: only the text
# format's --statistics columns use one), DEL, C1, bidirectional controls, separators.
RAW = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069\ufffe\uffff]"
)
NASTY = [
    "\x01",
    "\x1b[31m",
    "\r",
    "\t",
    "\n",
    "\x7f",
    "\x85",
    "\u202e",
    "\u2066",
    "\u2028",
    "\x00",
    "\x0c",
    "\ufffe",
]
FORMATTERS = {
    f.name: f
    for formatters in get_plugin_manager(load_entry_points=False).hook.ig_formatters()
    for f in formatters
}


def raw(text: str) -> list[str]:
    return RAW.findall(text)


values = st.lists(
    st.one_of(st.sampled_from(NASTY), st.text(alphabet=st.characters(), max_size=4)),
    max_size=6,
).map("".join)


@settings(max_examples=200, deadline=None)
@example(message="\ud800", suggestion="", path="", column="", cls="")
@given(message=values, suggestion=values, path=values, column=values, cls=values)
def test_no_format_prints_a_control_character_raw(message, suggestion, path, column, cls):
    path = f"d/{path}x.py"
    rule = Rule("XP100", "print-call", "s", "d")
    findings = [
        Finding("XP100", message, Location(path, 1, 1, 1, 3), suggestion=suggestion),
        Finding(
            "XP100",
            f"`{column}` has class {cls}",
            Location(f"{path}.csv", column_name=column),
            suggestion=f"class {cls}\nline two",
            data={"chart": [f"{cls}  ███  3"]},
        ),
    ]
    report = Report(
        findings,
        {"XP100": rule},
        files_checked=[path, f"{path}.csv"],
        sources={(path, None): [f"x = {cls!r}  # {message}"]},
        unlabelled={f"{path}.tsv": f"{path}.tsv: no label column (columns: {column})"},
        errors=[f"{path}: cannot read"],
        root="/nonexistent-root",
    )
    for name, formatter in FORMATTERS.items():
        for options in (RenderOptions(), RenderOptions(verbose=True, statistics=True)):
            out = formatter.render(report, options)
            if name == "text" and options.statistics:
                out = out.replace("\t", " ")  # the statistics columns
            assert raw(out) == [], (name, out)
            if name == "json":  # JSON escaping keeps the exact value, lone surrogates
                # aside: no UTF-8 writer takes them, so they are written as documented
                # (README, "File names that are not UTF-8")
                assert json.loads(out)[0]["message"] == printable(message)
            elif name == "sarif":
                document = json.loads(out)
                for result in document["runs"][0]["results"]:
                    assert raw(result["message"]["text"]) == []
                for note in document["runs"][0]["invocations"][0]["toolExecutionNotifications"]:
                    assert raw(note["message"]["text"].replace("\n", "")) == []
            elif name == "gitlab":
                for issue in json.loads(out):
                    assert raw(issue["description"] + issue["location"]["path"]) == []
                    assert "\n" not in issue["description"]
            elif name == "junit":
                root = ET.fromstring(out)  # XML 1.0 could not even hold \x01
                for element in root.iter():
                    for value in element.attrib.values():
                        assert raw(value) == [] and "\n" not in value
            elif name in ("concise", "github"):
                # One line per finding and warning (and, concise, three summary lines):
                # no value split a line.
                assert len(out.splitlines()) == (3 if name == "github" else 5), out


def test_visible_escapes_readably_and_keeps_plain_text():
    assert visible("a\x01b\x1b[31mc\rd\u202ee\tf\ng") == "a\\x01b\\x1b[31mc\\rd\\u202ee\\tf\\ng"
    assert visible("one\ntwo\r", newlines=True) == "one\ntwo\\r"
    assert visible("café ✓ 数据 🙂") == "café ✓ 数据 🙂"


@pytest.mark.parametrize("name", sorted(FORMATTERS))
def test_a_real_run_with_hostile_class_values_and_names(project, run_cli, name):
    rows = ["\x1b[31mred"] * 40 + ['"\u202egreen\r"'] * 2  # a quoted CR: part of the value
    (project / "t\x01.csv").write_text("label\n" + "\n".join(rows) + "\n", newline="")
    (project / "evil\x1b]0;x\x07.py").write_text(
        "from sklearn.metrics import accuracy_score\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "m = LogisticRegression().fit(X, y)  # \u202e\x1b[2J\n"
        "print(accuracy_score(y, m.predict(X)))\n"
    )
    result = run_cli("check", "--output-format", name, "--no-cache", ".")
    assert result.exit_code == 1, result.output
    assert raw(result.stdout.replace("\t", " ")) == [], result.stdout
    assert raw(result.stderr) == []
    assert "IG101" in result.stdout and "IG201" in result.stdout
