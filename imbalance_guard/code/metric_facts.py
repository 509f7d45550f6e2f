"""The metric rules' questions (IG2xx), answered from the shared data-flow analysis.

``unit.flow.metric_facts`` is built once per unit from the facts of
:mod:`imbalance_guard.code.flow`, so it is ordered like the flow: which estimator a
name holds is the one bound where it is used (a name re-used for a regressor and then
a classifier is right at each use), a name stands for a string only where every path
reaching the use bound it to that string, and what the parts of a split are used for
follows their values (through re-splits, copies and helper functions), not their
names. Rules read these answers; they keep no per-unit state of their own.
"""

from __future__ import annotations

import ast
import bisect
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING

from imbalance_guard.code import library as C
from imbalance_guard.code.calls import argument
from imbalance_guard.code.facts import EMPTY, Instance, SplitPart, Value

if TYPE_CHECKING:
    from imbalance_guard.code.flow import Call, Flow
    from imbalance_guard.code.imports import ImportMap
    from imbalance_guard.code.unit import CodeUnit

__all__ = ["MetricFacts", "imports_ml"]

_PREDICTING = ("classifier", "regressor")
_CLASSIFICATION_METRICS = C.ACCURACY_FUNCTIONS | C.IMBALANCE_AWARE_FUNCTIONS
_LABEL_KEYWORDS = ("y", "y_true", "y_pred")
_FIT_METHODS = ("fit", "partial_fit", "score")


def imports_ml(unit: CodeUnit) -> bool:
    """Does the unit import anything the metric rules know? (Cheap: no analysis.)"""
    return C.imports_ml(unit)


def public_name(name: str | None) -> str | None:
    """``sklearn.metrics._classification.accuracy_score`` and other private or old module
    paths of a catalogued name: the public name (same package, same final name)."""
    if name is None or name in C.PUBLIC_NAMES:
        return name
    root, _, tail = name.partition(".")
    return C.PUBLIC_BY_ROOT_AND_TAIL.get((root, name.rpartition(".")[2]), name) if tail else name


class MetricFacts:
    """What IG201 and IG202 ask of one unit; see the module docstring."""

    def __init__(self, flow: Flow, imports: ImportMap):
        self.flow = flow
        self.imports = imports

    # -- names ------------------------------------------------------------------------
    def qualname(self, node: ast.AST) -> str:
        """The public qualified name ``node`` (a Name or Attribute chain) refers to, or ''."""
        return public_name(self.imports.qualify(node)) or ""

    @cached_property
    def _callees(self) -> dict[int, str]:
        """id of each call node -> its callee's public name (or '')."""
        return {id(c.node): public_name(c.callee) or "" for c in self.flow.calls}

    def callee(self, node: ast.Call) -> str:
        """The public name of the function ``node`` calls, or ''."""
        found = self._callees.get(id(node))
        return found if found is not None else self.qualname(node.func)

    @cached_property
    def calls(self) -> list[tuple[ast.Call, str]]:
        """Every call of the unit in source order, with its callee's name (or '')."""
        names = self._callees
        nodes = {id(call.node): call.node for call in self.flow.calls}
        ordered = sorted(nodes.values(), key=lambda n: (n.lineno, n.col_offset))
        return [(node, names[id(node)]) for node in ordered]

    def calls_to(self, names: Iterable[str]) -> Iterator[tuple[ast.Call, str]]:
        return ((call, name) for call, name in self.calls if name in names)

    @cached_property
    def referenced(self) -> frozenset[str]:
        """Every library name the unit uses, and the modules and classes around it
        (``metrics.ConfusionMatrixDisplay.from_estimator`` uses the class too)."""
        names = {public_name(n) or "" for n in self.flow.referenced}
        names.update(name for _, name in self.calls if name)
        names.update(
            name.rsplit(".", depth)[0]
            for name in list(names)
            for depth in range(1, name.count("."))
        )
        names.discard("")
        return frozenset(names)

    def uses(self, names: Iterable[str]) -> bool:
        return any(name in self.referenced for name in names)

    def uses_package(self, prefixes: tuple[str, ...]) -> bool:
        return any(
            name == p or name.startswith(p + ".") for name in self.referenced for p in prefixes
        )

    @cached_property
    def import_statements(self) -> list[ast.Import | ast.ImportFrom]:
        """Every import statement of the unit, in source order."""
        return sorted(self.flow.import_statements, key=lambda s: (s.lineno, s.col_offset))

    def inside_function(self, node: ast.AST, names: tuple[str, ...]) -> bool:
        """Is ``node`` inside a function (or method) with one of these names?"""
        line = getattr(node, "lineno", 0)
        return any(
            function.name in names and function.lineno <= line <= (function.end_lineno or 0)
            for function in self.flow.functions
        )

    # -- values -------------------------------------------------------------------------
    def value(self, node: ast.AST | None) -> Value:
        """The flow's Value of ``node``: a call, an argument of a call, a method's receiver."""
        return EMPTY if node is None else self.flow.value_of(node)

    def constant_string(self, node: ast.AST | None, value: Value | None = None) -> str | None:
        """The string ``node`` is: a literal, or a name bound to that one string on every
        path that reaches this use (``value``: the node's Value when the caller has it)."""
        if isinstance(node, ast.Constant):
            return node.value if isinstance(node.value, str) else None
        found = value if value is not None else self.value(node)
        return found.const if isinstance(found.const, str) else None

    def resampled(self, node: ast.expr) -> bool:
        """Was the value of ``node`` (an argument of a call) produced by resampling?"""
        return bool(self.value(node).resampled)

    # -- estimators ----------------------------------------------------------------------
    def estimator(self, node: ast.AST | None) -> Instance | None:
        """The estimator that predicts for ``node`` (unwrapped from pipelines, searches
        and wrappers), when every estimator it may hold here predicts the same way."""
        return _final(self.value(node))

    def estimator_call(self, node: ast.AST | None) -> ast.Call | None:
        """The constructor call (``RandomForestClassifier(...)``) of that estimator."""
        found = self.estimator(node)
        return found.node if found is not None and isinstance(found.node, ast.Call) else None

    def estimator_kind(self, node: ast.AST | None) -> str | None:
        """``"classifier"`` or ``"regressor"`` for the estimator ``node`` holds, when known
        (a loaded model: also when some use anywhere in the unit shows a classifier)."""
        value = self.value(node)
        return value.predicts or self._loaded_kind(value)

    def _loaded_kind(self, value: Value) -> str | None:
        instances = value.instances
        shown = self._loaded_classifiers
        if instances and all(
            i.role == "loaded" and (i.qualname, i.line) in shown for i in instances
        ):
            return "classifier"
        return None

    @cached_property
    def _loaded_classifiers(self) -> frozenset[tuple[str, int]]:
        """Models read back by ``pickle.load`` / ``joblib.load`` that some use shows to be
        classifiers, before or after the use asked about: ``predict_proba``, or their
        predictions given to a classification metric."""
        found: set[tuple[str, int]] = set()
        for call in self.flow.calls:
            shown: list[Instance] = []
            if call.method in C.CLASSIFIER_METHODS and call.receiver is not None:
                shown = call.receiver.instances
            elif self.callee(call.node) in _CLASSIFICATION_METRICS:
                shown = [e for value in call.args for e in value.predicted_by]
                shown += [e for value in call.keywords.values() for e in value.predicted_by]
            found.update((i.qualname, i.line) for i in shown if i.role == "loaded")
        return frozenset(found)

    def estimator_name(self, node: ast.AST | None) -> str:
        """The estimator's class name as users write it (``LogisticRegression``), or ''."""
        found = self.estimator(node)
        if found is not None:
            return found.name
        instances = [i for i in self.value(node).instances if i.role in _PREDICTING]
        return instances[0].name if instances else ""

    def predicted_by(self, node: ast.AST | None) -> ast.Call | None:
        """The constructor of the estimator whose predictions ``node`` holds
        (``y_pred`` after ``y_pred = clf.predict(X)``), when there is one."""
        estimators = self.value(node).predicted_by
        if len({e.final.role for e in estimators}) != 1:
            return None
        built = estimators[0].final.node
        return built if isinstance(built, ast.Call) else None

    # -- data -------------------------------------------------------------------------------
    def balanced(self, nodes: Iterable[ast.AST | None]) -> bool:
        """Does one of these expressions (the data an evaluation or a split sees) come from
        a data set balanced by construction? Decided per value, not per file."""
        return any(self.value(node).balanced for node in nodes if node is not None)

    def balanced_data(self) -> bool:
        """Does the unit load a data set whose classes are balanced by construction?
        (For evaluations that name no data, such as Keras ``compile(metrics=...)``.)"""
        if any(value.balanced for call in self.flow.calls for value in (call.result,)):
            return True
        for call, name in self.calls:
            if name in C.BALANCED_DATASETS:
                return True
            if name == "sklearn.datasets.make_classification":
                return argument(call, "weights") is None
            if name == "sklearn.datasets.fetch_openml":
                data = self.constant_string(argument(call, "name", 0))
                return (data or "").lower() in ("mnist_784", "fashion-mnist", "cifar_10")
        return False

    # -- what the parts of a split are used for ----------------------------------------------
    @cached_property
    def _split_uses(self) -> dict[tuple[int, int], set[str]]:
        """(id of a split call, position of its array) -> the kinds of estimator or metric
        the train and test parts of that array reach as labels. One pass over the calls."""
        found: dict[tuple[int, int], set[str]] = defaultdict(set)
        for call in self.flow.calls:
            for value, kind in self._label_uses(call):
                if value.predicted_by:
                    continue  # predictions carry the split parts of the features they used
                parts: dict[int, set[int]] = defaultdict(set)
                for fact in value.facts:
                    if isinstance(fact, SplitPart) and fact.position is not None:
                        parts[id(fact.node)].add(fact.position)
                for split, positions in parts.items():
                    if len(positions) == 1:  # features and labels joined again: not labels
                        found[(split, positions.pop())].add(kind)
        return found

    def _label_uses(self, call: Call) -> Iterator[tuple[Value, str]]:
        """The values ``call`` uses as class labels or regression targets, with the kind
        that use shows (``"classifier"`` or ``"regressor"``)."""
        node = call.node
        name = self.callee(node)
        metric = (
            "classifier" if name in _CLASSIFICATION_METRICS
            else "regressor" if name in C.REGRESSION_METRICS else None
        )  # fmt: skip
        if metric == "regressor" and self._classifier_predictions(call):
            # ``mean_absolute_error(y_test, clf.predict(X_test))``: the classifier fitted
            # on the target is the evidence; the metric is an odd choice, not a regression
            return
        for keyword in _LABEL_KEYWORDS:
            if metric and keyword in call.keywords:
                yield call.keywords[keyword], metric
        if metric:
            for value in call.args:
                yield value, metric
            return
        if name in C.CV_CONSUMERS and len(call.args) > 2:
            kind = self.estimator_kind(argument(node, "estimator", 0))
            if kind:
                yield call.args[2], kind
        elif call.method in _FIT_METHODS and len(call.args) > 1 and call.receiver is not None:
            kind = call.receiver.predicts
            if kind:
                yield call.args[1], kind

    @staticmethod
    def _classifier_predictions(call: Call) -> bool:
        """Does ``call`` get predictions of classifiers only (and some)?"""
        estimators = [
            e for value in (*call.args, *call.keywords.values()) for e in value.predicted_by
        ]
        return bool(estimators) and all(e.final.role == "classifier" for e in estimators)

    def split_target_kinds(self, split: ast.Call) -> dict[int, set[str]]:
        """For each array given to ``split``: what its train and test parts are used for."""
        uses = self._split_uses
        return {index: uses.get((id(split), index), set()) for index in range(len(split.args))}

    # -- cross-validation splitters ------------------------------------------------------------
    @cached_property
    def _splitter_uses(self) -> dict[int, list[tuple[str, ast.AST, Call]]]:
        """id of a splitter's constructor call -> its uses: ("cv", consumer call) or
        ("loop" / "loop-y", for statement); ``loop-y``: its ``.split`` gets the labels."""
        found: dict[int, list[tuple[str, ast.AST, Call]]] = defaultdict(list)
        for call in self.flow.calls:
            if "cv" in call.keywords and self.callee(call.node) in C.CV_CONSUMERS:
                for splitter in call.keywords["cv"].instances_of("splitter"):
                    found[id(splitter.node)].append(("cv", call.node, call))
            elif call.method == "split" and call.receiver is not None:
                loop = self.flow.loop_of(call.node)
                where: ast.AST | None = loop
                how = "loop-y" if len(call.node.args) >= 2 else "loop"
                if loop is None and id(call.node) in self._next_of:
                    # ``next(ShuffleSplit(...).split(X, y))``: one hold-out split
                    where, how = call.node, how.replace("loop", "holdout")
                if where is None:
                    continue
                for splitter in call.receiver.instances_of("splitter"):
                    found[id(splitter.node)].append((how, where, call))
        return found

    @cached_property
    def _next_of(self) -> frozenset[int]:
        """ids of the calls given to ``next(...)``."""
        return frozenset(
            id(call.node.args[0])
            for call in self.flow.calls
            if isinstance(call.node.func, ast.Name)
            and call.node.func.id == "next"
            and call.node.args
            and isinstance(call.node.args[0], ast.Call)
        )

    def splitter_balanced(self, splitter: ast.Call) -> bool:
        """Does the data some use of this splitter sees come from a balanced data set?"""
        return any(
            value.balanced
            for _, _, call in self._splitter_uses.get(id(splitter), [])
            for value in (*call.args, *call.keywords.values())
        )

    def holdout_fits_classifier(self, split: ast.AST) -> bool:
        """Does a classifier fit the parts of the hold-out split ``split``
        (``clf.fit(X[train_idx], y[train_idx])``)?"""
        return any(
            call.method in ("fit", "partial_fit")
            and call.receiver is not None
            and call.receiver.predicts == "classifier"
            and any(
                isinstance(fact, SplitPart) and fact.node is split
                for value in call.args
                for fact in value.facts
            )
            for call in self.flow.calls
        )

    def splitter_uses(self, splitter: ast.Call) -> list[tuple[str, ast.AST]]:
        """How the splitter built by ``splitter`` is used, in source order."""
        return [(how, where) for how, where, _ in self._splitter_uses.get(id(splitter), [])]

    def fits_classifier(self, body: list[ast.stmt]) -> bool:
        """Does this block fit a classifier (``clf.fit(X[tr], y[tr])``)?"""
        if not body:
            return False
        first, last = body[0].lineno, body[-1].end_lineno or body[-1].lineno
        lines = self._classifier_fit_lines
        at = bisect.bisect_left(lines, first)
        return at < len(lines) and lines[at] <= last

    @cached_property
    def _classifier_fit_lines(self) -> list[int]:
        return sorted(
            call.node.lineno
            for call in self.flow.calls
            if call.method in ("fit", "partial_fit")
            and call.receiver is not None
            and call.receiver.predicts == "classifier"
        )


def _final(value: Value) -> Instance | None:
    finals = [i.final for i in value.instances if i.final.role in _PREDICTING]
    if not finals or len({i.role for i in finals}) != 1:
        return None
    return finals[0]
