"""The command line: ``check``, ``rules``, ``explain``, ``plugins``.

Exit status (the contract CI gates rely on): 0 nothing found, 1 findings, 2 a usage,
configuration, plugin or internal error.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from imbalance_guard import __version__
from imbalance_guard.config import Config, ConfigError, load_config
from imbalance_guard.findings import Rule
from imbalance_guard.plugins import PluginError, collect_rules, get_plugin_manager
from imbalance_guard.report.base import RenderOptions

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: tuple[str, ...]) -> list[str] | None:
    if not value:
        return None
    return [code.strip().upper() for item in value for code in item.split(",") if code.strip()]


def fail(message: str) -> None:
    click.echo(f"imbalance-guard: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@dataclass
class Session:
    """Configuration, plugins and rules of one invocation, built once."""

    config: Config
    pm: object
    rules: dict[str, Rule]

    @classmethod
    def build(
        cls,
        config_path: Path | None,
        disabled: tuple[str, ...] = (),
        extra_plugins: tuple[object, ...] = (),
    ) -> Session:
        try:
            config = load_config(config_path)
            pm = get_plugin_manager([*config.disable_plugins, *disabled], extra=extra_plugins)
            rules = collect_rules(pm)
            try:
                config.apply_settings(s for result in pm.hook.ig_settings() for s in result)
            except ConfigError as exc:
                where = f"{config.source}: " if config.source else ""
                raise ConfigError(f"{where}{exc}") from None
        except (ConfigError, PluginError) as exc:
            fail(str(exc))
        return cls(config, pm, rules)


def _extra_plugins() -> tuple[object, ...]:
    """Plugin objects an embedding program passes as ``cli.main(obj={"plugins": [...]})``."""
    obj = click.get_current_context().obj
    return tuple(obj.get("plugins", ())) if isinstance(obj, dict) else ()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="imbalance-guard")
def cli() -> None:
    """Lint datasets and training code for class-imbalance mistakes.

    Finds skewed, rare, single-class and missing labels in datasets; accuracy as
    the only metric; and resampling (SMOTE, oversampling) before the train/test
    split or outside cross-validation in Python files and notebooks.
    """


@cli.command()
# readable=False: an unreadable file is an IG001 finding of the run, not a usage error.
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))
@click.option("--select", multiple=True, help="Rule codes or prefixes to enable (e.g. IG3,IG101).")
@click.option("--extend-select", multiple=True, help="Codes to enable on top of the selection.")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to disable.")
@click.option(
    "--output-format",
    "output_format",
    default=None,
    help="Output format: text, json, or one a plugin adds (see `plugins`).",
)
@click.option(
    "-o",
    "--output-file",
    type=click.Path(path_type=Path, readable=False),
    default=None,
    help="Write the report to this file instead of standard output.",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Report only findings not recorded in this baseline file (see --write-baseline).",
)
@click.option(
    "--write-baseline",
    "write_baseline_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Record today's findings in this file, to accept them with --baseline; exit 0.",
)
@click.option("--fix", is_flag=True, help="Apply the safe fixes and report what remains.")
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="Also apply fixes that may change results (implies --fix unless --diff is given).",
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Print the changes --fix would make as a unified diff; write nothing. "
    "Exit 1 if there would be changes.",
)
@click.option("--statistics", is_flag=True, help="Show counts per rule instead of each finding.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Read settings from this TOML file instead of the nearest pyproject.toml.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only the findings, no summary.")
@click.option("-v", "--verbose", is_flag=True, help="Also print notes (files skipped and why).")
@click.option("--no-color", is_flag=True, help="Never colour the output (also: NO_COLOR=1).")
@click.option(
    "--label", multiple=True, help="Label column of the datasets (repeat for several targets)."
)
@click.option(
    "--schema",
    "schema_spec",
    default=None,
    metavar="FILE|MODULE:NAME",
    help="Also validate each dataset with this pandera schema (.yaml/.yml/.json, or "
    "module.py:Model); failures are IG106. Unlike the other checks, this reads each "
    "whole dataset into memory.",
)
@click.option(
    "--disable-plugin",
    "disabled",
    multiple=True,
    help="Do not load this plugin (a name from `imbalance-guard plugins`).",
)
def check(
    paths: tuple[Path, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    output_format: str | None,
    output_file: Path | None,
    exit_zero: bool,
    baseline_path: Path | None,
    write_baseline_path: Path | None,
    fix: bool,
    unsafe_fixes: bool,
    show_diff: bool,
    statistics: bool,
    config_path: Path | None,
    quiet: bool,
    verbose: bool,
    no_color: bool,
    label: tuple[str, ...],
    schema_spec: str | None,
    disabled: tuple[str, ...],
) -> None:
    """Check Python files, notebooks and datasets (default: the current directory)."""
    from imbalance_guard.runner import Runner

    session = Session.build(config_path, disabled, _extra_plugins())
    config = session.config
    if label:
        if "data" not in config.settings or "label" not in config.settings["data"]:
            fail("--label needs the dataset rules, which are disabled")
        config.settings["data"]["label"] = list(label) if len(label) > 1 else label[0]
    if schema_spec is not None or config.settings.get("data", {}).get("schema"):
        from imbalance_guard.integrations.pandera_schema import SchemaLoadError, use_schema

        try:  # a bad schema stops the run once, up front (exit 2)
            use_schema(config, schema_spec)
        except SchemaLoadError as exc:
            fail(str(exc))
    if (codes := _codes(select)) is not None:
        config.select = codes
    config.extend_select += _codes(extend_select) or []
    config.ignore += _codes(ignore) or []
    unknown = [
        c
        for c in [*(config.select or []), *config.extend_select, *config.ignore]
        if c != "ALL" and not any(code.startswith(c) for code in session.rules)
    ]
    if unknown:
        fail(f"unknown rule selector {unknown[0]!r}; see `imbalance-guard rules`")
    config.select_rules(
        session.rules, [r.code for r in session.rules.values() if r.default_enabled]
    )

    formatters = {f.name: f for result in session.pm.hook.ig_formatters() for f in result}
    name = output_format or config.output_format
    if name not in formatters:
        fail(f"unknown output format {name!r}; available: {', '.join(sorted(formatters))}")

    fix_mode = None
    if fix or unsafe_fixes or show_diff:
        from imbalance_guard.fix.engine import FixMode

        fix_mode = FixMode(unsafe=unsafe_fixes, diff=show_diff)
    known = _read_baseline(baseline_path) if baseline_path is not None else None
    runner = Runner(session.pm, config, session.rules, fix_mode=fix_mode)
    report = runner.run(list(paths) or [Path(".")])
    if write_baseline_path is not None:
        _write_baseline(report, write_baseline_path)
        exit_zero = True
    if known is not None:
        from imbalance_guard.baseline import apply_baseline

        apply_baseline(report, known)
    for warning in runner.warnings:
        click.echo(f"imbalance-guard: warning: {warning}", err=True)
    if show_diff:
        _finish_diff(runner.diffs, report.fixed, runner.errors)
    color = (
        not no_color
        and "NO_COLOR" not in os.environ
        and output_file is None
        and sys.stdout.isatty()
    )
    options = RenderOptions(color=color, statistics=statistics, verbose=verbose, quiet=quiet)
    text = formatters[name].render(report, options)
    if output_file is not None:
        output_file.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    for error in runner.errors:
        click.echo(f"imbalance-guard: error: {error}", err=True)
    if runner.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if report.findings and not exit_zero else EXIT_CLEAN)


def _read_baseline(path: Path) -> set[str]:
    from imbalance_guard.baseline import BaselineError, read_baseline

    try:
        return read_baseline(path)
    except BaselineError as exc:
        fail(str(exc))
        raise  # unreachable: fail() exits


def _write_baseline(report: object, path: Path) -> None:
    from imbalance_guard.baseline import BaselineError, write_baseline

    try:
        count = write_baseline(report, path)  # type: ignore[arg-type]
    except BaselineError as exc:
        fail(str(exc))
    click.echo(
        f"imbalance-guard: wrote {count} finding{'s' if count != 1 else ''} to baseline {path}",
        err=True,
    )


def _finish_diff(diffs: list[str], fixed: int, errors: list[str]) -> None:
    """``--diff``: the diff on stdout, the count on stderr (as ruff), exit 1 if any."""
    click.echo("".join(diffs), nl=False)
    if fixed:
        click.echo(f"Would fix {fixed} problem{'s' if fixed != 1 else ''}.", err=True)
    for error in errors:
        click.echo(f"imbalance-guard: error: {error}", err=True)
    if errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if diffs else EXIT_CLEAN)


@cli.command("rules")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None)
@click.option("--disable-plugin", "disabled", multiple=True)
def rules_command(config_path: Path | None, disabled: tuple[str, ...]) -> None:
    """List every rule: code, name, summary, on by default or not, fixable or not."""
    session = Session.build(config_path, disabled, _extra_plugins())
    rows = [("CODE", "NAME", "DEFAULT", "FIX", "SUMMARY")]
    for rule in session.rules.values():
        rows.append(
            (
                rule.code,
                rule.name,
                "on" if rule.default_enabled else "off",
                rule.fix.value if rule.fix.value != "none" else "-",
                rule.summary,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)]
        click.echo("  ".join([*cells, row[4]]))


@cli.command()
@click.argument("code")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None)
def explain(code: str, config_path: Path | None) -> None:
    """Print the full explanation of a rule, with a bad and a good example."""
    session = Session.build(config_path, (), _extra_plugins())
    rule = session.rules.get(code.upper()) or next(
        (r for r in session.rules.values() if r.name == code.lower()), None
    )
    if rule is None:
        fail(f"unknown rule {code!r}; see `imbalance-guard rules`")
    default = "on by default" if rule.default_enabled else "off by default (enable with --select)"
    click.echo(f"# {rule.code} {rule.name}\n")
    click.echo(f"{rule.summary}. Status: {rule.status.value}, {default}, fix: {rule.fix.value}.\n")
    doc = rule.doc.strip()
    first, _, body = doc.partition("\n")
    click.echo((body if first.startswith(rule.code) else doc).strip())


@cli.command()
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None)
def plugins(config_path: Path | None) -> None:
    """List the loaded plugins and where they come from."""
    from imbalance_guard.plugins import plugin_names

    session = Session.build(config_path, (), _extra_plugins())
    for name, origin in plugin_names(session.pm):
        click.echo(f"{name}  ({origin})")


def main() -> None:
    """Console-script entry point: never a traceback, always a defined exit status."""
    try:
        cli(prog_name="imbalance-guard")
    except KeyboardInterrupt:
        click.echo("imbalance-guard: interrupted", err=True)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # a bug in imbalance-guard itself
        if os.environ.get("IMBALANCE_GUARD_DEBUG"):
            raise
        click.echo(
            f"imbalance-guard: internal error: {type(exc).__name__}: {exc}\n"
            "Please report this; rerun with IMBALANCE_GUARD_DEBUG=1 for details.",
            err=True,
        )
        sys.exit(EXIT_ERROR)
