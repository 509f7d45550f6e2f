"""Label profiles: what the data rules need to know about a dataset, and nothing more.

A profile is small (counts per class), so a 10 GB file and a 10 KB file cost the
rules the same. This module must not import pandas or pyarrow.
"""

from __future__ import annotations

from dataclasses import field

from imbalance_guard.records import record


class UnreadableData(Exception):
    """A dataset cannot be read; the message is shown to the user as IG001."""


@record(frozen=True)
class LabelProfile:
    """Exact class counts of one label column."""

    column: str
    counts: dict[str, int]  # class (as text) -> rows, largest first
    rows: int  # all rows, missing included
    missing: int = 0
    dtype: str = ""

    @property
    def n_classes(self) -> int:
        return len(self.counts)

    @property
    def labelled(self) -> int:
        return self.rows - self.missing

    def to_dict(self) -> dict:
        return {
            "column": self.column,
            "rows": self.rows,
            "missing": self.missing,
            "dtype": self.dtype,
            "counts": dict(self.counts),
        }


@record(frozen=True)
class DatasetProfile:
    """What a reader learned about one dataset file."""

    path: str
    format: str
    columns: tuple[str, ...] = ()
    labels: tuple[LabelProfile, ...] = ()
    # Configured label columns the file does not have (reported as IG105).
    missing_label_columns: tuple[str, ...] = ()
    # Why a column or the file was skipped (shown under --verbose).
    notes: tuple[str, ...] = field(default=())
    # Why no label of the file could be checked (no column is recognised as the label):
    # never silent, so every output format reports it, not just --verbose.
    label_warning: str | None = None
