"""respect-gitignore: directory walks leave out what git ignores, as ``git check-ignore``
says, except datasets DVC tracks; explicit paths are checked; the summary counts them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from imbalance_guard.cli import cli
from imbalance_guard.discover import Ignored, Target, discover
from imbalance_guard.gitignore import GitIgnore, dvc_outputs

LEAKY = "from sklearn.metrics import accuracy_score\nprint(accuracy_score(y_test, y_pred))\n"
SKEWED = "amount,is_fraud\n" + "".join(f"{i},{int(i % 50 == 0)}\n" for i in range(400))

GIT_ENV = {
    **{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,  # no core.excludesFile of the user's
}


def git(repo: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *args], cwd=repo, env=GIT_ENV, capture_output=True, text=True, input=input
    )


def make_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


TREE = {
    ".gitignore": "*.csv\n!keep.csv\n/top_only.py\nout/\n# a comment\n\\#hash.py\n*.ipynb\n",
    "a.py": "x = 1\n",
    "top_only.py": "x = 1\n",
    "pkg/top_only.py": "x = 1\n",
    "#hash.py": "x = 1\n",
    "d.csv": SKEWED,
    "keep.csv": SKEWED,
    "out/gen.py": "x = 1\n",
    "pkg/.gitignore": "!*.ipynb\nlocal.py\n",
    "pkg/nb.ipynb": "{}",
    "pkg/local.py": "x = 1\n",
    "pkg/deep/local.py": "x = 1\n",
    "pkg/deep/x.csv": SKEWED,
    "nb.ipynb": "{}",
    "excl/e.py": "x = 1\n",
    "sub dir/ünï.py": "x = 1\n",
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    root.mkdir()
    assert git(root, "init", "-q").returncode == 0
    make_tree(root, TREE)
    (root / ".git" / "info").mkdir(exist_ok=True)
    (root / ".git" / "info" / "exclude").write_text("excl/\n")
    return root


def test_the_same_files_as_git_check_ignore(repo):
    """Differential: every path of the tree, as a file or a folder, against git itself."""
    rules = GitIgnore.for_path(repo)
    assert rules is not None
    paths = sorted(
        {str(Path(name)) for name in TREE}
        | {str(parent) for name in TREE for parent in Path(name).parents if str(parent) != "."}
    )
    answer = git(repo, "check-ignore", "--no-index", "--stdin", "-z", input="\0".join(paths) + "\0")
    ignored_by_git = {p for p in answer.stdout.split("\0") if p}
    for path in paths:
        is_dir = (repo / path).is_dir()
        # git ignores what is under an ignored folder; a walk never enters one.
        parents = [str(p) for p in Path(path).parents if str(p) != "."]
        if any(p in ignored_by_git for p in parents):
            continue
        assert rules.ignored(repo / path, is_dir=is_dir) == (path in ignored_by_git), path


def test_a_walk_leaves_out_ignored_files_and_counts_them(repo):
    ignored: list[Ignored] = []
    found = [
        t.display
        for t in discover([repo], [], repo, repo, respect_gitignore=True, ignored=ignored)
        if isinstance(t, Target)
    ]
    assert sorted(found) == [
        "a.py",
        "keep.csv",
        "pkg/nb.ipynb",
        "pkg/top_only.py",
        "sub dir/ünï.py",
    ]
    assert sorted((i.display, i.is_dir) for i in ignored) == [
        ("#hash.py", False),
        ("d.csv", False),
        ("excl", True),
        ("nb.ipynb", False),
        ("out", True),
        ("pkg/deep/local.py", False),
        ("pkg/deep/x.csv", False),
        ("pkg/local.py", False),
        ("top_only.py", False),
    ]
    everything = [t for t in discover([repo], [], repo, repo) if isinstance(t, Target)]
    assert len(everything) == 14


def test_outside_a_repository_nothing_is_ignored(tmp_path):
    make_tree(tmp_path, {".gitignore": "*.py\n", "a.py": "x = 1\n"})
    found = list(discover([tmp_path], [], tmp_path, tmp_path, respect_gitignore=True))
    assert [t.display for t in found if isinstance(t, Target)] == ["a.py"]


def test_cli_summary_verbose_notes_and_the_switches(repo, monkeypatch):
    monkeypatch.chdir(repo)
    (repo / "top_only.py").write_text(LEAKY)
    result = invoke("check", "-v")
    assert "top_only.py:2:7" not in result.stdout
    assert "Skipped 7 files and 2 folders ignored by .gitignore" in result.stdout
    assert "note: top_only.py: skipped: ignored by .gitignore" in result.stdout
    assert "note: out/: skipped: ignored by .gitignore" in result.stdout
    # Named on the command line, an ignored file is checked (as in ruff).
    named = invoke("check", "top_only.py")
    assert named.exit_code == 1 and "top_only.py:2:7: IG201" in named.stdout
    # Switched off on the command line or in the configuration, nothing is left out.
    off = invoke("check", "--no-respect-gitignore", "--output-format", "concise")
    assert "top_only.py:2:7: IG201" in off.stdout and "ignored by .gitignore" not in off.stdout
    (repo / "pyproject.toml").write_text("[tool.imbalance-guard]\nrespect-gitignore = false\n")
    assert "top_only.py:2:7: IG201" in invoke("check").stdout
    assert "top_only.py:2:7" not in invoke("check", "--respect-gitignore").stdout


def test_show_files_says_how_many_gitignore_left_out(repo, monkeypatch):
    monkeypatch.chdir(repo)
    result = invoke("check", "--show-files")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "a.py",
        "keep.csv",
        "pkg/nb.ipynb",
        "pkg/top_only.py",
        "sub dir/ünï.py",
    ]
    assert "7 files and 2 folders ignored by .gitignore" in result.stderr


def test_datasets_dvc_tracks_are_checked_though_git_ignores_them(repo, monkeypatch):
    monkeypatch.chdir(repo)
    make_tree(
        repo,
        {
            "data/.gitignore": "/train.csv\n/raw\n/prepared.csv\n/untracked.csv\n",
            "data/train.csv": SKEWED,
            "data/train.csv.dvc": "outs:\n- md5: 0\n  path: train.csv\n",
            "data/raw/part.csv": SKEWED,
            "data/raw/helper.py": LEAKY,  # inside a folder DVC tracks, code stays ignored
            "data/raw.dvc": "outs:\n- path: raw\n",
            "data/prepared.csv": SKEWED,
            "data/untracked.csv": SKEWED,
            "dvc.yaml": "stages:\n  prepare:\n    cmd: python prep.py\n    outs:\n"
            "      - data/prepared.csv:\n          cache: true\n",
        },
    )
    result = invoke("check", "data", "--output-format", "concise", "--select", "IG101")
    lines = result.stdout
    assert "data/train.csv: IG101" in lines
    assert "data/raw/part.csv: IG101" in lines
    assert "data/prepared.csv: IG101" in lines
    assert "untracked.csv" not in lines and "helper.py" not in lines
    assert "Skipped 2 files ignored by .gitignore" in lines


@pytest.mark.parametrize("with_yaml", [True, False])
def test_dvc_yaml_outputs_with_and_without_pyyaml(tmp_path, monkeypatch, with_yaml):
    (tmp_path / "dvc.yaml").write_text(
        "stages:\n  a:\n    cmd: x\n    deps:\n      - src.py\n    outs:\n"
        '      - data/a.csv\n      - "data/b c.csv":\n          cache: false\n'
        "  b:\n    cmd: y\n    outs:\n    - model.pkl  # trained\n    metrics:\n"
        "      - m.json\n"
    )
    if not with_yaml:
        import sys

        monkeypatch.setitem(sys.modules, "yaml", None)
    assert dvc_outputs(tmp_path) == ["data/a.csv", "data/b c.csv", "model.pkl"]


def test_a_repository_inside_the_walk_brings_its_own_rules(tmp_path, monkeypatch):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.chdir(tmp_path)
    make_tree(
        tmp_path,
        {
            "projects/one/.gitignore": "scratch.py\n",
            "projects/one/scratch.py": LEAKY,
            "projects/one/train.py": LEAKY,
            "projects/two/scratch.py": LEAKY,
        },
    )
    assert git(tmp_path / "projects" / "one", "init", "-q").returncode == 0
    result = invoke("check", "projects", "--output-format", "concise")
    assert "projects/one/train.py:2:7: IG201" in result.stdout
    assert "projects/two/scratch.py:2:7: IG201" in result.stdout  # not a repository
    assert "projects/one/scratch.py" not in result.stdout
    assert "Skipped 1 file ignored by .gitignore" in result.stdout


# -- property: the same answers as git, for generated .gitignore files ------------------------

PATTERNS = [
    "*.csv",
    "!keep.csv",
    "out/",
    "/a.py",
    "**/b.py",
    "sub/**",
    "d*/",
    "?.py",
    "!sub/",
    "*.py",
    "!*.ipynb",
    "sub/*.csv",
    "/sub/deep/",
    "deep",
    "!deep/a.py",
    "# comment",
    "",
    "x.py ",
    "*.PY",
    "[ab].py",
    "/deep/",
    "!/a.py",
    "deep/*.py",
    "**/deep",
    "!**/b.py",
    "a.py/",
    "*",
    "!*/",
    "out",
    "\\!x.py",
]
PATHS = [
    "a.py",
    "b.py",
    "x.py",
    "keep.csv",
    "t.csv",
    "n.ipynb",
    "out/a.py",
    "sub/a.py",
    "sub/t.csv",
    "sub/keep.csv",
    "sub/deep/a.py",
    "sub/deep/b.py",
    "d1/a.py",
    "data/out/b.py",
    "A.PY",
]


@pytest.fixture(scope="module")
def scratch_repo(tmp_path_factory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path_factory.mktemp("prop") / "repo"
    root.mkdir()
    assert git(root, "init", "-q").returncode == 0
    make_tree(root, {p: "" for p in PATHS})
    return root


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    top=st.lists(st.sampled_from(PATTERNS), max_size=6),
    nested=st.lists(st.sampled_from(PATTERNS), max_size=4),
)
def test_generated_gitignores_agree_with_git(scratch_repo, top, nested):
    (scratch_repo / ".gitignore").write_text("\n".join(top) + "\n")
    (scratch_repo / "sub" / ".gitignore").write_text("\n".join(nested) + "\n")
    rules = GitIgnore.for_path(scratch_repo)
    assert rules is not None
    ancestors = {str(parent) for p in PATHS for parent in Path(p).parents}
    candidates = sorted((set(PATHS) | ancestors) - {"."})
    answer = git(
        scratch_repo,
        "check-ignore",
        "--no-index",
        "--stdin",
        "-z",
        input="\0".join(candidates) + "\0",
    )
    by_git = {p for p in answer.stdout.split("\0") if p}
    for path in candidates:
        if any(str(parent) in by_git for parent in Path(path).parents if str(parent) != "."):
            continue  # under an ignored folder: a walk never gets there
        is_dir = (scratch_repo / path).is_dir()
        assert rules.ignored(scratch_repo / path, is_dir) == (path in by_git), (path, top, nested)
