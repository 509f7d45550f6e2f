"""Fragments: code pasted from a course or an answer, with its imports left out.

A name that nothing in the file binds (no import, assignment, ``def`` or ``class``
of it anywhere) and that is a well-known scikit-learn, imbalanced-learn, XGBoost,
LightGBM or Keras class or function (``DecisionTreeClassifier()``,
``accuracy_score``, ``train_test_split``, ``SMOTE``) is taken at its word: the flow
resolves it to that library name. A user's own class or function of the same name,
or an import of it from anywhere (``from mylib import accuracy_score``), wins over
the guess. Names several libraries share (``Pipeline``, ``resample``, ``Dense``) are
never guessed.
"""

from __future__ import annotations

import ast
import functools
import re

__all__ = ["GUESSES", "bound_names", "guess", "is_candidate", "may_mention", "mentions_guessable"]


def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for module, names in (
        ("sklearn.tree", "DecisionTreeClassifier DecisionTreeRegressor ExtraTreeClassifier"),
        (
            "sklearn.ensemble",
            "RandomForestClassifier RandomForestRegressor GradientBoostingClassifier "
            "GradientBoostingRegressor ExtraTreesClassifier AdaBoostClassifier "
            "HistGradientBoostingClassifier BaggingClassifier VotingClassifier",
        ),
        (
            "sklearn.linear_model",
            "LogisticRegression LogisticRegressionCV LinearRegression Ridge Lasso "
            "SGDClassifier RidgeClassifier",
        ),
        ("sklearn.svm", "SVC LinearSVC SVR"),
        ("sklearn.neighbors", "KNeighborsClassifier KNeighborsRegressor"),
        ("sklearn.naive_bayes", "GaussianNB MultinomialNB BernoulliNB"),
        ("sklearn.neural_network", "MLPClassifier MLPRegressor"),
        (
            "sklearn.metrics",
            "accuracy_score balanced_accuracy_score f1_score fbeta_score precision_score "
            "recall_score roc_auc_score average_precision_score classification_report "
            "confusion_matrix precision_recall_curve roc_curve matthews_corrcoef "
            "cohen_kappa_score mean_squared_error mean_absolute_error r2_score",
        ),
        (
            "sklearn.model_selection",
            "train_test_split cross_val_score cross_validate cross_val_predict GridSearchCV "
            "RandomizedSearchCV KFold StratifiedKFold ShuffleSplit StratifiedShuffleSplit "
            "RepeatedKFold RepeatedStratifiedKFold",
        ),
        ("sklearn.datasets", "load_iris load_digits make_classification"),
        (
            "imblearn.over_sampling",
            "SMOTE ADASYN BorderlineSMOTE SVMSMOTE RandomOverSampler SMOTENC",
        ),
        ("imblearn.under_sampling", "RandomUnderSampler NearMiss TomekLinks"),
        ("imblearn.combine", "SMOTEENN SMOTETomek"),
        ("xgboost", "XGBClassifier XGBRegressor"),
        ("lightgbm", "LGBMClassifier LGBMRegressor"),
        ("catboost", "CatBoostClassifier CatBoostRegressor"),
        ("keras.models", "Sequential"),
    ):
        for name in names.split():
            table[name] = f"{module}.{name}"
    return table


#: Unbound name -> the library name it is taken for.
GUESSES: dict[str, str] = _table()


@functools.cache
def _words() -> re.Pattern[str]:
    """Any guessable name as a word. Compiled on first use (0.8 ms): most runs never ask."""
    return re.compile(r"\b(?:" + "|".join(sorted(GUESSES, key=len, reverse=True)) + r")\b")


# Cheap first look: a finding needs an evaluation, a split or a resampling, spelled one of
# these ways (a few substring tests cost far less than one scan for the names).
_HINTS = ("accuracy_score", ".score(", "train_test_split", "Fold(", "ShuffleSplit",
          "fit_resample", "fit_sample", "cross_val", "SearchCV")  # fmt: skip


def is_candidate(name: str) -> bool:
    return name in GUESSES


def guess(name: str, bound: frozenset[str]) -> str | None:
    """The library name an unbound ``name`` is taken for, or None (unknown, or bound)."""
    return None if name in bound else GUESSES.get(name)


def bound_names(tree: ast.AST | None) -> frozenset[str]:
    """Every name the module binds anywhere: imports, assignments, ``def``, ``class``,
    parameters, ``global`` names (a user's class named like a library one wins)."""
    if tree is None:
        return frozenset()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.alias):
            names.add(node.asname or node.name.split(".", 1)[0])
        elif isinstance(node, ast.Global | ast.Nonlocal):
            names.update(node.names)
        elif isinstance(node, ast.ExceptHandler | ast.MatchAs | ast.MatchStar) and node.name:
            names.add(node.name)
    return frozenset(names)


def may_mention(source: str) -> bool:
    """Might ``source`` be a fragment a rule can report on: an evaluation, split or
    resampling, and a guessable name as a word? (Text only, no parse: a few substring
    tests, then one scan for the names in the rare file that passes them.)"""
    if "fit" not in source and "accuracy_score" not in source:
        return False  # nothing is fitted or scored (most files: two scans)
    return any(hint in source for hint in _HINTS) and _words().search(source) is not None


def mentions_guessable(source: str, aliases: dict[str, str]) -> bool:
    """Does ``source`` use a guessable name that no import binds? (Text only; the flow
    decides what each name is. Callers test :func:`may_mention` first.)"""
    return any(match.group() not in aliases for match in _words().finditer(source))
