"""``# noqa`` comments, as ruff reads them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from imbalance_guard.noqa import noqa_codes, suppressed


def test_forms():
    assert noqa_codes("x = 1") is None
    assert noqa_codes("x = 1  # noqa") == frozenset()
    assert noqa_codes("x = 1  # NOQA: IG301") == {"IG301"}
    assert noqa_codes("x = 1  # noqa: IG301, IG302") == {"IG301", "IG302"}
    assert noqa_codes("x = 1  # noqa:IG301 IG2") == {"IG301", "IG2"}
    assert noqa_codes("x = '# not a comment'") is None
    assert noqa_codes("x = 1  # a comment, not a noqa") is None
    assert noqa_codes("x = 1  # noqa: ig301") == {"IG301"}  # codes read case-insensitively
    # Documented limit, as in flake8: the line's text is read, not its tokens, so a
    # string that looks like a noqa comment counts as one.
    assert noqa_codes("x = '# noqa'") == frozenset()


def test_suppressed():
    assert suppressed("IG301", "a  # noqa")
    assert suppressed("IG301", "a  # noqa: IG301")
    assert suppressed("IG301", "a  # noqa: IG3")
    assert not suppressed("IG301", "a  # noqa: IG302")
    assert not suppressed("IG301", "a")


@given(st.text())
def test_never_raises(line):
    suppressed("IG301", line)


def test_noqa_through_the_cli(project, run_cli, notebook, print_plugin):
    (project / "a.py").write_text(
        "print(1)  # noqa: XP100\nprint(2)  # noqa\nprint(3)  # noqa: IG301\nprint(4)\n"
    )
    notebook(project / "nb.ipynb", ["print(1)  # noqa", "print(2)"])
    result = run_cli("check", plugins=[print_plugin])
    assert result.exit_code == 1
    assert "a.py:3:1: XP100" in result.output and "a.py:4:1: XP100" in result.output
    assert "nb.ipynb:cell 2:1:1: XP100" in result.output
    assert "Found 3 problems." in result.output
