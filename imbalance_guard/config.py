"""Configuration: ``[tool.imbalance-guard]`` in pyproject.toml, validated strictly.

Top-level keys are fixed here; the keys of the sub-tables (``data``, ``code``,
plugin sections) are declared by plugins through the ``ig_settings`` hook, so a
plugin's thresholds are checked exactly like the built-in ones. Every error names
the key and what is allowed, and the CLI turns it into exit status 2.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import FrozenInstanceError, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from imbalance_guard.records import record

TABLE = "imbalance-guard"

DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    "node_modules",
    "__pycache__",
    "build",
    "dist",
    ".tox",
    ".nox",
    "site-packages",
    ".ipynb_checkpoints",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".imbalance_guard_cache",
)


class ConfigError(Exception):
    """A configuration problem the user must fix; the message says which key and how."""


class OptionValueError(ConfigError):
    """A command-line option's value is not valid for its setting (names the option)."""


# eq/repr off: a declared setting (it holds a check function) is compared by identity.
@record(frozen=True, eq=False, repr=False)
class Setting:
    """One key of a configuration sub-table, declared by the plugin that reads it."""

    section: str
    name: str
    default: Any
    help: str
    types: tuple[type, ...] = ()
    choices: tuple[Any, ...] = ()
    # Extra validation: returns an error text ("must be > 0") or None.
    check: Callable[[Any], str | None] | None = None
    # Inclusive (lowest, highest) of a number: outside, or NaN, is a configuration error.
    bounds: tuple[float, float] | None = None

    def validate(self, value: Any) -> None:
        key = f"{self.section}.{self.name}"
        types = self.types or (type(self.default),)
        # bool is an int in Python, but `max-classes = true` is a mistake.
        wrong_bool = isinstance(value, bool) and bool not in types
        if wrong_bool or not isinstance(value, types):
            allowed = " or ".join(_type_name(t) for t in types)
            got = _huge(value) or f"{_type_name(type(value))} {value!r}"
            raise ConfigError(f"{key}: expected {allowed}, got {got}")
        if self.choices and value not in self.choices:
            options = ", ".join(repr(c) for c in self.choices)
            raise ConfigError(f"{key}: {_exact(value)} is not one of {options}")
        if self.bounds is not None and not self.bounds[0] <= value <= self.bounds[1]:
            low, high = self.bounds
            raise ConfigError(f"{key}: must be from {low:g} to {high:g} (got {_exact(value)})")
        if self.check is not None and (problem := self.check(value)):
            raise ConfigError(f"{key}: {problem} (got {_exact(value)})")


def _type_name(kind: type) -> str:
    return {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "a table",
    }.get(kind, kind.__name__)


# Top-level keys: name -> (python attribute, kind). Kept in one table so the error
# for an unknown key can list every allowed one.
_TOP_LEVEL: dict[str, str] = {
    "select": "codes",
    "extend-select": "codes",
    "ignore": "codes",
    "exclude": "globs",
    "extend-exclude": "globs",
    "per-file-ignores": "per-file",
    "disable-plugins": "names",
    "output-format": "name",
    "cache-dir": "name",
    # ruff's names and defaults: excludes also for paths named explicitly (pre-commit's);
    # directory walks leave out what git ignores.
    "force-exclude": "bool",
    "respect-gitignore": "bool",
}


@record
class Config:
    root: Path = field(default_factory=Path.cwd)
    source: Path | None = None  # the file the settings came from, if any
    select: list[str] | None = None  # None: the rules enabled by default
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    extend_exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    disable_plugins: list[str] = field(default_factory=list)
    output_format: str = "text"
    # Where the cache of unchanged files lives, relative to ``root`` ("" = the default).
    cache_dir: str = ""
    force_exclude: bool = False
    respect_gitignore: bool = True
    # Raw sub-tables until ``apply_settings`` validates them against the plugins.
    raw_sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    enabled_codes: frozenset[str] = frozenset()
    # (section, key) -> the command-line option that set it, for error messages.
    overridden: dict[tuple[str, str], str] = field(default_factory=dict)

    # True once the run builder has finished: check hooks see a configuration that no
    # stage (and no plugin) can change any more.
    _frozen = False

    def __setattr__(self, name: str, value: Any) -> None:
        if self._frozen:
            raise FrozenInstanceError(f"the run's configuration is frozen; cannot set {name}")
        super().__setattr__(name, value)

    def freeze(self) -> Config:
        """Make this configuration read-only (settings too); returns it."""
        if not self._frozen:
            sections = {k: MappingProxyType(dict(v)) for k, v in self.settings.items()}
            self.settings = MappingProxyType(sections)  # type: ignore[assignment]
            for name in (
                "select",
                "extend_select",
                "ignore",
                "exclude",
                "extend_exclude",
                "disable_plugins",
            ):
                value = getattr(self, name)
                if value is not None:
                    setattr(self, name, tuple(value))
            self.per_file_ignores = MappingProxyType(  # type: ignore[assignment]
                {k: tuple(v) for k, v in self.per_file_ignores.items()}
            )
            object.__setattr__(self, "_frozen", True)
        return self

    @property
    def frozen(self) -> bool:
        return self._frozen

    def get(self, section: str, name: str) -> Any:
        try:
            return self.settings[section][name]
        except KeyError:
            raise KeyError(f"setting {section}.{name} was not declared by any plugin") from None

    def is_enabled(self, code: str) -> bool:
        return code in self.enabled_codes

    def override(self, section: str, name: str, value: Any, origin: str = "") -> None:
        """Set a value from the command line, before validation; ``origin`` is the
        option (``--label``) that errors about the value name instead of the file."""
        self.raw_sections.setdefault(section, {})[name] = value
        if origin:
            self.overridden[(section, name)] = origin

    def apply_settings(self, declared: Iterable[Setting]) -> None:
        """Validate the sub-tables against the declared settings and fill defaults."""
        by_section: dict[str, dict[str, Setting]] = {}
        for setting in declared:
            by_section.setdefault(setting.section, {})[setting.name] = setting
        for section, values in self.raw_sections.items():
            known = by_section.get(section)
            if known is None:
                allowed = ", ".join(sorted(by_section)) or "none"
                raise ConfigError(
                    f"unknown section [tool.{TABLE}.{section}]; known sections: {allowed}"
                )
            for name, value in values.items():
                if name not in known:
                    raise ConfigError(
                        f"unknown key {section}.{name!r}; allowed keys in "
                        f"[tool.{TABLE}.{section}]: {', '.join(sorted(known))}"
                    )
                try:
                    known[name].validate(value)
                except ConfigError as exc:
                    if (origin := self.overridden.get((section, name))) is None:
                        raise
                    raise OptionValueError(f"{origin}: {exc}") from None
        self.settings = {
            section: {name: values.get(name, s.default) for name, s in known.items()}
            for section, known in by_section.items()
            for values in [self.raw_sections.get(section, {})]
        }

    def select_rules(self, codes: Iterable[str], default_enabled: Iterable[str]) -> None:
        """Decide which rules run: ruff's semantics, the longest matching prefix wins."""
        default = set(default_enabled)
        selectors = [(p, True) for p in (self.select or []) + self.extend_select]
        selectors += [(p, False) for p in self.ignore]
        selected: set[str] = set()
        for code in codes:
            # (length, is an ignore, turns on): the longest prefix wins, and on a tie
            # the ignore does (True sorts after False).
            matches = [(_specificity(p), not on, on) for p, on in selectors if _matches(code, p)]
            enabled = max(matches)[2] if matches else self.select is None and code in default
            if code == ALWAYS_REPORTED:
                # As ruff with syntax errors: a file that could not be checked says so
                # whatever `select` picks; only an `ignore` that names it turns it off.
                enabled = not any(_names_unreadable(p) for p in self.ignore)
            if enabled:
                selected.add(code)
        self.enabled_codes = frozenset(selected)


#: IG001 unreadable-input: on unless ignored by name (``IG001``, ``IG00``, ``IG0``).
ALWAYS_REPORTED = "IG001"


def _names_unreadable(prefix: str) -> bool:
    """An ``ignore`` entry that names IG001 rather than every rule (``IG``, ``ALL``)."""
    return len(prefix) >= 3 and ALWAYS_REPORTED.startswith(prefix)


def _matches(code: str, prefix: str) -> bool:
    return prefix == "ALL" or code.startswith(prefix)


def _specificity(prefix: str) -> int:
    # ALL is the least specific selector: `select = ["ALL"], ignore = ["IG2"]` drops IG2.
    return 0 if prefix == "ALL" else len(prefix)


#: Environment variable naming the highest directory the pyproject.toml search may look
#: in. Sandboxes and test suites set it so that a pyproject.toml above their temporary
#: folder (in a home directory, say) cannot change a run.
CONFIG_ROOT_ENV = "IMBALANCE_GUARD_CONFIG_ROOT"


def _search_path(start: Path) -> tuple[Path, ...]:
    """``start`` and its parents, up to the configured boundary (none outside it)."""
    upward = (start, *start.parents)
    boundary = os.environ.get(CONFIG_ROOT_ENV)
    if not boundary:
        return upward
    top = Path(boundary).resolve()
    if top not in upward:
        return ()  # outside the boundary: nothing is discovered, only --config is read
    return upward[: upward.index(top) + 1]


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml with a ``[tool.imbalance-guard]`` table, searched upward.

    The search stops at the directory named by ``IMBALANCE_GUARD_CONFIG_ROOT`` when set.
    """
    for directory in _search_path(start):
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and _our_table(_read_toml(candidate)) is not None:
            return candidate
    return None


def _our_table(data: dict) -> Any:
    """``[tool.imbalance-guard]`` of a parsed file, or None; ``tool = 3`` (valid TOML, if
    not a valid pyproject) has no table of ours rather than being an internal error."""
    tool = data.get("tool")
    return tool.get(TABLE) if isinstance(tool, dict) else None


def _read_toml(path: Path) -> dict:
    """Parse a TOML file; any way it can fail is a :class:`ConfigError` naming the file.

    This holds for another tool's pyproject.toml too (ruff does the same): a file that is
    not TOML cannot be known to lack our table, and passing over it silently would run
    with settings the user did not write.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(f"{path} is not valid TOML: not UTF-8 (line {line})") from None
    # Imported here: a project without a pyproject.toml never pays for the TOML parser.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path} is not valid TOML: nested too deeply to read") from None
    except ValueError:  # an integer with thousands of digits, from int()
        limit = sys.get_int_max_str_digits()
        raise ConfigError(
            f"{path} is not valid TOML: a number has more than {limit} digits"
        ) from None
    except MemoryError:
        raise ConfigError(f"{path} is too large to read") from None


def load_config(explicit: Path | None = None, cwd: Path | None = None) -> Config:
    """Read the configuration from ``--config`` or the nearest pyproject.toml."""
    cwd = cwd or Path.cwd()
    if explicit is not None:
        if not explicit.is_file():
            what = "not a regular file" if explicit.exists() else "no such file"
            raise ConfigError(f"--config {explicit}: {what}")
        data = _read_toml(explicit)
        # A dedicated file (imbalance-guard.toml) may hold the table at top level.
        table = data if "tool" not in data else _our_table(data)
        if table is None:
            raise ConfigError(f"{explicit} has no [tool.{TABLE}] table")
        return _located(table, root=explicit.resolve().parent, source=explicit)
    found = find_pyproject(cwd.resolve())
    if found is None:
        return Config(root=cwd.resolve())
    table = _our_table(_read_toml(found))
    return _located(table, root=found.parent, source=found)


def _located(table: Any, root: Path, source: Path) -> Config:
    try:
        return parse_table(table, root=root, source=source)
    except ConfigError as exc:
        raise ConfigError(f"{source}: {exc}") from None


def parse_table(table: Any, root: Path, source: Path | None = None) -> Config:
    where = ""
    if not isinstance(table, dict):
        raise ConfigError(f"[tool.{TABLE}]{where} must be a table")
    config = Config(root=root, source=source)
    for key, value in table.items():
        if isinstance(value, dict) and key not in _TOP_LEVEL:
            config.raw_sections[key] = dict(value)
            continue
        set_top_level(config, key, value, where)
    return config


def set_top_level(config: Config, key: str, value: Any, where: str = "") -> None:
    """Set one top-level key (``extend-exclude``) of ``config``, validated as in the file;
    the command line's ``--extend-exclude`` and the like come through here too."""
    kind = _TOP_LEVEL.get(key)
    if kind is None:
        allowed = ", ".join([*sorted(_TOP_LEVEL), "[data]", "[code]"])
        raise ConfigError(f"unknown key {key!r}{where}; allowed keys: {allowed}")
    attribute = key.replace("-", "_")
    if kind in ("codes", "globs", "names"):
        setattr(config, attribute, _string_list(key, value, where, codes=kind == "codes"))
    elif kind == "name":
        if not isinstance(value, str):
            raise ConfigError(f"{key}{where}: expected a string, got {_shown(value)}")
        setattr(config, attribute, value)
    elif kind == "bool":
        if not isinstance(value, bool):
            raise ConfigError(f"{key}{where}: expected true/false, got {_shown(value)}")
        setattr(config, attribute, value)
    elif kind == "per-file":
        if not isinstance(value, dict):
            raise ConfigError(f"{key}{where}: expected a table of glob = [codes]")
        config.per_file_ignores = {
            glob: _string_list(f"{key}.{glob!r}", codes, where, codes=True)
            for glob, codes in value.items()
        }


def _shown(value: Any) -> str:
    """A value for an error message: one short line, however large or nested it is."""
    import reprlib

    class Short(reprlib.Repr):
        def repr_int(self, x: int, level: int) -> str:
            return _huge(x) or super().repr_int(x, level)

    return _huge(value) or Short().repr(value)


def _exact(value: Any) -> str:
    """``repr(value)``, except for an integer too long to print in decimal."""
    return _huge(value) or repr(value)


def _huge(value: Any) -> str | None:
    # TOML's 0x/0o/0b integers have no length limit, but printing one in decimal has.
    if isinstance(value, int) and value.bit_length() > 10_000:
        return f"an integer of {value.bit_length()} bits"
    return None


def _string_list(key: str, value: Any, where: str, codes: bool = False) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key}{where}: expected a list of strings, got {_shown(value)}")
    if codes:
        for code in value:
            if code != "ALL" and not (code[:1].isalpha() and code.isalnum()):
                raise ConfigError(
                    f"{key}{where}: {code!r} is not a rule code or prefix (e.g. IG3, IG301, ALL)"
                )
    return value
