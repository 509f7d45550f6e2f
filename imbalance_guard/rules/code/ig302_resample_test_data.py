"""IG302 resample-test-data.

## What it does
Reports resampling (`fit_resample`, `sklearn.utils.resample`,
`DataFrame.sample(replace=True)`) applied to data that comes from the test or
validation part of a split — `X_test` from `train_test_split`, the rows of a
fold's test indices, or anything built from them (`pd.concat([X_train, X_test])`
included), also through helper functions — and to data read from its own held-out
file (`pd.read_csv("test.csv")`; a file name with the word test, val, valid,
validation or holdout).

A bootstrap is not reported: random draws (`resample`, `.sample(replace=True)`) in a
loop or comprehension whose values reach only metrics, percentiles or plots — never a
fit, a sampler or a split — are rounds of a confidence interval.

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

import ast
from typing import TYPE_CHECKING

from imbalance_guard import hookimpl
from imbalance_guard.code import library
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.findings import Finding, Rule
from imbalance_guard.rules.code import paste

if TYPE_CHECKING:  # the analysis is loaded by the first unit that asks for unit.flow
    from imbalance_guard.code.flow import Flow, Resampling

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
    if not library.might_leak(unit, searches=False):
        return []  # nothing to resample from or into without scikit-learn and friends
    findings: list[Finding] = []
    reported: set[int] = set()
    flow = unit.flow
    for resampling in flow.resamplings:
        if id(resampling.node) in reported or resampling.fact.bootstrap:
            continue  # a bootstrap of test predictions (a confidence interval) is fine
        if _bootstrap_round(flow, resampling):
            continue
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
            if split.splitter.startswith("file "):
                origin = f"is {part} data loaded from {split.splitter.removeprefix('file ')}"
            else:
                origin = f"is the {part} part of the split by `{split.splitter}`"
            message = (
                f"`{name}` {origin} at {unit.describe_line(split.line)} and is resampled by "
                f"{by} at {unit.describe_line(resampling.node.lineno)}"
            )
            suggestion = _suggestion(unit, resampling, name, part)
            findings.append(
                Finding(RULE.code, message, unit.location(resampling.node), suggestion=suggestion)
            )
            break
    return findings


def _suggestion(unit: CodeUnit, resampling: Resampling, name: str, part: str) -> str:
    """The resampling statement with the resampled data as it was: pasted, the names the
    rest of the code uses hold the real {part} data (and nothing else changes)."""
    by = f"`{resampling.sampler_text}`" if not resampling.sampler_text.startswith(".") else ""
    advice = f"Evaluate on the {part} data as it is, and resample only the training part"
    advice += f" with {by}" if by else ""
    statement = paste.statement_of(unit, resampling.node)
    inputs = [expr for expr, _ in resampling.inputs]
    clean = (
        resampling.via is None
        and statement is not None
        and inputs
        and not any(_both_sides(value) for _, value in resampling.inputs)
        and all(_rereadable(expr) for expr in inputs)
    )
    if not clean:
        helper = f" (do not pass it to `{resampling.via}()`)" if resampling.via else ""
        return f"{advice}; leave `{name}` untouched{helper}"
    text = ", ".join(unit.text(expr, limit=10_000) for expr in inputs)
    if isinstance(statement, ast.Assign) and statement.value is resampling.node:
        targets = ", ".join(unit.text(t, limit=10_000) for t in statement.targets)
        if targets.strip("()[] ") == text:  # ``X_test, y_test = sm.fit_resample(X_test, y_test)``
            return f"{advice} (delete {paste.where(unit, statement)})"
    whole = isinstance(statement, ast.Assign | ast.AnnAssign | ast.Return) and (
        statement.value is resampling.node
    )
    if len(inputs) > 1 and not whole:
        text = f"({text})"
    lines = paste.rewrite(unit, statement, [(resampling.node, text)])
    return f"{advice} (replace {paste.where(unit, statement)}):\n{paste.block(lines)}"


def _bootstrap_round(flow: Flow, resampling: Resampling) -> bool:
    """A random draw (``resample``, ``.sample``) repeated in a loop whose values reach only
    metrics, percentiles or plots — never a fit, a sampler or a split — is one round of a
    bootstrap (a confidence interval), not a resampling of the test data."""
    return (
        resampling.in_loop
        and resampling.sampler_text in ("resample", ".sample")
        and not flow.reaches_training(resampling.fact)
    )


def _both_sides(value) -> bool:
    """Data holding the training and the test part of one split (``pd.concat``)."""
    tests = {id(part.node) for part in value.parts("test")}
    return any(id(part.node) in tests for part in value.parts("train"))


def _rereadable(node: ast.expr) -> bool:
    if isinstance(node, ast.Name | ast.Constant):
        return True
    if isinstance(node, ast.Attribute):
        return _rereadable(node.value)
    if isinstance(node, ast.Subscript):
        return _rereadable(node.value) and not any(
            isinstance(n, ast.Call | ast.NamedExpr) for n in ast.walk(node.slice)
        )
    return False
