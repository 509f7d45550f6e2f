"""A logged value judged by the object that computes it, not by the key it is logged under.

``self.log("val_acc", self.val_acc)`` where ``self.val_acc = MulticlassAccuracy(10)`` logs
macro-averaged accuracy, which is balanced accuracy: every class counts the same. A plain
``Accuracy(task="binary")`` or ``Accuracy(task="multiclass")`` (micro by default) lets the
majority class decide.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from imbalance_guard.code import library
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard_deep_learning import _common as C
from imbalance_guard_deep_learning._models import output_classes
from imbalance_guard_deep_learning._objects import Objects

#: torchmetrics accuracies that average per class (macro) unless told otherwise.
_MACRO_BY_DEFAULT = frozenset({"MulticlassAccuracy", "multiclass_accuracy"})
_UPDATES = frozenset({"compute", "forward", "update", "__call__"})


@dataclass(frozen=True)
class Metric:
    kind: str  # "accuracy" (majority-driven) or "aware" (sees every class)
    text: str  # the constructor as written
    task: str | None  # 'task="multiclass", num_classes=10' as the user wrote it
    inputs: str | None  # "preds, y" when the value is the metric called on them


def judge(unit: CodeUnit, objects: Objects, value: ast.expr, at: ast.Call) -> Metric | None:
    """The torchmetrics object ``value`` is computed by, judged; None when unknown."""
    inputs = None
    pending: list[tuple[ast.expr, int]] = [(value, 3)]
    while pending:
        expr, depth = pending.pop()
        for origin in objects.origins(expr, at) if depth else []:
            name = C.qualified(unit, origin.func)
            if C.in_package(name, ("torchmetrics",)):
                return _judged(unit, origin, name, inputs)
            func = origin.func
            if origin.args and inputs is None:
                inputs = ", ".join(C.text(unit, a) for a in origin.args)
            if isinstance(func, ast.Attribute) and func.attr in _UPDATES:
                func = func.value
            pending.append((func, depth - 1))
    return None


def _judged(unit: CodeUnit, node: ast.Call, name: str, inputs: str | None) -> Metric | None:
    tail = name.rsplit(".", 1)[-1]
    text = C.text(unit, node)
    task = _task_text(unit, node)
    if library.is_torchmetrics_aware(tail):
        return Metric("aware", text, task, inputs)
    if tail not in library.TORCHMETRICS_ACCURACY:
        return None
    average = C.string(C.argument(node, "average"))
    none_given = isinstance(C.argument(node, "average"), ast.Constant) and average is None
    if C.string(C.argument(node, "task")) == "binary" or tail.lower().startswith("binary"):
        return Metric("accuracy", text, task, inputs)
    if average in ("macro", "none") or none_given:
        return Metric("aware", text, task, inputs)
    if average is None and tail in _MACRO_BY_DEFAULT:
        return Metric("aware", text, task, inputs)
    return Metric("accuracy", text, task, inputs)


def _task_text(unit: CodeUnit, node: ast.Call) -> str | None:
    tail = (C.qualified(unit, node.func) or "").rsplit(".", 1)[-1]
    task = C.argument(node, "task")
    classes = C.argument(node, "num_classes")
    if tail.startswith("Multiclass") and classes is None and node.args:
        classes = node.args[0]
    if tail.startswith("Binary"):
        return 'task="binary"'
    if tail.startswith("Multiclass"):
        task_text = 'task="multiclass"'
    elif task is not None:
        task_text = f"task={C.text(unit, task)}"
    else:
        return None
    return task_text + (f", num_classes={C.text(unit, classes)}" if classes is not None else "")


def task_from_model(unit: CodeUnit) -> str:
    """``task=`` for torchmetrics, from the model's output layer, or a marked placeholder."""
    classes = output_classes(unit)
    if classes == 1 or classes == 2:
        return 'task="binary"'
    if classes is not None:
        return f'task="multiclass", num_classes={classes}'
    return '<task="binary", or task="multiclass", num_classes=N>'
