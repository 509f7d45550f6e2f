"""IGD301's Keras suggestion names metrics that exist in the Keras the file uses, spelled
the way the file spells Keras."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from imbalance_guard_deep_learning.rules import igd301_accuracy_monitor

from imbalance_guard.cli import cli

STOP = 'stop = {k}.callbacks.EarlyStopping(monitor="val_accuracy")\n'


def suggestion(root: Path, source: str) -> str:
    (root / "train.py").write_text(source, encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["check", "--no-cache", "--disable-plugin", "deep_learning", "--output-format", "json",
         "train.py"],
        obj={"plugins": [igd301_accuracy_monitor]},
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    (finding,) = json.loads(result.output)
    assert finding["code"] == "IGD301"
    return finding["suggestion"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


KERAS_3 = [
    'import os\nos.environ["KERAS_BACKEND"] = "jax"\nimport keras\n',
    "import keras\nfrom keras import ops\n",
    "import keras\nx = keras.ops.sigmoid(1.0)\n",
    "import keras_core as keras\n",
]


@pytest.mark.parametrize("header", KERAS_3)
def test_keras_3_gets_f1score(project, header):
    text = suggestion(project, header + STOP.format(k="keras"))
    assert '`keras.metrics.AUC(curve="PR", name="pr_auc")`' in text
    assert '`keras.metrics.F1Score(average="macro")`' in text
    assert "keras.metrics.Precision(" in text and "keras.metrics.Recall(" in text


def test_one_sigmoid_output_gets_a_threshold(project):
    source = (
        "import keras\nfrom keras import ops\n"
        'model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])\n'
    )
    text = suggestion(project, source + STOP.format(k="keras"))
    assert "`keras.metrics.F1Score(threshold=0.5)`" in text


def test_tf_keras_package_is_keras_2_13_or_later(project):
    text = suggestion(project, "import tf_keras\n" + STOP.format(k="tf_keras"))
    assert "`tf_keras.metrics.F1Score(" in text
    assert '`tf_keras.metrics.AUC(curve="PR", name="pr_auc")`' in text


@pytest.mark.parametrize(
    "header",
    [
        "import tensorflow_addons as tfa\nfrom tensorflow import keras\n",
        "from keras.wrappers.scikit_learn import KerasClassifier\nimport keras\n",
        "from keras.utils.np_utils import to_categorical\nimport keras\n",
    ],
)
def test_an_old_keras_gets_no_f1score_and_no_addons(project, header):
    text = suggestion(project, header + STOP.format(k="keras"))
    assert "F1Score(" not in text
    assert "has no `F1Score`" in text and "no `tensorflow_addons` needed" in text
    assert "keras.metrics.Precision(" in text and "keras.metrics.Recall(" in text


@pytest.mark.parametrize(
    ("header", "k"),
    [
        ("import keras\n", "keras"),
        ("from tensorflow import keras\n", "keras"),
        ("import tensorflow as tf\n", "tf.keras"),
        ("import tensorflow.keras as tfk\n", "tfk"),
    ],
)
def test_an_unknown_version_names_only_metrics_every_keras_has(project, header, k):
    text = suggestion(project, header + STOP.format(k=k))
    assert "F1Score" not in text
    assert f'`{k}.metrics.AUC(curve="PR", name="pr_auc")`' in text
    assert f'`{k}.metrics.Precision(name="precision")`' in text
    assert f'`{k}.metrics.Recall(name="recall")`' in text


def test_a_file_that_binds_no_keras_name_is_told_the_import(project):
    source = (
        "from tensorflow.keras.callbacks import EarlyStopping\n"
        'stop = EarlyStopping(monitor="val_accuracy")\n'
    )
    text = suggestion(project, source)
    assert "(after `from tensorflow import keras`)" in text
    source = "from keras.callbacks import EarlyStopping\n" + source.splitlines()[1] + "\n"
    assert "(after `import keras`)" in suggestion(project, source)


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["keras", "tf_keras", "keras_core"]), st.sampled_from(["", "", "x"]))
def test_whatever_the_imports_the_auc_is_always_named(tmp_path_factory, module, extra):
    root = tmp_path_factory.mktemp("k")
    source = f"import {module} as kk\n{extra}\n" + STOP.format(k="kk")
    (root / "train.py").write_text(source, encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["check", "--no-cache", "--disable-plugin", "deep_learning", "--output-format", "json",
         str(root / "train.py")],
        obj={"plugins": [igd301_accuracy_monitor]},
        catch_exceptions=False,
    )  # fmt: skip
    (finding,) = json.loads(result.output)
    assert '`kk.metrics.AUC(curve="PR", name="pr_auc")`' in finding["suggestion"]
