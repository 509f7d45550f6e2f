"""IG202 split-without-stratify.

## What it does
Flags `train_test_split` of a classification target without `stratify=`, and an
explicit `KFold` (or `RepeatedKFold`, `ShuffleSplit`) used to cross-validate a
classifier where the stratified splitter was meant, including one hold-out split
drawn with `next(ShuffleSplit(...).split(X, y))` (`StratifiedShuffleSplit` is fine).

A target counts as classification when what the split returns is fitted by a
classifier or scored by a classification metric (a classifier fitted on it
decides, even when its predictions also go to `mean_absolute_error` or
`mean_squared_error`); when that cannot be followed
(a Keras model, a helper function), when the file or notebook evaluates only
classifiers and no regressors. Not flagged: regression targets, `shuffle=False`
splits (time order: stratification needs shuffling), splits of a single
DataFrame (the target column is not known yet), labels that were resampled
before the split (IG301 reports that, and stratifying them changes nothing),
data balanced by construction (see IG201: the exemption covers the splits of
that data, not the file), `cv=5` (an
integer already means `StratifiedKFold` for classifiers), and `KFold` used for
anything other than validating a classifier (out-of-fold target encoding, say).

The rule is on by default, decided by its false-positive rate on the labeled
corpus (tests/corpus/metrics, 89 scripts and notebooks). The corpus holds 42
unstratified `train_test_split` calls and `KFold` splitters; 19 of them are
right as they are (regression targets, time order, a DataFrame split, iris and
digits, target encoding, labels resampled before the split). A check that flagged
every unstratified split would be wrong 19 times in 42 (45%), too noisy to be on
by default. Following the split's outputs to the estimator that fits them, this
rule reports the other 23 and none of the 19: no false positives, and a missing
`stratify=` costs one keyword to fix.

## Why is this bad?
A random split leaves the test set's class proportions to chance. With 1% of
positives, a 20% test split of 1,000 rows should hold 2 of them and may hold 0,
so test scores swing from run to run and can be computed without a single
minority example. Unstratified folds do the same to every fold of
cross-validation: some folds have no positives at all, and ROC AUC or recall on
them is undefined or meaningless.

## Example
```python
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
scores = cross_val_score(clf, X, y, cv=KFold(5, shuffle=True))
```

## Use instead
```python
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y)
scores = cross_val_score(clf, X, y, cv=StratifiedKFold(5, shuffle=True))
```

## Fix safety
Both fixes are unsafe, applied only with `--unsafe-fixes`. A safe fix keeps the
program's behaviour apart from the intended improvement and never makes it
raise; adding `stratify=<the target argument>` to `train_test_split` can raise:
scikit-learn refuses to stratify when a class has a single row, or when the test
or training part is smaller than the number of classes, so a script that ran
before `--fix` would stop with a `ValueError` (IG102 reports such rare classes
in a dataset). The rows drawn into each part also change. The fix is offered
only when the target argument is a plain name, attribute or subscript
(evaluating it twice has no side effects). Replacing `KFold` with
`StratifiedKFold` is unsafe too (the folds differ, and it raises when a class
has fewer rows than folds) and offered only when the splitter is passed as
`cv=` or split with the labels (`kf.split(X, y)`); a `kf.split(X)` loop also
needs `y`.

The `stratify=` fix is safe when the data proves it cannot raise: the labels are a
column of a dataset file the code loads with a plain read (`pd.read_csv(path)`,
no options), taken straight from the frame as loaded (`y = df["bad_loan_flag"]`,
`df.pop(...)`, `df.iloc[:, -1]`), nothing changes the frame between the load and
the split (any call on it other than column selection, `drop`, `head`, `info` or
`describe`, and any assignment into it, counts as a change), `test_size` and
`train_size` are constants, and the file's counts show every class with at least
2 rows, no missing label, and at least one row per class in both parts. The
message then quotes the counts. Otherwise the fix stays unsafe.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from imbalance_guard import hookimpl
from imbalance_guard.code import library as C
from imbalance_guard.code.calls import argument
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.findings import Applicability, Finding, Fix, FixAvailability, Rule
from imbalance_guard.rules.code import ig20_edits as E
from imbalance_guard.rules.code import paste

if TYPE_CHECKING:  # the analysis is loaded by the first unit that asks for unit.flow
    from imbalance_guard.code.metric_facts import MetricFacts
    from imbalance_guard.data.linked import LinkedCounts

RULE = Rule(
    code="IG202",
    name="split-without-stratify",
    summary="A classification target is split or cross-validated without stratification",
    doc=__doc__ or "",
    fix=FixAvailability.SOMETIMES,
)

_TARGET_NAME = re.compile(r"(^|_)(y|label|labels|target|targets|class|classes)(_|$)|^y", re.I)
_CLASSIFICATION_LOSSES = {"CrossEntropyLoss", "BCEWithLogitsLoss", "BCELoss", "NLLLoss"}
_REGRESSION_LOSSES = {
    "MSELoss",
    "L1Loss",
    "HuberLoss",
    "SmoothL1Loss",
    "mse",
    "mae",
    "mean_squared_error",
    "mean_absolute_error",
    "MeanSquaredError",
    "MeanAbsoluteError",
    "huber",
}


# -- is this a classification problem? -------------------------------------------------


def _unit_kinds(f: MetricFacts) -> set[str]:
    """What the unit as a whole fits and measures: {"classifier", "regressor"}."""
    kinds: set[str] = set()
    for call, name in f.calls:
        kind = C.prediction_kind(name) if name else None
        if kind:
            kinds.add(kind)
        tail = name.rpartition(".")[2]
        if tail in _CLASSIFICATION_LOSSES or name.startswith("torchmetrics"):
            kinds.add("classifier")
        if tail in _REGRESSION_LOSSES and name.startswith(("torch", "keras", "tensorflow")):
            kinds.add("regressor")
        if isinstance(call.func, ast.Attribute) and call.func.attr == "compile":
            for key in ("loss", "metrics"):
                value = argument(call, key)
                for element in value.elts if isinstance(value, ast.List | ast.Tuple) else [value]:
                    text = f.constant_string(element) if element is not None else None
                    target = element.func if isinstance(element, ast.Call) else element
                    label = text or (f.qualname(target).rpartition(".")[2] if element else "")
                    if label in C.KERAS_CLASSIFICATION_LOSSES or label in (
                        C.KERAS_ACCURACY_STRINGS | C.KERAS_ACCURACY_CLASSES
                    ):
                        kinds.add("classifier")
                    elif label in _REGRESSION_LOSSES:
                        kinds.add("regressor")
    if f.uses(C.ACCURACY_FUNCTIONS | C.IMBALANCE_AWARE_FUNCTIONS):
        kinds.add("classifier")
    if f.uses(C.REGRESSION_METRICS):
        kinds.add("regressor")
    return kinds


def _target_index(f: MetricFacts, split: ast.Call, unit_kinds: set[str]) -> tuple[bool, int | None]:
    """(is it a classification split?, which argument is the target, if known)."""
    kinds = f.split_target_kinds(split)
    classified = [i for i, k in kinds.items() if "classifier" in k and "regressor" not in k]
    if classified:
        return True, classified[0]
    if any(kinds.values()):
        return False, None  # followed to a regressor
    if unit_kinds != {"classifier"}:
        return False, None
    if len(split.args) == 2:
        return True, 1
    named = [i for i, a in enumerate(split.args) if _TARGET_NAME.search(_name_of(a))]
    return True, named[-1] if len(named) == 1 else None


def _name_of(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Subscript):
        key = node.slice
        return str(key.value) if isinstance(key, ast.Constant) else ""
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _simple(node: ast.expr) -> bool:
    """An expression that can be evaluated twice without side effects."""
    if isinstance(node, ast.Name | ast.Constant):
        return True
    if isinstance(node, ast.Attribute):
        return _simple(node.value)
    if isinstance(node, ast.Subscript):
        return _simple(node.value) and all(
            _simple(part)
            for part in ast.walk(node.slice)
            if isinstance(part, ast.expr)
            if not isinstance(part, ast.Slice | ast.Tuple | ast.UnaryOp)
        )
    return False


# -- train_test_split -----------------------------------------------------------------------


def _splits(
    f: MetricFacts, unit: CodeUnit, unit_kinds: set[str], config: Config
) -> Iterator[Finding]:
    for call, _ in f.calls_to(C.TRAIN_TEST_SPLIT):
        if any(kw.arg is None for kw in call.keywords) or any(
            isinstance(a, ast.Starred) for a in call.args
        ):
            continue
        stratify = argument(call, "stratify")
        if stratify is not None and not (
            isinstance(stratify, ast.Constant) and stratify.value is None
        ):
            continue
        shuffle = argument(call, "shuffle")
        if isinstance(shuffle, ast.Constant) and shuffle.value is False:
            continue
        if len(call.args) < 2:
            continue
        classification, index = _target_index(f, call, unit_kinds)
        if not classification or f.balanced(call.args):
            continue  # a data set balanced by construction keeps its proportions anyway
        target = call.args[index] if index is not None else None
        if target is not None and f.resampled(target):
            continue  # resampled labels are balanced already; IG301 reports the real problem
        target_text = E.source_of(unit, target) if target is not None else "<the labels>"
        func = E.source_of(unit, call.func)
        parts = [E.source_of(unit, a) for a in call.args] + [
            E.source_of(unit, kw) for kw in call.keywords if kw.arg != "stratify"
        ]
        instead = f"{func}({', '.join(parts)}, stratify={target_text})"
        fix = None
        if target is not None and _simple(target):
            if stratify is not None:
                edit = E.replace(unit, stratify, target_text)
            else:
                last = max(
                    [*call.args, *(kw.value for kw in call.keywords)],
                    key=lambda n: (n.end_lineno, n.end_col_offset),
                )
                edit = E.insert_after(unit, last, f", stratify={target_text}")
            # Unsafe: stratifying raises when a class has one row (see "Fix safety") --
            # unless the counts of the dataset the labels come from, as loaded, prove
            # that it cannot.
            proven = index == 1 and stratify is None and _proven(unit, call, config)
            safety = Applicability.SAFE if proven else Applicability.UNSAFE
            fix = Fix((edit,), safety, f"Add stratify={target_text}")
        counts = _linked(unit, call, config) if index == 1 else None
        quoted = f"; {_quote(counts)}" if counts is not None else ""
        yield Finding(
            RULE.code,
            f"`{func}` splits the class labels `{target_text}` without `stratify=`: the test "
            "set's class proportions are left to chance, and a rare class can be missing "
            f"from it{quoted}",
            unit.location(call.func),
            suggestion=_stratify_help(unit, call, instead, target is not None),
            fix=fix,
        )


def _stratify_help(unit: CodeUnit, call: ast.Call, instead: str, known: bool) -> str:
    """The user's statement with ``stratify=`` added, to paste over it."""
    statement = paste.statement_of(unit, call)
    if not known or statement is None:
        return f"Stratify the split: `{instead}`"
    lines = paste.rewrite(unit, statement, [(call, instead)])
    return f"Stratify the split (replace {paste.where(unit, statement)}):\n{paste.block(lines)}"


def _stratified_help(
    unit: CodeUnit, call: ast.Call, stratified: str, instead: str, current: str, hint: str
) -> str:
    """The user's statement with the stratified splitter (and its import), to paste."""
    statement = paste.statement_of(unit, call)
    prose = f"Use `{instead}`{hint}; {current} keeps no class proportions"
    if hint or statement is None:
        return prose
    if isinstance(call.func, ast.Attribute):
        name = f"{unit.text(call.func.value, limit=10_000)}.{stratified}"
        importing = None
    else:
        importing, name = paste.import_line(unit, "sklearn.model_selection", stratified)
    lines = [importing] if importing else []
    lines += paste.rewrite(unit, statement, [(call.func, name)])
    where = paste.where(unit, statement)
    return (
        f"Use {stratified}; {current} keeps no class proportions (replace {where}):\n"
        f"{paste.block(lines)}"
    )


# -- KFold and friends -----------------------------------------------------------------------


def _splitter_verdict(
    f: MetricFacts, splitter: ast.Call
) -> tuple[list[tuple[str, ast.AST]], list[str]]:
    """The uses of ``splitter`` and the classifiers they validate."""
    uses = f.splitter_uses(splitter)
    classifiers = []
    for how, where in uses:
        if how == "cv" and isinstance(where, ast.Call):
            model = argument(where, "estimator", 0)
            if f.estimator_kind(model) == "classifier":
                classifiers.append(f.estimator_name(model) or "a classifier")
        elif (
            how.startswith("loop") and isinstance(where, ast.For) and f.fits_classifier(where.body)
        ) or (how.startswith("holdout") and f.holdout_fits_classifier(where)):
            classifiers.append("a classifier")
    return uses, classifiers


def _kfolds(f: MetricFacts, unit: CodeUnit) -> Iterator[Finding]:
    for call, name in f.calls_to(C.UNSTRATIFIED_SPLITTERS):
        uses, classifiers = _splitter_verdict(f, call)
        if not classifiers or f.splitter_balanced(call):
            continue
        stratified = C.UNSTRATIFIED_SPLITTERS[name]
        current = name.rpartition(".")[2]
        args = ", ".join(E.source_of(unit, a) for a in [*call.args, *call.keywords])
        instead = f"{stratified}({args})"
        loops = any(how in ("loop", "holdout") for how, _ in uses)
        fix = None
        if not loops:
            edits = []
            if isinstance(call.func, ast.Name):
                edits.append(E.replace(unit, call.func, stratified))
                imp = E.import_edit(unit, "sklearn.model_selection", stratified, near=call.func.id)
                edits += [imp] if imp else []
            elif isinstance(call.func, ast.Attribute):
                edit = E.replace_attribute_name(unit, call.func, stratified)
                edits += [edit] if edit else []
            if edits:
                fix = Fix(tuple(edits), Applicability.UNSAFE, f"Use {stratified}")
        hint = " and pass the labels to `.split(X, y)`" if loops else ""
        who = classifiers[0] if classifiers[0].startswith("a ") else f"`{classifiers[0]}`"
        holdout = all(how.startswith("holdout") for how, _ in uses)
        what = (
            f"splits a hold-out set for {who} without stratification: the test set may get"
            if holdout
            else f"cross-validates {who} without stratification: some folds may get"
        )
        yield Finding(
            RULE.code,
            f"`{E.source_of(unit, call)}` {what} few or none of the rare class",
            unit.location(call.func),
            suggestion=_stratified_help(unit, call, stratified, instead, current, hint),
            fix=fix,
        )


@hookimpl
def ig_rules() -> list[Rule]:
    return [RULE]


@hookimpl
def ig_check_code(unit: CodeUnit, config: Config) -> list[Finding]:
    if not C.imports_ml(unit):
        return []
    f = unit.flow.metric_facts
    splitters = C.TRAIN_TEST_SPLIT | set(C.UNSTRATIFIED_SPLITTERS)
    if not any(True for _ in f.calls_to(splitters)):
        return []
    return [*_splits(f, unit, _unit_kinds(f), config), *_kfolds(f, unit)]


def _linked(unit: CodeUnit, call: ast.Call, config: Config) -> LinkedCounts | None:
    """The counts of the labels this split's ``y`` holds exactly as the file has them."""
    pristine = unit.flow.pristine_splits.get(id(call))
    if pristine is None:
        return None
    from imbalance_guard.data.linked import file_counts

    load, column = pristine
    return file_counts(unit, load, column.column, config.root)


def _quote(counts: LinkedCounts) -> str:
    label, count = counts.minority
    share = 100 * count / counts.rows
    return (
        f"on {counts.display}, `{counts.column}` has {len(counts.counts)} classes, the "
        f"smallest ({label}) {count:,} of {counts.rows:,} rows ({share:.1f}%)"
    )


def _proven(unit: CodeUnit, call: ast.Call, config: Config) -> bool:
    """Do the linked counts prove ``stratify=y`` cannot raise? Every class has 2 rows or
    more, no label is missing, and the test and training parts each hold at least one row
    per class. Any doubt (sizes not constants, a reader given options, a change to the
    frame between the load and the split): not proven."""
    pristine = unit.flow.pristine_splits.get(id(call))
    if pristine is None or not pristine[0].plain:
        return False
    counts = _linked(unit, call, config)
    if counts is None or counts.missing or len(counts.counts) < 2:
        return False
    if counts.minority[1] < 2:
        return False
    sizes = split_sizes(counts.rows, argument(call, "test_size"), argument(call, "train_size"))
    if sizes is None:
        return False
    n_train, n_test = sizes
    classes = len(counts.counts)
    return n_train >= classes and n_test >= classes


def split_sizes(rows: int, test: ast.expr | None, train: ast.expr | None) -> tuple[int, int] | None:
    """scikit-learn's (train, test) sizes for ``rows`` rows; None when not constants or
    invalid (it would raise for other reasons)."""

    def size(expr: ast.expr | None) -> float | int | bool | None:
        if expr is None or (isinstance(expr, ast.Constant) and expr.value is None):
            return None
        if isinstance(expr, ast.Constant) and type(expr.value) in (int, float):
            return expr.value
        return False  # not a constant: unknown

    test_size, train_size = size(test), size(train)
    if test_size is False or train_size is False:
        return None
    if test_size is None and train_size is None:
        test_size = 0.25
    floats = isinstance(test_size, float) and isinstance(train_size, float)
    if floats and test_size + train_size > 1:  # type: ignore[operator]
        return None  # scikit-learn refuses fractions that add up to more than the rows

    def count(value: float | int, ceil: bool) -> int | None:
        if isinstance(value, float):
            if not 0 < value < 1:
                return None
            return math.ceil(value * rows) if ceil else math.floor(value * rows)
        return value if 0 < value < rows else None

    n_test = count(test_size, True) if test_size is not None else None  # type: ignore[arg-type]
    n_train = count(train_size, False) if train_size is not None else None  # type: ignore[arg-type]
    if (test_size is not None and n_test is None) or (train_size is not None and n_train is None):
        return None
    if n_test is None:
        n_test = rows - n_train  # type: ignore[operator]
    if n_train is None:
        n_train = rows - n_test
    if n_train + n_test > rows or n_train <= 0 or n_test <= 0:
        return None
    return n_train, n_test
