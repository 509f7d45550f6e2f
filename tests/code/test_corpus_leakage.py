"""The labeled corpus of IG203 and IG301-IG303 (tests/corpus/leakage): its shape.

Each case marks every line where a finding is expected with a trailing
``# expect: IG301`` (several: ``# expect: IG301, IG303``); in notebooks the marker is
in the cell, and the position is (cell, line in cell). Files without markers are
correct code that must stay silent. Each case's result and the rules' precision and
recall are held by the ratchet in tests/test_corpus_ratchet.py.
"""

from __future__ import annotations

from pathlib import Path

from corpus_support import CORPORA, expected
from corpus_support import case_files as files_of

CORPUS = CORPORA / "leakage"
CODES = ("IG203", "IG301", "IG302", "IG303")


def case_files() -> list[Path]:
    return files_of(CORPUS)


def test_corpus_is_large_and_balanced() -> None:
    files = case_files()
    leaky = [p for p in files if expected(p)]
    notebooks = [p for p in files if p.suffix == ".ipynb"]
    assert len(files) >= 60
    assert len(notebooks) >= 15
    assert 0.35 <= len(leaky) / len(files) <= 0.65
    for code in CODES:
        assert any(code == key[3] for p in files for key in expected(p)), code
