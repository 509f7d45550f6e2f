"""Baselines: adopt the gate on a repository that already has findings.

``check --write-baseline FILE`` records today's findings by fingerprint (see
:mod:`imbalance_guard.fingerprint`: code, path, the flagged line's text and an occurrence
index — no line numbers, so code moving up or down keeps its finding known). ``check
--baseline FILE`` then reports, and fails on, only findings not in the file, and the summary
says how many known ones it skipped. Fixing a known finding simply drops it; rewrite the
baseline to forget it for good.

The file is JSON, sorted, one entry per finding, so it reviews well in a diff::

    {"tool": "imbalance-guard", "version": 1,
     "findings": [{"fingerprint": "…", "code": "IG301", "path": "train.py",
                   "message": "…"}]}
"""

from __future__ import annotations

import json
from pathlib import Path

from imbalance_guard import fingerprint
from imbalance_guard.report.printable import printable
from imbalance_guard.results import Report


class BaselineError(Exception):
    """The baseline file is missing, unreadable or not a baseline; the message says which."""


def to_document(report: Report) -> dict:
    entries = [
        {
            "fingerprint": fp,
            "code": finding.code,
            "path": printable(report.relative_path(finding.location.path)),
            "message": printable(finding.message),
        }
        for finding, fp in zip(report.findings, fingerprint.fingerprints(report), strict=True)
    ]
    entries.sort(key=lambda e: (e["path"], e["code"], e["fingerprint"]))
    return {"tool": "imbalance-guard", "version": fingerprint.VERSION, "findings": entries}


def write_baseline(report: Report, path: Path) -> int:
    """Write the report's findings to ``path``; return how many were recorded."""
    document = to_document(report)
    try:
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
    except OSError as exc:
        raise BaselineError(f"cannot write baseline {path}: {exc.strerror or exc}") from None
    return len(document["findings"])


def read_baseline(path: Path) -> set[str]:
    """The fingerprints recorded in ``path``."""
    from imbalance_guard.discover import read_regular_file

    try:
        text = read_regular_file(path).decode("utf-8")  # a FIFO must not block the run
    except FileNotFoundError:
        raise BaselineError(
            f"baseline file {path} does not exist; create it with --write-baseline {path}"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise BaselineError(f"cannot read baseline {path}: {reason}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"baseline {path} is not valid JSON ({exc.msg} at line {exc.lineno}); "
            "rewrite it with --write-baseline"
        ) from None
    except (RecursionError, ValueError):  # nested too deeply, a number of 4,300+ digits
        raise BaselineError(
            f"baseline {path} cannot be read (JSON nested too deeply or a number too large); "
            "rewrite it with --write-baseline"
        ) from None
    if not isinstance(document, dict) or document.get("tool") != "imbalance-guard":
        raise BaselineError(f"{path} is not an imbalance-guard baseline")
    if document.get("version") != fingerprint.VERSION:
        raise BaselineError(
            f"baseline {path} has version {document.get('version')!r}, this imbalance-guard "
            f"writes version {fingerprint.VERSION}; rewrite it with --write-baseline"
        )
    entries = document.get("findings")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries
    ):
        raise BaselineError(
            f"baseline {path}: 'findings' must be a list of objects with a 'fingerprint' string"
        )
    return {entry["fingerprint"] for entry in entries}


def apply_baseline(report: Report, known: set[str]) -> None:
    """Drop the findings whose fingerprint is known; count them in ``baseline_skipped``."""
    kept = []
    for finding, fp in zip(report.findings, fingerprint.fingerprints(report), strict=True):
        if fp in known:
            report.baseline_skipped += 1
        else:
            kept.append(finding)
    report.findings = kept
