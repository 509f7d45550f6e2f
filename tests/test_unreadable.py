"""IG001: every kind of unreadable code input is a finding, never a traceback."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("syntax.py", b"def f(:\n    pass\n", "bad.py:1:7: IG001 syntax error"),
        ("latin.py", b"x = 'caf\xe9'\n", "IG001 cannot decode as utf-8"),
        ("cookie.py", b"# -*- coding: klingon -*-\nx = 1\n", "IG001 cannot decode"),
        ("nul.py", b"x = 1\x00\n", "IG001"),
        ("nb.ipynb", b"{not json", "IG001 invalid notebook: not valid JSON"),
        ("nb.ipynb", b'{"cells": 3}', "IG001 invalid notebook: no 'cells' list"),
        ("nb.ipynb", b'{"nbformat": 3, "cells": []}', "nbformat 3 is not supported"),
        ("nb.ipynb", b"\xff\xfe{}", "IG001 notebook is not UTF-8"),
        (
            "nb.ipynb",
            json.dumps(
                {
                    "nbformat": 4,
                    "cells": [
                        {"cell_type": "code", "source": "x = 1"},
                        {"cell_type": "code", "source": ["def f(:\n", "  pass"]},
                    ],
                }
            ).encode(),
            "IG001 syntax error: invalid syntax (cell 2, line 1)",
        ),
    ],
)
def test_broken_code_is_ig001_and_the_run_goes_on(project, run_cli, name, content, expected):
    target = project / ("bad.py" if name == "syntax.py" else name)
    target.write_bytes(content)
    (project / "fine.py").write_text("x = 1\n")
    result = run_cli("check", "--output-format", "text")
    assert result.exit_code == 1, result.output
    assert expected in result.output
    assert "Found 1 problem." in result.output
    assert "Traceback" not in result.output


def test_a_latin1_file_with_its_cookie_is_fine(project, run_cli):
    (project / "a.py").write_bytes(b"# -*- coding: latin-1 -*-\nx = 'caf\xe9'\n")
    assert run_cli("check").exit_code == 0


def test_a_bom_is_accepted(project, run_cli):
    (project / "a.py").write_bytes(b"\xef\xbb\xbfx = 1\n")
    assert run_cli("check").exit_code == 0


def test_a_directory_named_like_a_script(project, run_cli):
    (project / "odd.py").mkdir()
    (project / "odd.py" / "inside.py").write_text("def (\n")
    result = run_cli("check", "odd.py")
    assert result.exit_code == 1 and "odd.py/inside.py:1" in result.output


def test_magics_and_shell_escapes_do_not_break_notebooks(project, run_cli, notebook):
    notebook(
        project / "nb.ipynb",
        [
            "%matplotlib inline\n!pip install imbalanced-learn\nfiles = !ls\nimport os",
            "%%bash\necho hi",
            "%%time\nx = 1\nif x:\n    !echo indented",
            "os?",
        ],
    )
    result = run_cli("check", "nb.ipynb")
    assert result.exit_code == 0, result.output
