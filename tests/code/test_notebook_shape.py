"""Notebook JSON is validated before use: a malformed notebook is IG001 saying what is wrong,
never an internal error; a notebook for another language is skipped, as ruff does."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imbalance_guard.code.notebook import NotebookError, NotPythonNotebook, read_notebook

CELL = {"cell_type": "code", "metadata": {}, "source": ["x = 1\n"], "outputs": []}


def notebook(**changes) -> dict:
    document = {"cells": [dict(CELL)], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    document.update(changes)
    return document


def cell(**changes) -> dict:
    return {**CELL, **changes}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (json.dumps(notebook(nbformat="4")), "'nbformat' is a string, expected an integer"),
        (json.dumps(notebook(nbformat=None)), "'nbformat' is null, expected an integer"),
        (json.dumps(notebook(nbformat=True)), "'nbformat' is a boolean, expected an integer"),
        (json.dumps(notebook(nbformat=4.0)), "'nbformat' is a number, expected an integer"),
        (json.dumps(notebook(nbformat=5)), "nbformat 5 is not supported"),
        (json.dumps(notebook(nbformat_minor=[5])), "'nbformat_minor' is a list"),
        (json.dumps(notebook(metadata=[])), "'metadata' is a list, expected an object"),
        (json.dumps(notebook(cells={"0": CELL})), "no 'cells' list"),
        (json.dumps([notebook()]), "the top level is a list, not an object"),
        (json.dumps("notebook"), "the top level is a string"),
        (json.dumps(notebook(cells=[None])), "cell 1 is not an object (it is null)"),
        (
            json.dumps(notebook(cells=[CELL, cell(cell_type=None)])),
            "cell 2: 'cell_type' is null, expected a string",
        ),
        (json.dumps(notebook(cells=[{"source": "x"}])), "cell 1: 'cell_type' is null"),
        (
            json.dumps(notebook(cells=[cell(source=["a\n", 3])])),
            "cell 1: 'source' is neither a string nor a list of strings (it is a list holding "
            "an integer)",
        ),
        (
            json.dumps(notebook(cells=[cell(source={"a": 1})])),
            "'source' is neither a string nor a list of strings (it is an object)",
        ),
        (
            json.dumps(notebook(cells=[cell(cell_type="markdown", source=7)])),
            "cell 1: 'source' is neither",
        ),
        (
            json.dumps(notebook(cells=[cell(metadata="x")])),
            "cell 1: 'metadata' is a string, expected an object",
        ),
        (
            '{"cells": [], "metadata": {"deep": ' + "[" * 100_000 + "]" * 100_000 + "}}",
            "JSON nested too deeply to read",
        ),
        (
            '{"cells": [], "nbformat": 4, "metadata": {"n": ' + "9" * 5000 + "}}",
            "a JSON number has more than 4300 digits",
        ),
        (
            '{"cells": [], "nbformat": ' + "4" * 5000 + "}",
            "a JSON number has more than 4300 digits",
        ),
    ],
    ids=lambda value: value[:40] if isinstance(value, str) else None,
)
def test_a_malformed_notebook_says_what_is_wrong(text, message):
    with pytest.raises(NotebookError) as caught:
        read_notebook(text)
    assert message in str(caught.value)
    assert not isinstance(caught.value, NotPythonNotebook)


@pytest.mark.parametrize(
    "document",
    [
        notebook(nbformat="4"),
        notebook(nbformat=None),
        notebook(cells=[cell(source=[1, 2])]),
    ],
)
def test_through_the_cli_it_is_ig001_and_the_run_goes_on(project, run_cli, document):
    (project / "nb.ipynb").write_text(json.dumps(document))
    (project / "bad.ipynb").write_text('{"cells": [], "x": ' + "[" * 50_000 + "]" * 50_000 + "}")
    (project / "big.ipynb").write_text('{"cells": [], "nbformat": 4, "x": ' + "7" * 5000 + "}")
    (project / "fine.py").write_text("x = 1\n")
    result = run_cli("check", "--output-format", "json")
    assert result.exit_code == 1, result.output
    found = {f["filename"]: (f["code"], f["message"]) for f in json.loads(result.output)}
    assert set(found) == {"nb.ipynb", "bad.ipynb", "big.ipynb"}
    assert {code for code, _ in found.values()} == {"IG001"}
    assert found["bad.ipynb"][1] == "invalid notebook: JSON nested too deeply to read"
    assert found["big.ipynb"][1] == "invalid notebook: a JSON number has more than 4300 digits"


@pytest.mark.parametrize(
    "metadata",
    [
        {"kernelspec": {"name": "ir", "language": "R", "display_name": "R"}},
        {"language_info": {"name": "julia"}, "kernelspec": {"language": "julia"}},
        {"language_info": {"name": "R"}, "kernelspec": {"language": "python"}},
    ],
)
def test_a_notebook_for_another_language_is_skipped_with_a_note(project, run_cli, metadata):
    document = notebook(metadata=metadata, cells=[cell(source="library(ggplot2)\nx <- 1\n")])
    (project / "analysis.ipynb").write_text(json.dumps(document))
    (project / "fine.py").write_text("x = 1\n")
    result = run_cli("check", "-v")
    assert result.exit_code == 0, result.output
    language = metadata.get("language_info", metadata.get("kernelspec"))
    name = language.get("name") if "language_info" in metadata else language["language"]
    note = f"note: analysis.ipynb: skipped: its kernel language is {name}, not Python"
    assert note in result.output
    assert "All checks passed! (1 file checked)" in result.output
    assert "IG001" not in result.output


@pytest.mark.parametrize(
    "metadata",
    [
        {},
        {"kernelspec": {"name": "python3", "language": "python"}},
        {"language_info": {"name": "python", "version": "3.12"}},
        {"kernelspec": "not a table"},
    ],
)
def test_python_notebooks_and_ones_that_do_not_say_are_checked(metadata):
    cells, source = read_notebook(json.dumps(notebook(metadata=metadata)))
    assert [c.index for c in cells] == [1]
    assert source == "x = 1\n"


def test_an_r_notebook_is_not_rewritten_by_fix(project, run_cli):
    document = notebook(
        metadata={"kernelspec": {"language": "R"}},
        cells=[
            cell(
                source="from sklearn.model_selection import train_test_split\n"
                "a, b = train_test_split(X, y)\n"
            )
        ],
    )
    path = project / "r.ipynb"
    path.write_text(json.dumps(document))
    before = path.read_bytes()
    result = run_cli("check", "--fix", "--unsafe-fixes", "-v")
    assert result.exit_code == 0, result.output
    assert "r.ipynb: skipped: its kernel language is R, not Python" in result.output
    assert path.read_bytes() == before


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = ["nbformat", "nbformat_minor", "metadata", "cells"]
CELL_FIELDS = ["cell_type", "source", "metadata", "outputs"]


@settings(max_examples=300, deadline=None)
@given(
    where=st.sampled_from(FIELDS + CELL_FIELDS),
    value=JSON,
    drop=st.booleans(),
)
def test_any_value_in_any_field_is_read_or_rejected_cleanly(where, value, drop):
    """A property: replacing or removing one field never raises anything but NotebookError,
    and what is read keeps its code cells as strings."""
    document = notebook()
    target = document if where in FIELDS else document["cells"][0]
    if drop:
        target.pop(where, None)
    else:
        target[where] = value
    try:
        cells, source = read_notebook(json.dumps(document))
    except NotebookError as exc:
        assert str(exc)
        return
    assert isinstance(source, str)
    assert all(isinstance(c.source, str) for c in cells)
