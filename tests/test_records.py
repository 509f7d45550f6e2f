"""``@record`` gives a class exactly the methods ``@dataclass`` would generate.

Each shape is declared twice from one body, once by each decorator, and every method is
compared on Hypothesis-drawn values: construction (signature, defaults, factories,
``__post_init__``), equality, hash, repr, ordering, freezing, pickling and ``replace``.
"""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imbalance_guard.records import record


def both(body: dict[str, Any], annotations: dict[str, str], **options: bool) -> tuple[type, type]:
    """The class ``@dataclass(**options)`` declares from ``body``, and ``@record``'s."""

    def declare(decorator: Any, name: str) -> type:
        namespace = {**body, "__annotations__": dict(annotations), "__qualname__": "Shape"}
        namespace["__module__"], namespace["origin"] = __name__, name
        for key, value in body.items():  # a Field object is consumed by its class
            if isinstance(value, dataclasses.Field):
                namespace[key] = field(
                    default=value.default,
                    default_factory=value.default_factory,
                    init=value.init,
                    repr=value.repr,
                    hash=value.hash,
                    compare=value.compare,
                )
        cls = type("Shape", (), namespace)
        return decorator(**options)(cls)

    return declare(dataclass, "generated"), declare(record, "written")


FIELDS = {"a": "int", "b": "str", "hidden": "int", "shown_only": "int", "hashed": "int"}
BODY = {
    "b": "x",
    "hidden": field(default=0, compare=False, hash=False, repr=False),
    "shown_only": field(default=0, compare=False),
    "hashed": field(default=0, compare=True, hash=False),
}
OPTIONS = [
    {"frozen": True},
    {"frozen": True, "order": True},
    {},
    {"order": True},
    {"frozen": True, "eq": False, "repr": False},
    {"eq": False, "repr": False},
    {"eq": False},
    {"repr": False},
]
values = st.tuples(st.integers(-3, 3), st.sampled_from(["", "x", "y"]), st.integers(0, 2),
                   st.integers(0, 2), st.integers(0, 2))  # fmt: skip


@pytest.mark.parametrize("options", OPTIONS, ids=str)
@given(one=values, two=values)
def test_every_method_is_the_generated_one(options: dict, one: tuple, two: tuple) -> None:
    generated, written = both(BODY, FIELDS, **options)
    g1, g2, w1, w2 = generated(*one), generated(*two), written(*one), written(*two)
    assert vars(w1) == vars(g1)
    assert (w1 == w2) is (g1 == g2) and (w1 != w2) is (g1 != g2)
    assert (w1 == w1) is True
    assert (generated.__hash__ is None) is (written.__hash__ is None)
    if generated.__hash__ is not None and options.get("eq", True):
        assert hash(w1) == hash(g1)
    if options.get("repr", True):
        assert repr(w1) == repr(g1)
    else:
        assert written.__repr__ is generated.__repr__ is object.__repr__
    for op in ("__lt__", "__le__", "__gt__", "__ge__"):
        assert getattr(w1, op)(w2) == getattr(g1, op)(g2), op


@pytest.mark.parametrize("options", OPTIONS, ids=str)
def test_construction_and_freezing_are_the_generated_ones(options: dict) -> None:
    generated, written = both(BODY, FIELDS, **options)
    w, g = written(1, b="y"), generated(1, b="y")
    assert inspect.signature(written.__init__) == inspect.signature(generated.__init__)
    assert vars(w) == vars(g)
    assert vars(written(1)) == vars(generated(1))
    with pytest.raises(TypeError):
        written()
    with pytest.raises(TypeError):
        written(1, 2, 3, 4, 5, 6)
    for action in (lambda o: setattr(o, "a", 9), lambda o: delattr(o, "b")):
        outcome = []
        for obj in (g, w):
            try:
                action(obj)
                outcome.append(("ok", vars(obj).get("a")))
            except Exception as error:  # the two must raise the same error
                outcome.append((type(error), str(error)))
        assert outcome[0] == outcome[1]
    copy = dataclasses.replace(w, a=5)
    assert vars(copy) == vars(dataclasses.replace(g, a=5))
    assert [f.name for f in dataclasses.fields(written)] == list(FIELDS)
    assert dataclasses.asdict(w) == dataclasses.asdict(g)


def test_factories_fields_outside_init_and_post_init() -> None:
    calls: list[str] = []

    def post_init(self: Any) -> None:
        calls.append(self.origin)

    body = {
        "items": field(default_factory=list),
        "cache": field(default_factory=dict, init=False, repr=False, compare=False),
        "fixed": field(default=7, init=False),
        "__post_init__": post_init,
    }
    annotations = {"name": "str", "items": "list", "cache": "dict", "fixed": "int"}
    generated, written = both(body, annotations, frozen=True)
    w, g = written("n"), generated("n")
    # Equal as text: each marks a factory default with its own <factory> object.
    assert str(inspect.signature(written.__init__)) == str(inspect.signature(generated.__init__))
    assert vars(w) == vars(g) == {"name": "n", "items": [], "cache": {}}
    assert w.fixed == g.fixed == 7  # the class attribute: neither __init__ sets it
    assert written("n").items is not w.items  # a fresh list for each instance
    assert written("n", [1]).items == [1]
    assert calls == ["written", "generated", "written", "written"]
    assert repr(w) == repr(g)


@record(frozen=True, order=True)
class Point:
    x: int
    y: int = 0


def test_instances_pickle_and_sort() -> None:
    points = [Point(2), Point(1, 5), Point(1)]
    assert pickle.loads(pickle.dumps(points)) == points
    assert sorted(points) == [Point(1), Point(1, 5), Point(2)]
    assert {Point(1), Point(1, 0)} == {Point(1)}


def test_an_undocumented_class_is_documented_by_its_parameters() -> None:
    _, written = both(BODY, FIELDS, frozen=True)
    assert written.__doc__ == (
        "Shape(a: int, b: str = 'x', hidden: int = 0, shown_only: int = 0, hashed: int = 0)"
    )
    _, documented = both({**BODY, "__doc__": "Mine."}, FIELDS)
    assert documented.__doc__ == "Mine."


def test_empty_and_one_field_classes() -> None:
    generated, written = both({}, {}, frozen=True)
    assert hash(written()) == hash(generated()) and written() == written()
    assert repr(written()) == "Shape()"
    generated, written = both({}, {"a": "object"}, frozen=True)
    for value in (1, "x", None, (1,)):
        assert hash(written(value)) == hash(generated(value))
        assert repr(written(value)) == repr(generated(value))


def test_other_classes_are_never_equal_or_ordered() -> None:
    generated, written = both(BODY, FIELDS, frozen=True, order=True)
    assert written(1) != generated(1)
    assert written(1).__eq__(generated(1)) is NotImplemented
    assert written(1) != (1, "x", 0, 0, 0)
    with pytest.raises(TypeError):
        _ = written(1) < generated(2)


def test_declaration_errors_are_raised_when_the_class_is_declared() -> None:
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):
        both({"a": 1}, {"a": "int", "b": "int"})
    with pytest.raises(ValueError, match="eq must be true if order is true"):
        record(eq=False, order=True)(type("Shape", (), {}))


@pytest.mark.parametrize("frozen", [True, False])
def test_fields_named_like_the_generated_code_s_own_names(frozen: bool) -> None:
    annotations = {"self": "int", "_set": "int", "_FACTORY": "int", "items": "list"}
    body = {"items": field(default_factory=list)}
    generated, written = both(body, annotations, frozen=frozen)
    assert vars(written(1, 2, 3)) == vars(generated(1, 2, 3))
    assert vars(written(self=1, _set=2, _FACTORY=3, items=[4])) == {
        "self": 1, "_set": 2, "_FACTORY": 3, "items": [4]
    }  # fmt: skip


def test_a_recursive_value_is_shown_without_recursing() -> None:
    _, written = both({}, {"a": "object"}, frozen=True)
    box: list = []
    w = written(box)
    box.append(w)
    assert repr(w) == "Shape(a=[...])"


def test_a_method_the_class_writes_itself_is_kept() -> None:
    def custom_repr(self: Any) -> str:
        return "mine"

    def custom_eq(self: Any, other: object) -> bool:
        return True

    generated, written = both({"__repr__": custom_repr, "__eq__": custom_eq}, {"a": "int"})
    assert repr(written(1)) == repr(generated(1)) == "mine"
    assert (written(1) == written(2)) is True
    assert (written.__hash__ is None) is (generated.__hash__ is None)


def test_the_project_s_classes_compile_nothing_when_declared() -> None:
    """A one-file run imports these modules; none of their classes may run ``exec``."""
    import imbalance_guard.cli
    import imbalance_guard.code.facts
    import imbalance_guard.code.flow
    import imbalance_guard.runner  # noqa: F401

    classes = [
        cls
        for name, module in __import__("sys").modules.items()
        if name.startswith("imbalance_guard.")
        for cls in vars(module).values()
        if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == name
    ]
    assert len(classes) >= 30
    for cls in classes:
        params = cls.__dataclass_params__  # type: ignore[attr-defined]
        # @record lets dataclasses generate nothing; everything it adds is its own.
        assert not (params.init or params.eq or params.repr or params.frozen), cls
        assert cls.__init__.__module__ in ("imbalance_guard.records", cls.__module__), cls
