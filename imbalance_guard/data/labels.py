"""Which column of a dataset is the label: configured, given on the command line, or detected.

Also a plugin: it declares the ``[tool.imbalance-guard.data]`` settings every reader uses,
``label`` and ``max-classes``. Pure Python; imports neither pandas nor pyarrow.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from imbalance_guard import hookimpl
from imbalance_guard.config import Config, Setting
from imbalance_guard.data import thresholds
from imbalance_guard.options import OptionParser
from imbalance_guard.records import record

# Column names that usually hold the class label, best first; compared case-insensitively
# with spaces and hyphens read as underscores.
COMMON_LABEL_NAMES: tuple[str, ...] = (
    "label",
    "labels",
    "target",
    "class",
    "y",
    "outcome",
    "is_fraud",
    "isfraud",
    "fraud",
    "fraudulent",
    "churn",
    "churned",
    "exited",
    "attrition",
    "default",
    "defaulted",
    "survived",
    "diagnosis",
    "converted",
    "is_spam",
    "spam",
    "sentiment",
)


def normalise(name: str) -> str:
    return name.strip().lower().replace("-", "_").replace(" ", "_")


def detect(columns: Sequence[str]) -> str | None:
    """The column whose name is the best-ranked common label name, if any."""
    by_name = {}
    for column in columns:
        by_name.setdefault(normalise(column), column)
    for name in COMMON_LABEL_NAMES:
        if name in by_name:
            return by_name[name]
    return None


@record(frozen=True)
class LabelChoice:
    """The label columns to count, and configured ones the file lacks (IG105)."""

    columns: tuple[str, ...]
    missing: tuple[str, ...] = ()
    configured: bool = False
    note: str | None = None


def configured_labels(
    setting: Any, path: Path, root: Path, relative: str | None = None
) -> list[str] | None:
    """The columns ``data.label`` (or ``--label``) names for this file; None: detect.

    ``relative`` is the file's path from the project root as discovery computed it
    (``Target.relative``); without it, it is computed from ``path``.
    """
    if setting is None or setting == "" or setting == []:
        return None
    if isinstance(setting, str):
        return [setting]
    if isinstance(setting, list):
        return list(setting)
    if isinstance(setting, dict):
        where = PurePosixPath(relative) if relative else _relative(path, root)
        for pattern, columns in setting.items():
            hit = fnmatch.fnmatchcase(str(where), pattern) or (
                "/" not in pattern and fnmatch.fnmatchcase(where.name, pattern)
            )
            if hit:
                return [columns] if isinstance(columns, str) else list(columns)
    return None


def _relative(path: Path, root: Path) -> PurePosixPath:
    try:
        return PurePosixPath(path.resolve().relative_to(root.resolve()).as_posix())
    except ValueError:
        return PurePosixPath(path.as_posix())


def choose(
    columns: Sequence[str], path: Path, config: Config, relative: str | None = None
) -> LabelChoice:
    """Decide which columns of a file with ``columns`` are its labels."""
    wanted = configured_labels(label_setting(config), path, config.root, relative)
    if wanted is not None:
        present = tuple(c for c in wanted if c in columns)
        missing = tuple(c for c in wanted if c not in columns)
        return LabelChoice(present, missing, configured=True)
    found = detect(columns)
    if found is None:
        return LabelChoice((), note=no_label_message(columns))
    return LabelChoice((found,))


def no_label_message(columns: Sequence[str]) -> str:
    """Why a file's labels were not checked, and how to name its label column."""
    shown = ", ".join(list(columns)[:12])
    if len(columns) > 12:
        shown += f", … ({len(columns)} in all)"
    return (
        f"no label column recognised by name, so no label was checked "
        f"(columns: {shown or 'none'}); name it with `--label COLUMN` or "
        '`label = "COLUMN"` in [tool.imbalance-guard.data]'
    )


# The most distinct values a label column may have: each is a row DuckDB returns and a
# Python dict entry, so the cap keeps a mistyped setting from costing gigabytes.
MAX_CLASSES_LIMIT = 100_000


def label_setting(config: Config) -> Any:
    return config.settings.get("data", {}).get("label")


def max_classes(config: Config) -> int:
    return config.settings.get("data", {}).get("max-classes", thresholds.MAX_CLASSES)


def _check_label(value: Any) -> str | None:
    def columns_ok(item: Any) -> bool:
        if isinstance(item, str):
            return bool(item)
        return isinstance(item, list) and bool(item) and all(isinstance(c, str) and c for c in item)

    if isinstance(value, dict):
        for pattern, columns in value.items():
            if not columns_ok(columns):
                return f"the glob {pattern!r} must map to a column name or a list of them"
        return None
    if not columns_ok(value):
        return "expected a column name, a list of column names, or a table of glob = column"
    return None


SETTINGS = [
    Setting(
        "data",
        "label",
        None,
        "Label column(s): a name, a list of names, or a table of file glob = name(s). "
        "Unset: detected by common names (label, target, class, y, is_fraud, churn, ...).",
        types=(str, list, dict),
        check=_check_label,
    ),
    Setting(
        "data",
        "max-classes",
        thresholds.MAX_CLASSES,
        "A column with more distinct values than this is not a class label (a regression "
        "target or an identifier) and is skipped.",
        types=(int,),
        bounds=(2, MAX_CLASSES_LIMIT),
    ),
]


@hookimpl
def ig_settings() -> list[Setting]:
    return SETTINGS


def _label_option(values: tuple[str, ...], cwd: Path) -> str | list[str]:
    return list(values) if len(values) > 1 else values[0]


@hookimpl
def ig_addoption(parser: OptionParser) -> None:
    parser.addoption(
        "--label",
        section="data",
        key="label",
        multiple=True,
        help="Label column of the datasets (repeat for several targets).",
        convert=_label_option,
    )
