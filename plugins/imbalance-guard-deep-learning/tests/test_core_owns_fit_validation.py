"""Validation chosen inside a fit call on resampled data is the core's IG301; the plugin's
rules, run on the same file, never report the same call a second time."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from click.testing import CliRunner
from imbalance_guard_deep_learning import plugin

from imbalance_guard.cli import cli

PROGRAM = """\
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from tensorflow import keras
from torch.utils.data import DataLoader, TensorDataset, WeightedRandomSampler, random_split

df = pd.read_csv("churn.csv")
X, y = df.drop("churn", axis=1).to_numpy(), df["churn"].to_numpy()
X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)

model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
stop = keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=3)
model.fit(X_res, y_res, epochs=30, validation_split=0.2, callbacks=[stop])
model.fit(X_res, y_res, validation_data=(X_res[-500:], y_res[-500:]), callbacks=[stop])

train_ds, val_ds = random_split(TensorDataset(X_res, y_res), [0.8, 0.2])
weights = np.ones(len(val_ds))
val_loader = DataLoader(val_ds, batch_size=64, sampler=WeightedRandomSampler(weights, 9))
"""


def test_core_and_plugin_report_each_call_once(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "train.py").write_text(PROGRAM)
    result = CliRunner().invoke(
        cli,
        ["check", "--disable-plugin", "deep_learning", "--select", "ALL", "--no-cache",
         "--output-format", "json", "train.py"],
        obj={"plugins": [plugin]},
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)
    per_line = Counter(f["location"]["row"] for f in findings)
    assert all(count == 1 for count in per_line.values()), findings
    codes = {f["location"]["row"]: f["code"] for f in findings}
    # the two fits and the random_split are the core's; the weighted loader the plugin's
    assert codes[14] == codes[15] == codes[17] == "IG301"
    assert codes[19] == "IGD201"
    assert codes[13] == "IGD301"  # the accuracy monitor is the callback's call, not the fit's
    by_line = {f["location"]["row"]: f["message"] for f in findings}
    assert "early stopping and the validation score see the synthetic" in by_line[14]
