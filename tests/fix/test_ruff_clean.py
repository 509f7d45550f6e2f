"""Fixed files stay clean under ruff's F (pyflakes) and I (isort) rules.

A project that runs ruff's pre-commit hook beside this one must not fail it after
``--fix``: an import a fix leaves unused goes (F401), a new name joins the
``from module import ...`` it belongs to, and a new import statement goes where
ruff's isort puts it. ruff itself is the reference (``ruff check --isolated
--select F,I``: default settings, no project configuration).
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.findings import Applicability, Fix
from imbalance_guard.fix import imports
from imbalance_guard.fix.documents import Document

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
CASES = sorted(
    p
    for folder in ("metrics", "leakage")
    for p in (CORPUS / folder).iterdir()
    if p.suffix in (".py", ".ipynb")
)


def ruff(folder: Path, *paths: str) -> dict[str, list[str]]:
    """ruff's F and I findings per file name (``[]`` for a clean file)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--isolated",
            "--select",
            "F,I",
            "--output-format",
            "json",
            "--no-cache",
            *paths,
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    found: dict[str, list[str]] = {p: [] for p in paths}
    for item in json.loads(result.stdout or "[]"):
        found.setdefault(Path(item["filename"]).name, []).append(
            f"{item['code']} {item['message']}"
        )
    return found


def test_every_fixed_corpus_file_that_was_ruff_clean_stays_clean(tmp_path, monkeypatch, run_cli):
    for case in CASES:
        shutil.copyfile(case, tmp_path / case.name)
    names = [case.name for case in CASES]
    before = ruff(tmp_path, *names)
    clean = {name for name, problems in before.items() if not problems}
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "--unsafe-fixes", *names)
    assert "Fixed" in result.output, result.output
    changed = {c.name for c in CASES if (tmp_path / c.name).read_bytes() != c.read_bytes()}
    # the check means something: many fixed files that ruff passed before
    assert len(changed & clean) >= 15, sorted(changed & clean)
    after = ruff(tmp_path, *sorted(changed))
    assert {name: after[name] for name in changed & clean if after[name]} == {}
    # and a file that was not clean gets no new kind of problem
    new = {name: set(after[name]) - set(before[name]) for name in changed - clean}
    assert {name: problems for name, problems in new.items() if problems} == {}


# -- the import edits, one shape at a time -------------------------------------------------


def fixed(source: str, module: str, name: str, near: str | None = None, path: str = "t.py") -> str:
    unit = CodeUnit(path, source, "python", raw_text=source)
    edit = imports.add_name(unit, module, name, near)
    assert edit is not None
    document = Document("python", {None: source})
    applied = document.apply([Fix((edit,), Applicability.SAFE)])
    assert applied.count == 1, applied.rejected
    return applied.document.parts[None]


@pytest.mark.parametrize(
    ("source", "module", "name", "expected"),
    [
        (  # joins the statement of the same module, in isort's order
            "from sklearn.metrics import f1_score\n",
            "sklearn.metrics",
            "balanced_accuracy_score",
            "from sklearn.metrics import balanced_accuracy_score, f1_score\n",
        ),
        (  # classes before functions (order-by-type)
            "from sklearn.model_selection import KFold, cross_val_score\n",
            "sklearn.model_selection",
            "StratifiedKFold",
            "from sklearn.model_selection import KFold, StratifiedKFold, cross_val_score\n",
        ),
        (  # a new statement between the third-party modules around it
            "import os\n\nimport numpy as np\nfrom sklearn.svm import SVC\n",
            "sklearn.metrics",
            "f1_score",
            "import os\n\nimport numpy as np\nfrom sklearn.metrics import f1_score\n"
            "from sklearn.svm import SVC\n",
        ),
        (  # only the standard library so far: a new section after a blank line
            "import os\nimport sys\n\nx = 1\n",
            "sklearn.metrics",
            "f1_score",
            "import os\nimport sys\n\nfrom sklearn.metrics import f1_score\n\nx = 1\n",
        ),
        (  # before a local section
            "import os\n\nfrom . import helpers\n",
            "sklearn.metrics",
            "f1_score",
            "import os\n\nfrom sklearn.metrics import f1_score\n\nfrom . import helpers\n",
        ),
        (  # the first import of a file: after its docstring, blank lines as isort wants
            '"""Doc."""\ndef f():\n    pass\n',
            "sklearn.metrics",
            "f1_score",
            '"""Doc."""\nfrom sklearn.metrics import f1_score\n\n\ndef f():\n    pass\n',
        ),
        (  # too long for one line: one name per line with a trailing comma
            "from sklearn.model_selection import GridSearchCV, KFold, cross_val_score, "
            "train_test_split\n",
            "sklearn.model_selection",
            "StratifiedKFold",
            "from sklearn.model_selection import (\n    GridSearchCV,\n    KFold,\n"
            "    StratifiedKFold,\n    cross_val_score,\n    train_test_split,\n)\n",
        ),
        (  # a trailing comma the user wrote keeps the statement wrapped
            "from sklearn.metrics import (\n    f1_score,\n)\n",
            "sklearn.metrics",
            "balanced_accuracy_score",
            "from sklearn.metrics import (\n    balanced_accuracy_score,\n    f1_score,\n)\n",
        ),
        (  # imports that are not sorted: the new one goes beside the one it replaces
            "from sklearn.metrics import accuracy_score\nimport os\n",
            "sklearn.metrics2",
            "f",
            "from sklearn.metrics import accuracy_score\nfrom sklearn.metrics2 import f\n"
            "import os\n",
        ),
    ],
)
def test_a_new_name_goes_where_isort_puts_it(tmp_path, source, module, name, expected):
    near = "accuracy_score" if "accuracy_score" in source else None
    out = fixed(source, module, name, near)
    assert out == expected
    if "import os\n" in source and source.index("import os") > 0:
        return  # the unsorted case: ruff would reorder the user's own lines too
    names = sorted(
        {
            a.asname or a.name.split(".")[0]
            for n in ast.walk(ast.parse(out))
            if isinstance(n, ast.Import | ast.ImportFrom)
            for a in n.names
        }
    )
    (tmp_path / "t.py").write_text(out + f"\nprint({', '.join(names)})\n")
    assert ruff(tmp_path, "t.py") == {"t.py": []}


def test_an_import_made_unused_is_removed_with_its_blank_line(tmp_path, monkeypatch, run_cli):
    source = (
        "import os\n\n"
        "from sklearn.metrics import accuracy_score\n\n"
        "print(os.sep, accuracy_score(y_test, clf.predict(X_test)))\n"
    )
    (tmp_path / "a.py").write_text(source)
    monkeypatch.chdir(tmp_path)
    assert run_cli("check", "--unsafe-fixes", "--select", "IG201", "a.py").exit_code == 0
    assert (tmp_path / "a.py").read_text() == (
        "import os\n\n"
        "from sklearn.metrics import balanced_accuracy_score\n\n"
        "print(os.sep, balanced_accuracy_score(y_test, clf.predict(X_test)))\n"
    )


def test_an_import_still_used_elsewhere_stays(tmp_path, monkeypatch, run_cli):
    # one call is fixed, the other is the user's to keep (noqa): accuracy_score stays
    source = (
        "from sklearn.metrics import accuracy_score\n"
        "print(accuracy_score(y_test, clf.predict(X_test)))\n"
        "print(accuracy_score(y_test, clf.predict(X_test)))  # noqa: IG201\n"
    )
    (tmp_path / "a.py").write_text(source)
    monkeypatch.chdir(tmp_path)
    run_cli("check", "--unsafe-fixes", "--select", "IG201", "a.py")
    assert (
        (tmp_path / "a.py")
        .read_text()
        .startswith("from sklearn.metrics import accuracy_score, balanced_accuracy_score\n")
    )


def test_an_import_unused_before_the_fix_is_left_alone(tmp_path, monkeypatch, run_cli):
    source = (
        "from sklearn.metrics import accuracy_score, recall_score\n"
        "print(accuracy_score(y_test, clf.predict(X_test)))\n"
    )
    (tmp_path / "a.py").write_text(source)
    monkeypatch.chdir(tmp_path)
    # recall_score was never used: F401 was already the user's; only accuracy_score goes
    run_cli("check", "--unsafe-fixes", "--select", "IG201", "a.py")
    text = (tmp_path / "a.py").read_text()
    assert text.startswith("from sklearn.metrics import balanced_accuracy_score, recall_score\n")


def test_notebook_cells_are_all_searched_for_uses(tmp_path, monkeypatch, run_cli, notebook):
    path = notebook(
        tmp_path / "nb.ipynb",
        [
            "from sklearn.model_selection import KFold, cross_val_score\n"
            "from sklearn.svm import SVC",
            "kf = KFold(5, shuffle=True)\nprint(cross_val_score(SVC(), X, y, cv=kf, scoring='f1'))",
            "print(KFold)",  # a later cell still uses KFold
        ],
    )
    monkeypatch.chdir(tmp_path)
    run_cli("check", "--unsafe-fixes", "--select", "IG202", "nb.ipynb")
    cells = json.loads(path.read_text())["cells"]
    assert "".join(cells[0]["source"]).startswith(
        "from sklearn.model_selection import KFold, StratifiedKFold, cross_val_score\n"
    )
    assert "kf = StratifiedKFold(5, shuffle=True)" in "".join(cells[1]["source"])


def test_an_import_inside_a_function_left_empty_becomes_pass(tmp_path, monkeypatch, run_cli):
    source = (
        "def score(clf, X_test, y_test):\n"
        "    from sklearn.metrics import accuracy_score\n"
        "    return accuracy_score(y_test, clf.predict(X_test))\n"
    )
    unit_before = CodeUnit("a.py", source, "python", raw_text=source)
    after = source.replace("return accuracy_score", "return balanced_accuracy_score")
    unit_after = CodeUnit("a.py", after, "python", raw_text=after)
    assert imports.made_unused(unit_before, unit_after) == {"accuracy_score"}
    [edit] = imports.removals(unit_after, {"accuracy_score"})
    assert (edit.line, edit.content) == (2, "")  # the line goes: the body keeps its return


# -- the property: any block ruff's isort accepts still passes after a name is added ----------

MODULES = [
    ("import", "os", None),
    ("import", "sys", None),
    ("import", "numpy", "np"),
    ("import", "pandas", "pd"),
    ("from", "collections", "Counter"),
    ("from", "sklearn.metrics", "f1_score"),
    ("from", "sklearn.metrics", "recall_score"),
    ("from", "sklearn.model_selection", "KFold"),
    ("from", "sklearn.model_selection", "train_test_split"),
    ("from", "sklearn.pipeline", "FeatureUnion"),
    ("from", "imblearn.over_sampling", "SMOTE"),
    ("from", "xgboost", "XGBClassifier"),
    ("from", "__future__", "annotations"),
]
ADDED = [
    ("sklearn.metrics", "balanced_accuracy_score"),
    ("sklearn.model_selection", "StratifiedKFold"),
    ("imblearn.pipeline", "Pipeline"),
    ("aaa", "first"),
    ("zzz", "last"),
]


def _sorted_by_ruff(folder: Path, lines: list[str]) -> str:
    path = folder / "t.py"
    path.write_text("\n".join(lines) + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--isolated",
            "--select",
            "I",
            "--fix",
            "--no-cache",
            "-q",
            "t.py",
        ],
        cwd=folder,
        capture_output=True,
        check=False,
    )
    return path.read_text()


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    chosen=st.lists(st.sampled_from(MODULES), min_size=1, max_size=7, unique=True),
    added=st.sampled_from(ADDED),
    docstring=st.booleans(),
    body=st.sampled_from(["x = 1", "def f():\n    return 1", "class C:\n    pass"]),
)
def test_adding_a_name_to_any_isort_clean_block_stays_clean(
    tmp_path, chosen, added, docstring, body
):
    lines = ['"""Doc."""'] if docstring else []
    for kind, module, name in chosen:
        if kind == "import":
            lines.append(f"import {module}" + (f" as {name}" if name else ""))
        else:
            lines.append(f"from {module} import {name}")
    bound = [name or module for _, module, name in chosen if module != "__future__"]
    lines += [body, f"print({', '.join(bound)})"]
    source = _sorted_by_ruff(tmp_path, lines)
    out = fixed(source, *added)
    (tmp_path / "t.py").write_text(out + f"print({added[1]})\n")
    assert ruff(tmp_path, "t.py") == {"t.py": []}, out


def test_a_name_an_ipython_line_mentions_is_kept(tmp_path, monkeypatch, run_cli, notebook):
    path = notebook(
        tmp_path / "nb.ipynb",
        [
            "from sklearn.metrics import accuracy_score",
            "print(accuracy_score(y_test, clf.predict(X_test)))",
            "%timeit accuracy_score(y_test, clf.predict(X_test))",
        ],
    )
    monkeypatch.chdir(tmp_path)
    run_cli("check", "--unsafe-fixes", "--select", "IG201", "nb.ipynb")
    cells = json.loads(path.read_text())["cells"]
    assert "".join(cells[0]["source"]) == (
        "from sklearn.metrics import accuracy_score, balanced_accuracy_score"
    )
