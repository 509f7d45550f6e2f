"""One run, built by one function: settings, command-line overrides, plugins, rule selection.

:func:`build_run` is the only place a run is put together. The CLI, the test helpers and
embeddings (the pandera integration, an editor server later) call it, so a run built
anywhere is validated the same way:

1. read the configuration file (``--config`` or the nearest pyproject.toml);
2. load the plugins (built-ins, entry points, objects passed in-process), refusing to
   disable an essential one;
3. apply command-line overrides — plugin options (``--label``, ``--schema``) as
   :meth:`Config.override` — *before* validating the settings the plugins declare;
4. select the rules (``select`` / ``extend-select`` / ``ignore``, ruff's semantics);
5. freeze the configuration and call ``ig_configure``.

The result, a :class:`Run`, is frozen: nothing later in the run changes it.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterable, Mapping
from dataclasses import field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from imbalance_guard import __version__
from imbalance_guard.config import (
    Config,
    ConfigError,
    OptionValueError,
    load_config,
    set_top_level,
)
from imbalance_guard.findings import Rule
from imbalance_guard.options import Option, OptionError, OptionParser
from imbalance_guard.plugins import (
    BUILTIN_PLUGINS,
    PluginError,
    PluginManager,
    builtin_name,
    collect_rules_and_owners,
    get_plugin_manager,
)
from imbalance_guard.records import record

if TYPE_CHECKING:
    from imbalance_guard.cache import Cache
    from imbalance_guard.fix.engine import FixMode
    from imbalance_guard.report.base import Formatter
    from imbalance_guard.runner import Runner


class RunError(Exception):
    """The run cannot be built (configuration, plugin or option error): exit status 2."""


# eq/repr off: a plugin set (it holds the plugin manager) is compared by identity.
@record(frozen=True, eq=False, repr=False)
class Plugins:
    """The first half of a run: the configuration file and the plugins it leaves loaded.

    The CLI needs it before parsing the command line (plugins add options), and passes
    it on to :func:`build_run` so nothing is loaded twice.
    """

    config: Config  # as read from the file; sub-tables not yet validated
    pm: PluginManager
    rules: Mapping[str, Rule]
    owners: Mapping[str, str]  # rule code -> plugin name
    options: tuple[Option, ...]
    in_process: bool  # plugin objects passed in-process (no name nor version to key on)


def load_plugins(
    config_path: Path | None = None,
    *,
    cwd: Path | None = None,
    disabled: Iterable[str] = (),
    extra_plugins: Iterable[object] = (),
    load_entry_points: bool = True,
    core_flags: Iterable[str] = (),
    config: Config | None = None,
) -> Plugins:
    """Read the configuration and load the plugins; :class:`RunError` when either fails.

    ``config`` replaces the configuration file (an embedding, a test: ``Config()`` is
    every default).
    """
    extra = tuple(extra_plugins)
    try:
        if config is None:
            config = load_config(config_path, cwd)
        pm = get_plugin_manager(
            [*config.disable_plugins, *disabled], load_entry_points=load_entry_points, extra=extra
        )
        rules, owners = collect_rules_and_owners(pm)
        parser = OptionParser(frozenset(core_flags))
        pm.hook.ig_addoption.call_historic(kwargs={"parser": parser})
    except (ConfigError, PluginError, OptionError) as exc:
        raise RunError(str(exc)) from None
    return Plugins(
        config,
        pm,
        MappingProxyType(rules),
        MappingProxyType(owners),
        tuple(parser.options),
        in_process=bool(extra),
    )


# eq/repr off: a run (it holds the plugin manager) is compared by identity.
@record(frozen=True, eq=False, repr=False)
class Run:
    """Everything a run needs, final: the frozen configuration, plugins, rules, formats."""

    config: Config
    pm: PluginManager
    rules: Mapping[str, Rule]
    owners: Mapping[str, str]
    formatters: Mapping[str, Formatter] = field(default_factory=dict)
    # Names and versions of the loaded plugins, for the cache key; None when a plugin was
    # passed in-process (a test's object has no version: its results are never cached).
    plugin_versions: tuple[tuple[str, str], ...] | None = None

    def runner(
        self,
        fix_mode: FixMode | None = None,
        cache: bool = True,
        cache_dir: Path | None = None,
        cwd: Path | None = None,
    ) -> Runner:
        """A :class:`~imbalance_guard.runner.Runner` for this run.

        ``cache=False`` (``--no-cache``) checks every file afresh. The cache is also off
        under ``IMBALANCE_GUARD_NO_CACHE=1``, with a plugin passed in-process (it has no
        version to key on), and for ``--fix`` / ``--diff``, which never trust a cached
        result for a file they may write.
        """
        from imbalance_guard.runner import Runner

        return Runner(
            self.pm,
            self.config,
            dict(self.rules),
            cwd=cwd,
            fix_mode=fix_mode,
            owners=self.owners,
            cache=self.cache(cwd or Path.cwd(), cache_dir) if cache and fix_mode is None else None,
        )

    def cache(self, cwd: Path, explicit_dir: Path | None = None) -> Cache | None:
        """The cache of unchanged files for this run, or None when it is off."""
        from imbalance_guard.cache import (
            Cache,
            cache_directory,
            disabled_by_environment,
            run_key,
        )

        if self.plugin_versions is None or disabled_by_environment():
            return None
        modules = [plugin for _, plugin in self.pm.list_name_plugin() if plugin is not None]
        directory = cache_directory(self.config.root, self.config.cache_dir, explicit_dir, cwd)
        return Cache(directory, run_key(self.config, self.plugin_versions, modules))


def _codes(selectors: Iterable[str] | None) -> list[str] | None:
    if selectors is None:
        return None
    return [c.strip().upper() for item in selectors for c in item.split(",") if c.strip()]


def build_run(
    config_path: Path | None = None,
    *,
    cwd: Path | None = None,
    disabled: Iterable[str] = (),
    extra_plugins: Iterable[object] = (),
    options: Mapping[str, Any] | None = None,
    select: Iterable[str] | None = None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    load_entry_points: bool = True,
    plugins: Plugins | None = None,
    configure: bool = True,
    config: Config | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Run:
    """Build the frozen run configuration; raises :class:`RunError` with a clear message.

    ``options`` are plugin options by flag or by name (``{"--label": ("y",)}`` or
    ``{"label": ("y",)}``); ``select`` replaces the configured selection, ``extend_select``
    and ``ignore`` add to it (codes or prefixes, comma-separated items allowed).
    ``configure=False`` skips ``ig_configure`` (listing rules needs no schema loaded).
    ``config`` replaces the configuration file (``Config()``: every default), also when
    ``plugins`` (from :func:`load_plugins`, to load them once for many runs) is given.
    ``overrides`` replace top-level settings by key (``{"extend-exclude": [...]}``), as
    the command line's ``--extend-exclude`` and ``--force-exclude`` do.
    """
    cwd = cwd or Path.cwd()
    if plugins is None:
        plugins = load_plugins(
            config_path,
            cwd=cwd,
            disabled=disabled,
            extra_plugins=extra_plugins,
            load_entry_points=load_entry_points,
            config=config,
        )
    if config is not None and config.frozen:
        raise RunError("build_run() takes a configuration as read, not a built run's")
    # ``plugins`` stays reusable: a test may load the plugins once and build many runs.
    config = copy.deepcopy(config if config is not None else plugins.config)
    try:
        for key, value in (overrides or {}).items():
            set_top_level(config, key, value, " (command line)")
        _apply_options(config, plugins.options, options or {}, cwd)
        try:
            config.apply_settings(s for result in plugins.pm.hook.ig_settings() for s in result)
        except OptionValueError:
            raise
        except ConfigError as exc:
            where = f"{config.source}: " if config.source else ""
            raise ConfigError(f"{where}{exc}") from None
        _select(
            config, plugins.rules, _codes(select), _codes(extend_select) or [], _codes(ignore) or []
        )
        config.freeze()
        formatters = {f.name: f for result in plugins.pm.hook.ig_formatters() for f in result}
        if configure:
            plugins.pm.hook.ig_configure.call_historic(kwargs={"config": config})
    except ConfigError as exc:
        raise RunError(str(exc)) from None
    return Run(
        config,
        plugins.pm,
        plugins.rules,
        plugins.owners,
        MappingProxyType(formatters),
        None if plugins.in_process else plugin_versions(plugins.pm),
    )


def _apply_options(
    config: Config, declared: tuple[Option, ...], given: Mapping[str, Any], cwd: Path
) -> None:
    by_name = {name: o for o in declared for name in (o.flag, o.dest)}
    for name, value in given.items():
        option = by_name.get(name)
        if option is None:
            raise ConfigError(f"unknown option {name!r}; no loaded plugin declares it")
        if option.given(value):
            config.override(option.section, option.key, option.value(value, cwd), option.flag)


def _select(
    config: Config,
    rules: Mapping[str, Rule],
    select: list[str] | None,
    extend: list[str],
    ignore: list[str],
) -> None:
    if select is not None:
        config.select = select
    config.extend_select = [*config.extend_select, *extend]
    config.ignore = [*config.ignore, *ignore]
    unknown = [
        c
        for c in [*(config.select or []), *config.extend_select, *config.ignore]
        if c != "ALL" and not any(code.startswith(c) for code in rules)
    ]
    if unknown:
        raise ConfigError(f"unknown rule selector {unknown[0]!r}; see `imbalance-guard rules`")
    config.select_rules(rules, [r.code for r in rules.values() if r.default_enabled])


def plugin_versions(pm: PluginManager) -> tuple[tuple[str, str], ...]:
    """(name, version) of every loaded plugin; built-ins carry the tool's version."""
    origins = getattr(pm, "origins", {})
    return tuple(
        sorted(
            (name, origins.get(name, f"imbalance-guard {__version__}"))
            for name, plugin in pm.list_name_plugin()
            if plugin is not None
        )
    )


def disabled_option_owner(flag: str, blocked: Iterable[str]) -> str | None:
    """The blocked built-in plugin that would have declared ``flag``, if any: the CLI
    names it instead of click's bare "no such option"."""
    import importlib

    names = set(blocked)
    for module in BUILTIN_PLUGINS:
        name = builtin_name(module)
        if name not in names:
            continue
        hook = getattr(importlib.import_module(module), "ig_addoption", None)
        if hook is None:
            continue
        parser = OptionParser()
        hook(parser=parser)
        if any(o.flag == flag for o in parser.options):
            return name
    return None


def cwd_or_error() -> Path:
    """The working directory, which every relative path is resolved against."""
    try:
        return Path(os.getcwd())
    except OSError as exc:  # it may have been deleted under us
        raise RunError(f"cannot use the working directory: {exc.strerror or exc}") from None
