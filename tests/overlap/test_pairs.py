"""Which files IG107 pairs: by name among the run's datasets, and as declared in `splits`."""

from __future__ import annotations

from pathlib import Path

import pytest

from imbalance_guard.data.splits import check_splits, declared_pairs, pairs_by_name, unique
from imbalance_guard.discover import DATASET_FORMATS, Target


def targets(root: Path, *names: str) -> list[Target]:
    found = []
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("a\n1\n")
        fmt = next(
            f
            for s, f in sorted(DATASET_FORMATS.items(), key=lambda kv: -len(kv[0]))
            if name.lower().endswith(s)
        )
        found.append(Target(path, name, "dataset", fmt, relative=name))
    return found


def shown(pairs) -> set[tuple[str, str]]:
    return {(p.train_display, p.test_display) for p in pairs}


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["data/train.csv", "data/test.csv"], {("data/train.csv", "data/test.csv")}),
        (["train.parquet", "valid.parquet"], {("train.parquet", "valid.parquet")}),
        (
            ["train.csv", "val.csv", "test.csv"],
            {("train.csv", "val.csv"), ("train.csv", "test.csv")},
        ),
        (["d/Train.CSV", "d/TEST.csv"], {("d/Train.CSV", "d/TEST.csv")}),
        (["loans_train.csv", "loans_test.csv"], {("loans_train.csv", "loans_test.csv")}),
        (
            ["loans-train.tsv", "loans-validation.tsv"],
            {("loans-train.tsv", "loans-validation.tsv")},
        ),
        (["train_loans.csv", "test_loans.csv"], {("train_loans.csv", "test_loans.csv")}),
        (
            ["a/train/part-0.parquet", "a/test/part-0.parquet"],
            {("a/train/part-0.parquet", "a/test/part-0.parquet")},
        ),
        (["train.csv", "test.csv.gz"], {("train.csv", "test.csv.gz")}),  # one format: csv
    ],
)
def test_pairs_by_name(tmp_path: Path, names: list[str], expected: set) -> None:
    assert shown(pairs_by_name(targets(tmp_path, *names))) == expected


@pytest.mark.parametrize(
    "names",
    [
        ["train.csv", "test.parquet"],  # two formats
        ["a/train.csv", "b/test.csv"],  # two folders
        ["loans_train.csv", "cards_test.csv"],  # different prefixes
        ["loans_train.csv", "loans-test.csv"],  # different separators
        ["pretrain.csv", "pretest.csv"],  # no separator: not a role
        ["train.csv"],  # one side only
        ["test.csv", "valid.csv"],  # no train side
        ["a/train/x.csv", "a/test/y.csv"],  # folders, different names
        ["a/train/x.csv", "b/test/x.csv"],  # folders that are not siblings
        ["train_.csv", "test_.csv"],  # nothing beside the role
    ],
)
def test_no_pair(tmp_path: Path, names: list[str]) -> None:
    assert pairs_by_name(targets(tmp_path, *names)) == []


def test_a_pair_found_twice_is_compared_once(tmp_path: Path) -> None:
    found = targets(tmp_path, "train.csv", "test.csv")
    pairs = pairs_by_name(found)
    declared, problems = declared_pairs([["train.csv", "test.csv"]], tmp_path, found, tmp_path)
    assert problems == []
    assert len(unique([*pairs, *declared])) == 1
    assert unique([*pairs, *declared])[0].how == "name"


def test_declared_pair_needs_one_side_in_the_run(tmp_path: Path) -> None:
    found = targets(tmp_path, "data/a.csv", "data/b.csv", "other.csv")
    splits = [["data/a.csv", "data/b.csv"]]
    pairs, _ = declared_pairs(splits, tmp_path, found[2:], tmp_path)
    assert pairs == []  # neither file is checked: nothing read
    pairs, _ = declared_pairs(splits, tmp_path, found[1:2], tmp_path)
    assert shown(pairs) == {("data/a.csv", "data/b.csv")}
    assert pairs[0].how == "config"


def test_declared_file_that_does_not_exist_is_a_problem(tmp_path: Path) -> None:
    found = targets(tmp_path, "data/train.csv")
    pairs, problems = declared_pairs(
        [["data/train.csv", "data/tset.csv"]], tmp_path, found, tmp_path
    )
    assert pairs == []
    assert problems == [
        (
            "data/tset.csv",
            "declared in splits ([tool.imbalance-guard.data]) but there is no such file",
        )
    ]


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("train.csv", "expected a list of [train, test] path pairs"),
        ([["train.csv"]], "pair 1 must be a list of two file paths"),
        ([["a.csv", "b.csv"], ["a.csv", "b.csv", "c.csv"]], "pair 2 must be a list of two"),
        ([["a.csv", 3]], "pair 1 must be a list of two file paths"),
        ([["a.csv", " "]], "pair 1 must be a list of two file paths"),
        ([["a.csv", "./a.csv"]], "pair 1 names the same file twice"),
        ([["a.csv", "b.txt"]], "pair 1: 'b.txt' is not a dataset file name"),
        (["a.csv", "b.csv"], "pair 1 must be a list of two file paths"),
        ([["s3://b/train.csv", "t.csv"]], "pair 1: 's3://b/train.csv' is an address"),
        ([["a.csv", "b.feather"]], "pair 1: 'b.feather': the rows of .feather files are not"),
    ],
)
def test_malformed_splits(value: object, problem: str) -> None:
    message = check_splits(value)
    assert message is not None and message.startswith(problem)


def test_wellformed_splits() -> None:
    assert check_splits([]) is None
    assert (
        check_splits([["data/train.csv", "data/test.parquet"], ["x_train.tsv", "x_val.tsv"]])
        is None
    )
