"""The line model (imbalance_guard.lines) against Python's own: ``ast`` positions,
``ast.get_source_segment`` and universal-newline reading (``io.StringIO(newline="")``),
which break lines only at ``\\r\\n``, ``\\r`` and ``\\n``."""

from __future__ import annotations

import ast
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.lines import LineIndex, char_column, line_starts, newline_of, split_lines

# Characters str.splitlines() breaks at and Python does not, plus the real breaks.
ODD = "\x0c\x0b\x1c\x1d\x1e\x85\u2028\u2029"
BREAKS = ["\n", "\r\n", "\r"]

text_with_breaks = st.text(alphabet=st.sampled_from([*ODD, "\n", "\r", "a", "é", " ", "😀"]))


def python_lines(text: str) -> list[str]:
    """The reference: lines as Python reads source (universal newlines, untranslated)."""
    return io.StringIO(text, newline="").readlines()


@given(text_with_breaks)
def test_lines_are_the_ones_python_reads(text):
    assert split_lines(text, keepends=True) == python_lines(text)
    assert split_lines(text) == [line.rstrip("\r\n") for line in python_lines(text)]
    assert "".join(split_lines(text, keepends=True)) == text


@given(text_with_breaks)
def test_line_starts_index_every_line(text):
    starts = line_starts(text)
    lines = python_lines(text)
    expected = [0]
    for line in lines:
        expected.append(expected[-1] + len(line))
    if not lines or lines[-1].endswith(("\n", "\r")):
        assert starts == expected  # a final break opens an empty last line
    else:
        assert starts == expected[:-1]


def test_odd_characters_are_not_line_breaks():
    for char in ODD:
        text = f"a{char}b\nc"
        assert len(text.splitlines()) == 3  # what went wrong before
        assert split_lines(text) == [f"a{char}b", "c"]
        assert LineIndex(text).line(2) == "c"


def test_newline_of_is_the_first_break():
    assert newline_of("a\r\nb\nc") == "\r\n"
    assert newline_of("a\rb") == "\r"
    assert newline_of("a\x0cb\u2028") == "\n"  # none: the default


def test_char_column_counts_characters_not_bytes():
    assert char_column("é = 1", len("é".encode())) == 1
    assert char_column("😀x", 4) == 1
    assert char_column("ab", 10) == 2


# -- positions of ast nodes ----------------------------------------------------------

statement = st.sampled_from(
    [
        "x = f(a, b)",
        "s = 'é{odd}😀'",
        "# note{odd} é",
        "\x0cy = g(x)  # {odd}",
        't = """one{odd}\ntwo"""',
        "z = (1,\n     2)",
        "w = h(x, 'ü{odd}', k=[1,\n  2])",
    ]
)


@st.composite
def programs(draw) -> str:
    lines = [
        draw(statement).format(odd=draw(st.sampled_from(ODD)))
        for _ in range(draw(st.integers(1, 8)))
    ]
    newline = draw(st.sampled_from(BREAKS))
    return newline.join(line.replace("\n", newline) for line in lines) + newline


@settings(max_examples=200)
@given(programs())
def test_segments_match_ast_get_source_segment(source):
    index = LineIndex(source)
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if not isinstance(node, ast.expr | ast.stmt):
            continue
        expected = ast.get_source_segment(source, node)
        got = index.segment(node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)
        assert got == expected


@settings(max_examples=200)
@given(programs())
def test_locations_point_at_the_node(source):
    """A location's (line, column) is where the node's text starts in the file."""
    unit = CodeUnit("t.py", source, "python", raw_text=source)
    lines = python_lines(source)
    for node in ast.walk(unit.tree):
        if not isinstance(node, ast.Name):
            continue
        loc = unit.location(node)
        assert loc.line == node.lineno
        line = lines[node.lineno - 1]
        assert line[loc.column - 1 :].startswith(node.id)
        assert line[loc.column - 1 : loc.end_column - 1] == node.id
