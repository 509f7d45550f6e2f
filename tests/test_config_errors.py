"""Bad TOML of any kind is a configuration error: exit 2, one line naming the file, never an
internal error. A pyproject.toml of another tool counts too, as in ruff: a file that is not
TOML cannot be known to lack our table."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from imbalance_guard.config import ConfigError, load_config

BAD_TOML = {
    "not-utf8": b'[project]\nname = "caf\xe9"\n',
    "nested": b"a = " + b"[" * 20_000 + b"]" * 20_000 + b"\n",
    "inline-nested": b"a = " + b"{b = " * 5_000 + b"1" + b"}" * 5_000 + b"\n",
    "huge-int": b"a = " + b"9" * 5_000 + b"\n",
    "syntax": b"[tool.imbalance-guard\n",
    "duplicate": b"[tool.imbalance-guard]\n[tool.imbalance-guard]\n",
    "nul": b"a = 1\x00\n",
}
EXPECTED = {
    "not-utf8": "is not valid TOML: not UTF-8 (line 2)",
    "nested": "is not valid TOML: nested too deeply to read",
    "inline-nested": "is not valid TOML: nested too deeply to read",
    "huge-int": "is not valid TOML: a number has more than 4300 digits",
    "syntax": "is not valid TOML: Expected ']'",
    "duplicate": "is not valid TOML: Cannot declare",
    "nul": "is not valid TOML",
}


@pytest.mark.parametrize("case", sorted(BAD_TOML))
def test_any_bad_pyproject_is_a_config_error_naming_the_file(tmp_path, case):
    (tmp_path / "pyproject.toml").write_bytes(BAD_TOML[case])
    with pytest.raises(ConfigError) as info:
        load_config(cwd=tmp_path)
    assert str(info.value).startswith(f"{tmp_path / 'pyproject.toml'} ")
    assert EXPECTED[case] in str(info.value)
    # The same through --config.
    (tmp_path / "ig.toml").write_bytes(BAD_TOML[case])
    with pytest.raises(ConfigError, match="is not valid TOML"):
        load_config(tmp_path / "ig.toml", cwd=tmp_path)


@pytest.mark.parametrize("case", ["not-utf8", "nested", "huge-int"])
def test_through_the_cli_it_is_one_line_and_exit_2(tmp_path, case):
    """A subprocess, as a user runs it: exactly one line on stderr, nothing on stdout."""
    (tmp_path / "pyproject.toml").write_bytes(BAD_TOML[case])  # another tool's file
    (tmp_path / "a.py").write_text("x = 1\n")
    out = subprocess.run(
        [sys.executable, "-m", "imbalance_guard", "check", "a.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("imbalance-guard: error: ")
    assert "pyproject.toml is not valid TOML" in lines[0]
    assert "internal error" not in out.stderr and "Traceback" not in out.stderr


def test_a_pyproject_that_is_not_a_file_is_passed_over(tmp_path):
    """A folder, a FIFO (opening it would block) or a link loop named pyproject.toml is no
    configuration: the search goes on upward."""
    (tmp_path / "pyproject.toml").write_text('[tool.imbalance-guard]\nignore = ["IG2"]\n')
    for name, make in [
        ("folder", lambda p: p.mkdir()),
        ("fifo", os.mkfifo),
        ("loop", lambda p: p.symlink_to(p.name)),
    ]:
        inner = tmp_path / name
        inner.mkdir()
        make(inner / "pyproject.toml")
        assert load_config(cwd=inner).ignore == ["IG2"], name


@pytest.mark.parametrize(
    "body",
    ["tool = 3", 'tool = "imbalance-guard"', 'tool = ["imbalance-guard"]', "[tool]\nx = 1"],
)
def test_a_pyproject_whose_tool_is_not_a_table_has_no_table_of_ours(tmp_path, body):
    (tmp_path / "pyproject.toml").write_text(body + "\n")
    config = load_config(cwd=tmp_path)
    assert config.source is None
    with pytest.raises(ConfigError, match=r"has no \[tool.imbalance-guard\] table"):
        load_config(tmp_path / "pyproject.toml", cwd=tmp_path)


def test_a_deeply_nested_value_is_named_in_one_short_line(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        "[tool.imbalance-guard]\nselect = " + "[" * 300 + "]" * 300 + "\n"
    )
    with pytest.raises(ConfigError) as info:
        load_config(cwd=tmp_path)
    message = str(info.value)
    assert "select: expected a list of strings, got [[[[[[[...]]]]]]]" in message
    assert len(message) < 200 + len(str(tmp_path))


@pytest.mark.parametrize("digits", ["0x" + "f" * 5_000, "0o" + "7" * 6_000, "0b" + "1" * 20_000])
def test_a_huge_hex_octal_or_binary_integer_is_a_config_error(project, run_cli, digits):
    """TOML reads them (only decimal has Python's digit limit), but they cannot be shown
    in decimal: the message names the key and the integer's size, exit 2."""
    (project / "a.py").write_text("x = 1\n")
    for table, message in [
        (f"select = {digits}", "select: expected a list of strings, got an integer of"),
        (f"exclude = [{digits}]", "exclude: expected a list of strings, got [an integer of"),
        (f"[tool.imbalance-guard.data]\nmax-imbalance-ratio = {digits}", "(got an integer of"),
        (f"[tool.imbalance-guard.data]\nmax-classes = {digits}", "(got an integer of"),
    ]:
        (project / "ig.toml").write_text(f"[tool.imbalance-guard]\n{table}\n")
        result = run_cli("check", "--config", "ig.toml", "a.py")
        assert result.exit_code == 2, result.output
        assert message in result.output and " bits" in result.output, result.output
