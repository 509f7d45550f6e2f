"""IG107 train-test-overlap.

## What it does
Compares the rows of a test (or validation) file with those of its train file and reports
the test rows that also occur in the train file: how many, their share of the test file,
and the first three of them by row number (data rows counted from 1, the header not
counted).

Which files form a split:

- **by name**, among the dataset files checked in one run, in one folder and of one
  format: `train.csv` / `test.csv` (also `valid`, `val`, `validation` for the held-out
  side), `loans_train.csv` / `loans_test.csv`, `train_loans.csv` / `test_loans.csv`
  (`_`, `-` or `.` between the parts), and `train/x.csv` / `test/x.csv` (sibling
  folders holding files of the same name);
- **declared**, in `[tool.imbalance-guard.data]`:
  `splits = [["data/train.csv", "data/test.csv"]]` (paths relative to the project
  root). A declared pair is compared whenever either file is checked, so a pre-commit
  run that passes only the changed test file still compares it with the train file.
- **in the code**: when a run checks code and datasets together, a script or notebook
  that fits a model on the rows of one file (`model.fit(X, y)`) and calls `predict`,
  `predict_proba`, `decision_function` or `score` of that model on the rows of another
  file pairs them (train = the fitted one), whatever their names. Columns the code drops
  from the features (`X = df.drop(columns=["id", "y"])`) are left out of the comparison,
  the label kept. A split of one file (`train_test_split`) is no pair. A pair found in
  more than one way is compared once.

Rows are compared on every column both files have, matched by name (in any order). When
the headers differ, the rows are compared on the columns they share and the message
says which columns were left out. A column that makes every row unique, such as a row
identifier numbered across both files, hides copied rows: name it in
`overlap-exclude-columns = ["row_id"]` and it is left out of the comparison.

CSV and TSV values are compared as the text the CSV reader reads (`1` and `1.0` differ);
Parquet values keep their types; JSON Lines values are compared as the JSON the file
writes (`1` and `1.0` differ; a missing key equals `null`). Feather / Arrow IPC files
are not compared yet. A file the dataset check refuses (a ragged CSV row, a quote never
closed) cannot be compared: IG001 at the test file names it and says why.

## Why is this bad?
A test row that the model was trained on is an answer it has already seen: the test
score measures memory, not generalisation. Duplicated rows are common in real data (a
customer's repeated transaction, a record exported twice), and a random split puts the
copies on both sides. With class imbalance it is worse: the few minority rows are often
near-copies of each other, and oversampling *before* splitting copies them outright, so
the minority-class recall on the test set is inflated the most.

The default `max-overlap-share = 0` reports any shared row. Raise it (a share of the
test rows, from 0 to 1) where some repetition is genuine and known.

## How it is compared
DuckDB semi-joins the test rows to the train rows on all compared columns; two missing
values count as equal. The join hashes the rows and then compares the candidates value by
value, so a reported row is really in both files: no hash collision can make a false
finding. Rows of more than 64 compared columns (pixels, embeddings) are keyed by two
64-bit hashes of their values instead, to stay in the memory budget: a false shared row
then has a chance of at most about n·m/2⁶⁴ for n train and m test rows (5 in a million
for ten million rows on each side); no shared row is missed.

A test row counts once however often the train file holds it, and every copy of it in the
test file counts. Memory is bounded (DuckDB spills the join to a private temporary
directory, removed afterwards), so any file size can be compared.

## Example
```text
data/
  train.csv   # 8,000 rows
  test.csv    # 2,000 rows, 120 of them also in train.csv
```
gives (one line):
```text
data/test.csv: IG107 120 of 2,000 test rows (6.0%) also occur in data/train.csv,
compared on all 9 columns: data rows 4, 18 and 33
```

## Use instead
Remove duplicates before splitting, and split groups of related rows together:
```python
df = df.drop_duplicates()
train, test = train_test_split(df, test_size=0.2, stratify=df["is_fraud"])
# related rows (one customer): GroupShuffleSplit / StratifiedGroupKFold by customer_id
```
or drop the shared rows from the test file:
```python
test = test.merge(train.drop_duplicates(), how="left", indicator=True)
test = test[test["_merge"] == "left_only"].drop(columns="_merge")
```

## Next steps
Near-duplicates are not found yet: SMOTE interpolants of test rows that reached the
train file, or rows equal up to rounding.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from imbalance_guard import hookimpl
from imbalance_guard.config import Config, Setting
from imbalance_guard.discover import Target, display_path
from imbalance_guard.findings import Finding, Location, Rule

if TYPE_CHECKING:
    from imbalance_guard.data.code_pairs import CodePair
    from imbalance_guard.data.splits import Pair


def _splits() -> ModuleType:
    """The pairing code, imported when datasets are checked or ``splits`` is validated: a
    code-only run declares this rule's settings without it."""
    from imbalance_guard.data import splits

    return splits


RULE = Rule(
    code="IG107",
    name="train-test-overlap",
    summary="Test (or validation) rows also occur in the train file",
    doc=__doc__ or "",
    target="data",
)

SPLITS = Setting(
    "data",
    "splits",
    (),
    "IG107: train/test file pairs to compare, [[train, test], …], relative to the project "
    "root; files named train/test (valid, val) in one folder are paired without it.",
    types=(list,),
    check=lambda value: _splits().check_splits(value),
)

EXCLUDE_COLUMNS = Setting(
    "data",
    "overlap-exclude-columns",
    (),
    "IG107: columns left out when rows are compared (an identifier, an export time).",
    types=(list,),
    check=lambda v: (
        None if all(isinstance(c, str) and c for c in v) else "expected a list of column names"
    ),
)

MAX_OVERLAP_SHARE = Setting(
    "data",
    "max-overlap-share",
    0.0,
    "IG107: largest allowed share (0 to 1) of test rows that also occur in the train file.",
    types=(int, float),
    bounds=(0, 1),
)


@hookimpl
def ig_rules() -> list[Rule]:
    return [RULE]


@hookimpl
def ig_settings() -> list[Setting]:
    return [SPLITS, MAX_OVERLAP_SHARE, EXCLUDE_COLUMNS]


def find_pairs(datasets: Sequence[Target], config: Config) -> tuple[list[Pair], list[Finding]]:
    """The pairs to compare (by name, then declared) and IG001s for declared files that
    do not exist."""
    splits = _splits()
    declared, problems = splits.declared_pairs(
        config.get("data", "splits"), Path(config.root), datasets, Path.cwd()
    )
    missing = [
        Finding(
            "IG001",
            problem,
            Location(shown),
            suggestion="Correct the path in `splits`, or create the file.",
        )
        for shown, problem in problems
    ]
    return splits.unique([*splits.pairs_by_name(datasets), *declared]), missing


@hookimpl
def ig_check_datasets(
    datasets: Sequence[Target], config: Config, code_pairs: Sequence[CodePair]
) -> list[Finding]:
    pairs, findings = find_pairs(datasets, config)
    limit = float(config.get("data", "max-overlap-share"))
    exclude = tuple(config.get("data", "overlap-exclude-columns"))
    shown = _code_pairs(datasets, code_pairs)
    dropped = {_key(pair): columns for pair, columns in shown.items()}
    # A pair found by name (or declared) and in the code is compared once, keeping the
    # way it was found first, on the columns the code keeps.
    for pair in _splits().unique([*pairs, *shown]):
        findings.extend(check_pair(pair, limit, exclude=(*exclude, *dropped.get(_key(pair), ()))))
    return findings


def _key(pair: Pair) -> tuple[str, str]:
    return os.path.realpath(pair.train), os.path.realpath(pair.test)


def _code_pairs(
    datasets: Sequence[Target], code_pairs: Sequence[CodePair]
) -> dict[Pair, tuple[str, ...]]:
    """The pairs the run's code loads (fitted file, evaluated file) with a file among
    ``datasets``, and the columns the code drops from the features of each."""
    checked = {os.path.realpath(t.path): t.display for t in datasets}
    found: dict[Pair, tuple[str, ...]] = {}
    for code in code_pairs:
        real = [os.path.realpath(code.train), os.path.realpath(code.test)]
        if not any(r in checked for r in real):
            continue
        shown = [
            checked.get(r) or display_path(p, Path.cwd())
            for r, p in zip(real, (code.train, code.test), strict=True)
        ]
        pair = _splits().Pair(code.train, code.test, shown[0], shown[1], "code")
        found.setdefault(pair, code.exclude)
    return found


def check_pair(
    pair: Pair, limit: float, columns: Sequence[str] | None = None, exclude: Sequence[str] = ()
) -> list[Finding]:
    """IG107 for one pair; ``columns`` (None: all shared) and ``exclude`` as
    :func:`~imbalance_guard.data.overlap.shared_rows` takes them."""
    # DuckDB is imported only here: when a pair exists.
    from imbalance_guard.data.overlap import NotComparable, SideUnreadable, shared_rows
    from imbalance_guard.data.profile import UnreadableData

    try:
        found = shared_rows(pair.train, pair.test, columns, exclude)
    except NotComparable:
        return []  # no column in common, or a format not compared (documented)
    except UnreadableData as exc:
        text = f"cannot compare the rows with {pair.train_display}"
        if isinstance(exc, SideUnreadable):
            which = pair.train_display if exc.path == pair.train else "this file"
            text += f": {which} cannot be read: {exc.reason}"
        else:
            text += f": {exc}"
        return [
            Finding(
                "IG001",
                text,
                Location(pair.test_display),
                suggestion="Check that both files are complete and in the format their names say.",
            )
        ]
    if found.shared == 0 or found.share <= limit:
        return []
    examples = [f"{n:,}" for n in found.examples]
    rows = examples[0] if len(examples) == 1 else f"{', '.join(examples[:-1])} and {examples[-1]}"
    noun = "row" if len(examples) == 1 else "rows"
    message = (
        f"{found.shared:,} of {found.test_rows:,} test rows ({_percent(found.share)}) also "
        f"occur in {pair.train_display}, {_compared(found)}: data {noun} {rows}"
    )
    return [
        Finding(
            RULE.code,
            message,
            Location(pair.test_display),
            suggestion="remove duplicate rows before splitting (df.drop_duplicates()), and "
            "split related rows together (GroupShuffleSplit, StratifiedGroupKFold); or drop "
            f"the shared rows from {pair.test_display}",
            data={
                "train": pair.train_display,
                "test": pair.test_display,
                "paired_by": pair.how,
                "shared_rows": found.shared,
                "test_rows": found.test_rows,
                "share": found.share,
                "examples": list(found.examples),
                "columns": list(found.columns),
                "only_in_train": list(found.only_train),
                "only_in_test": list(found.only_test),
                "excluded": list(found.excluded),
                "compared_by": "hash" if found.hashed else "value",
            },
        )
    ]


def _compared(found) -> str:
    count = len(found.columns)
    if found.excluded:
        left_out = f"without {_names(found.excluded)}"
        if not found.only_train and not found.only_test:
            noun = "columns" if count > 1 else "column"
            return f"compared on {count} {noun} ({left_out})"
    if not found.only_train and not found.only_test:
        return f"compared on all {count} columns" if count > 1 else "compared on its 1 column"
    left = [left_out] if found.excluded else []
    if found.only_test:
        left.append(f"only in the test file: {_names(found.only_test)}")
    if found.only_train:
        left.append(f"only in the train file: {_names(found.only_train)}")
    shared = f"the {count} columns both files have" if count > 1 else "the 1 column both have"
    return f"compared on {shared} ({'; '.join(left)})"


def _names(columns: Sequence[str]) -> str:
    shown = ", ".join(f"`{c}`" for c in columns[:5])
    return shown + (f" and {len(columns) - 5} more" if len(columns) > 5 else "")


def _percent(share: float) -> str:
    percent = share * 100
    if percent >= 99.95 and share < 1:
        return ">99.9%"
    if 0 < percent < 0.1:
        return "<0.1%"
    return f"{percent:.1f}%" if percent < 10 else f"{percent:.0f}%"
