"""Data sets whose classes are balanced by construction, as values the flow follows.

The metric rules exempt an evaluation when the labels it sees come from such a data
set, not the whole file: a notebook that loads ``load_digits`` for a PCA demo in a
late cell still has its fraud model's accuracy reported. The flow marks the value a
loader returns with a :class:`~.facts.Balanced` fact (see :func:`balanced_source`),
and so are hand-built labels with equal counts, ``np.array([0] * 50 + [1] * 50)``
(see :func:`equal_counts`).
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

from imbalance_guard.code import library
from imbalance_guard.code.calls import argument
from imbalance_guard.code.facts import Value

__all__ = ["balanced_source", "equal_counts"]

#: Hugging Face Hub (and TensorFlow Datasets) names of class-balanced data sets; a Hub
#: name is compared without its owner (``stanfordnlp/imdb`` is ``imdb``).
_BALANCED_HUB_NAMES = frozenset(
    {"imdb", "mnist", "fashion_mnist", "cifar10", "cifar100", "kmnist", "emnist"}
)
_HUB_LOADERS = frozenset({"datasets.load_dataset", "tensorflow_datasets.load"})
_OPENML_BALANCED = frozenset({"mnist_784", "fashion-mnist", "cifar_10"})


def _string(node: ast.expr | None, value: Value | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if value is not None and isinstance(value.const, str):
        return value.const
    return None


def balanced_source(qual: str, node: ast.Call, args: Sequence[Value]) -> str | None:
    """The name of the balanced data set the call ``node`` (to ``qual``) loads, or None."""
    tail = qual.rpartition(".")[2]
    if qual in library.BALANCED_DATASETS or (
        qual.startswith("sklearn.") and tail in ("load_iris", "load_digits")
    ):
        return tail
    if qual.startswith("sklearn.") and tail == "make_classification":
        return tail if argument(node, "weights") is None else None
    first = argument(node, "name", 0)
    value = args[0] if args and node.args and first is node.args[0] else None
    if qual.startswith("sklearn.") and tail == "fetch_openml":
        name = _string(first, value)
        return name if (name or "").lower() in _OPENML_BALANCED else None
    if qual in _HUB_LOADERS:
        first = argument(node, "path", 0) if qual.startswith("datasets") else first
        name = _string(first, value)
        short = (name or "").rpartition("/")[2].lower().replace("-", "_")
        return name if short in _BALANCED_HUB_NAMES else None
    return None


def _repeated(term: ast.expr) -> tuple[object, int] | None:
    """``[label] * count`` (or ``count * [label]``): (label, count), else None."""
    if not (isinstance(term, ast.BinOp) and isinstance(term.op, ast.Mult)):
        return None
    for items, times in ((term.left, term.right), (term.right, term.left)):
        if (
            isinstance(items, ast.List | ast.Tuple)
            and len(items.elts) == 1
            and isinstance(items.elts[0], ast.Constant)
            and isinstance(times, ast.Constant)
            and type(times.value) is int
        ):
            return items.elts[0].value, times.value
    return None


def equal_counts(expr: ast.BinOp) -> bool:
    """Hand-built labels with the same count of each class: ``[0] * 50 + [1] * 50``.
    Skewed ones (``[0] * 90 + [1] * 10``) are not balanced."""
    terms: list[ast.expr] = []
    node: ast.expr = expr
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        terms.append(node.right)
        node = node.left
    terms.append(node)
    parts = [_repeated(term) for term in terms]
    if len(parts) < 2 or any(part is None for part in parts):
        return False
    labels = [part[0] for part in parts if part is not None]
    counts = {part[1] for part in parts if part is not None}
    return len(counts) == 1 and counts.pop() > 0 and len(set(map(repr, labels))) == len(labels)
