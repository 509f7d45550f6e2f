"""``# noqa`` comments, as ruff reads them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from imbalance_guard.noqa import noqa_codes, suppressed, with_codes


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


CODES = st.sampled_from(["IG201", "IG301", "IG3", "E501", "F401", "XP100"])


@given(
    code=st.text(alphabet=st.characters(blacklist_characters="#\r\n"), max_size=30),
    existing=st.lists(CODES, max_size=3),
    bare=st.booleans(),
    wanted=st.lists(CODES, min_size=1, max_size=3, unique=True),
)
def test_with_codes_silences_every_code_and_keeps_the_others(code, existing, bare, wanted):
    comment = "  # noqa" if bare else ("  # noqa: " + ", ".join(existing) if existing else "")
    line = code + comment
    new = with_codes(line, wanted)
    if new is None:  # nothing to add: the line already silences them all
        assert all(suppressed(c, line) for c in wanted)
        return
    assert all(suppressed(c, new) for c in wanted)
    assert new.startswith(code.rstrip())
    before = noqa_codes(line) or frozenset()
    assert before <= (noqa_codes(new) or frozenset())  # another tool's codes stay


def test_with_codes_forms():
    assert with_codes("x = 1", ["IG201"]) == "x = 1  # noqa: IG201"
    assert (
        with_codes("x = 1  # noqa:E501", ["IG301", "IG201"]) == "x = 1  # noqa: E501, IG301, IG201"
    )
    assert with_codes("x = 1  # noqa: IG3", ["IG301"]) is None  # a prefix already covers it
    assert with_codes("x = 1  # noqa", ["IG301"]) is None
    assert with_codes("x = 1  # keep me", ["IG2"]) == "x = 1  # keep me  # noqa: IG2"
