"""The pandera checks' verdicts, taken from the dataset rules' own judgement.

No threshold, message or suggestion is written here: ``class_balance`` is IG101
(skewed labels), IG102 (rare classes) and IG103 (single class) of
:mod:`imbalance_guard.data.advice` asked of one profile, ``no_missing_labels`` is
IG104. This module only joins their verdicts into one failure text.
"""

from __future__ import annotations

from imbalance_guard.data import advice
from imbalance_guard.data.profile import LabelProfile


def joined(verdicts: list[advice.Verdict | None]) -> tuple[str, str] | None:
    """(problem, suggestion) of the verdicts given, on one line each; None if none."""
    found = [v for v in verdicts if v is not None]
    if not found:
        return None
    suggestions: list[str] = []
    for verdict in found:  # IG101 and IG102 share their remedies; say them once
        if verdict.suggestion and verdict.suggestion not in suggestions:
            suggestions.append(verdict.suggestion)
    # One line each: pandera's error summaries (lazy=True, pyspark) delete newlines.
    lines = [line for text in suggestions for line in text.splitlines() if line.strip()]
    return " | ".join(v.message for v in found), "; ".join(lines)


def judge_balance(
    profile: LabelProfile, max_ratio: float, min_count: int
) -> tuple[str, str] | None:
    """(problem, suggestion) when the classes are skewed, rare or single; else None."""
    return joined(
        [
            advice.single_class(profile),
            advice.skewed_labels(profile, float(max_ratio)),
            advice.rare_classes(profile, int(min_count)),
        ]
    )


def judge_missing(profile: LabelProfile) -> tuple[str, str] | None:
    """(problem, suggestion) when any label is missing; else None."""
    return joined([advice.missing_labels(profile)])
