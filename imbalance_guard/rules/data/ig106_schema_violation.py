"""IG106 schema-violation.

## What it does
Validates each dataset with the pandera schema given by `--schema` (or the
`schema` key of `[tool.imbalance-guard.data]`) and reports every failure pandera
finds — a failed check, a wrong dtype, a missing column — as one finding naming
the column and the check. The schema may be a YAML or JSON file written by
pandera (`schema.to_yaml()`), or `module.py:Name` / `package.module:Name` naming a
`DataFrameSchema` or `DataFrameModel`, for pandas or polars.

The schema may use imbalance-guard's own pandera checks, `class_balance` and
`no_missing_labels`; their failures carry the class counts and the suggestion,
exactly as the dataset rules word them. What IG101-IG104 already report for the same
label column with the same threshold is not said again: a `class_balance` failure
that is only the skew IG101 reports (same `max_imbalance_ratio` as
`max-imbalance-ratio`) is no IG106 finding; one whose thresholds differ, or on a
column the dataset rules do not check, is.

Unlike every other rule, this one reads the **whole file into memory** (pandera
validates DataFrames, not label profiles). It runs only when a schema is given.
pandas or polars reads the open file, never its name (no glob). Where their read of a
label column differs from the label reader's (type inference merges `1` and `1.0` of
a CSV into one class), that is an IG001 finding with both counts, and the schema's
verdicts on that column are left out.

## Why is this bad?
A team that already states what its training data must look like in a pandera
schema wants the same gate in pre-commit and CI as for the rest of the
imbalance checks: one command, one report, one exit status.

## Example
```yaml
# schema.yaml
schema_type: dataframe
columns:
  is_fraud:
    dtype: int64
    class_balance:
      max_imbalance_ratio: 10
      min_class_count: 6
```
```sh
imbalance-guard check transactions.parquet --schema schema.yaml
```

## Use instead
Fix the data (collect more minority rows, remove the missing labels) or, when the
schema is what is wrong, the schema. A schema file that cannot be read, or a
`module.py:Name` that cannot be imported, stops the run with exit status 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from imbalance_guard import hookimpl
from imbalance_guard.config import Config, ConfigError, Setting
from imbalance_guard.findings import Finding, Location, Rule
from imbalance_guard.options import OptionParser

if TYPE_CHECKING:
    from imbalance_guard.data.profile import DatasetProfile
    from imbalance_guard.integrations.pandera_schema import Violation

RULE = Rule(
    code="IG106",
    name="schema-violation",
    summary="A dataset fails the pandera schema given with --schema",
    doc=__doc__ or "",
    target="data",
)

SCHEMA = Setting(
    section="data",
    name="schema",
    default="",
    help="pandera schema the datasets must pass (IG106): a .yaml/.yml/.json file or "
    "MODULE:NAME; relative to the project root. Reads each whole dataset into memory.",
    types=(str,),
)


@hookimpl
def ig_rules() -> list[Rule]:
    return [RULE]


@hookimpl
def ig_settings() -> list[Setting]:
    return [SCHEMA]


def _schema_option(spec: str, cwd: Path) -> str:
    """A schema file typed on the command line is relative to the working directory (one
    in the configuration, to the project root); ``MODULE:NAME`` stays as typed."""
    module_part, sep, attr = spec.rpartition(":")
    path = module_part if sep else spec
    if not path.lower().endswith((".py", ".yaml", ".yml", ".json")):
        return spec
    absolute = str(cwd / path)
    return f"{absolute}:{attr}" if sep else absolute


@hookimpl
def ig_addoption(parser: OptionParser) -> None:
    parser.addoption(
        "--schema",
        section="data",
        key="schema",
        metavar="FILE|MODULE:NAME",
        help="Also validate each dataset with this pandera schema (.yaml/.yml/.json, or "
        "module.py:Model); failures are IG106. Unlike the other checks, this reads each "
        "whole dataset into memory.",
        convert=_schema_option,
    )


@hookimpl
def ig_configure(config: Config) -> None:
    """Load the schema once, up front: a bad one stops the run (exit 2), not each file."""
    spec = config.get("data", "schema")
    if not spec:
        return
    from imbalance_guard.integrations.pandera_schema import SchemaLoadError, load_schema

    try:
        load_schema(spec, str(config.root))
    except SchemaLoadError as exc:  # name a file as the user typed it
        raise ConfigError(str(exc).replace(f"{Path.cwd()}/", "")) from None


@hookimpl
def ig_check_dataset(dataset: DatasetProfile, config: Config) -> list[Finding]:
    spec = config.get("data", "schema")
    if not spec:
        return []
    # pandas, polars and pandera are imported only here, when a schema is in play.
    from imbalance_guard.integrations.pandera_checks import register
    from imbalance_guard.integrations.pandera_schema import (
        engine_of,
        load_schema,
        read_frame,
        validate_frame,
    )

    register()  # the checks a schema file names must exist before pandera reads it
    schema = load_schema(spec, str(config.root))  # SchemaLoadError: the CLI checked it
    try:
        frame = read_frame(Path(dataset.path), dataset.format, engine_of(schema))
    except Exception as exc:  # the label reader coped, the full read did not
        return [
            Finding(
                "IG001",
                f"cannot read the whole file to validate it with {spec}: "
                f"{type(exc).__name__}: {exc}",
                Location(dataset.path),
                suggestion="Check that the file is complete and in the format its name says.",
            )
        ]
    findings = []
    differing = set()
    for profile in dataset.labels:
        difference = _read_differently(frame, profile)
        if difference is not None:
            differing.add(profile.column)
            findings.append(
                Finding(
                    "IG001",
                    f"the schema's {engine_of(schema)} read of `{profile.column}` differs from "
                    f"the label reader's: {difference}; its verdicts on that column are left "
                    "out",
                    Location(dataset.path, column_name=profile.column),
                    suggestion="Store the label as the schema's type (for CSV: one spelling "
                    "per class, e.g. `1` and never `1.0`), so that both read the same classes.",
                )
            )
    for violation in validate_frame(frame, schema):
        if violation.column in differing:
            continue  # counted from other classes than the dataset rules': not trusted
        said = _not_said_yet(violation, schema, dataset, config)
        if said is None:
            continue  # a dataset rule already reports exactly this
        message, suggestion = said
        where = f"column `{violation.column}`" if violation.column else "the dataset"
        findings.append(
            Finding(
                RULE.code,
                f"{where} fails `{violation.check}`: {message}",
                Location(dataset.path, column_name=violation.column),
                suggestion=suggestion
                or "Fix the data so that it passes the schema, or correct the schema.",
                data={"column": violation.column, "check": violation.check, "schema": spec},
            )
        )
    return findings


def _read_differently(frame: Any, profile: Any) -> str | None:
    """How pandas' or polars' read of a label column differs from the label reader's
    profile (rows, missing values, class sizes), or None when they agree. Their type
    inference can merge classes the reader keeps apart (`1` and `1.0` in a CSV) or read
    other spellings as missing: the schema would then judge other counts, silently."""
    try:
        column = frame[profile.column]
    except Exception:  # a column the frame does not have: the schema reports it
        return None
    if hasattr(column, "null_count"):  # polars
        present = column.drop_nulls()
        if present.dtype.is_float():
            present = present.drop_nans()
        missing = len(column) - len(present)
        sizes = sorted(int(n) for n in present.value_counts()[:, -1].to_list())
    else:  # pandas
        missing = int(column.isna().sum())
        sizes = sorted(int(n) for n in column.value_counts(dropna=True).tolist())
    expected = sorted(int(n) for n in profile.counts.values())
    if len(column) == profile.rows and missing == profile.missing and sizes == expected:
        return None
    return (
        f"{len(column)} rows, {len(sizes)} classes, {missing} missing, where the label reader "
        f"counts {profile.rows} rows, {len(expected)} classes, {profile.missing} missing"
    )


# What each of imbalance-guard's pandera checks restates: (rule, its setting, the check's
# statistic with the same meaning). The check fails when any of these verdicts does.
_RESTATED: dict[str, tuple[tuple[str, str, str | None], ...]] = {
    "class_balance": (
        ("IG103", "", None),
        ("IG101", "max-imbalance-ratio", "max_imbalance_ratio"),
        ("IG102", "min-class-count", "min_class_count"),
    ),
    "no_missing_labels": (("IG104", "max-missing-share", None),),
}


def _not_said_yet(
    violation: Violation, schema: Any, dataset: DatasetProfile, config: Config
) -> tuple[str, str] | None:
    """(message, suggestion) of a violation, less what a dataset rule already reports
    for the same label column and threshold; None when that is all of it."""
    original = (violation.message, violation.suggestion)
    parts = _RESTATED.get(violation.check)
    profile = next((p for p in dataset.labels if p.column == violation.column), None)
    statistics = _statistics(schema, violation.column, violation.check) if parts else None
    if parts is None or profile is None or statistics is None:
        return original
    from imbalance_guard.data import advice, verdicts
    from imbalance_guard.integrations.pandera_advice import joined

    judged = {
        "IG103": lambda: advice.single_class(profile),
        "IG101": lambda: advice.skewed_labels(profile, float(statistics["max_imbalance_ratio"])),
        "IG102": lambda: advice.rare_classes(profile, int(statistics["min_class_count"])),
        "IG104": lambda: advice.missing_labels(profile, 0.0),
    }
    defaults = {
        "max-imbalance-ratio": advice.MAX_IMBALANCE_RATIO,
        "min-class-count": advice.MIN_CLASS_COUNT,
        "max-missing-share": advice.MAX_MISSING_SHARE,  # no_missing_labels: a share of 0
    }
    remaining, covered = [], False
    for code, setting, statistic in parts:
        verdict = judged[code]()
        if verdict is None:
            continue
        wanted = statistics[statistic] if statistic else 0.0
        same = not setting or verdicts.setting(config, setting, defaults[setting]) == wanted
        if config.is_enabled(code) and same:
            covered = True
        else:
            remaining.append(verdict)
    if not covered:
        return original  # nothing restated (or the profiles disagree): pandera's own words
    return joined(remaining) if remaining else None


def _statistics(schema: Any, column: str | None, check: str) -> dict[str, Any] | None:
    """The statistics of the one ``check`` on ``column``; None if none or several."""
    try:
        if isinstance(schema, type):  # a DataFrameModel
            schema = schema.to_schema()
        found = [c for c in schema.columns[column].checks if getattr(c, "name", None) == check]
    except Exception:  # a schema without columns, a column it does not name
        return None
    return dict(found[0].statistics or {}) if len(found) == 1 else None
