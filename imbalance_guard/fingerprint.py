"""Fingerprints that identify a finding across edits, shared by SARIF and ``--baseline``.

A finding's fingerprint is a hash of

* its rule code,
* its path relative to the project root (so it does not depend on the working directory),
* the text of the line it points at with whitespace collapsed (for dataset findings, the
  label column instead: they have no line),
* and its occurrence index among the findings of the same file that share the first three,
  in report order (so two identical lines with the same mistake stay two findings).

Line and column numbers, notebook cell numbers and the message are left out on purpose:
inserting lines or cells above a finding, re-indenting it, or a dataset's counts changing a
little must not turn a known finding into a new one.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from imbalance_guard.discover import root_relative
from imbalance_guard.findings import Finding
from imbalance_guard.report.printable import name_bytes
from imbalance_guard.results import Report

#: Bump when the recipe changes; a baseline written with another version is rejected.
VERSION = 1


def repo_relative(path: str, root: str | os.PathLike[str], cwd: Path | None = None) -> str:
    """``path`` (as displayed: relative to the working directory, or absolute) relative to
    the project ``root``, with forward slashes; unchanged when it lies outside the root."""
    return root_relative(path, root, cwd)


def anchor_text(finding: Finding, report: Report) -> str:
    """What a finding is anchored to: its source line, whitespace-collapsed."""
    line = report.source_line(finding)
    if line is not None:
        return " ".join(line.split())
    if finding.location.column_name is not None:
        return f"label column {finding.location.column_name}"
    return ""


def _digest(*parts: str) -> str:
    import hashlib  # here, not at the top: only SARIF, GitLab and baselines hash

    # name_bytes: a file name that is not UTF-8 hashes as its bytes (valid text hashes
    # exactly as its UTF-8, so fingerprints of ordinary names did not change).
    return hashlib.sha256(name_bytes("\x00".join(parts))).hexdigest()[:32]


def fingerprints(report: Report, findings: Sequence[Finding] | None = None) -> list[str]:
    """One fingerprint per finding of ``findings`` (default: the report's), in order."""
    findings = report.findings if findings is None else findings
    seen: Counter[tuple[str, str, str]] = Counter()
    out: list[str] = []
    for finding in findings:
        key = (
            finding.code,
            report.relative_path(finding.location.path),
            anchor_text(finding, report),
        )
        occurrence = seen[key]
        seen[key] += 1
        out.append(_digest(f"v{VERSION}", *key, str(occurrence)))
    return out
