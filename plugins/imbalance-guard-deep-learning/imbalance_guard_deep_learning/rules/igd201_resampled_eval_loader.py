"""IGD201 resampled-eval-loader.

## What it does
Flags oversampling applied to validation or test data at loading time: a
`WeightedRandomSampler` (or torchsampler's `ImbalancedDatasetSampler`) given as the
`sampler=` of a validation or test `DataLoader`, and imbalanced-learn's
`BalancedBatchGenerator` / `balanced_batch_generator` built on validation or test arrays.

A loader counts as validation or test when its dataset, the variable it is assigned to, or
the Lightning hook returning it (`val_dataloader`, `test_dataloader`, `predict_dataloader`)
says so — `val_ds`, `test_loader`, `X_valid` — or when the data-flow analysis knows the data
is the test part of a split. A sampler kept on `self` (built in Lightning's `setup()`, or by a
helper method) is followed into the method that uses it.

## Why is this bad?
Validation and test data must look like the data the model will meet: imbalanced. A
weighted sampler draws the minority class as often as the majority one, with replacement,
so every score computed on that loader — accuracy, precision, F1, the loss that early
stopping and checkpointing watch — describes a balanced world that does not exist, and some
samples are seen twice while others never are.

## Example
```python
val_loader = DataLoader(val_ds, batch_size=64, sampler=WeightedRandomSampler(w, len(w)))
```

## Use instead
```python
train_loader = DataLoader(train_ds, batch_size=64, sampler=WeightedRandomSampler(w, len(w)))
val_loader = DataLoader(val_ds, batch_size=64, shuffle=False)
```
Balance only the training batches; evaluate every validation and test sample exactly once,
and report metrics that respect the imbalance (PR-AUC, F1, recall per class).
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from imbalance_guard import hookimpl
from imbalance_guard.code import library
from imbalance_guard.code.imports import matches
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.findings import Finding, Rule
from imbalance_guard_deep_learning._lazy import lazy_module

# Loaded when a unit that mentions a framework is checked (see _lazy).
C = lazy_module("imbalance_guard_deep_learning._common")
O = lazy_module("imbalance_guard_deep_learning._objects")  # noqa: E741 (the import alias it was)

if TYPE_CHECKING:  # the analysis is loaded by the first unit that asks for unit.flow
    from imbalance_guard.code.flow import Call, Flow

RULE = Rule(
    code="IGD201",
    name="resampled-eval-loader",
    summary="A weighted or oversampling sampler feeds validation or test data",
    doc=__doc__ or "",
)

DATALOADERS = ("torch.utils.data.DataLoader",)
BALANCED_GENERATORS = (
    "imblearn.keras.BalancedBatchGenerator",
    "imblearn.keras.balanced_batch_generator",
    "imblearn.tensorflow.balanced_batch_generator",
)
EVAL_HOOKS = frozenset({"val_dataloader", "test_dataloader", "predict_dataloader"})
#: The role the shared analysis gives instances of oversampling loader samplers.
LOADER_SAMPLER = "loader-sampler"


@hookimpl
def ig_check_code(unit: CodeUnit, config: Config) -> list[Finding]:
    if "Sampler" not in unit.source and "alanced" not in unit.source:
        return []
    flow = unit.flow
    targets: dict[int, str] | None = None
    findings = []
    for call in flow.calls:
        loader = _is(call.qualname, DATALOADERS)
        if not loader and not _is(call.qualname, BALANCED_GENERATORS):
            continue
        if loader:
            sampler = call.argument("sampler", 3)
            kinds = [i.name for i in flow.value_of(sampler).instances_of(LOADER_SAMPLER)]
            if sampler is not None and not kinds:
                kinds = _stored_samplers(unit, sampler, call.node)
            if not kinds:
                continue
            data = call.argument("dataset", 0)
        else:
            data = call.argument("x", 0) or call.argument("X", 0)
        if targets is None:
            targets = _assigned_names(unit)
        why = _eval_reason(unit, flow, data, targets.get(id(call.node)), call.function)
        if why is None:
            continue
        if loader:
            assert sampler is not None
            findings.append(_loader_finding(unit, call.node, sampler, kinds[0], data, why))
        else:
            findings.append(_generator_finding(unit, call, why))
    return findings


def _stored_samplers(unit: CodeUnit, sampler: ast.expr, at: ast.Call) -> list[str]:
    """Oversampling samplers kept on ``self`` or made by a helper in another method.

    Lightning's ``setup`` stores ``self.val_sampler``; ``val_dataloader`` uses it.
    """
    found = []
    for origin in O.objects(unit).origins(sampler, at):
        qualified = C.qualified(unit, origin.func)
        if qualified and library.role_of_class(qualified) == LOADER_SAMPLER:
            found.append(qualified.rsplit(".", 1)[-1])
    return found


def _is(qualname: str | None, names: tuple[str, ...]) -> bool:
    return any(matches(qualname, name) for name in names)


def _loader_finding(
    unit: CodeUnit, node: ast.Call, sampler: ast.expr, kind: str, data: ast.expr | None, why: str
) -> Finding:
    dataset = C.text(unit, data) if data is not None else "dataset"
    return Finding(
        RULE.code,
        f"`{kind}` oversamples {why}: validation and test data must keep their real class "
        "balance, each sample seen once",
        unit.location(sampler),
        suggestion=(
            f"drop `sampler=` here and iterate the data in order (`DataLoader({dataset}, "
            "batch_size=..., shuffle=False)`); keep the weighted sampler on the training "
            "loader only"
        ),
    )


def _generator_finding(unit: CodeUnit, call: Call, why: str) -> Finding:
    short = (call.qualname or "").rsplit(".", 1)[-1]
    return Finding(
        RULE.code,
        f"`{short}` rebalances {why}: validation and test data must keep their real class balance",
        unit.location(call.node),
        suggestion=(
            f"build `{short}` on the training arrays only and pass the validation data as it "
            "is (`validation_data=(X_val, y_val)`)"
        ),
    )


def _assigned_names(unit: CodeUnit) -> dict[int, str]:
    """id(call) -> the name it is assigned to (``val_loader = DataLoader(...)``)."""
    return {
        id(node.value): ast.unparse(node.targets[0])
        for node in ast.walk(unit.tree)
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
    }


def _eval_reason(
    unit: CodeUnit, flow: Flow, data: ast.expr | None, target: str | None, function: str | None
) -> str | None:
    """Why this loader is a validation or test one, in words; None when it is not."""
    if data is not None:
        shown = C.text(unit, data)
        parts = flow.value_of(data).parts("test")
        if parts:
            at = C.where(unit, parts[0].node)
            return f"`{shown}`, the test part of `{parts[0].splitter}` at {at}"
        if C.looks_like_eval(shown):
            return f"the evaluation data `{shown}`"
    if function in EVAL_HOOKS:
        return f"the data `{function}()` returns"
    if target is not None and C.looks_like_eval(target):
        return f"the data of `{target}`"
    return None


@hookimpl
def ig_rules() -> list[Rule]:
    return [RULE]
