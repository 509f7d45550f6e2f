"""IG201 accuracy-only.

## What it does
Flags a script or notebook whose only evaluation of a classifier is accuracy, in
any of its spellings: `accuracy_score` (under any import alias);
`scoring="accuracy"` in `cross_val_score`, `cross_validate`, `GridSearchCV`,
`RandomizedSearchCV`, `HalvingGridSearchCV`, `HalvingRandomSearchCV`,
`learning_curve`, `validation_curve` or `permutation_importance`;
`cross_val_score` / `cross_validate` of a classifier without `scoring=`; a
classifier's default `.score(X, y)`; Keras `compile(metrics=["accuracy"])`
(also `"acc"`, `Accuracy()`, `BinaryAccuracy()`, `CategoricalAccuracy()`,
`SparseCategoricalAccuracy()`); torchmetrics `Accuracy` (micro-averaged); and
Hugging Face `evaluate.load("accuracy")`.

It is not reported when the same file or notebook also uses a metric that sees
the minority class: F1 / F-beta, precision, recall, balanced accuracy, ROC AUC,
average precision, Matthews correlation, Cohen's kappa, `classification_report`,
`confusion_matrix`, `precision_recall_curve`, imbalanced-learn's
`geometric_mean_score` or `classification_report_imbalanced`, or a `scoring=`
list or dict holding one of them. Regressors are never flagged (their `.score`
is R²).

Evaluations of data balanced by construction are not flagged either: iris,
digits, Keras and torchvision MNIST / CIFAR, `fetch_openml("mnist_784")`,
Hugging Face `load_dataset("imdb")`, `"mnist"` or `"cifar10"`,
`make_classification` without `weights=`, and hand-built labels with equal
counts (`np.array([0] * 50 + [1] * 50)`; `[0] * 90 + [1] * 10` is skewed). The
exemption follows the values that come from such a data set: a notebook whose
last cell loads `load_digits` for a PCA demo keeps its findings on its own data.
An evaluation that names no data (Keras `compile(metrics=...)`, torchmetrics,
`evaluate.load`, `scoring=` of a search) is exempt when the file loads such a
data set; labels whose origin the analysis cannot follow are not exempt.

Code pasted without its imports is read at its word: an unbound
`DecisionTreeClassifier`, `XGBClassifier`, `accuracy_score` or
`train_test_split` is the well-known scikit-learn, XGBoost, LightGBM, CatBoost,
imbalanced-learn or Keras name. A class, function or import of the same name
anywhere in the file wins, a file with a `*` import is not guessed, and names
libraries share (`Pipeline`, `resample`, `Dense`) are never guessed. A model read
back with `pickle.load` or `joblib.load` is a classifier when some use anywhere in
the file shows one (`predict_proba`, or its predictions given to a classification
metric); a name or path saying so (`clf.pkl`) counts too. A loaded model nothing
shows to be a classifier is left alone: its `.score` may be R².

When the code names the dataset it trains on (`df = pd.read_csv("../data/loans.csv")`,
`y = df["bad_loan_flag"]`) and that file exists (next to the script or notebook, or
at the project root), the message quotes its label counts: "on data/loans.csv,
where `bad_loan_flag` is 1 in 3.0% (30) of 1,000 rows, always predicting 0 scores
97% accuracy". If that dataset is balanced — its majority class at most
`balanced-ratio` times its minority class (`[tool.imbalance-guard.code]`, default
1.5, between 1 and 1000) — accuracy means what it says there and nothing is
reported. A file that loads several datasets, or none that exists, is judged as
before. Only the label column is read, with the standard library for CSV, TSV and
JSON Lines.

## Why is this bad?
On 1% fraud data a model that always answers "not fraud" scores 99% accuracy.
Accuracy is dominated by the majority class, so it rises while the model gets
worse at the class you care about, and model selection by accuracy picks such
models. Without a second, imbalance-aware metric nobody notices.

## Example
```python
clf = RandomForestClassifier().fit(X_train, y_train)
print(accuracy_score(y_test, clf.predict(X_test)))
```

## Use instead
```python
clf = RandomForestClassifier(class_weight="balanced").fit(X_train, y_train)
preds = clf.predict(X_test)
print(balanced_accuracy_score(y_test, preds))
print(classification_report(y_test, preds))
```

## Fix safety
The fix replaces `accuracy_score(...)` with `balanced_accuracy_score(...)` (adding
the import), `scoring="accuracy"` with `scoring="balanced_accuracy"`, a
classifier's `clf.score(X, y)` with `balanced_accuracy_score(y, clf.predict(X))`,
and adds `"balanced_accuracy"` to a `cross_validate` scoring list or dict. It is
unsafe: the reported numbers change (that is the point), and code that compares
them to stored accuracy values or thresholds needs a human look.
"""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from imbalance_guard import hookimpl
from imbalance_guard.code import library as C
from imbalance_guard.code.calls import argument
from imbalance_guard.code.linked_data import BALANCED_RATIO_SETTING, is_balanced, linked_counts
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config, Setting
from imbalance_guard.findings import Applicability, Edit, Finding, Fix, FixAvailability, Rule
from imbalance_guard.records import record
from imbalance_guard.rules.code import ig20_edits as E

if TYPE_CHECKING:  # the analysis is loaded by the first unit that asks for unit.flow
    from imbalance_guard.code.metric_facts import MetricFacts

RULE = Rule(
    code="IG201",
    name="accuracy-only",
    summary="Accuracy is the only metric a classifier is evaluated with",
    doc=__doc__ or "",
    fix=FixAvailability.SOMETIMES,
)

_BALANCED = "balanced_accuracy_score"


@record
class Site:
    """One place where accuracy is computed."""

    node: ast.AST  # what the finding points at
    what: str  # the accuracy evaluation, in the user's words
    instead: str  # the concrete alternative
    estimator: ast.Call | None = None  # the classifier's constructor, when known
    # The fix's edits, or what makes them: placing an import costs a walk of the file's
    # imports, worth it only for a site that is reported (most are not: the file also
    # uses an imbalance-aware metric, or is scikit-learn's own ``score``).
    edits: tuple[Edit, ...] | Callable[[], tuple[Edit, ...]] = ()
    data: tuple[ast.expr, ...] = ()  # the data it evaluates, when the call names it


def _unsafe(edits: tuple[Edit, ...] | Callable[[], tuple[Edit, ...]], title: str) -> Fix | None:
    if callable(edits):
        edits = edits()
    return Fix(edits, Applicability.UNSAFE, title) if edits else None


# -- the spellings of accuracy ---------------------------------------------------------


def _accuracy_calls(f: MetricFacts, unit: CodeUnit) -> Iterator[Site]:
    for call, _ in f.calls_to(C.ACCURACY_FUNCTIONS):
        # balanced_accuracy_score takes no ``normalize``; keep the rest of the user's arguments
        kept = [E.source_of(unit, a) for a in call.args[:2]] + [
            E.source_of(unit, kw) for kw in call.keywords if kw.arg not in (None, "normalize")
        ]
        instead = f"{_BALANCED}({', '.join(kept)})"
        fixable = len(call.args) <= 2 and all(kw.arg == "sample_weight" for kw in call.keywords)
        if fixable and isinstance(call.func, ast.Attribute):
            instead = f"{E.source_of(unit, call.func.value)}.{instead}"
        yield Site(
            call.func,
            f"`{E.source_of(unit, call)}`",
            f"`{instead}`",
            f.predicted_by(argument(call, "y_pred", 1)),
            partial(_accuracy_call_edits, unit, call) if fixable else (),
            _data(call),
        )


def _accuracy_call_edits(unit: CodeUnit, call: ast.Call) -> tuple[Edit, ...]:
    """``accuracy_score(...)`` becomes ``balanced_accuracy_score(...)`` (imported)."""
    if isinstance(call.func, ast.Name):
        imp = E.import_edit(unit, "sklearn.metrics", _BALANCED, near=call.func.id)
        return (E.replace(unit, call.func, _BALANCED), *((imp,) if imp else ()))
    if isinstance(call.func, ast.Attribute):
        edit = E.replace_attribute_name(unit, call.func, _BALANCED)
        return (edit,) if edit else ()
    return ()


def _scoring(f: MetricFacts, unit: CodeUnit, aware: list[str]) -> Iterator[Site]:
    for call, name in f.calls_to(C.SCORING_CALLS):
        callee = name.rpartition(".")[2]
        model = argument(call, "estimator", C.SCORING_CALLS[name])
        estimator = f.estimator_call(model)
        value = argument(call, "scoring")
        if value is None:
            is_classifier = f.estimator_kind(model) == "classifier"
            if name in C.DEFAULT_SCORING_EVALUATIONS and is_classifier and call.args:
                last = (call.args + [kw.value for kw in call.keywords])[-1]
                if any(kw.arg is None for kw in call.keywords):
                    continue  # **kwargs may carry scoring
                edit = E.insert_after(unit, last, ', scoring="balanced_accuracy"')
                parts = [E.source_of(unit, a) for a in [*call.args, *call.keywords]]
                parts.append('scoring="balanced_accuracy"')
                instead = f"{E.source_of(unit, call.func)}({', '.join(parts)})"
                yield Site(
                    call.func,
                    f"`{callee}` of `{f.estimator_name(model)}` without `scoring=` (the "
                    "default score of a classifier)",
                    f'`{instead}` (or "f1", "average_precision")',
                    estimator,
                    (edit,),
                    _data(call),
                )
            continue
        for site in _scoring_value(f, unit, value, callee, estimator, aware):
            yield dataclasses.replace(site, data=_data(call)[1:])


def _quoted(unit: CodeUnit, node: ast.expr, text: str) -> str:
    quote = E.source_of(unit, node)[:1]
    return f"{quote}{text}{quote}" if quote in "'\"" else f'"{text}"'


def _scoring_value(
    f: MetricFacts,
    unit: CodeUnit,
    value: ast.expr,
    callee: str,
    estimator: ast.Call | None,
    aware: list[str],
) -> Iterator[Site]:
    single = f.constant_string(value)
    if single is not None:
        if C.is_aware_scorer(single):
            aware.append(single)
        elif single in C.ACCURACY_SCORERS:
            edits = (E.replace(unit, value, _quoted(unit, value, "balanced_accuracy")),)
            if not isinstance(value, ast.Constant):
                edits = ()  # a shared constant: changing it may affect other uses
            yield Site(
                value,
                f'`scoring="{single}"` in `{callee}`',
                '`scoring="balanced_accuracy"` (or "f1", "average_precision")',
                estimator,
                edits,
            )
        return
    if isinstance(value, ast.List | ast.Tuple | ast.Set | ast.Dict):
        elements = value.values if isinstance(value, ast.Dict) else value.elts
        strings = [f.constant_string(e) if e is not None else None for e in elements]
        if any(s is None or s not in C.ACCURACY_SCORERS for s in strings):
            aware.append("scoring list")  # something else is measured too
            return
        edits: tuple[Edit, ...] = ()
        written = E.source_of(unit, value)
        instead = '`scoring="balanced_accuracy"` (a search refits on a single metric)'
        if callee == "cross_validate" and elements:
            last = elements[-1]
            name = _quoted(unit, last, "balanced_accuracy")
            addition = f", {name}: {name}" if isinstance(value, ast.Dict) else f", {name}"
            edits = (E.insert_after(unit, last, addition),)
            cut = written.rfind(E.source_of(unit, last)) + len(E.source_of(unit, last))
            instead = f"`scoring={written[:cut]}{addition}{written[cut:]}`"
        for element in elements:
            yield Site(element, f"`scoring={written}` in `{callee}`", instead, estimator, edits)
            edits = ()  # one fix for the whole list
    # anything else (a scorer object, make_scorer(...)) is not plain accuracy


def _score_methods(f: MetricFacts, unit: CodeUnit) -> Iterator[Site]:
    for call, _ in f.calls:
        func = call.func
        if not (isinstance(func, ast.Attribute) and func.attr == "score" and len(call.args) >= 2):
            continue
        if f.estimator_kind(func.value) != "classifier":
            continue
        estimator = f.estimator_call(func.value)
        receiver = E.source_of(unit, func.value)
        x, y = (E.source_of(unit, a) for a in call.args[:2])
        instead = f"{_BALANCED}({y}, {receiver}.predict({x}))"
        edits: tuple[Edit, ...] | Callable[[], tuple[Edit, ...]] = ()
        if len(call.args) == 2 and not call.keywords:
            edits = partial(_score_method_edits, unit, call, instead)
        cls = f.estimator_name(func.value) or receiver  # a loaded model has no class name
        yield Site(
            call,
            f"`{E.source_of(unit, call)}` (the default score of `{cls}`)",
            f"`{instead}`",
            estimator,
            edits,
            _data(call),
        )


def _score_method_edits(unit: CodeUnit, call: ast.Call, instead: str) -> tuple[Edit, ...]:
    """``clf.score(X, y)`` becomes ``balanced_accuracy_score(y, clf.predict(X))``."""
    imp = E.import_edit(unit, "sklearn.metrics", _BALANCED)
    return (E.replace(unit, call, instead), *((imp,) if imp else ()))


def _keras(f: MetricFacts, unit: CodeUnit, aware: list[str]) -> Iterator[Site]:
    if not f.uses_package(("keras", "tensorflow", "tf_keras")):
        return
    for call, _ in f.calls:
        if not (isinstance(call.func, ast.Attribute) and call.func.attr == "compile"):
            continue
        metrics = argument(call, "metrics")
        if metrics is None:
            continue
        elements = metrics.elts if isinstance(metrics, ast.List | ast.Tuple) else [metrics]
        accuracy = []
        for element in elements:
            text = f.constant_string(element)
            target = element.func if isinstance(element, ast.Call) else element
            tail = f.qualname(target).rpartition(".")[2]
            if text in C.KERAS_ACCURACY_STRINGS or tail in C.KERAS_ACCURACY_CLASSES:
                accuracy.append(element)
            else:
                aware.append(text or tail or "a custom metric")
        for element in accuracy:
            yield Site(
                element,
                f"`metrics={E.source_of(unit, metrics)}` in `compile`",
                _keras_instead(f, unit, call, elements),
            )


def _keras_prefix(unit: CodeUnit) -> str:
    """How this unit spells the Keras package: ``keras``, ``tf.keras`` ..."""
    for package, suffix in (("keras", ""), ("tensorflow.keras", ""), ("tensorflow", ".keras")):
        names = unit.imports.names_for(package)
        if names:
            return names[0] + suffix
    return "keras"


def _keras_instead(
    f: MetricFacts, unit: CodeUnit, compile_call: ast.Call, elements: list[ast.expr]
) -> str:
    """The user's metrics plus PR AUC, precision and recall, and class weights in ``fit``."""
    keras = _keras_prefix(unit)
    kept = [E.source_of(unit, e) for e in elements]
    added = [
        f'{keras}.metrics.AUC(curve="PR")',
        f"{keras}.metrics.Precision()",
        f"{keras}.metrics.Recall()",
    ]
    text = f"`metrics=[{', '.join(kept + added)}]`"
    model = E.source_of(unit, compile_call.func.value)  # type: ignore[attr-defined]
    for call, _ in f.calls:
        func = call.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "fit"
            and len(call.args) >= 2
            and E.source_of(unit, func.value) == model
        ):
            y = E.source_of(unit, call.args[1])
            return (
                f"{text} and class weights from the real counts in `{model}.fit`: "
                f'`class_weight=dict(enumerate(compute_class_weight("balanced", '
                f"classes=np.unique({y}), y={y})))`"
            )
    return f"{text}, and `class_weight=` in `fit`"


def _torchmetrics(f: MetricFacts, unit: CodeUnit, aware: list[str]) -> Iterator[Site]:
    for call, name in f.calls:
        if not name.startswith("torchmetrics"):
            continue
        tail = name.rpartition(".")[2]
        if tail not in C.TORCHMETRICS_ACCURACY:
            if C.is_torchmetrics_aware(tail):
                aware.append(tail)
            continue
        default = "macro" if tail.lower().startswith(("multiclass", "multilabel")) else "micro"
        average_node = argument(call, "average")
        average = f.constant_string(average_node) if average_node is not None else default
        if average == "macro" or (average_node is not None and average is None):
            aware.append(tail)
            continue
        yield Site(
            call.func,
            f"`{E.source_of(unit, call)}` (micro-averaged)",
            _torchmetrics_instead(unit, call, tail),
        )


def _torchmetrics_instead(unit: CodeUnit, call: ast.Call, tail: str) -> str:
    """The same call, macro-averaged (multiclass) or as F1 (binary), with the user's args."""
    func = E.source_of(unit, call.func)
    prefix = func[: len(func) - len(tail)] if func.endswith(tail) else ""
    args = [E.source_of(unit, a) for a in call.args]
    keywords = [E.source_of(unit, k) for k in call.keywords if k.arg != "average"]
    task = next((k.value for k in call.keywords if k.arg == "task"), None)
    binary = tail.lower().startswith("binary") or (
        isinstance(task, ast.Constant) and task.value == "binary"
    )
    if binary:
        name = {"Accuracy": "F1Score", "BinaryAccuracy": "BinaryF1Score"}.get(tail, "f1_score")
        if tail == "binary_accuracy":
            name = "binary_f1_score"
        return f"`{prefix}{name}({', '.join(args + keywords)})`"
    macro = ", ".join([*args, *keywords, 'average="macro"'])
    return f"`{prefix}{tail}({macro})` (macro-averaged: every class counts the same)"


def _evaluate(f: MetricFacts, unit: CodeUnit, aware: list[str]) -> Iterator[Site]:
    for call, name in f.calls:
        if name not in ("evaluate.load", "evaluate.combine") or not call.args:
            continue
        first = call.args[0]
        elements = first.elts if isinstance(first, ast.List | ast.Tuple) else [first]
        for element in elements:
            metric = f.constant_string(element)
            if metric in C.EVALUATE_ACCURACY:
                yield Site(
                    element,
                    f"`{E.source_of(unit, call)}`",
                    '`evaluate.combine(["accuracy", "f1", "precision", "recall"])`',
                )
            elif metric is not None:
                aware.append(metric)


def sites(unit: CodeUnit) -> tuple[list[Site], list[str]]:
    """Every accuracy evaluation of the unit, and the imbalance-aware metrics it uses."""
    f = unit.flow.metric_facts
    aware = sorted(
        name.rpartition(".")[2] for name in f.referenced if name in C.IMBALANCE_AWARE_FUNCTIONS
    )
    found = [
        *_accuracy_calls(f, unit),
        *_scoring(f, unit, aware),
        *_score_methods(f, unit),
        *_keras(f, unit, aware),
        *_torchmetrics(f, unit, aware),
        *_evaluate(f, unit, aware),
    ]
    return found, aware


def _data(call: ast.Call) -> tuple[ast.expr, ...]:
    """The arguments of an evaluating call: the data (and the model) it evaluates."""
    return (*call.args, *(kw.value for kw in call.keywords if kw.arg in ("X", "y", "y_true")))


def _exempt(f: MetricFacts, site: Site, balanced_file: bool) -> bool:
    """Does the site evaluate data balanced by construction? Decided by the data the
    call names; a site that names none (Keras ``compile``) by what the unit loads."""
    if site.data:
        return f.balanced(site.data)
    return balanced_file


def _class_weight_hint(f: MetricFacts, unit: CodeUnit, estimator: ast.Call | None) -> str:
    if estimator is None:
        return ""
    cls = f.qualname(estimator.func).rpartition(".")[2]
    if cls not in C.CLASS_WEIGHT_ESTIMATORS or argument(estimator, "class_weight"):
        return ""
    return (
        f'; and train with `{cls}(..., class_weight="balanced")` so that mistakes on the '
        "rare class cost more"
    )


@hookimpl
def ig_rules() -> list[Rule]:
    return [RULE]


@hookimpl
def ig_settings() -> list[Setting]:
    return [BALANCED_RATIO_SETTING]


@hookimpl
def ig_check_code(unit: CodeUnit, config: Config) -> list[Finding]:
    if not C.imports_ml(unit):
        return []
    found, aware = sites(unit)
    f = unit.flow.metric_facts
    # A ``score`` method computing accuracy implements the estimator API; it is
    # not an evaluation (scikit-learn's own ClassifierMixin.score is one).
    found = [s for s in found if not f.inside_function(s.node, ("score",))]
    if not found or aware:
        return []
    balanced_file = f.balanced_data()
    found = [s for s in found if not _exempt(f, s, balanced_file)]
    if not found:
        return []
    linked = linked_counts(unit, config)
    if is_balanced(linked, config):
        return []  # the data set the code loads is balanced: accuracy means what it says
    quoted = f": {linked.describe()}" if linked is not None else ""
    where = "notebook" if unit.kind == "notebook" else "file"
    findings = []
    for site in found:
        findings.append(
            Finding(
                RULE.code,
                f"{site.what} is accuracy, the only metric this {where} evaluates its "
                f"classifier with; it rewards always predicting the majority class{quoted}",
                unit.location(site.node),
                suggestion=(
                    f"Use {site.instead}, and look at each class with "
                    "`classification_report` or `confusion_matrix`"
                    f"{_class_weight_hint(f, unit, site.estimator)}"
                ),
                fix=_unsafe(site.edits, "Use balanced accuracy"),
            )
        )
    return findings
