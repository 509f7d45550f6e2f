"""The dataset a unit trains on, when its code names one, and whether it is balanced.

IG201, IG301 and the deep-learning plugin's rules sharpen their verdicts with the label
counts of that file. They ask here, so that they agree on which file is linked and on
what balanced means (the ``balanced-ratio`` setting), and no rule imports another's
module for it. Counting happens in ``data/linked.py``, imported only when the code links
a dataset: a file that links none pays nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from imbalance_guard.config import Config, Setting

if TYPE_CHECKING:
    from imbalance_guard.code.unit import CodeUnit
    from imbalance_guard.data.linked import LinkedCounts

#: Default of ``[tool.imbalance-guard.code] balanced-ratio``.
BALANCED_RATIO = 1.5
BALANCED_RATIO_SETTING = Setting(
    "code",
    "balanced-ratio",
    BALANCED_RATIO,
    "IG201: a dataset the code loads whose majority class is at most this many times "
    "its minority class is balanced, and accuracy on it is not reported (nor, with the "
    "deep-learning plugin, an unweighted loss or fit, or accuracy monitored or logged).",
    types=(int, float),
    bounds=(1, 1000),
)


def balanced_ratio(config: Config) -> float:
    return float(config.settings.get("code", {}).get("balanced-ratio", BALANCED_RATIO))


def linked_counts(unit: CodeUnit, config: Config) -> LinkedCounts | None:
    """The label counts of the one dataset the unit trains on, when the code names it."""
    if not unit.flow.label_links:
        return None
    from imbalance_guard.data.linked import counts_for

    return counts_for(unit, config.root)


def is_balanced(counts: LinkedCounts | None, config: Config) -> bool:
    """Whether the linked data's majority class is at most ``balanced-ratio`` times its
    minority class (False when no dataset is linked: nothing is known)."""
    return counts is not None and counts.ratio() <= balanced_ratio(config)
