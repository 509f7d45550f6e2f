"""A dataset the code names and trains on, whose label counts are balanced, is balanced data.

``scripts/train.py`` reads ``../data/balanced.csv`` and trains on its ``label`` column: with
500 / 500 rows an unweighted loss or Keras fit is not reported (as on MNIST); with 950 / 50
it is; a file that links no dataset is judged as before. The counts come from the core
(:mod:`imbalance_guard.data.linked`), the ratio from ``[tool.imbalance-guard.code]
balanced-ratio``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from imbalance_guard_deep_learning import plugin

from imbalance_guard.cli import cli

TORCH = """\
import pandas as pd
import torch.nn as nn
from sklearn.model_selection import train_test_split

df = pd.read_csv("../data/balanced.csv")
X_tr, X_va, y_tr, y_va = train_test_split(df.drop(columns=["label"]), df["label"])
model = nn.Sequential(nn.Linear(2, 1), nn.Sigmoid())
criterion = nn.BCELoss()
"""
KERAS = """\
import pandas as pd
from tensorflow import keras

df = pd.read_csv("../data/balanced.csv")
X = df.drop(columns=["label"]).values
y = df["label"].values
model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(X, y, epochs=5)
"""
LIGHTNING = """\
import lightning as L
import pandas as pd
import torchmetrics

from sklearn.model_selection import train_test_split

df = pd.read_csv("../data/balanced.csv")
X_tr, X_va, y_tr, y_va = train_test_split(df.drop(columns=["label"]), df["label"])


class Model(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.acc = torchmetrics.Accuracy(task="binary")

    def validation_step(self, batch, batch_idx):
        x, t = batch
        self.acc(self(x), t)
        self.log("val_acc", self.acc)
"""
# The same torch script without a dataset the analysis can link.
UNLINKED = TORCH.replace('pd.read_csv("../data/balanced.csv")', "pd.read_csv(path)")


def write_data(root: Path, counts: tuple[int, int], name: str = "balanced.csv") -> None:
    negatives, positives = counts
    rows = [f"{i},{i % 7},0" for i in range(negatives)]
    rows += [f"{i},{i % 5},1" for i in range(positives)]
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / name).write_text("a,b,label\n" + "\n".join(rows) + "\n")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "scripts").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(root: Path, script: str, source: str) -> list[tuple[int, str]]:
    (root / "scripts" / script).write_text(source, encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["check", "--no-cache", "--output-format", "json", "--select", "IGD",
         "--disable-plugin", "deep_learning", f"scripts/{script}"],
        obj={"plugins": [plugin]},
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(result.output)
    assert result.exit_code == (1 if findings else 0)
    return sorted((f["location"]["row"], f["code"]) for f in findings)


@pytest.mark.parametrize(
    ("source", "expected"),
    [(TORCH, [(8, "IGD101")]), (KERAS, [(9, "IGD102")]), (LIGHTNING, [(19, "IGD302")])],
    ids=["bce-loss", "keras-fit", "lightning-log"],
)
def test_a_balanced_linked_dataset_is_balanced_data(
    project: Path, source: str, expected: list[tuple[int, str]]
) -> None:
    write_data(project, (500, 500))
    assert check(project, "train.py", source) == []
    write_data(project, (950, 50))  # same file, now skewed: reported
    assert check(project, "train.py", source) == expected


def test_a_file_that_links_no_dataset_is_judged_as_before(project: Path) -> None:
    write_data(project, (500, 500))
    assert check(project, "train.py", UNLINKED) == [(8, "IGD101")]


def test_a_missing_dataset_is_not_guessed(project: Path) -> None:
    assert check(project, "train.py", TORCH) == [(8, "IGD101")]


def test_a_label_column_the_file_lacks_is_not_balanced(project: Path) -> None:
    write_data(project, (500, 500))
    source = TORCH.replace('"label"', '"target"')
    assert check(project, "train.py", source) == [(8, "IGD101")]


def test_the_balanced_ratio_setting_is_the_one_the_core_rules_read(project: Path) -> None:
    write_data(project, (600, 400))  # ratio 1.5: balanced at the default
    assert check(project, "train.py", TORCH) == []
    (project / "pyproject.toml").write_text("[tool.imbalance-guard.code]\nbalanced-ratio = 1.4\n")
    assert check(project, "train.py", TORCH) == [(8, "IGD101")]


def test_two_different_datasets_are_not_judged_by_either(project: Path) -> None:
    write_data(project, (500, 500))
    write_data(project, (950, 50), "other.csv")
    source = TORCH.replace(
        "model = ",
        'other = pd.read_csv("../data/other.csv")\n'
        'parts = train_test_split(other.drop(columns=["label"]), other["label"])\nmodel = ',
    )
    assert check(project, "train.py", source) == [(10, "IGD101")]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(negatives=st.integers(1, 60), positives=st.integers(1, 60))
def test_reported_exactly_when_the_counts_are_skewed(
    project: Path, negatives: int, positives: int
) -> None:
    write_data(project, (negatives, positives))
    skewed = max(negatives, positives) > 1.5 * min(negatives, positives)
    assert check(project, "train.py", TORCH) == ([(8, "IGD101")] if skewed else [])


def test_a_file_that_links_no_dataset_imports_no_pandas(project: Path) -> None:
    write_data(project, (500, 500))
    script = project / "scripts" / "train.py"
    script.write_text(UNLINKED, encoding="utf-8")
    code = (
        "import sys\n"
        "from imbalance_guard.cli import cli\n"
        "try:\n"
        "    cli(['check', '--no-cache', '--select', 'IGD', str(sys.argv[1])])\n"
        "except SystemExit as e:\n"
        "    status = e.code\n"
        "heavy = [m for m in ('pandas', 'pyarrow', 'pandera', 'duckdb', 'sklearn')"
        " if m in sys.modules]\n"
        "print(status, heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(script)], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "1 []"


def test_a_cached_result_is_redone_when_the_dataset_changes(project: Path) -> None:
    """Through the installed plugin, with the cache: the dataset is an input of the entry."""
    (project / "scripts" / "train.py").write_text(TORCH, encoding="utf-8")

    def cached() -> list[tuple[int, str]]:
        args = ["check", "--output-format", "json", "--select", "IGD", "scripts/train.py"]
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code in (0, 1), result.output
        return [(f["location"]["row"], f["code"]) for f in json.loads(result.output)]

    write_data(project, (500, 500))
    assert cached() == []
    assert cached() == []
    write_data(project, (950, 50))
    assert cached() == [(8, "IGD101")]
