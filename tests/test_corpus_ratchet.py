"""The labeled corpora as a ratchet: every case keeps its recorded result, scores only rise.

``tests/corpus/results/<corpus>.json`` records, per case, the labeled findings it
produces, the labeled ones it misses and the unlabeled ones it reports. A case whose
result differs fails its own test (the case's name is in the test id), whether it got
worse or better: rewrite the records with ``python tests/corpus_support.py --update``
in the same commit and say why. Per-rule precision and recall are derived from the
results, printed in the session summary, and may not fall below the recorded floors.
"""

from __future__ import annotations

import pytest
from corpus_support import (
    CODES,
    CORPORA,
    case_files,
    current_results,
    fixable,
    load_results,
    run_corpus,
    scores,
)

CASES = [(corpus, path.name) for corpus in CODES for path in case_files(CORPORA / corpus)]


@pytest.fixture(scope="module")
def current() -> dict[str, dict]:
    return {corpus: current_results(corpus) for corpus in CODES}


@pytest.fixture(scope="module")
def recorded() -> dict[str, dict]:
    return {corpus: load_results(corpus) for corpus in CODES}


@pytest.mark.parametrize(("corpus", "case"), CASES, ids=[f"{c}/{n}" for c, n in CASES])
def test_case_keeps_its_recorded_result(current, recorded, corpus, case):
    was = recorded[corpus]["cases"].get(case)
    now = current[corpus][case]
    assert was is not None, f"{corpus}/{case} has no recorded result: run --update"
    assert now == was, (
        f"{corpus}/{case} changed: recorded {was}, now {now}; if on purpose, "
        "run `python tests/corpus_support.py --update` and say why in the commit"
    )


@pytest.mark.parametrize("corpus", CODES)
def test_no_record_outlives_its_case(recorded, corpus):
    names = {p.name for p in case_files(CORPORA / corpus)}
    assert sorted(set(recorded[corpus]["cases"]) - names) == []


@pytest.mark.parametrize("corpus", CODES)
def test_scores_never_fall_below_their_floors(current, recorded, corpus, record_property):
    table = scores(current[corpus], CODES[corpus])
    floors = recorded[corpus]["floors"]
    assert set(floors) == set(CODES[corpus])
    for code, row in table.items():
        record_property(
            "corpus-score",
            f"{corpus} {code}: precision {row['precision']:.4f} "
            f"(floor {floors[code]['precision']:.4f}), recall {row['recall']:.4f} "
            f"(floor {floors[code]['recall']:.4f}), {row['labeled']} labeled",
        )
    for code, row in table.items():
        for measure in ("precision", "recall"):
            assert row[measure] >= floors[code][measure], (
                f"{corpus} {code} {measure} fell to {row[measure]:.4f}, "
                f"below its floor {floors[code][measure]:.4f}"
            )
        assert row["labeled"] >= 3, f"{code} has too few labeled cases to score"


@pytest.mark.parametrize("corpus", CODES)
def test_findings_offer_a_fix_exactly_where_the_labels_say(corpus):
    """``# expect: IG202 fix`` labels a fix; a plain ``# expect: IG202`` labels none."""
    files = case_files(CORPORA / corpus)
    run = run_corpus(files, CODES[corpus])
    labeled = set().union(*(fixable(p) for p in files))
    assert sorted(run.with_fix - labeled, key=str) == [], "fix offered, not labeled"
    assert sorted(labeled - run.with_fix, key=str) == [], "labeled fix not offered"
