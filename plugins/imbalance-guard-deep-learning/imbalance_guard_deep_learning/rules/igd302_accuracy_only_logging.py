"""IGD302 accuracy-only-logging.

## What it does
Flags a Lightning module that logs accuracy as its only validation or test metric —
`self.log("val_acc", ...)` or `self.log_dict({"val_loss": ..., "val_acc": ...})` — when no
metric that sees the minority class (F1, precision, recall, AUROC, average precision / PR-AUC,
balanced accuracy, MCC, Cohen's kappa, ...) is logged anywhere in the file.

A logged value is judged by the torchmetrics object that computes it, whatever its key:
`MulticlassAccuracy` (macro-averaged by default) or `Accuracy(..., average="macro")` is
balanced accuracy and not flagged; `BinaryAccuracy` or `Accuracy(task="multiclass")`
(micro-averaged) is accuracy even when logged as `"val_score"`.

Keys built at run time (`self.log(f"val_{name}", ...)`, `self.log_dict(self.metrics)`) may
hold anything, so a file that has them is not flagged — unless they are logged by a helper
nothing in the file calls. Files that load a balanced data set (MNIST, CIFAR-10, IMDB ...),
or import a project module that does (a `LightningDataModule` in `datamodule.py`), are not
flagged either, nor a file whose linked dataset (the file it reads and trains on, as IG201
links it) has balanced label counts: majority at most `balanced-ratio` times minority
(`[tool.imbalance-guard.code]`, default 1.5). The suggested `F1Score` takes
`task=`/`num_classes=` from the accuracy object or the model's output layer.

## Why is this bad?
What is logged is what gets looked at — in the progress bar, in TensorBoard, in the
checkpoint names. With 2 % positives a model that never predicts the positive class shows
98 % validation accuracy, and nothing on screen says it is useless.

## Example
```python
def validation_step(self, batch, batch_idx):
    x, y = batch
    preds = self(x).argmax(1)
    self.log("val_acc", (preds == y).float().mean(), prog_bar=True)
```

## Use instead
```python
def __init__(self):
    ...
    self.val_f1 = torchmetrics.F1Score(task="binary")
    self.val_auprc = torchmetrics.AveragePrecision(task="binary")

def validation_step(self, batch, batch_idx):
    x, y = batch
    probs = self(x).softmax(1)[:, 1]
    self.val_f1(probs, y)
    self.val_auprc(probs, y)
    self.log_dict({"val_f1": self.val_f1, "val_auprc": self.val_auprc}, prog_bar=True)
```
"""

from __future__ import annotations

import ast
import re

from imbalance_guard import hookimpl
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.findings import Finding, Rule
from imbalance_guard_deep_learning._lazy import lazy_module

# Loaded when a unit that mentions a framework is checked (see _lazy).
C = lazy_module("imbalance_guard_deep_learning._common")
O = lazy_module("imbalance_guard_deep_learning._objects")  # noqa: E741 (the import alias it was)
M = lazy_module("imbalance_guard_deep_learning._metrics")

RULE = Rule(
    code="IGD302",
    name="accuracy-only-logging",
    summary="A Lightning module logs accuracy as its only validation metric",
    doc=__doc__ or "",
)

IMBALANCE_AWARE = re.compile(
    r"f1|fbeta|f_beta|auroc|auc|auprc|average_precision|(^|[_/])ap($|[_/])|precision|recall"
    r"|sensitivity|specificity|balanced|mcc|matthews|kappa|iou|jaccard|dice|g_?mean",
    re.IGNORECASE,
)


@hookimpl
def ig_check_code(unit: CodeUnit, config: Config) -> list[Finding]:
    if "self.log" not in unit.source or not C.imports_package(unit, C.LIGHTNING):
        return []
    objects = O.objects(unit)
    dead = _dead_helpers(unit)
    keys: list[tuple[str, ast.expr, M.Metric | None]] = []
    for call in unit.flow.calls:
        for key, node, value in _logged(call.node):
            metric = M.judge(unit, objects, value, call.node) if value is not None else None
            if key is None:
                # A key made at run time may name any metric, unless what it logs is known
                # to be plain accuracy or it is logged by a helper nothing calls.
                if (metric is not None and metric.kind == "accuracy") or call.function in dead:
                    continue
                return []
            keys.append((key, node, metric))
    if any(
        IMBALANCE_AWARE.search(key) or (metric is not None and metric.kind == "aware")
        for key, _, metric in keys
    ):
        return []
    if C.balanced(unit, config) is not None:
        return []  # MNIST, CIFAR-10 ...: accuracy is a fair score on balanced classes
    return [
        Finding(
            RULE.code,
            f'`"{key}"` is logged{_computed_by(metric)}, but no metric that sees the minority '
            "class (F1, recall, PR-AUC, ...) is logged anywhere in this file; accuracy alone "
            "hides a model that never predicts the rare class",
            unit.location(node),
            suggestion=_suggestion(unit, key, metric),
        )
        for key, node, metric in keys
        if C.is_eval_key(key)
        and (C.is_accuracy_key(key) or (metric is not None and metric.kind == "accuracy"))
    ]


def _computed_by(metric: M.Metric | None) -> str:
    return f" (computed by `{metric.text}`)" if metric is not None else ""


def _suggestion(unit: CodeUnit, key: str, metric: M.Metric | None) -> str:
    prefix = C.metric_prefix(key) or "val_"
    attribute = ("test" if prefix.lower().startswith("test") else "val") + "_f1"
    task = (metric.task if metric is not None else None) or M.task_from_model(unit)
    inputs = metric.inputs if metric is not None and metric.inputs else "<preds>, <target>"
    return (
        f"also log a metric that sees the minority class: `self.{attribute} = "
        f"torchmetrics.F1Score({task})` in `__init__`, then "
        f'`self.log("{prefix}f1", self.{attribute}({inputs}))` (or PR-AUC with '
        "`torchmetrics.AveragePrecision`), and monitor that one"
    )


_HOOK = re.compile(r"^(?:on_.*|.*_step|.*_epoch_end|setup|teardown|forward|configure_.*|__\w+__)$")


def _dead_helpers(unit: CodeUnit) -> set[str]:
    """Functions defined in the file, called by nothing in it, that Lightning never calls."""
    defined = {
        node.name
        for node in ast.walk(unit.tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not _HOOK.match(node.name)
    }
    if not defined:
        return set()
    used = {
        node.id if isinstance(node, ast.Name) else node.attr
        for node in ast.walk(unit.tree)
        if isinstance(node, ast.Name | ast.Attribute)
    }
    return defined - used


def _logged(call: ast.Call) -> list[tuple[str | None, ast.expr, ast.expr | None]]:
    """(key or None when made at run time, key node, logged value) of a ``self.log*`` call."""
    func = call.func
    if not (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "self"
        and func.attr in ("log", "log_dict")
    ):
        return []
    if func.attr == "log":
        name = C.argument(call, "name", 0)
        if name is None:
            return [(None, call, None)]
        return [(C.string(name), name, C.argument(call, "value", 1))]
    metrics = C.argument(call, "dictionary", 0)
    if not isinstance(metrics, ast.Dict) or any(k is None for k in metrics.keys):
        return [(None, call, metrics)]
    return [
        (C.string(k), k, v)
        for k, v in zip(metrics.keys, metrics.values, strict=True)
        if k is not None
    ]


@hookimpl
def ig_rules() -> list[Rule]:
    return [RULE]
