"""Reader plugin for datasets at an address (``s3://``, ``gs://``, ``az://``, ``https://`` …).

* **Parquet** is read where it lies: the footer, then only the label columns' chunks, each
  one ranged request (``remote.open_ranged``), counted batch by batch with pyarrow. The
  other columns' bytes are never fetched.
* **CSV, TSV, JSON Lines and Feather** cannot be read by column from a store (a text
  format's label is in every line): the object is streamed to a temporary file, which the
  local reader of its format checks with all its checks, and which is deleted afterwards.
  A web server that does not serve byte ranges gets the same treatment for Parquet.

Findings name the address (without its query string). Every failure of the store — no
credentials, access denied, no such bucket or object, no answer within ``remote-timeout``
— is UnreadableData (IG001) with the provider's message and a hint.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from imbalance_guard import hookimpl
from imbalance_guard.config import Config, Setting
from imbalance_guard.data.uri import DEFAULT_TIMEOUT, TIMEOUT_BOUNDS, timeout_of
from imbalance_guard.discover import Target

if TYPE_CHECKING:  # the profile types load with the first dataset read
    from imbalance_guard.data.profile import DatasetProfile

SETTINGS = [
    Setting(
        "data",
        "remote-timeout",
        DEFAULT_TIMEOUT,
        "Seconds to wait for an object store or web server to connect or to send more "
        "bytes (s3://, gs://, az://, https:// datasets); then the dataset is IG001.",
        types=(int, float),
        bounds=TIMEOUT_BOUNDS,
    ),
]


@hookimpl
def ig_settings() -> list[Setting]:
    return SETTINGS


@hookimpl(tryfirst=True)
def ig_read_dataset(target: Target, config: Config) -> DatasetProfile | None:
    if not target.uri:
        return None
    from imbalance_guard.data import remote
    from imbalance_guard.data.profile import UnreadableData

    timeout = timeout_of(config.settings)
    try:
        if target.format == "parquet":
            profile = _read_parquet(target, config, timeout)
            if profile is not None:
                return profile
        return _read_downloaded(target, config, timeout)
    except remote.RemoteError as exc:
        raise UnreadableData(str(exc)) from None


def _read_parquet(target: Target, config: Config, timeout: float) -> DatasetProfile | None:
    """The label columns' chunks only; None when the server cannot serve byte ranges."""
    import pyarrow
    import pyarrow.parquet as pq

    from imbalance_guard.data import remote
    from imbalance_guard.data.profile import UnreadableData

    try:
        with remote.open_ranged(target.uri, timeout) as handle:
            return _count_parquet(target, config, pq.ParquetFile(handle))
    except (UnreadableData, remote.RemoteError):
        raise
    except Exception as exc:
        if "range requests" in str(exc):
            return None  # a plain web server: download the file instead
        if isinstance(exc, pyarrow.ArrowException):  # ArrowInvalid: not Parquet, or corrupt
            raise UnreadableData(f"cannot read as Parquet: {remote.first_line(exc)}") from None
        scheme = target.uri.split(":", 1)[0].lower()
        raise remote.RemoteError(remote.explain(exc, scheme, target.uri)) from None


def _count_parquet(target: Target, config: Config, parquet) -> DatasetProfile:
    # Imported here, not at the top: every run registers this plugin for its setting,
    # and checking code must not load the readers' machinery.
    from imbalance_guard.data import labels, reading
    from imbalance_guard.data.arrow_count import Tallies
    from imbalance_guard.data.profile import UnreadableData

    schema = parquet.schema_arrow
    columns = list(schema.names)
    if parquet.metadata.num_rows == 0:
        raise UnreadableData("has a schema but no rows")
    choice = reading.choose(target, columns, config)
    if not choice.columns:
        return reading.build_profile(target, columns, choice)
    fields = [(c, schema.field(c).type) for c in choice.columns]
    tallies = Tallies(fields, labels.max_classes(config))
    batches = parquet.iter_batches(columns=tallies.active, batch_size=1 << 16)
    for batch in batches if tallies.active else ():
        tallies.feed(zip(batch.schema.names, batch.columns, strict=True))
        if not tallies.active:
            break
    return reading.build_profile(target, columns, choice, tallies.profiles(), tallies.notes)


def _read_downloaded(target: Target, config: Config, timeout: float) -> DatasetProfile | None:
    """Stream the object to a temporary file and read it with the local reader."""
    import tempfile

    from imbalance_guard.data import read_arrow, read_csv, read_jsonl, remote

    readers = {"csv": read_csv, "tsv": read_csv, "jsonl": read_jsonl}
    reader = readers.get(target.format, read_arrow)
    name = target.display.split("?", 1)[0].rsplit("/", 1)[-1] or "dataset"
    with tempfile.TemporaryDirectory(prefix="imbalance-guard-remote-") as folder:
        local = os.path.join(folder, "data" + _suffix(name))
        remote.download(target.uri, local, timeout)
        copy = Target(
            Path(local), target.display, target.kind, target.format, relative=target.relative
        )
        return reader.ig_read_dataset(target=copy, config=config)


def _suffix(name: str) -> str:
    """The dataset suffix of an object's name (``.csv.gz`` …), which some readers look at."""
    from imbalance_guard.discover import DATASET_FORMATS

    lowered = name.lower()
    return max((s for s in DATASET_FORMATS if lowered.endswith(s)), key=len, default="")
