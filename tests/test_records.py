"""``records.Record`` gives a frozen dataclass exactly the methods ``@dataclass`` would generate."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imbalance_guard import records
from imbalance_guard.records import OrderedRecord, Record


@dataclass(frozen=True)
class Generated:
    a: int
    b: str = "x"
    hidden: int = field(default=0, compare=False, hash=False, repr=False)
    shown_only: int = field(default=0, compare=False)
    hashed_not_compared: int = field(default=0, compare=True, hash=False)


@dataclass(frozen=True, eq=False, repr=False)
class Written(Record):
    a: int
    b: str = "x"
    hidden: int = field(default=0, compare=False, hash=False, repr=False)
    shown_only: int = field(default=0, compare=False)
    hashed_not_compared: int = field(default=0, compare=True, hash=False)


@dataclass(frozen=True, order=True)
class GeneratedOrdered:
    path: str
    line: int


@dataclass(frozen=True, eq=False, repr=False)
class WrittenOrdered(OrderedRecord):
    path: str
    line: int


@dataclass(frozen=True)
class GeneratedEmpty:
    pass


@dataclass(frozen=True, eq=False, repr=False)
class WrittenEmpty(Record):
    pass


@dataclass(frozen=True)
class GeneratedOne:
    a: object


@dataclass(frozen=True, eq=False, repr=False)
class WrittenOne(Record):
    a: object


fields = st.tuples(st.integers(-3, 3), st.sampled_from(["", "x", "y"]), st.integers(0, 2),
                   st.integers(0, 2), st.integers(0, 2))  # fmt: skip


def pair(values: tuple) -> tuple[Generated, Written]:
    return Generated(*values), Written(*values)


@given(fields, fields)
def test_equality_hash_and_repr_are_the_generated_ones(one: tuple, two: tuple) -> None:
    g1, w1 = pair(one)
    g2, w2 = pair(two)
    assert (w1 == w2) is (g1 == g2)
    assert (w1 != w2) is (g1 != g2)
    assert hash(w1) == hash(g1)
    assert repr(w1) == repr(g1).replace("Generated", "Written")
    assert len({w1, w2}) == len({g1, g2})


@given(st.tuples(st.sampled_from(["a", "b"]), st.integers(0, 3)),
       st.tuples(st.sampled_from(["a", "b"]), st.integers(0, 3)))  # fmt: skip
def test_ordering_is_the_generated_one(one: tuple, two: tuple) -> None:
    g1, g2 = GeneratedOrdered(*one), GeneratedOrdered(*two)
    w1, w2 = WrittenOrdered(*one), WrittenOrdered(*two)
    for op in ("__lt__", "__le__", "__gt__", "__ge__", "__eq__"):
        assert getattr(w1, op)(w2) is getattr(g1, op)(g2), op
    assert [(w.path, w.line) for w in sorted([w1, w2])] == [
        (g.path, g.line) for g in sorted([g1, g2])
    ]


@given(st.one_of(st.integers(), st.text(max_size=3), st.none(), st.tuples(st.integers())))
def test_one_field_and_no_field(value: object) -> None:
    assert hash(WrittenOne(value)) == hash(GeneratedOne(value))
    assert repr(WrittenOne(value)) == repr(GeneratedOne(value)).replace("Generated", "Written")
    assert WrittenOne(value) == WrittenOne(value)
    assert hash(WrittenEmpty()) == hash(GeneratedEmpty())
    assert repr(WrittenEmpty()) == "WrittenEmpty()"


def test_other_classes_are_never_equal_or_ordered() -> None:
    assert Written(1) != Generated(1)
    assert Written(1).__eq__(Generated(1)) is NotImplemented
    assert WrittenOrdered("a", 1) != ("a", 1)
    with pytest.raises(TypeError):
        _ = WrittenOrdered("a", 1) < GeneratedOrdered("a", 2)


def test_still_frozen_picklable_and_replaceable() -> None:
    w = Written(1, "y", 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        w.a = 2  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(w)) == w
    assert dataclasses.replace(w, a=5) == Written(5, "y", 2)


def test_a_recursive_value_is_shown_without_recursing() -> None:
    box: list = []
    w = WrittenOne(box)
    box.append(w)
    assert repr(w) == "WrittenOne(a=[...])"


def test_the_project_s_records_keep_value_semantics_and_generate_nothing() -> None:
    import imbalance_guard.code.facts
    import imbalance_guard.data.labels
    import imbalance_guard.data.linked
    import imbalance_guard.discover
    import imbalance_guard.findings
    import imbalance_guard.report.base  # noqa: F401

    classes = [c for c in _subclasses(Record) if dataclasses.is_dataclass(c)]
    classes = [c for c in classes if c.__module__.startswith("imbalance_guard.")]
    assert len(classes) >= 20
    for cls in classes:
        params = cls.__dataclass_params__  # type: ignore[attr-defined]
        assert params.frozen and not params.eq and not params.repr, cls
        assert cls.__eq__ in (Record.__eq__, OrderedRecord.__eq__), cls
        assert cls.__hash__ is Record.__hash__, cls
        assert cls.__repr__ is Record.__repr__, cls
        assert cls.__lt__ in (OrderedRecord.__lt__, object.__lt__), cls
    assert set(records._shapes) <= set(classes) | {
        Written,
        WrittenOne,
        WrittenEmpty,
        WrittenOrdered,
    }


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found
