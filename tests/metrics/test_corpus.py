"""Precision and recall of IG201 / IG202 on the labeled corpus (tests/corpus/metrics).

A case marks each line where a finding is expected with a trailing comment
``# expect: IG201`` (several codes: ``# expect: IG201, IG202``). In notebooks the
marker is in the cell's source and the position is (cell, line in cell).
"""

from __future__ import annotations

import ast
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from imbalance_guard.config import Config
from imbalance_guard.plugins import collect_rules, get_plugin_manager
from imbalance_guard.runner import Runner

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "metrics"
_EXPECT = re.compile(r"#\s*expect:\s*([A-Z]+\d+(?:\s*,\s*[A-Z]+\d+)*)")

Key = tuple[str, int | None, int, str]  # (file name, cell, line, code)


def case_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".py", ".ipynb"))


def _marks(lines: list[str], name: str, cell: int | None) -> set[Key]:
    out = set()
    for number, line in enumerate(lines, start=1):
        match = _EXPECT.search(line)
        if match:
            for code in re.split(r"\s*,\s*", match.group(1)):
                out.add((name, cell, number, code))
    return out


def expected(path: Path) -> set[Key]:
    if path.suffix == ".ipynb":
        document = json.loads(path.read_text(encoding="utf-8"))
        marks: set[Key] = set()
        for index, cell in enumerate(document["cells"], start=1):
            if cell["cell_type"] == "code":
                source = "".join(cell["source"])
                marks |= _marks(source.splitlines(), path.name, index)
        return marks
    return _marks(path.read_text(encoding="utf-8").splitlines(), path.name, None)


CODES = ("IG201", "IG202")
FLOOR = 0.95


def _run(paths: list[Path]) -> set[tuple]:
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
        (Path(f.location.path).name, f.location.cell, f.location.line, f.code)
        for f in report.findings
        if f.code in CODES
    }


@pytest.fixture(scope="module")
def outcome() -> tuple[set, set]:
    files = case_files()
    want = set().union(*(expected(p) for p in files))
    return want, _run(files)


def test_corpus_is_large_and_mixed():
    files = case_files()
    assert len(files) >= 40
    assert sum(p.suffix == ".ipynb" for p in files) >= 10
    flagged = [p for p in files if expected(p)]
    assert 0.3 < len(flagged) / len(files) < 0.8  # both kinds of case are there


@pytest.mark.parametrize("code", CODES)
def test_precision_and_recall(outcome, code):
    want, got = outcome
    want = {k for k in want if k[3] == code}
    got = {k for k in got if k[3] == code}
    true_positives = len(want & got)
    precision = true_positives / len(got) if got else 1.0
    recall = true_positives / len(want) if want else 1.0
    detail = f"\nmissed: {sorted(want - got, key=str)}\nfalse alarms: {sorted(got - want, key=str)}"
    assert precision >= FLOOR, f"{code} precision {precision:.3f}{detail}"
    assert recall >= FLOOR, f"{code} recall {recall:.3f}{detail}"


def test_every_case_file_is_checked(outcome):
    _, got = outcome
    per_file = Counter(k[0] for k in got)
    assert set(per_file) <= {p.name for p in case_files()}


def _unstratified_sites(path: Path) -> int:
    """Every train_test_split without stratify and every KFold-like splitter of a case."""
    from imbalance_guard.fix.documents import Document

    kind = "notebook" if path.suffix == ".ipynb" else "python"
    unit = Document.from_bytes(path.read_bytes(), kind).unit(path.name)
    splitters = {"KFold", "RepeatedKFold", "ShuffleSplit"}
    count = 0
    for node in ast.walk(unit.tree):
        if not isinstance(node, ast.Call):
            continue
        name = unit.imports.qualify(node.func) or ""
        stratify = next((k.value for k in node.keywords if k.arg == "stratify"), None)
        unstratified = stratify is None or (
            isinstance(stratify, ast.Constant) and stratify.value is None
        )
        is_split = name.endswith(".train_test_split") and unstratified
        is_kfold = name.startswith("sklearn.") and name.rpartition(".")[2] in splitters
        count += is_split or is_kfold
    return count


def test_ig202_documentation_quotes_the_measured_false_positive_rate(outcome):
    """The on-by-default decision in `explain IG202` rests on figures from this corpus."""
    from imbalance_guard.rules.code.ig202_split_without_stratify import RULE

    want, got = outcome
    files = case_files()
    sites = sum(_unstratified_sites(p) for p in files)
    flagged = len({k for k in want if k[3] == "IG202"})
    right_as_is = sites - flagged
    false_alarms = len({k for k in got if k[3] == "IG202"} - want)
    doc = " ".join(RULE.doc.split())
    assert f"tests/corpus/metrics, {len(files)} scripts and notebooks" in doc
    assert f"The corpus holds {sites} unstratified" in doc
    assert f"{right_as_is} of them are right as they are" in doc
    assert f"wrong {right_as_is} times in {sites} ({right_as_is / sites:.0%})" in doc
    assert f"reports the other {flagged} and none of the {right_as_is}" in doc
    assert false_alarms == 0
