"""``flow.argument`` and ``Call.argument``: a parameter's argument, by keyword or position."""

from __future__ import annotations

import ast
import inspect

from hypothesis import given
from hypothesis import strategies as st

from imbalance_guard.code.flow import analyse_tree, argument


def _call(source: str) -> ast.Call:
    node = ast.parse(source, mode="eval").body
    assert isinstance(node, ast.Call)
    return node


def _text(node: ast.expr | None) -> str | None:
    return None if node is None else ast.unparse(node)


def test_keyword_is_found_wherever_it_is_written():
    call = _call("f(x, y, stratify=labels, shuffle=False)")
    assert _text(argument(call, "stratify")) == "labels"
    assert _text(argument(call, "shuffle", 9)) == "False"


def test_position_is_used_when_the_keyword_is_absent():
    call = _call("cross_val_score(model, X, y)")
    assert _text(argument(call, "estimator", 0)) == "model"
    assert _text(argument(call, "y", 2)) == "y"
    assert argument(call, "groups", 3) is None


def test_keyword_only_parameter_ignores_positions():
    assert argument(_call("f(a, b)"), "scoring") is None


def test_star_args_at_or_before_the_position_hide_the_argument():
    assert argument(_call("f(*args)"), "estimator", 0) is None
    assert argument(_call("f(*args, model)"), "estimator", 1) is None
    assert _text(argument(_call("f(model, *rest)"), "estimator", 0)) == "model"
    assert _text(argument(_call("f(*args, estimator=m)"), "estimator", 0)) == "m"


def test_double_star_kwargs_is_not_a_keyword():
    assert argument(_call("f(**options)"), "stratify") is None


def test_call_argument_on_the_flow_calls():
    tree = ast.parse("import sklearn.model_selection as ms\nms.cross_val_score(clf, X, y, cv=5)\n")
    flow = analyse_tree(tree)
    (call,) = [c for c in flow.calls if c.qualname == "sklearn.model_selection.cross_val_score"]
    assert _text(call.argument("estimator", 0)) == "clf"
    assert _text(call.argument("cv", 3)) == "5"
    assert _text(call.keyword("cv")) == "5"
    assert call.argument("scoring") is None


def _reference(a, b=None, c=None, *, d=None):  # the parameters the generated calls bind
    return a, b, c, d


_PARAMS = [("a", 0), ("b", 1), ("c", 2), ("d", None)]


@given(
    positional=st.integers(min_value=1, max_value=3),
    keywords=st.sets(st.sampled_from(["b", "c", "d"])),
)
def test_agrees_with_python_binding(positional, keywords):
    """Differential: the same answer as ``inspect.Signature.bind`` for every valid call."""
    names = [name for name, _ in _PARAMS]
    keywords = {k for k in keywords if names.index(k) >= positional}
    args = [f"p{i}" for i in range(positional)]
    source = "f(" + ", ".join(args + [f"{k}=k_{k}" for k in sorted(keywords)]) + ")"
    bound = inspect.signature(_reference).bind(*args, **{k: f"k_{k}" for k in keywords})
    call = _call(source)
    for name, position in _PARAMS:
        assert _text(argument(call, name, position)) == bound.arguments.get(name)
