"""IG302 resample-test-data.

## What it does
Reports resampling (`fit_resample`, `sklearn.utils.resample`,
`DataFrame.sample(replace=True)`) applied to data that comes from the test or
validation part of a split — `X_test` from `train_test_split`, the rows of a
fold's test indices, or anything built from them (`pd.concat([X_train, X_test])`
included), also through helper functions.

## Why is this bad?
The test set stands for the data the model will meet in use, with its real
class distribution. Oversampling it fills it with synthetic or duplicated
minority rows, and undersampling drops real rows: either way the scores no
longer say how the model performs on real data, and duplicated rows make the
minority class look easier than it is.

## Example
```python
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
X_test_res, y_test_res = SMOTE().fit_resample(X_test, y_test)
print(f1_score(y_test_res, model.predict(X_test_res)))
```

## Use instead
```python
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
X_train_res, y_train_res = SMOTE().fit_resample(X_train, y_train)
model.fit(X_train_res, y_train_res)
print(f1_score(y_test, model.predict(X_test)))
```
"""

from __future__ import annotations

from imbalance_guard import hookimpl
from imbalance_guard.code import library
from imbalance_guard.code.project import imports_project
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.findings import Finding, Rule

RULE = Rule(
    code="IG302",
    name="resample-test-data",
    summary="Resampling is applied to the test or validation part of a split",
    doc=__doc__ or "",
)


@hookimpl
def ig_rules() -> list[Rule]:
    return [RULE]


@hookimpl
def ig_check_code(unit: CodeUnit, config: Config) -> list[Finding]:
    if ("sample" not in unit.source or not library.imports_ml(unit)) and not imports_project(unit):
        return []  # nothing to resample from or into without scikit-learn and friends
    findings: list[Finding] = []
    reported: set[int] = set()
    for resampling in unit.flow.resamplings:
        if id(resampling.node) in reported or resampling.fact.bootstrap:
            continue  # a bootstrap of test predictions (a confidence interval) is fine
        for expr, value in resampling.inputs:
            tests = value.parts("test")
            if not tests:
                continue
            reported.add(id(resampling.node))
            split = tests[0]
            name = unit.text(expr)
            part = "validation" if "val" in name.lower() else "test"
            by = resampling.sampler
            if resampling.via:
                by += f" (inside `{resampling.via}()`)"
            message = (
                f"`{name}` is the {part} part of the split by `{split.splitter}` at "
                f"{unit.describe_line(split.line)} and is resampled by {by} at "
                f"{unit.describe_line(resampling.node.lineno)}"
            )
            train = _train_name(name)
            suggestion = (
                f"Resample only the training part and evaluate on the untouched {part} data:\n"
                f"    X_train_res, y_train_res = {_sampler(resampling.sampler_text)}"
                f".fit_resample({train}, y_train)\n"
                f"    model.fit(X_train_res, y_train_res)\n"
                f"    model.predict({name})  # the {part} data as it is"
            )
            findings.append(
                Finding(RULE.code, message, unit.location(resampling.node), suggestion=suggestion)
            )
            break
    return findings


def _sampler(text: str) -> str:
    return "SMOTE()" if text == "resample" or text.startswith(".") else text


def _train_name(name: str) -> str:
    for word, train in (("test", "train"), ("Test", "Train"), ("TEST", "TRAIN")):
        if word in name:
            return name.replace(word, train, 1)
    return "X_train"
