"""The cache of unchanged files: identical output, right invalidation, never in the way."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imbalance_guard import runner as runner_module
from imbalance_guard.cache import (
    DIRECTORY,
    Cache,
    Input,
    Uncacheable,
    decode_finding,
    decode_value,
    encode_finding,
    encode_value,
)
from imbalance_guard.findings import Applicability, Edit, Finding, Fix, Location
from imbalance_guard.plugins import get_plugin_manager

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

EXTRA_FILES = {
    # IG302: resampling the test part
    "resample_test.py": (
        "from imblearn.over_sampling import SMOTE\n"
        "from sklearn.model_selection import train_test_split\n"
        "X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y)\n"
        "X_te2, y_te2 = SMOTE().fit_resample(X_te, y_te)\n"
    ),
    # IG303: an imbalanced-learn sampler in a scikit-learn Pipeline
    "pipe.py": (
        "from imblearn.over_sampling import SMOTE\n"
        "from sklearn.pipeline import Pipeline\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "p = Pipeline([('s', SMOTE()), ('m', LogisticRegression())])\n"
    ),
    "noqa_here.py": (
        "from imblearn.over_sampling import SMOTE\n"
        "from sklearn.model_selection import train_test_split\n"
        "X_res, y_res = SMOTE().fit_resample(X, y)\n"
        "a, b, c, d = train_test_split(X_res, y_res, stratify=y_res)  # noqa: IG301\n"
    ),
    "broken.py": "def f(:\n    pass\n",
    "latin.py": b"# -*- coding: latin-1 -*-\nname = '\xe9t\xe9'\nprint(name)\n",
    "sub/caf\u00e9 train.py": (
        "from sklearn.model_selection import train_test_split\n"
        "a, b, c, d = train_test_split(X, y)\n"
    ),
}


def make_project(root: Path, notebook) -> Path:
    for item in EXAMPLES.iterdir():
        if item.is_file():  # not a cache folder an earlier run left there
            shutil.copy(item, root / item.name)
    for name, text in EXTRA_FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    notebook(
        root / "leaky.ipynb",
        [
            ("markdown", "# leaky"),
            "from imblearn.over_sampling import SMOTE\nX_res, y_res = SMOTE().fit_resample(X, y)",
            "from sklearn.model_selection import train_test_split\n"
            "a, b, c, d = train_test_split(X_res, y_res)",
        ],
    )
    document = json.loads((root / "leaky.ipynb").read_text())
    document["metadata"] = {
        "kernelspec": {"name": "ir", "language": "R"},
        "language_info": {"name": "R"},
    }
    (root / "r_notebook.ipynb").write_text(json.dumps(document))
    return root


FORMATS = sorted(
    f.name
    for result in get_plugin_manager(load_entry_points=False).hook.ig_formatters()
    for f in result
)


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The code files actually parsed (a cache hit parses nothing)."""
    seen: list[str] = []
    real = runner_module.parse_unit

    def counting(data, display, kind):
        seen.append(display)
        return real(data, display, kind)

    monkeypatch.setattr(runner_module, "parse_unit", counting)
    return seen


def test_cached_output_is_identical_in_every_format(project, run_cli, notebook, parses):
    make_project(project, notebook)
    assert {"text", "json", "concise", "sarif", "github", "gitlab", "junit"} <= set(FORMATS)
    for name in FORMATS:
        args = ("check", "--select", "ALL", "--output-format", name, "-v")
        shutil.rmtree(project / DIRECTORY, ignore_errors=True)
        parses.clear()
        cold = run_cli(*args)
        assert len(parses) >= 10, name  # every code file parsed on the cold run
        parses.clear()
        warm = run_cli(*args)
        assert parses == [], f"{name}: parsed {parses} although nothing changed"
        fresh = run_cli(*args, "--no-cache")
        assert cold.exit_code == warm.exit_code == fresh.exit_code == 1, name
        assert warm.output == cold.output, name
        assert fresh.output == cold.output, name
    codes = {
        f["code"]
        for f in json.loads(run_cli("check", "--select", "ALL", "--output-format", "json").output)
    }
    assert {"IG001", "IG101", "IG201", "IG202", "IG301", "IG302", "IG303"} <= codes


def test_statistics_and_quiet_are_identical_from_the_cache(project, run_cli, notebook):
    make_project(project, notebook)
    for extra in (("--statistics",), ("-q",), ("--exit-zero",)):
        cold = run_cli("check", *extra, "--no-cache")
        warm = run_cli("check", *extra)
        again = run_cli("check", *extra)
        assert cold.output == warm.output == again.output
        assert cold.exit_code == warm.exit_code == again.exit_code


def test_a_changed_file_is_checked_again_and_only_it(project, run_cli, notebook, parses):
    make_project(project, notebook)
    run_cli("check")
    parses.clear()
    leaky = project / "fraud_leaky.py"
    leaky.write_text(leaky.read_text().replace("X_res", "X_resampled"))
    result = run_cli("check", "--output-format", "json")
    assert parses == ["fraud_leaky.py"]
    assert any("X_resampled" in f["message"] for f in json.loads(result.output))

    parses.clear()
    os.utime(leaky, (1, 1))  # touched, same bytes: still the cached result
    run_cli("check")
    assert parses == []


def test_settings_selection_and_plugins_are_part_of_the_key(
    project, run_cli, notebook, parses, print_plugin
):
    make_project(project, notebook)
    run_cli("check")
    parses.clear()
    narrowed = run_cli("check", "--select", "IG301", "--output-format", "json")
    # IG001 (broken.py) is reported whatever the selection, as ruff's syntax errors.
    assert {f["code"] for f in json.loads(narrowed.output)} == {"IG301", "IG001"}
    assert parses  # another selection: checked afresh
    parses.clear()
    (project / "pyproject.toml").write_text("[tool.imbalance-guard]\nignore = ['IG201']\n")
    result = run_cli("check", "--output-format", "json")
    assert parses and "IG201" not in {f["code"] for f in json.loads(result.output)}

    # A plugin passed in-process has no version: its runs are never cached.
    shutil.rmtree(project / DIRECTORY)
    parses.clear()
    run_cli("check", plugins=[print_plugin])
    run_cli("check", plugins=[print_plugin])
    assert not (project / DIRECTORY).exists()
    assert len(parses) == 2 * len(set(parses))


def test_corrupt_entries_are_ignored_and_replaced(project, run_cli, notebook):
    make_project(project, notebook)
    cold = run_cli("check")
    entries = sorted((project / DIRECTORY / "files").iterdir())
    assert entries
    garbage = [b"", b"{", b"\xff\xfe", b"[]", b'{"format": 1}', b"null"]
    for index, entry in enumerate(entries):
        entry.write_bytes(garbage[index % len(garbage)])
    damaged = run_cli("check")
    assert damaged.output == cold.output and damaged.exit_code == cold.exit_code
    for entry in entries:
        assert json.loads(entry.read_bytes())["format"] == 2
    (project / DIRECTORY / "files").chmod(0o500)  # unwritable: a read-only checkout
    try:
        (project / "fraud_leaky.py").write_text("x = 1\n")
        assert run_cli("check").exit_code == 1
    finally:
        (project / DIRECTORY / "files").chmod(0o700)


def test_tampered_entries_show_the_cache_is_read_but_fix_never_trusts_it(project, run_cli):
    source = (
        "from sklearn.model_selection import train_test_split\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "a, b, c, d = train_test_split(X, y)\n"
        "LogisticRegression().fit(a, c)\n"
    )
    path = project / "split.py"
    path.write_text(source)
    assert run_cli("check", "split.py").exit_code == 1
    (entry,) = (project / DIRECTORY / "files").iterdir()
    data = json.loads(entry.read_text())
    data["findings"] = []
    entry.write_text(json.dumps(data))
    assert run_cli("check", "split.py").exit_code == 0  # the (tampered) cache answered
    # --diff did not trust it (stratify= is an unsafe fix)
    assert run_cli("check", "split.py", "--diff", "--unsafe-fixes").exit_code == 1
    result = run_cli("check", "split.py", "--unsafe-fixes")
    assert "stratify=" in path.read_text()
    assert result.exit_code in (0, 1)


def test_cache_location_switches(project, run_cli, monkeypatch):
    (project / "a.py").write_text("x = 1\n")
    assert run_cli("check", "--no-cache").exit_code == 0
    assert not (project / DIRECTORY).exists()
    monkeypatch.setenv("IMBALANCE_GUARD_NO_CACHE", "1")
    run_cli("check")
    assert not (project / DIRECTORY).exists()
    monkeypatch.delenv("IMBALANCE_GUARD_NO_CACHE")

    run_cli("check")
    assert (project / DIRECTORY / ".gitignore").read_text().splitlines()[-1] == "*"
    run_cli("check", "--cache-dir", "elsewhere")
    assert list((project / "elsewhere" / "files").glob("*.json"))
    monkeypatch.setenv("IMBALANCE_GUARD_CACHE_DIR", str(project / "from-env"))
    run_cli("check")
    assert list((project / "from-env" / "files").glob("*.json"))
    monkeypatch.delenv("IMBALANCE_GUARD_CACHE_DIR")
    (project / "pyproject.toml").write_text('[tool.imbalance-guard]\ncache-dir = "c/d"\n')
    run_cli("check")
    assert list((project / "c" / "d" / "files").glob("*.json"))


def test_the_cache_is_ignored_by_git(project, run_cli):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    (project / "a.py").write_text("x = 1\n")
    run_cli("check")
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert status.split() == ["??", "a.py"]


def test_extra_inputs_invalidate_the_result(tmp_path):
    """The key is the set of inputs the analysis read: an imported module or a dataset
    joining it invalidates the result when it changes."""
    main, module, data = tmp_path / "m.py", tmp_path / "helpers.py", tmp_path / "d.csv"
    for path, text in ((main, "import helpers\n"), (module, "x = 1\n"), (data, "y\n1\n")):
        path.write_text(text)
    cache = Cache(tmp_path / "cache", "run-1")
    identity = Cache.identity(main, "m.py", "python")
    source = Input.content(str(main), main.read_bytes())
    finding = Finding("IG301", "m", Location("m.py", 1, 1))
    inputs = [source, Input.content(str(module), module.read_bytes()), Input.stat(str(data))]
    cache.store(identity, inputs, [finding], {("m.py", None): ["import helpers"]}, [], False)
    assert cache.load(identity, source).findings == [finding]
    assert Cache(tmp_path / "cache", "run-2").load(identity, source) is None
    module.write_text("x = 2\n")
    assert cache.load(identity, source) is None
    module.write_text("x = 1\n")
    assert cache.load(identity, source) is not None
    data.write_text("y\n1\n2\n")
    assert cache.load(identity, source) is None
    data.unlink()
    assert cache.load(identity, source) is None


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(),
    st.floats(allow_nan=False),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(st.one_of(st.text(), st.integers(), st.booleans()), inner, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(values)
def test_finding_data_round_trips_exactly(value):
    back = decode_value(json.loads(json.dumps(encode_value(value))))
    assert back == value
    assert repr(back) == repr(value)  # tuples stay tuples, int keys stay ints


@settings(max_examples=100, deadline=None)
@given(
    st.text(),
    st.text(),
    st.one_of(st.none(), st.integers(1, 10**6)),
    st.text(),
    st.lists(st.tuples(st.integers(1, 99), st.integers(1, 99), st.text()), max_size=3),
    st.sampled_from(list(Applicability)),
    values,
)
def test_findings_round_trip_exactly(message, path, cell, suggestion, edits, how, data):
    fix = (
        Fix(tuple(Edit(a, b, a, b + 1, t, cell) for a, b, t in edits), how, "title")
        if edits
        else None
    )
    finding = Finding(
        "IG301", message, Location(path, 3, 4, 3, 9, cell, None), suggestion, fix, {"value": data}
    )
    back = decode_finding(json.loads(json.dumps(encode_finding(finding))))
    assert back == finding and repr(back.data) == repr(finding.data)


def test_values_it_cannot_store_exactly_are_refused():
    with pytest.raises(Uncacheable):
        encode_value({"a": {1, 2}})


CONCURRENT = """
import sys
from imbalance_guard.cli import main
sys.argv = ["imbalance-guard", "check", "--output-format", "json", "."]
main()
"""


def test_concurrent_runs_never_corrupt_the_cache(project):
    for index in range(40):
        (project / f"m{index}.py").write_text(
            "from imblearn.over_sampling import SMOTE\n"
            "from sklearn.model_selection import train_test_split\n"
            f"X_res, y_res = SMOTE().fit_resample(X{index}, y)\n"
            "a, b, c, d = train_test_split(X_res, y_res, stratify=y_res)\n"
            "model.fit(a, c)\n"
        )
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", CONCURRENT],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [process.communicate(timeout=300) for process in processes]
    assert [p.returncode for p in processes] == [1, 1, 1], outputs
    assert outputs[0][0] == outputs[1][0] == outputs[2][0]
    entries = list((project / DIRECTORY / "files").iterdir())
    assert len(entries) == 40  # no temporary files left behind
    for entry in entries:
        assert json.loads(entry.read_text())["format"] == 2
    warm = subprocess.run(
        [sys.executable, "-c", CONCURRENT],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert warm.stdout == outputs[0][0]


def test_a_mostly_cold_cache_still_answers_the_unchanged_files(project, run_cli, parses):
    """After the first files miss, the rest are looked up where they are checked (the
    workers), not skipped: unchanged files are still not parsed again."""
    (project / "pyproject.toml").write_text("[tool.imbalance-guard.code]\njobs = 1\n")
    names = [f"m{index:02}.py" for index in range(40)]
    for name in names:
        (project / name).write_text("x = 1\n")
    first = run_cli("check", "--output-format", "json")
    changed = names[:34]
    for name in changed:
        (project / name).write_text("from sklearn.model_selection import train_test_split\n")
    parses.clear()
    second = run_cli("check", "--output-format", "json")
    assert sorted(parses) == changed
    assert first.output == second.output == "[]\n"


def test_pooled_runs_fill_and_read_the_cache_identically(project, run_cli, notebook):
    """Enough files for the worker pool: the workers write the entries (notebook
    positions included) and the next run answers from them in this process."""
    make_project(project, notebook)
    for index in range(20):
        (project / f"clean_{index:02}.py").write_text(f"value_{index} = {index}\n")
    for name in ("sarif", "github"):  # both place notebook findings on .ipynb lines
        shutil.rmtree(project / DIRECTORY, ignore_errors=True)
        cold = run_cli("check", "--output-format", name)
        entries = len(list((project / DIRECTORY / "files").iterdir()))
        warm = run_cli("check", "--output-format", name)
        fresh = run_cli("check", "--output-format", name, "--no-cache")
        assert entries >= 30, name  # every code file has its entry
        assert cold.output == warm.output == fresh.output, name
        assert cold.exit_code == warm.exit_code == fresh.exit_code == 1, name
