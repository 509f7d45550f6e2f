"""Each IGD rule on small programs, through the real command line.

The rule modules are registered at run time (``obj={"plugins": [...]}``) with the installed
copy disabled (``--disable-plugin deep_learning``), so every test registers exactly what it
tests — the way the plugin guide recommends testing a plugin.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import hypothesmith
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from imbalance_guard_deep_learning import plugin
from imbalance_guard_deep_learning.rules import (
    igd101_unweighted_loss,
    igd102_keras_fit_unweighted,
    igd201_resampled_eval_loader,
    igd301_accuracy_monitor,
    igd302_accuracy_only_logging,
)

from imbalance_guard.cli import cli
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.plugins import collect_rules, get_plugin_manager


def check(
    project: Path, source: str, *modules: ModuleType, name: str = "train.py", args=()
) -> list[dict]:
    (project / name).write_text(source)
    result = CliRunner().invoke(
        cli,
        ["check", "--disable-plugin", "deep_learning", "--output-format", "json", *args, name],
        obj={"plugins": list(modules or [plugin])},
        catch_exceptions=False,
    )
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(result.output)
    assert result.exit_code == (1 if findings else 0)
    return findings


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- registration ---------------------------------------------------------------------


@pytest.mark.parametrize("module", plugin.RULE_MODULES, ids=lambda m: m.RULE.code)
def test_each_rule_module_is_a_plugin_of_its_own(module):
    rules = collect_rules(get_plugin_manager(load_entry_points=False, extra=[module]))
    assert [code for code in rules if code.startswith("IGD")] == [module.RULE.code]
    assert module.RULE.doc == module.__doc__
    assert module.RULE.doc.startswith(f"{module.RULE.code} {module.RULE.name}.")


def test_the_entry_point_module_declares_every_rule_once():
    rules = collect_rules(get_plugin_manager(load_entry_points=False, extra=[plugin]))
    assert [c for c in rules if c.startswith("IGD")] == [
        "IGD101",
        "IGD102",
        "IGD201",
        "IGD301",
        "IGD302",
    ]


def test_a_rule_module_beside_the_installed_plugin_is_a_clear_clash(project):
    (project / "a.py").write_text("x = 1\n")
    result = CliRunner().invoke(cli, ["check", "a.py"], obj={"plugins": [igd101_unweighted_loss]})
    assert result.exit_code == 2
    assert "IGD101 is declared by both 'deep_learning' and" in result.output


def test_passing_the_installed_plugin_again_at_run_time_is_harmless(project):
    (project / "a.py").write_text("import torch\nc = torch.nn.CrossEntropyLoss()\n")
    result = CliRunner().invoke(cli, ["check", "a.py"], obj={"plugins": [plugin]})
    assert result.exit_code == 1, result.output
    assert result.output.count("IGD101") == 1


# -- IGD101 unweighted-loss -----------------------------------------------------------


def test_igd101_follows_import_aliases_and_spells_torch_as_the_user_does(project):
    findings = check(
        project,
        "import torch as T\nimport torch.nn as tnn\n\ncrit = tnn.BCEWithLogitsLoss()\n",
        igd101_unweighted_loss,
    )
    (finding,) = findings
    assert finding["code"] == "IGD101" and finding["location"] == {"row": 4, "column": 8}
    assert finding["message"].startswith("`tnn.BCEWithLogitsLoss()` has no `pos_weight=`")
    assert (
        "tnn.BCEWithLogitsLoss(pos_weight=T.tensor([n_neg / n_pos], device=<logits>.device))"
        in finding["suggestion"]
    )


def test_igd101_suggestion_uses_the_training_labels_of_the_split(project):
    source = (
        "import torch\nfrom sklearn.model_selection import train_test_split\n"
        "Xa, Xb, labels_a, labels_b = train_test_split(X, y, stratify=y)\n"
        "loss_fn = torch.nn.CrossEntropyLoss()\n"
    )
    (finding,) = check(project, source, igd101_unweighted_loss)
    assert "torch.bincount(torch.as_tensor(labels_a))" in finding["suggestion"]
    assert "torch.nn.CrossEntropyLoss(weight=class_weights)" in finding["suggestion"]


@pytest.mark.parametrize(
    "line",
    [
        "loss = nn.CrossEntropyLoss(weight=w)",
        "loss = nn.CrossEntropyLoss(w)",
        "loss = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([9.0]))",
        'loss = nn.CrossEntropyLoss(reduction="none")',
        "loss = nn.CrossEntropyLoss(**cfg)",
        "loss = F.cross_entropy(out, y, w)",
        "loss = nn.MSELoss()",
        "loss = CrossEntropyLoss()  # a local class, not torch's",
    ],
)
def test_igd101_is_silent_on_weighted_or_other_losses(project, line):
    source = f"import torch\nfrom torch import nn\nimport torch.nn.functional as F\n{line}\n"
    assert check(project, source, igd101_unweighted_loss) == []


@pytest.mark.parametrize(
    "handler",
    [
        "from torch.utils.data import WeightedRandomSampler",
        "from imblearn.over_sampling import SMOTE",
        "from torchvision.ops import sigmoid_focal_loss",
        "from sklearn.utils.class_weight import compute_class_weight",
        "class FocalLoss(nn.Module): ...",
    ],
)
def test_igd101_is_silent_when_imbalance_is_handled_elsewhere(project, handler):
    source = f"import torch\nfrom torch import nn\n{handler}\n\nloss = nn.CrossEntropyLoss()\n"
    used = "\nused = WeightedRandomSampler(w, 10)\n" if "WeightedRandom" in handler else ""
    used += "\nX_r, y_r = SMOTE().fit_resample(X, y)\n" if "SMOTE" in handler else ""
    used += "\nl2 = sigmoid_focal_loss(a, b)\n" if "sigmoid_focal" in handler else ""
    used += (
        "\ncw = compute_class_weight('balanced', classes=c, y=y)\n" if "compute" in handler else ""
    )
    assert check(project, source + used, igd101_unweighted_loss) == []


def test_igd101_in_a_notebook_points_at_the_cell(project):
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Training\n"]},
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": ["import torch.nn as nn\n"],
        },
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": ["crit = nn.CrossEntropyLoss()\n"],
        },
    ]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (project / "nb.ipynb").write_text(json.dumps(notebook))
    result = CliRunner().invoke(
        cli,
        ["check", "--disable-plugin", "deep_learning", "--no-color", "nb.ipynb"],
        obj={"plugins": [igd101_unweighted_loss]},
    )
    assert "nb.ipynb:cell 3:1:8: IGD101" in result.output


# -- IGD102 keras-fit-unweighted ------------------------------------------------------

KERAS = """\
from tensorflow import keras

model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss={loss})
model.fit(X_tr, labels_tr, epochs=5{extra})
"""


def test_igd102_names_the_compile_and_uses_the_labels_of_the_fit(project):
    (finding,) = check(
        project, KERAS.format(loss='"binary_crossentropy"', extra=""), igd102_keras_fit_unweighted
    )
    assert finding["location"] == {"row": 5, "column": 1}
    assert 'compiled with `"binary_crossentropy"` at line 4' in finding["message"]
    assert "classes=np.unique(labels_tr), y=labels_tr" in finding["suggestion"]
    assert "model.fit(..., class_weight=dict(enumerate(weights)))" in finding["suggestion"]


@pytest.mark.parametrize(
    ("loss", "extra"),
    [
        ('"mse"', ""),
        ('"binary_crossentropy"', ", class_weight={0: 1.0, 1: 20.0}"),
        ('"binary_crossentropy"', ", sample_weight=w"),
        ('"binary_crossentropy"', ", **fit_kwargs"),
        ("keras.losses.BinaryFocalCrossentropy()", ""),
        ('"binary_focal_crossentropy"', ""),
    ],
)
def test_igd102_is_silent_on_weighted_fits_and_regression(project, loss, extra):
    assert check(project, KERAS.format(loss=loss, extra=extra), igd102_keras_fit_unweighted) == []


def test_igd102_ignores_scikit_learn_fit(project):
    source = (
        "from sklearn.linear_model import LogisticRegression\n"
        "m = LogisticRegression()\nm.compile = None\nm.fit(X, y)\n"
    )
    assert check(project, source, igd102_keras_fit_unweighted) == []


# -- IGD201 resampled-eval-loader -----------------------------------------------------


def test_igd201_flags_a_loader_named_for_validation(project):
    source = (
        "from torch.utils.data import DataLoader, WeightedRandomSampler\n"
        "s = WeightedRandomSampler(w, len(w))\n"
        "train_loader = DataLoader(ds_a, sampler=s)\n"
        "val_loader = DataLoader(ds_b, batch_size=8, sampler=s)\n"
    )
    (finding,) = check(project, source, igd201_resampled_eval_loader)
    assert finding["location"] == {"row": 4, "column": 53}
    assert "`WeightedRandomSampler` oversamples the data of `val_loader`" in finding["message"]
    assert "DataLoader(ds_b, batch_size=..., shuffle=False)" in finding["suggestion"]


def test_igd201_is_silent_on_plain_evaluation_loaders(project):
    source = (
        "import torch\nfrom torch.utils.data import DataLoader, RandomSampler\n"
        "val_loader = DataLoader(val_ds, batch_size=64, shuffle=False)\n"
        "test_loader = DataLoader(test_ds, sampler=RandomSampler(test_ds))\n"
        "latest_loader = DataLoader(ds, sampler=torch.utils.data.WeightedRandomSampler(w, 9))\n"
    )
    assert check(project, source, igd201_resampled_eval_loader) == []


# -- IGD301 accuracy-monitor ----------------------------------------------------------


def test_igd301_reads_the_monitor_by_position(project):
    source = (
        "from tensorflow.keras.callbacks import EarlyStopping, ModelCheckpoint\n"
        'stop = EarlyStopping("val_accuracy", patience=2)\n'
        'best = ModelCheckpoint("m.keras", "val_binary_accuracy")\n'
        'fine = EarlyStopping(monitor="val_loss")\n'
    )
    findings = check(project, source, igd301_accuracy_monitor)
    assert [(f["location"]["row"], f["location"]["column"]) for f in findings] == [(2, 22), (3, 35)]
    assert 'monitor="val_pr_auc", mode="max"' in findings[0]["suggestion"]


def test_igd301_ignores_callbacks_of_other_libraries(project):
    source = (
        "class EarlyStopping:\n    def __init__(self, monitor): ...\n\n"
        'import torch\nstop = EarlyStopping(monitor="val_acc")\n'
    )
    assert check(project, source, igd301_accuracy_monitor) == []


# -- IGD302 accuracy-only-logging -----------------------------------------------------

LIGHTNING = """\
import lightning as L


class M(L.LightningModule):
    def validation_step(self, batch, _):
        {body}
"""


def test_igd302_flags_accuracy_logged_alone(project):
    (finding,) = check(
        project, LIGHTNING.format(body='self.log("val/acc", acc)'), igd302_accuracy_only_logging
    )
    assert finding["location"] == {"row": 6, "column": 18}
    # Nothing in the module says what the predictions are called: marked placeholders.
    assert 'self.log("val/f1", self.val_f1(<preds>, <target>))' in finding["suggestion"]


@pytest.mark.parametrize(
    "body",
    [
        'self.log("val_acc", acc); self.log("val_f1", f1)',
        'self.log_dict({"val_acc": acc, "val_auprc": ap})',
        'self.log("val_acc", acc); self.log(f"val_{name}", value)',
        "self.log_dict(self.metrics(preds, y))",
        'self.log("train_acc", acc)',
    ],
)
def test_igd302_is_silent_when_other_metrics_may_be_logged(project, body):
    assert check(project, LIGHTNING.format(body=body), igd302_accuracy_only_logging) == []


# -- the plugin as a whole ------------------------------------------------------------


def test_ignored_rules_are_not_reported(project):
    source = "import torch\ncrit = torch.nn.CrossEntropyLoss()\n"
    assert check(project, source) != []
    assert check(project, source, args=("--ignore", "IGD101")) == []
    assert check(project, source, args=("--ignore", "IGD")) == []


def test_checking_imports_no_framework_and_no_heavy_library(tmp_path):
    script = tmp_path / "probe.py"
    script.write_text(
        "import sys\n"
        "from imbalance_guard.code.unit import CodeUnit\n"
        "from imbalance_guard.config import Config\n"
        "from imbalance_guard_deep_learning import plugin\n"
        "source = open(sys.argv[1]).read()\n"
        "config = Config(enabled_codes=frozenset(r.code for r in plugin.ig_rules()))\n"
        "found = plugin.ig_check_code(unit=CodeUnit('t.py', source, 'python'), config=config)\n"
        "heavy = ('torch', 'tensorflow', 'keras', 'lightning', 'pytorch_lightning', 'pandas',\n"
        "         'sklearn', 'pyarrow', 'pandera')\n"
        "print(len(found), sorted(m for m in heavy if m in sys.modules))\n"
    )
    corpus = Path(__file__).parent / "corpus" / "bad" / "lightning_val_acc.py"
    result = subprocess.run(
        [sys.executable, str(script), str(corpus)], capture_output=True, text=True, check=True
    )
    assert result.stdout.split(maxsplit=1) == ["3", "[]\n"]


@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # generated code, e.g. `1()`
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar())
def test_the_plugin_never_raises_on_valid_python(code):
    # Mention every framework so that no rule's cheap pre-filter skips the program.
    source = "import torch, keras, lightning  # Sampler EarlyStopping self.log fit\n" + code
    unit = CodeUnit("generated.py", source, "python")
    try:
        unit.tree  # noqa: B018
    except (SyntaxError, ValueError, RecursionError):
        return
    config = Config(enabled_codes=frozenset(rule.code for rule in plugin.ig_rules()))
    for finding in plugin.ig_check_code(unit=unit, config=config):
        assert finding.code.startswith("IGD")


def test_the_plugin_skips_the_work_of_its_disabled_rules(monkeypatch):
    # The core drops a disabled code's findings anyway (test_ignored_rules_are_not_reported);
    # with five rules in one plugin, not running the disabled ones saves their work.
    def must_not_run(**kwargs):
        raise AssertionError("a disabled rule ran")

    monkeypatch.setattr(igd101_unweighted_loss, "ig_check_code", must_not_run)
    unit = CodeUnit("t.py", "import torch\ncrit = torch.nn.CrossEntropyLoss()\n", "python")
    enabled = frozenset(rule.code for rule in plugin.ig_rules()) - {"IGD101"}
    assert plugin.ig_check_code(unit=unit, config=Config(enabled_codes=enabled)) == []
