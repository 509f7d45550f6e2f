"""What the deep-learning plugin adds to checking code, against floors measured in the same run.

For each file of a tree: the floor is a bare ``ast.parse``; the core pays the parse plus
the shared data-flow analysis (``unit.flow``), which every code rule shares; the plugin
adds its five rules on top. The ratios printed are the plugin's own time over the bare
parse, and over parse + analysis. Two trees: the plugin's labeled corpus (every file is
deep-learning code, nothing is skipped) and a large real Python tree (scikit-learn's
sources by default: mostly code the plugin skips after one substring test).

    python plugins/imbalance-guard-deep-learning/benchmarks/bench_plugin.py [--tree DIR]
"""

from __future__ import annotations

import argparse
import ast
import time
from pathlib import Path

from imbalance_guard_deep_learning import plugin

from imbalance_guard.code.unit import CodeUnit, UnreadableCode, load_unit
from imbalance_guard.config import Config

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"


def files_of(tree: Path) -> list[Path]:
    return sorted(p for p in tree.rglob("*") if p.suffix in (".py", ".ipynb"))


def units_of(files: list[Path]) -> list[CodeUnit]:
    units = []
    for path in files:
        kind = "notebook" if path.suffix == ".ipynb" else "python"
        try:
            units.append(load_unit(path, str(path), kind))
        except UnreadableCode:
            continue
    return units


def fresh(unit: CodeUnit) -> CodeUnit:
    return CodeUnit(unit.path, unit.source, unit.kind, cells=unit.cells)


def measure(units: list[CodeUnit], repeat: int) -> dict[str, float]:
    config = Config(enabled_codes=frozenset(rule.code for rule in plugin.ig_rules()))
    best = {"parse": float("inf"), "analysis": float("inf"), "plugin": float("inf")}
    findings = 0
    for _ in range(repeat):
        copies = [fresh(u) for u in units]
        start = time.perf_counter()
        for unit in copies:
            ast.parse(unit.source)
        parse = time.perf_counter() - start

        start = time.perf_counter()
        for unit in copies:
            unit.flow  # noqa: B018 - parses (cached) and analyses, as the core does
        analysis = time.perf_counter() - start

        start = time.perf_counter()
        findings = sum(len(plugin.ig_check_code(unit=unit, config=config)) for unit in copies)
        spent = time.perf_counter() - start
        best = {
            "parse": min(best["parse"], parse),
            "analysis": min(best["analysis"], analysis),
            "plugin": min(best["plugin"], spent),
        }
    best["findings"] = findings
    return best


def report(name: str, units: list[CodeUnit], repeat: int) -> None:
    result = measure(units, repeat)
    parse, analysis, own = result["parse"], result["analysis"], result["plugin"]
    print(f"{name}: {len(units)} files, {int(result['findings'])} findings")
    print(f"  bare ast.parse            {parse * 1000:9.1f} ms  (floor, 1.00x)")
    print(f"  parse + shared analysis   {analysis * 1000:9.1f} ms  ({analysis / parse:.2f}x parse)")
    print(
        f"  plugin's five rules       {own * 1000:9.1f} ms  ({own / parse:.2f}x parse, "
        f"{own / (parse + analysis):.2f}x parse + analysis)"
    )


def main() -> None:
    import sklearn  # only to locate a large real tree; never imported by the plugin

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=Path(sklearn.__file__).parent)
    parser.add_argument("--repeat", type=int, default=1, help="runs over the tree (best kept)")
    args = parser.parse_args()
    report("labeled corpus (all deep-learning code)", units_of(files_of(CORPUS)), 20)
    report(f"real tree {args.tree}", units_of(files_of(args.tree)), args.repeat)


if __name__ == "__main__":
    main()
