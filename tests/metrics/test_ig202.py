"""IG202 split-without-stratify: when a split is a classification split, and its fixes."""

from __future__ import annotations

import json

import pytest

CLASSIFIER = (
    "from sklearn.model_selection import train_test_split\n"
    "from sklearn.linear_model import LogisticRegression\n"
)


def _findings(run_cli, path: str) -> list[dict]:
    result = run_cli("check", "--select", "IG202", "--output-format", "json", path)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def test_split_feeding_a_classifier_gets_a_safe_stratify_fix(project, run_cli):
    path = project / "a.py"
    path.write_text(
        CLASSIFIER + "X_tr, X_te, y_tr, y_te = train_test_split(X, df['label'], test_size=0.2)\n"
        "LogisticRegression().fit(X_tr, y_tr)\n"
    )
    [finding] = _findings(run_cli, "a.py")
    assert finding["location"] == {"row": 3, "column": 26}
    assert "splits the class labels `df['label']` without `stratify=`" in finding["message"]
    assert (
        "`train_test_split(X, df['label'], test_size=0.2, stratify=df['label'])`"
        in finding["suggestion"]
    )
    assert finding["fix"]["applicability"] == "safe"
    result = run_cli("check", "--select", "IG202", "--fix", "a.py")
    assert result.exit_code == 0 and "Fixed 1 problem." in result.output
    assert "train_test_split(X, df['label'], test_size=0.2, stratify=df['label'])\n" in (
        path.read_text()
    )


def test_stratify_none_is_replaced(project, run_cli):
    path = project / "a.py"
    path.write_text(
        CLASSIFIER + "a, b, c, d = train_test_split(X, y, stratify=None)\n"
        "LogisticRegression().fit(a, c)\n"
    )
    assert run_cli("check", "--select", "IG202", "--fix", "a.py").exit_code == 0
    assert "train_test_split(X, y, stratify=y)" in path.read_text()


@pytest.mark.parametrize(
    "split",
    [
        "a, b, c, d = train_test_split(X, y, stratify=y)",
        "a, b, c, d = train_test_split(X, y, shuffle=False)",  # time order
        "tr, te = train_test_split(df, test_size=0.2)",  # target column unknown
        "a, b, c, d = train_test_split(X, y, **opts)",  # may carry stratify
    ],
)
def test_not_flagged(project, run_cli, split):
    (project / "a.py").write_text(CLASSIFIER + split + "\nLogisticRegression().fit(X, y)\n")
    assert _findings(run_cli, "a.py") == []


def test_regression_split_is_not_flagged_even_beside_a_classifier(project, run_cli):
    (project / "a.py").write_text(
        CLASSIFIER + "from sklearn.ensemble import GradientBoostingRegressor\n"
        "a, b, price_tr, price_te = train_test_split(X, price)\n"
        "GradientBoostingRegressor().fit(a, price_tr)\n"
        "c, d, churn_tr, churn_te = train_test_split(X, churn)\n"
        "LogisticRegression().fit(c, churn_tr)\n"
    )
    [finding] = _findings(run_cli, "a.py")
    assert finding["location"]["row"] == 6


def test_target_with_side_effects_gets_no_fix(project, run_cli):
    (project / "a.py").write_text(
        CLASSIFIER
        + "a, b, c, d = train_test_split(df, df.pop('y'))\nLogisticRegression().fit(a, c)\n"
    )
    [finding] = _findings(run_cli, "a.py")
    assert finding["fix"] is None
    assert "stratify=df.pop('y')" in finding["suggestion"]


def test_validation_split_of_the_training_part(project, run_cli):
    (project / "a.py").write_text(
        CLASSIFIER + "Xa, Xt, ya, yt = train_test_split(X, y, stratify=y)\n"
        "Xb, Xv, yb, yv = train_test_split(Xa, ya)\n"
        "LogisticRegression().fit(Xb, yb)\n"
    )
    [finding] = _findings(run_cli, "a.py")
    assert finding["location"]["row"] == 4
    assert "stratify=ya" in finding["suggestion"]


def test_kfold_passed_as_cv_gets_an_unsafe_stratified_fix(project, run_cli):
    path = project / "a.py"
    path.write_text(
        "from sklearn.model_selection import KFold, cross_val_score\n"
        "from sklearn.svm import SVC\n"
        "kf = KFold(5, shuffle=True)\n"
        "print(cross_val_score(SVC(), X, y, cv=kf, scoring='f1'))\n"
    )
    [finding] = _findings(run_cli, "a.py")
    assert (
        "`KFold(5, shuffle=True)` cross-validates `SVC` without stratification"
        in (finding["message"])
    )
    assert "`StratifiedKFold(5, shuffle=True)`" in finding["suggestion"]
    assert finding["fix"]["applicability"] == "unsafe"
    assert run_cli("check", "--select", "IG202", "--fix", "a.py").exit_code == 1  # unsafe: no
    assert run_cli("check", "--select", "IG202", "--unsafe-fixes", "a.py").exit_code == 0
    assert path.read_text() == (
        "from sklearn.model_selection import KFold, cross_val_score\n"
        "from sklearn.model_selection import StratifiedKFold\n"
        "from sklearn.svm import SVC\n"
        "kf = StratifiedKFold(5, shuffle=True)\n"
        "print(cross_val_score(SVC(), X, y, cv=kf, scoring='f1'))\n"
    )


def test_kfold_loop_around_a_classifier_is_flagged_without_fix(project, run_cli):
    (project / "a.py").write_text(
        "import sklearn.model_selection as ms\nfrom xgboost import XGBClassifier\n"
        "folds = ms.KFold(n_splits=5)\n"
        "for i, (tr, va) in enumerate(folds.split(X)):\n"
        "    m = XGBClassifier()\n"
        "    m.fit(X[tr], y[tr])\n"
    )
    [finding] = _findings(run_cli, "a.py")
    assert finding["fix"] is None
    assert "pass the labels to `.split(X, y)`" in finding["suggestion"]


def test_kfold_for_regression_or_encoding_is_not_flagged(project, run_cli):
    (project / "a.py").write_text(
        "from sklearn.model_selection import KFold, cross_val_score\n"
        "from sklearn.linear_model import Ridge\n"
        "kf = KFold(5)\n"
        "cross_val_score(Ridge(), X, y, cv=kf)\n"
        "for tr, va in kf.split(X):\n"
        "    enc[va] = X[tr].mean()\n"
    )
    assert _findings(run_cli, "a.py") == []


def test_kfold_around_a_pipeline_bound_after_a_regressor_is_flagged(project, run_cli):
    # The name held a regressor first; at the cross-validation it holds a classifier
    # pipeline, which the flow knows (every binding of the name used to count).
    (project / "a.py").write_text(
        "from sklearn.linear_model import LinearRegression, LogisticRegression\n"
        "from sklearn.model_selection import KFold, cross_val_score\n"
        "from sklearn.pipeline import make_pipeline\n"
        "from sklearn.preprocessing import StandardScaler\n"
        "model = LinearRegression()\n"
        "print(model)\n"
        "model = make_pipeline(StandardScaler(), LogisticRegression())\n"
        "scores = cross_val_score(model, X, y, cv=KFold(5), scoring='f1')\n"
    )
    [finding] = _findings(run_cli, "a.py")
    assert finding["location"]["row"] == 8
    # the pipeline's final estimator, as bound at this use
    assert "cross-validates `LogisticRegression` without stratification" in finding["message"]


def test_kfold_around_a_regressor_pipeline_is_not_flagged(project, run_cli):
    (project / "a.py").write_text(
        "from sklearn.linear_model import LogisticRegression, Ridge\n"
        "from sklearn.model_selection import GridSearchCV, KFold\n"
        "from sklearn.pipeline import make_pipeline\n"
        "from sklearn.preprocessing import StandardScaler\n"
        "model = LogisticRegression()\n"
        "print(model)\n"
        "model = GridSearchCV(make_pipeline(StandardScaler(), Ridge()), {}, cv=KFold(5))\n"
        "model.fit(X, y)\n"
    )
    assert _findings(run_cli, "a.py") == []


def test_kfold_around_a_loaded_classifier_is_flagged(project, run_cli):
    (project / "a.py").write_text(
        "import joblib\n"
        "from sklearn.model_selection import KFold, cross_val_score\n"
        "clf = joblib.load('model.joblib')\n"
        "scores = cross_val_score(clf, X, y, cv=KFold(5), scoring='f1')\n"
    )
    [finding] = _findings(run_cli, "a.py")
    assert finding["location"]["row"] == 4


def test_kfold_around_an_unknown_loaded_model_is_not_flagged(project, run_cli):
    (project / "a.py").write_text(
        "import joblib\n"
        "from sklearn.model_selection import KFold, cross_val_score\n"
        "model = joblib.load('model.joblib')\n"
        "scores = cross_val_score(model, X, y, cv=KFold(5))\n"
    )
    assert _findings(run_cli, "a.py") == []


def test_attribute_spelling_fix(project, run_cli):
    path = project / "a.py"
    path.write_text(
        "import sklearn.model_selection as ms\nfrom sklearn.svm import SVC\n"
        "ms.cross_validate(SVC(), X, y, cv=ms.KFold(3), scoring='recall')\n"
    )
    assert run_cli("check", "--select", "IG202", "--unsafe-fixes", "a.py").exit_code == 0
    assert "cv=ms.StratifiedKFold(3)" in path.read_text()


def test_notebook_fix_keeps_outputs(project, run_cli):
    path = project / "nb.ipynb"
    document = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": 1,
                "metadata": {"id": "c1"},
                "outputs": [{"output_type": "stream", "name": "stdout", "text": ["ok\n"]}],
                "source": [
                    "from sklearn.model_selection import train_test_split\n",
                    "from sklearn.tree import DecisionTreeClassifier",
                ],
            },
            {
                "cell_type": "code",
                "execution_count": 2,
                "metadata": {},
                "outputs": [
                    {
                        "output_type": "execute_result",
                        "execution_count": 2,
                        "data": {"text/plain": ["(80, 20)"]},
                        "metadata": {},
                    }
                ],
                "source": [
                    "X_tr, X_te, y_tr, y_te = train_test_split(X, y)\n",
                    "DecisionTreeClassifier().fit(X_tr, y_tr)",
                ],
            },
        ],
        "metadata": {"kernelspec": {"name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(document, indent=1) + "\n")
    result = run_cli("check", "--select", "IG202", "--fix", "nb.ipynb")
    assert result.exit_code == 0, result.output
    fixed = json.loads(path.read_text())
    assert fixed["cells"][1]["source"][0] == (
        "X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y)\n"
    )
    fixed["cells"][1]["source"] = document["cells"][1]["source"]
    assert fixed == document


def test_kfold_loop_that_already_passes_labels_gets_the_fix(project, run_cli):
    path = project / "a.py"
    path.write_text(
        "from sklearn.model_selection import KFold\nfrom sklearn.svm import SVC\n"
        "kf = KFold(5, shuffle=True, random_state=0)\n"
        "for tr, va in kf.split(X, y):\n"
        "    SVC().fit(X[tr], y[tr])\n"
    )
    [finding] = _findings(run_cli, "a.py")
    assert finding["fix"]["applicability"] == "unsafe"
    assert ".split(X, y)" not in finding["suggestion"]
    assert run_cli("check", "--select", "IG202", "--unsafe-fixes", "a.py").exit_code == 0
    assert "kf = StratifiedKFold(5, shuffle=True, random_state=0)\n" in path.read_text()
