"""IGD101 unweighted-loss.

## What it does
Flags a PyTorch classification loss built without class weights — `nn.CrossEntropyLoss()`
or `nn.NLLLoss()` without `weight=`, `nn.BCEWithLogitsLoss()` without `pos_weight=`,
`nn.BCELoss()` without `weight=`, and their `torch.nn.functional` forms — in a file where
class imbalance is handled nowhere else: no `WeightedRandomSampler`, no imbalanced-learn,
no class or sample weights (computed, or written by hand: `class_weight={0: 1, 1: 20}`,
`pos_weight=`, another loss's `weight=` tensor), no focal loss (`sigmoid_focal_loss`, a
`FocalLoss` class), no undersampling by index (`np.random.choice` or `torch.randperm` on one
class's indices) — here or in a module this file imports from its own project (`from data
import make_loader` where `data.py` builds the `WeightedRandomSampler`, up to 3 imports deep).

Not flagged: a loss with `reduction="none"` (the per-sample losses are usually weighted by
hand), a loss configured through `**kwargs`, and a file that loads a data set balanced by
construction (torchvision's `MNIST`, `FashionMNIST`, `CIFAR10`; `keras.datasets.mnist`;
Hugging Face `load_dataset("imdb")` ...), or whose linked dataset — the file it reads and
splits or fits on (`pd.read_csv("../data/train.csv")`, as IG201 links it) — has balanced
label counts: majority at most `balanced-ratio` times minority (`[tool.imbalance-guard.code]`,
default 1.5).

The suggestion is built from the file: the class count of the model's last `nn.Linear`, the
labels name it defines (or a marked `<train labels>` placeholder), its `device` (or the
logits' device), and, when moving from `BCELoss` to `BCEWithLogitsLoss`, the model's final
`Sigmoid` to drop.

## Why is this bad?
Every sample counts the same in an unweighted loss, so with 1 positive in 100 the rare class
contributes about 1 % of the gradient. Predicting the majority class everywhere already
gives a low loss and 99 % accuracy; the network often never learns the minority class, and
the number that mattered — recall on the rare class — stays near zero.

## Example
```python
criterion = nn.BCEWithLogitsLoss()
loss_fn = nn.CrossEntropyLoss()
```

## Use instead
Weight the positive class by the ratio of negatives to positives in the training labels:
```python
n_pos = int(y_train.sum())
n_neg = len(y_train) - n_pos
criterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([n_neg / n_pos]))
```
With several classes, weight each class by its inverse frequency:
```python
counts = torch.bincount(torch.as_tensor(y_train))
loss_fn = nn.CrossEntropyLoss(weight=counts.sum() / (len(counts) * counts.float()))
```
Balancing the training batches with a `WeightedRandomSampler`, or a focal loss, are the
alternatives. Compute the weights from the training labels only.
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
_models = lazy_module("imbalance_guard_deep_learning._models")

RULE = Rule(
    code="IGD101",
    name="unweighted-loss",
    summary="A PyTorch classification loss without class weights, and imbalance handled nowhere",
    doc=__doc__ or "",
)

# loss -> (keywords that weight it, positional arguments before the first weight,
#          "binary" or "multiclass")
_LOSSES: dict[str, tuple[tuple[str, ...], int, str]] = {
    "torch.nn.CrossEntropyLoss": (("weight",), 0, "multiclass"),
    "torch.nn.NLLLoss": (("weight",), 0, "multiclass"),
    "torch.nn.BCEWithLogitsLoss": (("pos_weight", "weight"), 0, "binary"),
    "torch.nn.BCELoss": (("weight",), 0, "binary-probabilities"),
    "torch.nn.functional.cross_entropy": (("weight",), 2, "multiclass"),
    "torch.nn.functional.nll_loss": (("weight",), 2, "multiclass"),
    "torch.nn.functional.binary_cross_entropy_with_logits": (("pos_weight", "weight"), 2, "binary"),
    "torch.nn.functional.binary_cross_entropy": (("weight",), 2, "binary-probabilities"),
}
_MISSING = {
    "binary": "`pos_weight=`",
    "multiclass": "`weight=`",
    "binary-probabilities": "`weight=`",
}


def canonical(name: str) -> str:
    """``torch.nn.modules.loss.CrossEntropyLoss`` is ``torch.nn.CrossEntropyLoss``."""
    for private in ("torch.nn.modules.loss.", "torch.nn.modules."):
        if name.startswith(private):
            return "torch.nn." + name.rsplit(".", 1)[-1]
    return name


@hookimpl
def ig_check_code(unit: CodeUnit, config: Config) -> list[Finding]:
    if "torch" not in unit.source:
        return []
    calls = list(C.calls(unit))
    losses = [(call, canonical(name)) for call, name in calls if canonical(name) in _LOSSES]
    unweighted = [(call, name) for call, name in losses if not _weighted(call, name)]
    if not unweighted or C.imbalance_handled(unit, [name for _, name in calls], config=config):
        return []
    torch_alias = _torch_alias(unit)
    return [
        Finding(
            RULE.code,
            f"`{C.text(unit, call)}` has no {_MISSING[_LOSSES[name][2]]} and nothing else in this "
            "file handles class imbalance (no weighted sampler, resampling, class weights or "
            "focal loss)",
            unit.location(call),
            suggestion=_suggestion(unit, call, name, torch_alias),
        )
        for call, name in unweighted
    ]


def _weighted(call: ast.Call, name: str) -> bool:
    keywords, positional, _ = _LOSSES[name]
    if C.has_star_kwargs(call) or len(call.args) > positional:
        return True
    if any(C.keyword(call, k) is not None for k in keywords):
        return True
    # reduction="none": per-sample losses, weighted by hand afterwards.
    return C.string(C.keyword(call, "reduction")) == "none"


def _torch_alias(unit: CodeUnit) -> str:
    """How this file spells the ``torch`` module (``torch`` when it is not imported whole)."""
    return next(iter(unit.imports.names_for("torch")), "torch")


def _suggestion(unit: CodeUnit, call: ast.Call, name: str, torch: str) -> str:
    kind = _LOSSES[name][2]
    func = C.text(unit, call.func)
    use = _use_site(unit, call)
    y = C.train_labels(unit) or _labels_in_scope(unit) or "<train labels>"
    device = _device(unit, call, use)
    on_device = f", device={device}" if device else ""
    functional = ".functional." in name
    logits, target = use if use is not None else ("logits", "target")
    if kind == "binary":
        pos_weight = f"{torch}.tensor([n_neg / n_pos]{on_device})"
        weighted = (
            f"{func}({logits}, {target}, pos_weight={pos_weight})"
            if functional
            else f"{func}(pos_weight={pos_weight})"
        )
        return (
            "weight the positive class by the negatives-to-positives ratio of the training "
            f"labels: `n_pos = int({y}.sum()); n_neg = len({y}) - n_pos`, then "
            f"`{weighted}` — or balance the training batches with a `WeightedRandomSampler`"
        )
    if kind == "binary-probabilities":
        sigmoid = _models.final_sigmoid(unit)
        drop = (
            f"; drop the model's final `Sigmoid` ({sigmoid}): `BCEWithLogitsLoss` applies it"
            if sigmoid is not None
            else ""
        )
        return (
            f"switch to `BCEWithLogitsLoss(pos_weight={torch}.tensor([n_neg / n_pos]"
            f"{on_device}))` on the logits, with `n_pos = int({y}.sum()); "
            f"n_neg = len({y}) - n_pos` (it weights the positive class and is numerically "
            f"safer than {func} on sigmoid outputs){drop} — or balance the training batches "
            "with a `WeightedRandomSampler`"
        )
    classes = _models.output_classes(unit)
    # Every output of the head gets a weight; a class absent from the labels gets 1, not inf.
    minlength = (
        f", minlength={classes}).float().clamp(min=1"
        if classes is not None and classes > 1
        else ").float("
    )
    weights = "class_weights"
    compute = f"`counts = {torch}.bincount({torch}.as_tensor({y}){minlength}); {weights} = " + (
        f"(counts.sum() / (len(counts) * counts)).to({device})`"
        if device
        else "counts.sum() / (len(counts) * counts)`"
    )
    weighted = (
        f"{func}({logits}, {target}, weight={weights})"
        if functional
        else f"{func}(weight={weights})"
    )
    return (
        f"weight each class by its inverse frequency in the training labels: {compute}, then "
        f"`{weighted}` — or balance the training batches with a `WeightedRandomSampler`"
    )


def _use_site(unit: CodeUnit, call: ast.Call) -> tuple[str, str] | None:
    """(logits, target) as written where the loss is applied: ``criterion(out, yb)``."""
    if len(call.args) >= 2:  # F.cross_entropy(out, yb)
        return C.text(unit, call.args[0]), C.text(unit, call.args[1])
    sites = C.per_unit(unit, "loss_sites", _Sites)
    for target in sites.targets.get(id(call), ()):
        use = sites.applied.get(target)
        if use is not None:
            return C.text(unit, use.args[0]), C.text(unit, use.args[1])
    return None


class _Sites:
    """Where each call's result is assigned, and the first two-argument call of each name."""

    def __init__(self, unit: CodeUnit) -> None:
        self.targets: dict[int, list[str]] = {}
        self.on_self: set[int] = set()
        self.applied: dict[str, ast.Call] = {}
        for node in ast.walk(unit.tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                names = [n for n in map(_dotted, node.targets) if n is not None]
                self.targets[id(node.value)] = names
                if any(isinstance(t, ast.Attribute) for t in node.targets):
                    self.on_self.add(id(node.value))
            elif (
                isinstance(node, ast.Call)
                and len(node.args) >= 2
                and not any(isinstance(a, ast.Starred) for a in node.args[:2])
                and (name := _dotted(node.func)) is not None
            ):
                self.applied.setdefault(name, node)


def _dotted(node: ast.expr) -> str | None:
    """``criterion`` or ``self.loss_fn``; None for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return None


def _labels_in_scope(unit: CodeUnit) -> str | None:
    """A module-level name that holds the labels (``y``, ``labels``, ``targets``)."""
    for candidate in ("y_train", "y_tr", "train_labels", "y", "labels", "targets"):
        if candidate in unit.flow.env:
            return candidate
    return None


def _device(unit: CodeUnit, call: ast.Call, use: tuple[str, str] | None) -> str | None:
    """Where the weights must live: the user's ``device``, or the logits' device.

    None for a loss kept on ``self`` (``self.loss_fn = nn.CrossEntropyLoss(weight=w)``): it
    is a submodule, and its weight buffer moves with the model.
    """
    if id(call) in C.per_unit(unit, "loss_sites", _Sites).on_self:
        return None
    if "device" in unit.flow.env:
        return "device"
    logits = use[0] if use is not None else None
    if logits is not None and logits.isidentifier():
        return f"{logits}.device"
    return "<logits>.device"


@hookimpl
def ig_rules() -> list[Rule]:
    return [RULE]
