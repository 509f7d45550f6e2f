"""The fix engine through the CLI: --fix, --unsafe-fixes, --diff, and what is preserved."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from imbalance_guard import hookimpl
from imbalance_guard.findings import Edit, Finding, Fix, Rule


def test_diff_prints_changes_writes_nothing_and_exits_1(project, run_cli, rename):
    source = "import os\nx = old(1)\n"
    (project / "a.py").write_text(source)
    result = run_cli("check", "--diff", "a.py", plugins=[rename])
    assert result.exit_code == 1
    assert "--- a/a.py\n+++ b/a.py\n" in result.output
    assert "-x = old(1)\n+x = new(1)\n" in result.output
    assert "Would fix 1 problem." in result.output
    assert (project / "a.py").read_text() == source


def test_diff_without_changes_exits_0(project, run_cli, rename):
    (project / "a.py").write_text("x = risky(1)\n")  # only an unsafe fix is on offer
    result = run_cli("check", "--diff", "a.py", plugins=[rename])
    assert result.exit_code == 0
    assert result.output == ""


def test_fix_applies_safe_fixes_only_and_reports_what_remains(project, run_cli, rename):
    (project / "a.py").write_text("import os\nx = old(1)  # keep me\ny = risky(2)\n")
    result = run_cli("check", "--fix", "a.py", plugins=[rename])
    assert result.exit_code == 1
    assert (project / "a.py").read_text() == "import os\nx = new(1)  # keep me\ny = risky(2)\n"
    assert "Fixed 1 problem." in result.output
    assert "a.py:3:5: XF200 `risky` called" in result.output
    assert "XF100" not in result.output
    assert "Found 1 problem." in result.output


def test_fix_exits_0_when_everything_was_fixed(project, run_cli, rename):
    (project / "a.py").write_text("x = old(1)\n")
    result = run_cli("check", "--fix", "a.py", plugins=[rename])
    assert result.exit_code == 0, result.output
    assert "Fixed 1 problem." in result.output
    assert "All checks passed!" in result.output


def test_unsafe_fixes_also_apply_unsafe_ones_with_their_import(project, run_cli, rename):
    (project / "a.py").write_text("import os\nx = old(1)\ny = risky(2)\nz = risky(3)\n")
    result = run_cli("check", "--unsafe-fixes", "a.py", plugins=[rename])
    assert result.exit_code == 0, result.output
    # Two fixes insert the same import line: it is added once.
    assert (project / "a.py").read_text() == (
        "import os\nfrom m import careful\nx = new(1)\ny = careful(2)\nz = careful(3)\n"
    )
    assert "Fixed 3 problems." in result.output


def test_crlf_line_endings_are_kept_also_in_inserted_lines(project, run_cli, rename):
    path = project / "a.py"
    path.write_bytes(b"import os\r\nx = old(1)\r\ny = risky(2)\r\n")
    assert run_cli("check", "--unsafe-fixes", "a.py", plugins=[rename]).exit_code == 0
    assert path.read_bytes() == (
        b"import os\r\nfrom m import careful\r\nx = new(1)\r\ny = careful(2)\r\n"
    )


def test_latin1_coding_cookie_and_bytes_are_kept(project, run_cli, rename):
    path = project / "a.py"
    original = "# -*- coding: latin-1 -*-\n# caf\xe9 cr\xe8me\nx = old('d\xe9j\xe0')\n"
    path.write_bytes(original.encode("latin-1"))
    assert run_cli("check", "--fix", "a.py", plugins=[rename]).exit_code == 0
    assert path.read_bytes() == original.replace("old(", "new(").encode("latin-1")


def test_utf8_bom_is_kept(project, run_cli, rename):
    path = project / "a.py"
    path.write_bytes(b"\xef\xbb\xbfx = old('\xc3\xa9')\n")
    assert run_cli("check", "--fix", "a.py", plugins=[rename]).exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbfx = new('\xc3\xa9')\n"


def test_columns_are_characters_not_bytes(project, run_cli, rename):
    path = project / "a.py"
    path.write_text("s = 'żółw'; x = old(1)\n", encoding="utf-8")
    assert run_cli("check", "--fix", "a.py", plugins=[rename]).exit_code == 0
    assert path.read_text(encoding="utf-8") == "s = 'żółw'; x = new(1)\n"


def test_file_mode_is_kept_and_no_temporary_file_is_left(project, run_cli, rename):
    path = project / "a.py"
    path.write_text("x = old(1)\n")
    path.chmod(0o640)
    assert run_cli("check", "--fix", "a.py", plugins=[rename]).exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(os.listdir(project)) == ["a.py"]


def test_fix_that_breaks_parsing_leaves_the_file_untouched_and_says_so(
    project, run_cli, rename, breaking
):
    path = project / "a.py"
    source = "x = old(1)\nboom()\n"
    path.write_text(source)
    result = run_cli("check", "--fix", "a.py", plugins=[rename, breaking])
    assert path.read_text() == source  # not even the good fix is written
    assert "warning: a.py: a fix for XF100, XF300 would leave the file unusable" in result.output
    assert "syntax error" in result.output and "left untouched" in result.output
    assert result.exit_code == 1
    assert "XF300" in result.output and "XF100" in result.output
    assert "Fixed" not in result.output


def test_overlapping_fixes_one_wins_and_the_other_is_rechecked(project, run_cli, overlap):
    path = project / "a.py"
    path.write_text("a = twice(1)\nb = twice(2)\n")
    result = run_cli("check", "--fix", "a.py", plugins=[overlap])
    assert path.read_text() == "a = once_a()\nb = once_a()\n"
    assert "Fixed 2 problems." in result.output
    assert result.exit_code == 0


class _Forever:
    """Each pass finds something fixable again: the loop must stop at the cap."""

    @hookimpl
    def ig_rules(self):
        return [Rule("XF500", "grow", "grow", "XF500 grow\n")]

    @hookimpl
    def ig_check_code(self, unit):
        loc = unit.location(line=1, column=0, end_column=1)
        return [Finding("XF500", "grow", loc, "", Fix((Edit(1, 1, 1, 2, "xx"),)))]


def test_fix_loop_is_capped(project, run_cli):
    path = project / "a.py"
    path.write_text("x = 1\n")
    result = run_cli("check", "--fix", "a.py", plugins=[_Forever()])
    assert path.read_text() == "x" * 11 + " = 1\n"
    assert "Fixed 10 problems." in result.output
    assert result.exit_code == 1


def test_noqa_and_ignored_findings_are_not_fixed(project, run_cli, rename):
    path = project / "a.py"
    source = "x = old(1)  # noqa: XF100\ny = risky(1)\n"
    path.write_text(source)
    result = run_cli("check", "--unsafe-fixes", "--ignore", "XF200", "a.py", plugins=[rename])
    assert path.read_text() == source
    assert result.exit_code == 0


def test_unparseable_file_is_reported_not_fixed(project, run_cli, rename):
    path = project / "a.py"
    path.write_text("x = old(1\n")
    result = run_cli("check", "--fix", "a.py", plugins=[rename])
    assert path.read_text() == "x = old(1\n"
    assert "IG001" in result.output and result.exit_code == 1


def _notebook(path: Path, indent: int = 1, source_as_string: bool = False) -> dict:
    def src(text: str):
        return text if source_as_string else text.splitlines(keepends=True)

    document = {
        "cells": [
            {"cell_type": "markdown", "metadata": {"tags": ["intro"]}, "source": src("# Tître\n")},
            {
                "cell_type": "code",
                "execution_count": 1,
                "metadata": {"scrolled": True},
                "outputs": [{"name": "stdout", "output_type": "stream", "text": ["héllo\n"]}],
                "source": src("import os\n%matplotlib inline\nprint('héllo')"),
            },
            {
                "cell_type": "code",
                "execution_count": 2,
                "metadata": {},
                "outputs": [
                    {
                        "data": {"text/plain": ["3"]},
                        "execution_count": 2,
                        "metadata": {},
                        "output_type": "execute_result",
                    }
                ],
                "source": src("x = old(1)\ny = risky(2)\nx + y"),
            },
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {},
                "outputs": [],
                "source": src("z = old(3)\n"),
            },
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(
        json.dumps(document, indent=indent, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return document


@pytest.mark.parametrize(("indent", "as_string"), [(1, False), (2, False), (1, True)])
def test_notebook_fix_touches_only_the_edited_cells(project, run_cli, indent, as_string, rename):
    path = project / "nb.ipynb"
    document = _notebook(path, indent, as_string)
    result = run_cli("check", "--unsafe-fixes", "nb.ipynb", plugins=[rename])
    assert result.exit_code == 0, result.output
    assert "Fixed 3 problems." in result.output
    fixed = json.loads(path.read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) if not as_string else c["source"] for c in fixed["cells"]]
    assert sources[1] == "import os\nfrom m import careful\n%matplotlib inline\nprint('héllo')"
    assert sources[2] == "x = new(1)\ny = careful(2)\nx + y"
    assert sources[3] == "z = new(3)\n"
    # Byte for byte, the file is the original document with the three new sources
    # (in the original shape: string or list of lines), serialised the original way:
    # outputs, metadata, other cells, indentation and non-ASCII text are all kept.
    new_sources = {1: sources[1], 2: sources[2], 3: sources[3]}
    for index, text in new_sources.items():
        document["cells"][index]["source"] = text if as_string else text.splitlines(keepends=True)
    expected = json.dumps(document, indent=indent, ensure_ascii=False) + "\n"
    assert path.read_text(encoding="utf-8") == expected


def test_notebook_diff_names_the_cell(project, run_cli, rename):
    path = project / "nb.ipynb"
    _notebook(path)
    before = path.read_bytes()
    result = run_cli("check", "--diff", "nb.ipynb", plugins=[rename])
    assert result.exit_code == 1
    assert "--- a/nb.ipynb:cell 3\n+++ b/nb.ipynb:cell 3\n" in result.output
    assert "--- a/nb.ipynb:cell 4\n" in result.output
    assert "cell 2" not in result.output
    assert path.read_bytes() == before


def test_read_only_file_is_reported_and_left_alone(project, run_cli, rename):
    # The mode bits decide, not os.access: root may write a 0444 file but must not.
    path = project / "a.py"
    path.write_text("x = old(1)\n")
    path.chmod(0o444)
    result = run_cli("check", "--fix", "a.py", plugins=[rename])
    assert result.exit_code == 1
    assert "a.py: not fixed: the file is read-only (mode 0444)" in result.output
    assert path.read_text() == "x = old(1)\n"
    assert "XF100" in result.output  # still reported: nothing was fixed
    assert "Fixed" not in result.output


def test_symlink_is_kept_and_its_target_fixed(project, run_cli, rename):
    target = project / "real.py"
    target.write_text("x = old(1)\n")
    (project / "link.py").symlink_to(target)
    assert run_cli("check", "--fix", "link.py", plugins=[rename]).exit_code == 0
    assert (project / "link.py").is_symlink()
    assert target.read_text() == "x = new(1)\n"


def test_a_fix_from_another_rule_is_applied_as_it_comes(project, run_cli):
    # IG303 (leakage rules) carries a safe fix: sklearn.pipeline -> imblearn.pipeline.
    path = project / "p.py"
    path.write_text(
        "from imblearn.over_sampling import SMOTE\n"
        "from sklearn.pipeline import make_pipeline\n"
        "from sklearn.tree import DecisionTreeClassifier\n"
        "pipe = make_pipeline(SMOTE(), DecisionTreeClassifier())\n"
    )
    result = run_cli("check", "--select", "IG303", "--fix", "p.py")
    assert result.exit_code == 0, result.output
    assert "from imblearn.pipeline import make_pipeline\n" in path.read_text()
