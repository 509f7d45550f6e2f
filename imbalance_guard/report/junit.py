"""JUnit XML (``--output-format junit``) for CI systems that show test reports.

One ``<testcase>`` per checked file (``name`` and ``file`` are its path relative to the
project root; ``classname`` is ``imbalance-guard`` plus the file's kind), and one
``<failure>`` per finding in it, whose ``type`` is the rule code and whose ``message`` is
``line:col: CODE message``. A file without findings is a passing test case, so the report
shows what was checked as well as what failed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from imbalance_guard import hookimpl
from imbalance_guard.discover import classify
from imbalance_guard.findings import Finding
from imbalance_guard.report.base import Formatter, RenderOptions, Report
from imbalance_guard.report.printable import printable

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

# Characters XML 1.0 cannot carry, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

SUITE = "imbalance-guard"


def _clean(text: str) -> str:
    # Undecodable file-name bytes first become \xNN (see report.printable), then what
    # XML cannot carry at all (control characters) becomes U+FFFD.
    return _INVALID_XML.sub("\ufffd", printable(text))


def _where(finding: Finding) -> str:
    loc = finding.location
    position = f"{loc.line}:{loc.column or 1}" if loc.line is not None else ""
    if loc.cell is not None:
        return f"cell {loc.cell}:{position}" if position else f"cell {loc.cell}"
    if position:
        return position
    return f"label column {loc.column_name}" if loc.column_name is not None else ""


def _kind(path: str) -> str:
    kind = classify(Path(path))
    return kind[0] if kind else "file"


def to_xml(report: Report) -> ET.Element:
    import xml.etree.ElementTree as ET  # here: every run loads this plugin, few render it

    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_file[finding.location.path].append(finding)
    files = list(dict.fromkeys([*report.files_checked, *by_file]))
    failures = len(report.findings)
    root = ET.Element(
        "testsuites",
        name=SUITE,
        tests=str(len(files)),
        failures=str(failures),
        errors="0",
        time="0",
    )
    suite = ET.SubElement(
        root,
        "testsuite",
        name=SUITE,
        tests=str(len(files)),
        failures=str(failures),
        errors="0",
        skipped="0",
        time="0",
    )
    for path in files:
        name = report.relative_path(path)
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"{SUITE}.{_kind(path)}",
            name=_clean(name),
            file=_clean(name),
            time="0",
        )
        for finding in by_file.get(path, ()):
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
            failure = ET.SubElement(case, "failure", type=finding.code, message=_clean(headline))
            failure.text = _clean("\n".join(body))
    return root


def render(report: Report, options: RenderOptions) -> str:
    import xml.etree.ElementTree as ET

    tree = to_xml(report)
    ET.indent(tree)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tree, encoding="unicode") + "\n"


@hookimpl
def ig_formatters() -> list[Formatter]:
    return [
        Formatter("junit", "JUnit XML: a test case per checked file, a failure per finding", render)
    ]
