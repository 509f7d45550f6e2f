"""Train/test pairs the code shows (IG107): one file's rows reach a model's ``fit`` and
another file's rows reach a ``predict`` / ``score`` of the same model.

Pure flow facts and path resolution, no data library: the rows are compared by
:func:`imbalance_guard.rules.data.ig107_train_test_overlap.check_pair` only when a pair
exists. A split of one file (``train_test_split``) is no pair: both sides come from the
same file, and the split itself decides what they share.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from imbalance_guard.code.facts import Column, Dropped, Instance, Loaded
from imbalance_guard.records import record

if TYPE_CHECKING:
    from imbalance_guard.code.facts import Value
    from imbalance_guard.code.flow import Call
    from imbalance_guard.code.unit import CodeUnit

__all__ = ["CodePair", "pairs_of"]

#: Methods that evaluate a fitted model on the rows they are given.
EVALUATES = frozenset(
    {"predict", "predict_proba", "predict_log_proba", "decision_function", "score"}
)
#: Objects whose ``fit`` learns no model that is then evaluated.
_NOT_MODELS = frozenset({"sampler", "resampler", "splitter", "loader-sampler"})


@record(frozen=True)
class CodePair:
    """The file a model is fitted on, the file it is evaluated on, and the columns the
    code drops from its features (compared without them, the label kept)."""

    train: Path
    test: Path
    exclude: tuple[str, ...]
    origin: str  # "scripts/train.py:14": the evaluation


@record
class _Side:
    loads: set[Loaded]
    dropped: set[str]
    labels: set[str]
    line: int


def _features(call: Call) -> list[Value]:
    return call.args[:1] + [v for k, v in call.keywords.items() if k == "X"]


def _labels(call: Call) -> list[Value]:
    return call.args[1:2] + [v for k, v in call.keywords.items() if k == "y"]


def _side(call: Call) -> _Side:
    side = _Side(set(), set(), set(), call.node.lineno)
    for value in _features(call):
        side.loads.update(f for f in value.facts if isinstance(f, Loaded))
        for fact in value.facts:
            if isinstance(fact, Dropped):
                side.dropped.update(fact.columns)
    for value in _labels(call):
        side.labels.update(
            f.column for f in value.facts if isinstance(f, Column) and isinstance(f.column, str)
        )
    return side


def _models(call: Call) -> Iterable[Instance]:
    if call.receiver is None:
        return ()
    return [i for i in call.receiver.instances if i.role not in _NOT_MODELS]


def pairs_of(unit: CodeUnit, root: Path) -> list[CodePair]:
    """The (fitted file, evaluated file) pairs of ``unit`` whose files exist, in source
    order; each side must come from exactly one file, and the two files must differ."""
    from imbalance_guard.data.linked import resolve

    fits: dict[Instance, list[_Side]] = {}
    evaluations: list[tuple[Instance, _Side]] = []
    for call in unit.flow.calls:
        if call.method == "fit":
            for model in _models(call):
                fits.setdefault(model, []).append(_side(call))
        elif call.method in EVALUATES:
            evaluations.extend((model, _side(call)) for model in _models(call))
    found: dict[tuple[str, str], CodePair] = {}
    for model, tested in evaluations:
        for fitted in fits.get(model, ()):
            if len(fitted.loads) != 1 or len(tested.loads) != 1:
                continue
            train = resolve(next(iter(fitted.loads)).path, unit.file, root)
            test = resolve(next(iter(tested.loads)).path, unit.file, root)
            if train is None or test is None or train == test:
                continue
            key = (os.path.realpath(train), os.path.realpath(test))
            if key in found:
                continue
            labels = fitted.labels | tested.labels
            exclude = tuple(sorted((fitted.dropped | tested.dropped) - labels))
            found[key] = CodePair(train, test, exclude, f"{unit.path}:{tested.line}")
    return list(found.values())
