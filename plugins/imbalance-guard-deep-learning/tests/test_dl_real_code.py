"""The rules on the shapes real deep-learning code takes (issue: the plugin on real code).

Imbalance handled by hand, data balanced by construction, objects kept on ``self`` or
built by factory functions, metrics judged by the object computing them, and
suggestions built from the user's own model. Through the real command line, as in
``test_dl_rules.py``.
"""

from __future__ import annotations

import ast
import itertools
import json
from pathlib import Path
from types import ModuleType

import hypothesmith
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from imbalance_guard_deep_learning import _objects as O
from imbalance_guard_deep_learning import plugin
from imbalance_guard_deep_learning._handlers import balanced_data, handled_by_hand
from imbalance_guard_deep_learning.rules import (
    igd101_unweighted_loss,
    igd102_keras_fit_unweighted,
    igd201_resampled_eval_loader,
    igd301_accuracy_monitor,
    igd302_accuracy_only_logging,
)

from imbalance_guard.cli import cli
from imbalance_guard.code.unit import CodeUnit

JSON = ("--output-format", "json")


def check(project: Path, source: str, *modules: ModuleType) -> list[dict]:
    (project / "train.py").write_text(source)
    result = CliRunner().invoke(
        cli,
        [*("check", "--disable-plugin", "deep_learning", "--select", "IGD"), *JSON, "train.py"],
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


# -- state across the methods of one class ------------------------------------------------

SETUP_SAMPLER = """\
import lightning as L
import torch
from torch.utils.data import DataLoader, WeightedRandomSampler


class FraudData(L.LightningDataModule):
    def setup(self, stage=None):
        self.train_ds, self.val_ds = load()
        labels = torch.as_tensor(self.val_ds.targets)
        w = 1.0 / torch.bincount(labels).float()
        self.sampler = WeightedRandomSampler(w[labels], num_samples=len(labels))

    def train_dataloader(self):
        return DataLoader(self.train_ds, batch_size=64, shuffle=True)

    def val_dataloader(self):
        return DataLoader(self.val_ds, batch_size=64, sampler=self.sampler)
"""


def test_igd201_follows_a_sampler_stored_in_setup(project):
    (finding,) = check(project, SETUP_SAMPLER, igd201_resampled_eval_loader)
    assert finding["code"] == "IGD201"
    assert finding["location"] == {"row": 17, "column": 63}
    assert finding["message"].startswith("`WeightedRandomSampler` oversamples")


def test_igd201_is_silent_when_the_stored_sampler_feeds_training_only(project):
    source = SETUP_SAMPLER.replace(
        "self.train_ds, batch_size=64, shuffle=True",
        "self.train_ds, batch_size=64, sampler=self.sampler",
    ).replace("self.val_ds, batch_size=64, sampler=self.sampler", "self.val_ds, batch_size=64")
    assert check(project, source, igd201_resampled_eval_loader) == []


def test_attributes_of_another_class_are_not_confused(project):
    source = SETUP_SAMPLER + (
        "\n\nclass Other(L.LightningDataModule):\n"
        "    def setup(self, stage=None):\n        self.sampler = None\n\n"
        "    def val_dataloader(self):\n"
        "        return DataLoader(self.val_ds, sampler=self.sampler)\n"
    )
    findings = check(project, source, igd201_resampled_eval_loader)
    assert [f["location"]["row"] for f in findings] == [17]


# -- a logged metric is judged by the object computing it ---------------------------------

MODULE = """\
import lightning as L
import torch.nn as nn
import torchmetrics
from torchmetrics.classification import MulticlassAccuracy


class Net(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.head = nn.Linear(128, 10)
        self.val_acc = {metric}

    def validation_step(self, batch, batch_idx):
        x, y = batch
        logits = self.head(x)
        acc = self.val_acc(logits.argmax(1), y)
        self.log("val_acc", acc)

    def _log_all(self, stage, metrics):
        for name, value in metrics.items():
            self.log(f"{{stage}}_{{name}}", value)
"""


@pytest.mark.parametrize(
    "metric",
    [
        "MulticlassAccuracy(num_classes=10)",
        'torchmetrics.Accuracy(task="multiclass", num_classes=10, average="macro")',
        "torchmetrics.F1Score(task='multiclass', num_classes=10)",
    ],
)
def test_igd302_is_silent_on_a_balanced_metric_logged_as_acc(project, metric):
    assert check(project, MODULE.format(metric=metric), igd302_accuracy_only_logging) == []


@pytest.mark.parametrize(
    ("metric", "task"),
    [
        (
            'torchmetrics.Accuracy(task="multiclass", num_classes=10)',
            'task="multiclass", num_classes=10',
        ),
        ('MulticlassAccuracy(10, average="micro")', 'task="multiclass", num_classes=10'),
        ('torchmetrics.Accuracy(task="binary")', 'task="binary"'),
    ],
)
def test_igd302_flags_plain_accuracy_despite_a_dead_dynamic_helper(project, metric, task):
    (finding,) = check(project, MODULE.format(metric=metric), igd302_accuracy_only_logging)
    assert finding["code"] == "IGD302" and finding["location"]["row"] == 17
    assert f"torchmetrics.F1Score({task})" in finding["suggestion"]
    assert 'self.log("val_f1", self.val_f1(logits.argmax(1), y))' in finding["suggestion"]


def test_igd302_keeps_quiet_when_a_live_helper_logs_run_time_keys(project):
    source = MODULE.format(metric="torchmetrics.Accuracy(task='binary')").replace(
        'self.log("val_acc", acc)', 'self.log("val_acc", acc)\n        self._log_all("val", {})'
    )
    assert check(project, source, igd302_accuracy_only_logging) == []


def test_igd302_suggests_the_model_class_count_and_placeholders(project):
    source = (
        "import lightning as L\nimport torch.nn as nn\n\n"
        "class Net(L.LightningModule):\n"
        "    def __init__(self):\n        self.fc = nn.Linear(64, 5)\n"
        "    def validation_step(self, batch, i):\n"
        "        self.log('val_acc', 0.5)\n"
    )
    (finding,) = check(project, source, igd302_accuracy_only_logging)
    assert 'F1Score(task="multiclass", num_classes=5)' in finding["suggestion"]
    assert "self.val_f1(<preds>, <target>)" in finding["suggestion"]


# -- suggestions that paste ------------------------------------------------------------


def test_igd101_bce_suggestion_drops_the_final_sigmoid_and_uses_the_device(project):
    source = (
        "import torch\nimport torch.nn as nn\n\n"
        'device = torch.device("cuda")\n'
        "model = nn.Sequential(nn.Linear(30, 64), nn.ReLU(), nn.Linear(64, 1), nn.Sigmoid())\n"
        "criterion = nn.BCELoss()\n"
        "loss = criterion(model(xb).squeeze(1), yb)\n"
    )
    (finding,) = check(project, source, igd101_unweighted_loss)
    assert "drop the model's final `Sigmoid` (line 5)" in finding["suggestion"]
    assert "device=device" in finding["suggestion"]
    assert "y_train" not in finding["suggestion"]
    assert "int(<train labels>.sum())" in finding["suggestion"]


def test_igd101_bce_suggestion_without_a_sigmoid_says_nothing_of_one(project):
    source = "import torch.nn as nn\nmodel = nn.Linear(3, 1)\ncriterion = nn.BCELoss()\n"
    (finding,) = check(project, source, igd101_unweighted_loss)
    assert "Sigmoid" not in finding["suggestion"]


def test_igd101_lightning_suggestion_uses_the_class_count_and_the_logits(project):
    source = (
        "import lightning as L\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n"
        "class Net(L.LightningModule):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.fc = nn.Linear(64, 7)\n"
        "        self.loss_fn = nn.CrossEntropyLoss()\n\n"
        "    def training_step(self, batch, i):\n"
        "        x, y = batch\n"
        "        out = self.fc(x)\n"
        "        return self.loss_fn(out, y) + F.cross_entropy(out, y)\n"
    )
    first, second = check(project, source, igd101_unweighted_loss)
    # self.loss_fn is a submodule: its weight buffer moves with the model, no device needed.
    assert "minlength=7).float().clamp(min=1);" in first["suggestion"]
    assert ".to(" not in first["suggestion"]
    assert "class_weights = counts.sum() / (len(counts) * counts)`" in first["suggestion"]
    assert ").to(out.device)`" in second["suggestion"]
    assert "torch.as_tensor(<train labels>)" in first["suggestion"]
    assert "`F.cross_entropy(out, y, weight=class_weights)`" in second["suggestion"]


def test_igd101_suggestion_uses_the_labels_the_script_defines(project):
    source = "import torch\ny = load()\ncrit = torch.nn.BCEWithLogitsLoss()\n"
    (finding,) = check(project, source, igd101_unweighted_loss)
    assert "n_pos = int(y.sum()); n_neg = len(y) - n_pos" in finding["suggestion"]


# -- the object resolution on any program ---------------------------------------------------


@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # generated code, e.g. `1()`
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar())
def test_origins_and_handlers_never_raise_and_name_only_calls(code):
    unit = CodeUnit("generated.py", "import torch\n" + code, "python")
    try:
        unit.tree  # noqa: B018
    except (SyntaxError, ValueError, RecursionError):
        return
    found = O.Objects(unit)
    for node in ast.walk(unit.tree):
        if isinstance(node, ast.Call):
            for expr in (node.func, *node.args):
                assert all(isinstance(o, ast.Call) for o in found.origins(expr, node))
    handled_by_hand(unit)
    balanced_data(unit)


@given(st.integers(min_value=1, max_value=60), st.sampled_from(["self.m", "m"]))
def test_a_model_reached_through_any_chain_of_names_is_the_compiled_one(length, first):
    names = [first] + [f"alias{i}" for i in range(length)]
    body = [f"{names[0]} = keras.Sequential()", f"{names[0]}.compile(loss='hinge')"]
    body += [f"{b} = {a}" for a, b in itertools.pairwise(names)]
    body.append(f"{names[-1]}.fit(X, y)")
    source = "from tensorflow import keras\nclass T:\n    def run(self):\n" + "".join(
        f"        {line}\n" for line in body
    )
    unit = CodeUnit("t.py", source, "python")
    fits = [
        n
        for n in ast.walk(unit.tree)
        if isinstance(n, ast.Call) and ast.unparse(n.func).endswith(".fit")
    ]
    (fit,) = fits
    origins = O.Objects(unit).origins(fit.func.value, fit)
    # Within the look-up depth the origin is the constructor; beyond it, nothing is claimed
    # (the rule falls back to spellings), never a wrong object.
    assert [ast.unparse(o) for o in origins] in (["keras.Sequential()"], [])
    assert origins or length >= 7
