"""The labeled corpus of IG201 / IG202 (tests/corpus/metrics): its shape, and the IG202 doc.

A case marks each line where a finding is expected with a trailing comment
``# expect: IG201`` (several codes: ``# expect: IG201, IG202``). In notebooks the
marker is in the cell's source and the position is (cell, line in cell).
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest
from corpus_support import CORPORA, expected, run_corpus
from corpus_support import case_files as files_of

CORPUS = CORPORA / "metrics"
CODES = ("IG201", "IG202")


def case_files() -> list[Path]:
    return files_of(CORPUS)


@pytest.fixture(scope="module")
def outcome() -> tuple[set, set]:
    files = case_files()
    want = set().union(*(expected(p) for p in files))
    return want, run_corpus(files, CODES).found


def test_corpus_is_large_and_mixed():
    files = case_files()
    assert len(files) >= 40
    assert sum(p.suffix == ".ipynb" for p in files) >= 10
    flagged = [p for p in files if expected(p)]
    assert 0.3 < len(flagged) / len(files) < 0.8  # both kinds of case are there


def test_every_case_file_is_checked_and_each_labeled_file_reports():
    files = case_files()
    run = run_corpus(files, CODES)
    assert sorted(run.files_checked) == sorted(p.name for p in files)
    per_file = Counter(k[0] for k in run.found)
    labeled = {p.name for p in files if expected(p)}
    assert set(per_file) == labeled  # every labeled file reports, no unlabeled one does


def _unstratified_sites(path: Path) -> int:
    """Every train_test_split without stratify and every KFold-like splitter of a case."""
    from imbalance_guard.code import fragments
    from imbalance_guard.fix.documents import Document

    kind = "notebook" if path.suffix == ".ipynb" else "python"
    unit = Document.from_bytes(path.read_bytes(), kind).unit(path.name)
    splitters = {"KFold", "RepeatedKFold", "ShuffleSplit"}
    count = 0
    bound = fragments.bound_names(unit.tree)
    for node in ast.walk(unit.tree):
        if not isinstance(node, ast.Call):
            continue
        name = unit.imports.qualify(node.func) or ""
        if not name and isinstance(node.func, ast.Name):  # a fragment without imports
            name = fragments.guess(node.func.id, bound) or ""
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
