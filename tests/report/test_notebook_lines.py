"""Notebook positions map to the very character of the .ipynb file, in any JSON layout."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from imbalance_guard.report.notebook_lines import read_notebook_lines

line_text = st.text(alphabet=st.sampled_from(list('ab "\\\t/é😀€\x01')), min_size=1, max_size=12)


@settings(max_examples=80, deadline=None)
@given(
    cells=st.lists(st.lists(line_text, min_size=1, max_size=4), min_size=1, max_size=3),
    as_list=st.booleans(),
    ascii_only=st.booleans(),
    indent=st.sampled_from([None, 1, 2]),
)
def test_every_character_maps_to_its_escaped_form(
    tmp_path_factory, cells, as_list, ascii_only, indent
):
    path = tmp_path_factory.mktemp("nb") / "n.ipynb"
    nb_cells = []
    for lines in cells:
        source = [f"{line}\n" for line in lines[:-1]] + [lines[-1]]
        nb_cells.append(
            {
                "cell_type": "code",
                "metadata": {"tags": ["a"]},
                "outputs": [],
                "execution_count": None,
                "source": source if as_list else "".join(source),
            }
        )
    nb = {
        "cells": nb_cells,
        "metadata": {"k": [1, 2.5e3, True, None]},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(nb, indent=indent, ensure_ascii=ascii_only), encoding="utf-8")
    raw_lines = path.read_text(encoding="utf-8").split("\n")
    mapping = read_notebook_lines(path)
    assert mapping is not None
    for index, lines in enumerate(cells, start=1):
        for number, text in enumerate(lines, start=1):
            for column, char in enumerate(text, start=1):
                line, col = mapping.position(index, number, column)
                escaped = json.dumps(char, ensure_ascii=ascii_only)[1:-1]
                assert raw_lines[line - 1][col - 1 :].startswith(escaped)
            end_line, end_col = mapping.position(index, number, len(text) + 1, end=True)
            start_line, start_col = mapping.position(index, number, 1)
            assert (end_line, end_col) > (start_line, start_col)


def test_unreadable_notebooks_have_no_map(tmp_path):
    broken = tmp_path / "b.ipynb"
    broken.write_text('{"cells": [')
    assert read_notebook_lines(broken) is None
    assert read_notebook_lines(tmp_path / "missing.ipynb") is None
