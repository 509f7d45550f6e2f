"""Precision and recall of every IGD rule over the labeled corpus of Kaggle-style scripts.

``corpus/bad`` holds PyTorch, Keras and Lightning training code with a mistake on each line
marked ``# error: IGDxxx``; ``corpus/good`` holds the corrected and the look-alike code that
must stay silent. Findings are matched on (file, cell, line, code).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from imbalance_guard_deep_learning.plugin import RULE_MODULES

from imbalance_guard.code.unit import load_unit

CODES = [module.RULE.code for module in RULE_MODULES]
FLOOR = 0.95
CORPUS = Path(__file__).parent / "corpus"
MARKER = re.compile(r"#\s*error:\s*([A-Z]+\d+(?:\s*,\s*[A-Z]+\d+)*)")


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in (".py", ".ipynb"))


def expected_findings(path: Path) -> set[tuple[str, int | None, int, str]]:
    """(file, cell, line, code) for every ``# error: CODE`` marker in a corpus file."""
    kind = "notebook" if path.suffix == ".ipynb" else "python"
    unit = load_unit(path, path.name, kind)
    expected = set()
    parts: Iterator[tuple[int | None, str]] = (
        ((cell.index, cell.source) for cell in unit.cells)
        if unit.cells
        else iter([(None, unit.source)])
    )
    for cell, source in parts:
        for number, line in enumerate(source.splitlines(), start=1):
            if match := MARKER.search(line):
                for code in match.group(1).split(","):
                    expected.add((path.name, cell, number, code.strip()))
    return expected


@pytest.fixture(scope="module")
def outcome() -> tuple[set, set]:
    from click.testing import CliRunner

    from imbalance_guard.cli import cli

    result = CliRunner().invoke(
        cli,
        # Files named on the command line are checked even where the project's
        # configuration excludes the corpus (as it does, for its own pre-commit hook).
        ["check", "--select", "IGD", "--output-format", "json", "--exit-zero"]
        + [str(path) for path in corpus_files()],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    reported = {
        (item["filename"].rsplit("/", 1)[-1], item["cell"], item["location"]["row"], item["code"])
        for item in json.loads(result.output)
    }
    expected = set().union(*(expected_findings(path) for path in corpus_files()))
    return reported, expected


def test_the_corpus_is_big_enough_and_labels_every_rule(outcome):
    _, expected = outcome
    files = corpus_files()
    bad = [p for p in files if p.parent.name == "bad"]
    good = [p for p in files if p.parent.name == "good"]
    assert len(bad) >= 15 and len(good) >= 15
    per_rule = Counter(code for *_, code in expected)
    assert all(per_rule[code] >= 3 for code in CODES), per_rule
    assert not any(expected_findings(p) for p in good), "good files carry no markers"


@pytest.mark.parametrize("code", CODES)
def test_precision_and_recall_per_rule(outcome, code):
    reported, expected = outcome
    got = {f for f in reported if f[3] == code}
    want = {f for f in expected if f[3] == code}
    true_positives = got & want
    precision = len(true_positives) / len(got) if got else 1.0
    recall = len(true_positives) / len(want)
    print(f"{code}: precision {precision:.2f} recall {recall:.2f} ({len(want)} labeled)")
    assert precision >= FLOOR, f"false positives: {sorted(got - want)}"
    assert recall >= FLOOR, f"missed: {sorted(want - got)}"


def test_no_finding_in_the_good_files(outcome):
    reported, _ = outcome
    good = {p.name for p in corpus_files() if p.parent.name == "good"}
    assert not [f for f in reported if f[0] in good]
