"""Speed of the code checks over a large real Python tree, against bare ``ast.parse``.

Runs, over the same files and in the same run:

* ``parse``        — read + ``ast.parse`` of each file, one process: the floor (1.00x);
* ``parse+walk``   — the floor plus one ``ast.walk`` of each tree (what any visitor pays);
* ``parse+flow``   — the floor plus the shared data-flow analysis (``unit.flow``);
* ``IG3 x1``       — only the leakage rules (IG3xx) through ``Runner.check_all``, one process;
* ``check x1``     — every enabled code rule through ``Runner.check_all``, one process;
* ``check pool``   — the same with the worker pool (all available cores).

and prints wall time, files per second, the ratio to the floor and the CPU time
(this process and its workers) for each. The default tree is
the installed sources of scikit-learn and pandas::

    python benchmarks/bench_code.py [--limit 800] [--repeat 1] [ROOT ...]

``--limit N`` takes every k-th file so that N files remain (the whole tree when 0).
Ratios, not absolute times, are what compare across machines.
"""

from __future__ import annotations

import argparse
import ast
import gc
import os
import sys
import sysconfig
import time
from pathlib import Path

from imbalance_guard.code.unit import CodeUnit, decode_python
from imbalance_guard.config import Config
from imbalance_guard.discover import Target
from imbalance_guard.run import build_run
from imbalance_guard.runner import Runner


def default_roots() -> list[Path]:
    site = Path(sysconfig.get_paths()["purelib"])
    return [site / "sklearn", site / "pandas"]


def collect(roots: list[Path], limit: int) -> list[Path]:
    files = sorted(p for root in roots for p in root.rglob("*.py") if p.is_file())
    if limit and len(files) > limit:
        step = len(files) / limit
        files = [files[int(i * step)] for i in range(limit)]
    return files


def bare_parse(files: list[Path]) -> None:
    for path in files:
        try:  # noqa: SIM105 - the floor must stay as bare as it can be
            ast.parse(path.read_bytes())
        except (SyntaxError, ValueError):
            pass


def parse_and_walk(files: list[Path]) -> None:
    for path in files:
        try:
            tree = ast.parse(path.read_bytes())
        except (SyntaxError, ValueError):
            continue
        for _ in ast.walk(tree):
            pass


def parse_and_flow(files: list[Path]) -> None:
    for path in files:
        try:
            source, _ = decode_python(path.read_bytes())
            unit = CodeUnit(str(path), source, "python")
            unit.flow  # noqa: B018 - the measured work
        except Exception:  # the floor skips unparsable files too
            continue


def make_runner(jobs: int | None, select: list[str] | None = None) -> Runner:
    run = build_run(config=Config(), load_entry_points=False, select=select)
    runner = run.runner(cache=False)
    runner.jobs = jobs
    return runner


def check(files: list[Path], jobs: int | None, select: list[str] | None = None) -> int:
    runner = make_runner(jobs, select)
    targets = [Target(path, str(path), "python") for path in files]
    return sum(len(outcome.findings) for outcome in runner.check_all(targets))


def _cpu() -> float:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(work, repeat: int) -> tuple[float, float]:
    """Best wall time of ``repeat`` runs, and the CPU time (this process and its
    workers) of that run: on a loaded machine the pool's wall time shows the cores
    actually free, its CPU time that the work is the same."""
    best = (float("inf"), 0.0)
    for _ in range(repeat):
        gc.collect()
        cpu = _cpu()
        start = time.perf_counter()
        work()
        best = min(best, (time.perf_counter() - start, _cpu() - cpu))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roots", nargs="*", type=Path)
    parser.add_argument("--limit", type=int, default=800, help="files to use (0: all)")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per row")
    args = parser.parse_args(argv)
    files = collect(args.roots or default_roots(), args.limit)
    if not files:
        print("no Python files found", file=sys.stderr)
        return 2
    size = sum(p.stat().st_size for p in files) / 1e6
    print(f"{len(files)} files, {size:.1f} MB, Python {sys.version.split()[0]}")
    rows = [
        ("parse", lambda: bare_parse(files)),
        ("parse+walk", lambda: parse_and_walk(files)),
        ("parse+flow", lambda: parse_and_flow(files)),
        ("IG3 x1", lambda: check(files, 1, ["IG3"])),
        ("check x1", lambda: check(files, 1)),
        ("check pool", lambda: check(files, None)),
    ]
    if hasattr(os, "getloadavg"):
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    floor = None
    print(f"{'':12} {'wall s':>8} {'files/s':>9} {'vs parse':>9} {'cpu s':>8}")
    for label, work in rows:
        seconds, cpu = timed(work, args.repeat)
        floor = floor or seconds
        print(
            f"{label:12} {seconds:8.2f} {len(files) / seconds:9.0f} "
            f"{seconds / floor:8.2f}x {cpu:8.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
