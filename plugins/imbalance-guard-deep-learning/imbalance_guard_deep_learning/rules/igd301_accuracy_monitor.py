"""IGD301 accuracy-monitor.

## What it does
Flags a `ModelCheckpoint` or `EarlyStopping` callback — Lightning's or Keras' — that picks
the model by accuracy: `monitor="val_acc"`, `monitor="val_accuracy"`,
`monitor="val_binary_accuracy"` and the like. A file that loads a data set balanced by
construction (MNIST, CIFAR-10, Fashion-MNIST), or imports a project module that does, is
not flagged; nor is one whose linked dataset (the file it reads and trains on, as IG201
links it) has balanced label counts — majority at most `balanced-ratio` times minority
(`[tool.imbalance-guard.code]`, default 1.5).

## Why is this bad?
The monitored value decides which weights are kept and when training stops. On imbalanced
data accuracy rewards the majority class: the checkpoint with the best `val_accuracy` is
often the epoch that predicted the minority class least, and early stopping ends training
before the model learns the rare class at all.

## Example
```python
checkpoint = ModelCheckpoint(monitor="val_acc", mode="max")
stop = EarlyStopping(monitor="val_accuracy", patience=5)
```

## Use instead
Log a metric that sees the minority class and monitor it:
```python
self.log("val_auprc", self.val_auprc(probs, y))   # torchmetrics.AveragePrecision
checkpoint = ModelCheckpoint(monitor="val_auprc", mode="max")
```
In Keras, `metrics=[keras.metrics.AUC(curve="PR", name="pr_auc")]` and
`EarlyStopping(monitor="val_pr_auc", mode="max")`. The suggestion spells Keras as the file
does (`tf.keras.metrics...` after `import tensorflow as tf`) and names only metrics the Keras
in use has: `AUC`, `Precision` and `Recall` always; `F1Score` where the imports show Keras
2.13+ or 3 (`keras.ops`, `keras_core`, `tf_keras`, `KERAS_BACKEND`), never where they show an
older one (`tensorflow_addons`, `keras.wrappers`), and not when `import keras` or `tf.keras`
cannot tell. `val_loss` of a class-weighted loss is a sound choice too.
"""

from __future__ import annotations

from imbalance_guard import hookimpl
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.findings import Finding, Rule
from imbalance_guard_deep_learning._lazy import lazy_module

# Loaded when a unit that mentions a framework is checked (see _lazy).
C = lazy_module("imbalance_guard_deep_learning._common")
_keras = lazy_module("imbalance_guard_deep_learning._keras")
_models = lazy_module("imbalance_guard_deep_learning._models")

RULE = Rule(
    code="IGD301",
    name="accuracy-monitor",
    summary="A checkpoint or early-stopping callback picks the model by accuracy",
    doc=__doc__ or "",
)

# callback -> position of ``monitor`` in its signature, per framework.
_MONITOR_POSITION = {
    ("lightning", "ModelCheckpoint"): 2,  # (dirpath, filename, monitor, ...)
    ("lightning", "EarlyStopping"): 0,  # (monitor, ...)
    ("keras", "ModelCheckpoint"): 1,  # (filepath, monitor, ...)
    ("keras", "EarlyStopping"): 0,  # (monitor, ...)
}


@hookimpl
def ig_check_code(unit: CodeUnit, config: Config) -> list[Finding]:
    source = unit.source
    if "ModelCheckpoint" not in source and "EarlyStopping" not in source:
        return []
    findings = []
    for call, name in C.calls(unit):
        framework = _framework(name)
        callback = name.rsplit(".", 1)[-1]
        if framework is None or (framework, callback) not in _MONITOR_POSITION:
            continue
        monitor = C.argument(call, "monitor", _MONITOR_POSITION[framework, callback])
        key = C.string(monitor)
        if key is None or not C.is_accuracy_key(key):
            continue
        assert monitor is not None
        findings.append(
            Finding(
                RULE.code,
                f'`{callback}(monitor="{key}")` picks the model by accuracy, which the '
                "majority class alone can maximise on imbalanced data",
                unit.location(monitor),
                suggestion=_suggestion(unit, framework, callback, key),
            )
        )
    if findings and C.balanced(unit, config) is not None:
        return []  # MNIST, CIFAR-10 ...: accuracy is a fair score on balanced classes
    return findings


def _framework(name: str) -> str | None:
    if C.in_package(name, C.LIGHTNING):
        return "lightning"
    if C.in_package(name, C.KERAS):
        return "keras"
    return None


def _suggestion(unit: CodeUnit, framework: str, callback: str, key: str) -> str:
    prefix = C.metric_prefix(key) or "val_"
    if framework == "keras":
        keras = _keras.keras_of(unit)
        auc = keras.metric("AUC", 'curve="PR", name="pr_auc"')
        needs = f" (after `{keras.needs}`)" if keras.needs else ""
        return (
            f"add `{auc}` to `metrics=` in `compile`{needs} and monitor it: "
            f'`{callback}(monitor="{prefix}pr_auc", mode="max")`; '
            f"{_keras.imbalance_metrics(keras, _models.output_classes(unit))}"
        )
    return (
        f'log an imbalance-aware metric (`self.log("{prefix}auprc", ...)` with '
        "`torchmetrics.AveragePrecision`, or F1) and monitor it: "
        f'`{callback}(monitor="{prefix}auprc", mode="max")`'
    )


@hookimpl
def ig_rules() -> list[Rule]:
    return [RULE]
