"""Properties of the fix engine's building blocks (Hypothesis)."""

from __future__ import annotations

import bisect
import json

from hypothesis import assume, given
from hypothesis import strategies as st

from imbalance_guard.findings import Edit
from imbalance_guard.fix import edits as E
from imbalance_guard.fix.notebook_json import replace_sources, source_spans

_TEXT = st.text(alphabet="ab é\t\r\n#(", max_size=60)


def _position(text: str, offset: int) -> tuple[int, int]:
    starts = E.line_starts(text)
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


@given(text=_TEXT, data=st.data(), content=st.text(alphabet="xy\n", max_size=5))
def test_an_edit_replaces_exactly_its_range(text, data, content):
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    for offset in (a, b):  # a position is never between the \r and \n of one line break
        assume(not (0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n"))
    (line, column), (end_line, end_column) = _position(text, a), _position(text, b)
    starts = E.line_starts(text)
    newline = E.newline_of(text)
    span = E.resolve(Edit(line, column, end_line, end_column, content), text, starts, newline)
    assert (span.start, span.end) == (a, b)
    assert E.apply(text, [span]) == text[:a] + content.replace("\n", newline) + text[b:]


@given(
    sources=st.lists(st.text(max_size=40), min_size=1, max_size=4),
    indent=st.sampled_from([None, 1, 2, 4]),
    as_string=st.booleans(),
    ensure_ascii=st.booleans(),
    data=st.data(),
)
def test_rewriting_one_cell_changes_only_that_cell(sources, indent, as_string, ensure_ascii, data):
    def stored(text: str):
        return text if as_string else text.splitlines(keepends=True)

    document = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": i,
                "metadata": {"tags": ["é"]},
                "outputs": [{"output_type": "stream", "name": "stdout", "text": ["out\n"]}],
                "source": stored(source),
            }
            for i, source in enumerate(sources)
        ],
        "metadata": {"kernelspec": {"name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    text = json.dumps(document, indent=indent, ensure_ascii=ensure_ascii) + "\n"
    index = data.draw(st.integers(1, len(sources)))
    new = data.draw(st.text(max_size=40))

    out = replace_sources(text, {index: new})
    loaded = json.loads(out)
    cell = loaded["cells"][index - 1]
    assert (cell["source"] if as_string else "".join(cell["source"])) == new
    assert isinstance(cell["source"], str) is as_string
    cell["source"] = document["cells"][index - 1]["source"]
    assert loaded == document
    start, end = source_spans(text)[index]
    assert out[:start] == text[:start]
    assert out[len(out) - (len(text) - end) :] == text[end:]
    # Writing back what was there reproduces the file byte for byte.
    assert replace_sources(text, {index: sources[index - 1]}) == text


def test_positions_past_the_end_of_a_line_are_refused():
    text = "ab\r\ncd"
    starts = E.line_starts(text)
    for line, column in ((1, 4), (3, 1), (0, 1), (2, 4)):
        try:
            E.resolve(Edit(line, column, line, column, "x"), text, starts, "\r\n")
        except E.EditError:
            continue
        raise AssertionError(f"{line}:{column} accepted")
