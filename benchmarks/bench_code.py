"""Speed of the code checks over a large real Python tree, against bare ``ast.parse``.

Runs, over the same files and in the same run:

* ``parse``        — read + ``ast.parse`` of each file, one process: the floor (1.00x);
* ``parse+walk``   — the floor plus one ``ast.walk`` of each tree (what any visitor pays);
* ``parse+flow``   — the floor plus the shared data-flow analysis (``unit.flow``);
* ``IG3 x1``       — only the leakage rules (IG3xx) through ``Runner.check_all``, one process;
* ``check x1``     — every enabled code rule through ``Runner.check_all``, one process;
* ``check pool``   — the same with the worker pool (all available cores);
* ``cli no-cache`` — ``imbalance-guard check`` as a whole process over a copy of the files,
  with ``--no-cache``;
* ``cli cold``     — the same with an empty cache (it checks everything and fills it);
* ``cli warm``     — the same again over unchanged files (answers from the cache);
* ``cli touch 1``  — the same after editing one file (checks that file only).

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
import shutil
import subprocess
import sys
import sysconfig
import tempfile
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


def copy_tree(files: list[Path], roots: list[Path], into: Path) -> Path:
    """Copy ``files`` under ``into`` keeping their paths below their root: the cache rows
    edit a file, and the installed packages must not be touched."""
    for path in files:
        root = next(r for r in roots if path.is_relative_to(r))
        target = into / root.name / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return into


def cli_run(tree: Path, cache: Path, *extra: str) -> None:
    """``imbalance-guard check`` over ``tree`` as a whole process, as a user runs it."""
    command = [
        sys.executable,
        "-m",
        "imbalance_guard",
        "check",
        "--exit-zero",
        "-q",
        "--output-format",
        "concise",
        "--cache-dir",
        str(cache),
        *extra,
        ".",
    ]
    subprocess.run(command, cwd=tree, stdout=subprocess.DEVNULL, check=True)


def touch_one(tree: Path) -> Path:
    """Edit one file (a comment at its end): the next run must check only that file."""
    victim = sorted(tree.rglob("*.py"))[len(list(tree.rglob("*.py"))) // 2]
    with victim.open("a", encoding="utf-8") as handle:
        handle.write(f"\n# touched {time.time_ns()}\n")
    return victim


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
    roots = args.roots or default_roots()
    files = collect(roots, args.limit)
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
    work = Path(tempfile.mkdtemp(prefix="bench_code_"))
    tree, cache = copy_tree(files, roots, work / "tree"), work / "cache"
    rows += [
        ("cli no-cache", lambda: cli_run(tree, cache, "--no-cache")),
        ("cli cold", lambda: (shutil.rmtree(cache, ignore_errors=True), cli_run(tree, cache))),
        ("cli warm", lambda: cli_run(tree, cache)),
        ("cli touch 1", lambda: (touch_one(tree), cli_run(tree, cache))),
    ]
    if hasattr(os, "getloadavg"):
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    floor = None
    print(f"{'':12} {'wall s':>8} {'files/s':>9} {'vs parse':>9} {'cpu s':>8}")
    try:
        for label, job in rows:
            seconds, cpu = timed(job, args.repeat)
            floor = floor or seconds
            print(
                f"{label:12} {seconds:8.2f} {len(files) / seconds:9.0f} "
                f"{seconds / floor:8.2f}x {cpu:8.2f}"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
