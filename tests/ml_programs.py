"""A Hypothesis grammar of ML-shaped programs, for property tests that reach real code.

Programs are built from statement templates of the kinds the code rules reason about —
loading, resampling (samplers built inline or on their own line, ``.sample``,
``pd.concat``), splits (stratified or not), models, pipelines (imbalanced-learn's and
scikit-learn's), metrics, re-binding, helper functions, cross-validation loops and
branches — with their variables drawn from a small pool, so names are rebound and facts
flow between statements. A drawn :class:`Program` can be rendered with any naming
(``rename``) and with an extra statement inserted (``insert``), and split into notebook
cells; the property tests compare what the tool says about those variants.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

from hypothesis import strategies as st

HEADER = (
    "import pandas as pd\n"
    "from imblearn.over_sampling import SMOTE\n"
    "from imblearn.pipeline import make_pipeline\n"
    "from imblearn.under_sampling import RandomUnderSampler\n"
    "from sklearn.ensemble import RandomForestClassifier\n"
    "from sklearn.linear_model import LogisticRegression\n"
    "from sklearn.metrics import accuracy_score, f1_score\n"
    "from sklearn.model_selection import (\n"
    "    GridSearchCV, KFold, StratifiedKFold, cross_val_predict, cross_val_score,\n"
    "    train_test_split,\n"
    ")\n"
    "from sklearn.pipeline import Pipeline\n"
)

#: The variables a program may use; every one of them is renamed by ``rename``.
DATA = ("X", "y", "X_res", "y_res", "X_train", "X_test", "y_train", "y_test", "df", "data")
MODELS = ("model", "clf", "pipe", "search")
SAMPLERS = ("sm", "rus")
HELPERS = ("balance", "split_data")
INDICES = ("tr", "te", "fold")
NAMES = DATA + MODELS + SAMPLERS + HELPERS + INDICES

# Slots: {a}..{f} data, {m} model, {s} sampler, {h} helper, {i} {j} loop indices.
TEMPLATES = {
    "load": [
        "{a} = pd.read_csv('data.csv')",
        "{a} = {b}.drop(columns=['target'])",
        "{a} = {b}['target']",
    ],
    "resample": [
        "{a}, {b} = SMOTE().fit_resample({c}, {d})",
        "{s} = RandomUnderSampler(random_state=0)\n{a}, {b} = {s}.fit_resample({c}, {d})",
        "{s} = SMOTE(k_neighbors=3)\n{a}, {b} = {s}.fit_resample({c}, {d})",
        "{a} = {b}.sample(frac=1.0, replace=True)",
        "{a} = pd.concat([{b}, {c}])",
    ],
    "split": [
        "{a}, {b}, {c}, {d} = train_test_split({e}, {f})",
        "{a}, {b}, {c}, {d} = train_test_split({e}, {f}, stratify={f})",
        "{a}, {b}, {c}, {d} = train_test_split({e}, {f}, test_size=0.2, random_state=0)",
    ],
    "model": [
        "{m} = LogisticRegression()\n{m}.fit({a}, {b})",
        "{m} = RandomForestClassifier(class_weight='balanced')",
        "{m} = make_pipeline(SMOTE(), LogisticRegression())",
        "{m} = Pipeline([('smote', SMOTE()), ('lr', LogisticRegression())])",
        "{m} = GridSearchCV(LogisticRegression(), {{'C': [1, 10]}}, cv=StratifiedKFold(5))\n"
        "{m}.fit({a}, {b})",
    ],
    "metric": [
        "print(accuracy_score({a}, {m}.predict({b})))",
        "print(f1_score({a}, {m}.predict({b})))",
        "print({m}.score({a}, {b}))",
        "print(cross_val_score({m}, {a}, {b}, cv=5))",
        "print(cross_val_score({m}, {a}, {b}, scoring='accuracy'))",
        "{a} = cross_val_predict({m}, {b}, {c}, cv=KFold(5))",
    ],
    "rebind": [
        "{a} = {b}",
        "{a} = {b}.copy()",
        "{a} = pd.DataFrame({b})",
        "{a}, {b} = {b}, {a}",
    ],
    "helper": [
        "def {h}({a}, {b}):\n    return SMOTE().fit_resample({a}, {b})",
        "def {h}({a}, {b}):\n    {c}, {d}, {e}, {f} = train_test_split({a}, {b})\n"
        "    return {c}, {e}",
        "{a}, {b} = {h}({c}, {d})",
    ],
    "loop": [
        "for {i}, {j} in StratifiedKFold(5).split({a}, {b}):\n"
        "    {c}, {d} = SMOTE().fit_resample({a}.iloc[{i}], {b}.iloc[{i}])\n"
        "    {m}.fit({c}, {d})",
        "for {i}, {j} in KFold(5).split({a}):\n    {m}.fit({a}.iloc[{i}], {b}.iloc[{i}])",
        "for {i} in range(3):\n    {a}, {b} = SMOTE().fit_resample({a}, {b})",
    ],
    "branch": [
        "if {a} is None:\n    {b} = {c}\nelse:\n    {b} = SMOTE().fit_resample({c}, {a})[0]",
        "try:\n    {a}, {b} = RandomUnderSampler().fit_resample({c}, {d})\n"
        "except ValueError:\n    {a}, {b} = {c}, {d}",
    ],
}

#: Statements that use none of the program's data: inserting one changes no finding.
NEUTRAL = ("print('checkpoint')", "_unused = 42", "import os", "pass", "RANDOM_STATE = 0")

_SLOT = re.compile(r"\{([a-z])\}")


def _fill(template: str, values: dict[str, str]) -> str:
    text = _SLOT.sub(lambda match: values[match.group(1)], template)
    return text.replace("{{", "{").replace("}}", "}")


@st.composite
def _statement(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    kind = draw(st.sampled_from(sorted(TEMPLATES)))
    template = draw(st.sampled_from(TEMPLATES[kind]))
    slots = {}
    for slot in dict.fromkeys(_SLOT.findall(template)):
        pool = {"m": MODELS, "s": SAMPLERS, "h": HELPERS, "i": INDICES, "j": INDICES}
        slots[slot] = draw(st.sampled_from(pool.get(slot, DATA)))
    return template, slots


@dataclass(frozen=True)
class Program:
    """Statements (template, slot -> variable) and, for notebooks, where cells start."""

    statements: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    cell_starts: frozenset[int] = frozenset()  # statement indexes that open a new cell
    extra: tuple[int, str] | None = None  # (before statement index, neutral text)

    def names(self) -> set[str]:
        return {name for _, slots in self.statements for _, name in slots}

    def _lines(self, naming: dict[str, str]) -> list[tuple[int, str]]:
        """(statement index, line) pairs; the header belongs to statement -1."""
        out = [(-1, line) for line in HEADER.splitlines()]
        for index, (template, slots) in enumerate(self.statements):
            if self.extra is not None and self.extra[0] == index:
                out.append((index, self.extra[1]))
            values = {slot: naming.get(name, name) for slot, name in slots}
            text = _fill(template, values)
            out.extend((index, line) for line in text.splitlines())
        if self.extra is not None and self.extra[0] >= len(self.statements):
            out.append((len(self.statements), self.extra[1]))
        return out

    def script(self, naming: dict[str, str] | None = None) -> str:
        return "\n".join(line for _, line in self._lines(naming or {})) + "\n"

    def notebook(self, naming: dict[str, str] | None = None) -> str:
        cells: list[list[str]] = [[]]
        previous = -1
        for index, line in self._lines(naming or {}):
            # A cell opens only where a statement starts, never inside one.
            if index != previous and index in self.cell_starts and cells[-1]:
                cells.append([])
            previous = index
            cells[-1].append(line)
        document = {
            "cells": [
                {
                    "cell_type": "code",
                    "execution_count": None,
                    "metadata": {},
                    "outputs": [],
                    "source": "\n".join(lines).splitlines(keepends=True),
                }
                for lines in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
        return json.dumps(document, indent=1) + "\n"

    def insert(self, before: int, text: str) -> Program:
        return replace(self, extra=(before, text))

    def inserted_line(self) -> int:
        """1-based script line of the inserted statement."""
        assert self.extra is not None
        lines = self._lines({})
        before, text = self.extra
        return next(n for n, (i, t) in enumerate(lines, 1) if i == before and t == text)


#: Every program starts by loading a frame and its target, as most training code does.
PROLOGUE = (
    ("{a} = pd.read_csv('data.csv')", (("a", "df"),)),
    ("{a} = {b}.drop(columns=['target'])", (("a", "X"), ("b", "df"))),
    ("{a} = {b}['target']", (("a", "y"), ("b", "df"))),
)


@st.composite
def programs(draw: st.DrawFn, min_size: int = 1, max_size: int = 14) -> Program:
    drawn = draw(st.lists(_statement(), min_size=min_size, max_size=max_size))
    statements = [*PROLOGUE, *((t, tuple(sorted(s.items()))) for t, s in drawn)]
    starts = draw(st.sets(st.integers(0, max(0, len(statements) - 1)), max_size=6))
    return Program(tuple(statements), frozenset(starts))


@st.composite
def renamings(draw: st.DrawFn) -> dict[str, str]:
    """A consistent renaming of every variable to fresh names sharing nothing with them."""
    fresh = draw(st.permutations([f"v{n}" for n in range(len(NAMES))]))
    return dict(zip(NAMES, fresh, strict=True))
