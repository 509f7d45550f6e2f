"""The plugin manager: built-in plugins and third-party ones, registered the same way."""

from __future__ import annotations

import importlib
import types
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pluggy

from imbalance_guard import hookimpl, hookspecs
from imbalance_guard.entry_points import entry_points
from imbalance_guard.findings import Rule

ENTRY_POINT_GROUP = "imbalance_guard"
_MARK = "imbalance_guard_impl"  # the attribute ``hookimpl`` sets on a function

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
    "imbalance_guard.data.read_remote",  # s3://, gs://, az://, https:// (asked first)
    "imbalance_guard.rules.data.ig101_skewed_labels",
    "imbalance_guard.rules.data.ig102_rare_class",
    "imbalance_guard.rules.data.ig103_single_class",
    "imbalance_guard.rules.data.ig104_missing_labels",
    "imbalance_guard.rules.data.ig105_label_not_found",
    "imbalance_guard.rules.data.ig107_train_test_overlap",  # across files: train/test rows
    # code rules: leakage
    "imbalance_guard.rules.code.ig301_resample_before_split",
    "imbalance_guard.rules.code.ig302_resample_test_data",
    "imbalance_guard.rules.code.ig303_sampler_in_sklearn_pipeline",
    # code rules: metrics
    "imbalance_guard.rules.code.ig201_accuracy_only",
    "imbalance_guard.rules.code.ig202_split_without_stratify",
    "imbalance_guard.rules.code.ig203_resampled_test_distribution",
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


#: Built-in plugins imported only when they are needed, by module: each hook they
#: implement and its ``@hookimpl`` options. They are registered as :class:`LazyBuiltin`
#: stand-ins: the dataset readers are imported on the first dataset read, so that
#: checking code (a pre-commit run on ``.py`` files) never loads them; an output format
#: is imported when it renders, so a run pays for the one format it prints. A format's
#: stand-in answers ``ig_formatters`` from :data:`LAZY_FORMATS`. ``tests/test_plugins.py``
#: checks both tables against the modules themselves.
LAZY_PLUGINS: Mapping[str, Mapping[str, Mapping[str, Any]]] = {
    "imbalance_guard.data.read_csv": {"ig_read_dataset": {}},
    "imbalance_guard.data.read_arrow": {"ig_read_dataset": {}},
    "imbalance_guard.data.read_jsonl": {"ig_read_dataset": {}},
    **{f"imbalance_guard.report.{name}": {"ig_formatters": {}} for name in (
        "text", "json", "concise", "sarif", "github", "junit", "gitlab",
    )},
}  # fmt: skip
#: The formats each lazy format module declares: (name, description), as its
#: ``ig_formatters`` returns them.
LAZY_FORMATS: Mapping[str, tuple[tuple[str, str], ...]] = {
    "imbalance_guard.report.text": (
        ("text", "Findings with source context and suggestions (default)"),
    ),
    "imbalance_guard.report.json": (("json", "A JSON list of finding objects (stable schema)"),),
    "imbalance_guard.report.concise": (
        ("concise", "One line per finding: path:line:col: CODE message"),
    ),
    "imbalance_guard.report.sarif": (
        ("sarif", "SARIF 2.1.0 for GitHub code scanning and other SARIF viewers"),
    ),
    "imbalance_guard.report.github": (
        ("github", "GitHub Actions annotations (workflow commands) on the diff"),
    ),
    "imbalance_guard.report.junit": (
        ("junit", "JUnit XML: a test suite per checked file, a failing case per finding"),
    ),
    "imbalance_guard.report.gitlab": (
        ("gitlab", "GitLab Code Quality report (JSON) for merge requests"),
    ),
}

#: Plugins a run cannot do without, as pytest's ``essential_plugins``: IG001 (without it a
#: file that does not parse would pass), the label settings and the dataset readers.
#: ``--disable-plugin`` and ``disable-plugins`` refuse them.
ESSENTIAL_PLUGINS: frozenset[str] = frozenset(
    {"unreadable_input", "labels", "read_csv", "read_arrow", "read_jsonl"}
)


class PluginError(Exception):
    """A plugin is broken (bad hook, clashing rule code); the run cannot start."""


class PluginManager(pluggy.PluginManager):
    """pluggy's manager, also remembering the package each entry-point plugin came from."""

    def __init__(self) -> None:
        super().__init__("imbalance_guard")
        self.origins: dict[str, str] = {}  # plugin name -> "project version"

    def parse_hookimpl_opts(self, plugin: object, name: str) -> Any:
        """pluggy's own, with a fast "no" for a module's imports and unmarked functions.

        pluggy examines every attribute of a plugin with ``inspect.getattr_static``; for
        the two dozen built-in modules that was a noticeable part of starting a pre-commit
        run. Anything that could be a hook implementation still goes to pluggy.
        """
        if isinstance(plugin, LazyBuiltin):
            return plugin.hook_options(name)
        if isinstance(plugin, types.ModuleType):
            value = vars(plugin).get(name)
            if not callable(value) or isinstance(value, (type, types.ModuleType)):
                return None
            if type(value) is types.FunctionType:
                # pluggy would read the same marker, after a slower static lookup
                return value.__dict__.get(_MARK)
        return super().parse_hookimpl_opts(plugin, name)  # type: ignore[arg-type]


def builtin_name(module: str) -> str:
    return module.rsplit(".", 1)[-1]


class LazyBuiltin:
    """A built-in plugin module, imported on the first call of one of its hooks.

    It implements the hooks ``LAZY_PLUGINS`` lists for the module, with the same options
    and the parameters of the hook's spec; each call imports the module once and passes
    the real implementation the arguments it names.
    """

    def __init__(self, module: str, hooks: Mapping[str, Mapping[str, Any]]):
        self.module_name = module
        self._module: types.ModuleType | None = None
        self._argnames: dict[str, tuple[str, ...]] = {}
        for hook, options in hooks.items():
            self.__dict__[hook] = self._stand_in(hook, options)

    def __repr__(self) -> str:
        return f"<lazy built-in plugin {self.module_name}>"

    def hook_options(self, name: str) -> Any:
        """The ``@hookimpl`` options of the stand-in for hook ``name``, or None."""
        function = self.__dict__.get(name)
        return getattr(function, _MARK, None) if callable(function) else None

    @property
    def module(self) -> types.ModuleType:
        """The real plugin module (imported now if it was not yet)."""
        if self._module is None:
            self._module = importlib.import_module(self.module_name)
        return self._module

    def _stand_in(self, hook: str, options: Mapping[str, Any]) -> Callable[..., Any]:
        if hook == "ig_formatters":

            def ig_formatters() -> list[Any]:
                return self._formatters()

            return hookimpl(**options)(ig_formatters)
        spec = getattr(hookspecs, hook)
        names = _parameters(spec)

        def call(*args: Any, **kwargs: Any) -> Any:
            kwargs.update(zip(names, args, strict=False))
            real = getattr(self.module, hook)
            wanted = self._argnames.get(hook)
            if wanted is None:
                wanted = self._argnames[hook] = _parameters(real)
            return real(**{name: kwargs[name] for name in wanted})

        call.__name__ = call.__qualname__ = hook
        call.__wrapped__ = spec  # type: ignore[attr-defined]  # pluggy reads the spec's parameters
        return hookimpl(**options)(call)

    def _formatters(self) -> list[Any]:
        """The module's formats from :data:`LAZY_FORMATS`; each imports it to render."""
        from imbalance_guard.report.base import Formatter

        return [
            Formatter(name, description, self._renderer(name))
            for name, description in LAZY_FORMATS[self.module_name]
        ]

    def _renderer(self, name: str) -> Callable[..., str]:
        def render(*args: Any, **kwargs: Any) -> str:
            formats = {f.name: f for f in self.module.ig_formatters()}
            return formats[name].render(*args, **kwargs)

        return render


def _parameters(function: Callable[..., Any]) -> tuple[str, ...]:
    code = function.__code__
    return code.co_varnames[: code.co_argcount]


def get_plugin_manager(
    disabled: Iterable[str] = (), load_entry_points: bool = True, extra: Iterable[object] = ()
) -> PluginManager:
    """Build the manager: specs, built-ins, entry points, then ``extra`` objects."""
    pm = PluginManager()
    pm.add_hookspecs(hookspecs)
    disabled = list(disabled)
    essential = sorted(ESSENTIAL_PLUGINS.intersection(disabled))
    if essential:
        raise PluginError(
            f"plugin {essential[0]!r} is essential and cannot be disabled (essential plugins: "
            f"{', '.join(sorted(ESSENTIAL_PLUGINS))})"
        )
    for name in disabled:
        pm.set_blocked(name)
    for module in BUILTIN_PLUGINS:
        name = builtin_name(module)
        if pm.is_blocked(name):
            continue
        lazy = LAZY_PLUGINS.get(module)
        plugin = LazyBuiltin(module, lazy) if lazy is not None else importlib.import_module(module)
        pm.register(plugin, name=name)
    if load_entry_points:
        known = {builtin_name(module) for module in BUILTIN_PLUGINS}
        known.update(_load_entry_points(pm))
        unknown = [name for name in dict.fromkeys(disabled) if name not in known]
        if unknown:  # a typo would otherwise leave the plugin on, silently (pytest's -p no:)
            raise PluginError(_unknown_plugin(unknown[0], known))
    for plugin in extra:
        # An embedding program may pass a plugin its entry point already loaded.
        if not pm.is_registered(plugin):
            pm.register(plugin)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(str(exc)) from None
    return pm


def _unknown_plugin(name: str, known: Iterable[str]) -> str:
    import difflib  # only for this message

    close = difflib.get_close_matches(name, list(known), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return (
        f"cannot disable plugin {name!r}: no plugin has that name{hint}; known plugins: "
        f"{', '.join(sorted(known))}"
    )


def _load_entry_points(pm: PluginManager) -> list[str]:
    """What pluggy's ``load_setuptools_entrypoints`` does, on a lighter scan of the metadata.

    Blocked and already registered names are skipped; each plugin is registered under its
    entry-point name, and where it comes from is kept for ``imbalance-guard plugins``.
    Returns every entry point's name, blocked ones included.
    """
    names = []
    for point in entry_points(ENTRY_POINT_GROUP):
        names.append(point.name)
        if pm.get_plugin(point.name) or pm.is_blocked(point.name):
            continue
        try:
            pm.register(point.load(), name=point.name)
        except Exception as exc:  # a broken third-party package must not be a traceback
            raise PluginError(
                f"cannot load plugin {point.name!r} ({point.value}) of group "
                f"{ENTRY_POINT_GROUP!r}: {exc}"
            ) from exc
        pm.origins[point.name] = f"{point.project} {point.version}"
    return names


def collect_rules(pm: pluggy.PluginManager) -> dict[str, Rule]:
    """All rules by code; a code declared twice is a plugin error."""
    return collect_rules_and_owners(pm)[0]


def collect_rules_and_owners(pm: pluggy.PluginManager) -> tuple[dict[str, Rule], dict[str, str]]:
    """All rules by code, and the name of the plugin declaring each code."""
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
    return dict(sorted(rules.items())), owners


def plugin_names(pm: pluggy.PluginManager) -> list[tuple[str, str]]:
    """(name, origin) of each registered plugin, for ``imbalance-guard plugins``."""
    origins = getattr(pm, "origins", {})
    return [
        (name, origins.get(name, "built-in"))
        for name, plugin in pm.list_name_plugin()
        if plugin is not None
    ]
