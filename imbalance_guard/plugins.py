"""The plugin manager: built-in plugins and third-party ones, registered the same way."""

from __future__ import annotations

import importlib
from collections.abc import Iterable

import pluggy

from imbalance_guard import hookspecs
from imbalance_guard.findings import Rule

ENTRY_POINT_GROUP = "imbalance_guard"

# Built-in plugins, by module. Each is registered under its short name (the last
# dotted part), which is also what ``--disable-plugin`` takes.
BUILTIN_PLUGINS: tuple[str, ...] = (
    "imbalance_guard.rules.unreadable_input",
    "imbalance_guard.code.settings",
    # dataset readers and data rules
    "imbalance_guard.data.labels",
    "imbalance_guard.data.read_csv",
    "imbalance_guard.data.read_arrow",
    "imbalance_guard.data.read_jsonl",
    "imbalance_guard.rules.data.ig101_skewed_labels",
    "imbalance_guard.rules.data.ig102_rare_class",
    "imbalance_guard.rules.data.ig103_single_class",
    "imbalance_guard.rules.data.ig104_missing_labels",
    "imbalance_guard.rules.data.ig105_label_not_found",
    # code rules: leakage
    "imbalance_guard.rules.code.ig301_resample_before_split",
    "imbalance_guard.rules.code.ig302_resample_test_data",
    "imbalance_guard.rules.code.ig303_sampler_in_sklearn_pipeline",
    # code rules: metrics
    "imbalance_guard.rules.code.ig201_accuracy_only",
    "imbalance_guard.rules.code.ig202_split_without_stratify",
    # output formats
    "imbalance_guard.report.text",
    "imbalance_guard.report.json",
    "imbalance_guard.report.concise",
    "imbalance_guard.report.sarif",
    "imbalance_guard.report.github",
    "imbalance_guard.report.junit",
    "imbalance_guard.report.gitlab",
    # integrations
    "imbalance_guard.rules.data.ig106_schema_violation",  # pandera: --schema, register()
)


class PluginError(Exception):
    """A plugin is broken (bad hook, clashing rule code); the run cannot start."""


def builtin_name(module: str) -> str:
    return module.rsplit(".", 1)[-1]


def get_plugin_manager(
    disabled: Iterable[str] = (), load_entry_points: bool = True, extra: Iterable[object] = ()
) -> pluggy.PluginManager:
    """Build the manager: specs, built-ins, entry points, then ``extra`` objects."""
    pm = pluggy.PluginManager("imbalance_guard")
    pm.add_hookspecs(hookspecs)
    for name in disabled:
        pm.set_blocked(name)
    for module in BUILTIN_PLUGINS:
        name = builtin_name(module)
        if pm.is_blocked(name):
            continue
        pm.register(importlib.import_module(module), name=name)
    if load_entry_points:
        try:
            pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
        except Exception as exc:  # a broken third-party package must not be a traceback
            raise PluginError(
                f"cannot load a plugin of group {ENTRY_POINT_GROUP!r}: {exc}"
            ) from exc
    for plugin in extra:
        # An embedding program may pass a plugin its entry point already loaded.
        if not pm.is_registered(plugin):
            pm.register(plugin)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(str(exc)) from None
    return pm


def collect_rules(pm: pluggy.PluginManager) -> dict[str, Rule]:
    """All rules by code; a code declared twice is a plugin error."""
    rules: dict[str, Rule] = {}
    owners: dict[str, str] = {}
    for impl in pm.hook.ig_rules.get_hookimpls():
        for rule in impl.function() or ():
            if rule.code in rules:
                raise PluginError(
                    f"rule code {rule.code} is declared by both {owners[rule.code]!r} "
                    f"and {impl.plugin_name!r}"
                )
            rules[rule.code] = rule
            owners[rule.code] = impl.plugin_name
    return dict(sorted(rules.items()))


def plugin_names(pm: pluggy.PluginManager) -> list[tuple[str, str]]:
    """(name, origin) of each registered plugin, for ``imbalance-guard plugins``."""
    dists = {id(plugin): dist for plugin, dist in pm.list_plugin_distinfo()}
    out = []
    for name, plugin in pm.list_name_plugin():
        if plugin is None:
            continue
        dist = dists.get(id(plugin))
        origin = f"{dist.project_name} {dist.version}" if dist else "built-in"
        out.append((name, origin))
    return out
