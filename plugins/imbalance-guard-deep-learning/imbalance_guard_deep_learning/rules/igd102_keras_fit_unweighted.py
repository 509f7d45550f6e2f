"""IGD102 keras-fit-unweighted.

## What it does
Flags Keras `model.fit(...)` without `class_weight=` or `sample_weight=` when `model` was
compiled with a classification loss (`"binary_crossentropy"`,
`"sparse_categorical_crossentropy"`, `keras.losses.CategoricalCrossentropy()`, ...) and
nothing else in the file handles class imbalance: no imbalanced-learn (for example its
`BalancedBatchGenerator`), no class or sample weights computed, no focal loss — in this file
or in a module it imports from its own project (up to 3 imports deep).

The model is the object `fit` is called on, followed through assignments, `self.`
attributes across the methods of a class and the file's own factory functions
(`weighted_model = make_model()`): a scikit-learn `self.model` is not the Keras `self.model`
another class compiles. A model compiled elsewhere, or with a regression loss, is not
flagged; nor is a file that handles imbalance another way (a `class_weight=` dict in another
fit, `BalancedBatchGenerator`, a focal loss) or loads a balanced data set
(`keras.datasets.mnist`, `cifar10`, `fashion_mnist`, or a linked dataset — the file it reads
and fits on, as IG201 links it — whose majority class is at most `balanced-ratio` times its
minority class: `[tool.imbalance-guard.code]`, default 1.5).

## Why is this bad?
Keras averages the loss over samples, so the majority class dominates every batch. On a
95:5 dataset the network reaches 95 % accuracy by never predicting the minority class, and
early stopping on `val_loss` happily keeps that model.

## Example
```python
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(X_train, y_train, epochs=20, validation_data=(X_val, y_val))
```

## Use instead
```python
from sklearn.utils.class_weight import compute_class_weight

weights = compute_class_weight("balanced", classes=np.unique(y_train), y=y_train)
model.fit(X_train, y_train, epochs=20, validation_data=(X_val, y_val),
          class_weight=dict(enumerate(weights)))
```
Or pass per-sample weights (`sample_weight=`), balance the batches with imbalanced-learn's
`BalancedBatchGenerator`, or use `keras.losses.BinaryFocalCrossentropy`.
"""

from __future__ import annotations

import ast

from imbalance_guard import hookimpl
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.findings import Finding, Rule
from imbalance_guard_deep_learning._lazy import lazy_module

# Loaded when a unit that mentions a framework is checked (see _lazy).
C = lazy_module("imbalance_guard_deep_learning._common")
O = lazy_module("imbalance_guard_deep_learning._objects")  # noqa: E741 (the import alias it was)

RULE = Rule(
    code="IGD102",
    name="keras-fit-unweighted",
    summary="Keras fit of a classifier without class_weight or sample_weight",
    doc=__doc__ or "",
)

CLASSIFICATION_LOSSES = frozenset(
    {
        "binary_crossentropy",
        "categorical_crossentropy",
        "sparse_categorical_crossentropy",
        "bce",
        "BinaryCrossentropy",
        "CategoricalCrossentropy",
        "SparseCategoricalCrossentropy",
        "categorical_hinge",
        "hinge",
        "squared_hinge",
    }
)
# Positions in Model.fit(x, y, batch_size, epochs, verbose, callbacks, validation_split,
# validation_data, shuffle, class_weight, sample_weight, ...).
_CLASS_WEIGHT_POSITION = 9


@hookimpl
def ig_check_code(unit: CodeUnit, config: Config) -> list[Finding]:
    if "fit" not in unit.source or not ("keras" in unit.source or "tensorflow" in unit.source):
        return []
    if not C.imports_package(unit, C.KERAS):
        return []
    calls = list(C.calls(unit))
    objects = O.objects(unit)
    by_origin, by_spelling = _classifier_losses(unit, calls, objects)
    if not by_spelling or C.imbalance_handled(unit, [name for _, name in calls], config=config):
        return []
    findings = []
    for call, _ in calls:
        func = call.func
        if not (isinstance(func, ast.Attribute) and func.attr == "fit") or _weighted(call):
            continue
        model = ast.unparse(func.value)
        compiled = _compiled(func.value, call, model, objects, by_origin, by_spelling)
        if compiled is None:
            continue
        loss_text, loss_line = compiled
        findings.append(
            Finding(
                RULE.code,
                f"`{model}.fit(...)` trains a classifier (compiled with `{loss_text}` at "
                f"{loss_line}) without `class_weight=` or `sample_weight=`, and nothing else in "
                "this file handles class imbalance",
                unit.location(call),
                suggestion=_suggestion(unit, call, model, loss_text),
            )
        )
    return findings


def _compiled(
    receiver: ast.expr,
    call: ast.Call,
    model: str,
    objects: O.Objects,
    by_origin: dict[int, tuple[str, str]],
    by_spelling: dict[str, tuple[str, str]],
) -> tuple[str, str] | None:
    """How the model ``fit`` is called on was compiled, when it was with a classification loss.

    The object decides: ``self.model.fit`` of a scikit-learn model is not the Keras
    ``self.model`` another class compiles, and ``weighted = make_model()`` is the model
    ``make_model`` compiled. Only a receiver whose origin is unknown (a parameter) is
    matched by spelling.
    """
    origins = objects.origins(receiver, call)
    if origins:
        return next((by_origin[id(o)] for o in origins if id(o) in by_origin), None)
    return by_spelling.get(model)


def _classifier_losses(
    unit: CodeUnit, calls: list[tuple[ast.Call, str]], objects: O.Objects
) -> tuple[dict[int, tuple[str, str]], dict[str, tuple[str, str]]]:
    """Classification compiles: (origin call id -> (loss, line), spelling -> (loss, line))."""
    by_origin: dict[int, tuple[str, str]] = {}
    by_spelling: dict[str, tuple[str, str]] = {}
    for call, _ in calls:
        func = call.func
        if not (isinstance(func, ast.Attribute) and func.attr == "compile"):
            continue
        loss = C.argument(call, "loss", 1)
        if loss is None or not _is_classification_loss(unit, loss):
            continue
        compiled = (C.text(unit, loss), C.where(unit, loss))
        by_spelling[ast.unparse(func.value)] = compiled
        for origin in objects.origins(func.value, call):
            by_origin[id(origin)] = compiled
    return by_origin, by_spelling


def _is_classification_loss(unit: CodeUnit, loss: ast.expr) -> bool:
    if (name := C.string(loss)) is not None:
        return name in CLASSIFICATION_LOSSES
    target = loss.func if isinstance(loss, ast.Call) else loss
    qualified = C.qualified(unit, target)
    if not C.in_package(qualified, C.KERAS):
        return False
    return qualified.rsplit(".", 1)[-1] in CLASSIFICATION_LOSSES


def _weighted(call: ast.Call) -> bool:
    if C.has_star_kwargs(call) or len(call.args) > _CLASS_WEIGHT_POSITION:
        return True
    return any(C.keyword(call, k) is not None for k in ("class_weight", "sample_weight"))


def _suggestion(unit: CodeUnit, call: ast.Call, model: str, loss_text: str) -> str:
    y = C.argument(call, "y", 1)
    labels = C.text(unit, y) if isinstance(y, ast.Name | ast.Attribute | ast.Subscript) else None
    labels = labels or C.train_labels(unit)
    labels_name = labels or "y_train"
    compute = (
        f'`weights = compute_class_weight("balanced", classes=np.unique({labels_name}), '
        f"y={labels_name})` (from `sklearn.utils.class_weight`)"
    )
    where = "" if labels else " where `y_train` are the training labels"
    return (
        f"weight the classes by their inverse frequency: {compute}{where}, then "
        f"`{model}.fit(..., class_weight=dict(enumerate(weights)))`; or pass `sample_weight=`, "
        "or switch to a focal loss"
        + (" (`keras.losses.BinaryFocalCrossentropy()`)" if "binary" in loss_text.lower() else "")
    )


@hookimpl
def ig_rules() -> list[Rule]:
    return [RULE]
