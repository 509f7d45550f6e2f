"""Discovery: kinds by extension, default and configured excludes, explicit files."""

from __future__ import annotations

import fnmatch
from pathlib import Path, PurePosixPath

from hypothesis import example, given
from hypothesis import strategies as st

from imbalance_guard.config import DEFAULT_EXCLUDE
from imbalance_guard.discover import Target, classify, discover, is_excluded


def make(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n")


def found(root: Path, paths=None, excludes=DEFAULT_EXCLUDE) -> dict[str, str]:
    items = discover(paths or [root], list(excludes), root, root)
    return {t.display: t.kind for t in items if isinstance(t, Target)}


def test_kinds_by_extension():
    assert classify(Path("a.py")) == ("python", "")
    assert classify(Path("A.IPYNB")) == ("notebook", "")
    assert classify(Path("d.csv.gz")) == ("dataset", "csv")
    assert classify(Path("d.tsv")) == ("dataset", "tsv")
    assert classify(Path("d.parquet")) == ("dataset", "parquet")
    assert classify(Path("d.arrow")) == ("dataset", "feather")
    assert classify(Path("d.feather")) == ("dataset", "feather")
    assert classify(Path("d.ndjson")) == ("dataset", "jsonl")
    assert classify(Path("notes.txt")) is None


def test_default_excludes_are_skipped_when_walking(tmp_path):
    make(
        tmp_path,
        "train.py",
        "nb.ipynb",
        "data/d.csv",
        ".venv/lib/x.py",
        "venv/y.py",
        "node_modules/z.py",
        "pkg/__pycache__/c.py",
        "build/b.py",
        "dist/d.py",
        ".tox/t.py",
        "lib/site-packages/s.py",
        ".git/hooks/h.py",
        "README.md",
    )
    assert found(tmp_path) == {
        "train.py": "python",
        "nb.ipynb": "notebook",
        "data/d.csv": "dataset",
    }


def test_configured_excludes_match_parts_and_paths(tmp_path):
    make(tmp_path, "a.py", "legacy/old.py", "src/gen/g.py", "src/keep.py")
    result = found(tmp_path, excludes=[*DEFAULT_EXCLUDE, "legacy", "src/gen"])
    assert set(result) == {"a.py", "src/keep.py"}


def test_a_file_named_explicitly_is_always_checked(tmp_path):
    make(tmp_path, "legacy/old.py")
    result = found(
        tmp_path, paths=[tmp_path / "legacy" / "old.py"], excludes=[*DEFAULT_EXCLUDE, "legacy"]
    )
    assert result == {"legacy/old.py": "python"}


def test_missing_paths_are_reported(tmp_path):
    items = list(discover([tmp_path / "nope.py"], [], tmp_path, tmp_path))
    assert items == [(tmp_path / "nope.py", "no such file or directory")]


def test_exclude_through_cli_config(project, run_cli):
    (project / "pyproject.toml").write_text('[tool.imbalance-guard]\nextend-exclude = ["gen"]\n')
    make(project, "gen/bad.py")
    (project / "gen" / "bad.py").write_text("def (\n")
    assert run_cli("check").exit_code == 0
    assert run_cli("check", "gen/bad.py").exit_code == 1


def test_force_exclude_applies_the_excludes_to_named_paths(tmp_path):
    make(tmp_path, "legacy/old.py", "build/gen.py", "keep.py", "sub/legacy.py")
    named = [
        tmp_path / "legacy" / "old.py",
        tmp_path / "build",
        tmp_path / "keep.py",
        tmp_path / "sub" / "legacy.py",
    ]
    excludes = [*DEFAULT_EXCLUDE, "legacy"]
    plain = discover(named, excludes, tmp_path, tmp_path)
    assert {t.display for t in plain if isinstance(t, Target)} == {
        "legacy/old.py",
        "keep.py",
        "sub/legacy.py",
    }
    forced = discover(named, excludes, tmp_path, tmp_path, force_exclude=True)
    assert {t.display for t in forced if isinstance(t, Target)} == {"keep.py", "sub/legacy.py"}


def _excluded_glob_by_glob(relative: PurePosixPath, patterns: list[str]) -> bool:
    """The reference: each glob asked in turn, as ``fnmatch.fnmatchcase`` answers it."""
    text = str(relative)
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatchcase(text, pattern) or any(
            fnmatch.fnmatchcase(part, pattern) for part in relative.parts
        ):
            return True
        if "/" in pattern and fnmatch.fnmatchcase(text, pattern.lstrip("./") + "/*"):
            return True
    return False


_GLOB_PIECES = st.sampled_from(
    [
        "a",
        "b",
        "ab",
        ".",
        "./",
        "/",
        "*",
        "?",
        "[ab]",
        "[!a]",
        "**",
        "\\",
        "(",
        "|",
        "$",
        "é",
        "x.py",
    ]
)


@given(
    parts=st.lists(
        st.sampled_from(["a", "b", "ab", "x.py", ".venv", "é", "(a)", "a|b", "$"]),
        min_size=1,
        max_size=4,
    ),
    patterns=st.lists(st.lists(_GLOB_PIECES, max_size=5).map("".join), max_size=5),
)
@example(parts=["a", "b", "x.py"], patterns=["a/b"])  # everything under a folder
@example(parts=["a", "x.py"], patterns=["./a/"])
@example(parts=["a|b"], patterns=["a"])  # regex syntax in a name is text
def test_exclusion_agrees_with_fnmatch_glob_by_glob(parts: list[str], patterns: list[str]) -> None:
    relative = PurePosixPath(*parts)
    assert is_excluded(relative, patterns) is _excluded_glob_by_glob(relative, patterns)


def test_default_excludes_still_exclude_virtual_environments_and_caches() -> None:
    assert is_excluded(PurePosixPath("src/.venv/lib/x.py"), DEFAULT_EXCLUDE)
    assert is_excluded(PurePosixPath("build/x.py"), ["build/"])
    assert not is_excluded(PurePosixPath("src/model.py"), DEFAULT_EXCLUDE)
