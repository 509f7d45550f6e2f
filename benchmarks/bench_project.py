"""The price of project-wide analysis for a one-file run (a pre-commit hook's).

Checks the notebook of ``tests/corpus/projects/fraud`` as pre-commit would (one file,
``--no-cache``), in its project (its imports are read, parsed and analysed) and as a copy
in an empty folder (the same text; its imports resolve to nothing), alternating the two,
and prints the median wall time of each and their difference. Run it as

    .venv/bin/python benchmarks/bench_project.py [runs]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "tests" / "corpus" / "projects" / "fraud" / "notebooks" / "fraud_analysis.ipynb"


def _time(path: Path) -> float:
    command = [sys.executable, "-m", "imbalance_guard", "check", "--no-cache", "-q", str(path)]
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False, cwd=path.parent)
    return time.perf_counter() - start


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / ".git").mkdir()  # a project of its own, holding nothing to import
        alone = Path(shutil.copy(NOTEBOOK, folder))
        with_imports: list[float] = []
        without: list[float] = []
        for _ in range(runs):
            with_imports.append(_time(NOTEBOOK))
            without.append(_time(alone))
    a, b = statistics.median(with_imports), statistics.median(without)
    print(f"one-file run, imports read:     median {a * 1000:.1f} ms over {runs} runs")
    print(f"one-file run, nothing imported: median {b * 1000:.1f} ms over {runs} runs")
    print(f"difference: {(a - b) * 1000:+.1f} ms ({a / b:.3f}x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
