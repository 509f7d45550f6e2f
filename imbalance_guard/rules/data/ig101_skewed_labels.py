"""IG101 skewed-labels.

## What it does
Reports a label column where a class has more than `max-imbalance-ratio` (default 10)
times fewer rows than the majority class. The message gives every class's count and
share, and a bar chart of the distribution is drawn under it.

## Why is this bad?
With a 97 % / 3 % split, a model that always predicts the majority scores 97 %
accuracy and never finds a single minority case. Unweighted training mostly learns
the majority; accuracy and ROC AUC hide it.

The default of 10 is where the usual metrics start to mislead: at 10:1 a constant
classifier already scores 91 % accuracy, and imbalanced-learn's own documentation
and most surveys of the field call ratios of this order "imbalanced". Set
`max-imbalance-ratio` in `[tool.imbalance-guard.data]` to a higher value for a
project whose data is known to be skewed and handled.

## Example
A `transactions.csv` with `is_fraud` = 0 in 1,960 rows and 1 in 40 rows (49:1),
trained with:
```python
model = LogisticRegression().fit(X_train, y_train)
print(accuracy_score(y_test, model.predict(X_test)))
```

## Use instead
Weights computed from the real counts (the suggestion prints the dict), a stratified
split and imbalance-aware metrics:
```python
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
model = LogisticRegression(class_weight={0: 0.5102, 1: 25.0}).fit(X_train, y_train)
print(f1_score(y_test, model.predict(X_test)), average_precision_score(y_test, scores))
```
Or oversample the training part only, inside an imbalanced-learn `Pipeline`.
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
    code="IG101",
    name="skewed-labels",
    summary="A class is far rarer than the majority class",
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
            "max-imbalance-ratio",
            thresholds.MAX_IMBALANCE_RATIO,
            "IG101: largest allowed majority count / class count.",
            types=(int, float),
            bounds=(1, 1e9),
        )
    ]


def verdict(profile: LabelProfile, config: Config) -> advice.Verdict | None:
    """IG101's judgement of one label column: a class too far below the majority."""
    from imbalance_guard.data import advice, verdicts

    ratio = verdicts.setting(config, "max-imbalance-ratio", thresholds.MAX_IMBALANCE_RATIO)
    return advice.skewed_labels(profile, ratio)


@hookimpl
def ig_check_dataset(dataset: DatasetProfile, config: Config) -> list[Finding]:
    from imbalance_guard.data import verdicts

    return verdicts.findings(RULE.code, verdict, dataset, config)
