"""SARIF 2.1.0 output, in the subset GitHub code scanning reads (``--output-format sarif``).

* ``tool.driver`` lists every rule of the run with its documentation (short description:
  the summary; full description: "What it does"; help: the whole rule docstring).
* Each result has a location relative to the project root (``%SRCROOT%``) and a region.
  Code scanning needs a line, so:

  - scripts: the finding's own lines and columns (code points, ``columnKind``);
  - notebooks: the lines of the ``.ipynb`` JSON holding the flagged code inside the cell's
    ``"source"`` list, so the alert shows the cell's code in the file GitHub displays; the cell
    and the line in the cell are in the message and in ``properties``;
  - datasets: line 1 (for CSV/TSV the header that names the label column); the label column
    is in ``properties``.
* ``partialFingerprints`` hold :mod:`imbalance_guard.fingerprint`'s line-independent
  fingerprint (also as ``primaryLocationLineHash``, so code scanning keeps an alert open
  across unrelated edits instead of computing a line-based hash).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from imbalance_guard import __version__, hookimpl
from imbalance_guard.findings import Finding, Rule
from imbalance_guard.fingerprint import fingerprints
from imbalance_guard.report.base import Formatter, RenderOptions, Report
from imbalance_guard.report.positions import FilePosition, PositionMapper, where_in_notebook
from imbalance_guard.report.printable import json_text, printable_data, uri_path, visible

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/imbalance-guard/"
FINGERPRINT_KEY = "imbalanceGuard/v1"
LEVEL = "error"  # every finding fails the gate (exit 1), so every finding is an error


def doc_section(doc: str, heading: str) -> str:
    """The text under ``## heading`` in a rule docstring (empty when absent)."""
    match = re.search(rf"^##\s*{re.escape(heading)}\s*$(.*?)(?=^##\s|\Z)", doc, re.M | re.S)
    return " ".join(match.group(1).split()) if match else ""


def rule_descriptor(rule: Rule) -> dict:
    doc = rule.doc.strip()
    first, _, body = doc.partition("\n")
    if first.startswith(rule.code):  # the docstring's title line repeats code and name
        doc = body.strip()
    full = doc_section(doc, "What it does") or rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "help": {"text": doc or rule.summary, "markdown": doc or rule.summary},
        "defaultConfiguration": {"level": LEVEL, "enabled": rule.default_enabled},
        "properties": {"tags": ["class-imbalance", rule.target], "status": rule.status.value},
    }


def _region(position: FilePosition) -> dict:
    region = {"startLine": position.line or 1}
    if position.line is None:
        return region
    if position.column is not None:
        region["startColumn"] = position.column
    if position.end_line is not None:
        region["endLine"] = position.end_line
    if position.end_column is not None and position.column is not None:
        region["endColumn"] = max(position.end_column, position.column)
    return region


def _uri(path: str, report: Report) -> tuple[str, bool]:
    """(uri, relative to %SRCROOT%?)"""
    relative = report.relative_path(path)
    if Path(relative).is_absolute():
        return Path(relative).as_uri(), False  # percent-encodes the name's bytes
    return uri_path(relative), True


def result(
    finding: Finding,
    report: Report,
    rule_index: dict[str, int],
    fingerprint: str,
    position: FilePosition,
) -> dict:
    loc = finding.location
    text = f"{where_in_notebook(finding)}{visible(finding.message)}"
    if finding.suggestion:
        text += f"\nHelp: {visible(finding.suggestion, newlines=True)}"
    uri, relative = _uri(loc.path, report)
    artifact: dict = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = "%SRCROOT%"
    out: dict = {
        "ruleId": finding.code,
        "level": LEVEL,
        "message": {"text": text},
        "locations": [
            {"physicalLocation": {"artifactLocation": artifact, "region": _region(position)}}
        ],
        "partialFingerprints": {
            FINGERPRINT_KEY: fingerprint,
            "primaryLocationLineHash": fingerprint,
        },
    }
    if finding.code in rule_index:
        out["ruleIndex"] = rule_index[finding.code]
    properties = {}
    if loc.cell is not None:
        properties.update(cell=loc.cell, cellLine=loc.line, cellColumn=loc.column)
    if loc.column_name is not None:
        properties["labelColumn"] = loc.column_name
    if properties:
        out["properties"] = properties
    return out


def invocation(report: Report) -> dict:
    """Whether the run checked everything; each error (a path that does not exist, a
    plugin that failed) is a tool execution notification, which code scanning shows, and
    so is each dataset whose labels were not checked (a warning: the run still succeeded)."""
    notifications = [
        {"level": "error", "message": {"text": visible(error)}} for error in report.errors
    ]
    for path, warning in report.unlabelled.items():
        uri, relative = _uri(path, report)
        artifact: dict = {"uri": uri}
        if relative:
            artifact["uriBaseId"] = "%SRCROOT%"
        notifications.append(
            {
                "level": "warning",
                "message": {"text": visible(warning)},
                "locations": [{"physicalLocation": {"artifactLocation": artifact}}],
                "descriptor": {"id": "label-not-recognised"},
            }
        )
    return {
        "executionSuccessful": not report.errors,
        "toolExecutionNotifications": notifications,
    }


def to_sarif(report: Report) -> dict:
    rules = list(report.rules.values())
    rule_index = {rule.code: i for i, rule in enumerate(rules)}
    mapper = PositionMapper(known=report.positions)
    results = [
        result(finding, report, rule_index, fingerprint, mapper.position(finding))
        for finding, fingerprint in zip(report.findings, fingerprints(report), strict=True)
    ]
    root = Path(report.root).resolve()
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "imbalance-guard",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [rule_descriptor(rule) for rule in rules],
                    }
                },
                "invocations": [invocation(report)],
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri().rstrip("/") + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render(report: Report, options: RenderOptions) -> str:
    text = json.dumps(printable_data(to_sarif(report)), indent=2, ensure_ascii=False)
    return json_text(text) + "\n"


@hookimpl
def ig_formatters() -> list[Formatter]:
    return [
        Formatter("sarif", "SARIF 2.1.0 for GitHub code scanning and other SARIF viewers", render)
    ]
