"""The IG202 safety line: where the counts prove ``stratify=y`` cannot raise, scikit-learn
agrees (checked against the real ``train_test_split``)."""

from __future__ import annotations

import ast
import warnings

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from imbalance_guard.rules.code.ig202_split_without_stratify import split_sizes

np = pytest.importorskip("numpy")
model_selection = pytest.importorskip("sklearn.model_selection")


def proven(counts: list[int], test: object, train: object) -> bool:
    def expr(value: object) -> ast.expr | None:
        return None if value is None else ast.Constant(value)

    sizes = split_sizes(sum(counts), expr(test), expr(train))
    if sizes is None or min(counts) < 2 or len(counts) < 2:
        return False
    return min(sizes) >= len(counts)


sizes = st.one_of(
    st.none(),
    st.floats(min_value=0.0, max_value=1.0, allow_nan=False),
    st.integers(min_value=-2, max_value=60),
)


@given(
    counts=st.lists(st.integers(min_value=1, max_value=25), min_size=2, max_size=6),
    test=sizes,
    train=sizes,
)
@example(counts=[2, 2], test=0.5, train=0.625)  # fractions over the whole: sklearn raises
def test_a_proven_split_never_raises(counts: list[int], test: object, train: object) -> None:
    if not proven(counts, test, train):
        return
    y = np.repeat(np.arange(len(counts)), counts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parts = model_selection.train_test_split(
            y, test_size=test, train_size=train, stratify=y, random_state=0
        )
    assert len(parts) == 2


def test_the_examples_on_both_sides_of_the_line() -> None:
    assert proven([970, 30], 0.2, None)
    assert not proven([15, 4, 1], 0.25, None)  # a class of one row
    assert not proven([970, 30], 0.001, None)  # a test part of 1 row for 2 classes
    assert not proven([970, 30], 1.0, None)  # invalid test_size: sklearn raises anyway
    assert proven([3, 3], None, None)  # 0.25 of 6 -> 2 test rows, 4 train rows
    assert not proven([2, 2], None, None)  # 1 test row for 2 classes
    assert not proven([50, 50], 0.5, 0.625)  # test and train fractions add up to 1.125
