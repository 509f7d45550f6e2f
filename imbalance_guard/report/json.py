"""JSON output: a stable, documented list of finding objects (see README, "JSON output")."""

from __future__ import annotations

import json

from imbalance_guard import hookimpl
from imbalance_guard.findings import Finding
from imbalance_guard.report.base import Formatter, RenderOptions, Report
from imbalance_guard.report.printable import printable_data


def finding_to_dict(finding: Finding, report: Report) -> dict:
    loc = finding.location
    rule = report.rules.get(finding.code)
    fix = None
    if finding.fix is not None:
        fix = {
            "applicability": finding.fix.applicability.value,
            "message": finding.fix.title,
            "edits": [
                {
                    "cell": e.cell,
                    "location": {"row": e.line, "column": e.column},
                    "end_location": {"row": e.end_line, "column": e.end_column},
                    "content": e.content,
                }
                for e in finding.fix.edits
            ],
        }
    return {
        "code": finding.code,
        "name": rule.name if rule else None,
        "message": finding.message,
        "suggestion": finding.suggestion,
        "filename": loc.path,
        "cell": loc.cell,
        "location": {"row": loc.line, "column": loc.column},
        "end_location": {"row": loc.end_line, "column": loc.end_column},
        "label_column": loc.column_name,
        "fix": fix,
        "data": finding.data,
    }


def render(report: Report, options: RenderOptions) -> str:
    findings = printable_data([finding_to_dict(f, report) for f in report.findings])
    return json.dumps(findings, indent=2, default=str) + "\n"


@hookimpl
def ig_formatters() -> list[Formatter]:
    return [Formatter("json", "A JSON list of finding objects (stable schema)", render)]
