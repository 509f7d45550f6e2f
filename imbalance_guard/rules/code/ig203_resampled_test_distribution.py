"""IG203 resampled-test-distribution.

## What it does
Reports undersampled data — the output of an imbalanced-learn under-sampler
(`RandomUnderSampler`, `NearMiss`, `TomekLinks`, `EditedNearestNeighbours` ...), of
`sklearn.utils.resample(..., replace=False)`, or of one class's rows drawn down with
`.sample(n=...)` (`df[df.y == 0].sample(n=500)`, `majority.sample(n=len(minority))`) —
that reaches `train_test_split`, a cross-validation splitter's `.split`,
`cross_val_score` and friends, a `*SearchCV`'s `.fit`, or the validation of a fit
(`validation_split=`, `validation_data=`, `eval_set=`), when the split's parts are
used (they reach a fit, a prediction, a score or a metric).

Oversampling, the SMOTE family, draws with replacement and combined samplers
(`SMOTETomek`, `SMOTEENN`) copy or synthesise rows: that is leakage, IG301.

## Why is this bad?
Undersampling copies no rows, so nothing leaks between training and test data. But it
throws majority rows away before the split, so the test set (and every validation
fold) is as balanced as the training set. Its class distribution no longer reflects
the real prevalence, and neither do the scores measured on it: precision, F1 and
accuracy on a balanced test set say little about a model that will meet one positive
in a hundred.

## Example
```python
X_nm, y_nm = NearMiss().fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_nm, y_nm, stratify=y_nm)
```

## Use instead
```python
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
X_train_nm, y_train_nm = NearMiss().fit_resample(X_train, y_train)
```
For cross-validation, put the sampler in an imbalanced-learn pipeline, so each test
fold keeps the real class distribution.
"""

from __future__ import annotations

from imbalance_guard import hookimpl
from imbalance_guard.code import library
from imbalance_guard.code.project import imports_project
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.findings import Finding, Rule

RULE = Rule(
    code="IG203",
    name="resampled-test-distribution",
    summary="Undersampled data is split or cross-validated, so the test set is rebalanced too",
    doc=__doc__ or "",
)


@hookimpl
def ig_rules() -> list[Rule]:
    return [RULE]


@hookimpl
def ig_check_code(unit: CodeUnit, config: Config) -> list[Finding]:
    may_reach = library.might_resample(unit.source) and (
        library.imports_ml(unit) or "SearchCV" in unit.source
    )
    if not may_reach and not imports_project(unit):
        return []  # no split, CV or search to reach: no finding, so no analysis
    flow = unit.flow
    findings: list[Finding] = []
    reported: set[int] = set()
    for sink in flow.sinks:
        resampled = sink.value.resampled
        # Any copied or synthesised rows make it leakage (IG301), which says more.
        if not resampled or any(fact.copies for fact in resampled):
            continue
        if id(sink.node) in reported or not flow.outputs_used(sink):
            continue
        if sink.kind == "validation" and sink.value.is_test:
            continue  # a held-out part undersampled after its split: IG302
        reported.add(id(sink.node))
        fact = resampled[0]
        where = unit.describe_line(fact.line)
        if fact.function:
            where += f" (in `{fact.function}()`)"
        target = f"`{sink.target}` at {unit.describe_line(sink.target_line)}"
        if sink.via:
            target += f" (inside `{sink.via}()`, called at {unit.describe_line(sink.node.lineno)})"
        held_out = "validation data" if sink.kind == "validation" else "test set"
        message = (
            f"`{unit.text(sink.expr)}` was undersampled by {fact.sampler} at {where} before "
            f"{target}: the {held_out}'s class distribution no longer reflects the real "
            "prevalence, so its scores don't either"
        )
        findings.append(
            Finding(RULE.code, message, unit.location(sink.node), suggestion=_suggestion(sink.kind))
        )
    return findings


def _suggestion(kind: str) -> str:
    if kind in ("cv", "search"):
        return (
            "Undersample inside each training fold with an imbalanced-learn pipeline, and "
            "give it the data from before undersampling:\n"
            "    from imblearn.pipeline import Pipeline\n"
            '    pipe = Pipeline([("sampler", RandomUnderSampler()), ("model", model)])'
        )
    return (
        "Split first on the real data, then undersample only the training part:\n"
        "    X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)\n"
        "    X_train_res, y_train_res = RandomUnderSampler().fit_resample(X_train, y_train)"
    )
