"""One part that does not parse costs only that part: a notebook's bad cell, a script's broken
top-level statement. It is IG001 at its own cell and line; the rest is analysed as one program,
with the names the bad part may bind unknown from there on."""

from __future__ import annotations

import ast
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imbalance_guard.code.recovery import bound_names, recover_statements, statement_starts
from imbalance_guard.code.unit import UnreadableCode, parse_unit
from imbalance_guard.lines import split_lines

IMPORTS = (
    "import pandas as pd\n"
    "from imblearn.over_sampling import SMOTE\n"
    "from sklearn.model_selection import train_test_split\n"
)
LEAK = (
    "X_res, y_res = SMOTE().fit_resample(X, y)\n"
    "X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, stratify=y_res)\n"
    "model.fit(X_train, y_train)"
)


def concise(run_cli, *paths: str, options: tuple[str, ...] = ()) -> tuple[int, list[str]]:
    result = run_cli("check", "--output-format", "concise", *options, *paths)
    return result.exit_code, result.output.splitlines()


# -- notebooks -----------------------------------------------------------------------------


SPLIT = (
    "from sklearn.linear_model import LogisticRegression\n"
    "X_tr, X_te, y_tr, y_te = train_test_split(X, y)\n"
    "clf = LogisticRegression().fit(X_tr, y_tr)"
)


def fraud_notebook(broken: str = "easy.(") -> list[str]:
    """40 cells: the leak in cell 10, a broken cell 37, an unstratified split in 39."""
    cells = [IMPORTS] + [f"print({i})" for i in range(2, 10)] + [LEAK]
    cells += [f"step_{i} = {i}" for i in range(11, 37)] + [broken, "print('after')"]
    cells += [SPLIT, "print('end')"]
    return cells


def test_a_broken_cell_is_ig001_and_the_other_cells_are_still_checked(project, run_cli, notebook):
    notebook(project / "fraud.ipynb", fraud_notebook())
    status, lines = concise(run_cli, "fraud.ipynb", options=("--select", "IG3,IG202"))
    assert status == 1
    assert lines == [
        "fraud.ipynb:cell 10:2:36: IG301 `X_res` was resampled by SMOTE at cell 10, line 1 "
        "and reaches `train_test_split` at cell 10, line 2",
        "fraud.ipynb:cell 37:1:6: IG001 syntax error: invalid syntax (cell 37, line 1); "
        "the other cells are checked without this one",
        "fraud.ipynb:cell 39:2:26: IG202 `train_test_split` splits the class labels `y` "
        "without `stratify=`: the test set's class proportions are left to chance, and a "
        "rare class can be missing from it",
        "Found 3 problems.",
    ]


def test_a_file_with_a_broken_part_offers_no_fix_and_is_not_fixed(project, run_cli, notebook):
    """As ruff: fixes are not applied to a file with a syntax error."""
    path = notebook(project / "fraud.ipynb", fraud_notebook())
    before = path.read_bytes()
    shown = run_cli("check", "--select", "IG202", "fraud.ipynb")
    assert "IG202" in shown.output and "fixable" not in shown.output
    result = run_cli("check", "--fix", "--unsafe-fixes", "--select", "IG202", "fraud.ipynb")
    assert result.exit_code == 1, result.output
    assert path.read_bytes() == before
    assert "IG202" in result.output and "IG001" in result.output


def test_fix_works_in_an_export_and_keeps_its_magics(project, run_cli):
    path = project / "export.py"
    path.write_text("%matplotlib inline\n!pip install x\n" + IMPORTS + SPLIT + "\n")
    result = run_cli("check", "--fix", "--unsafe-fixes", "--select", "IG202", "export.py")
    assert result.exit_code == 0, result.output
    text = path.read_text()
    assert text.startswith("%matplotlib inline\n!pip install x\n")
    assert "train_test_split(X, y, stratify=y)" in text


def test_a_fix_that_would_break_a_statement_is_refused() -> None:
    from imbalance_guard.code.unit import parse_unit
    from imbalance_guard.fix.engine import DocumentError, _no_syntax_error

    _no_syntax_error(parse_unit(b"%time x = 1\ny = 2\n", "a.py", "python"))
    with pytest.raises(DocumentError, match="never closed"):
        _no_syntax_error(parse_unit(b"x = 1\ny = (\n", "a.py", "python"))


# -- IG001 and rule selection ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "status", "shown"),
    [
        (("--select", "IG2,IG3"), 1, True),
        (("--select", "IG301"), 1, True),
        (("--select", "IG301", "--ignore", "IG001"), 1, False),
        (("--ignore", "IG0"), 1, False),
        (("--ignore", "IG"), 1, True),  # ignoring every rule does not hide a bad file
        (("--select", "IG2,IG3", "--exit-zero"), 0, True),
    ],
)
def test_ig001_is_reported_whatever_select_says(project, run_cli, options, status, shown):
    (project / "train.py").write_text(IMPORTS + "model = fit(\n" + LEAK + "\n")
    result = run_cli("check", "--output-format", "concise", *options, "train.py")
    assert ("IG001" in result.output) is shown, result.output
    assert result.exit_code == status


def test_ig001_of_a_whole_file_also_shows_under_select(project, run_cli):
    (project / "broken.py").write_text("def f(:\n    pass\n")
    result = run_cli("check", "--select", "IG3", "broken.py")
    assert result.exit_code == 1
    assert "broken.py:1:7: IG001 syntax error: invalid syntax" in result.output


def test_noqa_per_file_ignores_and_the_baseline_silence_a_broken_statement(project, run_cli):
    (project / "a.py").write_text(IMPORTS + "model = fit(  # noqa: IG001\nx = 1\n")
    assert run_cli("check", "--select", "IG3", "a.py").exit_code == 0
    (project / "b.py").write_text(IMPORTS + "model = fit(\nx = 1\n")
    (project / "pyproject.toml").write_text(
        '[tool.imbalance-guard]\nper-file-ignores = {"b.py" = ["IG001"]}\n'
    )
    assert run_cli("check", "b.py").exit_code == 0
    (project / "pyproject.toml").unlink()
    assert run_cli("check", "--write-baseline", "base.json", "b.py").exit_code == 0
    assert run_cli("check", "--baseline", "base.json", "b.py").exit_code == 0
    assert run_cli("check", "b.py").exit_code == 1


def test_the_ig001_of_a_cell_names_its_cell_and_line(project, run_cli, notebook):
    notebook(project / "nb.ipynb", ["x = 1", "y = 2\nz = (3,\n"])
    status, lines = concise(run_cli, "nb.ipynb")
    assert status == 1
    assert lines[0] == (
        "nb.ipynb:cell 2:2:5: IG001 syntax error: '(' was never closed (cell 2, line 2); "
        "the other cells are checked without this one"
    )


def test_names_bound_in_the_bad_cell_are_unknown_afterwards(project, run_cli, notebook):
    cells = [
        IMPORTS,
        "X_res, y_res = SMOTE().fit_resample(X, y)",
        "X_res = clean(\n",
        "a, b, c, d = train_test_split(X_res, y_res, stratify=y)\nmodel.fit(a, c)",
    ]
    notebook(project / "nb.ipynb", cells)
    status, lines = concise(run_cli, "nb.ipynb", options=("--select", "IG301"))
    assert status == 1
    # `X_res` may be anything after cell 3; `y_res` is still SMOTE's output.
    assert lines[1].startswith("nb.ipynb:cell 4:1:14: IG301 `y_res` was resampled by SMOTE")
    assert not any("`X_res`" in line for line in lines)


def test_several_broken_cells_each_report(project, run_cli, notebook):
    notebook(project / "nb.ipynb", [IMPORTS, "a = (", LEAK, "def f(:\n  pass", "b = 1"])
    status, lines = concise(run_cli, "nb.ipynb")
    assert status == 1
    assert [line.split(": ")[0] for line in lines[:-1]] == [
        "nb.ipynb:cell 2:1:5",
        "nb.ipynb:cell 3:2:36",
        "nb.ipynb:cell 4:1:7",
    ]


def test_a_notebook_that_is_all_broken_is_one_ig001(project, run_cli, notebook):
    notebook(project / "nb.ipynb", ["def f(:\n  pass"])
    status, lines = concise(run_cli, "nb.ipynb")
    assert status == 1
    assert lines == [
        "nb.ipynb:cell 1:1:7: IG001 syntax error: invalid syntax (cell 1, line 1)",
        "Found 1 problem.",
    ]


def test_a_bad_cell_in_the_sarif_report_points_into_the_notebook_file(project, run_cli, notebook):
    notebook(project / "nb.ipynb", ["x = 1", "y = (\n"])
    result = run_cli("check", "--output-format", "sarif", "nb.ipynb")
    assert result.exit_code == 1
    region = json.loads(result.output)["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "region"
    ]
    text = (project / "nb.ipynb").read_text().splitlines()
    assert '"y = (\\n"' in text[region["startLine"] - 1]


# -- scripts ---------------------------------------------------------------------------------


def test_a_broken_statement_in_a_script_costs_only_that_statement(project, run_cli):
    text = IMPORTS + "model = train(X, y,\n" + LEAK + "\n"
    (project / "train.py").write_text(text)
    status, lines = concise(run_cli, "train.py")
    assert status == 1
    assert lines[0] == (
        "train.py:4:14: IG001 syntax error: '(' was never closed (line 4); the rest of the "
        "file is checked without line 4"
    )
    assert lines[1].startswith("train.py:6:36: IG301 `X_res` was resampled by SMOTE at line 5")


def test_a_broken_function_is_left_out_whole(project, run_cli):
    text = IMPORTS + "@cache\ndef load(:\n    return 1\n\n" + LEAK + "\n"
    (project / "train.py").write_text(text)
    status, lines = concise(run_cli, "train.py")
    assert status == 1
    assert "the rest of the file is checked without lines 4-6" in lines[0]
    assert lines[1].startswith("train.py:9:36: IG301")


@pytest.mark.parametrize(
    "text",
    [
        "def f(:\n    pass\n",  # nothing else to check
        "print 'a'\nprint 'b'\nprint 'c'\nprint 'd'\nprint 'e'\nprint 'f'\nx = 1\n",  # Python 2
    ],
)
def test_when_recovery_is_not_worth_it_the_file_is_one_ig001(text):
    with pytest.raises(UnreadableCode) as caught:
        parse_unit(text.encode(), "x.py", "python")
    assert str(caught.value).startswith("syntax error:")
    assert "checked without" not in str(caught.value)


def test_a_cut_inside_a_string_is_widened_or_refused() -> None:
    # `text at column 0` looks like a statement but is inside a string: the cut of the
    # broken line must not leave the string open.
    lines = ['doc = """', "text at column 0", '"""', "x = (", "y = 1"]
    error = _error(lines)
    result = recover_statements(lines, error, "x.py")
    assert result is not None
    _, program, broken = result
    assert [(p.first, p.last) for p in broken] == [(4, 4)]
    assert program[:3] == lines[:3] and program[4] == "y = 1"


def test_statement_starts_skip_continuations_and_decorated_definitions() -> None:
    lines = ["@dec", "def f():", "    pass", "if a:", "    b", "else:", "    c", "", "# x", "z"]
    assert statement_starts(lines) == [1, 4, 10]


def _error(lines: list[str]) -> SyntaxError:
    try:
        ast.parse("\n".join(lines) + "\n")
    except SyntaxError as exc:
        return exc
    raise AssertionError("expected a syntax error")


# -- which names a broken part may bind ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("X_res, y_res = f(", ["X_res", "y_res"]),
        ("df['a'] = (", ["df"]),
        ("df.loc[m, 'c'] = 1 +", ["df", "m"]),
        ("total += (", ["total"]),
        ("for i, row in rows:\n    x = row +", ["i", "row", "x"]),
        (
            "import numpy as np, pandas\nfrom a import (b, c as d)\nx = (",
            ["np", "pandas", "b", "d", "x"],
        ),
        ("def helper(:\n    inner = 1", ["helper"]),
        ("class Model(:\n    attr = 1", ["Model"]),
        ("with open(p) as fh:\n    data = fh.read(", ["fh", "data"]),
        ("easy.(", []),
        ("f(a=1,\nX_res = 3", ["X_res"]),  # after a bracket that never closes
        ("if (n := len(x)) >", ["n"]),
        ("x == (", []),
        ("del cache[", ["cache"]),
    ],
)
def test_bound_names(text: str, names: list[str]) -> None:
    assert sorted(bound_names(text)) == sorted(names)


@given(st.text(alphabet=st.sampled_from(list("ab=(),:.[]# \n'\"\\+x1")), max_size=60))
def test_bound_names_never_fails_and_gives_identifiers(text: str) -> None:
    names = bound_names(text)
    assert all(name.isidentifier() for name in names)
    assert len(names) == len(set(names))


@given(
    st.lists(
        st.sampled_from(
            [
                "x = 1",
                "y = (",
                "def f(:",
                "    pass",
                "if x:",
                "    z = 2",
                '"""',
                "text",
                "else:",
                "@dec",
                "print(x)",
                ")",
                "w = !ls",
                "%time",
                "a = [",
                "]",
            ]
        ),
        max_size=12,
    )
)
def test_a_script_either_recovers_to_the_same_lines_or_is_one_ig001(lines: list[str]) -> None:
    """Whatever the text: no crash, every line keeps its number, what is analysed parses,
    and every line outside the parts left out is the file's own (or a neutralised magic)."""
    text = "\n".join(lines) + "\n"
    try:
        unit = parse_unit(text.encode(), "x.py", "python")
    except UnreadableCode as exc:
        assert str(exc).startswith(("syntax error:", "cannot parse:"))
        return
    program = split_lines(unit.source)
    assert len(program) == len(split_lines(text))
    ast.parse(unit.source)
    left_out = {n for p in unit.unparsed for n in range(p.first, p.last + 1)}
    for number, (mine, theirs) in enumerate(zip(program, lines, strict=False), start=1):
        if number not in left_out:
            assert mine == theirs or mine.lstrip().startswith("pass  # ipython:")
    for part in unit.unparsed:
        assert part.first <= part.line <= part.last


def test_the_corpus_cases_with_broken_parts_report_them_beside_their_leaks(project, run_cli):
    """The labeled corpus scores IG3xx only; here, the IG001s of its broken cases."""
    from corpus_support import CORPORA

    names = [
        "nb_broken_cell37_leak.ipynb",
        "script_broken_statement_leak.py",
        "nb_r_kernel_ok.ipynb",
        "nb_automagic_leak.ipynb",
        "export_magics_smote_first.py",
    ]
    for name in names:
        (project / name).write_bytes((CORPORA / "leakage" / name).read_bytes())
    result = run_cli("check", "--select", "IG3", "--output-format", "concise", "-v", *names)
    unreadable = [line for line in result.output.splitlines() if " IG001 " in line]
    assert [line.split(" IG001 ")[0] for line in unreadable] == [
        "nb_broken_cell37_leak.ipynb:cell 37:2:39:",
        "script_broken_statement_leak.py:11:22:",
    ]
    notes = run_cli("check", "--select", "IG3", "-v", "nb_r_kernel_ok.ipynb")
    assert notes.exit_code == 0
    assert "nb_r_kernel_ok.ipynb: skipped: its kernel language is R, not Python" in notes.output


def test_a_whole_file_syntax_error_shows_its_line_and_obeys_noqa(project, run_cli, notebook):
    (project / "loud.py").write_text("def f(:\n    pass\n")
    (project / "quiet.py").write_text("def f(:  # noqa: IG001\n    pass\n")
    notebook(project / "quiet.ipynb", ["def f(:  # noqa: IG001\n  pass"])
    result = run_cli("check", "loud.py", "quiet.py", "quiet.ipynb")
    assert result.exit_code == 1
    assert "loud.py:1:7: IG001 syntax error: invalid syntax" in result.output
    assert "1 | def f(:" in result.output  # the snippet of the line
    assert "quiet" not in result.output


CELL_LINES = [
    "x = 1",
    "y = (",
    "def f(:",
    "    pass",
    "if x:",
    "    z = 2",
    "print(x)",
    ")",
    "%time x",
    "!ls",
    "pip install x",
    "ls",
    "cd ..",
    "a, b = f(x)",
    '"""',
    "é = 'ü'",
]


@given(st.lists(st.lists(st.sampled_from(CELL_LINES), max_size=5), min_size=1, max_size=8))
def test_a_notebook_keeps_every_cell_and_line_whatever_its_cells_hold(cells) -> None:
    """No crash; the program has the cells' lines in place; what is analysed parses; each
    part left out is exactly one cell, and a cell left out is one that does not parse."""
    document = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {"cell_type": "code", "metadata": {}, "source": "\n".join(lines)} for lines in cells
        ],
    }
    try:
        unit = parse_unit(json.dumps(document).encode(), "nb.ipynb", "notebook")
    except UnreadableCode as exc:
        assert str(exc).startswith("syntax error:")
        return
    ast.parse(unit.source)
    program = split_lines(unit.source)
    assert len(program) == sum(max(len(lines), 1) for lines in cells)
    starts = {cell.first_line: cell for cell in unit.cells}
    for part in unit.unparsed:
        cell = starts[part.first]
        lines = cells[cell.index - 1]
        assert part.last == cell.first_line + max(len(lines), 1) - 1
        with pytest.raises(SyntaxError):
            ast.parse("\n".join(lines))
        assert unit.location(line=part.line).cell == cell.index
