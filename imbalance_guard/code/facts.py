"""Facts about values, and the abstract value the data-flow analysis computes.

A *fact* says where a value came from: it was resampled (:class:`Resampled`), it is
the train or test part of a split (:class:`SplitPart`), it is an object of a known
class (:class:`Instance`: a sampler, a splitter, a classifier ...). A :class:`Value`
is the set of facts one expression can carry, plus what is known of its shape
(the items of a tuple, the element of an iterable), so ``X_tr, X_te, y_tr, y_te =
train_test_split(X, y)`` gives each name its own part.

Facts are frozen and compare by what they mean (kind, class, line), never by node
identity, so joining the facts of two branches is a set union.
"""

from __future__ import annotations

import ast
from dataclasses import field

from imbalance_guard.records import record

__all__ = [
    "EMPTY",
    "Balanced",
    "Column",
    "Dropped",
    "Fact",
    "Instance",
    "Loaded",
    "Predicted",
    "Resampled",
    "SplitPart",
    "Subset",
    "Value",
]


@record(frozen=True)
class Resampled:
    """The value holds rows produced by resampling.

    ``sampler`` is the user-facing name of what resampled it (``"SMOTE"``,
    ``"resample"``, ``".sample(replace=True)"``, or the receiver's text for an
    unknown object with ``fit_resample``); ``line`` is the program line of the
    resampling call (``node``); ``function`` names the helper it happened in;
    ``bootstrap`` marks ``resample(...)`` without ``n_samples`` or ``stratify``.
    """

    sampler: str
    line: int
    node: ast.AST = field(compare=False, hash=False, repr=False)
    function: str | None = None
    bootstrap: bool = False  # same-size draw with replacement, no rebalancing (a CI, bagging)
    #: ``"over"`` when rows are copied or synthesised (oversampling, the SMOTE family,
    #: draws with replacement, combined samplers, unknown samplers); ``"under"`` when
    #: rows are only dropped (``NearMiss``, ``resample(replace=False)``, ``.sample(n=k)``).
    kind: str = "over"

    @property
    def copies(self) -> bool:
        """Does the resampled value hold copied or synthesised rows?"""
        return self.kind != "under"


@record(frozen=True)
class SplitPart:
    """The value is (derived from) the ``"train"`` or ``"test"`` part of a split.

    ``splitter`` is ``"train_test_split"`` or ``"StratifiedKFold.split"`` and the like;
    ``line`` the program line of that call (``node``). A validation split is the
    ``"test"`` part of a second split.
    """

    part: str
    splitter: str
    line: int
    node: ast.AST = field(compare=False, hash=False, repr=False)
    #: Which array of the split this part comes from (``train_test_split(X, y)``: 0 for
    #: ``X``, 1 for ``y``); None for a splitter's ``.split`` indices.
    position: int | None = None


@record(frozen=True)
class Instance:
    """The value is an object built by calling the known class ``qualname``.

    ``role`` is ``"sampler"``, ``"splitter"``, ``"search"``, ``"pipeline"``,
    ``"classifier"``, ``"regressor"``, ``"estimator"``, ``"loaded"`` (an object read back by
    ``pickle.load`` or ``joblib.load``), ``"loader-sampler"`` (a
    data-loader sampler that oversamples, such as torch's ``WeightedRandomSampler``)
    or None (a class we know nothing about beyond its name).

    ``predicts`` is ``"classifier"`` or ``"regressor"`` when the object predicts like
    one: a classifier or regressor itself, or a pipeline or search wrapper around one
    (``make_pipeline(scaler, LogisticRegression())``, ``GridSearchCV(SVR(), grid)``), or a
    loaded object whose path, name or a later call shows it (``clf = joblib.load(p)``,
    ``model.predict_proba(X)``).
    """

    qualname: str
    role: str | None
    line: int
    node: ast.AST = field(compare=False, hash=False, repr=False)
    predicts: str | None = None
    #: For a wrapper (pipeline, search, ``CalibratedClassifierCV`` ...): the final
    #: estimator it wraps, itself unwrapped, when known.
    wraps: Instance | None = field(default=None, compare=False, hash=False, repr=False)

    @property
    def name(self) -> str:
        """The class name as users write it (``SMOTE``)."""
        return self.qualname.rsplit(".", 1)[-1]

    @property
    def final(self) -> Instance:
        """The estimator that predicts: the wrapped one for a wrapper, else this one."""
        return self.wraps if self.wraps is not None else self


@record(frozen=True)
class Predicted:
    """The value holds what ``estimator`` predicted (``clf.predict(X_test)``)."""

    estimator: Instance


@record(frozen=True)
class Subset:
    """The value holds rows picked by a condition (``df[df.y == 1]``, ``np.where(y == 1)``):
    typically one class's rows. Repeating them (``[minority] * 5``, ``np.repeat(idx, 5)``,
    appending them in a loop) is hand-written oversampling."""

    line: int


@record(frozen=True)
class Balanced:
    """The value comes from a data set whose classes are balanced by construction
    (``load_digits()``, MNIST, ``np.array([0] * 50 + [1] * 50)``); ``source`` names it.
    The metric rules exempt evaluations of such values, not the whole file."""

    source: str
    line: int


@record(frozen=True)
class Loaded:
    """The value holds rows read from the dataset file ``path`` (as the code spells it,
    constants folded: ``"../data/loans.csv"``) by ``reader`` (``"pandas.read_csv"``) at
    ``line``. Resolving ``path`` to a file is :mod:`.datasets`' business."""

    path: str
    reader: str
    line: int
    #: The reader was given only the path (no ``sep=``, ``skiprows=``, ``usecols=`` ...):
    #: its rows are those a plain read of the file gives.
    plain: bool = False


@record(frozen=True)
class Column:
    """The value is one column of a loaded frame: ``df["col"]``, ``df.col``,
    ``df.pop("col")``; ``column`` is the name, or a position (``df.iloc[:, -1]``: -1)."""

    column: str | int
    line: int


@record(frozen=True)
class Dropped:
    """The value is a loaded frame without ``columns`` (``df.drop(columns=["y"])``)."""

    columns: tuple[str, ...]
    line: int


@record(frozen=True)
class Param:
    """Internal: "whatever the caller passes as parameter ``index``" (function summaries)."""

    owner: int
    index: int


Fact = Resampled | SplitPart | Instance | Predicted | Subset | Balanced | Loaded | Column | Dropped


class Value:
    """What the analysis knows of one value: its facts, and its shape where known.

    ``facts`` always covers the whole value (a tuple's facts include its items');
    ``items`` refines a tuple or list of known length; ``elem`` is what iterating
    over it yields; ``qual`` is set when the value *is* a module, class or function
    of a library (``"imblearn.over_sampling.SMOTE"``).
    """

    __slots__ = ("const", "elem", "facts", "func", "items", "qual")

    def __init__(
        self,
        facts: frozenset = frozenset(),
        items: tuple[Value, ...] | None = None,
        elem: Value | None = None,
        qual: str | None = None,
        func: object = None,
        const: str | None = None,
    ):
        self.facts = facts
        self.items = items
        self.elem = elem
        self.qual = qual
        self.func = func
        self.const = const

    # -- questions rules ask ----------------------------------------------------
    @property
    def resampled(self) -> list[Resampled]:
        """Resampling events this value derives from, in source order."""
        return sorted((f for f in self.facts if isinstance(f, Resampled)), key=lambda f: f.line)

    @property
    def split_parts(self) -> list[SplitPart]:
        return sorted((f for f in self.facts if isinstance(f, SplitPart)), key=lambda f: f.line)

    def parts(self, part: str) -> list[SplitPart]:
        """Splits this value is the ``part`` ("train" or "test") of — and not the other
        part of the same split too (train and test joined again are the whole data)."""
        parts = self.split_parts
        other = {(f.splitter, f.line) for f in parts if f.part != part}
        return [f for f in parts if f.part == part and (f.splitter, f.line) not in other]

    @property
    def instances(self) -> list[Instance]:
        return sorted(
            (f for f in self.facts if isinstance(f, Instance)), key=lambda f: (f.line, f.qualname)
        )

    def instances_of(self, role: str) -> list[Instance]:
        return [f for f in self.instances if f.role == role]

    @property
    def predicts(self) -> str | None:
        """``"classifier"`` or ``"regressor"`` when every estimator this value may hold
        predicts the same way (wrappers count as the estimator they wrap); else None."""
        kinds = {f.predicts for f in self.facts if isinstance(f, Instance) and f.predicts}
        return kinds.pop() if len(kinds) == 1 else None

    @property
    def predicted_by(self) -> list[Instance]:
        """The estimators whose predictions this value holds, in source order."""
        return sorted(
            {f.estimator for f in self.facts if isinstance(f, Predicted)},
            key=lambda i: (i.line, i.qualname),
        )

    @property
    def balanced(self) -> bool:
        """Does this value come from a data set balanced by construction?"""
        return any(isinstance(f, Balanced) for f in self.facts)

    @property
    def is_test(self) -> bool:
        return any(isinstance(f, SplitPart) and f.part == "test" for f in self.facts)

    @property
    def is_train(self) -> bool:
        return any(isinstance(f, SplitPart) and f.part == "train" for f in self.facts)

    def __repr__(self) -> str:
        shown = sorted(repr(f) for f in self.facts)
        return f"Value({', '.join(shown)}{', items' if self.items else ''})"


EMPTY = Value()


def union(a: frozenset, b: frozenset) -> frozenset:
    if not a:
        return b
    if not b or a is b:
        return a
    return a | b


def join(a: Value | None, b: Value | None) -> Value:
    """The value that may be either ``a`` or ``b`` (after an ``if``, a loop, a ``try``)."""
    if a is None or a is b:
        return b or EMPTY
    if b is None:
        return a
    items = None
    if a.items is not None and b.items is not None and len(a.items) == len(b.items):
        items = tuple(join(x, y) for x, y in zip(a.items, b.items, strict=False))
    elem = join(a.elem, b.elem) if a.elem is not None and b.elem is not None else None
    return Value(
        union(a.facts, b.facts),
        items,
        elem,
        a.qual if a.qual == b.qual else None,
        a.func if a.func is b.func else None,
        a.const if a.const == b.const else None,
    )


def with_facts(value: Value, extra: frozenset) -> Value:
    """``value`` with ``extra`` facts added to it and to each of its items."""
    if not extra:
        return value
    items = tuple(with_facts(i, extra) for i in value.items) if value.items else None
    return Value(union(value.facts, extra), items, value.elem)


def element_of(value: Value) -> Value:
    """What iterating over ``value`` yields."""
    if value.elem is not None:
        return value.elem
    if value.items:
        out = value.items[0]
        for item in value.items[1:]:
            out = join(out, item)
        return out
    return Value(value.facts) if value.facts else EMPTY
