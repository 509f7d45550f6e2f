"""The help of the leakage rules (IG301, and IG203 for undersampling): code built from the
user's own statements where it can be pasted over the lines it names (:mod:`.paste`), in
words where it cannot.

``paste_fix`` builds the code for a split, cross-validation, a search or a fit's
validation; ``verb`` says what the user did ("resample", "undersample").
"""

from __future__ import annotations

import ast
import bisect
from typing import TYPE_CHECKING

from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.rules.code import paste

if TYPE_CHECKING:  # the analysis is loaded by the first unit that asks for unit.flow
    from imbalance_guard.code.flow import Resampling, Sink


def validation_suggestion(unit: CodeUnit, sink: Sink, origin: Resampling | None) -> str:
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


def _pipeline_lines(unit: CodeUnit, sampler: str, estimator: ast.expr) -> tuple[list[str], str]:
    """The lines that build an imbalanced-learn pipeline of ``sampler`` then the model
    (its import first, when the file lacks it), and the pipeline's name."""
    importing, pipeline = paste.import_line(unit, "imblearn.pipeline", "Pipeline")
    pipe = paste.free_name(unit, "pipe")
    model = unit.text(estimator, limit=10_000)
    lines = [importing] if importing else []
    lines.append(f'{pipe} = {pipeline}([("sampler", {sampler}), ("model", {model})])')
    return lines, pipe


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
    lines, pipe = _pipeline_lines(unit, origin.sampler_text, estimator)
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
    lines, pipe = _pipeline_lines(unit, sampler, estimator)
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


def suggestion(unit: CodeUnit, sink: Sink, origin: Resampling | None) -> str:
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
