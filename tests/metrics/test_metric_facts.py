"""The metric rules ask the shared, ordered data-flow analysis (``unit.flow.metric_facts``).

Each case here was answered wrongly while the metric rules ran a second analysis of
their own that counted every binding of a name anywhere in the file.
"""

from __future__ import annotations

import importlib
import json

import pytest

from imbalance_guard.code.unit import CodeUnit


def _findings(run_cli, code: str, path: str = "a.py") -> list[dict]:
    result = run_cli("check", "--select", code, "--output-format", "json", path)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def _unit(source: str) -> CodeUnit:
    return CodeUnit("a.py", source, "python", raw_text=source)


def test_the_second_analysis_is_gone():
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("imbalance_guard.rules.code.ig20_queries")


def test_metric_facts_belong_to_the_flow_and_are_built_once():
    unit = _unit("from sklearn.metrics import accuracy_score\naccuracy_score(y, p)\n")
    facts = unit.flow.metric_facts
    assert facts is unit.flow.metric_facts
    assert facts.flow is unit.flow
    assert [name for _, name in facts.calls] == ["sklearn.metrics.accuracy_score"]
    # nothing is parked on the unit by a rule
    from imbalance_guard.rules.code import ig201_accuracy_only

    ig201_accuracy_only.sites(unit)
    assert not [key for key in vars(unit) if key.startswith("_ig")]


def test_a_scoring_name_counts_as_bound_where_it_is_used(project, run_cli):
    # ``scoring`` held "f1" first and "accuracy" at the cross-validation.
    (project / "a.py").write_text(
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.model_selection import cross_val_score\n"
        "scoring = 'f1'\n"
        "print(scoring)\n"
        "scoring = 'accuracy'\n"
        "cross_val_score(LogisticRegression(), X, y, scoring=scoring)\n"
    )
    [finding] = _findings(run_cli, "IG201")
    assert finding["location"]["row"] == 6
    assert '`scoring="accuracy"` in `cross_val_score`' in finding["message"]


def test_a_scoring_name_bound_to_accuracy_on_one_branch_only_is_not_accuracy(project, run_cli):
    (project / "a.py").write_text(
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.model_selection import cross_val_score\n"
        "scoring = 'accuracy' if fast else 'roc_auc'\n"
        "cross_val_score(LogisticRegression(), X, y, scoring=scoring)\n"
    )
    assert _findings(run_cli, "IG201") == []


def test_a_scoring_list_element_name_is_read_where_the_list_is_built():
    unit = _unit(
        "from sklearn.model_selection import cross_validate\n"
        "metric = 'recall'\n"
        "metric = 'accuracy'\n"
        "cross_validate(clf, X, y, scoring=[metric])\n"
    )
    facts = unit.flow.metric_facts
    [(call, _)] = list(facts.calls_to({"sklearn.model_selection.cross_validate"}))
    element = call.keywords[0].value.elts[0]
    assert facts.constant_string(element) == "accuracy"


def test_a_model_name_rebound_from_regressor_to_classifier_is_scored_as_each(project, run_cli):
    (project / "a.py").write_text(
        "from sklearn.linear_model import LinearRegression, LogisticRegression\n"
        "model = LinearRegression().fit(X, y)\n"
        "print(model.score(X_test, y_test))\n"
        "model = LogisticRegression().fit(X, y)\n"
        "print(model.score(X_test, y_test))\n"
    )
    [finding] = _findings(run_cli, "IG201")
    assert finding["location"]["row"] == 5
    assert "(the default score of `LogisticRegression`)" in finding["message"]


def test_the_class_weight_hint_names_the_model_that_made_these_predictions(project, run_cli):
    # ``pred`` is bound twice: the hint follows the binding that reaches the metric.
    (project / "a.py").write_text(
        "from sklearn.ensemble import GradientBoostingClassifier\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.metrics import accuracy_score\n"
        "pred = GradientBoostingClassifier().fit(X, y).predict(X_test)\n"
        "print(pred)\n"
        "pred = LogisticRegression().fit(X, y).predict(X_test).round()\n"
        "print(accuracy_score(y_test, pred))\n"
    )
    [finding] = _findings(run_cli, "IG201")
    assert (
        'train with `LogisticRegression(..., class_weight="balanced")`' in (finding["suggestion"])
    )


def test_a_split_whose_labels_reach_a_classifier_through_an_encoder_is_flagged(project, run_cli):
    # The file fits a regressor too, so only following the labels' values decides.
    (project / "a.py").write_text(
        "from sklearn.linear_model import LogisticRegression, Ridge\n"
        "from sklearn.model_selection import train_test_split\n"
        "from sklearn.preprocessing import LabelEncoder\n"
        "X_tr, X_te, y_tr, y_te = train_test_split(X, labels)\n"
        "y_tr_enc = LabelEncoder().fit_transform(y_tr)\n"
        "LogisticRegression().fit(X_tr, y_tr_enc)\n"
        "A_tr, A_te, b_tr, b_te = train_test_split(A, prices)\n"
        "Ridge().fit(A_tr, b_tr)\n"
    )
    [finding] = _findings(run_cli, "IG202")
    assert finding["location"]["row"] == 4
    assert "splits the class labels `labels`" in finding["message"]


def test_predictions_do_not_make_the_features_look_like_labels(project, run_cli):
    # ``clf.predict(X_te)`` carries the features' split parts; the target is still y.
    (project / "a.py").write_text(
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.metrics import f1_score\n"
        "from sklearn.model_selection import train_test_split\n"
        "X_tr, X_te, y_tr, y_te = train_test_split(features, target)\n"
        "clf = LogisticRegression().fit(X_tr, y_tr)\n"
        "print(f1_score(y_te, clf.predict(X_te)))\n"
    )
    [finding] = _findings(run_cli, "IG202")
    assert "splits the class labels `target`" in finding["message"]


def test_a_kfold_rebound_after_its_classifier_loop_is_judged_by_its_own_uses(project, run_cli):
    # The second KFold only cross-validates a regressor: every use of the name ``kf``
    # used to count for both bindings.
    (project / "a.py").write_text(
        "from sklearn.linear_model import LogisticRegression, Ridge\n"
        "from sklearn.model_selection import KFold, cross_val_score\n"
        "kf = KFold(5, shuffle=True)\n"
        "cross_val_score(LogisticRegression(), X, y, cv=kf, scoring='f1')\n"
        "kf = KFold(3, shuffle=True)\n"
        "cross_val_score(Ridge(), A, b, cv=kf)\n"
    )
    [finding] = _findings(run_cli, "IG202")
    assert finding["location"]["row"] == 3


def test_a_metric_called_through_a_local_name_is_the_metric(project, run_cli):
    # Callees are named by the flow: ``score_fn`` holds accuracy_score where it is called.
    (project / "a.py").write_text(
        "from sklearn.metrics import accuracy_score\n"
        "score_fn = accuracy_score\n"
        "print(score_fn(y_test, pred))\n"
    )
    [finding] = _findings(run_cli, "IG201")
    assert finding["location"]["row"] == 3
    assert "`score_fn(y_test, pred)`" in finding["message"]


def test_a_local_function_shadowing_an_imported_metric_is_not_that_metric(project, run_cli):
    (project / "a.py").write_text(
        "from sklearn.metrics import accuracy_score\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "def accuracy_score(y, p):\n"
        "    return sum(y == p)\n"
        "print(accuracy_score(y_test, pred))\n"
    )
    assert _findings(run_cli, "IG201") == []
