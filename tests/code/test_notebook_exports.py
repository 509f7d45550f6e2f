"""``.py`` exports of notebooks: IPython lines are neutralised as in notebooks, so the rest of
the file is analysed at its own lines and columns; a plain script keeps its syntax errors."""

from __future__ import annotations

import ast

import pytest

from imbalance_guard.code.notebook import neutralise_script
from imbalance_guard.code.unit import parse_unit
from imbalance_guard.lines import split_lines

LEAK = (
    "from imblearn.over_sampling import SMOTE\n"
    "from sklearn.model_selection import train_test_split\n"
    "X_res, y_res = SMOTE().fit_resample(X, y)\n"
    "X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, stratify=y_res)\n"
    "model.fit(X_train, y_train)\n"
)


@pytest.mark.parametrize(
    "line",
    [
        "%matplotlib inline",
        "%%time",
        "!pip install -q imbalanced-learn",
        "files = !ls data",
        "x = %time f()",
        "df.head?",
        "SMOTE??",
        "?train_test_split",
    ],
)
def test_an_ipython_line_makes_a_script_an_export(line: str) -> None:
    lines = ["import numpy as np", "if True:", f"    {line}", "z = np.ones(3)"]
    neutral = neutralise_script(lines)
    assert neutral is not lines
    assert neutral[2].lstrip().startswith("pass  # ipython:")
    assert [neutral[i] for i in (0, 1, 3)] == [lines[i] for i in (0, 1, 3)]
    ast.parse("\n".join(neutral))


def test_a_plain_script_is_left_alone() -> None:
    lines = ["ls = [1, 2]", "pwd = 3", "x = (a", "% b)", "cd = ls", "print(ls, pwd)"]
    assert neutralise_script(lines) is lines


def test_automagic_only_in_an_export() -> None:
    plain = ["x = 1", "pip install imblearn", "y = 2"]
    assert neutralise_script(plain) is plain  # a real syntax error of a real script
    for marker in ("# In[3]:", "# In[ ]:", "get_ipython().run_line_magic('time', '')"):
        exported = neutralise_script([marker, *plain])
        assert exported[2].startswith("pass  # ipython: pip install imblearn")


def _findings(project, run_cli, name: str, text: str, *options: str):
    (project / name).write_text(text, encoding="utf-8")
    return run_cli("check", "--output-format", "concise", *options, name)


def test_hand_made_export_with_magics_reports_its_leak_at_the_right_place(project, run_cli):
    text = "%matplotlib inline\n!pip install imbalanced-learn\nfiles = !ls\n" + LEAK
    result = _findings(project, run_cli, "export.py", text)
    assert result.exit_code == 1, result.output
    assert "export.py:7:36: IG301 `X_res` was resampled by SMOTE at line 6" in result.output
    assert "IG001" not in result.output


def test_columns_are_characters_after_a_unicode_magic(project, run_cli):
    text = "%cd données\n" + LEAK.replace("X_res, y_res = ", "X_é, y_res = ").replace(
        "train_test_split(X_res", "train_test_split(X_é"
    )
    result = _findings(project, run_cli, "export.py", text)
    assert "export.py:5:36: IG301 `X_é` was resampled" in result.output, result.output


def test_nbconvert_export_with_get_ipython_calls(project, run_cli):
    text = (
        "#!/usr/bin/env python\n# coding: utf-8\n\n# In[1]:\n\n\n"
        "get_ipython().run_line_magic('matplotlib', 'inline')\n"
        "get_ipython().system('pip install imbalanced-learn')\n"
        "get_ipython().run_cell_magic('capture', '', 'x = 1\\n')\n"
        "\n\n# In[2]:\n\n\n" + LEAK
    )
    result = _findings(project, run_cli, "exported.py", text)
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[0].startswith("exported.py:18:36: IG301 `X_res`")
    assert len(result.output.splitlines()) == 2  # the finding and the summary: no more


def test_get_ipython_calls_alone_are_opaque(project, run_cli):
    text = (
        "get_ipython().run_line_magic('matplotlib', 'inline')\n"
        "get_ipython().system('pip install imbalanced-learn')\n"
        "from sklearn.model_selection import train_test_split\n"
        "a, b, c, d = train_test_split(X, y, stratify=y)\n"
    )
    result = _findings(project, run_cli, "clean.py", text, "--select", "ALL")
    assert result.exit_code == 0, result.output


def test_a_plain_script_with_a_syntax_error_is_still_ig001(project, run_cli):
    result = _findings(project, run_cli, "broken.py", "x = 1\npip install imblearn\n" + LEAK)
    assert result.exit_code == 1
    assert "broken.py:2:5: IG001 syntax error: invalid syntax (line 2)" in result.output
    assert "broken.py:6:36: IG301" in result.output  # the rest is still checked


def test_export_source_lines_are_the_files_own(project, run_cli):
    """Snippets and noqa read the file's lines, not the neutralised program."""
    text = "%matplotlib inline\n" + LEAK.replace("stratify=y_res)\n", "stratify=y_res)  # noqa\n")
    assert _findings(project, run_cli, "quiet.py", text).exit_code == 0
    loud = _findings(project, run_cli, "loud.py", "%matplotlib inline\n" + LEAK, "-q")
    assert loud.exit_code == 1
    unit = parse_unit(("%matplotlib inline\n" + LEAK).encode(), "x.py", "python")
    assert split_lines(unit.raw_text)[0] == "%matplotlib inline"
    assert unit.lines[0].startswith("pass")
    assert unit.unparsed == []


def test_the_file_is_never_modified(project, run_cli):
    text = "%matplotlib inline\r\n!ls\r\n" + LEAK.replace("\n", "\r\n")
    path = project / "export.py"
    path.write_bytes(text.encode())
    result = run_cli("check", "export.py")
    assert result.exit_code == 1
    assert path.read_bytes() == text.encode()


def test_a_cell_magic_body_is_not_python_in_an_export_either() -> None:
    marked = ["# In[1]:", "%%bash", "echo hi", "", "ls -la | wc", "# In[2]:", "x = 1"]
    assert neutralise_script(marked) == [
        "# In[1]:",
        "pass  # ipython: %%bash",
        "pass  # ipython cell",
        "pass  # ipython cell",
        "pass  # ipython cell",
        "# In[2]:",
        "x = 1",
    ]
    unmarked = ["%%writefile run.sh", "echo hi", "", "%%time", "y = f(x)", "", "z = 2"]
    assert neutralise_script(unmarked) == [
        "pass  # ipython: %%writefile run.sh",
        "pass  # ipython cell",
        "",
        "pass  # ipython: %%time",
        "y = f(x)",
        "",
        "z = 2",
    ]
    ast.parse("\n".join(neutralise_script(marked)))
