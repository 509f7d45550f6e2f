"""Evaluation facts that respect order and evidence, fragments and loaded models (IG201,
IG202): which data an exemption covers, which evidence decides a target, and what a
name with no import stands for."""

from __future__ import annotations

import ast
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imbalance_guard.code import fragments
from imbalance_guard.code.balanced import equal_counts
from imbalance_guard.code.unit import CodeUnit

FRAUD = (
    "import pandas as pd\n"
    "from sklearn.model_selection import train_test_split\n"
    "from sklearn.linear_model import LogisticRegression\n"
    "from sklearn.metrics import accuracy_score\n"
    "df = pd.read_csv('fraud.csv')\n"
    "X_tr, X_te, y_tr, y_te = train_test_split(df.drop(columns='fraud'), df['fraud'])\n"
    "clf = LogisticRegression().fit(X_tr, y_tr)\n"
    "print(accuracy_score(y_te, clf.predict(X_te)))\n"
)


def _codes(run_cli, project, source: str, name: str = "a.py") -> list[tuple[str, int]]:
    (project / name).write_text(source)
    result = run_cli("check", "--select", "IG2", "--output-format", "json", name)
    assert result.exit_code in (0, 1), result.output
    found = json.loads(result.output)
    assert result.exit_code == (1 if found else 0)
    return sorted((f["code"], f["location"]["row"]) for f in found)


# -- the balanced-data exemption covers values, not files ------------------------------


def test_a_late_digits_demo_does_not_silence_the_fraud_model(project, run_cli):
    source = (
        FRAUD + "from sklearn.datasets import load_digits\n"
        "from sklearn.decomposition import PCA\n"
        "digits = load_digits()\n"
        "print(PCA(2).fit_transform(digits.data).shape)\n"
    )
    assert _codes(run_cli, project, source) == [("IG201", 8), ("IG202", 6)]


def test_evaluations_of_the_digits_themselves_stay_exempt(project, run_cli):
    source = (
        FRAUD + "from sklearn.datasets import load_digits\n"
        "Xd, yd = load_digits(return_X_y=True)\n"
        "a, b, c, d = train_test_split(Xd, yd)\n"
        "m = LogisticRegression().fit(a, c)\n"
        "print(accuracy_score(d, m.predict(b)))\n"
    )
    assert _codes(run_cli, project, source) == [("IG201", 8), ("IG202", 6)]


@pytest.mark.parametrize("name", ["imdb", "mnist", "cifar10", "stanfordnlp/imdb"])
def test_hugging_face_balanced_sets_are_exempt(project, run_cli, name):
    source = (
        "from datasets import load_dataset\n"
        "from sklearn.model_selection import train_test_split\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.metrics import accuracy_score\n"
        f"ds = load_dataset({name!r})\n"
        "X, y = ds['train']['text'], ds['train']['label']\n"
        "X_tr, X_te, y_tr, y_te = train_test_split(X, y)\n"
        "clf = LogisticRegression().fit(X_tr, y_tr)\n"
        "print(accuracy_score(y_te, clf.predict(X_te)))\n"
    )
    assert _codes(run_cli, project, source) == []


def test_another_hugging_face_set_is_not_exempt(project, run_cli):
    source = (
        "from datasets import load_dataset\n"
        "from sklearn.model_selection import train_test_split\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.metrics import accuracy_score\n"
        "ds = load_dataset('creditcard_fraud')\n"
        "X, y = ds['train']['features'], ds['train']['label']\n"
        "X_tr, X_te, y_tr, y_te = train_test_split(X, y)\n"
        "clf = LogisticRegression().fit(X_tr, y_tr)\n"
        "print(accuracy_score(y_te, clf.predict(X_te)))\n"
    )
    assert _codes(run_cli, project, source) == [("IG201", 9), ("IG202", 7)]


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ("[0] * 50 + [1] * 50", []),
        ("[0] * 90 + [1] * 10", [("IG201", 8), ("IG202", 6)]),
        ("['a'] * 30 + ['b'] * 30 + ['c'] * 30", []),
        ("[0] * 50 + [0] * 50", [("IG201", 8), ("IG202", 6)]),  # one class only
    ],
)
def test_hand_built_labels(project, run_cli, labels, expected):
    source = (
        "import numpy as np\n"
        "from sklearn.model_selection import train_test_split\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.metrics import accuracy_score\n"
        f"y = np.array({labels})\n"
        "X_tr, X_te, y_tr, y_te = train_test_split(X, y)\n"
        "clf = LogisticRegression().fit(X_tr, y_tr)\n"
        "print(accuracy_score(y_te, clf.predict(X_te)))\n"
    )
    assert _codes(run_cli, project, source) == expected


@given(st.lists(st.integers(min_value=0, max_value=200), min_size=2, max_size=5))
def test_equal_counts_is_balanced_exactly_when_every_count_is_the_same(counts):
    text = " + ".join(f"[{label}] * {count}" for label, count in enumerate(counts))
    expr = ast.parse(text, mode="eval").body
    assert isinstance(expr, ast.BinOp)
    assert equal_counts(expr) is (len(set(counts)) == 1 and counts[0] > 0)


# -- classifier evidence wins -------------------------------------------------------------


def test_a_classifier_fitted_on_the_target_wins_over_mean_absolute_error(project, run_cli):
    source = (
        "import pandas as pd\n"
        "from sklearn.model_selection import train_test_split\n"
        "from sklearn.ensemble import RandomForestClassifier\n"
        "from sklearn.metrics import mean_absolute_error, mean_squared_error\n"
        "df = pd.read_csv('grades.csv')\n"
        "X_tr, X_te, y_tr, y_te = train_test_split(df.drop(columns='passed'), df['passed'])\n"
        "clf = RandomForestClassifier().fit(X_tr, y_tr)\n"
        "pred = clf.predict(X_te)\n"
        "print(mean_absolute_error(y_te, pred), mean_squared_error(y_te, pred))\n"
    )
    assert _codes(run_cli, project, source) == [("IG202", 6)]


def test_a_regressor_with_mean_absolute_error_stays_a_regression(project, run_cli):
    source = (
        "import pandas as pd\n"
        "from sklearn.model_selection import train_test_split\n"
        "from sklearn.ensemble import RandomForestRegressor\n"
        "from sklearn.metrics import mean_absolute_error\n"
        "df = pd.read_csv('houses.csv')\n"
        "X_tr, X_te, y_tr, y_te = train_test_split(df.drop(columns='price'), df['price'])\n"
        "reg = RandomForestRegressor().fit(X_tr, y_tr)\n"
        "print(mean_absolute_error(y_te, reg.predict(X_te)))\n"
    )
    assert _codes(run_cli, project, source) == []


# -- estimators built step by step, hold-out splits -----------------------------------------

PIPELINE = (
    "import pandas as pd\n"
    "from sklearn.pipeline import Pipeline\n"
    "from sklearn.preprocessing import StandardScaler\n"
    "from sklearn.ensemble import {last}\n"
    "from sklearn.model_selection import cross_val_score\n"
    "df = pd.read_csv('churn.csv')\n"
    "steps = []\n"
    "steps.append(('scale', StandardScaler()))\n"
    "steps.append(('model', {last}()))\n"
    "model = Pipeline(steps)\n"
    "print(cross_val_score(model, df.drop(columns='y'), df['y'], cv=5).mean())\n"
)


def test_a_pipeline_built_with_append_is_a_classifier_when_its_last_step_is(project, run_cli):
    assert _codes(run_cli, project, PIPELINE.format(last="RandomForestClassifier")) == [
        ("IG201", 11)
    ]
    assert _codes(run_cli, project, PIPELINE.format(last="RandomForestRegressor")) == []


HOLDOUT = (
    "import pandas as pd\n"
    "from sklearn.model_selection import {splitter}\n"
    "from sklearn.ensemble import RandomForestClassifier\n"
    "from sklearn.metrics import f1_score\n"
    "df = pd.read_csv('churn.csv')\n"
    "X, y = df.drop(columns='churn'), df['churn']\n"
    "tr, te = next({splitter}(n_splits=1, test_size=0.2).split(X, y))\n"
    "clf = RandomForestClassifier().fit(X.iloc[tr], y.iloc[tr])\n"
    "print(f1_score(y.iloc[te], clf.predict(X.iloc[te])))\n"
)


def test_next_of_a_shuffle_split_is_an_unstratified_holdout(project, run_cli):
    (project / "a.py").write_text(HOLDOUT.format(splitter="ShuffleSplit"))
    result = run_cli("check", "--select", "IG202", "--output-format", "json", "a.py")
    [finding] = json.loads(result.output)
    assert result.exit_code == 1
    assert finding["location"]["row"] == 7
    assert "splits a hold-out set for a classifier without stratification" in finding["message"]
    assert "StratifiedShuffleSplit(n_splits=1, test_size=0.2)" in finding["suggestion"]


def test_next_of_a_stratified_shuffle_split_is_fine(project, run_cli):
    assert _codes(run_cli, project, HOLDOUT.format(splitter="StratifiedShuffleSplit")) == []


def test_a_holdout_nobody_fits_a_classifier_on_is_not_reported(project, run_cli):
    source = HOLDOUT.format(splitter="ShuffleSplit").replace("RandomForestClassifier", "Ridge")
    source = source.replace("sklearn.ensemble", "sklearn.linear_model")
    assert _codes(run_cli, project, source) == []


# -- fragments ------------------------------------------------------------------------------

FRAGMENT = (
    "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)\n"
    "clf = DecisionTreeClassifier()\n"
    "clf.fit(X_train, y_train)\n"
    "print(accuracy_score(y_test, clf.predict(X_test)))\n"
)


def test_a_fragment_without_imports_is_read_at_its_word(project, run_cli):
    assert _codes(run_cli, project, FRAGMENT) == [("IG201", 4), ("IG202", 1)]


def test_xgboost_and_smote_fragments(project, run_cli):
    source = (
        "X_res, y_res = SMOTE().fit_resample(X, y)\n"
        "X_tr, X_te, y_tr, y_te = train_test_split(X_res, y_res)\n"
        "model = XGBClassifier().fit(X_tr, y_tr)\n"
        "print(model.score(X_te, y_te))\n"
    )
    (project / "a.py").write_text(source)
    result = run_cli("check", "--output-format", "json", "a.py")
    found = sorted((f["code"], f["location"]["row"]) for f in json.loads(result.output))
    assert result.exit_code == 1
    assert found == [("IG201", 4), ("IG301", 2)]  # resampled labels: IG301, not IG202


def test_a_user_defined_class_of_the_same_name_wins(project, run_cli):
    source = (
        "class DecisionTreeClassifier:\n"
        "    def fit(self, X, y):\n"
        "        return self\n"
        "    def score(self, X, y):\n"
        "        return 1.0\n"
        "X_train, X_test, y_train, y_test = train_test_split(X, y)\n"
        "clf = DecisionTreeClassifier()\n"
        "clf.fit(X_train, y_train)\n"
        "print(clf.score(X_test, y_test))\n"
    )
    assert _codes(run_cli, project, source) == []


def test_a_name_imported_from_elsewhere_wins(project, run_cli):
    source = "from mylib.metrics import accuracy_score\n" + FRAGMENT
    assert _codes(run_cli, project, source) == [("IG202", 2)]


def test_a_function_defined_later_in_the_file_wins(project, run_cli):
    source = FRAGMENT + "def accuracy_score(a, b):\n    return 0.5\n"
    assert _codes(run_cli, project, source) == [("IG202", 1)]


def test_a_star_import_is_an_import(project, run_cli):
    assert _codes(run_cli, project, "from mytools import *\n" + FRAGMENT) == []


@pytest.mark.parametrize("name", sorted(fragments.GUESSES))
def test_every_guessable_name_passes_the_cheap_first_look(name):
    assert fragments.may_mention(f"m = {name}()\nprint(accuracy_score(y, m.predict(X)))\n")
    assert fragments.may_mention(f"X_tr, X_te = train_test_split({name}.fit(X))\n")
    assert not fragments.may_mention("X_tr, X_te = train_test_split(X, y)\n")  # no fit


def test_the_library_loaded_model_methods_are_what_the_gate_looks_for():
    from imbalance_guard.code import library

    assert all("_proba" in method for method in library.CLASSIFIER_METHODS)


def test_a_file_without_ml_names_is_not_analysed():
    unit = CodeUnit("a.py", "def total(xs):\n    return sum(xs)\n", "python", raw_text="")
    from imbalance_guard.code import library

    assert library.imports_ml(unit) is False
    assert "imports" not in vars(unit)


# -- loaded models ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "evidence",
    [
        "proba = model.predict_proba(X_test)\n",
        "print(accuracy_score(y_test, model.predict(X_test)))\n",
    ],
)
def test_a_loaded_model_shown_to_classify_later_is_a_classifier(project, run_cli, evidence):
    source = (
        "import pickle\n"
        "from sklearn.metrics import accuracy_score\n"
        "with open('model.pkl', 'rb') as fh:\n"
        "    model = pickle.load(fh)\n"
        "print(model.score(X_test, y_test))\n" + evidence
    )
    found = _codes(run_cli, project, source)
    assert ("IG201", 5) in found


def test_a_loaded_model_with_no_evidence_is_not_guessed(project, run_cli):
    source = (
        "import joblib\n"
        "from sklearn.metrics import r2_score\n"
        "model = joblib.load('model.joblib')\n"
        "print(model.score(X_test, y_test))\n"
        "print(r2_score(y_test, model.predict(X_test)))\n"
    )
    assert _codes(run_cli, project, source) == []


@given(
    st.sampled_from(sorted(fragments.GUESSES)),
    st.sampled_from(
        [
            "def {n}(*a, **k):\n    return a\n",
            "class {n}:\n    pass\n",
            "{n} = object\n",
            "from elsewhere import {n}\n",
            "for {n} in []:\n    pass\n",
            "import tools as {n}\n",
        ]
    ),
    st.booleans(),
)
def test_a_name_the_file_binds_anywhere_is_never_guessed(name, binding, before):
    from imbalance_guard.code.flow import analyse_tree

    use = f"m = {name}()\nm.fit(X, y)\n"
    bind = binding.format(n=name)
    flow = analyse_tree(ast.parse(bind + use if before else use + bind))
    callees = {call.callee for call in flow.calls if call.callee}
    assert fragments.GUESSES[name] not in callees


@given(st.sampled_from(sorted(fragments.GUESSES)))
def test_an_unbound_well_known_name_is_guessed(name):
    from imbalance_guard.code.flow import analyse_tree

    flow = analyse_tree(ast.parse(f"m = {name}()\n"))
    assert [call.callee for call in flow.calls] == [fragments.GUESSES[name]]
