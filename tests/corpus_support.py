"""Scoring the labeled corpora (tests/corpus/*): expected markers against reported findings.

A case marks each line where a finding is expected with a trailing comment
``# expect: IG301`` (several codes: ``# expect: IG301, IG303``). In notebooks the
marker is in the cell's source and the position is (cell, line in cell). Files
without markers are correct code that must stay silent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from imbalance_guard.config import Config
from imbalance_guard.plugins import collect_rules, get_plugin_manager
from imbalance_guard.runner import Runner

CORPORA = Path(__file__).resolve().parent / "corpus"
FLOOR = 0.95
_EXPECT = re.compile(r"#\s*expect:\s*([A-Z]+\d+(?:\s*,\s*[A-Z]+\d+)*)")

Key = tuple[str, int | None, int, str]  # (file name, cell, line, code)


def case_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.suffix in (".py", ".ipynb"))


def _marks(lines: list[str], name: str, cell: int | None) -> set[Key]:
    found: set[Key] = set()
    for number, line in enumerate(lines, start=1):
        match = _EXPECT.search(line)
        if match:
            for code in re.split(r"\s*,\s*", match.group(1)):
                found.add((name, cell, number, code))
    return found


def expected(path: Path) -> set[Key]:
    """Every ``# expect:`` marker of one case file."""
    if path.suffix == ".ipynb":
        document = json.loads(path.read_text(encoding="utf-8"))
        marks: set[Key] = set()
        for index, cell in enumerate(document["cells"], start=1):
            if cell["cell_type"] == "code":
                marks |= _marks("".join(cell["source"]).splitlines(), path.name, index)
        return marks
    return _marks(path.read_text(encoding="utf-8").splitlines(), path.name, None)


def reported(paths: list[Path], codes: Iterable[str]) -> set[Key]:
    """What the built-in plugins report for ``codes`` only, through the real runner."""
    codes = tuple(codes)
    pm = get_plugin_manager(load_entry_points=False)
    rules = collect_rules(pm)
    config = Config()
    config.apply_settings(s for result in pm.hook.ig_settings() for s in result)
    config.select = list(codes)
    config.select_rules(rules, [r.code for r in rules.values() if r.default_enabled])
    runner = Runner(pm, config, rules)
    report = runner.run(paths)
    assert not runner.errors, runner.errors
    return {
        (Path(f.location.path).name, f.location.cell, f.location.line or 0, f.code)
        for f in report.findings
        if f.code in codes
    }


def score(want: set[Key], got: set[Key], code: str) -> tuple[float, float, str]:
    """Precision, recall and a listing of the misses and false alarms for one code."""
    want = {k for k in want if k[3] == code}
    got = {k for k in got if k[3] == code}
    hits = len(want & got)
    precision = hits / len(got) if got else 1.0
    recall = hits / len(want) if want else 1.0
    detail = f"\nmissed: {sorted(want - got, key=str)}\nfalse alarms: {sorted(got - want, key=str)}"
    return precision, recall, detail
