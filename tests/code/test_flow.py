"""Facts of the data-flow analysis, construct by construct."""

from __future__ import annotations

import ast
import textwrap

import pytest

from imbalance_guard.code.flow import Flow, analyse_tree

HEADER = """\
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split, StratifiedKFold, cross_val_score
from sklearn.utils import resample
"""


def flow_of(body: str) -> Flow:
    return analyse_tree(ast.parse(HEADER + textwrap.dedent(body)))


def resampled(body: str, name: str) -> bool:
    """Is ``name`` (at the end of the program) derived from resampled data?"""
    return bool(flow_of(body).env[name].resampled)


def line(n: int) -> int:
    return HEADER.count("\n") + n


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("X_res, y_res = SMOTE().fit_resample(X, y)", "X_res"),
        ("sm = SMOTE()\nX_res, y_res = sm.fit_resample(X, y)", "y_res"),
        ("sm = SMOTE()\nout = sm.fit_resample(X, y)\nXr = out[0]", "Xr"),
        ("a = SMOTE().fit_resample(X, y)\nb = a\nc = b", "c"),
        ("Xr, yr = SMOTE().fit_resample(X, y)\ndf = pd.DataFrame(Xr, columns=X.columns)", "df"),
        ("Xr, yr = SMOTE().fit_resample(X, y)\nd = pd.concat([Xr, yr], axis=1)", "d"),
        ("Xr, yr = SMOTE().fit_resample(X, y)\nd = np.c_[Xr, yr]", "d"),
        ("Xr, yr = SMOTE().fit_resample(X, y)\nd = np.hstack([Xr, yr])", "d"),
        ("Xr, yr = SMOTE().fit_resample(X, y)\nd = Xr.copy().reset_index(drop=True)", "d"),
        ("Xr, yr = SMOTE().fit_resample(X, y)\nd = Xr.values", "d"),
        ("Xr, yr = SMOTE().fit_resample(X, y)\nd = Xr.to_numpy()[:, 1:]", "d"),
        ("Xr, yr = SMOTE().fit_resample(X, y)\nd = Xr.iloc[:10]", "d"),
        ("Xr, yr = SMOTE().fit_resample(X, y)\nd = Xr['col']", "d"),
        ("Xr, yr = SMOTE().fit_resample(X, y)\nd = X.copy()\nd += Xr", "d"),
        ("Xr, yr = SMOTE().fit_resample(X, y)\nd = X.copy()\nd['y'] = yr", "d"),
        ("first, *rest = SMOTE().fit_resample(X, y)", "rest"),
        ("Xr, yr = SMOTE().fit_resample(X, y)\nd = [r for r in Xr]", "d"),
        ("Xr, yr = SMOTE().fit_resample(X, y)\nd = {k: v for k, v in Xr.items()}", "d"),
        ("up = resample(minority, replace=True, n_samples=10)\nd = pd.concat([major, up])", "d"),
        ("up = minority.sample(len(major), replace=True)", "up"),
        ("up = minority.sample(frac=3)", "up"),
        ("if flag:\n    Xr, yr = SMOTE().fit_resample(X, y)\nelse:\n    Xr = X", "Xr"),
        ("Xr = X\nfor i in range(3):\n    Xr, yr = SMOTE().fit_resample(X, y)", "Xr"),
        ("Xr = X\nwhile cond:\n    Xr, yr = SMOTE().fit_resample(X, y)", "Xr"),
        ("try:\n    Xr, _ = SMOTE().fit_resample(X, y)\nexcept ValueError:\n    Xr = X", "Xr"),
        ("with ctx() as c:\n    Xr, _ = SMOTE().fit_resample(X, y)", "Xr"),
        ("def bal(a, b):\n    return SMOTE().fit_resample(a, b)\nXr, yr = bal(X, y)", "Xr"),
        (
            "def bal(a, b):\n    s = SMOTE()\n    r = s.fit_resample(a, b)\n    return r[0]\n"
            "Xr = bal(X, y)",
            "Xr",
        ),
        ("def f():\n    def g(a):\n        return resample(a)\n    return g(X)\nXr = f()", "Xr"),
        ("sampler = load()\nXr, yr = sampler.fit_resample(X, y)", "Xr"),
        ("Xr, yr = SMOTE().fit_sample(X, y)", "Xr"),
        ("(Xr := SMOTE().fit_resample(X, y)[0])", "Xr"),
    ],
)
def test_resampling_is_followed(body: str, name: str) -> None:
    assert resampled(body, name)


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Xr, yr = SMOTE().fit_resample(X, y)\nXr = X", "Xr"),  # re-bound
        ("Xr, yr = SMOTE().fit_resample(X, y)\nn = len(Xr)", "n"),
        ("Xr, yr = SMOTE().fit_resample(X, y)\ncols = Xr.columns", "cols"),
        ("Xr, yr = SMOTE().fit_resample(X, y)\nshape = Xr.shape", "shape"),
        ("d = df.sample(frac=1)", "d"),  # a shuffle
        ("d = df.sample(n=100)", "d"),  # a subsample without replacement
        ("def bal(a, b):\n    return SMOTE().fit_resample(a, b)\nZ = X", "Z"),
        ("sm = SMOTE()", "sm"),  # the sampler object is not data
    ],
)
def test_not_resampled(body: str, name: str) -> None:
    assert not resampled(body, name)


def test_resampled_fact_names_sampler_and_line() -> None:
    flow = flow_of("X_res, y_res = SMOTE().fit_resample(X, y)\n")
    (fact,) = flow.env["X_res"].resampled
    assert (fact.sampler, fact.line, fact.function) == ("SMOTE", line(1), None)


def test_train_test_split_parts() -> None:
    flow = flow_of("X_tr, X_te, y_tr, y_te = train_test_split(X, y)\n")
    assert flow.env["X_tr"].is_train and not flow.env["X_tr"].is_test
    assert flow.env["X_te"].is_test and not flow.env["X_te"].is_train
    assert flow.env["y_te"].parts("test")[0].line == line(1)


def test_validation_split_is_the_test_part_of_the_second_split() -> None:
    flow = flow_of(
        "X_tr, X_te, y_tr, y_te = train_test_split(X, y)\n"
        "X_fit, X_val, y_fit, y_val = train_test_split(X_tr, y_tr)\n"
    )
    assert [p.line for p in flow.env["X_val"].parts("test")] == [line(2)]
    assert not flow.env["X_fit"].is_test


def test_splitter_indices_mark_fold_parts() -> None:
    flow = flow_of(
        "skf = StratifiedKFold(5)\n"
        "for i, (tr, te) in enumerate(skf.split(X, y)):\n"
        "    X_a = X.iloc[tr]\n"
        "    X_b = X.iloc[te]\n"
    )
    assert flow.env["X_a"].parts("train")[0].splitter == "StratifiedKFold.split"
    assert flow.env["X_b"].is_test


def test_instances_and_roles() -> None:
    flow = flow_of(
        "from sklearn.linear_model import LogisticRegression, Ridge\n"
        "sm = SMOTE()\nclf = LogisticRegression()\nreg = Ridge()\nclf2 = clf.fit(X, y)\n"
    )
    assert flow.env["sm"].instances_of("sampler")[0].name == "SMOTE"
    assert flow.env["clf"].instances[0].role == "classifier"
    assert flow.env["reg"].instances[0].role == "regressor"
    assert flow.env["clf2"].instances[0].role == "classifier"  # fit returns self


def test_calls_have_qualified_names_and_argument_facts() -> None:
    flow = flow_of(
        "import sklearn.metrics as skm\n"
        "X_tr, X_te, y_tr, y_te = train_test_split(X, y)\n"
        "sm = SMOTE()\n"
        "sm.fit_resample(X_tr, y_tr)\n"
        "skm.f1_score(y_te, pred)\n"
    )
    names = [c.qualname for c in flow.calls]
    assert "sklearn.model_selection.train_test_split" in names
    assert "imblearn.over_sampling.SMOTE.fit_resample" in names
    f1 = next(c for c in flow.calls if c.qualname == "sklearn.metrics.f1_score")
    assert f1.args[0].is_test
    assert flow.value_of(f1.node.args[0]).is_test


def test_sinks_record_resampled_data_reaching_cross_validation() -> None:
    flow = flow_of(
        "Xr, yr = SMOTE().fit_resample(X, y)\n"
        "cross_val_score(model, Xr, yr, cv=5)\n"
        "cross_val_score(model, X, y, cv=5)\n"
    )
    leaky = [s for s in flow.sinks if s.value.resampled]
    assert {(s.kind, s.target, s.node.lineno) for s in leaky} == {
        ("cv", "cross_val_score", line(2))
    }


def test_helper_summaries_apply_per_call_site() -> None:
    flow = flow_of(
        "def bal(a, b):\n"
        "    return SMOTE().fit_resample(a, b)\n"
        "def evaluate(a, b):\n"
        "    return train_test_split(a, b)\n"
        "X_tr, X_te, y_tr, y_te = train_test_split(X, y)\n"
        "bal(X_te, y_te)\n"
        "bal(X_tr, y_tr)\n"
        "Xb, yb = bal(X, y)\n"
        "evaluate(Xb, yb)\n"
        "evaluate(X, y)\n"
    )
    through = [r for r in flow.resamplings if r.via == "bal"]
    assert {r.node.lineno for r in through if r.inputs[0][1].is_test} == {line(6)}
    leaky = {s.node.lineno for s in flow.sinks if s.via == "evaluate" and s.value.resampled}
    assert leaky == {line(9)}
    (fact,) = flow.env["Xb"].resampled
    assert fact.function == "bal" and fact.line == line(2)


def test_recursion_and_uncalled_functions_do_not_break() -> None:
    flow = flow_of(
        "def loop(a):\n    return loop(a)\n"
        "def main():\n    Xr, yr = SMOTE().fit_resample(X, y)\n    train_test_split(Xr, yr)\n"
    )
    assert any(s.value.resampled for s in flow.sinks)


def test_import_alias_inside_the_program_is_flow_sensitive() -> None:
    flow = flow_of(
        "from sklearn.pipeline import Pipeline\n"
        "p1 = Pipeline([('s', SMOTE())])\n"
        "from imblearn.pipeline import Pipeline\n"
        "p2 = Pipeline([('s', SMOTE())])\n"
    )
    kinds = [c.qualname for c in flow.calls if c.qualname and c.qualname.endswith("Pipeline")]
    assert kinds == ["sklearn.pipeline.Pipeline", "imblearn.pipeline.Pipeline"]


def test_notebook_cells_are_one_program(tmp_path) -> None:
    import json

    from imbalance_guard.code.unit import load_unit

    cells = [
        "%matplotlib inline\nfrom imblearn.over_sampling import SMOTE",
        "sm = SMOTE()",
        "X_res, y_res = sm.fit_resample(X, y)",
    ]
    document = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [{"cell_type": "code", "source": c, "metadata": {}, "outputs": []} for c in cells],
    }
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(document))
    unit = load_unit(path, "nb.ipynb", "notebook")
    (fact,) = unit.flow.env["X_res"].resampled
    assert fact.sampler == "SMOTE"
    assert unit.describe_line(fact.line) == "cell 3, line 1"
    assert unit.flow is unit.flow  # computed once


def test_train_and_test_joined_again_are_not_test_data() -> None:
    flow = flow_of(
        "X_tr, X_te, y_tr, y_te = train_test_split(X, y)\n"
        "X_all = pd.concat([X_tr, X_te])\n"
        "X_te2 = X_te.copy()\n"
    )
    assert flow.env["X_all"].parts("test") == [] and flow.env["X_all"].parts("train") == []
    assert flow.env["X_te2"].is_test


def test_resample_without_n_samples_is_a_bootstrap() -> None:
    flow = flow_of(
        "boot = resample(y_te, pred)\nup = resample(minority, replace=True, n_samples=100)\n"
    )
    assert flow.env["boot"].resampled[0].bootstrap
    assert not flow.env["up"].resampled[0].bootstrap


def test_long_operator_chains_are_analysed_without_deep_recursion() -> None:
    source = "Xr, yr = SMOTE().fit_resample(X, y)\nz = " + " + ".join(["x"] * 2000) + " + Xr\n"
    flow = analyse_tree(ast.parse(HEADER + source))
    assert flow.complete and flow.env["z"].resampled


def test_running_out_of_stack_keeps_the_facts_found_so_far() -> None:
    import sys

    source = HEADER + "Xr, yr = SMOTE().fit_resample(X, y)\nz = " + "f(" * 150 + ")" * 150 + "\n"
    tree = ast.parse(source)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)
    try:
        flow = analyse_tree(tree)
    finally:
        sys.setrecursionlimit(limit)
    assert not flow.complete
    assert flow.env["Xr"].resampled


def test_starred_arguments_reach_sinks() -> None:
    flow = flow_of("parts = train_test_split(*SMOTE().fit_resample(X, y))\n")
    (sink,) = flow.sinks
    assert sink.value.resampled and sink.kind == "split"


@pytest.mark.parametrize(
    "qualname",
    [
        "imblearn.over_sampling.SMOTE",
        "imblearn.under_sampling.NearMiss",
        "imblearn.combine.SMOTEENN",
        "imblearn.FunctionSampler",
        "imblearn.over_sampling._smote.base.SMOTE",
    ],
)
def test_known_samplers(qualname: str) -> None:
    from imbalance_guard.code import library

    assert library.role_of_class(qualname) == "sampler"


def test_ensembles_of_imblearn_are_classifiers_not_samplers() -> None:
    from imbalance_guard.code import library

    assert library.role_of_class("imblearn.ensemble.BalancedRandomForestClassifier") == (
        "classifier"
    )
