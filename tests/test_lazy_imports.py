"""Checking code must not import the heavy data stack: pre-commit runs it on every commit."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pandas", "pyarrow", "pandera", "sklearn", "numpy", "polars", "duckdb")

PROBE = """
import json, sys
from imbalance_guard.cli import main
sys.argv = ["imbalance-guard", "check", *sys.argv[1:]]
try:
    main()
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def run_probe(cwd, *args):
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=cwd, check=False
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_checking_python_and_notebooks_imports_no_heavy_module(project, notebook):
    (project / "train.py").write_text(
        "from imblearn.over_sampling import SMOTE\n"
        "from sklearn.model_selection import train_test_split\n"
        "X_res, y_res = SMOTE().fit_resample(X, y)\n"
        "X_train, X_test, y_train, y_test = train_test_split(X_res, y_res)\n"
        "from sklearn.metrics import accuracy_score\n"
        "print(accuracy_score(y_test, model.predict(X_test)))\n"
    )
    notebook(project / "nb.ipynb", ["import pandas as pd", "df = pd.read_csv('x.csv')"])
    result = run_probe(project, "train.py", "nb.ipynb")
    assert result["code"] in (0, 1)
    loaded = {m.split(".")[0] for m in result["modules"]}
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
    # Control: the same probe in the same project sees the heavy stack when a run
    # needs it (a dataset), so the empty intersection above is not a blind probe.
    (project / "labels.csv").write_text("feature,label\n1,a\n2,b\n3,a\n4,b\n")
    control = run_probe(project, "labels.csv")
    assert control["code"] in (0, 1)
    assert {m.split(".")[0] for m in control["modules"]} & set(HEAVY)  # the reader's engine


def test_checking_a_dataset_does_not_load_the_code_analysis(project):
    # Dataset-only runs (the data pre-commit hook) should not pay for the data-flow analysis.
    (project / "labels.csv").write_text("feature,label\n1,a\n2,b\n3,a\n4,b\n")
    result = run_probe(project, "labels.csv")
    assert result["code"] in (0, 1)
    assert "imbalance_guard.code.flow" not in result["modules"]
    assert "duckdb" in {m.split(".")[0] for m in result["modules"]}  # the probe sees imports


#: A pre-commit run on one ``.py`` file pays for Python start-up on every commit: the
#: modules below serve datasets, notebooks or fixes, and must stay out of that run.
NOT_FOR_ONE_PYTHON_FILE = (
    "imbalance_guard.data.advice",
    "imbalance_guard.data.chart",
    "imbalance_guard.data.profile",
    "imbalance_guard.data.splits",
    "imbalance_guard.data.verdicts",
    "imbalance_guard.code.notebook",
    "imbalance_guard.code.recovery",  # only a file with a syntax error
    "csv",
    "gzip",
)

ONE_FILE = (
    "import pandas as pd\n"
    "from imblearn.over_sampling import SMOTE\n"
    "from sklearn.model_selection import train_test_split\n"
    "df = pd.read_csv('data.csv')\n"  # a linked dataset that does not exist
    "X, y = df.drop(columns='label'), df['label']\n"
    "X_res, y_res = SMOTE().fit_resample(X, y)\n"
    "X_train, X_test, y_train, y_test = train_test_split(X_res, y_res)\n"
    "from sklearn.ensemble import RandomForestClassifier\n"
    "from sklearn.metrics import accuracy_score\n"
    "model = RandomForestClassifier().fit(X_train, y_train)\n"
    "print(accuracy_score(y_test, model.predict(X_test)))\n"
)


def test_checking_one_python_file_loads_only_the_code_path(project):
    (project / "train.py").write_text(ONE_FILE)
    result = run_probe(project, "--no-cache", "train.py")
    assert result["code"] == 1  # IG301, IG201: the probe ran the rules
    loaded = set(result["modules"]) & set(NOT_FOR_ONE_PYTHON_FILE)
    assert not loaded, sorted(loaded)
    # The edits of fixes are built for findings; a clean file does not load them.
    (project / "train.py").write_text(
        ONE_FILE.replace("X_res, y_res)", "X, y, stratify=y)").replace("accuracy_score", "f1_score")
    )
    clean = run_probe(project, "--no-cache", "train.py")
    assert clean["code"] == 0
    assert "imbalance_guard.fix.imports" not in clean["modules"]


def test_the_dataset_side_loads_when_a_dataset_is_checked(project):
    # Control for the test above: the same probe sees these modules when a run needs them.
    (project / "labels.csv").write_text("feature,label\n" + "1,a\n" * 30 + "2,b\n")
    result = run_probe(project, "--no-cache", "labels.csv")
    assert result["code"] == 1  # IG101 / IG102
    modules = set(result["modules"])
    assert {"imbalance_guard.data.advice", "imbalance_guard.data.verdicts"} <= modules
    assert "imbalance_guard.data.profile" in modules
