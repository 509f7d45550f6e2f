"""Properties of the data-flow analysis on any valid Python and on ML-shaped programs."""

from __future__ import annotations

import ast

import hypothesmith
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from ml_programs import Program, programs

from imbalance_guard.code.flow import analyse_tree
from imbalance_guard.code.imports import collect_imports

# At least 200 examples of the ML grammar (more under HYPOTHESIS_PROFILE=nightly);
# arbitrary Python from hypothesmith is a crash check. Generation time depends on the
# machine's load: the only health check relaxed.
_SETTINGS = settings(
    max_examples=max(200, settings.default.max_examples),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# hypothesmith steers generation with hypothesis.target(); hill-climbing those targets took
# most of this test's time and adds nothing to a crash check, so that phase is left out.
_ANY_PYTHON = settings(
    _SETTINGS,
    max_examples=max(200, settings.default.max_examples),
    phases=[p for p in Phase if p is not Phase.target],
)


@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # generated code may warn when parsed
@_ANY_PYTHON
@given(hypothesmith.from_grammar())
def test_analysis_never_raises_on_any_valid_module(source: str) -> None:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return  # the grammar allows a few things the compiler rejects
    flow = analyse_tree(tree, collect_imports(tree), source)
    assert all(call.node is not None for call in flow.calls)


@_SETTINGS
@given(programs())
def test_facts_of_ml_shaped_programs_point_at_real_calls(program: Program) -> None:
    """Every resampling fact a sink carries names a resampling call on its line."""
    source = program.script()
    tree = ast.parse(source)
    flow = analyse_tree(tree, collect_imports(tree), source)
    lines = source.splitlines()
    for sink in flow.sinks:
        assert 1 <= sink.node.lineno <= len(lines)
        for fact in sink.value.resampled:
            assert 1 <= fact.line <= sink.node.lineno, (fact, sink)
            resampling = ("fit_resample", ".sample(", "pd.concat(", "SMOTE", "Sampler")
            assert any(word in lines[fact.line - 1] for word in resampling), lines[fact.line - 1]
