"""From a rule's verdicts on the label columns to findings: shared by the IG101-IG104 rules.

Each rule's module owns its judgement of a label column (its ``verdict`` function); this
module turns verdicts into findings. The chart of the class distribution goes with the
first enabled finding of a label column (in the order IG103, IG101, IG102, IG104), so a
column that breaks several rules is drawn once.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from imbalance_guard.config import Config
from imbalance_guard.data import advice
from imbalance_guard.data.chart import chart
from imbalance_guard.data.profile import DatasetProfile, LabelProfile
from imbalance_guard.findings import Finding, Location

#: The rules that may draw the chart, in order, with the module that owns each verdict.
CHART_ORDER = (
    ("IG103", "imbalance_guard.rules.data.ig103_single_class"),
    ("IG101", "imbalance_guard.rules.data.ig101_skewed_labels"),
    ("IG102", "imbalance_guard.rules.data.ig102_rare_class"),
    ("IG104", "imbalance_guard.rules.data.ig104_missing_labels"),
)

Verdict = Callable[[LabelProfile, Config], "advice.Verdict | None"]


def setting(config: Config, name: str, default: float) -> float:
    return config.settings.get("data", {}).get(name, default)


def findings(code: str, verdict: Verdict, dataset: DatasetProfile, config: Config) -> list[Finding]:
    """The findings of rule ``code``, whose judgement is ``verdict``, for every label
    column of ``dataset``."""
    out = []
    for profile in dataset.labels:
        found = verdict(profile, config)
        if found is None:
            continue
        data = {**found.data, "profile": profile_dict(dataset, profile)}
        if _draws_chart(code, profile, config):
            data["chart"] = chart(profile)
        out.append(
            Finding(
                code,
                found.message,
                Location(dataset.path, column_name=profile.column),
                suggestion=found.suggestion,
                data=data,
            )
        )
    return out


def _draws_chart(code: str, profile: LabelProfile, config: Config) -> bool:
    for other, module in CHART_ORDER:
        if other == code:
            return True
        if config.is_enabled(other):
            # The other rule's own judgement, asked of its module (already imported: it
            # is a registered plugin, or its code would not be enabled).
            other_verdict = importlib.import_module(module).verdict
            if other_verdict(profile, config) is not None:
                return False
    return False


def profile_dict(dataset: DatasetProfile, profile: LabelProfile) -> dict:
    """The whole profile for JSON output: rows, counts and shares per class, missing."""
    rows = profile.rows
    return {
        **profile.to_dict(),
        "format": dataset.format,
        "classes": profile.n_classes,
        "shares": {k: c / rows for k, c in profile.counts.items()} if rows else {},
        "imbalance_ratio": advice.imbalance_ratio(profile.counts),
    }
