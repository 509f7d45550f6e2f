"""IG102 rare-class.

## What it does
Reports classes with fewer rows than `min-class-count` (default 6).

## Why is this bad?
A class this small breaks the standard tools before any model is trained:

- SMOTE (and ADASYN, BorderlineSMOTE) interpolates between a row and its
  `k_neighbors=5` nearest neighbours of the same class, so it needs at least 6 rows
  of each class it oversamples; with fewer it raises `ValueError: Expected
  n_neighbors <= n_samples_fit`.
- `StratifiedKFold(n_splits=5)`, the default of `cross_val_score` for classifiers,
  needs 5 rows of every class, one per fold; with fewer scikit-learn warns and some
  folds test a class they never trained on.
- Any metric on that class rests on a handful of rows: one prediction moves its
  recall by 20 % or more.

The default of 6 is the smallest count for which both SMOTE's defaults and 5-fold
stratified cross-validation work.

## Example
A `labels.csv` whose `diagnosis` column has 900 `benign`, 95 `malignant` and 3
`rare_subtype` rows, followed by:
```python
X_res, y_res = SMOTE().fit_resample(X_train, y_train)
```

## Use instead
Collect more rows of the rare class, merge it into a related one, or use an
oversampler that does not need neighbours:
```python
X_res, y_res = RandomOverSampler(random_state=0).fit_resample(X_train, y_train)
cv = StratifiedKFold(n_splits=3)  # at most the size of the smallest class
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
    code="IG102",
    name="rare-class",
    summary="A class has too few rows for SMOTE or stratified cross-validation",
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
            "min-class-count",
            thresholds.MIN_CLASS_COUNT,
            "IG102: fewest rows a class may have (SMOTE's k_neighbors=5 needs 6).",
            types=(int,),
            bounds=(1, 1_000_000_000),
        )
    ]


def verdict(profile: LabelProfile, config: Config) -> advice.Verdict | None:
    """IG102's judgement of one label column: a class with too few rows."""
    from imbalance_guard.data import advice, verdicts

    return advice.rare_classes(
        profile, verdicts.setting(config, "min-class-count", thresholds.MIN_CLASS_COUNT)
    )


@hookimpl
def ig_check_dataset(dataset: DatasetProfile, config: Config) -> list[Finding]:
    from imbalance_guard.data import verdicts

    return verdicts.findings(RULE.code, verdict, dataset, config)
