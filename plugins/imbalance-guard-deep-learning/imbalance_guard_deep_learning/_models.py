"""What the user's own network says about the task: its class count and final activation.

Suggestions paste better when they name the number of classes the model really has
(``nn.Linear(128, 10)`` -> 10) and tell the user to drop a final ``nn.Sigmoid()`` before
switching to ``BCEWithLogitsLoss``. Read from the source only; nothing is imported.
"""

from __future__ import annotations

import ast

from imbalance_guard.code.unit import CodeUnit
from imbalance_guard_deep_learning import _common as C

_LINEAR = frozenset({"torch.nn.Linear", "torch.nn.LazyLinear", "torch.nn.modules.linear.Linear"})
_SIGMOID = frozenset({"torch.nn.Sigmoid", "torch.sigmoid", "torch.nn.functional.sigmoid"})


def output_classes(unit: CodeUnit) -> int | None:
    return C.per_unit(unit, "output_classes", _output_classes)


def final_sigmoid(unit: CodeUnit) -> str | None:
    return C.per_unit(unit, "final_sigmoid", _final_sigmoid)


def _output_classes(unit: CodeUnit) -> int | None:
    """Output width of the last ``nn.Linear``/``Dense`` written in the file (the head), or None.

    1 means a binary head; None when no layer with a constant width is found.
    """
    width = None
    line = -1
    for node in ast.walk(unit.tree):
        if not isinstance(node, ast.Call) or node.lineno < line:
            continue
        name = C.qualified(unit, node.func)
        if name in _LINEAR:
            size = C.argument(node, "out_features", 0 if name.endswith("LazyLinear") else 1)
        elif C.in_package(name, C.KERAS) and name.rsplit(".", 1)[-1] == "Dense":
            size = C.argument(node, "units", 0)
        else:
            continue
        if isinstance(size, ast.Constant) and isinstance(size.value, int) and size.value > 0:
            width, line = size.value, node.lineno
    return width


def _final_sigmoid(unit: CodeUnit) -> str | None:
    """Where a model ends in a sigmoid (``nn.Sigmoid()`` last in a ``Sequential``, or
    ``torch.sigmoid(...)`` returned by ``forward``), as ``line N``; None when it does not."""
    for node in ast.walk(unit.tree):
        if isinstance(node, ast.Call) and C.qualified(unit, node.func) == "torch.nn.Sequential":
            layers = node.args
            if layers and _is_sigmoid(unit, layers[-1]):
                return C.where(unit, layers[-1])
        if isinstance(node, ast.FunctionDef) and node.name == "forward":
            for inner in ast.walk(node):
                value = inner.value if isinstance(inner, ast.Return) else None
                if value is not None and _is_sigmoid(unit, value):
                    return C.where(unit, value)
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            # self.out = nn.Sigmoid(): a model that keeps a sigmoid layer
            target = node.targets[0]
            if (
                isinstance(target, ast.Attribute)
                and isinstance(node.value, ast.Call)
                and C.qualified(unit, node.value.func) == "torch.nn.Sigmoid"
            ):
                return C.where(unit, node.value)
    return None


def _is_sigmoid(unit: CodeUnit, expr: ast.expr) -> bool:
    if isinstance(expr, ast.Call):
        if C.qualified(unit, expr.func) in _SIGMOID:
            return True
        # x.sigmoid() / self.sigmoid(x)
        func = expr.func
        return isinstance(func, ast.Attribute) and func.attr == "sigmoid"
    return False
