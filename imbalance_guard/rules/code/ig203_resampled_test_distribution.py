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

from typing import TYPE_CHECKING

from imbalance_guard import hookimpl
from imbalance_guard.code import library
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.findings import Finding, Rule
from imbalance_guard.rules.code import resampling_help

if TYPE_CHECKING:  # the analysis is loaded by the first unit that asks for unit.flow
    from imbalance_guard.code.flow import Sink

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
    if not library.might_leak(unit):
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
            Finding(
                RULE.code, message, unit.location(sink.node), suggestion=_suggestion(unit, sink)
            )
        )
    return findings


def _suggestion(unit: CodeUnit, sink: Sink) -> str:
    """Code to paste where IG301's builders can make it from the user's statements (the
    same fix: split first, undersample only the training part), else words."""
    origin = unit.flow.resampling_of(sink.value.resampled[0])
    if origin is not None:
        pasted = resampling_help.paste_fix(unit, sink, origin, verb="undersample")
        if pasted:
            return pasted
    if sink.kind == "validation":
        return resampling_help.validation_words(unit, sink, origin, verb="undersample")
    before = resampling_help.before_text(unit, sink, origin)
    # A sampler object the user can reuse; not `.sample` or `resample` on one class's rows.
    sampler = origin.sampler_text if origin is not None else "."
    named = not sampler.startswith(".") and sampler != "resample"
    if sink.kind in ("split", "splitter"):
        what = "the split" if sink.kind == "split" else f"`{sink.target}`"
        by = f" with `{sampler}`" if named else ""
        return (
            f"Give {what} the data from before undersampling{before}, so that the test part "
            "keeps the real class distribution; if you still want undersampling, undersample "
            f"only the training part{by}"
        )
    model = f"`{unit.text(sink.estimator)}`" if sink.estimator is not None else "the model"
    step = f"`{sampler}`" if named else "a sampler such as `RandomUnderSampler()`"
    return (
        f"Give `{sink.target.removesuffix('.fit')}` the data from before undersampling"
        f"{before}, so that every test fold keeps the real class distribution; if you still "
        f"want undersampling, put {step} and {model} in an imbalanced-learn `Pipeline` "
        "(`from imblearn.pipeline import Pipeline`), which undersamples only the training folds"
    )
