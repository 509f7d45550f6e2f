"""IG301 resample-before-split.

## What it does
Reports oversampled data — rows copied or synthesised by an imbalanced-learn over- or
combined sampler's `fit_resample` (or `fit_transform`, or `smote_variants`' `sample`), a
third-party resampler class, `sklearn.utils.resample` with replacement,
`DataFrame.sample(replace=True)`, or by hand (`pd.concat([df] + [minority] * k)`,
`np.repeat` of minority indices, minority rows appended in a loop) — that reaches
`train_test_split`, torch's `random_split`, a cross-validation splitter's `.split`
(`KFold`, `StratifiedKFold`, `ShuffleSplit` ...), `cross_val_score` / `cross_validate` /
`cross_val_predict` / `learning_curve`, the `.fit` of a `GridSearchCV` /
`RandomizedSearchCV`, or the validation chosen inside a fit call: Keras
`validation_split=` and `validation_data=`, LightGBM / XGBoost / CatBoost `eval_set=` —
through renames, rebuilt DataFrames, `pd.concat`, helper functions (local, or imported
from the project's own modules) and notebook cells.

A split whose parts never reach a fit, a prediction, a score or a metric evaluates
nothing and is not reported. Undersampling (rows only dropped) is IG203.

When the code names the dataset it trains on (`df = pd.read_csv("../data/loans.csv")`,
`y = df["bad_loan_flag"]`) and the file exists, the message quotes its smallest class and
whether SMOTE-family samplers' default `k_neighbors=5` fits it (6 rows needed).

## Why is this bad?
Oversampling creates rows from other rows: SMOTE interpolates between neighbours,
random oversampling copies them. Resample first and split afterwards, and copies
or near-copies of the same minority rows land on both sides of the split. The
model is then tested on rows it has effectively seen, and the scores (recall on
the minority class above all) are optimistic — often wildly so. Resampling before
cross-validation leaks the same way into every fold. Validation inside a fit is no
different: Keras takes `validation_split` from the end of the arrays, which after
SMOTE is its synthetic rows, so early stopping and the validation score see them.

## Example
```python
X_res, y_res = SMOTE().fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, test_size=0.2)
```

## Use instead
```python
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y)
X_train_res, y_train_res = SMOTE().fit_resample(X_train, y_train)
```
For cross-validation, put the sampler in an imbalanced-learn pipeline so it runs
on each training fold only:
```python
from imblearn.pipeline import Pipeline
pipe = Pipeline([("smote", SMOTE()), ("model", LogisticRegression())])
cross_val_score(pipe, X, y, cv=StratifiedKFold(5), scoring="f1")
```
For a fit that validates, split the validation data off first and pass it as
`validation_data=(X_val, y_val)`.

## Limits
Hand-written oversampling is recognised when the repeated rows are picked by a
condition (`df[df.y == 1]`, `np.where(y == 1)`) and repeated by `*`, a comprehension,
a loop or `np.repeat` / `np.tile`; rows repeated by other arithmetic on indices are
not followed. A class from a project module is taken for a resampler only when its
module or name says so (`sampl`, `smote`, `imblearn`, `*Sampler`).
"""

from __future__ import annotations

from imbalance_guard import hookimpl
from imbalance_guard.code import library
from imbalance_guard.code.linked_data import linked_counts
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.findings import Finding, Rule
from imbalance_guard.rules.code import resampling_help as help_

RULE = Rule(
    code="IG301",
    name="resample-before-split",
    summary="Resampled data reaches a train/test split or cross-validation",
    doc=__doc__ or "",
)


@hookimpl
def ig_rules() -> list[Rule]:
    return [RULE]


@hookimpl
def ig_check_code(unit: CodeUnit, config: Config) -> list[Finding]:
    if not library.might_leak(unit):
        return []  # no split, CV or search to reach: no finding, so no analysis
    flow = unit.flow
    findings: list[Finding] = []
    reported: set[int] = set()
    for sink in flow.sinks:
        # Undersampling copies no rows: that is IG203's business, not leakage.
        resampled = [fact for fact in sink.value.resampled if fact.copies]
        if not resampled or id(sink.node) in reported or not flow.outputs_used(sink):
            continue
        if sink.kind == "validation" and sink.value.is_test:
            continue  # a held-out part: its resampling or its split is reported there
        reported.add(id(sink.node))
        fact = resampled[0]
        where = unit.describe_line(fact.line)
        if fact.function:
            where += f" (in `{fact.function}()`)"
        name = unit.text(sink.expr)
        target = f"`{sink.target}` at {unit.describe_line(sink.target_line)}"
        if sink.origin:  # in another module of the project: its code loaded it already
            from imbalance_guard.code.project import shown_path as _shown

            target = f"`{sink.target}` at line {sink.target_line} of `{_shown(sink.origin)}`"
        if sink.via:
            target += f" (inside `{sink.via}()`, called at {unit.describe_line(sink.node.lineno)})"
        origin = flow.resampling_of(fact)
        if sink.kind == "validation":
            message = (
                f"`{name}` was resampled by {fact.sampler} at {where} and is the validation "
                f"data of {target}: early stopping and the validation score see the synthetic "
                "or copied rows"
            )
            suggestion = help_.validation_suggestion(unit, sink, origin)
        else:
            message = f"`{name}` was resampled by {fact.sampler} at {where} and reaches {target}"
            suggestion = help_.suggestion(unit, sink, origin)
        message += _linked_counts(unit, config, fact.sampler)
        findings.append(
            Finding(RULE.code, message, unit.location(sink.node), suggestion=suggestion)
        )
    return findings


#: Samplers that interpolate between a row and its ``k_neighbors`` nearest same-class rows.
_NEIGHBOUR_SAMPLERS = frozenset(
    {"SMOTE", "SMOTENC", "SMOTEN", "BorderlineSMOTE", "SVMSMOTE", "KMeansSMOTE", "ADASYN"}
)


def _linked_counts(unit: CodeUnit, config: Config, sampler: str) -> str:
    """The counts of the dataset the code trains on: ``; on data/loans.csv the smallest
    class (1) has 30 of 1,000 rows (3.0%), enough for SMOTE's default k_neighbors=5``."""
    counts = linked_counts(unit, config)
    if counts is None:
        return ""
    label, count = counts.minority
    text = (
        f"; on {counts.display} the smallest class of `{counts.column}` ({label}) has "
        f"{count:,} of {counts.rows:,} rows ({100 * count / counts.rows:.1f}%)"
    )
    if sampler in _NEIGHBOUR_SAMPLERS:
        fits = "enough" if count > 5 else "too few"
        text += f", {fits} for {sampler}'s default k_neighbors=5 (it needs 6)"
    return text
