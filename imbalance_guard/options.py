"""Command-line options that plugins add to ``check`` (the ``ig_addoption`` hook).

A plugin option is a command-line spelling of one of the plugin's settings: its value
overrides the configuration file's before the settings are validated, so ``--label ""``
is rejected exactly like ``label = ""`` in pyproject.toml, and the option's module owns
both. pytest's ``parser.addoption`` is the model; the options are click options in the
end, but plugins never import click.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from imbalance_guard.records import record


# eq/repr off: a declared option is compared by identity.
@record(frozen=True, eq=False, repr=False)
class Option:
    """One option a plugin adds to ``imbalance-guard check``."""

    flag: str  # "--label"
    section: str  # the setting it overrides: [tool.imbalance-guard.<section>] <key>
    key: str
    help: str
    multiple: bool = False  # may be repeated; the value is then the tuple of values
    metavar: str | None = None
    # (value as typed, working directory) -> the setting's value; e.g. a path typed on
    # the command line is relative to the working directory, not the project root.
    convert: Callable[[Any, Path], Any] | None = None

    @property
    def dest(self) -> str:
        """The option's name as a Python identifier (``--max-classes`` -> ``max_classes``)."""
        return self.flag.lstrip("-").replace("-", "_")

    def value(self, given: Any, cwd: Path) -> Any:
        return self.convert(given, cwd) if self.convert is not None else given

    def given(self, value: Any) -> bool:
        """Whether the user typed the option (click passes None / () otherwise)."""
        return value is not None and value != ()


class OptionError(Exception):
    """A plugin declared an option badly (a clash, a flag that is not ``--name``)."""


class OptionParser:
    """What :func:`~imbalance_guard.hookspecs.ig_addoption` receives."""

    def __init__(self, taken: frozenset[str] = frozenset()) -> None:
        self._taken = taken  # the core's own flags, which no plugin may redefine
        self.options: list[Option] = []

    def addoption(
        self,
        flag: str,
        *,
        section: str,
        key: str,
        help: str,
        multiple: bool = False,
        metavar: str | None = None,
        convert: Callable[[Any, Path], Any] | None = None,
    ) -> Option:
        """Add ``flag`` to ``check``: its value overrides setting ``section.key``."""
        if not flag.startswith("--") or len(flag) < 4 or not flag[2:].replace("-", "").isalnum():
            raise OptionError(f"option {flag!r} must look like --name")
        if flag in self._taken or any(o.flag == flag for o in self.options):
            raise OptionError(f"option {flag} is declared twice")
        option = Option(flag, section, key, help, multiple, metavar, convert)
        self.options.append(option)
        return option
