"""Start-up cost of checking one small Python file: what a pre-commit hook pays per commit.

Prints the median wall time of ``imbalance-guard check small.py`` beside the floor
measured in the same run, ``python -c "import click, pluggy"`` (the two libraries the
CLI cannot do without), and the modules imported on that path beyond the floor. The
check runs twice per round: with ``--no-cache`` (a file staged for the first time) and
with the cache (the same file again: answered from ``.imbalance_guard_cache``).

    python benchmarks/bench_startup.py [--runs 21]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SMALL = """\
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score

df = pd.read_csv("data.csv")
X, y = df.drop(columns="label"), df["label"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)
X_res, y_res = SMOTE().fit_resample(X_train, y_train)
"""

MODULES = """
import json, sys
from imbalance_guard.cli import main
sys.argv = ["imbalance-guard", "check", sys.argv[1]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


def median_time(command: list[str], runs: int, cwd: Path) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def precompile() -> None:
    """Write bytecode as ``pip install`` does, even under PYTHONDONTWRITEBYTECODE.

    An editable checkout run with that variable set recompiles every module on every
    start, which measures the environment, not the tool.
    """
    import compileall
    import importlib.util

    for name in ("imbalance_guard", "imbalance_guard_deep_learning", "click", "pluggy"):
        spec = importlib.util.find_spec(name)
        if spec and spec.submodule_search_locations:
            for location in spec.submodule_search_locations:
                compileall.compile_dir(location, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    precompile()
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        (cwd / "small.py").write_text(SMALL)
        floor_cmd = [sys.executable, "-c", "import click, pluggy"]
        tool_cmd = [sys.executable, "-m", "imbalance_guard", "check", "--no-cache", "small.py"]
        cached_cmd = [sys.executable, "-m", "imbalance_guard", "check", "small.py"]
        for command in (cached_cmd, tool_cmd):  # fills the cache; a broken check is not timed
            checked = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
            if checked.returncode != 0 or "All checks passed" not in checked.stdout:
                sys.exit(f"{' '.join(command[2:])} failed:\n{checked.stdout}{checked.stderr}")
        # Interleave so drift on a shared machine hits all alike.
        floor, tool, cached = [], [], []
        for _ in range(args.runs):
            floor.append(median_time(floor_cmd, 1, cwd))
            tool.append(median_time(tool_cmd, 1, cwd))
            cached.append(median_time(cached_cmd, 1, cwd))
        floor_median, tool_median = statistics.median(floor), statistics.median(tool)
        cached_median = statistics.median(cached)
        out = subprocess.run(
            [sys.executable, "-c", MODULES, "small.py"],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=True,
        )
        modules = json.loads(out.stdout.strip().splitlines()[-1])
        floor_probe = "import json, sys, click, pluggy; print(json.dumps(sorted(sys.modules)))"
        base = subprocess.run(
            [sys.executable, "-c", floor_probe], capture_output=True, text=True, check=True
        )
        floor_modules = set(json.loads(base.stdout))
    print(f"runs: {args.runs} each, interleaved")
    print(f"floor  python -c 'import click, pluggy' : {floor_median * 1000:7.1f} ms")
    print(
        f"check --no-cache small.py               : {tool_median * 1000:7.1f} ms"
        f"  {tool_median / floor_median:5.2f}x"
    )
    print(
        f"check small.py (answered from the cache): {cached_median * 1000:7.1f} ms"
        f"  {cached_median / floor_median:5.2f}x"
    )
    extra = sorted(m for m in set(modules) - floor_modules if not m.startswith("_"))
    top = sorted({m.split(".")[0] for m in extra})
    print(f"modules beyond the floor ({len(extra)}; top-level: {len(top)}):")
    print("  " + ", ".join(top))
    heavy = [m for m in ("pandas", "pyarrow", "pandera", "sklearn", "numpy") if m in modules]
    print(f"heavy modules imported: {heavy or 'none'}")


if __name__ == "__main__":
    main()
