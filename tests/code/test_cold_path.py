"""A cold run does no work a finding cannot come from: files that import no machine-learning
library get no data-flow analysis, and clean files are not split into lines."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imbalance_guard.code import library
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.discover import Target
from imbalance_guard.run import build_run
from imbalance_guard.runner import Runner


@pytest.fixture(scope="module")
def runner() -> Runner:
    return build_run(config=Config(), load_entry_points=False).runner(cache=False)


def _unit(source: str) -> CodeUnit:
    return CodeUnit("a.py", source, "python", raw_text=source)


def _lint(runner: Runner, unit: CodeUnit):
    outcome = runner.lint_unit(Target(None, unit.path, "python"), unit)  # type: ignore[arg-type]
    assert not runner.errors
    return outcome


def test_a_file_naming_no_ml_package_is_answered_without_collecting_its_imports():
    unit = _unit("import numpy as np\n\ndef sample(x):\n    return np.asarray(x)\n")
    assert library.imports_ml(unit) is False
    assert "imports" not in vars(unit)  # the tree was not walked for its imports


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from sklearn.metrics import f1_score\n", True),
        ("import imblearn.over_sampling as ovs\n", True),
        ("from tensorflow import keras\n", True),
        ("from sklearn.metrics import *\n", True),
        ("x = 'sklearn is mentioned, not imported'\n", False),
        ("from .sklearn_compat import fit\n", False),  # a relative import of a local module
        # Python folds identifiers to NFKC: a full-width letter still imports sklearn.
        ("import \uff53klearn\n", True),
    ],
)
def test_imports_ml_agrees_with_the_import_statements(source, expected):
    assert library.imports_ml(_unit(source)) is expected


def test_the_leakage_rules_do_not_analyse_a_file_without_ml_imports(runner):
    # pandas' own upsampling, no scikit-learn anywhere: no split or CV to leak into.
    unit = _unit(
        "import pandas as pd\n"
        "df = pd.read_csv('d.csv')\n"
        "up = df.sample(frac=2, replace=True)\n"
        "up.groupby('pipeline').size()\n"
    )
    outcome = _lint(runner, unit)
    assert outcome.findings == []
    assert "flow" not in vars(unit)


def test_a_search_of_another_library_is_still_analysed(runner):
    # No scikit-learn import, but a *SearchCV fitted on upsampled rows is still IG301.
    unit = _unit(
        "from skopt import BayesSearchCV\n"
        "up = df.sample(frac=2, replace=True)\n"
        "BayesSearchCV(model, space).fit(up.drop(columns='y'), up['y'])\n"
    )
    outcome = _lint(runner, unit)
    assert [f.code for f in outcome.findings] == ["IG301"]


def test_a_clean_file_keeps_no_lines_and_a_file_with_findings_keeps_them(runner):
    clean = _unit("from sklearn.metrics import f1_score\nprint(f1_score(y, p))\n")
    assert _lint(runner, clean).sources == {}
    leaky = _unit(
        "from sklearn.metrics import accuracy_score\n"
        "print(accuracy_score(y, p))  # noqa: IG201\n"
        "print(accuracy_score(y, q))\n"
    )
    outcome = _lint(runner, leaky)
    # the suppression comment on line 2 was still read
    assert [f.location.line for f in outcome.findings] == [3]
    assert outcome.sources == {("a.py", None): leaky.lines}


def test_findings_show_their_source_line_in_the_report(project, run_cli):
    (project / "a.py").write_text(
        "from sklearn.metrics import accuracy_score\nprint(accuracy_score(y, p))\n"
    )
    (project / "clean.py").write_text("x = 1\n")
    result = run_cli("check", "--output-format", "json", ".")
    [finding] = json.loads(result.output)
    assert finding["filename"].endswith("a.py")
    text = run_cli("check", ".").output
    assert "print(accuracy_score(y, p))" in text  # the line, as the text format shows it


def test_each_gate_is_asked_once_per_file_whatever_the_number_of_rules(runner, monkeypatch):
    # IG201, IG202, IG203, IG301, IG302 and IG303 all ask the same questions of a file.
    asked: dict[str, int] = {}

    def counted(name):
        real = getattr(library, name)

        def question(unit):
            asked[name] = asked.get(name, 0) + 1
            return real(unit)

        monkeypatch.setattr(library, name, question)

    for name in ("_imports_ml", "_might_resample", "_imports_project"):
        counted(name)
    unit = _unit(
        "from imblearn.over_sampling import SMOTE\n"
        "from sklearn.model_selection import train_test_split\n"
        "from sklearn.pipeline import Pipeline\n"
        "X_res, y_res = SMOTE().fit_resample(X, y)\n"
        "X_train, X_test, y_train, y_test = train_test_split(X_res, y_res)\n"
        "model.fit(X_train, y_train)\n"
        "print(model.score(X_test, y_test))\n"
    )
    codes = sorted(f.code for f in _lint(runner, unit).findings)
    assert codes == ["IG301"]
    assert asked == {"_imports_ml": 1, "_might_resample": 1}  # ML imports: no project look-up
    no_ml = _unit("import pandas as pd\nup = pd.concat([df, df])\n")
    assert _lint(runner, no_ml).findings == []
    assert asked == {"_imports_ml": 2, "_might_resample": 2, "_imports_project": 1}


def test_a_gate_answer_belongs_to_its_unit():
    # Two units, one answer each: nothing is shared between files or across re-parses.
    with_ml, without = _unit("import sklearn\n"), _unit("import numpy\n")
    assert [library.imports_ml(u) for u in (with_ml, without, with_ml)] == [True, False, True]


_WORDS = ["sampl", "SAMPL", "Smote", "smote", "repeat", "Repeat", "tile", "concat", "append"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from([*_WORDS, "fit_transform", "\u017fmote", "\u212a", "\u0130"]),
            st.text(max_size=8),
        ),
        max_size=8,
    ).map("".join)
)
def test_the_resampling_words_test_is_the_regular_expression(source: str) -> None:
    # Substring tests stand for the case-insensitive pattern: the same answer for any
    # text, non-ASCII letters whose case folds to ASCII included.
    assert library.might_resample(source) is (library._RESAMPLING_WORDS.search(source) is not None)
