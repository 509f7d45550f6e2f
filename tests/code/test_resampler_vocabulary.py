"""Resampler vocabulary: fit_transform samplers, third-party resampler classes, samplers
picked in loops or returned by factories, and oversampling written by hand."""

from __future__ import annotations

import json

import pytest

HEAD = """\
import numpy as np
import pandas as pd
from imblearn.over_sampling import ADASYN, SMOTE, RandomOverSampler
from sklearn.model_selection import train_test_split
df = pd.read_csv("x.csv")
X, y = df.drop("t", axis=1), df.t
minority = df[df.t == 1]
"""
TAIL = "a, b = train_test_split(data)\nmodel.fit(a, a.t)\n"


def found(project, run_cli, body: str) -> list[tuple[str, int, str]]:
    (project / "t.py").write_text(HEAD + body + TAIL)
    result = run_cli("check", "t.py", "--select", "IG3", "--no-cache", "--output-format", "json")
    findings = json.loads(result.output)
    assert result.exit_code == (1 if findings else 0)
    offset = HEAD.count("\n")
    return [(f["code"], f["location"]["row"] - offset, f["message"]) for f in findings]


@pytest.mark.parametrize(
    ("body", "sampler"),
    [
        ("data, _ = SMOTE().fit_transform(X, y)\n", "SMOTE"),
        (
            "from project.sampling import BalancedSampler\n"
            "data, _ = BalancedSampler(ratio=1.0).fit_transform(X, y)\n",
            "BalancedSampler",
        ),
        ("import smote_variants as sv\ndata, _ = sv.polynom_fit_SMOTE().sample(X, y)\n", None),
        ("for s in [SMOTE(), ADASYN()]:\n    data, _ = s.fit_resample(X, y)\n", None),
        (
            "samplers = {'smote': SMOTE(), 'ros': RandomOverSampler()}\n"
            "for name, s in samplers.items():\n    data, _ = s.fit_resample(X, y)\n",
            None,
        ),
        (
            "def make(kind):\n    return SMOTE() if kind == 'smote' else RandomOverSampler()\n"
            "data, _ = make('smote').fit_resample(X, y)\n",
            None,
        ),
        ("data = pd.concat([df] + [minority] * 5)\n", "`minority` repeated"),
        ("data = pd.concat([df, *[minority for _ in range(5)]])\n", "`minority` repeated"),
        (
            "data = df.copy()\nfor _ in range(5):\n    data = pd.concat([data, minority])\n",
            "`minority` repeated",
        ),
        (
            "frames = [df]\nfor _ in range(5):\n    frames.append(minority)\n"
            "data = pd.concat(frames)\n",
            "`minority` appended in a loop",
        ),
        (
            "idx = np.where(df.t == 1)[0]\n"
            "data = df.iloc[np.concatenate([np.arange(len(df)), np.repeat(idx, 5)])]\n",
            "`np.repeat` of `idx`",
        ),
        (
            "idx = np.flatnonzero(df.t == 1)\ndata = df.iloc[np.tile(idx, 3)]\n",
            "`np.tile` of `idx`",
        ),
    ],
)
def test_each_spelling_of_oversampling_before_the_split(project, run_cli, body, sampler):
    findings = found(project, run_cli, body)
    assert [(code, line) for code, line, _ in findings] == [("IG301", body.count("\n") + 1)]
    if sampler is not None:
        assert f"was resampled by {sampler}" in findings[0][2] or sampler in findings[0][2]


@pytest.mark.parametrize(
    "body",
    [
        "labels = [0] * 50 + [1] * 50\ndata = df.assign(label=labels)\n",
        "data = pd.concat([df, minority])\n",  # the subset once: no copy
        "frames = []\nfor c in (0, 1):\n    part = df[df.t == c]\n    frames.append(part)\n"
        "data = pd.concat(frames)\n",  # each class once, rebound in the loop
        "for _ in range(3):\n    print(minority.head())\ndata = df\n",
        "from sklearn.kernel_approximation import RBFSampler\n"
        "data = RBFSampler().fit_transform(X)\n",
        "import optuna\ns = optuna.samplers.TPESampler()\ndata = df\n",
        "idx = np.arange(len(df))\ndata = df.iloc[np.repeat(idx, 2)]\n",  # not a subset
    ],
)
def test_look_alikes_are_not_oversampling(project, run_cli, body):
    assert found(project, run_cli, body) == []
