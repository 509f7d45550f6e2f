"""IG104 missing-labels.

## What it does
Reports a label column with missing values (empty, `NA`, `null`, `NaN`) in a share of
rows above `max-missing-share` (default 0: any missing label).

## Why is this bad?
scikit-learn's estimators and `train_test_split(..., stratify=y)` reject missing
labels, and pandas silently drops them from `value_counts()`, so the class counts a
notebook prints are not the counts the model sees. Filling them with the most
frequent class makes the skew worse; rows without a label are also often the cases
nobody reviewed — the minority class in disguise.

The default of 0 reports every missing label: a label is what the whole dataset is
for. Set `max-missing-share = 0.01` (a share, not a percentage) to tolerate a few.

## Example
A `claims.csv` with an empty `is_fraud` in 120 of 10,000 rows.

## Use instead
```python
df = df.dropna(subset=["is_fraud"])  # or label the rows
```
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from imbalance_guard import hookimpl
from imbalance_guard.config import Config, Setting
from imbalance_guard.data import thresholds
from imbalance_guard.findings import Finding, Rule

if TYPE_CHECKING:  # the verdict code is imported on the first dataset, not to declare the rule
    from imbalance_guard.data import advice
    from imbalance_guard.data.profile import DatasetProfile, LabelProfile

RULE = Rule(
    code="IG104",
    name="missing-labels",
    summary="A label column has missing values",
    doc=__doc__ or "",
    target="data",
)


@hookimpl
def ig_rules() -> list[Rule]:
    return [RULE]


@hookimpl
def ig_settings() -> list[Setting]:
    return [
        Setting(
            "data",
            "max-missing-share",
            thresholds.MAX_MISSING_SHARE,
            "IG104: largest allowed share (0 to 1) of rows without a label.",
            types=(int, float),
            bounds=(0, 1),
            check=lambda v: None if v < 1 else "must be a share from 0 up to (not incl.) 1",
        )
    ]


def verdict(profile: LabelProfile, config: Config) -> advice.Verdict | None:
    """IG104's judgement of one label column: too many rows without a label."""
    from imbalance_guard.data import advice, verdicts

    share = verdicts.setting(config, "max-missing-share", thresholds.MAX_MISSING_SHARE)
    return advice.missing_labels(profile, share)


@hookimpl
def ig_check_dataset(dataset: DatasetProfile, config: Config) -> list[Finding]:
    from imbalance_guard.data import verdicts

    return verdicts.findings(RULE.code, verdict, dataset, config)
