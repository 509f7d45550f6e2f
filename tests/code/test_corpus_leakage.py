"""Precision and recall of IG301-IG303 on the labeled corpus (tests/corpus/leakage).

Each case marks every line where a finding is expected with a trailing
``# expect: IG301`` (several: ``# expect: IG301, IG303``); in notebooks the marker is
in the cell, and the position is (cell, line in cell). Files without markers are
correct code that must stay silent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from imbalance_guard.config import Config
from imbalance_guard.plugins import collect_rules, get_plugin_manager
from imbalance_guard.runner import Runner

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "leakage"
CODES = ("IG301", "IG302", "IG303")
FLOOR = 0.95
_EXPECT = re.compile(r"#\s*expect:\s*([A-Z]+\d+(?:\s*,\s*[A-Z]+\d+)*)")

Key = tuple[str, int | None, int, str]  # (file, cell, line, code)


def case_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".py", ".ipynb"))


def _marks(lines: list[str], name: str, cell: int | None) -> set[Key]:
    found: set[Key] = set()
    for number, line in enumerate(lines, start=1):
        match = _EXPECT.search(line)
        if match:
            for code in re.split(r"\s*,\s*", match.group(1)):
                found.add((name, cell, number, code))
    return found


def expected(path: Path) -> set[Key]:
    if path.suffix == ".ipynb":
        document = json.loads(path.read_text(encoding="utf-8"))
        marks: set[Key] = set()
        for index, cell in enumerate(document["cells"], start=1):
            if cell["cell_type"] == "code":
                marks |= _marks("".join(cell["source"]).splitlines(), path.name, index)
        return marks
    return _marks(path.read_text(encoding="utf-8").splitlines(), path.name, None)


def run(paths: list[Path]) -> set[Key]:
    pm = get_plugin_manager(load_entry_points=False)
    rules = collect_rules(pm)
    config = Config()
    config.apply_settings(s for result in pm.hook.ig_settings() for s in result)
    config.select = list(CODES)
    config.select_rules(rules, [r.code for r in rules.values() if r.default_enabled])
    runner = Runner(pm, config, rules)
    report = runner.run(paths)
    assert not runner.errors, runner.errors
    return {
        (Path(f.location.path).name, f.location.cell, f.location.line or 0, f.code)
        for f in report.findings
        if f.code in CODES
    }


@pytest.fixture(scope="module")
def outcome() -> tuple[set[Key], set[Key]]:
    files = case_files()
    want: set[Key] = set().union(*(expected(p) for p in files))
    return want, run(files)


def test_corpus_is_large_and_balanced() -> None:
    files = case_files()
    leaky = [p for p in files if expected(p)]
    notebooks = [p for p in files if p.suffix == ".ipynb"]
    assert len(files) >= 60
    assert len(notebooks) >= 15
    assert 0.35 <= len(leaky) / len(files) <= 0.65
    for code in CODES:
        assert any(code == key[3] for p in files for key in expected(p)), code


@pytest.mark.parametrize("code", CODES)
def test_precision_and_recall(outcome: tuple[set[Key], set[Key]], code: str) -> None:
    want, got = outcome
    want_c = {k for k in want if k[3] == code}
    got_c = {k for k in got if k[3] == code}
    hits = want_c & got_c
    precision = len(hits) / len(got_c) if got_c else 1.0
    recall = len(hits) / len(want_c) if want_c else 1.0
    detail = f"missed: {sorted(want_c - got_c)}\nfalse: {sorted(got_c - want_c)}"
    assert precision >= FLOOR, f"{code} precision {precision:.2f}\n{detail}"
    assert recall >= FLOOR, f"{code} recall {recall:.2f}\n{detail}"
