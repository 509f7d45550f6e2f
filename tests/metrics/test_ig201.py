"""IG201 accuracy-only: each spelling of accuracy, what silences it, messages and fixes."""

from __future__ import annotations

import json

import pytest

HEAD = (
    "from sklearn.ensemble import RandomForestClassifier\n"
    "clf = RandomForestClassifier().fit(X_tr, y_tr)\n"
)


def _findings(run_cli, path: str, *extra: str) -> list[dict]:
    result = run_cli("check", "--select", "IG201", "--output-format", "json", *extra, path)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def test_accuracy_score_under_an_alias_is_reported_in_the_users_words(project, run_cli):
    (project / "a.py").write_text(
        HEAD + "import sklearn.metrics as skm\nprint(skm.accuracy_score(y_te, clf.predict(X_te)))\n"
    )
    [finding] = _findings(run_cli, "a.py")
    assert finding["code"] == "IG201"
    assert finding["location"] == {"row": 4, "column": 7}
    assert (
        "`skm.accuracy_score(y_te, clf.predict(X_te))` is accuracy, the only metric"
        in finding["message"]
    )
    assert "`skm.balanced_accuracy_score(y_te, clf.predict(X_te))`" in finding["suggestion"]
    assert 'RandomForestClassifier(..., class_weight="balanced")' in finding["suggestion"]
    assert finding["fix"]["applicability"] == "unsafe"


@pytest.mark.parametrize(
    ("callee", "module", "call"),
    [
        ("cross_val_score", "sklearn.model_selection", "cross_val_score(clf, X, y"),
        ("cross_validate", "sklearn.model_selection", "cross_validate(clf, X, y"),
        ("GridSearchCV", "sklearn.model_selection", "GridSearchCV(clf, {}"),
        ("RandomizedSearchCV", "sklearn.model_selection", "RandomizedSearchCV(clf, {}"),
        ("HalvingGridSearchCV", "sklearn.model_selection", "HalvingGridSearchCV(clf, {}"),
        ("HalvingRandomSearchCV", "sklearn.model_selection", "HalvingRandomSearchCV(clf, {}"),
        ("learning_curve", "sklearn.model_selection", "learning_curve(clf, X, y"),
        ("validation_curve", "sklearn.model_selection", "validation_curve(clf, X, y"),
        ("permutation_importance", "sklearn.inspection", "permutation_importance(clf, X, y"),
    ],
)
def test_scoring_accuracy_in_every_consumer(project, run_cli, callee, module, call):
    (project / "a.py").write_text(
        f"{HEAD}from {module} import {callee}\nr = {call}, scoring='accuracy')\n"
    )
    [finding] = _findings(run_cli, "a.py")
    assert f'`scoring="accuracy"` in `{callee}`' in finding["message"]
    assert finding["location"]["row"] == 4
    (project / "a.py").write_text(
        f"{HEAD}from {module} import {callee}\nr = {call}, scoring='f1')\n"
    )
    assert _findings(run_cli, "a.py") == []


@pytest.mark.parametrize(
    "aware",
    [
        "from sklearn.metrics import f1_score as m\nm(y, p)",
        "from sklearn.metrics import fbeta_score\nfbeta_score(y, p, beta=2)",
        "from sklearn.metrics import precision_score\nprecision_score(y, p)",
        "from sklearn.metrics import recall_score\nrecall_score(y, p)",
        "from sklearn.metrics import balanced_accuracy_score\nbalanced_accuracy_score(y, p)",
        "from sklearn import metrics\nmetrics.roc_auc_score(y, s)",
        "from sklearn.metrics import average_precision_score\naverage_precision_score(y, s)",
        "from sklearn.metrics import matthews_corrcoef\nmatthews_corrcoef(y, p)",
        "from sklearn.metrics import cohen_kappa_score\ncohen_kappa_score(y, p)",
        "from sklearn.metrics import classification_report\nprint(classification_report(y, p))",
        "from sklearn.metrics import confusion_matrix\nconfusion_matrix(y, p)",
        "from sklearn.metrics import precision_recall_curve\nprecision_recall_curve(y, s)",
        "from imblearn.metrics import geometric_mean_score\ngeometric_mean_score(y, p)",
        "from imblearn.metrics import classification_report_imbalanced as cri\ncri(y, p)",
        "from sklearn.metrics import make_scorer, f1_score\ns = make_scorer(f1_score)",
        "from sklearn.model_selection import cross_validate\n"
        "cross_validate(clf, X, y, scoring=['accuracy', 'roc_auc'])",
        "from sklearn.model_selection import cross_validate\n"
        "cross_validate(clf, X, y, scoring={'a': 'accuracy', 'ap': 'average_precision'})",
    ],
)
def test_an_imbalance_aware_metric_anywhere_in_the_unit_silences_it(project, run_cli, aware):
    (project / "a.py").write_text(
        f"{HEAD}from sklearn.metrics import accuracy_score\n"
        f"print(accuracy_score(y_te, clf.predict(X_te)))\n{aware}\n"
    )
    assert _findings(run_cli, "a.py") == []


def test_default_score_of_a_classifier_but_not_of_a_regressor(project, run_cli):
    (project / "a.py").write_text(
        "from sklearn.pipeline import make_pipeline\n"
        "from sklearn.preprocessing import StandardScaler\n"
        "from sklearn.linear_model import LogisticRegression, Ridge\n"
        "reg = make_pipeline(StandardScaler(), Ridge()).fit(X, price)\n"
        "print(reg.score(X_te, price_te))\n"
        "lr = make_pipeline(StandardScaler(), LogisticRegression())\n"
        "lr.fit(X, y)\n"
        "print(lr.score(X_te, y_te))\n"
    )
    [finding] = _findings(run_cli, "a.py")
    assert finding["location"]["row"] == 8
    assert "(the default score of `LogisticRegression`) is accuracy" in finding["message"]
    assert "`balanced_accuracy_score(y_te, lr.predict(X_te))`" in finding["suggestion"]


def test_cross_val_score_without_scoring_on_a_classifier(project, run_cli):
    (project / "a.py").write_text(
        "from sklearn.model_selection import cross_val_score\n"
        "from sklearn.naive_bayes import GaussianNB\n"
        "from sklearn.linear_model import Lasso\n"
        "print(cross_val_score(Lasso(), X, y, cv=5))\n"
        "print(cross_val_score(GaussianNB(), X, y, cv=5))\n"
    )
    [finding] = _findings(run_cli, "a.py")
    assert finding["location"]["row"] == 5
    assert "without `scoring=`" in finding["message"]
    assert "class_weight" not in finding["suggestion"]  # GaussianNB takes none


@pytest.mark.parametrize(
    ("metric", "flagged"),
    [
        ('"accuracy"', True),
        ('"acc"', True),
        ("keras.metrics.BinaryAccuracy()", True),
        ("keras.metrics.SparseCategoricalAccuracy(name='a')", True),
        ('"accuracy", keras.metrics.AUC(curve="PR")', False),
        ('"accuracy", keras.metrics.Recall()', False),
        ('"accuracy", f1_m', False),  # a custom metric function: benefit of the doubt
    ],
)
def test_keras_compile_metrics(project, run_cli, metric, flagged):
    (project / "a.py").write_text(
        "from tensorflow import keras\n"
        "model = keras.Sequential([keras.layers.Dense(1, activation='sigmoid')])\n"
        f"model.compile(optimizer='adam', loss='binary_crossentropy', metrics=[{metric}])\n"
    )
    findings = _findings(run_cli, "a.py")
    assert bool(findings) is flagged
    if flagged:
        assert "`compile`" in findings[0]["message"]
        assert "keras.metrics.AUC" in findings[0]["suggestion"]


def test_compile_of_something_that_is_not_keras_is_ignored(project, run_cli):
    (project / "a.py").write_text("import re\nre.compile('x')\nthing.compile(metrics=['acc'])\n")
    assert _findings(run_cli, "a.py") == []


@pytest.mark.parametrize(
    ("code", "flagged"),
    [
        ("torchmetrics.Accuracy(task='binary')", True),
        ("torchmetrics.classification.MulticlassAccuracy(num_classes=3, average='micro')", True),
        ("torchmetrics.classification.MulticlassAccuracy(num_classes=3)", False),  # macro
        ("torchmetrics.Accuracy(task='multiclass', num_classes=3, average='macro')", False),
        ("torchmetrics.functional.accuracy(p, t, task='binary')", True),
    ],
)
def test_torchmetrics_accuracy(project, run_cli, code, flagged):
    (project / "a.py").write_text(
        f"import torchmetrics\nimport torchmetrics.classification\nm = {code}\n"
    )
    assert bool(_findings(run_cli, "a.py")) is flagged


def test_hugging_face_evaluate(project, run_cli):
    (project / "a.py").write_text("import evaluate\nacc = evaluate.load('accuracy')\n")
    [finding] = _findings(run_cli, "a.py")
    assert finding["location"] == {"row": 2, "column": 21}
    (project / "a.py").write_text(
        "import evaluate\nacc = evaluate.load('accuracy')\nf1 = evaluate.load('f1')\n"
    )
    assert _findings(run_cli, "a.py") == []


def test_balanced_benchmark_data_is_not_flagged(project, run_cli):
    (project / "a.py").write_text(
        "from sklearn.datasets import load_digits\nfrom sklearn.metrics import accuracy_score\n"
        "X, y = load_digits(return_X_y=True)\nprint(accuracy_score(y, y))\n"
    )
    assert _findings(run_cli, "a.py") == []


def test_notebook_findings_point_at_cell_and_line(project, run_cli, notebook):
    notebook(
        project / "nb.ipynb",
        [
            ("markdown", "# Churn"),
            "import pandas as pd\nfrom sklearn.svm import SVC\n"
            "from sklearn.metrics import accuracy_score",
            "svm = SVC().fit(X, y)\n\nacc = accuracy_score(y_val, svm.predict(X_val))",
        ],
    )
    [finding] = _findings(run_cli, "nb.ipynb")
    assert (finding["cell"], finding["location"]["row"]) == (3, 3)
    assert "this notebook" in finding["message"]


def test_unsafe_fix_round_trip(project, run_cli):
    path = project / "a.py"
    path.write_text(
        f"{HEAD}from sklearn.metrics import accuracy_score\n"
        "print(accuracy_score(y_te, clf.predict(X_te)))\nprint(clf.score(X_te, y_te))\n"
    )
    assert "Found 2 problems." in run_cli("check", "--select", "IG201", "--fix", "a.py").output
    result = run_cli("check", "--select", "IG201", "--unsafe-fixes", "a.py")
    assert result.exit_code == 0, result.output
    assert "Fixed 2 problems." in result.output
    # the import of accuracy_score, now unused, becomes the one of its replacement
    assert path.read_text() == (
        f"{HEAD}from sklearn.metrics import balanced_accuracy_score\n"
        "print(balanced_accuracy_score(y_te, clf.predict(X_te)))\n"
        "print(balanced_accuracy_score(y_te, clf.predict(X_te)))\n"
    )


def test_explain_has_every_heading(run_cli):
    result = run_cli("explain", "IG201")
    assert result.exit_code == 0
    for heading in (
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
        "## Fix safety",
    ):
        assert heading in result.output


def test_keras_suggestion_uses_the_users_spelling_and_fit_labels(project, run_cli):
    (project / "a.py").write_text(
        "import tensorflow as tf\n"
        "net = tf.keras.Sequential([tf.keras.layers.Dense(1, activation='sigmoid')])\n"
        "net.compile(loss='binary_crossentropy', metrics=['acc'])\n"
        "net.fit(X_tr, y_tr, epochs=3)\n"
    )
    [finding] = _findings(run_cli, "a.py")
    assert "`metrics=['acc', tf.keras.metrics.AUC(curve=\"PR\")," in finding["suggestion"]
    assert "in `net.fit`" in finding["suggestion"]
    assert (
        'compute_class_weight("balanced", classes=np.unique(y_tr), y=y_tr)'
        in (finding["suggestion"])
    )


@pytest.mark.parametrize(
    ("code", "suggested"),
    [
        ("torchmetrics.Accuracy(task='binary')", "`torchmetrics.F1Score(task='binary')`"),
        (
            "torchmetrics.classification.MulticlassAccuracy(num_classes=4, average='micro')",
            '`torchmetrics.classification.MulticlassAccuracy(num_classes=4, average="macro")`',
        ),
    ],
)
def test_torchmetrics_suggestion_keeps_the_users_arguments(project, run_cli, code, suggested):
    (project / "a.py").write_text(
        f"import torchmetrics\nimport torchmetrics.classification\nm = {code}\n"
    )
    [finding] = _findings(run_cli, "a.py")
    assert suggested in finding["suggestion"]


def test_a_score_method_implementing_the_estimator_api_is_not_an_evaluation(project, run_cli):
    (project / "a.py").write_text(
        "from sklearn.base import BaseEstimator, ClassifierMixin\n"
        "from sklearn.metrics import accuracy_score\n"
        "class Majority(BaseEstimator, ClassifierMixin):\n"
        "    def score(self, X, y):\n"
        "        return accuracy_score(y, self.predict(X))\n"
    )
    assert _findings(run_cli, "a.py") == []


def test_files_without_ml_imports_are_skipped(project, run_cli):
    (project / "a.py").write_text("def accuracy_score(a, b):\n    return 1\naccuracy_score(1, 2)\n")
    assert _findings(run_cli, "a.py") == []


def test_normalize_is_dropped_from_the_suggestion_and_no_fix_is_offered(project, run_cli):
    (project / "a.py").write_text(
        f"{HEAD}from sklearn.metrics import accuracy_score\n"
        "n_right = accuracy_score(y_te, clf.predict(X_te), normalize=False)\n"
    )
    [finding] = _findings(run_cli, "a.py")
    assert "`balanced_accuracy_score(y_te, clf.predict(X_te))`" in finding["suggestion"]
    assert finding["fix"] is None


def test_scoring_list_suggestion_extends_the_users_own_list(project, run_cli):
    (project / "a.py").write_text(
        f"{HEAD}from sklearn.model_selection import cross_validate, GridSearchCV\n"
        "cross_validate(clf, X, y, scoring=('accuracy',))\n"
        "GridSearchCV(clf, {}, scoring=['accuracy'])\n"
    )
    first, second = _findings(run_cli, "a.py")
    assert "`scoring=('accuracy', 'balanced_accuracy',)`" in first["suggestion"]
    assert first["fix"] is not None
    assert '`scoring="balanced_accuracy"`' in second["suggestion"]
    assert second["fix"] is None


def test_a_fix_is_built_only_for_a_reported_site(monkeypatch):
    # Placing an import walks the file's imports: a site that is not reported (the file
    # also uses F1, or it is an estimator's own ``score``) must not pay for its fix.
    from imbalance_guard.code.unit import CodeUnit, prepare
    from imbalance_guard.config import Config
    from imbalance_guard.rules.code import ig20_edits, ig201_accuracy_only

    built: list[str] = []
    real = ig20_edits.import_edit

    def counted(unit, module, name, near=None):
        built.append(name)
        return real(unit, module, name, near)

    monkeypatch.setattr(ig20_edits, "import_edit", counted)

    def check(source: str) -> list:
        unit = prepare(CodeUnit("a.py", source, "python", raw_text=source))
        return ig201_accuracy_only.ig_check_code(unit=unit, config=Config())

    body = (
        f"{HEAD}from sklearn.metrics import accuracy_score\n"
        "print(accuracy_score(y_te, clf.predict(X_te)))\nprint(clf.score(X_te, y_te))\n"
    )
    aware = body + "from sklearn.metrics import f1_score\nprint(f1_score(y_te, p))\n"
    assert check(aware) == [] and built == []
    findings = check(body)
    assert len(findings) == 2 and built == ["balanced_accuracy_score"] * 2
    assert all(f.fix is not None and f.fix.edits for f in findings)
