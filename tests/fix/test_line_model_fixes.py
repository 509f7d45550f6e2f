"""--fix, noqa and locations in files holding characters str.splitlines() takes for
line breaks (form feed, VT, FS/GS/RS, NEL, U+2028/U+2029) and in CR-only files.

Before the one line model, such a character above a fixable line shifted every
edit: ``train_test_split(X, y, ...)`` became ``train_tes, stratify=yt_split(X, y, ...)``,
which still parsed, so the run said "Fixed 1 problem" and exited 0.

The reference for where a node's text is: ``ast.get_source_segment`` and lines as
Python reads them (``io.StringIO(newline="")``).
"""

from __future__ import annotations

import ast
import io
import json
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imbalance_guard import hookimpl
from imbalance_guard.cli import cli
from imbalance_guard.findings import Applicability, Edit, Finding, Fix, Rule

ODD = ["\x0c", "\x0b", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
BREAKS = ["\n", "\r\n", "\r"]
SPLIT = "train_test_split(X, y, test_size=0.2)"
STRATIFIED = "train_test_split(X, y, test_size=0.2, stratify=y)"
HEADER = [
    "from sklearn.model_selection import train_test_split",
    "from sklearn.linear_model import LogisticRegression",
    "clf = LogisticRegression()",
]


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def program(lines: list[str], newline: str) -> str:
    return newline.join(lines) + newline


def reference_offset(source: str, line: int, byte_column: int) -> int:
    lines = io.StringIO(source, newline="").readlines()
    before = sum(len(text) for text in lines[: line - 1])
    return before + len(lines[line - 1].encode()[:byte_column].decode())


def stratified_by_reference(source: str, skip_lines: frozenset[int] = frozenset()) -> str:
    """``source`` with every unstratified split call (outside ``skip_lines``) given
    ``stratify=y``, placed by the ``ast`` reference, not by the tool."""
    calls = [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "train_test_split"
        and node.lineno not in skip_lines
    ]
    out = source
    for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset), reverse=True):
        start = reference_offset(source, call.lineno, call.col_offset)
        end = reference_offset(source, call.end_lineno, call.end_col_offset)
        assert out[start:end] == ast.get_source_segment(source, call) == SPLIT
        out = out[:start] + STRATIFIED + out[end:]
    return out


# -- the reported corruptions -------------------------------------------------------


@pytest.mark.parametrize("newline", BREAKS, ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("odd", ODD, ids=[f"U+{ord(c):04X}" for c in ODD])
def test_a_character_splitlines_breaks_at_does_not_shift_the_fix(project, odd, newline):
    source = program(
        [
            *HEADER,
            f"# a note{odd}with a separator",
            f"X_tr, X_te, y_tr, y_te = {SPLIT}",
            "clf.fit(X_tr, y_tr)",
        ],
        newline,
    )
    path = project / "a.py"
    path.write_bytes(source.encode())
    result = run("check", "--unsafe-fixes", "a.py")
    assert result.exit_code == 0, result.output
    assert "Fixed 1 problem." in result.output
    assert path.read_bytes() == stratified_by_reference(source).encode()
    assert b"train_tes, stratify" not in path.read_bytes()


@pytest.mark.parametrize("odd", ["\x0c", "\u2028", "\x85"])
def test_the_finding_points_at_the_call_on_its_real_line(project, odd):
    source = program(
        [
            *HEADER,
            f"s = 'é{odd}'  # x{odd}y",
            f"X_tr, X_te, y_tr, y_te = {SPLIT}",
            "clf.fit(X_tr, y_tr)",
        ],
        "\n",
    )
    (project / "a.py").write_text(source, encoding="utf-8")
    result = run("check", "--output-format", "json", "a.py")
    (finding,) = json.loads(result.output)
    assert finding["code"] == "IG202"
    assert finding["location"] == {"row": 5, "column": 26}
    assert "stratify=y" in finding["suggestion"]  # the target is y, not a shifted X


def test_noqa_is_read_from_the_findings_own_line(project):
    # Line 4 holds a form feed: str.splitlines() saw the noqa comment on a line of its own
    # and matched it against the split on line 5; it belongs to line 4 only.
    source = program(
        [
            *HEADER,
            "z = 0  # see below\x0c  # noqa",
            f"X_tr, X_te, y_tr, y_te = {SPLIT}",
            "clf.fit(X_tr, y_tr)",
        ],
        "\n",
    )
    (project / "a.py").write_text(source)
    result = run("check", "--output-format", "json", "a.py")
    assert [(f["code"], f["location"]["row"]) for f in json.loads(result.output)] == [("IG202", 5)]

    suppressed = source.replace(SPLIT, SPLIT + "  # noqa: IG202 \x0c")
    (project / "a.py").write_text(suppressed)
    assert json.loads(run("check", "--output-format", "json", "a.py").output) == []


def test_notebook_cells_with_odd_characters_are_fixed_in_place(project, notebook):
    cell = program(
        [
            "# split\x0cthe data\u2028here",
            f"X_tr, X_te, y_tr, y_te = {SPLIT}",
            "clf.fit(X_tr, y_tr)",
        ],
        "\n",
    )
    path = notebook(project / "nb.ipynb", ["\n".join(HEADER) + "\n", cell])
    findings = json.loads(run("check", "--output-format", "json", "nb.ipynb").output)
    assert [(f["cell"], f["location"]["row"]) for f in findings] == [(2, 2)]
    result = run("check", "--unsafe-fixes", "nb.ipynb")
    assert result.exit_code == 0, result.output
    sources = ["".join(c["source"]) for c in json.loads(path.read_text())["cells"]]
    assert sources[1] == stratified_by_reference(cell)


def test_a_form_feed_line_in_the_snippet_is_shown_visibly(project):
    source = program(
        [*HEADER, f"X_tr, X_te, y_tr, y_te =\x0c{SPLIT}  # \x1b[2J", "clf.fit(X_tr, y_tr)"], "\n"
    )
    (project / "a.py").write_text(source)
    output = run("check", "--no-color", "a.py").output
    shown = f"X_tr, X_te, y_tr, y_te =\u240c{SPLIT}  # \u241b[2J"
    lines = output.split("\n")
    code = lines.index(f"4 | {shown}")
    marker = lines[code + 1]
    assert marker.index("^") == lines[code].index("train_test_split")
    assert marker.count("^") == len("train_test_split")


# -- the guard: an edit must replace the text it expects ------------------------------


class WrongPlaceFix:
    """A plugin whose fix points one column off the call it means to rename."""

    RULE = Rule(
        code="XW100",
        name="wrong-place",
        summary="wrong place",
        doc="XW100\n\n## What it does\nT.\n\n## Why is this bad?\nT.\n\n## Example\n"
        "```python\nx\n```\n\n## Use instead\n```python\ny\n```\n",
    )

    @hookimpl
    def ig_rules(self):
        return [self.RULE]

    @hookimpl
    def ig_check_code(self, unit):
        out = []
        for node in ast.walk(unit.tree):
            if isinstance(node, ast.Name) and node.id == "old":
                loc = unit.location(node)
                edit = Edit(
                    loc.line,
                    loc.column + 1,
                    loc.end_line,
                    loc.end_column + 1,
                    "new",
                    original="old",
                )
                fix = Fix((edit,), Applicability.SAFE, "rename")
                out.append(Finding("XW100", "old", loc, "use new", fix))
        return out


def test_an_edit_over_other_text_than_expected_is_not_written(project, run_cli):
    path = project / "a.py"
    path.write_text("x = old(1)\n")
    result = run_cli("check", "--fix", "a.py", plugins=[WrongPlaceFix()])
    assert result.exit_code == 1
    assert path.read_text() == "x = old(1)\n"
    assert "a.py:1:5: the fix for XW100 was not applied" in result.output
    assert "'ld('" in result.output and "'old'" in result.output
    assert "XW100 [*] old" in result.output  # the finding stays
    assert "Fixed" not in result.output


# -- property: every fix edits exactly the node's segment, noqa on its own line ---------

filler = st.sampled_from(
    [
        "# note{odd}more",
        "s = 'a{odd}b é'",
        "\x0cz = 1  # {odd}",
        't = """x{odd}\ny"""',
        "w = (1,\n     2)  # {odd}",
    ]
)


@st.composite
def sources(draw) -> tuple[str, dict[int, str]]:
    """A program with split calls between odd lines, and maybe one accuracy call;
    returns it and the lines marked ``# noqa`` with the code each one names."""
    newline = draw(st.sampled_from(BREAKS))
    lines = [*HEADER, "from sklearn.metrics import accuracy_score"]
    noqa: dict[int, str] = {}

    def odd() -> str:
        return draw(st.sampled_from(ODD))

    def add(statement: str, code: str) -> None:
        prefix = draw(st.sampled_from(["", "q = 'é{odd}'; ", "\x0c"])).format(odd=odd())
        comment = draw(st.sampled_from(["", "  # {odd} note", f"  # noqa: {code}{{odd}}"]))
        lines.append(prefix + statement + comment.format(odd=odd()))
        if "noqa" in comment:
            noqa[sum(part.count("\n") + 1 for part in lines)] = code

    blocks = draw(st.integers(1, 4))
    for i in range(blocks):
        for _ in range(draw(st.integers(0, 3))):
            lines.append(draw(filler).format(odd=odd()))
        add(f"a{i}, b{i}, c{i}, d{i} = {SPLIT}", "IG202")
        lines.append(f"clf.fit(a{i}, c{i})")
    if draw(st.booleans()):
        add(f"print(accuracy_score(d{blocks - 1}, clf.predict(b{blocks - 1})))", "IG201")
    text = newline.join(line.replace("\n", newline) for line in lines) + newline
    return text, noqa


def fixed_by_reference(source: str, noqa: dict[int, str]) -> tuple[str, list[tuple[int, int]]]:
    """What --unsafe-fixes must make of ``source``, and the (line, column) each finding
    must be reported at, both placed with ``ast`` (the reference), not by the tool."""
    edits: list[tuple[int, int, str]] = []
    where: list[tuple[int, int]] = []
    tree = ast.parse(source)

    def offset(line: int, col: int) -> int:
        return reference_offset(source, line, col)

    def column(node: ast.AST) -> int:
        return offset(node.lineno, node.col_offset) - offset(node.lineno, 0) + 1

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        code = {"train_test_split": "IG202", "accuracy_score": "IG201"}.get(node.func.id)
        if code is None or noqa.get(node.lineno) == code:
            continue
        where.append((node.func.lineno, column(node.func)))
        if code == "IG202":
            segment = (
                offset(node.lineno, node.col_offset),
                offset(node.end_lineno, node.end_col_offset),
            )
            assert source[slice(*segment)] == ast.get_source_segment(source, node) == SPLIT
            edits.append((*segment, STRATIFIED))
        else:
            func = node.func
            start = offset(func.lineno, func.col_offset)
            end = offset(func.end_lineno, func.end_col_offset)
            assert source[start:end] == ast.get_source_segment(source, func) == "accuracy_score"
            edits.append((start, end, "balanced_accuracy_score"))
            # The new name joins the import, and accuracy_score, used only here, leaves it.
            anchor = next(
                n
                for n in tree.body
                if isinstance(n, ast.ImportFrom) and n.module == "sklearn.metrics"
            )
            edits.append(
                (
                    offset(anchor.lineno, anchor.col_offset),
                    offset(anchor.end_lineno, anchor.end_col_offset),
                    "from sklearn.metrics import balanced_accuracy_score",
                )
            )
    out = source
    for start, end, text in sorted(edits, reverse=True):
        out = out[:start] + text + out[end:]
    return out, sorted(where)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sources())
def test_fixes_edit_exactly_the_nodes_segment(case):
    source, noqa = case
    expected, where = fixed_by_reference(source, noqa)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.py"
        path.write_bytes(source.encode())
        report = json.loads(run("check", "--output-format", "json", str(path)).output)
        assert sorted((f["location"]["row"], f["location"]["column"]) for f in report) == where

        result = run("check", "--unsafe-fixes", str(path))
        assert result.exit_code == 0, result.output
        assert "warning" not in result.output
        assert path.read_bytes() == expected.encode()


# -- reproducers from the fuzzing suite ----------------------------------------------------


def test_a_record_separator_above_an_unsafe_fix(project):
    source = (
        "#\x1e\nfrom sklearn.metrics import accuracy_score\n"
        "print(accuracy_score(y_test, clf.predict(X_test)))\n"
    )
    path = project / "a.py"
    path.write_text(source)
    result = run("check", "--unsafe-fixes", "a.py")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    assert path.read_text() == (
        "#\x1e\nfrom sklearn.metrics import balanced_accuracy_score\n"
        "print(balanced_accuracy_score(y_test, clf.predict(X_test)))\n"
    )


def test_fixing_twice_after_separators_changes_nothing_more(project):
    source = program(
        ["#\x1e\x1e", *HEADER, f"X_tr, X_te, y_tr, y_te = {SPLIT}", "clf.fit(X_tr, y_tr)"], "\n"
    )
    path = project / "b.py"
    path.write_text(source)
    assert run("check", "--unsafe-fixes", "b.py").exit_code == 0
    once = path.read_bytes()
    assert once == stratified_by_reference(source).encode()
    result = run("check", "--unsafe-fixes", "b.py")
    assert "Fixed" not in result.output
    assert path.read_bytes() == once


def test_a_leading_form_feed_keeps_end_columns(project):
    body = [
        "from sklearn.model_selection import train_test_split",
        "from sklearn.neighbors import KNeighborsClassifier",
        "X_train, X_test, y_train, y_test = train_test_split(X, y)",
        "for k in range(1, 15):",
        "    knn = KNeighborsClassifier(k)",
        "    knn.fit(X_train, y_train)",
    ]
    (project / "t.py").write_text(program(["\x0cpass", *body], "\n"))
    (finding,) = json.loads(run("check", "--output-format", "json", "t.py").output)
    assert (finding["location"], finding["end_location"]) == (
        {"row": 4, "column": 36},
        {"row": 4, "column": 52},
    )


def test_leakage_messages_and_noqa_after_a_record_separator(project):
    lines = [
        "#\x1e",
        "from imblearn.over_sampling import SMOTE",
        "from sklearn.model_selection import cross_val_score",
        "X_sm, y_sm = SMOTE().fit_resample(X, y)",
        "scores = cross_val_score(XGBClassifier(), X_sm, y_sm)",
    ]
    (project / "c.py").write_text(program(lines, "\n"))
    # XGBClassifier is not imported: taken at its word, its default score is IG201 too
    result = run("check", "--select", "IG3", "--output-format", "json", "c.py")
    (finding,) = json.loads(result.output)
    assert finding["code"] == "IG301"
    assert finding["location"]["row"] == 5
    assert finding["message"].startswith("`X_sm` was resampled by SMOTE at line 4")
    lines[-1] += "  # noqa: IG301"
    (project / "c.py").write_text(program(lines, "\n"))
    result = run("check", "--select", "IG3", "c.py")
    assert result.exit_code == 0, result.output
