"""One run builder: overrides validated like the file, plugin options, essential plugins,
disabled rules skipped by the runner, and a configuration nobody can change mid-run."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from imbalance_guard import hookimpl
from imbalance_guard.config import Config, ConfigError, Setting
from imbalance_guard.findings import Finding, Rule
from imbalance_guard.plugins import ESSENTIAL_PLUGINS
from imbalance_guard.run import RunError, build_run

LEAKY = (
    "from imblearn.over_sampling import SMOTE\n"
    "from sklearn.model_selection import train_test_split\n"
    "X_res, y_res = SMOTE().fit_resample(X, y)\n"
    "X_tr, X_te, y_tr, y_te = train_test_split(X_res, y_res, stratify=y_res)\n"
    "model.fit(X_tr, y_tr)\n"
)


def _rule(code: str) -> Rule:
    return Rule(code, f"rule-{code.lower()}", "A test rule", f"{code}\n\n## What it does\nx\n")


class ThresholdPlugin:
    """A third-party plugin with a setting and the option that overrides it."""

    def __init__(self) -> None:
        self.seen: list[int] = []

    @hookimpl
    def ig_rules(self) -> list[Rule]:
        return [_rule("XT100")]

    @hookimpl
    def ig_settings(self) -> list[Setting]:
        return [
            Setting(
                "xt",
                "threshold",
                3,
                "How many",
                types=(int,),
                check=lambda v: None if v > 0 else "must be positive",
            )
        ]

    @hookimpl
    def ig_addoption(self, parser) -> None:
        parser.addoption(
            "--xt-threshold",
            section="xt",
            key="threshold",
            help="How many.",
            convert=lambda value, cwd: int(value) if value.isdigit() else value,
        )

    @hookimpl
    def ig_check_code(self, unit, config) -> list[Finding]:
        self.seen.append(config.get("xt", "threshold"))
        return [Finding("XT100", "seen", unit.location(unit.tree.body[0]))]


class TwoRules:
    """One plugin, two codes, and it never asks ``is_enabled``: the core filters."""

    def __init__(self) -> None:
        self.calls = 0

    @hookimpl
    def ig_rules(self) -> list[Rule]:
        return [_rule("XW100"), _rule("XW200")]

    @hookimpl
    def ig_check_code(self, unit) -> list[Finding]:
        self.calls += 1
        where = unit.location(unit.tree.body[0])
        return [Finding("XW100", "one", where), Finding("XW200", "two", where)]


def codes(result) -> list[str]:
    return [f["code"] for f in json.loads(result.output)]


def test_a_plugin_option_overrides_its_setting_before_validation(project, run_cli):
    (project / "a.py").write_text("x = 1\n")
    (project / "pyproject.toml").write_text("[tool.imbalance-guard.xt]\nthreshold = 5\n")
    plugin = ThresholdPlugin()
    assert run_cli("check", "a.py", plugins=[plugin]).exit_code == 1
    assert run_cli("check", "a.py", "--xt-threshold", "9", plugins=[plugin]).exit_code == 1
    assert plugin.seen == [5, 9]

    bad = run_cli("check", "a.py", "--xt-threshold", "0", plugins=[plugin])
    assert bad.exit_code == 2
    assert "--xt-threshold: xt.threshold: must be positive (got 0)" in bad.output
    assert plugin.seen == [5, 9]  # nothing was checked


def test_plugin_options_are_in_the_help_of_check(run_cli):
    text = run_cli("check", "--help", plugins=[ThresholdPlugin()]).output
    assert "--xt-threshold" in text and "How many." in text
    assert "--xt-threshold" not in run_cli("check", "--help").output


def test_an_option_that_clashes_with_the_core_is_a_plugin_error(project, run_cli):
    class Clash:
        @hookimpl
        def ig_addoption(self, parser) -> None:
            parser.addoption("--select", section="data", key="label", help="no")

    result = run_cli("check", ".", plugins=[Clash()])
    assert result.exit_code == 2
    assert "option --select is declared twice" in result.output


def test_label_from_the_command_line_is_validated(project, run_cli):
    (project / "d.csv").write_text("label\na\nb\n")
    result = run_cli("check", "d.csv", "--label", "")
    assert result.exit_code == 2
    assert "--label: data.label: expected a column name" in result.output
    assert "Traceback" not in result.output


def test_label_option_reaches_the_readers(project, run_cli):
    (project / "d.csv").write_text("kind,other\n" + "a,1\n" * 40 + "b,1\n")
    result = run_cli("check", "d.csv", "--label", "kind", "--output-format", "json")
    assert result.exit_code == 1
    found = json.loads(result.output)
    assert found and {f["label_column"] for f in found} == {"kind"}


@pytest.mark.parametrize("name", sorted(ESSENTIAL_PLUGINS))
def test_essential_plugins_cannot_be_disabled(project, run_cli, name):
    (project / "broken.py").write_text("x = (\n")
    result = run_cli("check", "--disable-plugin", name, "broken.py")
    assert result.exit_code == 2
    assert f"plugin {name!r} is essential and cannot be disabled" in result.output
    assert "All checks passed" not in result.output


def test_essential_plugins_cannot_be_disabled_in_the_configuration(project, run_cli):
    (project / "pyproject.toml").write_text(
        '[tool.imbalance-guard]\ndisable-plugins = ["unreadable_input"]\n'
    )
    (project / "broken.py").write_text("x = (\n")
    result = run_cli("check", "broken.py")
    assert result.exit_code == 2
    assert "'unreadable_input' is essential" in result.output


def test_the_runner_filters_findings_of_disabled_codes(project, run_cli):
    (project / "a.py").write_text("x = 1\n")
    plugin = TwoRules()
    result = run_cli(
        "check", "a.py", "--ignore", "XW200", "--output-format", "json", plugins=[plugin]
    )
    assert codes(result) == ["XW100"]
    result = run_cli(
        "check", "a.py", "--select", "XW200", "--output-format", "json", plugins=[plugin]
    )
    assert codes(result) == ["XW200"]
    assert plugin.calls == 2


def test_a_plugin_whose_codes_are_all_disabled_is_not_called(project, run_cli):
    (project / "a.py").write_text("x = 1\n")
    plugin = TwoRules()
    result = run_cli("check", "a.py", "--ignore", "XW", plugins=[plugin])
    assert result.exit_code == 0
    assert plugin.calls == 0


def test_configure_hook_can_stop_the_run(project, run_cli):
    class Refuses:
        @hookimpl
        def ig_configure(self, config) -> None:
            raise ConfigError(f"cannot work with root {config.root.name}")

    (project / "a.py").write_text("x = 1\n")
    result = run_cli("check", "a.py", plugins=[Refuses()])
    assert result.exit_code == 2
    assert f"cannot work with root {project.name}" in result.output


def test_the_built_configuration_is_frozen(project):
    run = build_run(
        config=Config(root=project),
        load_entry_points=False,
        options={"--label": ("y",)},
        select=["IG1"],
    )
    assert run.config.get("data", "label") == "y"
    assert run.config.is_enabled("IG101") and not run.config.is_enabled("IG301")
    with pytest.raises(dataclasses.FrozenInstanceError):
        run.config.select = ["IG3"]
    with pytest.raises(TypeError):
        run.config.settings["data"]["label"] = "z"  # type: ignore[index]
    with pytest.raises(TypeError):
        run.config.settings["data"] = {}  # type: ignore[index]


def test_the_builder_reports_bad_selectors_and_options(project):
    with pytest.raises(RunError, match="unknown rule selector 'XX9'"):
        build_run(config=Config(root=project), load_entry_points=False, select=["XX9"])
    with pytest.raises(RunError, match="unknown option '--nope'"):
        build_run(config=Config(root=project), load_entry_points=False, options={"--nope": "1"})


def test_tests_and_the_cli_build_the_same_run(project, run_cli):
    """The builder a test helper calls gives what ``check`` reports."""
    (project / "leaky.py").write_text(LEAKY)
    run = build_run(cwd=project, load_entry_points=False)
    report = run.runner(cache=False).run([Path("leaky.py")])
    cli = run_cli(
        "check", "leaky.py", "--output-format", "json", "--disable-plugin", "deep_learning"
    )
    assert [f.code for f in report.findings] == codes(cli) == ["IG301"]


def test_a_built_configuration_cannot_be_built_again(project):
    run = build_run(config=Config(root=project), load_entry_points=False)
    with pytest.raises(RunError, match="not a built run's"):
        build_run(config=run.config, load_entry_points=False)
