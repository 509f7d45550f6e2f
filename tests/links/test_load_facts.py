"""The flow's dataset facts: which file a value was loaded from, and its target column."""

from __future__ import annotations

import ast
import textwrap

import pytest

from imbalance_guard.code.facts import Column, Dropped, Loaded
from imbalance_guard.code.flow import Flow, analyse_tree

HEADER = """\
import os
import sys
from pathlib import Path
import numpy as np
import pandas as pd
import polars as pl
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.linear_model import LogisticRegression
"""
FIRST = HEADER.count("\n") + 1


def flow_of(body: str) -> Flow:
    return analyse_tree(ast.parse(HEADER + textwrap.dedent(body)))


def links(body: str) -> list[tuple[str, str, str | int]]:
    return [
        (load.path, load.reader, mark.column if isinstance(mark, Column) else mark.columns)
        for load, mark in flow_of(body).label_links
    ]


@pytest.mark.parametrize(
    ("load", "path"),
    [
        ('pd.read_csv("data/loans.csv")', "data/loans.csv"),
        ('pd.read_csv(filepath_or_buffer="data/loans.csv")', "data/loans.csv"),
        ('pd.read_csv(os.path.join("..", "data", "loans.csv"))', "../data/loans.csv"),
        ('pd.read_csv(Path("..") / "data" / "loans.csv")', "../data/loans.csv"),
        ('pd.read_csv(f"{DATA}/loans.csv")', "../data/loans.csv"),
        ('pd.read_csv(DATA + "/loans.csv")', "../data/loans.csv"),
        ("pd.read_csv(os.path.join(DATA, NAME))", "../data/loans.csv"),
        ('pd.read_json("d/x.jsonl", lines=True)', "d/x.jsonl"),
        ('pl.scan_csv("d/ü.csv")', "d/ü.csv"),
    ],
)
def test_constant_paths_are_folded(load: str, path: str) -> None:
    body = f"""
    DATA = "../data"
    NAME = "loans.csv"
    df = {load}
    y = df["bad_loan_flag"]
    LogisticRegression().fit(df.drop(columns=["bad_loan_flag"]), y)
    """
    assert links(body) == [(path, links_reader(load), "bad_loan_flag")]


def links_reader(load: str) -> str:
    prefix, name = load.split("(")[0].split(".")
    return f"{'pandas' if prefix == 'pd' else 'polars'}.{name}"


@pytest.mark.parametrize(
    ("selection", "column"),
    [
        ('y = df["bad"]', "bad"),
        ("y = df[TARGET]", "bad"),
        ("y = df.bad", "bad"),
        ('y = df.pop("bad")', "bad"),
        ("y = df.iloc[:, -1]", -1),
        ('y = df.loc[:, "bad"]', "bad"),
        ('y = (df["bad"] == "yes").astype(int)', "bad"),
    ],
)
def test_the_target_column(selection: str, column: str | int) -> None:
    body = f"""
    TARGET = "bad"
    df = pd.read_csv("data/loans.csv")
    {selection}
    X_tr, X_te, y_tr, y_te = train_test_split(df, y)
    """
    assert links(body) == [("data/loans.csv", "pandas.read_csv", column)]


def test_a_drop_names_the_target_when_nothing_else_does() -> None:
    body = """
    df = pd.read_csv("data/loans.csv")
    X = df.drop("bad", axis=1)
    cross_val_score(LogisticRegression(), X, labels)
    """
    flow = flow_of(body)
    assert flow.label_links == [
        (Loaded("data/loans.csv", "pandas.read_csv", FIRST + 1, True), Dropped(("bad",), FIRST + 2))
    ]


def test_a_row_filter_does_not_name_a_column() -> None:
    body = """
    df = pd.read_csv("data/loans.csv")
    df = df[df["age"] > 30]
    y = df["bad"]
    LogisticRegression().fit(df[["age"]], y)
    """
    assert links(body) == [("data/loans.csv", "pandas.read_csv", "bad")]


@pytest.mark.parametrize(
    "load",
    [
        "pd.read_csv(sys.argv[1])",
        'pd.read_csv("https://example.com/loans.csv")',
        "pd.read_csv(path)",
        'pd.read_sql("select * from loans", con)',
        'pd.read_json("x.json")',  # not JSON Lines: not a dataset we read
    ],
)
def test_nothing_is_guessed(load: str) -> None:
    body = f"""
    df = {load}
    y = df["bad"]
    LogisticRegression().fit(df, y)
    """
    flow = flow_of(body)
    assert flow.label_links == []


def test_unresolved_loads_are_listed() -> None:
    flow = flow_of('df = pd.read_csv(sys.argv[1])\nok = pd.read_csv("a.csv")\n')
    assert [(u.reader, u.line, u.text) for u in flow.unresolved_loads] == [
        ("pandas.read_csv", FIRST, "sys.argv[1]")
    ]


def split_proven(body: str) -> bool:
    return bool(flow_of(body).pristine_splits)


def test_a_split_of_the_column_as_loaded_is_proven() -> None:
    body = """
    df = pd.read_csv("data/loans.csv")
    print(df.head())
    y = df["bad"]
    X = df.drop(columns=["bad"])
    train_test_split(X, y, test_size=0.2)
    """
    assert split_proven(body)


@pytest.mark.parametrize(
    "change",
    [
        "df = df.dropna()",
        "df.dropna(inplace=True)",
        'df.loc[df["bad"] == 2, "bad"] = 1',
        'df["bad"] = df["bad"].map(lambda v: v)',
        "clean(df)",
        "df.drop(index=[0], inplace=True)",
    ],
)
def test_any_change_to_the_frame_before_the_split_is_unproven(change: str) -> None:
    body = f"""
    df = pd.read_csv("data/loans.csv")
    {change}
    y = df["bad"]
    train_test_split(df, y)
    """
    assert not split_proven(body)


@pytest.mark.parametrize(
    "selection",
    ['y = df["bad"].replace({2: 1})', 'y = df["bad"]; y = y[y != 3]'],
)
def test_a_relabelled_target_is_unproven(selection: str) -> None:
    body = f"""
    df = pd.read_csv("data/loans.csv")
    {selection}
    train_test_split(df, y)
    """
    assert not split_proven(body)


def test_a_change_after_taking_the_column_but_before_the_split_is_unproven() -> None:
    body = """
    df = pd.read_csv("data/loans.csv")
    y = df["bad"]
    df.sort_values("age", inplace=True)
    train_test_split(df, y)
    """
    assert not split_proven(body)


@pytest.mark.parametrize(
    ("load", "select", "reader"),
    [
        (
            'datasets.load_dataset("csv", data_files="data/loans.csv")',
            'ds["train"]["bad"]',
            "datasets.load_dataset",
        ),
        ('pl.read_csv("data/loans.csv")', 'ds["bad"]', "polars.read_csv"),
        ('pl.scan_parquet("data/loans.parquet")', "ds.bad", "polars.scan_parquet"),
    ],
)
def test_other_readers(load: str, select: str, reader: str) -> None:
    body = f"""
    import datasets
    ds = {load}
    y = {select}
    LogisticRegression().fit(X, y)
    """
    found = flow_of(body).label_links
    assert [(load.reader, mark.column) for load, mark in found] == [(reader, "bad")]


def test_load_dataset_of_a_hub_name_is_not_a_file() -> None:
    flow = flow_of('import datasets\nds = datasets.load_dataset("imdb")\n')
    assert flow.label_links == [] and flow.unresolved_loads == []
