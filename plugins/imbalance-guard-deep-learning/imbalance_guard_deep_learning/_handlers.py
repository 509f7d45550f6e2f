"""Ways of handling class imbalance the core's analysis does not name, and balanced data.

The core knows resamplers and scikit-learn's weight helpers. Deep-learning code also
balances by hand: a ``class_weight={0: 1, 1: 20}`` dict given to a fit, a
``pos_weight=``/``weight=`` tensor given to a loss, negatives cut by index
(``np.random.choice(neg_idx, n)``, ``neg_idx[torch.randperm(len(neg_idx))[:n]]``).
A file that does any of these handles imbalance, and a file that trains on a data set
balanced by construction (MNIST, CIFAR-10, ...) has none to handle.
"""

from __future__ import annotations

import ast

from imbalance_guard.code import library
from imbalance_guard.code.unit import CodeUnit

#: Keywords whose (non-None) value weights classes or samples, in any call.
WEIGHT_KEYWORDS = ("class_weight", "pos_weight", "sample_weight", "class_weights")
#: Loss constructors where ``weight=`` means class weights.
_WEIGHTED_LOSS_TAILS = frozenset(
    {"CrossEntropyLoss", "NLLLoss", "BCELoss", "BCEWithLogitsLoss", "cross_entropy", "nll_loss"}
)
#: Random index draws that undersample when given one class's indices.
_INDEX_DRAWS = frozenset(
    {"numpy.random.choice", "numpy.random.permutation", "torch.randperm", "random.sample"}
)
_DRAW_METHODS = frozenset({"choice", "permutation"})  # rng = np.random.default_rng()
#: Hugging Face ``load_dataset`` names whose classes are balanced.
BALANCED_HF = frozenset(
    {"mnist", "cifar10", "cifar100", "fashion_mnist", "imdb", "sst2", "ag_news", "yelp_polarity",
     "rotten_tomatoes", "amazon_polarity", "dbpedia_14", "uoft-cs/cifar10", "ylecun/mnist",
     "zalando-datasets/fashion_mnist", "stanfordnlp/imdb", "kmnist", "emnist"}
)  # fmt: skip
_HF_LOADERS = frozenset({"datasets.load_dataset", "datasets.load.load_dataset"})


def handled_by_hand(unit: CodeUnit) -> str | None:
    """What handles imbalance by hand in ``unit`` (for messages), or None."""
    draws = []
    for call in unit.flow.calls:
        node, qual = call.node, call.qualname or ""
        for kw in node.keywords:
            if kw.arg in WEIGHT_KEYWORDS and not _is_none(kw.value):
                return f"`{kw.arg}=`"
            if kw.arg == "weight" and qual.rsplit(".", 1)[-1] in _WEIGHTED_LOSS_TAILS:
                return "a class-weighted loss"
        if _is_draw(node, qual, call.method):
            draws.append(node)
    if draws:  # only then is the whole file searched for selections by class
        selected = _class_selected_names(unit.tree)
        if any(_on_one_class(node, selected) for node in draws):
            return "undersampling by index"
    return None


def balanced_data(unit: CodeUnit) -> str | None:
    """The balanced-by-construction data set this unit loads (``MNIST``), or None."""
    for call in unit.flow.calls:
        qual = call.qualname or ""
        if qual in library.BALANCED_DATASETS or _tail_balanced(qual):
            return qual.removesuffix(".load_data").rsplit(".", 1)[-1]
        if qual in _HF_LOADERS:
            name = call.argument("path", 0)
            known = isinstance(name, ast.Constant) and isinstance(name.value, str)
            if known and name.value.lower() in BALANCED_HF:  # type: ignore[union-attr]
                return name.value  # type: ignore[union-attr]
    return None


def _tail_balanced(qual: str) -> bool:
    # tensorflow.keras is spelled many ways (tf.keras, tensorflow.python.keras ...).
    parts = qual.split(".")
    if len(parts) >= 3 and parts[-1] == "load_data" and parts[-3] == "datasets":
        return parts[-2] in ("mnist", "fashion_mnist", "cifar10", "cifar100") and any(
            p in ("keras", "tf_keras") for p in parts
        )
    return False


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _class_selected_names(tree: ast.AST) -> set[str]:
    """Names assigned from a selection by class: ``neg = np.where(y == 0)[0]``."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _selects_class(node.value):
            for target in node.targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        names.add(name.id)
    return names


def _selects_class(expr: ast.AST) -> bool:
    return any(
        isinstance(n, ast.Compare) and any(isinstance(op, ast.Eq | ast.NotEq) for op in n.ops)
        for n in ast.walk(expr)
    )


def _is_draw(node: ast.Call, qual: str, method: str | None) -> bool:
    draws = qual in _INDEX_DRAWS or (
        method in _DRAW_METHODS and isinstance(node.func, ast.Attribute)
    )
    return draws and bool(node.args)


def _on_one_class(node: ast.Call, selected: set[str]) -> bool:
    subject = node.args[0]
    if _selects_class(subject):
        return True
    return any(isinstance(n, ast.Name) and n.id in selected for n in ast.walk(subject))
