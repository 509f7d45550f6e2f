"""Small questions every rule of this plugin asks about a code unit.

Names are resolved by the core (:mod:`imbalance_guard.code.imports`), values are
followed by the core's shared data-flow analysis; this module only phrases the
deep-learning questions on top of them: is this file about torch/keras at all,
does it handle class imbalance anywhere, does a name look like evaluation data.
Nothing here imports torch, tensorflow, keras or lightning.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from typing import TypeVar

from imbalance_guard.code.calls import argument
from imbalance_guard.code.imports import qualified_name
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard_deep_learning._handlers import balanced_data, handled_by_hand

T = TypeVar("T")

TORCH = ("torch",)
KERAS = ("keras", "tensorflow", "tf_keras", "keras_core")
LIGHTNING = ("lightning", "pytorch_lightning")

# Calls that show class imbalance is handled in the unit (by qualified name).
IMBALANCE_HANDLERS = frozenset(
    {
        "torch.utils.data.WeightedRandomSampler",
        "torch.utils.data.sampler.WeightedRandomSampler",
        "torchsampler.ImbalancedDatasetSampler",
        "sklearn.utils.class_weight.compute_class_weight",
        "sklearn.utils.class_weight.compute_sample_weight",
        "sklearn.utils.compute_class_weight",
        "sklearn.utils.compute_sample_weight",
    }
)
HANDLER_PACKAGES = ("imblearn",)  # any imbalanced-learn sampler or generator
_FOCAL = re.compile(r"focal", re.IGNORECASE)

_EVAL_WORDS = frozenset(
    {"val", "valid", "validation", "test", "testing", "eval", "evaluation", "holdout", "dev"}
)
_WORD = re.compile(r"[A-Za-z]+")


def per_unit(unit: CodeUnit, key: str, build: Callable[[CodeUnit], T]) -> T:
    """``build(unit)``, computed once per unit and shared by every rule of the plugin.

    Suggestions ask the same questions of the whole file for every finding; a file with
    hundreds of losses must not be walked hundreds of times.
    """
    store = unit.__dict__.setdefault("_igd_cache", {}) if hasattr(unit, "__dict__") else {}
    if key not in store:
        store[key] = build(unit)
    return store[key]


def qualified(unit: CodeUnit, node: ast.AST) -> str:
    """The qualified name ``node`` refers to (``torch.nn.CrossEntropyLoss``), or ''."""
    return qualified_name(node, unit.imports) or ""


def calls(unit: CodeUnit) -> Iterator[tuple[ast.Call, str]]:
    """Every call the shared analysis evaluated, with its qualified name ('' when unknown)."""
    for call in unit.flow.calls:
        yield call.node, call.qualname or ""


def in_package(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def imports_package(unit: CodeUnit, packages: tuple[str, ...]) -> bool:
    """Whether the unit imports anything from ``packages`` (``import lightning as L``)."""
    return any(in_package(target, packages) for target in unit.imports.aliases.values())


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    """The expression passed as ``name=``; :func:`imbalance_guard.code.calls.argument`."""
    return argument(call, name)


def has_star_kwargs(call: ast.Call) -> bool:
    """``f(**options)``: any keyword may be in there, so do not claim one is missing."""
    return any(kw.arg is None for kw in call.keywords) or any(
        isinstance(arg, ast.Starred) for arg in call.args
    )


def string(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def text(unit: CodeUnit, node: ast.AST) -> str:
    """The user's own spelling of ``node`` (one line, shortened)."""
    first, last = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
    if first is None or last is None:
        return ast.unparse(node)
    # Columns are UTF-8 byte offsets; read the unit's lines rather than re-splitting the
    # whole source per call (ast.get_source_segment does).
    lines = [unit.line_text(n).encode("utf-8") for n in range(first, last + 1)]
    lines[-1] = lines[-1][: node.end_col_offset]  # type: ignore[attr-defined]
    lines[0] = lines[0][node.col_offset :]  # type: ignore[attr-defined]
    segment = " ".join(b" ".join(lines).decode("utf-8", errors="replace").split())
    return segment if len(segment) <= 60 else segment[:57] + "..."


_LABEL_PREFIXES = ("y", "label", "target")


def train_labels(unit: CodeUnit) -> str | None:
    """The user's name for the training labels, when the analysis knows a split's train part.

    ``X_tr, X_te, y_tr, y_te = train_test_split(X, y)`` -> ``y_tr``: the module-level name
    that is the train part of a split and reads like labels.
    """
    for name, value in unit.flow.env.items():
        if value.is_train and name.lower().startswith(_LABEL_PREFIXES):
            return name
    return None


def where(unit: CodeUnit, node: ast.AST) -> str:
    """``line 12``, or ``cell 3, line 2`` in a notebook: how messages point at another place."""
    location = unit.location(node)
    if location.cell is not None:
        return f"cell {location.cell}, line {location.line}"
    return f"line {location.line}"


def is_focal(name: str) -> bool:
    return bool(_FOCAL.search(name))


def imbalance_handled(
    unit: CodeUnit, names: list[str], local: bool = False, config: Config | None = None
) -> str | None:
    """What handles class imbalance in this unit (for messages), or None.

    ``names`` are the qualified callee names of the unit's calls. Counted: any resampling
    the shared analysis saw, a weighted or balancing sampler, anything from
    imbalanced-learn, class/sample weights computed with scikit-learn, a focal loss
    (called, defined, or named as a Keras loss), weights written by hand
    (``class_weight={0: 1, 1: 20}``, ``pos_weight=``, a loss's ``weight=``), undersampling
    by index; and data balanced by construction (MNIST, CIFAR-10 ...) or, given the run's
    ``config``, a linked dataset whose label counts are balanced, which have no
    imbalance to handle. Unless ``local``, the same in the project modules the unit
    imports (:mod:`imbalance_guard_deep_learning._project`).
    """
    if unit.flow.resamplings:  # SMOTE, sklearn's resample, df.sample(replace=True) ...
        return unit.flow.resamplings[0].sampler
    for name in names:
        if name in IMBALANCE_HANDLERS or in_package(name, HANDLER_PACKAGES):
            return name.rsplit(".", 1)[-1]
        if is_focal(name.rsplit(".", 1)[-1]):
            return "a focal loss"
    if _FOCAL.search(unit.source) is not None:
        for node in ast.walk(unit.tree):
            if isinstance(node, ast.FunctionDef | ast.ClassDef) and is_focal(node.name):
                return "a focal loss"
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and is_focal(node.value)
            ):
                return "a focal loss"
    if (data := balanced_data(unit)) is not None:
        return f"the balanced data set {data}"
    if config is not None and (data := linked_balanced(unit, config)) is not None:
        return f"the balanced data set {data}"
    if (by_hand := per_unit(unit, "handled_by_hand", handled_by_hand)) is not None:
        return by_hand
    if local:
        return None
    from imbalance_guard_deep_learning._project import handled_in_project

    return per_unit(unit, "handled_in_project", handled_in_project)


def balanced(unit: CodeUnit, config: Config | None = None) -> str | None:
    """The balanced-by-construction data set (``MNIST``) this unit loads, or one of the
    project modules it imports loads (``datamodule.py``'s MNIST); given the run's
    ``config``, the linked dataset it trains on when its counts are balanced; or None."""
    if (data := balanced_data(unit)) is not None:
        return data
    if config is not None and (data := linked_balanced(unit, config)) is not None:
        return data
    from imbalance_guard_deep_learning._project import balanced_in_project

    return per_unit(unit, "balanced_in_project", balanced_in_project)


def linked_balanced(unit: CodeUnit, config: Config) -> str | None:
    """``data/train.csv (500 / 500)``: the one dataset the code names and trains on, when
    its majority class is at most ``balanced-ratio`` times its minority class (the
    setting IG201 reads); None otherwise, and for a file that links no dataset.

    The core finds the file and counts the label column (and records the file as an input
    of this unit's cache entry); nothing is counted here.
    """
    if not unit.flow.label_links:  # the light path: nothing to read, nothing imported
        return None
    from imbalance_guard.code.linked_data import is_balanced, linked_counts

    counts = per_unit(unit, "linked_counts", lambda u: linked_counts(u, config))
    if counts is None or not is_balanced(counts, config):
        return None
    return f"{counts.display} ({' / '.join(f'{n:,}' for _, n in counts.counts)})"


def looks_like_eval(name: str) -> bool:
    """``val_ds``, ``self.valid_set``, ``X_test``, ``holdout_loader`` — not ``latest``."""
    return any(word.lower() in _EVAL_WORDS for word in _split_words(name))


def _split_words(name: str) -> list[str]:
    words: list[str] = []
    for chunk in _WORD.findall(name):
        # camelCase: valDs -> val, Ds
        words.extend(re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", chunk) or [chunk])
    return words


# Metric keys as logged and monitored: "val_acc", "val/accuracy", "valid_acc_epoch".
_KEY_PREFIX = re.compile(r"^(?:(?:val|valid|validation|test|eval)[_/.\-])?", re.IGNORECASE)
_KEY_SUFFIX = re.compile(r"[_/.\-](?:epoch|step)$")
ACCURACY_KEYS = frozenset(
    {
        "acc",
        "accuracy",
        "binary_accuracy",
        "categorical_accuracy",
        "sparse_categorical_accuracy",
        "top1",
        "acc1",
    }
)
_EVAL_KEY = re.compile(r"^(?:val|valid|validation|test|eval)(?:[_/.\-]|$)")


def metric_base(key: str) -> str:
    """``val_acc_epoch`` -> ``acc``; ``val/accuracy`` -> ``accuracy``."""
    return _KEY_SUFFIX.sub("", _KEY_PREFIX.sub("", key.lower(), count=1))


def metric_prefix(key: str) -> str:
    """``val_acc`` -> ``val_``; ``valid/accuracy`` -> ``valid/``; ``acc`` -> ``''``."""
    match = _KEY_PREFIX.match(key)
    return match.group(0) if match else ""


def is_accuracy_key(key: str) -> bool:
    return metric_base(key) in ACCURACY_KEYS


def is_eval_key(key: str) -> bool:
    return bool(_EVAL_KEY.match(key.lower()))
