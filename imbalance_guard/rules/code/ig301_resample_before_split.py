"""IG301 resample-before-split.

## What it does
Reports oversampled data — rows copied or synthesised by an imbalanced-learn over- or
combined sampler's `fit_resample` (or `fit_transform`, or `smote_variants`' `sample`), a
third-party resampler class, `sklearn.utils.resample` with replacement,
`DataFrame.sample(replace=True)`, or by hand (`pd.concat([df] + [minority] * k)`,
`np.repeat` of minority indices, minority rows appended in a loop) — that reaches
`train_test_split`, torch's `random_split`, a cross-validation splitter's `.split`
(`KFold`, `StratifiedKFold`, `ShuffleSplit` ...), `cross_val_score` / `cross_validate` /
`cross_val_predict` / `learning_curve`, the `.fit` of a `GridSearchCV` /
`RandomizedSearchCV`, or the validation chosen inside a fit call: Keras
`validation_split=` and `validation_data=`, LightGBM / XGBoost / CatBoost `eval_set=` —
through renames, rebuilt DataFrames, `pd.concat`, helper functions (local, or imported
from the project's own modules) and notebook cells.

A split whose parts never reach a fit, a prediction, a score or a metric evaluates
nothing and is not reported. Undersampling (rows only dropped) is IG203.

When the code names the dataset it trains on (`df = pd.read_csv("../data/loans.csv")`,
`y = df["bad_loan_flag"]`) and the file exists, the message quotes its smallest class and
whether SMOTE-family samplers' default `k_neighbors=5` fits it (6 rows needed).

## Why is this bad?
Oversampling creates rows from other rows: SMOTE interpolates between neighbours,
random oversampling copies them. Resample first and split afterwards, and copies
or near-copies of the same minority rows land on both sides of the split. The
model is then tested on rows it has effectively seen, and the scores (recall on
the minority class above all) are optimistic — often wildly so. Resampling before
cross-validation leaks the same way into every fold. Validation inside a fit is no
different: Keras takes `validation_split` from the end of the arrays, which after
SMOTE is its synthetic rows, so early stopping and the validation score see them.

## Example
```python
X_res, y_res = SMOTE().fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, test_size=0.2)
```

## Use instead
```python
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y)
X_train_res, y_train_res = SMOTE().fit_resample(X_train, y_train)
```
For cross-validation, put the sampler in an imbalanced-learn pipeline so it runs
on each training fold only:
```python
from imblearn.pipeline import Pipeline
pipe = Pipeline([("smote", SMOTE()), ("model", LogisticRegression())])
cross_val_score(pipe, X, y, cv=StratifiedKFold(5), scoring="f1")
```
For a fit that validates, split the validation data off first and pass it as
`validation_data=(X_val, y_val)`.

## Limits
Hand-written oversampling is recognised when the repeated rows are picked by a
condition (`df[df.y == 1]`, `np.where(y == 1)`) and repeated by `*`, a comprehension,
a loop or `np.repeat` / `np.tile`; rows repeated by other arithmetic on indices are
not followed. A class from a project module is taken for a resampler only when its
module or name says so (`sampl`, `smote`, `imblearn`, `*Sampler`).
"""

from __future__ import annotations

import ast
import bisect
from typing import TYPE_CHECKING

from imbalance_guard import hookimpl
from imbalance_guard.code import library
from imbalance_guard.code.project import shown_path as _shown
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.findings import Finding, Rule
from imbalance_guard.rules.code import paste

if TYPE_CHECKING:  # the analysis is loaded by the first unit that asks for unit.flow
    from imbalance_guard.code.flow import Resampling, Sink

RULE = Rule(
    code="IG301",
    name="resample-before-split",
    summary="Resampled data reaches a train/test split or cross-validation",
    doc=__doc__ or "",
)


@hookimpl
def ig_rules() -> list[Rule]:
    return [RULE]


@hookimpl
def ig_check_code(unit: CodeUnit, config: Config) -> list[Finding]:
    if not library.might_leak(unit):
        return []  # no split, CV or search to reach: no finding, so no analysis
    flow = unit.flow
    findings: list[Finding] = []
    reported: set[int] = set()
    for sink in flow.sinks:
        # Undersampling copies no rows: that is IG203's business, not leakage.
        resampled = [fact for fact in sink.value.resampled if fact.copies]
        if not resampled or id(sink.node) in reported or not flow.outputs_used(sink):
            continue
        if sink.kind == "validation" and sink.value.is_test:
            continue  # a held-out part: its resampling or its split is reported there
        reported.add(id(sink.node))
        fact = resampled[0]
        where = unit.describe_line(fact.line)
        if fact.function:
            where += f" (in `{fact.function}()`)"
        name = unit.text(sink.expr)
        target = f"`{sink.target}` at {unit.describe_line(sink.target_line)}"
        if sink.origin:
            target = f"`{sink.target}` at line {sink.target_line} of `{_shown(sink.origin)}`"
        if sink.via:
            target += f" (inside `{sink.via}()`, called at {unit.describe_line(sink.node.lineno)})"
        origin = flow.resampling_of(fact)
        if sink.kind == "validation":
            message = (
                f"`{name}` was resampled by {fact.sampler} at {where} and is the validation "
                f"data of {target}: early stopping and the validation score see the synthetic "
                "or copied rows"
            )
            suggestion = _validation_suggestion(unit, sink, origin)
        else:
            message = f"`{name}` was resampled by {fact.sampler} at {where} and reaches {target}"
            suggestion = _suggestion(unit, sink, origin)
        message += _linked_counts(unit, config, fact.sampler)
        findings.append(
            Finding(RULE.code, message, unit.location(sink.node), suggestion=suggestion)
        )
    return findings


#: Samplers that interpolate between a row and its ``k_neighbors`` nearest same-class rows.
_NEIGHBOUR_SAMPLERS = frozenset(
    {"SMOTE", "SMOTENC", "SMOTEN", "BorderlineSMOTE", "SVMSMOTE", "KMeansSMOTE", "ADASYN"}
)


def _linked_counts(unit: CodeUnit, config: Config, sampler: str) -> str:
    """The counts of the dataset the code trains on: ``; on data/loans.csv the smallest
    class (1) has 30 of 1,000 rows (3.0%), enough for SMOTE's default k_neighbors=5``."""
    if not unit.flow.label_links:
        return ""
    from imbalance_guard.data.linked import counts_for

    counts = counts_for(unit, config.root)
    if counts is None:
        return ""
    label, count = counts.minority
    text = (
        f"; on {counts.display} the smallest class of `{counts.column}` ({label}) has "
        f"{count:,} of {counts.rows:,} rows ({100 * count / counts.rows:.1f}%)"
    )
    if sampler in _NEIGHBOUR_SAMPLERS:
        fits = "enough" if count > 5 else "too few"
        text += f", {fits} for {sampler}'s default k_neighbors=5 (it needs 6)"
    return text


def _validation_suggestion(unit: CodeUnit, sink: Sink, origin: Resampling | None) -> str:
    if origin is not None:
        pasted = paste_fix(unit, sink, origin)
        if pasted:
            return pasted
    return validation_words(unit, sink, origin)


def validation_words(
    unit: CodeUnit, sink: Sink, origin: Resampling | None, verb: str = "resample"
) -> str:
    """The help for a fit's validation, in words: split the validation data off the data
    from before resampling and pass it by the fit's own keyword."""
    sampler = _names(unit, origin)[2]
    before = before_text(unit, sink, origin)
    keyword = _validation_keyword(sink)
    given = (
        "eval_set=[(X_val, y_val)]" if keyword == "eval_set" else "validation_data=(X_val, y_val)"
    )
    by = "" if origin is None or sampler.startswith(".") else f" with `{sampler}`"
    return (
        f"Split the validation data off the data from before {_gerund(verb)}{before}, "
        f"{verb} only the training part{by}, and pass the untouched validation part to the "
        f"fit as `{given}`"
    )


def before_text(unit: CodeUnit, sink: Sink, origin: Resampling | None) -> str:
    """`` (`X`, `y`)``: the data from before resampling as the user named it, when the
    sink could take it instead; empty when that cannot be said for sure."""
    if origin is None or not _before_resampling(unit, sink, origin):
        return ""
    x, y, _ = _names(unit, origin)
    return f" (`{x}`, `{y}`)" if y else f" (`{x}`)"


def _validation_keyword(sink: Sink) -> str:
    """``validation_split``, ``validation_data`` or ``eval_set``: the keyword that chose
    the validation data (the sink's target names it)."""
    return sink.target.rsplit("(", 1)[-1].split("=", 1)[0]


def _gerund(verb: str) -> str:
    return verb.removesuffix("e") + "ing"


def _in_folds(verb: str) -> str:
    """How the cross-validation help begins: undersampling is optional, leakage is not."""
    if verb == "resample":
        return "Resample inside each training fold"
    return (
        f"Cross-validate on the data from before {_gerund(verb)}; if you still want "
        f"{_gerund(verb)}, {verb} inside each training fold"
    )


def _names(unit: CodeUnit, origin: Resampling | None) -> tuple[str, str, str]:
    """(X, y, sampler) as the user wrote them at the resampling, with fallbacks."""
    if origin is None or origin.fact.function is not None:
        return "X", "y", origin.sampler_text if origin else "SMOTE()"
    inputs = [unit.text(expr) for expr, _ in origin.inputs]
    x = inputs[0] if inputs else "X"
    y = inputs[1] if len(inputs) > 1 else ""
    return x, y, origin.sampler_text


def _before_resampling(unit: CodeUnit, sink: Sink, origin: Resampling | None) -> dict[str, str]:
    """The resampling's output names mapped to the user's text of its inputs, when the
    split or cross-validation can take those inputs instead: a module-level
    ``X_res, y_res = sampler.fit_resample(X, y)`` whose inputs are not re-bound before
    the sink. Empty when that cannot be said for sure."""
    if origin is None or origin.fact.function is not None or origin.via or sink.via:
        return {}
    if origin.sampler_text in ("resample", ".sample") or not isinstance(
        origin.node.func, ast.Attribute
    ):
        return {}
    statement = paste.statement_of(unit, origin.node)
    if not (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and statement.value is origin.node
    ):
        return {}
    target = statement.targets[0]
    outputs = target.elts if isinstance(target, ast.Tuple | ast.List) else [target]
    inputs = [expr for expr, _ in origin.inputs]
    if len(outputs) != len(inputs) or not all(isinstance(o, ast.Name) for o in outputs):
        return {}
    if not all(_plain(expr) for expr in inputs):
        return {}
    roots = {n.id for expr in inputs for n in ast.walk(expr) if isinstance(n, ast.Name)}
    if roots & {o.id for o in outputs}:  # type: ignore[attr-defined]
        return {}  # ``X, y = sm.fit_resample(X, y)``: the data from before is gone
    last = statement.end_lineno or statement.lineno
    bound = paste.stores(unit)
    # Neither the data from before nor the resampled names may change on the way
    # (``X_res = scaler.fit_transform(X_res)`` must not be skipped by the help).
    for root in roots | {o.id for o in outputs}:  # type: ignore[attr-defined]
        lines = bound.get(root, [])
        after = bisect.bisect_right(lines, last)
        if after < len(lines) and lines[after] <= sink.node.lineno:
            return {}  # the data from before resampling is not what it was
    return {o.id: unit.text(i, limit=10_000) for o, i in zip(outputs, inputs, strict=True)}  # type: ignore[union-attr]


#: Methods that only read their object: evaluating them again gives the same data.
_READING_METHODS = frozenset(
    {"ravel", "to_numpy", "astype", "reshape", "flatten", "drop", "copy", "squeeze"}
)


def _plain(node: ast.expr) -> bool:
    """Data an expression names without side effects, safe to evaluate again."""
    if isinstance(node, ast.Name):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        return (
            isinstance(func, ast.Attribute)
            and func.attr in _READING_METHODS
            and _plain(func.value)
            and all(isinstance(a, ast.Constant) for a in node.args)
            and all(isinstance(k.value, ast.Constant | ast.List) for k in node.keywords)
        )
    if isinstance(node, ast.Attribute):
        return _plain(node.value)
    if isinstance(node, ast.Subscript):
        return _plain(node.value) and not any(
            isinstance(n, ast.Call | ast.NamedExpr) for n in ast.walk(node.slice)
        )
    return False


def _data_replacements(call: ast.Call, names: dict[str, str], skip: ast.AST | None = None) -> list:
    """Each resampled name used in the call's arguments, with the text from before."""
    out = []
    for arg in [*call.args, *(kw.value for kw in call.keywords)]:
        if arg is skip:
            continue
        for node in ast.walk(arg):
            if isinstance(node, ast.Name) and node.id in names:
                out.append((node, names[node.id]))
    return out


def _paste_split(unit: CodeUnit, sink: Sink, origin: Resampling, verb: str) -> str | None:
    names = _before_resampling(unit, sink, origin)
    call = sink.node
    statement = paste.statement_of(unit, call)
    if not names or not isinstance(statement, ast.Assign) or statement.value is not call:
        return None
    target = statement.targets[0] if len(statement.targets) == 1 else None
    parts = target.elts if isinstance(target, ast.Tuple | ast.List) else []
    if len(parts) != 2 * len(call.args) or not all(isinstance(p, ast.Name) for p in parts):
        return None
    # Each resampled output given whole to the split, and the train part it comes back as.
    train = {}
    for index, arg in enumerate(call.args):
        if isinstance(arg, ast.Name) and arg.id in names:
            train[arg.id] = parts[2 * index].id  # type: ignore[attr-defined]
    resampling = paste.statement_of(unit, origin.node)
    outputs = resampling.targets[0]  # type: ignore[union-attr]
    order = [
        o.id for o in (outputs.elts if isinstance(outputs, ast.Tuple | ast.List) else [outputs])
    ]
    if sorted(train) != sorted(order) or len(order) < 2:
        return None
    replacements = _data_replacements(call, names)
    if not replacements:
        return None
    parts_text = ", ".join(train[o] for o in order)
    method = origin.node.func.attr  # type: ignore[attr-defined]
    lines = paste.rewrite(unit, statement, replacements)
    lines.append(f"{parts_text} = {origin.sampler_text}.{method}({parts_text})")
    first = (
        "Split the data from before resampling, then resample only the training part"
        if verb == "resample"
        else f"Split first, on the data from before {_gerund(verb)}; if you still want "
        f"{_gerund(verb)}, {verb} only the training part"
    )
    return f"{first} (replace {paste.where(unit, statement)}):\n{paste.block(lines)}"


def _paste_cv(unit: CodeUnit, sink: Sink, origin: Resampling, verb: str) -> str | None:
    names = _before_resampling(unit, sink, origin)
    call = sink.node
    statement = paste.statement_of(unit, call)
    estimator = sink.estimator
    if not names or statement is None or estimator is None or sink.kind != "cv":
        return None
    if not any(estimator is a for a in [*call.args, *(k.value for k in call.keywords)]):
        return None
    replacements = _data_replacements(call, names, skip=estimator)
    if not replacements:
        return None
    importing, pipeline = paste.import_line(unit, "imblearn.pipeline", "Pipeline")
    pipe = paste.free_name(unit, "pipe")
    model = unit.text(estimator, limit=10_000)
    lines = [importing] if importing else []
    lines.append(f'{pipe} = {pipeline}([("sampler", {origin.sampler_text}), ("model", {model})])')
    lines += paste.rewrite(unit, statement, [*replacements, (estimator, pipe)])
    return (
        f"{_in_folds(verb)} with an imbalanced-learn pipeline, and give it the data from "
        f"before {_gerund(verb)} (replace {paste.where(unit, statement)}):\n"
        f"{paste.block(lines)}"
    )


def _paste_search(unit: CodeUnit, sink: Sink, origin: Resampling, verb: str) -> str | None:
    """The search built on a pipeline (its grid's names prefixed ``model__``) and fitted
    on the data from before resampling: two statements to paste over."""
    names = _before_resampling(unit, sink, origin)
    estimator = sink.estimator
    if not names or estimator is None:
        return None
    holder = paste.parent(unit, estimator)
    built = paste.parent(unit, holder) if isinstance(holder, ast.keyword) else holder
    construction = paste.statement_of(unit, estimator)
    fitting = paste.statement_of(unit, sink.node)
    if not isinstance(built, ast.Call) or construction is None or fitting is None:
        return None
    if (construction.end_lineno or construction.lineno) >= fitting.lineno:
        return None
    sampler = origin.sampler_text
    if sampler.isidentifier() and not any(
        line < construction.lineno for line in paste.stores(unit).get(sampler, [])
    ):
        return None  # the sampler is made after the search: the pipeline cannot use it
    grid = next(
        (k.value for k in built.keywords if k.arg in ("param_grid", "param_distributions")),
        built.args[1] if len(built.args) > 1 else None,
    )
    replacements: list[tuple[ast.AST, str]] = []
    if isinstance(grid, ast.Dict) and all(
        isinstance(k, ast.Constant) and isinstance(k.value, str) for k in grid.keys
    ):
        replacements += [(k, repr(f"model__{k.value}")) for k in grid.keys]  # type: ignore[union-attr]
    elif isinstance(grid, ast.Name):
        replacements.append(
            (grid, f'{{f"model__{{key}}": value for key, value in {grid.id}.items()}}')
        )
    elif grid is not None:
        return None  # a list of grids, a call: renaming its keys is the user's work
    fit_data = _data_replacements(sink.node, names)
    if not fit_data:
        return None
    importing, pipeline = paste.import_line(unit, "imblearn.pipeline", "Pipeline")
    pipe = paste.free_name(unit, "pipe")
    model = unit.text(estimator, limit=10_000)
    lines = [importing] if importing else []
    lines.append(f'{pipe} = {pipeline}([("sampler", {sampler}), ("model", {model})])')
    lines += paste.rewrite(unit, construction, [(estimator, pipe), *replacements])
    return (
        f"{_in_folds(verb)}: search over an imbalanced-learn pipeline "
        f"(replace {paste.where(unit, construction)}):\n{paste.block(lines)}\n"
        f"and fit it on the data from before {_gerund(verb)} "
        f"(replace {paste.where(unit, fitting)}):\n"
        f"{paste.block(paste.rewrite(unit, fitting, fit_data))}"
    )


_VALIDATION_KEYWORDS = ("validation_split", "validation_data", "eval_set")


def _paste_validation(unit: CodeUnit, sink: Sink, origin: Resampling, verb: str) -> str | None:
    """``model.fit(X_res, y_res, validation_split=0.2)``, or ``validation_data=`` /
    ``eval_set=`` naming the resampled training data itself: the validation part split off
    the data from before resampling, only the training part resampled, and the fit
    validated on the untouched part. Three statements pasted over the fit's."""
    names = _before_resampling(unit, sink, origin)
    call = sink.node
    statement = paste.statement_of(unit, call)
    if len(names) != 2 or not isinstance(statement, ast.Expr | ast.Assign):
        return None
    if statement.value is not call or any(kw.arg is None for kw in call.keywords):
        return None
    order = list(names)  # the resampled X and y, as the resampling returns them
    data = call.args[:2]
    if [a.id if isinstance(a, ast.Name) else None for a in data] != order:
        return None
    chosen = [kw for kw in call.keywords if kw.arg in _VALIDATION_KEYWORDS]
    if len(chosen) != 1 or not isinstance(origin.node.func, ast.Attribute):
        return None
    keyword = chosen[0]
    suffix = _free_suffix(unit, ("X_fit", "y_fit", "X_val", "y_val"))
    x_fit, y_fit, x_val, y_val = (f"{n}{suffix}" for n in ("X_fit", "y_fit", "X_val", "y_val"))
    size = ""
    replacements: list[tuple[ast.AST, str]] = [(data[0], x_fit), (data[1], y_fit)]
    if keyword.arg == "validation_split":
        if not isinstance(keyword.value, ast.Constant | ast.Name):
            return None
        size = f"test_size={unit.text(keyword.value)}, "
        replacements.append((keyword, f"validation_data=({x_val}, {y_val})"))
    else:
        # Only pairs of the resampled names themselves: the fit validated on its own
        # training data. Anything else built from it is the user's to rework.
        pairs = [
            node
            for node in ast.walk(keyword.value)
            if isinstance(node, ast.Tuple | ast.List)
            and [e.id if isinstance(e, ast.Name) else None for e in node.elts] == order
        ]
        covered = {id(e) for pair in pairs for e in pair.elts}  # type: ignore[attr-defined]
        loose = [
            n
            for n in ast.walk(keyword.value)
            if isinstance(n, ast.Name) and n.id in names and id(n) not in covered
        ]
        if not pairs or loose:
            return None
        replacements += [(pair, f"({x_val}, {y_val})") for pair in pairs]
    importing, split = paste.import_line(unit, "sklearn.model_selection", "train_test_split")
    x, y = (names[o] for o in order)
    method = origin.node.func.attr
    lines = [importing] if importing else []
    lines.append(f"{x_fit}, {x_val}, {y_fit}, {y_val} = {split}({x}, {y}, {size}stratify={y})")
    lines.append(f"{x_fit}, {y_fit} = {origin.sampler_text}.{method}({x_fit}, {y_fit})")
    lines += paste.rewrite(unit, statement, replacements)
    still = f"; if you still want {_gerund(verb)}, {verb}" if verb != "resample" else ", resample"
    return (
        f"Split the validation data off before {_gerund(verb)}{still} only the training part, "
        f"and validate the fit on the untouched rows (replace {paste.where(unit, statement)}):"
        f"\n{paste.block(lines)}"
    )


def _free_suffix(unit: CodeUnit, bases: tuple[str, ...]) -> str:
    """``""``, ``"_2"`` ...: the first suffix that leaves every name in ``bases`` unused."""
    taken = paste.names_in(unit)
    number = 1
    while any(f"{b}{'' if number == 1 else f'_{number}'}" in taken for b in bases):
        number += 1
    return "" if number == 1 else f"_{number}"


def paste_fix(unit: CodeUnit, sink: Sink, origin: Resampling, verb: str = "resample") -> str | None:
    """Help with code to paste for resampled data reaching ``sink``, built from the
    user's statements, or None when no code can be pasted safely. ``verb`` says what the
    sampler does (IG203 says ``undersample``)."""
    builders = {
        "split": _paste_split,
        "cv": _paste_cv,
        "search": _paste_search,
        "validation": _paste_validation,
    }
    build = builders.get(sink.kind)
    return build(unit, sink, origin, verb) if build is not None else None


def _suggestion(unit: CodeUnit, sink: Sink, origin: Resampling | None) -> str:
    if origin is not None:
        pasted = paste_fix(unit, sink, origin)
        if pasted:
            return pasted
    x, y, sampler = _names(unit, origin)
    intact = _before_resampling(unit, sink, origin) if origin is not None else {}
    before = f"`{x}`, `{y}`" if y else f"`{x}`"
    before = f" ({before})" if intact else ""
    by = f"`{sampler}`" if origin is not None and not sampler.startswith(".") else "the sampler"
    if origin is not None and sampler == "resample":
        by = "`resample`"
    if sink.kind in ("split", "splitter"):
        what = "the split" if sink.kind == "split" else f"`{sink.target}`"
        return (
            f"Give {what} the data from before resampling{before}, then resample only "
            f"the training part with {by}; leave the test part as it is"
        )
    model = f"`{unit.text(sink.estimator)}`" if sink.estimator is not None else "the model"
    step = (
        by if by not in ("the sampler", "`resample`") else "a sampler such as `RandomOverSampler()`"
    )
    how = (
        f"put {step} and {model} in an imbalanced-learn `Pipeline` "
        "(`from imblearn.pipeline import Pipeline`)"
    )
    if sink.kind == "search":
        search = sink.target.removesuffix(".fit")
        return (
            f"Resample inside each training fold: {how}, search over it with `{search}` "
            "(parameters become `model__<name>`), and fit it on the data from before "
            f"resampling{before}"
        )
    return (
        f"Resample inside each training fold: {how}, and give `{sink.target}` that pipeline "
        f"and the data from before resampling{before}"
    )
