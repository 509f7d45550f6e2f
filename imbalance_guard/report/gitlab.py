"""GitLab Code Quality report (``--output-format gitlab``), shown in merge requests.

A JSON list of issues in GitLab's subset of the Code Climate format: ``description``,
``check_name`` (the rule code), ``fingerprint`` (:mod:`imbalance_guard.fingerprint`, so an
issue keeps its identity across unrelated edits and GitLab can tell new from fixed),
``severity`` and ``location`` — path relative to the project root, and lines placed like
SARIF's (notebook findings on the ``.ipynb`` lines of the flagged code, dataset findings on
line 1).
"""

from __future__ import annotations

import json

from imbalance_guard import hookimpl
from imbalance_guard.fingerprint import fingerprints
from imbalance_guard.report.base import Formatter, RenderOptions, Report
from imbalance_guard.report.positions import PositionMapper, where_in_notebook
from imbalance_guard.report.printable import json_text, printable_data, visible

SEVERITY = "major"  # every finding fails the gate; "blocker"/"critical" are for security


def to_issues(report: Report) -> list[dict]:
    mapper = PositionMapper(known=report.positions)
    issues = []
    for finding, fingerprint in zip(report.findings, fingerprints(report), strict=True):
        position = mapper.position(finding)
        begin = position.line or 1
        rule = report.rules.get(finding.code)
        issues.append(
            {
                "description": (
                    f"{where_in_notebook(finding)}{finding.code} {visible(finding.message)}"
                ),
                "check_name": f"{finding.code} {rule.name}" if rule else finding.code,
                "fingerprint": fingerprint,
                "severity": SEVERITY,
                "categories": ["Bug Risk"],
                "location": {
                    "path": visible(report.relative_path(finding.location.path)),
                    "lines": {"begin": begin, "end": position.end_line or begin},
                },
            }
        )
    return issues


def render(report: Report, options: RenderOptions) -> str:
    text = json.dumps(printable_data(to_issues(report)), indent=2, ensure_ascii=False)
    return json_text(text) + "\n"


@hookimpl
def ig_formatters() -> list[Formatter]:
    return [Formatter("gitlab", "GitLab Code Quality report (JSON) for merge requests", render)]
