"""Configuration: discovery of pyproject.toml, validation that names the key, overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from imbalance_guard.config import Config, ConfigError, Setting, load_config, parse_table


def write_pyproject(directory: Path, body: str) -> Path:
    path = directory / "pyproject.toml"
    path.write_text(f"[project]\nname = 'demo'\n\n[tool.imbalance-guard]\n{body}\n")
    return path


def test_nearest_pyproject_is_found_upward(tmp_path):
    write_pyproject(tmp_path, 'ignore = ["IG2"]')
    nested = tmp_path / "src" / "pkg"
    nested.mkdir(parents=True)
    config = load_config(cwd=nested)
    assert config.ignore == ["IG2"]
    assert config.root == tmp_path


def test_pyproject_without_our_table_is_passed_over(tmp_path):
    write_pyproject(tmp_path, 'ignore = ["IG2"]')
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert load_config(cwd=inner).ignore == ["IG2"]


def test_no_configuration_gives_defaults(tmp_path):
    config = load_config(cwd=tmp_path)
    assert config.select is None and ".git" in config.exclude and config.source is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('selekt = ["IG3"]', "unknown key 'selekt'"),
        ("select = 3", "select"),
        ('select = ["IG-3"]', "'IG-3' is not a rule code"),
        ('per-file-ignores = ["x"]', "per-file-ignores"),
        ("output-format = 1", "output-format: expected a string"),
    ],
)
def test_bad_top_level_keys_name_the_key(tmp_path, body, message):
    write_pyproject(tmp_path, body)
    with pytest.raises(ConfigError, match=message) as info:
        load_config(cwd=tmp_path)
    assert "pyproject.toml" in str(info.value)


def test_unknown_key_lists_the_allowed_ones(tmp_path):
    write_pyproject(tmp_path, 'selekt = ["IG3"]')
    with pytest.raises(ConfigError) as info:
        load_config(cwd=tmp_path)
    assert "select" in str(info.value) and "extend-exclude" in str(info.value)


def test_invalid_toml_is_a_config_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.imbalance-guard\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(cwd=tmp_path)


def test_explicit_config_file_may_hold_the_table_at_top_level(tmp_path):
    path = tmp_path / "ig.toml"
    path.write_text('ignore = ["IG1"]\n')
    assert load_config(path).ignore == ["IG1"]
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "missing.toml")


SETTINGS = [
    Setting(
        "data",
        "max-imbalance-ratio",
        10.0,
        "ratio",
        types=(int, float),
        check=lambda v: None if v > 1 else "must be greater than 1",
    ),
    Setting("data", "min-class-count", 6, "rows"),
    Setting("code", "mode", "fast", "how", choices=("fast", "slow")),
]


def test_sub_tables_are_validated_against_declared_settings():
    config = parse_table({"data": {"min-class-count": 10}}, root=Path("."))
    config.apply_settings(SETTINGS)
    assert config.get("data", "min-class-count") == 10
    assert config.get("data", "max-imbalance-ratio") == 10.0
    assert config.get("code", "mode") == "fast"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"data": {"min-class-cnt": 3}}, "unknown key data.'min-class-cnt'; allowed keys"),
        ({"data": {"min-class-count": "6"}}, "data.min-class-count: expected an integer"),
        ({"data": {"min-class-count": True}}, "expected an integer, got true/false"),
        ({"data": {"max-imbalance-ratio": 0.5}}, "must be greater than 1"),
        ({"code": {"mode": "medium"}}, "'medium' is not one of 'fast', 'slow'"),
        ({"daata": {"x": 1}}, r"unknown section \[tool.imbalance-guard.daata\]"),
    ],
)
def test_bad_settings_name_the_key_and_what_is_allowed(table, message):
    config = parse_table(table, root=Path("."))
    with pytest.raises(ConfigError, match=message):
        config.apply_settings(SETTINGS)


def test_rule_selection_follows_ruff():
    codes = ["IG101", "IG102", "IG201", "IG301"]
    config = Config()
    config.select_rules(codes, default_enabled=["IG101", "IG301"])
    assert config.enabled_codes == {"IG101", "IG301"}
    config = Config(select=["IG1"], ignore=["IG102"])
    config.select_rules(codes, default_enabled=codes)
    assert config.enabled_codes == {"IG101"}
    config = Config(ignore=["IG"], extend_select=["IG3"])
    config.select_rules(codes, default_enabled=codes)
    assert config.enabled_codes == {"IG301"}
    config = Config(select=["ALL"])
    config.select_rules(codes, default_enabled=[])
    assert config.enabled_codes == set(codes)
    # ALL is the least specific selector, as in ruff: a short ignore still wins over it.
    config = Config(select=["ALL"], ignore=["IG"], extend_select=["IG3"])
    config.select_rules(codes, default_enabled=[])
    assert config.enabled_codes == {"IG301"}


def test_config_error_through_the_cli_is_exit_2(project, run_cli):
    write_pyproject(project, 'ignor = ["IG1"]')
    (project / "a.py").write_text("x = 1\n")
    result = run_cli("check")
    assert result.exit_code == 2
    assert "unknown key 'ignor'" in result.output


def test_per_file_ignores_and_config_ignore(project, run_cli, print_plugin):
    write_pyproject(project, '[tool.imbalance-guard.per-file-ignores]\n"scripts/*.py" = ["XP1"]')
    (project / "scripts").mkdir()
    (project / "scripts" / "a.py").write_text("print(1)\n")
    (project / "b.py").write_text("print(1)\n")
    result = run_cli("check", plugins=[print_plugin])
    assert "b.py:1:1: XP100" in result.output
    assert "scripts/a.py" not in result.output
    assert "Found 1 problem." in result.output


def test_disable_plugins_from_config(project, run_cli):
    write_pyproject(project, 'disable-plugins = ["json"]')
    result = run_cli("check", "--output-format", "json")
    assert result.exit_code == 2 and "unknown output format 'json'" in result.output


def test_code_table_is_validated_and_reaches_the_runner(project, run_cli):
    from imbalance_guard.run import build_run

    write_pyproject(project, "[tool.imbalance-guard.code]\njobs = 1")
    assert build_run(cwd=project).runner().jobs == 1

    write_pyproject(project, "[tool.imbalance-guard.code]\njobs = -2")
    result = run_cli("check")
    assert result.exit_code == 2 and "code.jobs: must be 0" in result.output
    write_pyproject(project, "[tool.imbalance-guard.code]\nworkers = 2")
    result = run_cli("check")
    assert result.exit_code == 2
    allowed = "allowed keys in [tool.imbalance-guard.code]: balanced-ratio, jobs"
    assert f"unknown key code.'workers'; {allowed}" in result.output


def test_discovery_stops_at_the_configured_root(tmp_path, monkeypatch):
    """A pyproject.toml above IMBALANCE_GUARD_CONFIG_ROOT is never read."""
    write_pyproject(tmp_path, 'ignore = ["ALL"]')  # hostile: would silence every rule
    root = tmp_path / "sandbox"
    project = root / "project"
    project.mkdir(parents=True)
    monkeypatch.delenv("IMBALANCE_GUARD_CONFIG_ROOT")
    assert load_config(cwd=project).ignore == ["ALL"]  # without the boundary it leaks in
    monkeypatch.setenv("IMBALANCE_GUARD_CONFIG_ROOT", str(root))
    config = load_config(cwd=project)
    assert config.ignore == [] and config.source is None and config.root == project
    write_pyproject(root, 'ignore = ["IG2"]')  # the boundary itself is still searched
    assert load_config(cwd=project).ignore == ["IG2"]
    # A working directory outside the boundary discovers nothing at all.
    assert load_config(cwd=tmp_path).source is None


def test_the_suite_runs_behind_the_boundary(project, tmp_path_factory):
    """The autouse fixture puts every test's temporary folder behind the boundary."""
    import os

    base = tmp_path_factory.getbasetemp().resolve()
    assert os.environ["IMBALANCE_GUARD_CONFIG_ROOT"] == str(base)
    assert base in project.resolve().parents
    assert load_config(cwd=base.parent).source is None  # above the root: nothing is read
