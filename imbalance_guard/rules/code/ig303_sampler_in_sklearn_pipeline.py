"""IG303 sampler-in-sklearn-pipeline.

## What it does
Reports an imbalanced-learn sampler (`SMOTE`, `RandomUnderSampler`, `SMOTEENN` ...)
given as a step to scikit-learn's `sklearn.pipeline.Pipeline` or
`sklearn.pipeline.make_pipeline`, whether built in the same call or on an
earlier line or cell.

## Why is this bad?
A scikit-learn pipeline calls `fit_transform` on every step but the last, and
samplers have no `transform`: fitting fails with a `TypeError`. Working around
it by resampling outside the pipeline leaks (see IG301).
`imblearn.pipeline.Pipeline` has the same interface, calls `fit_resample` on
sampler steps during `fit` only, and skips them at predict time — so the
sampler runs on each training fold and never on test data.

## Example
```python
from sklearn.pipeline import Pipeline
pipe = Pipeline([("smote", SMOTE()), ("model", LogisticRegression())])
```

## Use instead
```python
from imblearn.pipeline import Pipeline
pipe = Pipeline([("smote", SMOTE()), ("model", LogisticRegression())])
```

## Fix safety
The fix imports `Pipeline` / `make_pipeline` from `imblearn.pipeline` instead of
`sklearn.pipeline` (other names of the same import stay with scikit-learn); the
name joins an existing `from imblearn.pipeline import ...`, or the new statement
goes where ruff's isort puts it, so ruff's F and I rules stay clean. It is
safe: imbalanced-learn's pipeline accepts the same steps and arguments and
behaves the same for every step that is not a sampler. It is offered when the
name was imported with `from sklearn.pipeline import ...`; with
`import sklearn.pipeline` the call has to be changed by hand.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from imbalance_guard import hookimpl
from imbalance_guard.code import library
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.findings import Applicability, Finding, Fix, FixAvailability, Rule
from imbalance_guard.rules.code import paste

if TYPE_CHECKING:  # the analysis is loaded by the first unit that asks for unit.flow
    from imbalance_guard.code.flow import Call

RULE = Rule(
    code="IG303",
    name="sampler-in-sklearn-pipeline",
    summary="An imbalanced-learn sampler is a step of a scikit-learn Pipeline",
    doc=__doc__ or "",
    fix=FixAvailability.SOMETIMES,
)

_MOVABLE = frozenset({"Pipeline", "make_pipeline"})


@hookimpl
def ig_rules() -> list[Rule]:
    return [RULE]


@hookimpl
def ig_check_code(unit: CodeUnit, config: Config) -> list[Finding]:
    if "ipeline" not in unit.source or not library.imports_ml(unit):
        return []  # nothing to resample from or into without scikit-learn and friends
    findings: list[Finding] = []
    for call in unit.flow.calls:
        if call.qualname is None or library.pipeline_kind(call.qualname) != "sklearn":
            continue
        samplers = _samplers(call)
        if not samplers:
            continue
        kind = call.qualname.rsplit(".", 1)[-1]
        func = unit.text(call.node.func)
        sampler = samplers[0]
        built = ""
        if sampler.line != call.node.lineno:
            built = f" (built at {unit.describe_line(sampler.line)})"
        message = (
            f"{sampler.name}{built} is a step of scikit-learn's `{func}` at "
            f"{unit.describe_line(call.node.lineno)}; it fails at fit because samplers have "
            "no transform"
        )
        suggestion = _suggestion(unit, call, kind)
        findings.append(
            Finding(
                RULE.code,
                message,
                unit.location(call.node),
                suggestion=suggestion,
                fix=_fix(unit, call),
            )
        )
    return findings


def _samplers(call: Call) -> list:
    found = []
    for value in (*call.args, *call.keywords.values()):
        found.extend(value.instances_of("sampler"))
    return sorted(set(found), key=lambda f: f.line)


def _fix(unit: CodeUnit, call: Call) -> Fix | None:
    func = call.node.func
    if not isinstance(func, ast.Name):
        return None
    stmt = unit.flow.import_nodes.get(func.id)
    if not isinstance(stmt, ast.ImportFrom) or stmt.module != "sklearn.pipeline" or stmt.level:
        return None
    moved = [a for a in stmt.names if a.name in _MOVABLE]
    from imbalance_guard.fix.imports import move_names  # only a finding's fix needs it

    edits = move_names(unit, stmt, moved, "imblearn.pipeline")
    if not edits:
        return None
    return Fix(tuple(edits), Applicability.SAFE, title="Import the pipeline from imblearn.pipeline")


def _suggestion(unit: CodeUnit, call: Call, kind: str) -> str:
    """The user's import (or, for ``skpipe.Pipeline(...)``, their statement) made to
    take the pipeline from imbalanced-learn, to paste over it."""
    advice = f"Use imbalanced-learn's {kind}, which resamples during fit only"
    func = call.node.func
    if isinstance(func, ast.Name):
        stmt = unit.flow.import_nodes.get(func.id)
        if not isinstance(stmt, ast.ImportFrom) or stmt.module != "sklearn.pipeline":
            return f"{advice}: import it with `from imblearn.pipeline import {kind}`"
        moved = [a for a in stmt.names if a.name in _MOVABLE]
        kept = [a for a in stmt.names if a.name not in _MOVABLE]
        lines = [f"from imblearn.pipeline import {_aliases(moved)}"]
        if kept:
            lines.append(f"from sklearn.pipeline import {_aliases(kept)}")
        where = paste.where(unit, stmt)
        return f"{advice} (replace {where}):\n{paste.block(lines)}"
    statement = paste.statement_of(unit, call.node)
    if not isinstance(func, ast.Attribute) or statement is None:
        return f"{advice}: import it with `from imblearn.pipeline import {kind}`"
    lines = ["import imblearn.pipeline"]
    lines += paste.rewrite(unit, statement, [(func, f"imblearn.pipeline.{func.attr}")])
    return f"{advice} (replace {paste.where(unit, statement)}):\n{paste.block(lines)}"


def _aliases(names: list[ast.alias]) -> str:
    return ", ".join(f"{a.name} as {a.asname}" if a.asname else a.name for a in names)
