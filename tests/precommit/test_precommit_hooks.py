"""The hooks of .pre-commit-hooks.yaml, run by the real pre-commit client on a real git repo.

pre-commit clones this repository at its HEAD commit and pip-installs it into a fresh
virtualenv (from the package index, with pip's cache), so these tests see committed files
only and take a few minutes: they are marked ``slow`` and CI runs them. ``try-repo`` always
builds its environment in a throw-away store; the other tests share one environment through a
``.pre-commit-config.yaml`` pointing at this repository and one ``PRE_COMMIT_HOME``.

The leaky repository must fail with IG301 (SMOTE before the split) and IG201 (accuracy only)
on the script, IG201 on the notebook, IG001 on a syntax error and IG101 on the skewed CSV.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parents[2]
INSTALL_TIMEOUT = 1500  # seconds: a cold pip cache downloads pandas, scikit-learn, pyarrow

LEAKY_PY = """\
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("transactions.csv")
X = df.drop(columns=["is_fraud"])
y = df["is_fraud"]
X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, stratify=y_res)
model = RandomForestClassifier().fit(X_train, y_train)
print(accuracy_score(y_test, model.predict(X_test)))
"""

CLEAN_PY = """\
import pandas as pd
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report, f1_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("balanced.csv")
X, y = df[["amount"]], df["is_fraud"]
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=0)
pipe = Pipeline([("smote", SMOTE(random_state=0)), ("clf", LogisticRegression())])
pipe.fit(X_train, y_train)
preds = pipe.predict(X_test)
print(f1_score(y_test, preds))
print(classification_report(y_test, preds))
"""

ACCURACY_NB_CELLS = [
    "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n"
    "from sklearn.model_selection import train_test_split\n"
    "from sklearn.metrics import accuracy_score\n",
    'df = pd.read_csv("customers.csv")\nX, y = df[["age"]], df["churn"]\n'
    "X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)\n",
    "clf = LogisticRegression().fit(X_train, y_train)\n"
    'print("accuracy", accuracy_score(y_test, clf.predict(X_test)))\n',
]

CLEAN_NB_CELLS = [
    *ACCURACY_NB_CELLS[:2],
    'clf = LogisticRegression(class_weight="balanced").fit(X_train, y_train)\n'
    "from sklearn.metrics import classification_report\n"
    "print(classification_report(y_test, clf.predict(X_test)))\n",
]


def notebook_json(cells: list[str]) -> str:
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "execution_count": None,
                    "metadata": {},
                    "outputs": [],
                    "source": source.splitlines(keepends=True),
                }
                for source in cells
            ],
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    )


def labels_csv(rows: int, every: int) -> str:
    """``amount,is_fraud`` with a fraud every ``every`` rows (2: balanced)."""
    body = [f"{i * 1.5},{1 if i % every == 0 else 0}" for i in range(rows)]
    return "\n".join(["amount,is_fraud", *body]) + "\n"


LEAKY_FILES = {
    "leaky.py": LEAKY_PY,
    "accuracy_only.ipynb": notebook_json(ACCURACY_NB_CELLS),
    "transactions.csv": labels_csv(400, 50),  # 8 frauds in 400 rows: 49:1
    "broken.py": "def train(:\n    pass\n",
    "README.md": "# demo\n",
}

CLEAN_FILES = {
    "clean.py": CLEAN_PY,
    "clean.ipynb": notebook_json(CLEAN_NB_CELLS),
    "balanced.csv": labels_csv(400, 2),
    "README.md": "# demo\n",
}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PRE_COMMIT", "GIT_", "VIRTUAL_ENV"))
    }
    env.update(
        PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")),
        PRE_COMMIT_COLOR="never",
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.com",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.com",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,  # no core.hooksPath, signing or templates of the user
        NO_COLOR="1",
    )
    return env


@pytest.fixture(scope="module")
def rev(env: dict[str, str]) -> str:
    """The commit pre-commit installs: this checkout's HEAD (uncommitted edits are not seen)."""
    found = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )
    if found.returncode != 0:
        pytest.skip(f"{REPO_ROOT} is not a git checkout: {found.stderr.strip()}")
    return found.stdout.strip()


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        args,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )


def pre_commit(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "pre_commit", *args], cwd, env)


def git(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = run(["git", "-c", "commit.gpgsign=false", *args], cwd, env)
    return result


def make_repo(path: Path, files: dict[str, str], env: dict[str, str], rev: str) -> Path:
    path.mkdir()
    assert git("init", "-q", cwd=path, env=env).returncode == 0
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    (path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {REPO_ROOT}\n    rev: {rev}\n    hooks:\n"
        "      - id: imbalance-guard\n      - id: imbalance-guard-data\n",
        encoding="utf-8",
    )
    return path


def output(result: subprocess.CompletedProcess) -> str:
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def leaky(tmp_path_factory, env, rev) -> Path:
    repo = make_repo(tmp_path_factory.mktemp("leaky") / "repo", LEAKY_FILES, env, rev)
    assert git("add", ".", cwd=repo, env=env).returncode == 0
    return repo


@pytest.fixture(scope="module")
def clean(tmp_path_factory, env, rev) -> Path:
    repo = make_repo(tmp_path_factory.mktemp("clean") / "repo", CLEAN_FILES, env, rev)
    assert git("add", ".", cwd=repo, env=env).returncode == 0
    return repo


def test_try_repo_code_hook_fails_and_prints_the_findings(leaky, env, rev):
    result = pre_commit(
        "try-repo", str(REPO_ROOT), "imbalance-guard", "--ref", rev, "--all-files",
        "--color", "never", cwd=leaky, env=env,
    )  # fmt: skip
    text = output(result)
    assert result.returncode == 1, text
    assert "imbalance-guard (code)" in text and "Failed" in text
    assert "broken.py:1:11: IG001 syntax error: invalid syntax" in text
    # Location, code and the user's own names (the wording is the rules' business).
    assert "leaky.py:11:36: IG301 `X_res`" in text and "SMOTE" in text
    assert "leaky.py:13:7: IG201 `accuracy_score(y_test, model.predict(X_test))`" in text
    assert "accuracy_only.ipynb:cell 3:2:19: IG201 `accuracy_score(" in text
    # The code hook is given Python files and notebooks only.
    # (IG301 quotes the counts of transactions.csv, which the code loads: not a data finding)
    assert "transactions.csv: IG" not in text and "README.md" not in text


def test_data_hook_fails_on_the_imbalanced_csv(leaky, env):
    result = pre_commit(
        "run", "imbalance-guard-data", "--all-files", "--color", "never", cwd=leaky, env=env
    )
    text = output(result)
    assert result.returncode == 1, text
    assert "imbalance-guard (datasets)" in text and "Failed" in text
    assert "transactions.csv: IG101 `is_fraud`" in text and "49:1" in text
    assert "leaky.py" not in text  # the data hook is given dataset files only


def test_clean_repository_passes_both_hooks(clean, env):
    result = pre_commit("run", "--all-files", "--color", "never", cwd=clean, env=env)
    text = output(result)
    assert result.returncode == 0, text
    lines = [line for line in text.splitlines() if line.startswith("imbalance-guard (")]
    assert len(lines) == 2 and all(line.endswith("Passed") for line in lines), text


def test_commit_hook_blocks_a_leaky_commit_and_skips_unrelated_ones(clean, leaky, env):
    for repo in (clean, leaky):
        assert pre_commit("install", cwd=repo, env=env).returncode == 0

    # The leaky repository's first commit is refused, with the findings printed.
    refused = git("commit", "-qm", "train", cwd=leaky, env=env)
    assert refused.returncode == 1, output(refused)
    assert "IG001" in output(refused) and "IG101" in output(refused)
    assert git("rev-parse", "--verify", "HEAD", cwd=leaky, env=env).returncode != 0

    # A clean commit passes; then one that touches no checked file costs nothing.
    first = git("commit", "-qm", "model", cwd=clean, env=env)
    assert first.returncode == 0, output(first)
    (clean / "README.md").write_text("# demo\n\nMore words.\n", encoding="utf-8")
    git("add", "README.md", cwd=clean, env=env)
    docs = git("commit", "-m", "docs", cwd=clean, env=env)
    text = output(docs)
    assert docs.returncode == 0, text
    assert "imbalance-guard (code)" in text
    assert text.count("(no files to check)Skipped") == 2, text


# -- ruff-pre-commit's conventions: --force-exclude, serial runs, any case of extension ------


def test_hooks_pass_force_exclude_so_the_project_excludes_hold(tmp_path, env, rev):
    files = {
        **CLEAN_FILES,
        "legacy/old_train.py": LEAKY_PY,
        "legacy/skewed.csv": labels_csv(400, 50),
        "pyproject.toml": '[tool.imbalance-guard]\nextend-exclude = ["legacy"]\n',
    }
    repo = make_repo(tmp_path / "repo", {}, env, rev)
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    assert git("add", ".", cwd=repo, env=env).returncode == 0
    result = pre_commit("run", "--all-files", "--color", "never", cwd=repo, env=env)
    text = output(result)
    # pre-commit passed legacy/old_train.py and legacy/skewed.csv by name: excluded all the same
    assert result.returncode == 0, text
    assert "old_train.py" not in text and "skewed.csv" not in text


def test_code_hook_runs_once_and_prints_one_summary(tmp_path, env, rev):
    # Eight leaky files: with require_serial false, pre-commit splits them across one
    # process per core, and each printed its own "Found N problems."
    files = {f"train_{i}.py": LEAKY_PY for i in range(8)}
    repo = make_repo(tmp_path / "repo", files, env, rev)
    assert git("add", ".", cwd=repo, env=env).returncode == 0
    result = pre_commit(
        "run", "imbalance-guard", "--all-files", "--color", "never", cwd=repo, env=env
    )
    text = output(result)
    assert result.returncode == 1, text
    assert text.count("Found ") == 1, text
    assert "Found 16 problems." in text  # IG301 and IG201 in each of the eight


def test_data_hook_reads_upper_case_extensions(tmp_path, env, rev):
    repo = make_repo(tmp_path / "repo", {"TRAIN.CSV": labels_csv(400, 50)}, env, rev)
    assert git("add", ".", cwd=repo, env=env).returncode == 0
    result = pre_commit(
        "run", "imbalance-guard-data", "--all-files", "--color", "never", cwd=repo, env=env
    )
    text = output(result)
    assert result.returncode == 1, text
    assert "TRAIN.CSV: IG101 `is_fraud`" in text and "49:1" in text
