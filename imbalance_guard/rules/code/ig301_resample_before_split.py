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
through renames, rebuilt DataFrames, `pd.concat`, helper functions and notebook cells.

A split whose parts never reach a fit, a prediction, a score or a metric evaluates
nothing and is not reported. Undersampling (rows only dropped) is IG203.

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

from typing import TYPE_CHECKING

from imbalance_guard import hookimpl
from imbalance_guard.code import library
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.findings import Finding, Rule

if TYPE_CHECKING:  # the analysis is loaded by the first unit that asks for unit.flow
    from imbalance_guard.code.flow import Resampling, Sink

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
    if not library.might_resample(unit.source):
        return []
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
        if sink.via:
            target += f" (inside `{sink.via}()`, called at {unit.describe_line(sink.node.lineno)})"
        origin = flow.resampling_of(fact)
        if sink.kind == "validation":
            message = (
                f"`{name}` was resampled by {fact.sampler} at {where} and is the validation "
                f"data of {target}: early stopping and the validation score see the synthetic "
                "or copied rows"
            )
            suggestion = _validation_suggestion(unit, origin)
        else:
            message = f"`{name}` was resampled by {fact.sampler} at {where} and reaches {target}"
            suggestion = _suggestion(unit, sink, origin)
        findings.append(
            Finding(RULE.code, message, unit.location(sink.node), suggestion=suggestion)
        )
    return findings


def _validation_suggestion(unit: CodeUnit, origin: Resampling | None) -> str:
    x, y, sampler = _names(unit, origin)
    if origin is None or origin.sampler_text == "resample" or sampler.startswith("."):
        sampler = "SMOTE()"
    y = y or "y"
    return (
        "Split the validation data off first, resample only the training part, and "
        "validate on the untouched rows:\n"
        f"    X_tr, X_val, y_tr, y_val = train_test_split({x}, {y}, stratify={y})\n"
        f"    X_tr_res, y_tr_res = {sampler}.fit_resample(X_tr, y_tr)\n"
        "    model.fit(X_tr_res, y_tr_res, validation_data=(X_val, y_val))"
    )


def _names(unit: CodeUnit, origin: Resampling | None) -> tuple[str, str, str]:
    """(X, y, sampler) as the user wrote them at the resampling, with fallbacks."""
    if origin is None or origin.fact.function is not None:
        return "X", "y", origin.sampler_text if origin else "SMOTE()"
    inputs = [unit.text(expr) for expr, _ in origin.inputs]
    x = inputs[0] if inputs else "X"
    y = inputs[1] if len(inputs) > 1 else ""
    return x, y, origin.sampler_text


def _suggestion(unit: CodeUnit, sink: Sink, origin: Resampling | None) -> str:
    x, y, sampler = _names(unit, origin)
    if sink.kind in ("split", "splitter") and origin is not None and y:
        if origin.sampler_text == "resample":
            sampler = "SMOTE()"
        return (
            "Split first, then resample only the training part:\n"
            f"    X_train, X_test, y_train, y_test = train_test_split({x}, {y}, stratify={y})\n"
            f"    X_train_res, y_train_res = {sampler}.fit_resample(X_train, y_train)"
        )
    if sink.kind in ("split", "splitter"):
        return (
            "Split first, then resample only the training part:\n"
            f"    train_df, test_df = train_test_split({x}, stratify=<label column>)\n"
            "    # upsample the minority rows of train_df only; leave test_df untouched"
        )
    model = unit.text(sink.estimator) if sink.estimator is not None else "model"
    step = sampler if origin is not None and origin.sampler_text != "resample" else ""
    if not step or step.startswith("."):
        step = "RandomOverSampler()"
    if not y:
        x, y = "X", "y"
    pipeline = (
        "Resample inside each training fold with an imbalanced-learn pipeline, and give it "
        "the data from before resampling:\n"
        "    from imblearn.pipeline import Pipeline\n"
        f'    pipe = Pipeline([("sampler", {step}), ("model", {model})])\n'
    )
    if sink.kind == "search":
        search = sink.target.removesuffix(".fit")
        return pipeline + (
            f"    # pass pipe to {search} (parameters become 'model__<name>'), then fit it "
            f"on {x}, {y}"
        )
    return pipeline + f"    {sink.target}(pipe, {x}, {y}, ...)"
