"""IG105 label-not-found.

## What it does
Reports a dataset that does not have a label column the configuration (`label` in
`[tool.imbalance-guard.data]`) or `--label` names for it, and lists the columns it has.

## Why is this bad?
The dataset checks cannot run, and a passing run would say nothing about the file. It
usually means a renamed column, a typo or a wrong case (`Target` vs `target`), or a
configured label applied to files that do not have it.

## Example
```toml
[tool.imbalance-guard.data]
label = "target"   # but data/customers.csv calls it "churn"
```

## Use instead
Name the right column, or map file globs to their label columns:
```toml
[tool.imbalance-guard.data.label]
"data/customers*.csv" = "churn"
"data/transactions.parquet" = ["is_fraud", "chargeback"]
```
Files that match no glob fall back to detecting the label by its name.

A dataset with no label configured and no column recognised by name (`label`, `target`,
`class`, `is_fraud`, `churn`, ...) is not IG105: nothing was asked of it that it lacks. It is
not checked, and the run says so in every output format — a warning on standard error
listing its columns, a line in the summary, a SARIF notification, a GitHub `::warning`, a
skipped JUnit case — without changing the exit status.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from imbalance_guard import hookimpl
from imbalance_guard.config import Config
from imbalance_guard.findings import Finding, Location, Rule

if TYPE_CHECKING:  # the verdict code is imported on the first dataset, not to declare the rule
    from imbalance_guard.data.profile import DatasetProfile

RULE = Rule(
    code="IG105",
    name="label-not-found",
    summary="A configured label column is not in the dataset",
    doc=__doc__ or "",
    target="data",
)


@hookimpl
def ig_rules() -> list[Rule]:
    return [RULE]


@hookimpl
def ig_check_dataset(dataset: DatasetProfile, config: Config) -> list[Finding]:
    from imbalance_guard.data import advice

    out = []
    for column in dataset.missing_label_columns:
        verdict = advice.label_not_found(column, dataset.columns)
        out.append(
            Finding(
                RULE.code,
                verdict.message,
                Location(dataset.path, column_name=column),
                suggestion=verdict.suggestion,
                data=verdict.data,
            )
        )
    return out
