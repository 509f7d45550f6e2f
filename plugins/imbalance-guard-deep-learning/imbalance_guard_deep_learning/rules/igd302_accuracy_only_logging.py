"""IGD302 accuracy-only-logging.

## What it does
Flags a Lightning module that logs accuracy as its only validation or test metric —
`self.log("val_acc", ...)` or `self.log_dict({"val_loss": ..., "val_acc": ...})` — when no
metric that sees the minority class (F1, precision, recall, AUROC, average precision / PR-AUC,
balanced accuracy, MCC, Cohen's kappa, ...) is logged anywhere in the file.

Keys built at run time (`self.log(f"val_{name}", ...)`, `self.log_dict(self.metrics)`) may
hold anything, so a file that has them is not flagged.

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
from imbalance_guard_deep_learning import _common as C

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
    keys: list[tuple[str, ast.expr]] = []
    for call, _ in C.calls(unit):
        logged = _logged_keys(call)
        if logged is None:
            return []  # a key computed at run time could be any metric
        keys.extend(logged)
    if any(IMBALANCE_AWARE.search(key) for key, _ in keys):
        return []
    return [
        Finding(
            RULE.code,
            f'`"{key}"` is logged, but no metric that sees the minority class (F1, recall, '
            "PR-AUC, ...) is logged anywhere in this file; accuracy alone hides a model that "
            "never predicts the rare class",
            unit.location(node),
            suggestion=_suggestion(key),
        )
        for key, node in keys
        if C.is_eval_key(key) and C.is_accuracy_key(key)
    ]


def _suggestion(key: str) -> str:
    prefix = C.metric_prefix(key) or "val_"
    metric = ("test" if prefix.lower().startswith("test") else "val") + "_f1"
    return (
        f"also log a metric that sees the minority class: `self.{metric} = "
        'torchmetrics.F1Score(task="binary")` in `__init__`, then '
        f'`self.log("{prefix}f1", self.{metric}(preds, y))` (or PR-AUC with '
        "`torchmetrics.AveragePrecision`), and monitor that one"
    )


def _logged_keys(call: ast.Call) -> list[tuple[str, ast.expr]] | None:
    """Keys ``self.log``/``self.log_dict`` logs in ``call``; None when one is not a constant."""
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
        key = C.string(name)
        return [(key, name)] if key is not None and name is not None else None
    metrics = C.argument(call, "dictionary", 0)
    if not isinstance(metrics, ast.Dict) or any(k is None for k in metrics.keys):
        return None
    found = [(C.string(k), k) for k in metrics.keys if k is not None]
    if any(key is None for key, _ in found):
        return None
    return [(key, node) for key, node in found if key is not None]


@hookimpl
def ig_rules() -> list[Rule]:
    return [RULE]
