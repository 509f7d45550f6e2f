"""A file without deep learning pays for this plugin's declarations only, not its analysis.

Every run registers the plugin (one substring test per file decides whether its rules run);
the rules' helper modules are loaded on first use, so a plain scikit-learn file, the common
case of a pre-commit run, never executes them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HELPERS = ("_common", "_objects", "_metrics", "_models", "_keras")

PROBE = """
import json, sys, types
from imbalance_guard.cli import main
sys.argv = ["imbalance-guard", "check", "--no-cache", "--output-format", "concise", sys.argv[1]]
try:
    main()
except SystemExit as exit:
    code = exit.code
name = "imbalance_guard_deep_learning."
# A module loaded on first use is in sys.modules before it runs; once it has run it is
# a plain module (importlib.util.LazyLoader's contract).
executed = sorted(
    m for m, v in sys.modules.items() if m.startswith(name) and type(v) is types.ModuleType
)
print(json.dumps({"code": code, "executed": executed}))
"""


#: A PyTorch file IGD101 reports on line 5 (an unweighted loss).
TORCH_FILE = (
    "import torch\nfrom torch import nn\n\n"
    "model = nn.Linear(30, 1)\ncriterion = nn.BCEWithLogitsLoss()\n"
)


def probe(cwd: Path, path: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, path], capture_output=True, text=True, cwd=cwd, check=False
    )
    return json.loads(out.stdout.strip().splitlines()[-1]) | {"stdout": out.stdout}


def test_a_file_without_a_framework_does_not_run_the_helpers(tmp_path):
    (tmp_path / "train.py").write_text(
        "from sklearn.linear_model import LogisticRegression\n"
        "model = LogisticRegression().fit(X, y)\n"
    )
    result = probe(tmp_path, "train.py")
    assert result["code"] == 0
    assert "imbalance_guard_deep_learning.plugin" in result["executed"]  # registered
    ran = [h for h in HELPERS if f"imbalance_guard_deep_learning.{h}" in result["executed"]]
    assert ran == []


def test_a_torch_file_loads_them_and_is_checked(tmp_path):
    # Control: the same probe sees the helpers run, and the rules find what they find.
    (tmp_path / "train.py").write_text(TORCH_FILE)
    result = probe(tmp_path, "train.py")
    assert result["code"] == 1
    assert "IGD101" in result["stdout"]
    assert "imbalance_guard_deep_learning._common" in result["executed"]


LOADED = """
import json, sys, types
import imbalance_guard_deep_learning.plugin
from imbalance_guard_deep_learning._lazy import load_helpers
load_helpers()
print(json.dumps(sorted(
    m for m, v in sys.modules.items()
    if m.startswith("imbalance_guard_deep_learning.") and type(v) is types.ModuleType
)))
"""


def test_every_helper_taken_lazily_is_run_by_load_helpers():
    from imbalance_guard_deep_learning import _lazy

    package = Path(_lazy.__file__).parent
    taken = {
        line.split('lazy_module("')[1].split('"')[0]
        for path in package.rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if 'lazy_module("' in line
    }
    assert taken == {f"imbalance_guard_deep_learning.{h}" for h in HELPERS}
    out = subprocess.run([sys.executable, "-c", LOADED], capture_output=True, text=True, check=True)
    assert taken <= set(json.loads(out.stdout.strip().splitlines()[-1]))


THREADS = """
import json, sys, threading, types
from pathlib import Path
from imbalance_guard.code.unit import load_unit
from imbalance_guard.run import build_run
from imbalance_guard_deep_learning import plugin

path = Path(sys.argv[1])
config = build_run(cwd=path.parent).config
start, results = threading.Barrier(8), []

def check():
    unit = load_unit(path, path.name, "python")
    start.wait()  # every thread reaches the plugin's first framework file at once
    results.append(sorted((f.code, f.location.line) for f in plugin.ig_check_code(unit, config)))

threads = [threading.Thread(target=check) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
lazy = [m for m, v in sys.modules.items()
        if m.startswith("imbalance_guard_deep_learning.") and type(v) is not types.ModuleType]
print(json.dumps({"results": results, "still_lazy": lazy}))
"""


def test_threads_checking_their_first_framework_file_at_once_agree(tmp_path):
    (tmp_path / "train.py").write_text(TORCH_FILE)
    out = subprocess.run(
        [sys.executable, "-c", THREADS, str(tmp_path / "train.py")],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    )  # fmt: skip
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert len(result["results"]) == 8
    assert all(found == result["results"][0] for found in result["results"])
    assert [code for code, _ in result["results"][0]] == ["IGD101"]
    assert result["still_lazy"] == []
