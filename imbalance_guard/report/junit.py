"""JUnit XML (``--output-format junit``) for CI systems that show test reports.

One ``<testsuite>`` per checked file (``name`` and ``file`` are its path relative to the
project root) and, in it, one ``<testcase>`` per finding: a ``<failure>`` whose ``type`` is
the rule code and whose ``message`` is ``line:col: CODE message``. A file without findings
is one passing test case, so the report shows what was checked as well as what failed; a
dataset whose labels were not checked (no label column recognised) is one ``<skipped>``
case saying why. Every count adds up: a suite's ``tests`` is its number of cases,
``failures`` and ``skipped`` those that failed or were skipped, and the ``<testsuites>``
totals are the sums. The layout is the one Jenkins and GitLab read (the tests validate it
against the JUnit schema of Jenkins' xUnit plugin); ``classname`` is the file's path
without its extension, as ruff writes it, so no dot of a file name splits it into a package.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from imbalance_guard import hookimpl
from imbalance_guard.findings import Finding
from imbalance_guard.report.base import Formatter, RenderOptions, Report
from imbalance_guard.report.printable import visible

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

SUITE = "imbalance-guard"


def _where(finding: Finding) -> str:
    loc = finding.location
    position = f"{loc.line}:{loc.column or 1}" if loc.line is not None else ""
    if loc.cell is not None:
        return f"cell {loc.cell}:{position}" if position else f"cell {loc.cell}"
    if position:
        return position
    return f"label column {loc.column_name}" if loc.column_name is not None else ""


def _classname(name: str) -> str:
    path = PurePosixPath(name)
    return str(path.with_suffix("")) if path.suffix and path.stem else name


def _failure_case(suite: ET.Element, finding: Finding, name: str, report: Report) -> None:
    import xml.etree.ElementTree as ET

    rule = report.rules.get(finding.code)
    where = _where(finding)
    headline = (
        f"{where}: {finding.code} {finding.message}"
        if where
        else (f"{finding.code} {finding.message}")
    )
    body = [f"{name}:{headline}"]
    if finding.suggestion:
        body.append(f"help: {finding.suggestion}")
    if rule is not None:
        body.append(f"rule: {rule.code} {rule.name} (imbalance-guard explain {rule.code})")
    attributes = {
        "classname": visible(_classname(name)),
        "name": visible(f"{finding.code} {where}" if where else finding.code),
        "file": visible(name),
    }
    if finding.location.line is not None and finding.location.cell is None:
        attributes["line"] = str(finding.location.line)
    case = ET.SubElement(suite, "testcase", attributes, time="0")
    failure = ET.SubElement(case, "failure", type=finding.code, message=visible(headline))
    failure.text = visible("\n".join(body), newlines=True)


def to_xml(report: Report) -> ET.Element:
    import xml.etree.ElementTree as ET  # here: every run loads this plugin, few render it

    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_file[finding.location.path].append(finding)
    files = list(dict.fromkeys([*report.files_checked, *by_file]))
    root = ET.Element("testsuites", name=SUITE)
    tests = failures = 0
    for path in files:
        name = report.relative_path(path)
        findings = by_file.get(path, [])
        skipped = path in report.unlabelled
        cases = len(findings) + (1 if skipped or not findings else 0)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=visible(name),
            tests=str(cases),
            failures=str(len(findings)),
            errors="0",
            skipped=str(int(skipped)),
            time="0",
            file=visible(name),
        )
        for finding in findings:
            _failure_case(suite, finding, name, report)
        if skipped or not findings:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=visible(_classname(name)),
                name=visible(name),
                file=visible(name),
                time="0",
            )
            if skipped:
                ET.SubElement(case, "skipped", message=visible(report.unlabelled[path]))
        tests += cases
        failures += len(findings)
    root.set("tests", str(tests))
    root.set("failures", str(failures))
    root.set("errors", "0")
    root.set("time", "0")
    return root


def render(report: Report, options: RenderOptions) -> str:
    import xml.etree.ElementTree as ET

    tree = to_xml(report)
    ET.indent(tree)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tree, encoding="unicode") + "\n"


@hookimpl
def ig_formatters() -> list[Formatter]:
    return [
        Formatter(
            "junit",
            "JUnit XML: a test suite per checked file, a failing case per finding",
            render,
        )
    ]
