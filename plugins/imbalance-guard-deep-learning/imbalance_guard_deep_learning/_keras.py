"""Keras metric names that exist in the Keras the file uses, spelled as the file spells Keras.

``keras.metrics.AUC(curve="PR")``, ``Precision`` and ``Recall`` exist in every Keras of
TensorFlow 2 and in Keras 3. ``keras.metrics.F1Score`` only from Keras 2.13 (TensorFlow
2.13) and in Keras 3; older code reached for ``tensorflow_addons``, which is end of life, so
an F1 is then advised from precision and recall instead.

The version is told from the imports alone (nothing is imported): Keras 3 by ``keras.ops``,
``keras.src``, ``keras.config``, ``keras_core`` or a ``KERAS_BACKEND`` setting; Keras 2.13+
by the ``tf_keras`` package; an old Keras by ``tensorflow_addons``, ``keras.wrappers``,
``keras.utils.np_utils`` or ``tensorflow.contrib``. ``import keras`` and ``tf.keras`` alone
say nothing (TensorFlow 2.16 made ``tf.keras`` Keras 3): then only the names present in
all are suggested.
"""

from __future__ import annotations

from dataclasses import dataclass

from imbalance_guard.code.unit import CodeUnit

_KERAS_3 = ("keras.ops", "keras.src", "keras.config", "keras.random", "keras_core")
_KERAS_213 = ("tf_keras",)
_OLD = (
    "tensorflow_addons",
    "keras.wrappers",
    "keras.utils.np_utils",
    "tensorflow.keras.wrappers",
    "tensorflow.contrib",
    "keras.layers.merge",
)
#: Modules whose local name spells the Keras namespace (``keras``, ``tf_keras``).
_KERAS_MODULES = ("keras", "tensorflow.keras", "tf_keras", "keras_core", "tensorflow.python.keras")


@dataclass(frozen=True)
class Keras:
    """How to write a Keras metric for this file."""

    prefix: str  # ``keras.metrics`` / ``tf.keras.metrics`` / ``tf_keras.metrics``
    f1: bool | None  # F1Score exists (True), does not (False), cannot be told (None)
    #: The import that binds ``keras`` when the file binds no Keras name (``from
    #: tensorflow.keras.callbacks import EarlyStopping``), else "".
    needs: str = ""

    def metric(self, name: str, arguments: str = "") -> str:
        return f"{self.prefix}.{name}({arguments})"


def keras_of(unit: CodeUnit) -> Keras:
    """The Keras ``unit`` uses: its spelling and whether ``F1Score`` exists in it."""
    targets = list(unit.imports.aliases.values()) + list(unit.imports.star_modules)
    used = targets + [call.qualname or "" for call in unit.flow.calls]
    if _any_in(used, _KERAS_3) or "KERAS_BACKEND" in unit.source:
        f1: bool | None = True
    elif _any_in(used, _KERAS_213):
        f1 = True
    elif _any_in(used, _OLD):
        f1 = False
    else:
        f1 = None
    prefix, needs = _prefix(unit, targets)
    return Keras(prefix, f1, needs)


def _any_in(names: list[str], packages: tuple[str, ...]) -> bool:
    return any(n == p or n.startswith(p + ".") for n in names for p in packages)


def _prefix(unit: CodeUnit, targets: list[str]) -> tuple[str, str]:
    aliases = unit.imports.aliases
    for module in _KERAS_MODULES:
        local = sorted(name for name, target in aliases.items() if target == module)
        if local:
            return f"{local[0]}.metrics", ""
    tensorflow = sorted(name for name, target in aliases.items() if target == "tensorflow")
    if tensorflow:
        return f"{tensorflow[0]}.keras.metrics", ""
    if _any_in(targets, ("tensorflow",)):
        return "keras.metrics", "from tensorflow import keras"
    return "keras.metrics", "import keras"


def imbalance_metrics(keras: Keras, classes: int | None) -> str:
    """ "track ... too": metrics beside the monitored PR-AUC that exist in this Keras;
    ``classes`` is the width of the model's output layer (1: one sigmoid output), None when
    unknown."""
    precision = keras.metric("Precision", 'name="precision"')
    recall = keras.metric("Recall", 'name="recall"')
    listed = f"`{precision}` and `{recall}`"
    if keras.f1 is True:
        if classes == 1:
            f1 = f"`{keras.metric('F1Score', 'threshold=0.5')}`"
        else:
            f1 = "`" + keras.metric("F1Score", 'average="macro"') + "`"
            if classes is None:
                f1 += " (`threshold=0.5` for one sigmoid output)"
        return f"track `{precision}`, `{recall}` and {f1} too"
    if keras.f1 is False:
        return (
            f"track {listed} too (this Keras has no `F1Score`: F1 is 2PR/(P+R) of the two, "
            "no `tensorflow_addons` needed)"
        )
    return f"track {listed} too"
