"""Class counts merged batch by batch equal a plain count of every row (differential)."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from imbalance_guard.data.classes import ClassTally

LABELS = st.lists(st.one_of(st.none(), st.integers(-3, 3)), max_size=300)


@settings(max_examples=200, deadline=None)
@given(
    labels=LABELS,
    cuts=st.lists(st.integers(0, 300), max_size=6),
    kind=st.sampled_from(["int", "string"]),
)
def test_merged_batches_count_every_row(labels, cuts, kind):
    tally = ClassTally("y", kind, max_classes=100)
    bounds = sorted({0, len(labels), *(c for c in cuts if c <= len(labels))})
    for start, end in pairwise(bounds):
        batch = Counter(
            label if label is None or kind == "int" else str(label) for label in labels[start:end]
        )
        tally.add(list(batch), list(batch.values()))
    profile = tally.finish()
    reference = Counter(str(label) for label in labels if label is not None)
    assert profile.counts == dict(reference)
    assert profile.missing == labels.count(None)
    assert profile.rows == len(labels)  # the last row, and every other, is counted
    assert list(profile.counts.values()) == sorted(profile.counts.values(), reverse=True)
