"""Label profiles of in-memory columns, one function per pandera backend.

pandera hands a registered check a different object on each backend: a pandas
``Series`` (pandas backend), a ``PolarsData`` (polars backend: a LazyFrame and a
column key) or a PySpark DataFrame plus a column name (pyspark backend). Each is
reduced here to the same :class:`~imbalance_guard.data.profile.LabelProfile` the
file readers produce, so the dataset rules judge it with the same code. Only the
counts per class leave the engine: on Spark the grouping runs on the cluster.

Every engine is imported inside its function; this module imports none of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from imbalance_guard.data.profile import LabelProfile


def _class_text(value: Any) -> str:
    """A class as the profile keys it: text, with ``1.0`` shown as ``1``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def build_profile(
    column: str, pairs: Iterable[tuple[Any, int]], rows: int, missing: int, dtype: str
) -> LabelProfile:
    """A profile from (class, count) pairs; classes are merged by text, largest first."""
    counts: dict[str, int] = {}
    for value, count in pairs:
        key = _class_text(value)
        counts[key] = counts.get(key, 0) + int(count)
    ordered = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return LabelProfile(column=column, counts=ordered, rows=rows, missing=missing, dtype=dtype)


def profile_pandas(series: Any, column: str | None = None) -> LabelProfile:
    """Profile a pandas Series (missing: None, NaN, NaT, pd.NA)."""
    name = column if column is not None else str(series.name)
    missing = int(series.isna().sum())
    counts = series.value_counts(dropna=True)
    return build_profile(name, counts.items(), len(series), missing, str(series.dtype))


def profile_polars(data: Any) -> LabelProfile:
    """Profile the keyed column of a pandera ``PolarsData`` (one pass over a LazyFrame)."""
    import polars as pl

    key = data.key
    frame = data.lazyframe
    col = pl.col(key)
    # null is missing; for float columns NaN is missing too, as in pandas.
    dtype = frame.collect_schema()[key]
    is_missing = col.is_null() | col.is_nan() if dtype.is_float() else col.is_null()
    grouped = (
        frame.select(col)
        .filter(is_missing.not_())
        .group_by(key)
        .agg(pl.len().alias("__ig_count"))
        .collect()
    )
    totals = frame.select(pl.len().alias("rows"), is_missing.sum().alias("missing")).collect()
    pairs = zip(grouped[key].to_list(), grouped["__ig_count"].to_list(), strict=True)
    return build_profile(key, pairs, int(totals["rows"][0]), int(totals["missing"][0]), str(dtype))


def profile_spark(frame: Any, column: str) -> LabelProfile:
    """Profile a column of a PySpark DataFrame; the counting runs in Spark.

    Only one row per class comes back to the driver, so the size of the data does
    not matter, only the number of classes.
    """
    from pyspark.sql import functions as F

    field = frame.schema[column]
    col = F.col(f"`{column}`")
    is_missing = col.isNull()
    if field.dataType.typeName() in ("float", "double"):
        is_missing = is_missing | F.isnan(col)
    rows = frame.groupBy(col.alias("__ig_class"), is_missing.alias("__ig_missing")).count()
    pairs: list[tuple[Any, int]] = []
    total = missing = 0
    for row in rows.collect():
        total += row["count"]
        if row["__ig_missing"]:
            missing += row["count"]
        else:
            pairs.append((row["__ig_class"], row["count"]))
    return build_profile(column, pairs, total, missing, field.dataType.simpleString())
