"""The pure advice module: numbers checked against scikit-learn, texts from the real counts."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.utils.class_weight import compute_class_weight

from imbalance_guard.data import advice
from imbalance_guard.data.profile import LabelProfile


def profile(counts: dict[str, int], missing: int = 0, dtype: str = "int64") -> LabelProfile:
    ordered = dict(sorted(counts.items(), key=lambda kv: -kv[1]))
    return LabelProfile("y", ordered, sum(counts.values()) + missing, missing, dtype)


@settings(deadline=None, max_examples=60)
@given(
    st.dictionaries(st.integers(0, 30).map(str), st.integers(1, 10_000), min_size=1, max_size=12)
)
def test_balanced_weights_equal_scikit_learn(counts):
    y = np.concatenate([np.full(c, int(k)) for k, c in counts.items()])
    classes = np.unique(y)
    expected = compute_class_weight("balanced", classes=classes, y=y)
    ours = advice.balanced_class_weights(counts)
    assert ours.keys() == {str(c) for c in classes}
    for cls, weight in zip(classes, expected, strict=True):
        assert ours[str(cls)] == pytest.approx(weight, rel=1e-12)


def test_weights_literal_is_a_ready_dict_matching_scikit_learn():
    p = profile({"0": 1960, "1": 40})
    text = advice.weights_literal(p)
    assert text == "{0: 0.5102, 1: 25.0}"
    weights = eval(text)  # it is meant to be pasted as code
    y = np.array([0] * 1960 + [1] * 40)
    expected = compute_class_weight("balanced", classes=np.array([0, 1]), y=y)
    assert weights[0] == pytest.approx(expected[0], abs=1e-4)
    assert weights[1] == pytest.approx(expected[1], abs=1e-4)


def test_weights_literal_quotes_text_classes_and_keeps_booleans():
    assert advice.weights_literal(profile({"yes": 10, "no": 30}, dtype="string")) == (
        "{'no': 0.6667, 'yes': 2.0}"
    )
    assert advice.weights_literal(profile({"False": 90, "True": 10}, dtype="bool")) == (
        "{False: 0.5556, True: 5.0}"
    )


@pytest.mark.parametrize(("minority", "can"), [(5, False), (6, True), (1, False), (500, True)])
def test_smote_needs_k_neighbors_plus_one_rows(minority, can):
    assert advice.smote_can_run(minority) is can
    verdict = advice.skewed_labels(profile({"0": 100_000, "1": minority}))
    assert verdict is not None
    if can:
        assert "SMOTE(k_neighbors=5) can run" in verdict.suggestion
    else:
        assert "SMOTE(k_neighbors=5) cannot run" in verdict.suggestion
        assert "RandomOverSampler" in verdict.suggestion


def test_skew_message_gives_every_count_and_share_and_the_remedies():
    verdict = advice.skewed_labels(profile({"0": 9700, "1": 250, "2": 50}))
    assert verdict is not None and verdict.code == "IG101"
    assert "0: 9,700 (97%)" in verdict.message
    assert "1: 250 (2.5%)" in verdict.message
    assert "2: 50 (0.5%)" in verdict.message
    assert "194:1" in verdict.message
    assert "classes 1, 2 are" in verdict.message
    assert "stratify=y" in verdict.suggestion
    for metric in ("F1", "PR AUC", "balanced accuracy"):
        assert metric in verdict.suggestion
    assert verdict.data["skewed_classes"] == ["1", "2"]


def test_ratio_at_the_threshold_is_not_skewed():
    assert advice.skewed_labels(profile({"a": 100, "b": 10}), 10) is None
    assert advice.skewed_labels(profile({"a": 101, "b": 10}), 10) is not None


def test_rare_class_threshold_and_fold_advice():
    assert advice.rare_classes(profile({"a": 100, "b": 6})) is None
    verdict = advice.rare_classes(profile({"a": 100, "b": 3}))
    assert verdict is not None
    assert verdict.message.startswith("`y`: 1 class has fewer than 6 rows ('b': 3); ")
    assert "StratifiedKFold(n_splits=3) at most" in verdict.suggestion
    assert "SMOTE(k_neighbors=2) at most" in verdict.suggestion


def test_single_class_and_missing_labels():
    assert advice.single_class(profile({"0": 5})) is not None
    assert advice.single_class(profile({"0": 5, "1": 5})) is None
    verdict = advice.missing_labels(profile({"0": 90, "1": 9}, missing=1))
    assert verdict is not None
    assert "1 missing label of 100 rows (1%)" in verdict.message
    assert advice.missing_labels(profile({"0": 90, "1": 9}, missing=1), 0.01) is None
    assert advice.missing_labels(profile({"0": 90, "1": 10})) is None


def test_label_not_found_lists_the_columns_and_a_case_hint():
    verdict = advice.label_not_found("target", ["id", "Target", "amount"])
    assert "`id`, `Target`, `amount`" in verdict.message
    assert "did you mean `Target`" in verdict.message


@settings(deadline=None)
@given(st.integers(1, 10**9), st.integers(1, 10**9))
def test_share_text_is_a_percentage(part, extra):
    text = advice.share_text(part, part + extra)
    assert re.fullmatch(r"[0-9.e+-]+%", text)


def test_advice_imports_no_data_library():
    import subprocess
    import sys

    code = (
        "import sys, imbalance_guard.data.advice, imbalance_guard.data.chart;"
        "print(sorted(m for m in ('pandas', 'pyarrow', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
