"""The code checks do work linear in the length of the program. Nothing is timed:
the test counts the analysis's steps, every Python function call the rules and the
data-flow analysis make (``sys.setprofile``) plus every fact copied when two fact
sets are merged, on generated programs of growing size, and asserts that each
added block of code costs the same number of steps as the last.

Notebooks re-run the same cell shape with the same names; an analysis that looks at
every use of a name for every binding of it (IG202 once did) or lets a fact set grow
with every re-run cell costs more per block the longer the program, and fails here.
"""

from __future__ import annotations

import json
import sys

import pytest

from imbalance_guard.code import facts, flow
from imbalance_guard.code.notebook import read_notebook
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.discover import Target
from imbalance_guard.run import build_run
from imbalance_guard.runner import Runner

HEADER = """\
import pandas as pd
from imblearn.over_sampling import SMOTE, RandomOverSampler
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import accuracy_score, mean_squared_error
from sklearn.model_selection import KFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline
"""

# One notebook cell, re-run with the same names: load, split twice, resample, fit,
# score with accuracy, cross-validate with KFold, loop over the folds.
CELL = """\
df = pd.read_csv("data.csv")
X = df.drop(columns=["label"])
y = df["label"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
X_train, X_val, y_train, y_val = train_test_split(X_train, y_train, test_size=0.1)
X_res, y_res = SMOTE().fit_resample(X_train, y_train)
clf = LogisticRegression()
clf.fit(X_res, y_res)
pred = clf.predict(X_test)
print(accuracy_score(y_test, pred))
kf = KFold(n_splits=5, shuffle=True)
scores = cross_val_score(clf, X, y, cv=kf, scoring="accuracy")
for fold, (tr, te) in enumerate(kf.split(X)):
    clf.fit(X.iloc[tr], y.iloc[tr])
pipe = Pipeline([("s", RandomOverSampler()), ("m", clf)])
"""

# Helpers re-defined and called in every cell, a regressor beside the classifier.
HELPERS = """\
def prepare(frame):
    features = frame.drop(columns=["label"])
    return features, frame["label"]

def evaluate(model, features, labels):
    a, b, c, d = train_test_split(features, labels)
    model.fit(a, c)
    return accuracy_score(d, model.predict(b))

X, y = prepare(pd.read_csv("data.csv"))
X, y = SMOTE().fit_resample(X, y)
score = evaluate(LogisticRegression(), X, y)
reg = Ridge()
Xr_train, Xr_test, yr_train, yr_test = train_test_split(X, y)
reg.fit(Xr_train, yr_train)
print(mean_squared_error(yr_test, reg.predict(Xr_test)))
"""

# Many distinct names, each behind a branch: the environment must not be copied
# whole at every ``if``.
BRANCHES = """\
a{i} = pd.read_csv("part.csv")
if a{i} is None:
    b{i} = SMOTE().fit_resample(a{i}, y)
else:
    b{i} = a{i}
try:
    c{i} = b{i}.dropna()
except ValueError:
    c{i} = b{i}
X_tr{i}, X_te{i}, y_tr{i}, y_te{i} = train_test_split(c{i}, y)
LogisticRegression().fit(X_tr{i}, y_tr{i})
"""

BLOCKS = [10, 20, 40, 80]


@pytest.fixture(scope="module")
def runner() -> Runner:
    return build_run(config=Config(), load_entry_points=False).runner(cache=False)


def python_unit(cell: str, blocks: int) -> CodeUnit:
    source = HEADER + "".join(cell.replace("{i}", str(i)) for i in range(blocks))
    return CodeUnit("generated.py", source, "python", raw_text=source)


def notebook_unit(cell: str, blocks: int) -> CodeUnit:
    cells = [HEADER, *[cell] * blocks]
    document = {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "outputs": [],
                "execution_count": None,
                "source": text.splitlines(keepends=True),
            }
            for text in cells
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    raw = json.dumps(document)
    parsed, source = read_notebook(raw)
    return CodeUnit("generated.ipynb", source, "notebook", cells=parsed, raw_text=raw)


def count_steps(runner: Runner, unit: CodeUnit, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """Function calls made while checking ``unit`` (parsed beforehand), and the facts
    copied by every merge of two fact sets (work done inside C, which calls miss)."""
    unit.tree  # noqa: B018 - parsing is not the analysis
    copied = 0
    real_union = facts.union

    def counting_union(a: frozenset, b: frozenset) -> frozenset:
        nonlocal copied
        if a and b and a is not b:
            copied += len(a) + len(b)
        return real_union(a, b)

    monkeypatch.setattr(flow, "union", counting_union)
    monkeypatch.setattr(facts, "union", counting_union)
    calls = 0

    def profile(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    target = Target(None, unit.path, unit.kind)  # type: ignore[arg-type]
    sys.setprofile(profile)
    try:
        outcome = runner.lint_unit(target, unit)
    finally:
        sys.setprofile(None)
        monkeypatch.undo()
    assert outcome.findings  # the programs are worth checking
    assert not runner.errors
    return calls, copied


@pytest.mark.parametrize(
    ("make", "cell"),
    [(python_unit, CELL), (notebook_unit, CELL), (python_unit, HELPERS), (python_unit, BRANCHES)],
    ids=["script-rebinding", "notebook-rebinding", "script-helpers", "script-many-names"],
)
def test_each_added_block_costs_the_same_steps(runner, monkeypatch, make, cell):
    counts = [count_steps(runner, make(cell, blocks), monkeypatch) for blocks in BLOCKS]
    for kind, steps in zip(("calls", "facts copied"), zip(*counts, strict=True), strict=True):
        per_block = [
            (steps[i + 1] - steps[i]) / (BLOCKS[i + 1] - BLOCKS[i]) for i in range(len(BLOCKS) - 1)
        ]
        # Linear: the cost of a block does not depend on how many came before it.
        # Quadratic work makes the last increment about four times the first.
        assert per_block[-1] <= 1.3 * per_block[0] + 1, (kind, steps, per_block)
    assert counts[0][0] > 0
