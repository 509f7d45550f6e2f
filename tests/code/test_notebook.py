"""Reading notebooks: cells as one program, IPython syntax neutralised, positions kept."""

from __future__ import annotations

import ast
import json

import pytest

from imbalance_guard.code.notebook import NotebookError, read_notebook


def notebook(*cells: object, nbformat: int = 4) -> str:
    out = []
    for cell in cells:
        kind, source = cell if isinstance(cell, tuple) else ("code", cell)
        out.append({"cell_type": kind, "source": source, "metadata": {}})
    return json.dumps({"nbformat": nbformat, "nbformat_minor": 5, "metadata": {}, "cells": out})


def program(*cells: object) -> str:
    return read_notebook(notebook(*cells))[1]


def test_code_cells_join_in_order_and_keep_their_index() -> None:
    cells, source = read_notebook(notebook(("markdown", "# Title"), "a = 1\nb = 2", "c = a"))
    assert [(c.index, c.first_line) for c in cells] == [(2, 1), (3, 3)]
    assert source == "a = 1\nb = 2\nc = a\n"


def test_source_given_as_list_of_lines() -> None:
    assert program(["x = 1\n", "y = x\n"]) == "x = 1\ny = x\n"


@pytest.mark.parametrize(
    "line",
    [
        "%matplotlib inline",
        "!pip install -q imbalanced-learn",
        "files = !ls",
        "df.head?",
        "??SMOTE",
        "x = %time f()",
        "%load_ext autoreload",
    ],
)
def test_ipython_lines_become_pass(line: str) -> None:
    source = program(f"{line}\nz = 1")
    ast.parse(source)
    assert source.splitlines()[0].lstrip().startswith("pass")
    assert source.splitlines()[1] == "z = 1"


def test_indented_magic_keeps_the_block_valid() -> None:
    ast.parse(program("if True:\n    !pip install x\n"))


def test_modulo_continuation_line_is_python_not_a_magic() -> None:
    source = program('msg = ("value %d"\n       % count)\nflag = (a\n!= b)')
    ast.parse(source)
    assert "% count" in source and "pass" not in source


def test_magic_inside_a_long_string_is_left_alone() -> None:
    source = program('doc = """\n%not a magic\n"""\n%matplotlib inline')
    lines = source.splitlines()
    assert lines[1] == "%not a magic" and lines[3].startswith("pass")
    ast.parse(source)


def test_cell_magics() -> None:
    source = program("%%time\nx = 1", "%%bash\necho hi\nls", "y = x")
    ast.parse(source)
    assert "x = 1" in source and "echo" not in source.replace("# ipython", "")
    assert source.splitlines()[-1] == "y = x"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("not json", "not valid JSON"),
        ('{"cells": 3}', "no 'cells' list"),
        (notebook("a = 1", nbformat=3), "nbformat 3"),
        ('{"nbformat": 4, "cells": [1]}', "cell 1 is not an object"),
        ('{"nbformat": 4, "cells": [{"cell_type": "code", "source": 3}]}', "neither a string"),
    ],
)
def test_bad_notebooks_say_why(text: str, reason: str) -> None:
    with pytest.raises(NotebookError, match=reason):
        read_notebook(text)


def test_location_maps_program_lines_to_cells(tmp_path) -> None:
    from imbalance_guard.code.unit import load_unit

    path = tmp_path / "nb.ipynb"
    path.write_text(notebook(("markdown", "hi"), "import os\n%pwd", "x = os.getcwd()"))
    unit = load_unit(path, "nb.ipynb", "notebook")
    call = unit.tree.body[-1].value
    where = unit.location(call)
    assert (where.cell, where.line, where.column) == (3, 1, 5)
    assert unit.describe_line(call.lineno) == "cell 3, line 1"


@pytest.mark.parametrize(
    "line",
    [
        "pip install imbalanced-learn",
        "cd ../data",
        "cd ..",
        "matplotlib inline",
        "load_ext autoreload",
        "autoreload 2",
        "conda install -y xgboost",
        "time model.fit(X, y)",
    ],
)
def test_automagic_lines_are_magics(line: str) -> None:
    source = program(f"import os\n{line}\nz = 1")
    ast.parse(source)
    assert source.splitlines()[1] == f"pass  # ipython: {line}"


@pytest.mark.parametrize(
    "cell",
    [
        "ls = [1, 2]\nls",  # a variable named like a magic
        "ls -la",  # parses as Python (a subtraction): Python it stays
        "pwd",
        "cd = {'a': 1}\ncd['a']",
        "run(\n    model, data\n)",
        "time = (\n  3)",
        "history (x)",
    ],
)
def test_python_named_like_a_magic_stays_python(cell: str) -> None:
    assert program(cell) == cell + "\n"


def test_an_automagic_line_inside_a_bracket_is_not_a_magic() -> None:
    assert program("x = f(\n  cd ..\n)") == "x = f(\n  cd ..\n)\n"


def test_deep_json_outside_the_sources_does_not_stop_the_position_scan(project, run_cli):
    """json.loads takes a nesting depth a Python-level walker would not; the scanner of
    source positions skips everything but the cells' sources with the C decoder."""
    from imbalance_guard.code.notebook_spans import source_spans

    deep = "[" * 700 + "]" * 700
    text = (
        '{"nbformat": 4, "nbformat_minor": 5, "metadata": {"x": ' + deep + '}, "cells": ['
        '{"cell_type": "code", "metadata": {}, "execution_count": ' + deep + ', "outputs": [],'
        ' "source": ["from imblearn.over_sampling import SMOTE\\n",'
        ' "from sklearn.model_selection import train_test_split\\n",'
        ' "Xr, yr = SMOTE().fit_resample(X, y)\\n",'
        ' "a, b, c, d = train_test_split(Xr, yr)\\n",'
        ' "model.fit(a, c)"]}]}'
    )
    json.loads(text)
    assert [value for _, value in source_spans(text)[1].strings][3].startswith("a, b")
    (project / "deep.ipynb").write_text(text)
    result = run_cli("check", "--select", "IG301", "--output-format", "sarif", "deep.ipynb")
    assert result.exit_code == 1, result.output
    [finding] = json.loads(result.output)["runs"][0]["results"]
    region = finding["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 1 and text[region["startColumn"] - 1 :].startswith("train_")


def test_json_too_deep_even_for_the_decoder_is_a_value_error() -> None:
    from imbalance_guard.code.notebook_spans import source_spans

    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(ValueError):
        source_spans('{"cells": [{"source": ' + deep + "}]}")
