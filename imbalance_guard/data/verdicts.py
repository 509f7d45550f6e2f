"""From a label profile and the configuration to findings: shared by the IG101-IG104 rules.

Each rule asks only for its own code; the chart of the class distribution goes with the
first enabled finding of a label column (in the order IG103, IG101, IG102, IG104), so a
column that breaks several rules is drawn once.
"""

from __future__ import annotations

from imbalance_guard.config import Config
from imbalance_guard.data import advice
from imbalance_guard.data.chart import chart
from imbalance_guard.data.profile import DatasetProfile, LabelProfile
from imbalance_guard.findings import Finding, Location

CHART_ORDER = ("IG103", "IG101", "IG102", "IG104")


def setting(config: Config, name: str, default: float) -> float:
    return config.settings.get("data", {}).get(name, default)


def verdict(code: str, profile: LabelProfile, config: Config) -> advice.Verdict | None:
    if code == "IG101":
        ratio = setting(config, "max-imbalance-ratio", advice.MAX_IMBALANCE_RATIO)
        return advice.skewed_labels(profile, ratio)
    if code == "IG102":
        return advice.rare_classes(
            profile, setting(config, "min-class-count", advice.MIN_CLASS_COUNT)
        )
    if code == "IG103":
        return advice.single_class(profile)
    if code == "IG104":
        share = setting(config, "max-missing-share", advice.MAX_MISSING_SHARE)
        return advice.missing_labels(profile, share)
    raise ValueError(code)


def findings(code: str, dataset: DatasetProfile, config: Config) -> list[Finding]:
    """The findings of rule ``code`` for every label column of ``dataset``."""
    out = []
    for profile in dataset.labels:
        found = verdict(code, profile, config)
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
    for other in CHART_ORDER:
        if other == code:
            return True
        if config.is_enabled(other) and verdict(other, profile, config) is not None:
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
