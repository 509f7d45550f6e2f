"""IG301-IG303 through the CLI: messages in the user's names, suggestions, fix, exit status."""

from __future__ import annotations

import json

import pytest

from imbalance_guard.plugins import collect_rules, get_plugin_manager

LEAKY = """\
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split

df = pd.read_csv("x.csv")
X, y = df.drop("t", axis=1), df.t
X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_res, y_res)
model.fit(X_train, y_train)
"""


def test_resample_before_split_names_the_users_variables(project, run_cli):
    (project / "train.py").write_text(LEAKY)
    result = run_cli("check", "train.py")
    assert result.exit_code == 1
    assert (
        "train.py:8:36: IG301 `X_res` was resampled by SMOTE at line 7 and reaches "
        "`train_test_split` at line 8" in result.output
    )
    # the suggestion is the corrected code, with the user's names and arguments
    assert "(replace line 8):" in result.output
    assert "X_train, X_test, y_train, y_test = train_test_split(X, y)\n" in result.output
    assert "X_train, y_train = SMOTE(random_state=0).fit_resample(X_train, y_train)" in (
        result.output
    )


def test_correct_order_is_silent(project, run_cli):
    (project / "train.py").write_text(
        LEAKY.replace(
            "X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)\n"
            "X_train, X_test, y_train, y_test = train_test_split(X_res, y_res)\n",
            "X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)\n"
            "X_res, y_res = SMOTE().fit_resample(X_train, y_train)\n",
        )
    )
    result = run_cli("check", "train.py", "--select", "IG3")
    assert result.exit_code == 0, result.output


def test_notebook_messages_say_cell_and_line(project, run_cli, notebook):
    notebook(
        project / "nb.ipynb",
        [
            ("markdown", "# Fraud"),
            "%matplotlib inline\nfrom imblearn.over_sampling import SMOTE\n"
            "from sklearn.model_selection import cross_val_score",
            "sm = SMOTE()\nXs, ys = sm.fit_resample(X, y)",
            "cross_val_score(clf, Xs, ys, cv=5)",
        ],
    )
    result = run_cli("check", "nb.ipynb", "--select", "IG301", "--output-format", "json")
    (finding,) = json.loads(result.output)
    assert finding["code"] == "IG301"
    assert finding["cell"] == 4 and finding["location"]["row"] == 1
    assert finding["message"] == (
        "`Xs` was resampled by SMOTE at cell 3, line 2 and reaches `cross_val_score` "
        "at cell 4, line 1"
    )
    assert 'Pipeline([("sampler", sm), ("model", clf)])' in finding["suggestion"]


def test_resampling_test_data(project, run_cli):
    (project / "t.py").write_text(
        "from imblearn.under_sampling import NearMiss\n"
        "from sklearn.model_selection import train_test_split\n"
        "X_train, X_test, y_train, y_test = train_test_split(X, y)\n"
        "X_test_nm, y_test_nm = NearMiss().fit_resample(X_test, y_test)\n"
    )
    result = run_cli("check", "t.py", "--select", "IG302")
    assert (
        "t.py:4:24: IG302 `X_test` is the test part of the split by `train_test_split` at "
        "line 3 and is resampled by NearMiss at line 4" in result.output
    )
    # pasted over line 4, the names the rest of the code uses hold the real test data
    assert "resample only the training part with `NearMiss()` (replace line 4):" in (result.output)
    assert "    X_test_nm, y_test_nm = X_test, y_test\n" in result.output


@pytest.mark.parametrize(
    ("imports", "fixed"),
    [
        ("from sklearn.pipeline import Pipeline", "from imblearn.pipeline import Pipeline"),
        (
            # imports not sorted: the new line goes beside the one it came from
            "from sklearn.pipeline import Pipeline as P, FeatureUnion",
            "from sklearn.pipeline import FeatureUnion\n"
            "from imblearn.pipeline import Pipeline as P",
        ),
    ],
)
def test_sampler_in_sklearn_pipeline_is_fixed_by_the_import(project, run_cli, imports, fixed):
    name = "P" if " as P" in imports else "Pipeline"
    source = (
        f"{imports}\nfrom imblearn.over_sampling import SMOTE\n"
        f"pipe = {name}([('smote', SMOTE()), ('clf', clf)])\n"
    )
    (project / "p.py").write_text(source)
    first = run_cli("check", "p.py", "--select", "IG303")
    assert first.exit_code == 1
    assert "p.py:3:8: IG303 [*] SMOTE is a step of scikit-learn's" in first.output
    fixed_run = run_cli("check", "p.py", "--select", "IG303", "--fix")
    assert fixed_run.exit_code == 0, fixed_run.output
    assert (project / "p.py").read_text().startswith(fixed + "\n")
    compile((project / "p.py").read_text(), "p.py", "exec")


def test_module_import_gets_no_automatic_fix(project, run_cli):
    (project / "p.py").write_text(
        "import sklearn.pipeline as skp\nfrom imblearn.over_sampling import SMOTE\n"
        "pipe = skp.make_pipeline(SMOTE(), clf)\n"
    )
    result = run_cli("check", "p.py", "--select", "IG303")
    assert "IG303 SMOTE is a step of scikit-learn's `skp.make_pipeline`" in result.output
    assert "[*]" not in result.output


def test_notebook_fix_edits_the_import_cell(project, run_cli, notebook):
    path = notebook(
        project / "nb.ipynb",
        [
            "from sklearn.pipeline import make_pipeline\nfrom imblearn.over_sampling import ADASYN",
            "model = make_pipeline(ADASYN(), clf)",
        ],
    )
    assert run_cli("check", "nb.ipynb", "--select", "IG303", "--fix").exit_code == 0
    cells = json.loads(path.read_text())["cells"]
    assert "".join(cells[0]["source"]).startswith("from imblearn.pipeline import make_pipeline")
    assert "".join(cells[1]["source"]) == "model = make_pipeline(ADASYN(), clf)"


def test_rules_are_documented_with_the_required_headings():
    rules = collect_rules(get_plugin_manager(load_entry_points=False))
    for code in ("IG301", "IG302", "IG303"):
        doc = rules[code].doc
        for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
            assert heading in doc, (code, heading)
    assert "## Fix safety" in rules["IG303"].doc
