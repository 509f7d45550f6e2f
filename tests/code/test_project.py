"""Project-wide analysis: functions imported from the project's own modules are seen at
their call sites, whether the whole project or one file of it is checked."""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus_support import labels, run_corpus

from imbalance_guard.code import project
from imbalance_guard.config import Config
from imbalance_guard.run import build_run

FRAUD = Path(__file__).resolve().parents[1] / "corpus" / "projects" / "fraud"
CODES = ("IG201", "IG202", "IG301", "IG302", "IG303")
NOTEBOOK = "notebooks/fraud_analysis.ipynb"


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in (".py", ".ipynb"))


def _expected(paths: list[Path]) -> set:
    return {key for path in paths for key in labels(path)}


@pytest.fixture
def fraud(tmp_path: Path) -> Path:
    """A copy of the project, free to edit."""
    return Path(shutil.copytree(FRAUD, tmp_path / "fraud"))


def test_the_whole_project_reports_exactly_the_labelled_lines():
    paths = _files(FRAUD)
    assert run_corpus(paths, CODES).found == _expected(paths)


def test_the_notebook_checked_alone_gets_the_verdict_of_the_whole_project():
    notebook = FRAUD / NOTEBOOK
    alone = run_corpus([notebook], CODES).found
    whole = {key for key in run_corpus(_files(FRAUD), CODES).found if key[0] == notebook.name}
    assert alone == whole == _expected([notebook])
    assert {(cell, line) for _, cell, line, _ in alone} == {(3, 2), (3, 3)}


def test_the_message_names_the_imported_helper_and_its_file():
    run = build_run(config=Config(), load_entry_points=False, select=("IG301",))
    report = run.runner(cache=False).run([FRAUD / NOTEBOOK])
    messages = sorted(f.message for f in report.findings)
    assert any(
        "inside `modelling.validate.score_model()`" in m and "modelling/validate.py" in m
        for m in messages
    ), messages
    # The suggestion never quotes text from the notebook at the helper's positions.
    assert all(
        "help" not in (f.suggestion or "") or "ons.c" not in f.suggestion for f in report.findings
    )


def test_checking_never_writes_the_imported_modules():
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in _files(FRAUD)}
    run_corpus([FRAUD / NOTEBOOK], CODES)
    assert before == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in _files(FRAUD)}


def test_a_metrics_helper_without_imbalance_aware_metrics_leaves_ig201(fraud: Path):
    notebook = fraud / NOTEBOOK  # accuracy_score and print_metrics(...) are all it shows
    assert run_corpus([notebook], ("IG201",)).found == set()
    (fraud / "metrics_utils.py").write_text(
        "from sklearn.metrics import accuracy_score\n\n\n"
        "def print_metrics(y_true, y_pred):\n"
        "    print(accuracy_score(y_true, y_pred))\n",
        encoding="utf-8",
    )
    found = run_corpus([notebook], ("IG201",)).found
    assert found == {("fraud_analysis.ipynb", 4, 3, "IG201")}


def test_an_unresolved_or_broken_module_is_an_unknown_call(fraud: Path):
    (fraud / "resampling" / "smote.py").write_text("def apply(:\n", encoding="utf-8")
    found = run_corpus([fraud / NOTEBOOK], ("IG301",)).found
    assert found == set()  # nothing known about apply: no leak claimed, no traceback
    (fraud / "resampling" / "smote.py").unlink()
    assert run_corpus([fraud / NOTEBOOK], ("IG301",)).found == set()


def test_import_cycles_terminate(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "a.py").write_text(
        "from b import g\nfrom a import f\n\n\ndef f(x, y):\n    return g(x, y)\n",
        encoding="utf-8",
    )
    (tmp_path / "b.py").write_text(
        "from imblearn.over_sampling import SMOTE\nfrom a import f\n\n\n"
        "def g(x, y):\n    if x is None:\n        return f(x, y)\n"
        "    return SMOTE().fit_resample(x, y)\n",
        encoding="utf-8",
    )
    main = tmp_path / "main.py"
    main.write_text(
        "from sklearn.model_selection import train_test_split\nfrom a import f\n\n"
        "X_r, y_r = f(X, y)\n"
        "X_a, X_b, y_a, y_b = train_test_split(X_r, y_r)\nmodel.fit(X_a, y_a)\n",
        encoding="utf-8",
    )
    assert run_corpus([main], ("IG301",)).found == {("main.py", None, 5, "IG301")}


def test_relative_imports_and_package_reexports(tmp_path: Path):
    (tmp_path / ".git").mkdir()
    package = tmp_path / "src" / "pkg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("from .sampling import up\n", encoding="utf-8")
    (package / "sampling.py").write_text(
        "from imblearn.over_sampling import RandomOverSampler\n\n\n"
        "def up(x, y):\n    return RandomOverSampler().fit_resample(x, y)\n",
        encoding="utf-8",
    )
    (package / "train.py").write_text(
        "from sklearn.model_selection import train_test_split\n\nfrom . import sampling\n\n\n"
        "def go(x, y):\n    xs, ys = sampling.up(x, y)\n    return train_test_split(xs, ys)\n",
        encoding="utf-8",
    )
    script = tmp_path / "run.py"
    script.write_text(
        "from sklearn.model_selection import cross_val_score\nfrom pkg import up\n\n"
        "X2, y2 = up(X, y)\ncross_val_score(model, X2, y2)\n",
        encoding="utf-8",
    )
    found = run_corpus([script, package / "train.py"], ("IG301",)).found
    assert found == {("run.py", None, 5, "IG301"), ("train.py", None, 8, "IG301")}


def test_editing_an_imported_module_invalidates_the_importers_cached_result(
    fraud: Path, monkeypatch
):
    monkeypatch.setenv("IMBALANCE_GUARD_CACHE_DIR", str(fraud.parent / "cache"))
    monkeypatch.delenv("IMBALANCE_GUARD_NO_CACHE", raising=False)
    notebook = fraud / NOTEBOOK

    def check() -> set[tuple[int | None, int | None]]:
        run = build_run(config=Config(root=fraud), load_entry_points=False, select=("IG301",))
        report = run.runner(cwd=fraud).run([notebook])
        return {(f.location.cell, f.location.line) for f in report.findings}

    assert check() == {(3, 2), (3, 3)}
    assert list((fraud.parent / "cache").rglob("*.json")), "the result was cached"
    assert check() == {(3, 2), (3, 3)}  # from the cache
    (fraud / "resampling" / "smote.py").write_text(
        "def apply(features, labels, seed=0):\n    return features, labels\n", encoding="utf-8"
    )
    assert check() == set()  # the edit reached the importer: no resampling any more


def test_a_sampler_from_an_imported_factory_and_test_data_resampled_by_a_helper(tmp_path: Path):
    (tmp_path / "setup.cfg").write_text("", encoding="utf-8")
    (tmp_path / "samplers.py").write_text(
        "from imblearn.over_sampling import ADASYN, SMOTE\n\n\n"
        "def make(kind='smote'):\n"
        "    return SMOTE() if kind == 'smote' else ADASYN()\n\n\n"
        "def balance(x, y):\n    return make().fit_resample(x, y)\n",
        encoding="utf-8",
    )
    script = tmp_path / "train.py"
    script.write_text(
        "from sklearn.model_selection import train_test_split\n"
        "import samplers as s\n\n"
        "X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y)\n"
        "X_te, y_te = s.balance(X_test, y_test)\n"
        "X_r, y_r = s.make().fit_resample(X, y)\n"
        "X_a, X_b, y_a, y_b = train_test_split(X_r, y_r, stratify=y_r)\nmodel.fit(X_a, y_a)\n",
        encoding="utf-8",
    )
    found = run_corpus([script], ("IG301", "IG302")).found
    assert found == {("train.py", None, 5, "IG302"), ("train.py", None, 7, "IG301")}


def test_a_file_without_project_imports_reads_nothing(tmp_path: Path):
    from imbalance_guard.code.unit import parse_unit

    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "helpers.py").write_text("def f(x):\n    return x\n", encoding="utf-8")
    script = tmp_path / "s.py"
    script.write_text("import numpy as np\nfrom sklearn.utils import resample\n", encoding="utf-8")
    unit = parse_unit(script.read_bytes(), "s.py", "python")
    unit.file = str(script)
    assert unit.flow.project is not None and unit.flow.project.read == {}


@settings(max_examples=25, deadline=None)
@example(edges=[(0, 1), (1, 0)], sampler_in=1)  # a cycle entered from both of its ends
@given(
    edges=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=8),
    sampler_in=st.integers(0, 3),
)
def test_any_import_graph_ends_and_one_file_alone_matches_the_whole_run(edges, sampler_in):
    """Modules calling each other in any graph (cycles, self-imports): the run ends without
    an error, and the script checked alone gets the verdict of the whole project."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "pyproject.toml").write_text("", encoding="utf-8")
        for index in range(4):
            calls = sorted({target for source, target in edges if source == index})
            lines = [f"from m{target} import f{target}\n" for target in calls]
            lines.append("from imblearn.over_sampling import SMOTE\n\n\n")
            lines.append(f"def f{index}(x, y):\n")
            lines += [f"    x, y = f{target}(x, y)\n" for target in calls]
            if index == sampler_in:
                lines.append("    x, y = SMOTE().fit_resample(x, y)\n")
            lines.append("    return x, y\n")
            (root / f"m{index}.py").write_text("".join(lines), encoding="utf-8")
        main = root / "main.py"
        main.write_text(
            "from sklearn.model_selection import train_test_split\nfrom m0 import f0\n\n"
            "X_r, y_r = f0(X, y)\n"
            "X_a, X_b, y_a, y_b = train_test_split(X_r, y_r, stratify=y_r)\nmodel.fit(X_a, y_a)\n",
            encoding="utf-8",
        )
        whole = run_corpus(_files(root), ("IG301",)).found
        project._MODULES.clear()  # as a new process: nothing analysed before
        alone = run_corpus([main], ("IG301",)).found
        assert alone == {key for key in whole if key[0] == "main.py"}
        if sampler_in == 0:
            assert alone == {("main.py", None, 5, "IG301")}


def test_editing_a_module_two_imports_away_invalidates_the_cached_result(tmp_path, monkeypatch):
    monkeypatch.setenv("IMBALANCE_GUARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("IMBALANCE_GUARD_NO_CACHE", raising=False)
    root = tmp_path / "p"
    root.mkdir()
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    (root / "a.py").write_text(
        "from b import g\n\n\ndef f(x, y):\n    return g(x, y)\n", encoding="utf-8"
    )
    leaky = "from imblearn.over_sampling import SMOTE\n\n\ndef g(x, y):\n"
    (root / "b.py").write_text(leaky + "    return SMOTE().fit_resample(x, y)\n", "utf-8")
    main = root / "main.py"
    main.write_text(
        "from sklearn.model_selection import train_test_split\nfrom a import f\n\n"
        "X_r, y_r = f(X, y)\n"
        "X_a, X_b, y_a, y_b = train_test_split(X_r, y_r, stratify=y_r)\nmodel.fit(X_a, y_a)\n",
        encoding="utf-8",
    )

    def check() -> list[int | None]:
        run = build_run(config=Config(root=root), load_entry_points=False, select=("IG301",))
        return [f.location.line for f in run.runner(cwd=root).run([main]).findings]

    assert check() == [5]
    assert check() == [5]
    (root / "b.py").write_text(leaky + "    return x, y\n", "utf-8")
    assert check() == []


def test_a_helper_reached_through_a_lambda_cross_validates_resampled_data(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "tuning.py").write_text(
        "from sklearn.model_selection import cross_val_score\n\n\n"
        "def objective(model, x, y):\n"
        "    return cross_val_score(model, x, y, scoring='f1').mean()\n",
        encoding="utf-8",
    )
    script = tmp_path / "search.py"
    script.write_text(
        "from imblearn.over_sampling import SMOTE\nfrom tuning import objective\n\n"
        "X_res, y_res = SMOTE().fit_resample(X, y)\n"
        "study.optimize(lambda trial: objective(make(trial), X_res, y_res), n_trials=20)\n",
        encoding="utf-8",
    )
    assert run_corpus([script], ("IG301",)).found == {("search.py", None, 5, "IG301")}


def test_the_notebook_and_its_imports_are_checked_without_the_data_stack():
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from test_lazy_imports import HEAVY, run_probe

    # utils.py imports pandas: reading it for its summary must not import it.
    result = run_probe(FRAUD, NOTEBOOK, "scripts/train_baseline.py", "--no-cache")
    assert result["code"] == 1  # the leaks were found, so the modules were read
    loaded = {m.split(".")[0] for m in result["modules"]}
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_metrics_two_helpers_deep_and_a_method_of_the_same_name(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "reporting.py").write_text(
        "from sklearn.metrics import accuracy_score, f1_score\n\n\n"
        "class Reporter:\n    def report(self, y, p):\n        print(accuracy_score(y, p))\n\n\n"
        "def _scores(y, p):\n    return f1_score(y, p)\n\n\n"
        "def report(y, p):\n    print(_scores(y, p))\n\n\n"
        "def plain(y, p):\n    print(accuracy_score(y, p))\n",
        encoding="utf-8",
    )
    script = tmp_path / "evaluate.py"
    body = (
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.metrics import accuracy_score\n"
        "import reporting as r\n\n"
        "clf = LogisticRegression().fit(X_train, y_train)\n"
        "preds = clf.predict(X_test)\n"
        "print(accuracy_score(y_test, preds))\n"
    )
    script.write_text(body + "r.report(y_test, preds)\n", encoding="utf-8")
    assert run_corpus([script], ("IG201",)).found == set()
    script.write_text(body + "r.plain(y_test, preds)\n", encoding="utf-8")
    assert run_corpus([script], ("IG201",)).found == {("evaluate.py", None, 7, "IG201")}


def test_a_huge_generated_module_is_an_unknown_call(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(project, "MAX_BYTES", 200)
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "gen.py").write_text(
        "from imblearn.over_sampling import SMOTE\n"
        + "# padding\n" * 40
        + "def up(x, y):\n    return SMOTE().fit_resample(x, y)\n",
        encoding="utf-8",
    )
    script = tmp_path / "s.py"
    script.write_text(
        "from sklearn.model_selection import train_test_split\nfrom gen import up\n\n"
        "X_r, y_r = up(X, y)\n"
        "X_a, X_b, y_a, y_b = train_test_split(X_r, y_r, stratify=y_r)\nmodel.fit(X_a, y_a)\n",
        encoding="utf-8",
    )
    assert run_corpus([script], ("IG301",)).found == set()
    monkeypatch.setattr(project, "MAX_BYTES", 2_000_000)
    assert run_corpus([script], ("IG301",)).found == {("s.py", None, 5, "IG301")}
