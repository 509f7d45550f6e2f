"""IG103 single-class.

## What it does
Reports a label column in which every labelled row has the same class.

## Why is this bad?
No classifier can learn from one class: scikit-learn's classifiers raise
`ValueError: This solver needs samples of at least 2 classes`, and metrics such as
ROC AUC are undefined. A single-class file is usually the result of a filter, a join
or a sampling step upstream, or of a split that was not stratified.

## Example
A `train.parquet` whose `churn` column is `no` in all 5,000 rows.

## Use instead
Fix the step that produced the file, or split with `stratify=y` so every part keeps
every class:
```python
train, test = train_test_split(df, stratify=df["churn"], random_state=0)
```
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from imbalance_guard import hookimpl
from imbalance_guard.config import Config
from imbalance_guard.findings import Finding, Rule

if TYPE_CHECKING:  # the verdict code is imported on the first dataset, not to declare the rule
    from imbalance_guard.data import advice
    from imbalance_guard.data.profile import DatasetProfile, LabelProfile

RULE = Rule(
    code="IG103",
    name="single-class",
    summary="A label column has only one class",
    doc=__doc__ or "",
    target="data",
)


@hookimpl
def ig_rules() -> list[Rule]:
    return [RULE]


def verdict(profile: LabelProfile, config: Config) -> advice.Verdict | None:
    """IG103's judgement of one label column: only one class."""
    from imbalance_guard.data import advice

    return advice.single_class(profile)


@hookimpl
def ig_check_dataset(dataset: DatasetProfile, config: Config) -> list[Finding]:
    from imbalance_guard.data import verdicts

    return verdicts.findings(RULE.code, verdict, dataset, config)
