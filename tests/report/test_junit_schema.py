"""The JUnit report is valid against the schema Jenkins reads, and its counts add up."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema

from tests.data.conftest import write_dataset

SCHEMA = xmlschema.XMLSchema(Path(__file__).with_name("junit-10.xsd"))


def junit(run_cli, *args: str, plugins=None) -> tuple[int, str]:
    result = run_cli("check", "--output-format", "junit", *args, plugins=plugins)
    return result.exit_code, result.stdout


def assert_valid_and_counted(text: str) -> ET.Element:
    SCHEMA.validate(text)  # raises with the first violation
    root = ET.fromstring(text)
    suites = root.findall("testsuite")
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases) >= 1
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
        assert int(suite.get("skipped")) == len(suite.findall("testcase/skipped"))
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)
    assert int(root.get("failures")) == len(root.findall(".//failure"))
    return root


def test_the_schema_rejects_what_jenkins_would():
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        SCHEMA.validate("<testsuites><testsuite name='x'><testcase/></testsuite></testsuites>")


def test_findings_of_every_kind(ci_project, run_cli, print_plugin, data_plugin):
    status, text = junit(run_cli, plugins=[print_plugin, data_plugin])
    assert status == 1
    root = assert_valid_and_counted(text)
    assert root.get("failures") == "4" and root.get("tests") == "5"


def test_clean_and_empty_runs(project, run_cli):
    assert junit(run_cli)[1].count("<testsuite ") == 0  # nothing to check
    assert_valid_and_counted(junit(run_cli)[1])
    (project / "ok.py").write_text("x = 1\n")
    status, text = junit(run_cli)
    assert status == 0
    root = assert_valid_and_counted(text)
    assert (root.get("tests"), root.get("failures")) == ("1", "0")


def test_a_dataset_without_a_label_is_a_skipped_case(project, run_cli):
    write_dataset(project / "fraud.csv", {"id": [1, 2], "fraud_flag": [0, 1]})
    status, text = junit(run_cli, "fraud.csv")
    assert status == 0
    root = assert_valid_and_counted(text)
    (skipped,) = root.findall("testsuite/testcase/skipped")
    assert "columns: id, fraud_flag" in skipped.get("message")
    assert "--label" in skipped.get("message")


def test_control_characters_and_markup_stay_valid(project, run_cli):
    name = "odd\x01<&>.py"
    (project / name).write_text(
        "from sklearn.metrics import accuracy_score\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "m = LogisticRegression().fit(X, y)\n"
        "print(accuracy_score(y, m.predict(X)))\n"
    )
    status, text = junit(run_cli, name)
    assert status == 1
    root = assert_valid_and_counted(text)
    assert root.find("testsuite").get("name") == "odd\\x01<&>.py"
