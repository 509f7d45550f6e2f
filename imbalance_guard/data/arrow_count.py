"""Counting classes of Arrow arrays, batch by batch (imported by readers only when needed)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyarrow as pa

from imbalance_guard.data.classes import ClassTally, NotClassLabel
from imbalance_guard.data.profile import LabelProfile


def kind_of(arrow_type: pa.DataType | str) -> str | None:
    """The tally kind of an Arrow type, or None when it cannot hold class labels.

    A string is taken as the kind itself ("text": untyped CSV text, typed at the end).
    """
    if isinstance(arrow_type, str):
        return arrow_type
    if pa.types.is_dictionary(arrow_type):
        return "category"
    if pa.types.is_boolean(arrow_type):
        return "bool"
    if pa.types.is_integer(arrow_type):
        return "int"
    if pa.types.is_floating(arrow_type):
        return "float"
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return "string"
    if hasattr(pa.types, "is_string_view") and pa.types.is_string_view(arrow_type):
        return "string"
    if pa.types.is_null(arrow_type):
        return "null"
    return None


def tally_array(tally: ClassTally, array: pa.Array | pa.ChunkedArray) -> None:
    """Add one batch's values to ``tally``; vectorised checks before anything goes to Python."""
    if tally.kind == "null":
        tally.add_missing(len(array))
        return
    counted = array.value_counts()
    values, counts = counted.field(0), counted.field(1)
    if tally.kind == "float":
        # here, not at the top: pyarrow.compute takes 50 ms to import; CSV text never needs it
        import pyarrow.compute as pc

        whole = pc.equal(values, pc.floor(values))
        odd = pc.and_kleene(pc.invert(whole), pc.invert(pc.is_nan(values)))
        if pc.any(odd).as_py():
            example = pc.filter(values, odd)[0].as_py()
            raise NotClassLabel(
                f"float values such as {example!r}: a regression target, not a class label"
            )
    if len(values) > tally.max_classes + 1:  # +1: the null entry is not a class
        raise NotClassLabel(tally.too_many(values[:20].to_pylist()))
    tally.add(values.to_pylist(), counts.to_pylist())


class Tallies:
    """One tally per label column of a file, fed with record batches or tables."""

    def __init__(self, fields: Sequence[tuple[str, pa.DataType | str]], max_classes: int):
        self.tallies: dict[str, ClassTally] = {}
        self.notes: list[str] = []
        for name, arrow_type in fields:
            kind = kind_of(arrow_type)
            if kind is None:
                self.notes.append(f"`{name}` is {arrow_type}, not a class label; skipped")
            else:
                self.tallies[name] = ClassTally(name, kind, max_classes)

    @property
    def active(self) -> list[str]:
        return list(self.tallies)

    def feed(self, columns: Iterable[tuple[str, pa.Array | pa.ChunkedArray]]) -> None:
        for name, array in columns:
            tally = self.tallies.get(name)
            if tally is None:
                continue
            try:
                tally_array(tally, array)
            except NotClassLabel as exc:
                self.skip(name, str(exc))

    def skip(self, name: str, why: str) -> None:
        self.tallies.pop(name, None)
        self.notes.append(f"`{name}` skipped: {why}")

    def merge_counts(self, name: str, values: list, counts: list) -> None:
        """Merge counts computed elsewhere (a worker thread) into the tally of ``name``."""
        tally = self.tallies.get(name)
        if tally is None:
            return
        try:
            tally.add(values, counts)
        except NotClassLabel as exc:
            self.skip(name, str(exc))

    def profiles(self) -> list[LabelProfile]:
        out = []
        for name, tally in list(self.tallies.items()):
            try:
                out.append(tally.finish())
            except NotClassLabel as exc:
                self.skip(name, str(exc))
        return out
