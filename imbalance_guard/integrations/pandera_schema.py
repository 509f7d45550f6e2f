"""Loading pandera schemas safely, and validating a whole dataset file with one.

pandera (0.35) has no entry point for check extensions, and when it reads a
YAML/JSON schema in its flat form (``class_balance: {...}`` under a column) it
silently skips every key that is not a registered check. A schema that names
``class_balance`` but is loaded before the check is registered therefore checks
nothing, without a word. :func:`from_yaml` / :func:`from_json` close that hole:
they register the imbalance-guard checks first, then refuse a schema that still
names a check pandera does not know (a typo, or another package's check that was
not imported), instead of dropping it.

This is also the only place imbalance-guard reads a whole data file into memory
(``check --schema``): pandera validates DataFrames, not label profiles.
"""

from __future__ import annotations

import functools
import gzip
import importlib
import importlib.util
import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from imbalance_guard.integrations.pandera_checks import HELP_SEPARATOR, register
from imbalance_guard.records import record


class SchemaLoadError(Exception):
    """The schema cannot be loaded; the message says which file and why."""


class UnknownCheckError(SchemaLoadError, ValueError):
    """A serialised schema names checks pandera does not know; it would drop them."""


_IO_MODULES = {
    "dataframe": "pandera.io.pandas_io",
    "polars_dataframe": "pandera.io.polars_io",
    "pyspark_sql_dataframe": "pandera.io.pyspark_sql_io",
}


# -- serialised schemas ---------------------------------------------------------------


def unknown_checks(serialized: Mapping[str, Any]) -> list[str]:
    """``column: check`` for every check the schema names that pandera does not know.

    Looks at the flat form (check names as keys of a column or index entry) and
    at ``checks:`` lists, for columns, the index and the whole frame.
    """
    from pandera.api.checks import Check
    from pandera.io._flat_checks import COMPONENT_RESERVED_KEYS

    def known(name: str) -> bool:
        return callable(getattr(Check, name, None))

    found: list[str] = []

    def listed(where: str, checks: Any) -> None:
        if isinstance(checks, Mapping):  # legacy {name: stats}
            names = list(checks)
        elif isinstance(checks, list):
            names = [
                (c.get("options") or {}).get("check_name") for c in checks if isinstance(c, dict)
            ]
        else:
            return
        found.extend(f"{where}: {n}" for n in names if isinstance(n, str) and not known(n))

    def component(where: str, entry: Any) -> None:
        if not isinstance(entry, Mapping):
            return
        for key in entry:
            if key == "checks":
                listed(where, entry[key])
            elif key not in COMPONENT_RESERVED_KEYS and not known(key):
                found.append(f"{where}: {key}")

    columns = serialized.get("columns")
    if isinstance(columns, Mapping):
        for name, entry in columns.items():
            component(f"column {name!r}", entry)
    elif isinstance(columns, list):
        for entry in columns:
            if isinstance(entry, Mapping):
                component(f"column {entry.get('name')!r}", entry)
    index = serialized.get("index")
    for entry in index if isinstance(index, list) else ():
        component("index", entry)
    listed("dataframe", serialized.get("checks"))
    return found


def deserialize(serialized: Any, source: str = "schema") -> Any:
    """A pandera schema from its serialised mapping, registering our checks first."""
    register()
    if not isinstance(serialized, Mapping):
        raise SchemaLoadError(f"{source}: a pandera schema must be a mapping at the top level")
    unknown = unknown_checks(serialized)
    if unknown:
        raise UnknownCheckError(
            f"{source}: unknown pandera check(s) {', '.join(unknown)}; pandera would drop "
            "them silently. Register them (import the package that defines them) or fix "
            "the name; imbalance-guard provides class_balance and no_missing_labels."
        )
    schema_type = serialized.get("schema_type", "dataframe")
    module_name = _IO_MODULES.get(schema_type)
    if module_name is None:
        raise SchemaLoadError(
            f"{source}: schema_type {schema_type!r} is not supported; "
            f"expected one of {', '.join(_IO_MODULES)}"
        )
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise SchemaLoadError(f"{source}: {schema_type} schemas need {exc.name}") from None
    try:
        return module.deserialize_schema(dict(serialized))
    except Exception as exc:  # pandera's errors vary by version and by mistake
        raise SchemaLoadError(f"{source}: not a valid pandera schema: {exc}") from None


def _read_text(source: str | Path) -> tuple[str, str]:
    """(text, name) from a path or from the text itself, as pandera's loaders accept."""
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source):
        path = Path(source)
        if path.is_file():
            try:
                return path.read_text(encoding="utf-8"), str(source)
            except (OSError, UnicodeDecodeError) as exc:
                raise SchemaLoadError(f"{source}: cannot read: {exc}") from None
        if isinstance(source, Path) or path.suffix.lower() in (".yaml", ".yml", ".json"):
            raise SchemaLoadError(f"{source}: no such file")
    return str(source), "schema"


def from_yaml(source: str | Path) -> Any:
    """Load a pandera schema from a YAML file (or YAML text), never dropping a check.

    Same input as pandera's ``DataFrameSchema.from_yaml``; works for pandas, polars
    and pyspark.sql schemas (by their ``schema_type``).
    """
    try:
        import yaml
    except ImportError:  # pragma: no cover - pandera's YAML support needs it too
        raise SchemaLoadError("YAML schemas need PyYAML: pip install pyyaml") from None
    text, name = _read_text(source)
    try:
        serialized = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SchemaLoadError(f"{name}: not valid YAML: {exc}") from None
    return deserialize(serialized, name)


def from_json(source: str | Path) -> Any:
    """Load a pandera schema from a JSON file (or JSON text), never dropping a check."""
    text, name = _read_text(source)
    try:
        serialized = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaLoadError(f"{name}: not valid JSON: {exc}") from None
    return deserialize(serialized, name)


# -- --schema FILE | module.py:Model | package.module:Model ----------------------------


@functools.lru_cache(maxsize=8)
def load_schema(spec: str, cwd: str | None = None) -> Any:
    """The schema named on the command line (cached: once per run, not once per file).

    ``spec`` is a ``.yaml``/``.yml``/``.json`` file, or ``FILE.py:NAME`` /
    ``package.module:NAME`` naming a ``DataFrameSchema`` or a ``DataFrameModel``.
    """
    base = Path(cwd) if cwd else Path.cwd()
    register()
    lower = spec.lower()
    if lower.endswith((".yaml", ".yml")):
        return from_yaml(_resolve(spec, base))
    if lower.endswith(".json"):
        return from_json(_resolve(spec, base))
    module_part, sep, attr = spec.rpartition(":")
    if not sep or not module_part or not attr:
        raise SchemaLoadError(
            f"--schema {spec!r}: expected a .yaml/.yml/.json file, or MODULE:NAME "
            "(e.g. schemas.py:Transactions or mypackage.schemas:Transactions)"
        )
    module = _import(module_part, base)
    try:
        schema = getattr(module, attr)
    except AttributeError:
        raise SchemaLoadError(f"--schema {spec!r}: {module_part} has no {attr!r}") from None
    if not _is_schema(schema):
        raise SchemaLoadError(
            f"--schema {spec!r}: {attr} is a {type(schema).__name__}, "
            "not a pandera DataFrameSchema or DataFrameModel"
        )
    return schema


def _resolve(spec: str, base: Path) -> Path:
    path = Path(spec)
    return path if path.is_absolute() else base / path


def _import(module_part: str, base: Path) -> Any:
    if module_part.endswith(".py"):
        path = _resolve(module_part, base)
        if not path.is_file():
            raise SchemaLoadError(f"--schema: {module_part}: no such file")
        name = f"_imbalance_guard_schema_{abs(hash(str(path.resolve())))}"
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:  # pragma: no cover - .py always has one
            raise SchemaLoadError(f"--schema: cannot import {module_part}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclass / pydantic look the module up by name
        try:
            spec.loader.exec_module(module)
        except BaseException as exc:
            sys.modules.pop(name, None)
            if isinstance(exc, KeyboardInterrupt):
                raise
            raise SchemaLoadError(
                f"--schema: importing {module_part} failed: {type(exc).__name__}: {exc}"
            ) from None
        return module
    sys.path.insert(0, str(base))
    try:
        return importlib.import_module(module_part)
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise SchemaLoadError(
            f"--schema: importing {module_part} failed: {type(exc).__name__}: {exc}"
        ) from None
    finally:
        sys.path.remove(str(base))


def _is_schema(obj: Any) -> bool:
    from pandera.api.base.model import BaseModel
    from pandera.api.base.schema import BaseSchema

    return isinstance(obj, BaseSchema) or (isinstance(obj, type) and issubclass(obj, BaseModel))


def engine_of(schema: Any) -> str:
    """``pandas``, ``polars`` or ``pyspark``: the DataFrame library a schema validates."""
    module = (schema if isinstance(schema, type) else type(schema)).__module__
    for mro_class in (schema if isinstance(schema, type) else type(schema)).__mro__:
        module = mro_class.__module__
        if module.startswith("pandera.api.polars"):
            return "polars"
        if module.startswith("pandera.api.pyspark"):
            return "pyspark"
        if module.startswith("pandera.api.pandas"):
            return "pandas"
    return "pandas"


# -- validating a whole file ------------------------------------------------------------


@record(frozen=True)
class Violation:
    """One failure pandera reported: where, which check, and its message."""

    column: str | None
    check: str
    message: str
    reason: str
    suggestion: str = ""


def read_frame(path: Path, fmt: str, engine: str) -> Any:
    """Read the whole file into a pandas or polars DataFrame (the one full read).

    The libraries get an open file, never the name: polars reads ``*``, ``?`` and ``[`` in
    a name as a glob (``sales_*.parquet`` counted every ``sales_`` file, ``[x].parquet``
    was "expanded paths were empty"). A gzip file is named so, as no name is there to
    infer it from."""
    compression = "gzip" if str(path).lower().endswith(".gz") else None
    with open(path, "rb") as handle:
        return _read_handle(handle, path, fmt, engine, compression)


def _read_handle(handle: Any, path: Path, fmt: str, engine: str, compression: str | None) -> Any:
    if engine == "polars":
        import polars as pl

        readers = {
            "csv": lambda p: pl.read_csv(p),
            "tsv": lambda p: pl.read_csv(p, separator="\t"),
            "parquet": pl.read_parquet,
            "feather": pl.read_ipc,
            "jsonl": lambda p: pl.read_ndjson(gzip.GzipFile(fileobj=p) if compression else p),
        }
    else:
        import pandas as pd

        readers = {
            "csv": lambda p: pd.read_csv(p, compression=compression),
            "tsv": lambda p: pd.read_csv(p, sep="\t", compression=compression),
            "parquet": pd.read_parquet,
            "feather": pd.read_feather,
            "jsonl": lambda p: pd.read_json(p, lines=True, compression=compression),
        }
    if fmt not in readers:
        raise SchemaLoadError(f"{path}: format {fmt!r} cannot be validated with a schema")
    return readers[fmt](handle)


def validate_frame(frame: Any, schema: Any) -> list[Violation]:
    """Validate lazily (every failure, not only the first) and list the failures."""
    from pandera.errors import SchemaError, SchemaErrors

    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as exc:
        return [_violation(error) for error in exc.schema_errors]
    except SchemaError as exc:  # some schemas raise one error even when lazy
        return [_violation(exc)]
    return []


_WRAPPED = re.compile(r'^ImbalanceCheckFailure\("(?P<inner>.*)"\)$', re.DOTALL)


def _unwrap(message: str) -> str:
    """The polars and pyspark backends show a raised failure as ``Class("text")``."""
    match = _WRAPPED.match(message.strip())
    return match["inner"] if match else message


def _missing_column(failure_cases: Any) -> str | None:
    """The column pandera reports missing: a name, or a one-cell frame holding it."""
    if isinstance(failure_cases, str):
        return failure_cases
    try:
        values = list(failure_cases["failure_case"])
    except (TypeError, KeyError, IndexError):
        return None
    return str(values[0]) if len(values) == 1 else None


def _violation(error: Any) -> Violation:
    check = error.check
    if check is None:
        check_name = error.reason_code.value if error.reason_code else "schema"
    elif isinstance(check, str):
        check_name = check
    else:
        check_name = getattr(check, "name", None) or str(check)
    text = str(error).split("\nTraceback (most recent call last):", 1)[0]
    message, _, suggestion = _unwrap(text).partition(HELP_SEPARATOR)
    reason = error.reason_code.value if error.reason_code else ""
    column = (
        error.column_name if error.column_name is not None else getattr(error.schema, "name", None)
    )
    if column is None and reason == "column_not_in_dataframe":
        column = _missing_column(error.failure_cases)
    return Violation(
        column=None if column is None else str(column),
        check=check_name,
        message=message,
        reason=reason,
        suggestion=suggestion,
    )
