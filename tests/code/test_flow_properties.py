"""Property: the analysis and the leakage rules never raise on valid Python."""

from __future__ import annotations

import ast

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imbalance_guard.code.flow import analyse_tree
from imbalance_guard.code.imports import collect_imports

_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # generated code may warn when parsed
@_SETTINGS
@given(hypothesmith.from_grammar())
def test_analysis_never_raises_on_any_valid_module(source: str) -> None:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return  # the grammar allows a few things the compiler rejects
    flow = analyse_tree(tree, collect_imports(tree), source)
    assert all(call.node is not None for call in flow.calls)


_NAMES = st.sampled_from(["X", "y", "X_res", "y_res", "X_tr", "X_te", "df", "sm", "f"])
_STATEMENTS = st.sampled_from(
    [
        "{a} = {b}",
        "{a}, {b} = SMOTE().fit_resample({a}, {b})",
        "{a}, {b}, X_tr, X_te = train_test_split({a}, {b})",
        "{a} = pd.concat([{a}, {b}])",
        "if {a}:\n    {b} = {a}.copy()",
        "for {a} in {b}:\n    {b} += {a}",
        "def f({a}, {b}):\n    return SMOTE().fit_resample({a}, {b})",
        "{a} = f({b}, {a})",
        "cross_val_score(m, {a}, {b})",
        "{a} = [{b} for {b} in {a} if {b}]",
        "try:\n    {a} = {b}.sample(frac=2)\nexcept E:\n    del {a}",
        "with {a} as {b}:\n    {a}, *{b} = {b}",
        "{a} = Pipeline([('s', SMOTE()), ('m', {b})])",
    ]
)


@_SETTINGS
@given(st.lists(st.tuples(_STATEMENTS, _NAMES, _NAMES), min_size=1, max_size=12))
def test_analysis_never_raises_on_leakage_shaped_programs(parts) -> None:
    header = (
        "import pandas as pd\nfrom imblearn.over_sampling import SMOTE\n"
        "from sklearn.pipeline import Pipeline\n"
        "from sklearn.model_selection import train_test_split, cross_val_score\n"
    )
    source = header + "\n".join(t.format(a=a, b=b) for t, a, b in parts) + "\n"
    tree = ast.parse(source)
    flow = analyse_tree(tree, collect_imports(tree), source)
    for sink in flow.sinks:
        for fact in sink.value.resampled:
            assert fact.line <= source.count("\n")
