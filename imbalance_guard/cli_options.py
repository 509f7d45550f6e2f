"""The ruff conventions of ``check`` that are not checking: ``--color``, the command-line
excludes and per-file ignores, ``--show-settings`` and ``--show-files``."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from imbalance_guard.config import Config


class OptionError(Exception):
    """A command-line value that cannot be used (exit 2, with this message)."""


def use_color(choice: str | None, no_color: bool, stream: IO[str] | None, to_file: bool) -> bool:
    """``--color always|never|auto`` as ruff reads it: ``auto`` (the default) colours a
    terminal unless ``NO_COLOR`` is set, and ``FORCE_COLOR`` / ``CLICOLOR_FORCE`` colour
    anything but a report file; ``--no-color`` is ``--color never``."""
    if no_color or choice == "never":
        return False
    if choice == "always":
        return True
    if to_file or os.environ.get("NO_COLOR"):
        return False
    if any(
        os.environ.get(name, "0") not in ("", "0") for name in ("FORCE_COLOR", "CLICOLOR_FORCE")
    ):
        return True
    return stream is not None and stream.isatty()


def split_list(values: Iterable[str]) -> list[str]:
    """Repeated and comma-separated values (``--extend-exclude a,b --extend-exclude c``)."""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def per_file_ignores(values: Iterable[str], option: str) -> dict[str, list[str]]:
    """``--per-file-ignores`` values as ruff writes them, ``PATTERN:CODE``, comma-separated
    and repeatable; ``tests/*:IG2,IG3`` also gives the pattern both codes."""
    table: dict[str, list[str]] = {}
    pattern: str | None = None
    for value in values:
        for item in value.split(","):
            item = item.strip()
            if not item:
                continue
            if ":" in item:
                pattern, _, code = item.rpartition(":")
                pattern, code = pattern.strip(), code.strip()
            else:
                code = item
            if not pattern or not code:
                raise OptionError(
                    f"{option} {value!r}: expected PATTERN:CODE (e.g. 'tests/*:IG201')"
                )
            table.setdefault(pattern, []).append(code.upper())
    return table


def overrides(
    *,
    exclude: Sequence[str],
    extend_exclude: Sequence[str],
    per_file: Sequence[str],
    extend_per_file: Sequence[str],
    force_exclude: bool | None,
    respect_gitignore: bool | None,
    config: Config,
) -> dict[str, Any]:
    """The top-level settings the command line replaces (``build_run(overrides=...)``)."""
    result: dict[str, Any] = {}
    if exclude:
        result["exclude"] = split_list(exclude)
    if extend_exclude:
        result["extend-exclude"] = [*config.extend_exclude, *split_list(extend_exclude)]
    if per_file or extend_per_file:
        table = {} if per_file else {k: list(v) for k, v in config.per_file_ignores.items()}
        for option, values in (
            ("--per-file-ignores", per_file),
            ("--extend-per-file-ignores", extend_per_file),
        ):
            for pattern, codes in per_file_ignores(values, option).items():
                table.setdefault(pattern, []).extend(codes)
        result["per-file-ignores"] = table
    if force_exclude is not None:
        result["force-exclude"] = force_exclude
    if respect_gitignore is not None:
        result["respect-gitignore"] = respect_gitignore
    return result


def show_settings(config: Config, path: Path | None) -> str:
    """``--show-settings``: the resolved settings a run uses, one ``key = value`` a line."""
    lines = [
        f"Resolved settings for: {str(path) if path else '.'}",
        f"Settings path: {config.source or '(none: defaults)'}",
        "",
        "# General settings",
        f"root = {str(config.root)!r}",
    ]
    for key, value in (
        ("select", config.select),
        ("extend-select", config.extend_select),
        ("ignore", config.ignore),
        ("exclude", config.exclude),
        ("extend-exclude", config.extend_exclude),
        ("force-exclude", config.force_exclude),
        ("respect-gitignore", config.respect_gitignore),
        ("per-file-ignores", dict(config.per_file_ignores)),
        ("disable-plugins", config.disable_plugins),
        ("output-format", config.output_format),
        ("cache-dir", config.cache_dir),
    ):
        lines.append(f"{key} = {_shown(value)}")
    lines.append(f"enabled rules = {_shown(sorted(config.enabled_codes))}")
    for section, values in sorted(config.settings.items()):
        lines += ["", f"# [{section}]"]
        lines += [f"{section}.{key} = {_shown(value)}" for key, value in sorted(values.items())]
    return "\n".join(lines) + "\n"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r} = {_shown(v)}" for k, v in value.items()) + "}"
    if value is None:
        return "(default)"
    return repr(value)
