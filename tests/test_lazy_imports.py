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
