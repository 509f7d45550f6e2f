"""Exact class counts, merged batch by batch, and the decision "is this a class label?".

Readers feed ``(values, counts)`` pairs (one ``value_counts`` per batch) into a
:class:`ClassTally`; it stops early, with :class:`NotClassLabel`, as soon as the column
cannot be a class label: a float column with non-integer values, or more distinct values
than ``max-classes`` (a regression target or an identifier). Pure Python.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from imbalance_guard.data.profile import LabelProfile

# Kinds a reader may declare for a column; "text" means untyped text (CSV) whose kind is
# inferred from the distinct values at the end.
KINDS = ("bool", "int", "float", "string", "category", "text", "null")
# Text read as a missing value (pandas' and pyarrow's defaults agree on these).
NULL_TEXT = frozenset(
    [
        "",
        "#N/A",
        "#N/A N/A",
        "#NA",
        "-1.#IND",
        "-1.#QNAN",
        "-NaN",
        "-nan",
        "1.#IND",
        "1.#QNAN",
        "<NA>",
        "N/A",
        "NA",
        "NULL",
        "NaN",
        "None",
        "n/a",
        "nan",
        "null",
    ]
)
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


class NotClassLabel(Exception):
    """The column is not a class label; the message says why (shown as a note)."""


class ClassTally:
    """Counts per class of one column, merged across batches."""

    def __init__(self, column: str, kind: str, max_classes: int):
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        self.column = column
        self.kind = kind
        self.max_classes = max_classes
        self.counts: dict[Any, int] = {}
        self.missing = 0

    def add(self, values: Iterable[Any], counts: Iterable[int]) -> None:
        """Merge one batch's distinct values and their counts; None (or NaN) is missing."""
        tally = self.counts
        for value, count in zip(values, counts, strict=True):
            if (
                value is None
                or (isinstance(value, float) and math.isnan(value))
                or (self.kind == "text" and value in NULL_TEXT)
            ):
                self.missing += count
                continue
            if self.kind == "float" and not float(value).is_integer():
                raise NotClassLabel(
                    f"float values such as {value!r}: a regression target, not a class label"
                )
            tally[value] = tally.get(value, 0) + count
        if len(tally) > self.max_classes:
            raise NotClassLabel(self.too_many())

    def add_missing(self, count: int) -> None:
        self.missing += count

    def too_many(self, sample: Iterable[Any] = ()) -> str:
        """Why a column with too many distinct values is skipped; floats read as regression."""
        for value in [*sample, *list(self.counts)[:100]]:
            if self.kind in ("float", "text") and _non_integer(value):
                return f"float values such as {value}: a regression target, not a class label"
        return (
            f"more than {self.max_classes} distinct values (max-classes): "
            "a regression target or an identifier, not a class label"
        )

    def finish(self) -> LabelProfile:
        """The profile, largest class first; raises NotClassLabel for a non-class column."""
        kind, keyed = self._canonical()
        merged: dict[str, int] = {}
        for key, count in keyed:
            merged[key] = merged.get(key, 0) + count
        if len(merged) > self.max_classes:
            raise NotClassLabel(self.too_many())
        ordered = dict(sorted(merged.items(), key=lambda kv: (-kv[1], kv[0])))
        rows = sum(ordered.values()) + self.missing
        dtype = {"int": "int64", "float": "float64"}.get(kind, kind)
        return LabelProfile(self.column, ordered, rows, self.missing, dtype)

    def _canonical(self) -> tuple[str, list[tuple[str, int]]]:
        items = list(self.counts.items())
        kind = self.kind
        if kind == "text":
            kind = _infer_kind([v for v, _ in items])
            if kind == "float" and not all(float(v).is_integer() for v, _ in items):
                example = next(v for v, _ in items if not float(v).is_integer())
                raise NotClassLabel(
                    f"float values such as {example}: a regression target, not a class label"
                )
        if kind == "bool":
            return kind, [(str(_as_bool(v)), c) for v, c in items]
        if kind == "int":
            return kind, [(str(int(v)), c) for v, c in items]
        if kind == "float":
            return kind, [(str(int(float(v))), c) for v, c in items]
        return kind, [(str(v), c) for v, c in items]


def _non_integer(value: Any) -> bool:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return False
    return math.isfinite(number) and not number.is_integer()


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value in _TRUE
    return bool(value)


def _infer_kind(values: list[str]) -> str:
    """Kind of untyped text values, as a CSV reader with type inference would see them."""
    if not values:
        return "null"
    if all(v in _TRUE or v in _FALSE for v in values):
        return "bool"
    if all(_is_int(v) for v in values):
        return "int"
    if all(_is_float(v) for v in values):
        return "float"
    return "string"


def _is_int(text: str) -> bool:
    try:
        int(text)
    except ValueError:
        return False
    return True


def _is_float(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False
