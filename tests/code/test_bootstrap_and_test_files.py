"""IG302: a bootstrap (random draws whose values reach only metrics) is never a finding;
draws that reach a fit are; test data loaded from its own file is test data."""

from __future__ import annotations

import json

import pytest

HEAD = """\
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.utils import resample
df = pd.read_csv("x.csv")
train, test = train_test_split(df, stratify=df.t)
clf = LogisticRegression().fit(train.drop("t", axis=1), train.t)
preds = clf.predict_proba(test.drop("t", axis=1))
y_te = test.t.to_numpy()
"""


def found(project, run_cli, body: str) -> list[tuple[str, int, str]]:
    (project / "t.py").write_text(HEAD + body)
    result = run_cli("check", "t.py", "--select", "IG302", "--no-cache", "--output-format", "json")
    findings = json.loads(result.output)
    assert result.exit_code == (1 if findings else 0)
    offset = HEAD.count("\n")
    return [(f["code"], f["location"]["row"] - offset, f["message"]) for f in findings]


@pytest.mark.parametrize(
    "body",
    [
        "aucs = []\n"
        "for i in range(preds.shape[1]):\n"
        "    for seed in range(200):\n"
        "        yb, pb = resample(y_te, preds[:, i], replace=True, n_samples=len(y_te))\n"
        "        aucs.append(roc_auc_score(yb == i, pb))\n"
        "print(np.percentile(aucs, [2.5, 97.5]))\n",
        "scores = []\n"
        "for seed in range(500):\n"
        "    boot = test.sample(n=500, replace=True, random_state=seed)\n"
        "    scores.append(f1_score(boot.t, clf.predict(boot.drop('t', axis=1))))\n"
        "print(np.percentile(scores, [2.5, 97.5]))\n",
        "scores = [f1_score(*resample(y_te, clf.predict(test), n_samples=99)) "
        "for _ in range(100)]\n",
    ],
)
def test_a_bootstrap_is_never_a_finding(project, run_cli, body):
    assert found(project, run_cli, body) == []


def test_draws_from_test_data_that_reach_a_fit_are_resampling(project, run_cli):
    body = (
        "for seed in range(3):\n"
        "    up = test.sample(n=2000, replace=True, random_state=seed)\n"
        "    LogisticRegression().fit(up.drop('t', axis=1), up.t)\n"
    )
    assert [(c, line) for c, line, _ in found(project, run_cli, body)] == [("IG302", 2)]


def test_a_one_off_upsampling_of_the_test_set_is_still_reported(project, run_cli):
    body = (
        "test_up = test.sample(frac=2, replace=True)\n"
        "print(f1_score(test_up.t, clf.predict(test_up.drop('t', axis=1))))\n"
    )
    assert [(c, line) for c, line, _ in found(project, run_cli, body)] == [("IG302", 1)]


@pytest.mark.parametrize("path", ["data/test.csv", "holdout_2024.csv", "X_valid.csv"])
def test_data_loaded_from_a_held_out_file_then_resampled(project, run_cli, path):
    body = f'hold = pd.read_csv("{path}")\nXh, yh = SMOTE().fit_resample(hold, hold.t)\n'
    ((code, line, message),) = found(project, run_cli, body)
    assert (code, line) == ("IG302", 2)
    name = path.rsplit("/", 1)[-1]
    assert message.startswith("`hold` is ")
    assert f"data loaded from `{name}` at line 13 and is resampled by SMOTE" in message


@pytest.mark.parametrize("path", ["contest.csv", "latest.csv", "attestation.parquet"])
def test_other_files_are_not_test_data(project, run_cli, path):
    body = f'hold = pd.read_csv("{path}")\nXh, yh = SMOTE().fit_resample(hold, hold.t)\n'
    assert found(project, run_cli, body) == []
