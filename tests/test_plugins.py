"""The plugin manager: built-ins as plugins, clashes and bad hooks fail at start-up."""

from __future__ import annotations

import pytest

from imbalance_guard import hookimpl
from imbalance_guard.findings import Rule
from imbalance_guard.plugins import (
    BUILTIN_PLUGINS,
    PluginError,
    builtin_name,
    collect_rules,
    get_plugin_manager,
)

REQUIRED_HEADINGS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")


def test_every_builtin_is_registered_under_its_short_name():
    pm = get_plugin_manager(load_entry_points=False)
    names = {name for name, _ in pm.list_name_plugin()}
    assert {builtin_name(m) for m in BUILTIN_PLUGINS} <= names


def test_every_rule_documents_itself_with_ruff_headings():
    rules = collect_rules(get_plugin_manager())
    assert "IG001" in rules
    for rule in rules.values():
        missing = [h for h in REQUIRED_HEADINGS if h not in rule.doc]
        assert not missing, f"{rule.code} lacks {missing}"
        if rule.fix.value != "none":
            assert "## Fix safety" in rule.doc, rule.code
        assert rule.name == rule.name.lower() and " " not in rule.name


def test_duplicate_rule_codes_are_rejected():
    class Clash:
        @hookimpl
        def ig_rules(self):
            return [Rule("IG001", "again", "dup", "doc")]

    with pytest.raises(PluginError, match="IG001 is declared by both"):
        collect_rules(get_plugin_manager(extra=[Clash()]))


def test_a_hook_with_an_unknown_argument_fails_at_registration():
    class Bad:
        @hookimpl
        def ig_check_code(self, unit, config, surprise):
            return []

    with pytest.raises(Exception, match="surprise"):
        get_plugin_manager(extra=[Bad()])


def test_a_hook_that_matches_no_spec_is_reported():
    class Typo:
        @hookimpl
        def ig_chek_code(self, unit):
            return []

    with pytest.raises(PluginError, match="ig_chek_code"):
        get_plugin_manager(extra=[Typo()])


def test_disabled_builtin_is_not_loaded():
    pm = get_plugin_manager(disabled=["json"], load_entry_points=False)
    assert pm.get_plugin("json") is None and pm.is_blocked("json")


def test_a_crashing_plugin_is_exit_2_and_names_itself(project, run_cli):
    class Crash:
        @hookimpl
        def ig_rules(self):
            return [Rule("XC100", "crash", "crash", "doc")]

        @hookimpl
        def ig_check_code(self, unit):
            raise RuntimeError("boom")

    (project / "a.py").write_text("x = 1\n")
    result = run_cli("check", plugins=[Crash()])
    assert result.exit_code == 2
    assert "plugin" in result.output and "failed: RuntimeError: boom" in result.output


def test_an_undeclared_code_is_an_error(project, run_cli, print_plugin):
    from imbalance_guard.findings import Finding

    class Sneaky:
        @hookimpl
        def ig_check_code(self, unit):
            return [Finding("ZZ999", "x", unit.location(line=1))]

    (project / "a.py").write_text("x = 1\n")
    result = run_cli("check", plugins=[Sneaky()])
    assert result.exit_code == 2 and "undeclared code ZZ999" in result.output


@pytest.mark.parametrize(
    "how",
    [("--disable-plugin", "deep_lerning"), ("--disable-plugin=deep_lerning",), ("config",)],
)
def test_an_unknown_plugin_name_is_an_error_listing_the_known_ones(project, run_cli, how):
    (project / "leak.py").write_text("print(1)\n")
    if how == ("config",):
        (project / "pyproject.toml").write_text(
            '[tool.imbalance-guard]\ndisable-plugins = ["deep_lerning"]\n'
        )
        how = ()
    result = run_cli("check", *how, "leak.py")
    assert result.exit_code == 2
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith(
        "imbalance-guard: error: cannot disable plugin 'deep_lerning': no plugin has that "
        "name (did you mean 'deep_learning'?); known plugins: "
    )
    assert "json" in first and "read_csv" in first and "deep_learning" in first


def test_an_unknown_plugin_name_fails_every_command(project, run_cli):
    result = run_cli("rules", "--disable-plugin", "nosuch")
    assert result.exit_code == 2 and "'nosuch': no plugin has that name;" in result.stderr


def test_known_names_are_still_accepted_entry_points_included(project, run_cli):
    (project / "ok.py").write_text("x = 1\n")
    result = run_cli("check", "--disable-plugin", "deep_learning", "--disable-plugin", "json")
    assert result.exit_code == 0 and "All checks passed!" in result.stdout
