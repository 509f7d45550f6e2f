"""Time per file on the labeled corpus: median and worst, against a bare ``ast.parse``.

Every script and notebook of ``tests/corpus/{leakage,metrics}`` and the projects under
``tests/corpus/projects`` is checked on its own, in one process, with every built-in rule and
no cache (best of ``--repeat`` runs per file), beside ``ast.parse`` of the same text measured
in the same run. A file's time includes reading it, its analysis and every rule, and for a
project file the imported project modules (memoised per process after their first read, as
in a real run: the first file of a project pays for its modules).

    python benchmarks/bench_corpus.py            # --repeat 5
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import json
import statistics
import time
from pathlib import Path

from imbalance_guard.config import Config
from imbalance_guard.run import build_run

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"


def corpus_files() -> list[Path]:
    files = [
        path
        for folder in ("leakage", "metrics", "projects")
        for path in sorted((CORPUS / folder).rglob("*"))
        if path.suffix in (".py", ".ipynb") and path.is_file()
    ]
    return [path for path in files if "__pycache__" not in path.parts]


def parse_time(path: Path) -> float:
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        source = "\n".join(
            "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            for cell in cells
            if cell.get("cell_type") == "code"
        )
    else:
        source = path.read_text(encoding="utf-8")
    start = time.perf_counter()
    with contextlib.suppress(SyntaxError):  # magics and deliberately broken cells
        ast.parse(source)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="best of N runs per file")
    options = parser.parse_args()
    run = build_run(config=Config(), load_entry_points=False)
    rows = []
    for path in corpus_files():
        best = parse = float("inf")
        for _ in range(options.repeat):
            runner = run.runner(cache=False)
            start = time.perf_counter()
            runner.run([path])
            best = min(best, time.perf_counter() - start)
            parse = min(parse, parse_time(path))
        rows.append((best, parse, path.relative_to(CORPUS)))
    times = [row[0] for row in rows]
    worst = max(rows)
    print(f"{len(rows)} corpus files, best of {options.repeat} runs each, one process")
    print(f"median  {statistics.median(times) * 1000:7.2f} ms per file")
    shown = f"{worst[2]}; its ast.parse {worst[1] * 1000:.2f} ms"
    print(f"worst   {worst[0] * 1000:7.2f} ms  ({shown})")
    print(f"total   {sum(times):7.2f} s, against {sum(r[1] for r in rows):.3f} s of ast.parse")


if __name__ == "__main__":
    main()
