"""Value semantics for frozen dataclasses, written once instead of generated per class.

On Python 3.11 ``@dataclass`` compiles each method it adds from generated source, one
``exec`` apiece: ``__eq__``, ``__hash__``, ``__repr__`` and four ordering methods. For the
classes a one-file run imports (findings, targets, the flow's facts) that was about a
seventh of the start-up of a pre-commit hook. These classes are declared
``@dataclass(frozen=True, eq=False, repr=False)`` and inherit the same methods from
:class:`Record` (or :class:`OrderedRecord`), which read the class's fields from
``dataclasses.fields`` once, on first use. ``tests/test_records.py`` holds every method
equal to what ``@dataclass`` generates, field options included (``compare``, ``hash``,
``repr``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from reprlib import recursive_repr
from typing import Any

_Key = Callable[[Any], tuple[Any, ...]]
_shapes: dict[type, tuple[_Key, _Key, tuple[str, ...]]] = {}


def _getter(names: list[str]) -> _Key:
    if not names:
        return lambda obj: ()
    if len(names) == 1:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return attrgetter(*names)


def _shape(cls: type) -> tuple[_Key, _Key, tuple[str, ...]]:
    """The fields compared, the fields hashed and the fields shown, as dataclass picks them."""
    shape = _shapes.get(cls)
    if shape is None:
        fields = dataclasses.fields(cls)
        compared = _getter([f.name for f in fields if f.compare])
        hashed = _getter([f.name for f in fields if (f.compare if f.hash is None else f.hash)])
        shown = tuple(f.name for f in fields if f.repr)
        shape = _shapes[cls] = (compared, hashed, shown)
    return shape


class Record:
    """Equality, hash and repr of a frozen dataclass (``eq=True, frozen=True``)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        key = _shape(self.__class__)[0]
        return key(self) == key(other)

    def __hash__(self) -> int:
        return hash(_shape(self.__class__)[1](self))

    @recursive_repr()
    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _shape(self.__class__)[2])
        return f"{self.__class__.__qualname__}({shown})"


class OrderedRecord(Record):
    """:class:`Record` with the ordering of ``order=True``: field by field, same class only."""

    __slots__ = ()

    def __lt__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        key = _shape(self.__class__)[0]
        return key(self) < key(other)

    def __le__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        key = _shape(self.__class__)[0]
        return key(self) <= key(other)

    def __gt__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        key = _shape(self.__class__)[0]
        return key(self) > key(other)

    def __ge__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        key = _shape(self.__class__)[0]
        return key(self) >= key(other)
