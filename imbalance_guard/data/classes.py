"""Exact class counts, merged batch by batch, and the decision "is this a class label?".

Readers feed ``(values, counts)`` pairs (one ``value_counts`` per batch) into a
:class:`ClassTally`; it stops early, with :class:`NotClassLabel`, as soon as the column
cannot be a class label: a float column with non-integer values, or more distinct values
than ``max-classes`` (a regression target or an identifier). Pure Python.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any

from imbalance_guard.data.profile import LabelProfile

# Kinds a reader may declare for a column. "text" is untyped text (CSV): each distinct text is
# a class of its own, never parsed into a number ("1" and "1.0" are two classes); the dtype
# shown is inferred from the texts. "json" is a JSON value as its JSON text (JSON Lines): the
# class is the value, so 1 and 1.0 are one class, 1, "1" and true three.
KINDS = ("bool", "int", "float", "string", "category", "text", "json", "null")
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
# What the dtype of CSV text is taken to be from: ASCII only (Python's int() and float()
# also take "1_0", " 1", and Arabic-Indic or full-width digits, which are other classes).
_JSON_NAN = frozenset(["NaN", "-NaN"])  # DuckDB's JSON for NaN, which Python's json reads too
_INT = re.compile(r"-?(0|[1-9][0-9]*)\Z")
_DECIMAL = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\Z")


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
                or (self.kind == "json" and value in _JSON_NAN)
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
            if self.kind in ("float", "text", "json") and _non_integer(value):
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
            return _text_kind([v for v, _ in items]), [(v, c) for v, c in items]
        if kind == "json":
            return _json_classes(items)
        if kind == "bool":
            return kind, [(str(bool(v)), c) for v, c in items]
        if kind == "int":
            return kind, [(str(int(v)), c) for v, c in items]
        if kind == "float":
            return kind, [(str(int(float(v))), c) for v, c in items]
        return kind, [(str(v), c) for v, c in items]


def _non_integer(value: Any) -> bool:
    if isinstance(value, str) and not _DECIMAL.match(value):
        return False  # "1_0.5" or " 1.5" is text, not a number
    try:
        number = float(value)
    except (TypeError, ValueError):
        return False
    return math.isfinite(number) and not number.is_integer()


def _text_kind(values: list[str]) -> str:
    """The dtype CSV text would have, for showing it and for ``class_weight`` literals:
    int when every class is a plain ASCII integer, float when every class is a decimal
    (whole, or the column is skipped as a regression target), else string."""
    if not values:
        return "null"
    if all(_INT.match(v) for v in values):
        return "int"
    if all(_DECIMAL.match(v) for v in values):
        if not all(float(v).is_integer() for v in values):
            example = next(v for v in values if not float(v).is_integer())
            raise NotClassLabel(
                f"float values such as {example}: a regression target, not a class label"
            )
        if len({float(v) for v in values}) == len(values):
            return "float"
    return "string"


def _json_classes(items: list[tuple[str, int]]) -> tuple[str, list[tuple[str, int]]]:
    """Classes of JSON values given as JSON texts: equal values are one class (1, 1.0 and
    1e0), values of different JSON types are different classes (1, "1" and true)."""
    by_value: dict[tuple[str, Any], int] = {}
    for text, count in items:
        value = json.loads(text)
        if isinstance(value, bool):
            key: tuple[str, Any] = ("bool", value)
        elif isinstance(value, (int, float)):
            if isinstance(value, float) and not value.is_integer():
                raise NotClassLabel(
                    f"float values such as {text}: a regression target, not a class label"
                )
            key = ("number", int(value))
        elif isinstance(value, str):
            key = ("string", value)
        else:
            raise NotClassLabel(f"JSON values such as {text[:40]}: not a class label")
        by_value[key] = by_value.get(key, 0) + count
    types = {t for t, _ in by_value}
    if types == {"string"}:
        return "string", [(v, c) for (_, v), c in by_value.items()]
    if types == {"number"}:
        return "int", [(str(v), c) for (_, v), c in by_value.items()]
    if types == {"bool"}:
        return "bool", [(str(v), c) for (_, v), c in by_value.items()]
    # Several JSON types: each class as its JSON text, so 1 and "1" stay apart.
    return "json", [(json.dumps(v, ensure_ascii=False), c) for (_, v), c in by_value.items()]
