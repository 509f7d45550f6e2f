"""IGD201 resampled-eval-loader.

## What it does
Flags oversampling applied to validation or test data at loading time: a
`WeightedRandomSampler` (or torchsampler's `ImbalancedDatasetSampler`) given as the
`sampler=` of a validation or test `DataLoader`, and imbalanced-learn's
`BalancedBatchGenerator` / `balanced_batch_generator` built on validation or test arrays.

A loader counts as validation or test when its dataset, the variable it is assigned to, or
the Lightning hook returning it (`val_dataloader`, `test_dataloader`, `predict_dataloader`)
says so — `val_ds`, `test_loader`, `X_valid` — or when the data-flow analysis knows the data
is the test part of a split.

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

from imbalance_guard import hookimpl
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.findings import Finding, Rule
from imbalance_guard_deep_learning import _common as C

RULE = Rule(
    code="IGD201",
    name="resampled-eval-loader",
    summary="A weighted or oversampling sampler feeds validation or test data",
    doc=__doc__ or "",
)

DATALOADERS = frozenset({"torch.utils.data.DataLoader", "torch.utils.data.dataloader.DataLoader"})
OVERSAMPLERS = frozenset(
    {
        "torch.utils.data.WeightedRandomSampler",
        "torch.utils.data.sampler.WeightedRandomSampler",
        "torchsampler.ImbalancedDatasetSampler",
        "torchsampler.imbalanced.ImbalancedDatasetSampler",
    }
)
BALANCED_GENERATORS = frozenset(
    {
        "imblearn.keras.BalancedBatchGenerator",
        "imblearn.keras.balanced_batch_generator",
        "imblearn.tensorflow.balanced_batch_generator",
    }
)
EVAL_HOOKS = frozenset({"val_dataloader", "test_dataloader", "predict_dataloader"})


@hookimpl
def ig_check_code(unit: CodeUnit, config: Config) -> list[Finding]:
    if "Sampler" not in unit.source and "alanced" not in unit.source:
        return []
    calls = list(C.calls(unit))
    names = {id(call): name for call, name in calls}
    samplers = _sampler_sources(unit, calls)
    context = _loader_context(unit)
    findings = []
    for call, name in calls:
        if name in DATALOADERS:
            sampler = C.argument(call, "sampler", 3)
            kind = _oversampler(sampler, names, samplers) if sampler is not None else None
            if kind is None:
                continue
            dataset = C.argument(call, "dataset", 0)
            why = _eval_reason(unit, dataset, context.get(id(call)))
            if why is None:
                continue
            findings.append(
                Finding(
                    RULE.code,
                    f"`{kind}` oversamples {why}: validation and test data must keep their real "
                    "class balance, each sample seen once",
                    unit.location(sampler),
                    suggestion=(
                        f"drop `sampler=` here and iterate the data in order "
                        f"(`DataLoader({C.text(unit, dataset) if dataset else 'dataset'}, "
                        "batch_size=..., shuffle=False)`); keep the weighted sampler on the "
                        "training loader only"
                    ),
                )
            )
        elif name in BALANCED_GENERATORS:
            data = C.argument(call, "x", 0) or C.argument(call, "X", 0)
            why = _eval_reason(unit, data, context.get(id(call)))
            if why is None:
                continue
            short = name.rsplit(".", 1)[-1]
            findings.append(
                Finding(
                    RULE.code,
                    f"`{short}` rebalances {why}: validation and test data must keep their real "
                    "class balance",
                    unit.location(call),
                    suggestion=(
                        f"build `{short}` on the training arrays only and pass the validation "
                        "data as it is (`validation_data=(X_val, y_val)`)"
                    ),
                )
            )
    return findings


def _sampler_sources(unit: CodeUnit, calls: list[tuple[ast.Call, str]]) -> dict[str, str]:
    """Names (and helper functions) whose value is an oversampling sampler -> its class.

    ``sampler = WeightedRandomSampler(...)`` binds ``sampler``;
    ``def make_sampler(...): return WeightedRandomSampler(...)`` makes ``make_sampler(...)``
    one too (also as a method, ``self._balanced(...)``).
    """
    oversampler_calls = {id(call): name for call, name in calls if name in OVERSAMPLERS}
    sources: dict[str, str] = {}
    if not oversampler_calls:
        return sources
    for node in ast.walk(unit.tree):
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            if (kind := oversampler_calls.get(id(node.value))) is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    sources[ast.unparse(target)] = kind
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                value = inner.value if isinstance(inner, ast.Return) else None
                if value is not None and (kind := oversampler_calls.get(id(value))):
                    sources[node.name + "()"] = kind
    return sources


def _oversampler(sampler: ast.expr, names: dict[int, str], sources: dict[str, str]) -> str | None:
    if isinstance(sampler, ast.Call):
        if (name := names.get(id(sampler), "")) in OVERSAMPLERS:
            return name.rsplit(".", 1)[-1]
        func = sampler.func
        helper = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        kind = sources.get(helper + "()")
    else:
        kind = sources.get(ast.unparse(sampler))
    return kind.rsplit(".", 1)[-1] if kind else None


def _loader_context(unit: CodeUnit) -> dict[int, str]:
    """id(call) -> the name a loader is assigned to, or the Lightning hook returning it."""
    context: dict[int, str] = {}
    for node in ast.walk(unit.tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            context[id(node.value)] = ast.unparse(node.targets[0])
        elif isinstance(node, ast.FunctionDef) and node.name in EVAL_HOOKS:
            for inner in ast.walk(node):
                if isinstance(inner, ast.Return) and isinstance(inner.value, ast.Call):
                    context[id(inner.value)] = f"{node.name}()"
    return context


def _eval_reason(unit: CodeUnit, data: ast.expr | None, target: str | None) -> str | None:
    """Why this loader is a validation or test one, in words; None when it is not."""
    if data is not None:
        shown = C.text(unit, data)
        if C.looks_like_eval(shown):
            return f"the evaluation data `{shown}`"
    if target is not None:
        if target.endswith("()"):
            return f"the data `{target}` returns"
        if C.looks_like_eval(target):
            return f"the data of `{target}`"
    return None


@hookimpl
def ig_rules() -> list[Rule]:
    return [RULE]
