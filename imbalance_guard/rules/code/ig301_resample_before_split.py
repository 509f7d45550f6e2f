"""IG301 resample-before-split.

## What it does
Reports resampled data (the output of an imbalanced-learn sampler's `fit_resample`,
of `sklearn.utils.resample`, or of `DataFrame.sample(replace=True)`) that reaches
`train_test_split`, a cross-validation splitter's `.split` (`KFold`,
`StratifiedKFold`, `ShuffleSplit` ...), `cross_val_score` / `cross_validate` /
`cross_val_predict` / `learning_curve`, or the `.fit` of a `GridSearchCV` /
`RandomizedSearchCV` — through renames, rebuilt DataFrames, `pd.concat`, helper
functions (local, or imported from the project's own modules) and notebook cells.

## Why is this bad?
Oversampling creates rows from other rows: SMOTE interpolates between neighbours,
random oversampling copies them. Resample first and split afterwards, and copies
or near-copies of the same minority rows land on both sides of the split. The
model is then tested on rows it has effectively seen, and the scores (recall on
the minority class above all) are optimistic — often wildly so. Resampling before
cross-validation leaks the same way into every fold. Undersampling before the
split makes the test set as balanced as the training set, so it no longer shows
how the model does on the real class distribution.

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
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from imbalance_guard import hookimpl
from imbalance_guard.code import library
from imbalance_guard.code.project import imports_project
from imbalance_guard.code.project import shown_path as _shown
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
    if not _may_leak(unit) and not imports_project(unit):
        return []  # no split, CV or search to reach: no finding, so no analysis
    flow = unit.flow
    findings: list[Finding] = []
    reported: set[int] = set()
    for sink in flow.sinks:
        resampled = sink.value.resampled
        if not resampled or id(sink.node) in reported:
            continue
        reported.add(id(sink.node))
        fact = resampled[0]
        where = unit.describe_line(fact.line)
        if fact.function:
            where += f" (in `{fact.function}()`)"
        name = unit.text(sink.expr)
        target = f"`{sink.target}` at {unit.describe_line(sink.target_line)}"
        if sink.origin:
            target = f"`{sink.target}` at line {sink.target_line} of `{_shown(sink.origin)}`"
        if sink.via:
            target += f" (inside `{sink.via}()`, called at {unit.describe_line(sink.node.lineno)})"
        message = f"`{name}` was resampled by {fact.sampler} at {where} and reaches {target}"
        origin = flow.resampling_of(fact)
        findings.append(
            Finding(
                RULE.code,
                message,
                unit.location(sink.node),
                suggestion=_suggestion(unit, sink, origin),
            )
        )
    return findings


def _may_leak(unit: CodeUnit) -> bool:
    if "sample" not in unit.source:
        return False
    return library.imports_ml(unit) or "SearchCV" in unit.source


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
