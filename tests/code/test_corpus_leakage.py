"""Precision and recall of IG301-IG303 on the labeled corpus (tests/corpus/leakage).

Each case marks every line where a finding is expected with a trailing
``# expect: IG301`` (several: ``# expect: IG301, IG303``); in notebooks the marker is
in the cell, and the position is (cell, line in cell). Files without markers are
correct code that must stay silent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_support import CORPORA, FLOOR, Key, expected, reported, score
from corpus_support import case_files as files_of

CORPUS = CORPORA / "leakage"
CODES = ("IG301", "IG302", "IG303")


def case_files() -> list[Path]:
    return files_of(CORPUS)


@pytest.fixture(scope="module")
def outcome() -> tuple[set[Key], set[Key]]:
    files = case_files()
    want: set[Key] = set().union(*(expected(p) for p in files))
    return want, reported(files, CODES)


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
    precision, recall, detail = score(*outcome, code)
    assert precision >= FLOOR, f"{code} precision {precision:.2f}{detail}"
    assert recall >= FLOOR, f"{code} recall {recall:.2f}{detail}"
