"""``@record``: a dataclass whose methods are written once instead of compiled per class.

On Python 3.11 ``@dataclass`` compiles every method it adds from generated source, one
``exec`` apiece: ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, four ordering
methods, and ``__setattr__`` / ``__delattr__`` for a frozen class. The 42 classes that a
one-file run imports (findings, targets, the flow's facts, the run's configuration) spent
about 11 ms on it, a sixth of a pre-commit hook's start-up.

``@record`` takes the same class body and the same options as ``@dataclass`` (``frozen``,
``eq``, ``order``, ``repr``), with the same defaults. It lets ``dataclasses`` collect the
fields (so ``field()``, ``fields()``, ``replace()`` and ``asdict()`` work as before) and
adds the methods itself:

- equality, hash, repr and ordering are closures over the class's field getters, made
  when the class is declared: nothing is compiled;
- a frozen class refuses assignment through one shared check, as ``@dataclass`` does;
- ``__init__`` is the one method whose signature differs per class. It is compiled on the
  first instantiation, so the classes a run never instantiates cost nothing. Until then
  ``inspect.signature`` shows ``(*args, **kwargs)``.

``tests/test_records.py`` holds every method equal to what ``@dataclass`` generates, field
options included (``compare``, ``hash``, ``repr``, ``init``, defaults, factories and
``__post_init__``). ``InitVar`` and ``kw_only`` are not supported: no class here uses them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError
from operator import attrgetter
from reprlib import recursive_repr
from typing import Any, TypeVar, overload

try:
    from typing import dataclass_transform
except ImportError:  # Python 3.10: only type checkers need the marker

    def dataclass_transform(**_: Any) -> Callable[[Any], Any]:  # type: ignore[misc]
        return lambda decorator: decorator


_T = TypeVar("_T", bound=type)
_Key = Callable[[Any], tuple[Any, ...]]


@overload
def record(cls: _T, /) -> _T: ...
@overload
def record(
    *, frozen: bool = False, eq: bool = True, order: bool = False, repr: bool = True
) -> Callable[[_T], _T]: ...


@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def record(
    cls: Any = None,
    /,
    *,
    frozen: bool = False,
    eq: bool = True,
    order: bool = False,
    repr: bool = True,
) -> Any:
    """Declare ``cls`` as ``@dataclass(frozen=…, eq=…, order=…, repr=…)`` would."""

    def wrap(cls: _T) -> _T:
        return _declare(cls, frozen=frozen, eq=eq, order=order, show=repr)

    return wrap if cls is None else wrap(cls)


def _declare(cls: _T, *, frozen: bool, eq: bool, order: bool, show: bool) -> _T:
    if order and not eq:
        raise ValueError("eq must be true if order is true")
    own = dict(cls.__dict__)
    undocumented = not cls.__doc__
    if undocumented:
        # @dataclass would document the class with inspect.signature, which tokenizes a
        # signature text for an undocumented class (2 ms of start-up on the first one).
        cls.__doc__ = cls.__name__
    # Collects the fields and compiles nothing: every generated method is switched off.
    dataclasses.dataclass(cls, init=False, repr=False, eq=False)
    fields = dataclasses.fields(cls)
    _refuse_default_before_required(fields)
    if undocumented:
        cls.__doc__ = f"{cls.__name__}({', '.join(_parameter(f) for f in fields if f.init)})"
    if "__init__" not in own:
        cls.__init__ = _compiled_on_first_call(cls, frozen)  # type: ignore[misc]
    if show and "__repr__" not in own:
        cls.__repr__ = _repr([f.name for f in fields if f.repr])  # type: ignore[method-assign]
    if eq:
        compared = _getter([f.name for f in fields if f.compare])
        if "__eq__" not in own:
            cls.__eq__ = _eq(compared)  # type: ignore[method-assign,assignment]
        # The hash rules of @dataclass without unsafe_hash: a hash the class wrote itself
        # stays; otherwise a frozen class hashes its hashed fields and a mutable one is
        # unhashable.
        explicit = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
        if not explicit:
            hashed = [f.name for f in fields if (f.compare if f.hash is None else f.hash)]
            cls.__hash__ = _hash(_getter(hashed)) if frozen else None  # type: ignore[method-assign,assignment]
        if order:
            for name, compare in _ORDERING.items():
                if name in own:
                    raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
                setattr(cls, name, _ordering(name, compare, compared))
    if frozen:
        for name in ("__setattr__", "__delattr__"):
            if name in own:
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
        names = frozenset(f.name for f in fields)
        cls.__setattr__, cls.__delattr__ = _frozen(cls, names)  # type: ignore[method-assign,assignment]
    return cls


def _refuse_default_before_required(fields: tuple[dataclasses.Field, ...]) -> None:
    """The error ``@dataclass`` raises when the class is declared, not at its first use."""
    seen_default = False
    for f in fields:
        if not f.init:
            continue
        has_default = f.default is not MISSING or f.default_factory is not MISSING
        if seen_default and not has_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
        seen_default = seen_default or has_default


def _parameter(f: dataclasses.Field) -> str:
    """How the class's generated documentation shows a parameter: ``name: type = default``."""
    shown = f"{f.name}: {getattr(f.type, '__name__', f.type)}"
    if f.default_factory is not MISSING:
        return f"{shown} = <factory>"
    return shown if f.default is MISSING else f"{shown} = {f.default!r}"


def _getter(names: list[str]) -> _Key:
    if not names:
        return lambda obj: ()
    if len(names) == 1:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return attrgetter(*names)


def _eq(key: _Key) -> Callable[[Any, object], Any]:
    def __eq__(self: Any, other: object) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    return __eq__


def _hash(key: _Key) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(key(self))

    return __hash__


def _repr(shown: list[str]) -> Callable[[Any], str]:
    @recursive_repr()
    def __repr__(self: Any) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({values})"

    return __repr__


_ORDERING: dict[str, Callable[[tuple[Any, ...], tuple[Any, ...]], bool]] = {
    "__lt__": lambda a, b: a < b,
    "__le__": lambda a, b: a <= b,
    "__gt__": lambda a, b: a > b,
    "__ge__": lambda a, b: a >= b,
}


def _ordering(
    name: str, compare: Callable[[tuple[Any, ...], tuple[Any, ...]], bool], key: _Key
) -> Callable[[Any, object], Any]:
    def method(self: Any, other: object) -> Any:
        if other.__class__ is self.__class__:
            return compare(key(self), key(other))
        return NotImplemented

    method.__name__ = method.__qualname__ = name
    return method


def _frozen(cls: type, names: frozenset[str]) -> tuple[Callable[..., None], Callable[..., None]]:
    """``@dataclass(frozen=True)``'s guard: no field of the class, nothing on its instances."""

    def __setattr__(self: Any, name: str, value: object) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __setattr__, __delattr__


def _compiled_on_first_call(cls: type, frozen: bool) -> Callable[..., None]:
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        init = _compile_init(cls, frozen)
        type.__setattr__(cls, "__init__", init)
        init(self, *args, **kwargs)

    return __init__


class _Factory:
    """The default of a parameter whose field has a ``default_factory``."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def _compile_init(cls: type, frozen: bool) -> Callable[..., None]:
    """The ``__init__`` that ``@dataclass`` would write: same parameters, same assignments.

    The names it adds (the instance, the setter, defaults and factories) are dunder names,
    as ``@dataclass``'s are, so that no field can shadow them.
    """
    fields = dataclasses.fields(cls)
    me = "__record_self__" if any(f.name == "self" for f in fields) else "self"
    scope: dict[str, Any] = {"__record_factory__": _FACTORY, "__record_set__": object.__setattr__}
    parameters, lines = [me], []
    for f in fields:
        default = f"__record_default_{f.name}__"
        if f.default_factory is not MISSING:
            scope[default] = f.default_factory
            if f.init:
                parameters.append(f"{f.name}=__record_factory__")
                value = f"{default}() if {f.name} is __record_factory__ else {f.name}"
            else:
                value = f"{default}()"
        elif f.default is not MISSING and f.init:
            scope[default] = f.default
            parameters.append(f"{f.name}={default}")
            value = f.name
        elif f.init:
            parameters.append(f.name)
            value = f.name
        else:  # outside __init__ without a factory: the class attribute is the value
            continue
        if frozen:
            lines.append(f"__record_set__({me}, {f.name!r}, {value})")
        else:
            lines.append(f"{me}.{f.name} = {value}")
    if hasattr(cls, "__post_init__"):
        lines.append(f"{me}.__post_init__()")
    body = "\n".join(f"    {line}" for line in lines) or "    pass"
    namespace: dict[str, Any] = {}
    exec(f"def __init__({', '.join(parameters)}):\n{body}\n", scope, namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = {**{f.name: f.type for f in fields if f.init}, "return": None}
    return init
