"""The rules on the shapes real deep-learning code takes (issue: the plugin on real code).

Imbalance handled by hand, data balanced by construction, objects kept on ``self`` or
built by factory functions, metrics judged by the object computing them, and
suggestions built from the user's own model. Through the real command line, as in
``test_dl_rules.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner
from imbalance_guard_deep_learning import plugin
from imbalance_guard_deep_learning.rules import (
    igd101_unweighted_loss,
    igd102_keras_fit_unweighted,
    igd301_accuracy_monitor,
)

from imbalance_guard.cli import cli


def check(project: Path, source: str, *modules: ModuleType) -> list[dict]:
    (project / "train.py").write_text(source)
    result = CliRunner().invoke(
        cli,
        ["check", "--disable-plugin", "deep_learning", "--output-format", "json", "train.py"],
        obj={"plugins": list(modules or [plugin])},
        catch_exceptions=False,
    )
    findings = json.loads(result.output)
    assert result.exit_code == (1 if findings else 0), result.output
    return findings


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


LOSS = (
    "import numpy as np\nimport torch\nimport torch.nn as nn\n{extra}\n"
    "crit = nn.BCEWithLogitsLoss()\n"
)


# -- everything that handles imbalance counts -----------------------------------------


@pytest.mark.parametrize(
    "extra",
    [
        "clf.fit(X, y, class_weight={0: 1, 1: 20})",
        "other = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 20.0]))",
        "aux = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([9.0]))",
        "neg = np.where(y == 0)[0]\nkeep = np.random.choice(neg, 500, replace=False)",
        "neg = (y == 0).nonzero()\nkeep = neg[torch.randperm(len(neg))[:500]]",
        "rng = np.random.default_rng(0)\nkeep = rng.choice(np.flatnonzero(y == 0), 500)",
        "from torchvision.ops import sigmoid_focal_loss\nl = sigmoid_focal_loss(logits, y)",
        "class FocalLoss(nn.Module):\n    pass",
        "from imblearn.keras import BalancedBatchGenerator\ngen = BalancedBatchGenerator(X, y)",
    ],
)
def test_igd101_counts_every_way_of_handling_imbalance(project, extra):
    assert check(project, LOSS.format(extra=extra), igd101_unweighted_loss) == []


@pytest.mark.parametrize(
    "extra",
    [
        "clf.fit(X, y, class_weight=None)",
        "keep = np.random.choice(len(y), 500)",  # a random subset of every class
        "idx = torch.randperm(len(y))",
        "w = nn.Linear(3, 1).weight",
    ],
)
def test_igd101_still_flags_what_does_not_handle_imbalance(project, extra):
    (finding,) = check(project, LOSS.format(extra=extra), igd101_unweighted_loss)
    assert finding["code"] == "IGD101" and finding["location"]["row"] == 4 + extra.count("\n") + 1


# -- balanced data is not flagged -------------------------------------------------------


@pytest.mark.parametrize(
    "load",
    [
        "from torchvision.datasets import MNIST\nds = MNIST('d', download=True)",
        "import torchvision\nds = torchvision.datasets.CIFAR10('d')",
        "from torchvision import datasets\nds = datasets.FashionMNIST('d')",
        "from datasets import load_dataset\nds = load_dataset('imdb')",
        "import datasets\nds = datasets.load_dataset('cifar10', split='train')",
    ],
)
def test_igd101_is_silent_on_data_balanced_by_construction(project, load):
    source = f"import torch.nn as nn\n{load}\ncrit = nn.CrossEntropyLoss()\n"
    assert check(project, source, igd101_unweighted_loss) == []


def test_igd101_still_flags_an_unknown_hugging_face_data_set(project):
    source = (
        "import torch.nn as nn\nfrom datasets import load_dataset\n"
        "ds = load_dataset('my-org/fraud')\ncrit = nn.CrossEntropyLoss()\n"
    )
    assert [f["code"] for f in check(project, source, igd101_unweighted_loss)] == ["IGD101"]


@pytest.mark.parametrize(
    "load",
    [
        "(X, y), _ = keras.datasets.mnist.load_data()",
        "(X, y), _ = tf.keras.datasets.cifar10.load_data()",
        "from keras.datasets import fashion_mnist\n(X, y), _ = fashion_mnist.load_data()",
    ],
)
def test_keras_rules_are_silent_on_keras_balanced_data_sets(project, load):
    source = (
        f"import tensorflow as tf\nfrom tensorflow import keras\n{load}\n"
        "model = keras.Sequential([keras.layers.Dense(10)])\n"
        "model.compile(loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
        "model.fit(X, y, callbacks=[keras.callbacks.EarlyStopping(monitor='val_accuracy')])\n"
    )
    assert check(project, source, igd102_keras_fit_unweighted, igd301_accuracy_monitor) == []


# -- a fit is checked on the object it is called on ---------------------------------------

KERAS_AND_SKLEARN = """\
from tensorflow import keras
from sklearn.linear_model import LogisticRegression


class Baseline:
    def __init__(self):
        self.model = LogisticRegression()

    def train(self, X, y):
        self.model.fit(X, y)


class Net:
    def __init__(self):
        self.model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
        self.model.compile(optimizer="adam", loss="binary_crossentropy")

    def train(self, X, y):
        self.model.fit(X, y, epochs=3)


def make_model():
    m = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
    m.compile(optimizer="adam", loss="binary_crossentropy")
    return m


weighted_model = make_model()
weighted_model.fit(X, y, epochs=3)
"""


def test_igd102_checks_the_object_fit_is_called_on(project):
    findings = check(project, KERAS_AND_SKLEARN, igd102_keras_fit_unweighted)
    assert [(f["code"], f["location"]["row"]) for f in findings] == [("IGD102", 19), ("IGD102", 29)]
    assert 'compiled with `"binary_crossentropy"` at line 24' in findings[1]["message"]


def test_igd102_ignores_a_scikit_learn_model_named_like_the_compiled_one(project):
    source = (
        "from tensorflow import keras\nfrom sklearn.linear_model import LogisticRegression\n"
        "model = keras.Sequential()\nmodel.compile(loss='binary_crossentropy')\n"
        "model.fit(X, y, class_weight={0: 1, 1: 5})\n"
        "def baseline(X, y):\n    model = LogisticRegression()\n    model.fit(X, y)\n"
    )
    assert check(project, source, igd102_keras_fit_unweighted) == []


def test_igd102_still_matches_a_parameter_by_its_spelling(project):
    source = (
        "from tensorflow import keras\n"
        "def train(model, X, y):\n"
        "    model.compile(loss='binary_crossentropy')\n"
        "    model.fit(X, y)\n"
    )
    findings = check(project, source, igd102_keras_fit_unweighted)
    assert [(f["code"], f["location"]["row"]) for f in findings] == [("IGD102", 4)]
