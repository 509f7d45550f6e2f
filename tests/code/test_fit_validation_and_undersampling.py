"""Validation inside fit calls (IG301), undersampling before a split (IG203), and splits
whose parts are never used (not reported), through the command line."""

from __future__ import annotations

import json

import pytest

from imbalance_guard.code import library

HEAD = """\
import pandas as pd
from imblearn.combine import SMOTETomek
from imblearn.over_sampling import SMOTE
from imblearn.under_sampling import NearMiss, RandomUnderSampler, TomekLinks
from sklearn.model_selection import cross_val_score, train_test_split
from sklearn.utils import resample
from tensorflow import keras
df = pd.read_csv("x.csv")
X, y = df.drop("t", axis=1), df.t
"""


def findings(project, run_cli, body: str) -> list[tuple[str, int, str]]:
    (project / "t.py").write_text(HEAD + body)
    result = run_cli("check", "t.py", "--select", "IG2,IG3", "--ignore", "IG201,IG202",
                     "--no-cache", "--output-format", "json")  # fmt: skip
    found = json.loads(result.output)
    assert result.exit_code == (1 if found else 0)
    return [(f["code"], f["location"]["row"] - HEAD.count("\n"), f["message"]) for f in found]


def codes(project, run_cli, body: str) -> list[tuple[str, int]]:
    return [(code, line) for code, line, _ in findings(project, run_cli, body)]


def test_keras_validation_split_of_smote_output(project, run_cli):
    ((code, line, message),) = findings(
        project, run_cli,
        "X_res, y_res = SMOTE().fit_resample(X, y)\n"
        "model = keras.Sequential()\n"
        "model.fit(X_res, y_res, epochs=5, validation_split=0.2)\n",
    )  # fmt: skip
    assert (code, line) == ("IG301", 3)
    assert message == (
        "`X_res` was resampled by SMOTE at line 10 and is the validation data of "
        "`model.fit(validation_split=...)` at line 12: early stopping and the validation "
        "score see the synthetic or copied rows"
    )


def test_validation_split_after_a_correct_split_still_sees_synthetic_rows(project, run_cli):
    assert codes(
        project, run_cli,
        "X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y)\n"
        "X_res, y_res = SMOTE().fit_resample(X_tr, y_tr)\n"
        "model.fit(X_res, y_res, validation_split=0.1)\n",
    ) == [("IG301", 3)]  # fmt: skip


@pytest.mark.parametrize("fraction", ["0", "0.0", "None"])
def test_no_validation_slice_is_silent(project, run_cli, fraction):
    body = (
        "X_res, y_res = SMOTE().fit_resample(X, y)\n"
        f"model.fit(X_res, y_res, validation_split={fraction})\n"
    )
    assert codes(project, run_cli, body) == []


def test_validation_data_and_eval_set_from_resampled_arrays(project, run_cli):
    assert codes(
        project, run_cli,
        "X_res, y_res = SMOTE().fit_resample(X, y)\n"
        "model.fit(X_res, y_res, validation_data=(X_res[-100:], y_res[-100:]))\n"
        "booster.fit(X_res, y_res, eval_set=[(X_res, y_res)])\n",
    ) == [("IG301", 2), ("IG301", 3)]  # fmt: skip


def test_untouched_validation_data_is_silent(project, run_cli):
    assert codes(
        project, run_cli,
        "X_tr, X_val, y_tr, y_val = train_test_split(X, y, stratify=y)\n"
        "X_res, y_res = SMOTE().fit_resample(X_tr, y_tr)\n"
        "model.fit(X_res, y_res, validation_data=(X_val, y_val))\n"
        "booster.fit(X_res, y_res, eval_set=[(X_val, y_val)])\n",
    ) == []  # fmt: skip


def test_resampled_validation_part_is_reported_once_where_it_is_resampled(project, run_cli):
    assert codes(
        project, run_cli,
        "X_tr, X_val, y_tr, y_val = train_test_split(X, y, stratify=y)\n"
        "X_vr, y_vr = SMOTE().fit_resample(X_val, y_val)\n"
        "model.fit(X_tr, y_tr, validation_data=(X_vr, y_vr))\n",
    ) == [("IG302", 2)]  # fmt: skip


@pytest.mark.parametrize(
    ("resampling", "sampler"),
    [
        ("X_r, y_r = NearMiss().fit_resample(X, y)", "NearMiss"),
        ("X_r, y_r = RandomUnderSampler().fit_resample(X, y)", "RandomUnderSampler"),
        ("X_r, y_r = TomekLinks().fit_resample(X, y)", "TomekLinks"),
        ("X_r, y_r = resample(X, y, replace=False, n_samples=500)", "`resample(replace=False)`"),
    ],
)
def test_undersampling_before_the_split_is_ig203(project, run_cli, resampling, sampler):
    ((code, line, message),) = findings(
        project, run_cli,
        f"{resampling}\n"
        "X_tr, X_te, y_tr, y_te = train_test_split(X_r, y_r)\n"
        "model.fit(X_tr, y_tr)\n",
    )  # fmt: skip
    assert (code, line) == ("IG203", 2)
    assert message == (
        f"`X_r` was undersampled by {sampler} at line 10 before `train_test_split` at line 11: "
        "the test set's class distribution no longer reflects the real prevalence, so its "
        "scores don't either"
    )


@pytest.mark.parametrize(
    "resampling",
    [
        "X_r, y_r = SMOTETomek().fit_resample(X, y)",
        "X_r, y_r = resample(X, y, replace=True, n_samples=5000)",
        "X_r, y_r = resample(X, y, n_samples=5000)",
    ],
)
def test_copied_or_synthesised_rows_stay_ig301(project, run_cli, resampling):
    body = (
        f"{resampling}\n"
        "X_tr, X_te, y_tr, y_te = train_test_split(X_r, y_r)\n"
        "model.fit(X_tr, y_tr)\n"
    )
    assert codes(project, run_cli, body) == [("IG301", 2)]


def test_undersampling_before_cross_validation(project, run_cli):
    assert codes(
        project, run_cli,
        "X_r, y_r = RandomUnderSampler().fit_resample(X, y)\n"
        "print(cross_val_score(model, X_r, y_r, cv=5, scoring='f1'))\n",
    ) == [("IG203", 2)]  # fmt: skip


def test_one_class_drawn_down_with_sample_then_split(project, run_cli):
    assert codes(
        project, run_cli,
        "majority = df[df.t == 0].sample(n=500, random_state=0)\n"
        "balanced = pd.concat([majority, df[df.t == 1]])\n"
        "tr, te = train_test_split(balanced, stratify=balanced.t)\n"
        "model.fit(tr.drop('t', axis=1), tr.t)\n",
    ) == [("IG203", 3)]  # fmt: skip


@pytest.mark.parametrize(
    "draw", ["df.sample(n=1000)", "df.sample(n=len(df))", "df.sample(frac=0.5)"]
)
def test_a_random_subset_or_a_shuffle_is_no_undersampling(project, run_cli, draw):
    body = f"small = {draw}\ntr, te = train_test_split(small)\nmodel.fit(tr, tr.t)\n"
    assert codes(project, run_cli, body) == []


def test_a_split_whose_parts_are_never_used_is_not_reported(project, run_cli):
    assert codes(
        project, run_cli,
        "X_res, y_res = SMOTE().fit_resample(X, y)\n"
        "X_tr, X_te, y_tr, y_te = train_test_split(X_res, y_res)\n"
        "print(X_tr.shape, len(X_te))\n",
    ) == []  # fmt: skip


def test_a_split_stored_on_self_counts_as_used(project, run_cli):
    assert codes(
        project, run_cli,
        "class T:\n"
        "    def prep(self):\n"
        "        self.sampler = NearMiss()\n"
        "        Xs, ys = self.sampler.fit_resample(X, y)\n"
        "        self.parts = train_test_split(Xs, ys)\n",
    ) == [("IG203", 5)]  # fmt: skip


def test_undersampled_validation_split_is_ig203(project, run_cli):
    assert codes(
        project, run_cli,
        "X_r, y_r = NearMiss().fit_resample(X, y)\n"
        "model.fit(X_r, y_r, validation_split=0.2)\n",
    ) == [("IG203", 2)]  # fmt: skip


def _sampler_program(name: str, module: str) -> str:
    return (
        f"from imblearn.{module} import {name}\n"
        "from sklearn.model_selection import train_test_split\n"
        f"X_r, y_r = {name}().fit_resample(X, y)\n"
        "X_tr, X_te, y_tr, y_te = train_test_split(X_r, y_r)\n"
        "model.fit(X_tr, y_tr)\n"
    )


@pytest.mark.parametrize(
    ("name", "module", "code"),
    [
        *((name, "under_sampling", "IG203") for name in sorted(library.UNDER_SAMPLERS)),
        *((name, "over_sampling", "IG301") for name in sorted(library.OVER_SAMPLERS)),
        *((name, "combine", "IG301") for name in sorted(library.COMBINED_SAMPLERS)),
    ],
)
def test_every_catalogued_sampler_gets_its_code(project, run_cli, name, module, code):
    """Every under-sampler of the catalogue is IG203 and never IG301; every over- and
    combined sampler is IG301 and never IG203."""
    (project / "s.py").write_text(_sampler_program(name, module))
    result = run_cli("check", "s.py", "--select", "IG203,IG301", "--no-cache",
                     "--output-format", "json")  # fmt: skip
    assert [(f["code"], f["location"]["row"]) for f in json.loads(result.output)] == [(code, 4)]
