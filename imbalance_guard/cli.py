"""The command line: ``check``, ``rules``, ``explain``, ``plugins``.

Exit status (the contract CI gates rely on): 0 nothing found, 1 findings, 2 a usage,
configuration, plugin, output or internal error; 130 when interrupted (Ctrl-C), the shell's
convention.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from imbalance_guard import __version__
from imbalance_guard.data.uri import is_uri
from imbalance_guard.report.base import RenderOptions
from imbalance_guard.report.printable import printable, visible
from imbalance_guard.run import (
    Plugins,
    Run,
    RunError,
    build_run,
    cwd_or_error,
    disabled_option_owner,
    load_plugins,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for a command stopped by Ctrl-C


def fail(message: str) -> None:
    click.echo(f"imbalance-guard: error: {visible(message, newlines=True)}", err=True)
    sys.exit(EXIT_ERROR)


class OutputClosed(Exception):
    """Standard output cannot take the report (a closed pipe, a full disk)."""


def write_stdout(text: str) -> None:
    """Write ``text`` to standard output; raise :class:`OutputClosed` if it cannot be."""
    if not text:
        return
    stream = sys.stdout
    if stream is None:  # started with standard output closed (``>&-``)
        raise OutputClosed("standard output is closed")
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise OutputClosed("standard output is closed (broken pipe)") from None
    except OSError as exc:
        raise OutputClosed(f"cannot write to standard output: {exc.strerror or exc}") from None


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's flush at exit does not
    fail again on the closed pipe and print a traceback (Python's documented recipe)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, AttributeError, ValueError):
        pass


def _extra_plugins() -> tuple[object, ...]:
    """Plugin objects an embedding program passes as ``cli.main(obj={"plugins": [...]})``."""
    obj = click.get_current_context().obj
    return tuple(obj.get("plugins", ())) if isinstance(obj, dict) else ()


def _build(config_path: Path | None, disabled: tuple[str, ...] = (), **kwargs: Any) -> Run:
    """The run of a command (:func:`imbalance_guard.run.build_run`); errors exit 2."""
    try:
        cwd = cwd_or_error()
        return build_run(config_path, cwd=cwd, disabled=disabled,
                         extra_plugins=_extra_plugins(), **kwargs)
    except RunError as exc:
        fail(str(exc))
        raise  # unreachable: fail() exits


_PLUGINS, _PLUGIN_ERROR, _BLOCKED = "imbalance_guard.plugins", "imbalance_guard.error", "blocked"


def _prescan(args: list[str]) -> tuple[Path | None, list[str]]:
    """``--config`` and ``--disable-plugin`` from the raw arguments: which plugins (and so
    which options) exist must be known before click parses the rest (pytest preparses
    ``-p`` the same way)."""
    config: Path | None = None
    disabled: list[str] = []
    tokens = iter(args)
    for token in tokens:
        if token == "--":
            break
        for flag in ("--config", "--disable-plugin"):
            if token == flag:
                value = next(tokens, None)
            elif token.startswith(flag + "="):
                value = token[len(flag) + 1:]
            else:
                continue
            if value is None:
                break
            if flag == "--config":
                config = Path(value)
            else:
                disabled.append(value)
    return config, disabled


class PluginOptionsCommand(click.Command):
    """``check``: its options are the core's plus those plugins add (``ig_addoption``)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        config_path, disabled = _prescan(args)
        ctx.meta[_BLOCKED] = disabled
        try:
            plugins = load_plugins(
                config_path, cwd=cwd_or_error(), disabled=disabled,
                extra_plugins=_extra_plugins(), core_flags=self._core_flags(),
            )
        except RunError as exc:  # reported by the command itself, so --help still works
            ctx.meta[_PLUGIN_ERROR] = str(exc)
        else:
            ctx.meta[_PLUGINS] = plugins
            ctx.meta[_BLOCKED] = [*disabled, *plugins.config.disable_plugins]
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            owner = disabled_option_owner(exc.option_name, ctx.meta[_BLOCKED])
            if owner is None:
                raise
            raise click.UsageError(
                f"option {exc.option_name} belongs to plugin {owner!r}, which is disabled", ctx
            ) from None

    def _core_flags(self) -> frozenset[str]:
        return frozenset(flag for p in self.params for flag in (*p.opts, *p.secondary_opts))

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params = super().get_params(ctx)
        plugins: Plugins | None = ctx.meta.get(_PLUGINS)
        if plugins is None:
            return params
        extra = [
            click.Option(
                [o.flag, o.dest], multiple=o.multiple, default=None, help=o.help,
                metavar=o.metavar,
            )
            for o in plugins.options
        ]
        return [*params[:-1], *extra, *params[-1:]] if params else extra


class PathOrAddress(click.Path):
    """A local path, or an address (``s3://…``, ``https://…``) kept as the text it is:
    a ``Path`` would fold its ``//``."""

    def convert(self, value, param, ctx):
        if is_uri(value):
            return value
        return super().convert(value, param, ctx)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="imbalance-guard")
def cli() -> None:
    """Lint datasets and training code for class-imbalance mistakes.

    Finds skewed, rare, single-class and missing labels in datasets; accuracy as
    the only metric; and resampling (SMOTE, oversampling) before the train/test
    split or outside cross-validation in Python files and notebooks.
    """


@cli.command(cls=PluginOptionsCommand)
# readable=False: an unreadable file is an IG001 finding of the run, not a usage error.
@click.argument("paths", nargs=-1, type=PathOrAddress(path_type=Path, readable=False))
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
    "--no-cache",
    is_flag=True,
    help="Check every file afresh and leave the cache of unchanged files alone "
    "(also: IMBALANCE_GUARD_NO_CACHE=1).",
)
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Keep the cache here instead of .imbalance_guard_cache/ in the project root "
    "(also: IMBALANCE_GUARD_CACHE_DIR, or cache-dir in the configuration).",
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
    no_cache: bool,
    cache_dir: Path | None,
    disabled: tuple[str, ...],
    **plugin_options: Any,
) -> None:
    """Check Python files, notebooks and datasets (default: the current directory)."""
    if output_file is not None:
        _check_output_file(output_file)
    elif sys.stdout is None:  # started with ``>&-``: say so before any work (or --fix)
        fail("cannot write the report: standard output is closed")
    ctx = click.get_current_context()
    if _PLUGIN_ERROR in ctx.meta:
        fail(ctx.meta[_PLUGIN_ERROR])
    run = _build(
        config_path, disabled, plugins=ctx.meta.get(_PLUGINS), options=plugin_options,
        select=select or None, extend_select=extend_select, ignore=ignore,
    )
    config = run.config
    formatters = run.formatters
    name = output_format or config.output_format
    if name not in formatters:
        fail(f"unknown output format {name!r}; available: {', '.join(sorted(formatters))}")

    fix_mode = None
    if fix or unsafe_fixes or show_diff:
        from imbalance_guard.fix.engine import FixMode

        fix_mode = FixMode(unsafe=unsafe_fixes, diff=show_diff)
    known = _read_baseline(baseline_path) if baseline_path is not None else None
    runner = run.runner(fix_mode=fix_mode, cache=not no_cache, cache_dir=cache_dir)
    report = runner.run(list(paths) or [Path(".")])
    report.errors = list(runner.errors)
    if write_baseline_path is not None:
        _write_baseline(report, write_baseline_path)
        exit_zero = True
    if known is not None:
        from imbalance_guard.baseline import apply_baseline

        apply_baseline(report, known)
    for warning in runner.warnings:
        click.echo(f"imbalance-guard: warning: {visible(warning)}", err=True)
    if show_diff:
        _finish_diff(runner.diffs, report.fixed, runner.errors)
    color = (
        not no_color
        and "NO_COLOR" not in os.environ
        and output_file is None
        and sys.stdout is not None
        and sys.stdout.isatty()
    )
    options = RenderOptions(color=color, statistics=statistics, verbose=verbose, quiet=quiet)
    text = printable(formatters[name].render(report, options))  # also for plugin formats
    if output_file is not None:
        _write_report(output_file, text)
    else:
        _print_report(text)
    for error in runner.errors:
        click.echo(f"imbalance-guard: error: {visible(error)}", err=True)
    if not report.files_checked and not runner.errors and (quiet or name not in _SUMMARISED):
        click.echo(f"imbalance-guard: warning: {NO_FILES}", err=True)
    if runner.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if report.findings and not exit_zero else EXIT_CLEAN)


#: Formats whose summary line already says when there was nothing to check.
_SUMMARISED = ("text", "concise")
NO_FILES = "no files to check: no Python files, notebooks or datasets under the given paths"


def _check_output_file(path: Path) -> None:
    """Stop before the run, not after it, when ``-o`` cannot be a file."""
    if path.is_dir():
        fail(f"cannot write the report to {path}: it is a directory")
    if not path.parent.is_dir():
        fail(f"cannot write the report to {path}: folder {path.parent} does not exist")


def _write_report(path: Path, text: str) -> None:
    try:
        with path.open("w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:  # a full disk, a read-only file system, no permission
        fail(f"cannot write the report to {path}: {exc.strerror or exc}")


def _print_report(text: str) -> None:
    try:
        write_stdout(text)
    except OutputClosed as exc:
        _silence_stdout()
        fail(str(exc))


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
    _print_report(printable("".join(diffs)))
    if fixed:
        click.echo(f"Would fix {fixed} problem{'s' if fixed != 1 else ''}.", err=True)
    for error in errors:
        click.echo(f"imbalance-guard: error: {visible(error)}", err=True)
    if errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if diffs else EXIT_CLEAN)


@cli.command("rules")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None)
@click.option("--disable-plugin", "disabled", multiple=True)
def rules_command(config_path: Path | None, disabled: tuple[str, ...]) -> None:
    """List every rule: code, name, summary, on by default or not, fixable or not."""
    session = _build(config_path, disabled, configure=False)
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
    session = _build(config_path, configure=False)
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

    session = _build(config_path, configure=False)
    for name, origin in plugin_names(session.pm):
        click.echo(f"{name}  ({origin})")


def main() -> None:
    """Console-script entry point: never a traceback, always a defined exit status.

    Click runs outside its standalone mode so that Ctrl-C reaches us: standalone, click
    turns it into "Aborted!" and exit 1, which a CI gate would read as "findings".
    """
    try:
        status = cli.main(prog_name="imbalance-guard", standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort) as exc:
        interrupted = isinstance(exc, KeyboardInterrupt) or isinstance(
            exc.__cause__ or exc.__context__, KeyboardInterrupt
        )
        click.echo("imbalance-guard: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED if interrupted else EXIT_ERROR)
    except click.ClickException as exc:  # usage errors: click's message, exit 2
        exc.show()
        sys.exit(exc.exit_code)
    except BrokenPipeError:  # any command piped into a reader that quit (``| head``)
        _silence_stdout()
        click.echo("imbalance-guard: error: standard output is closed (broken pipe)", err=True)
        sys.exit(EXIT_ERROR)
    except SystemExit as exc:
        pacified = getattr(click.utils, "PacifyFlushWrapper", ())
        if exc.code == 1 and pacified and isinstance(sys.stdout, pacified):
            # click met a closed pipe (``rules | head``), muted stdout and chose exit 1,
            # which reads as "findings"; a closed output is an output error.
            click.echo("imbalance-guard: error: standard output is closed (broken pipe)",
                       err=True)
            sys.exit(EXIT_ERROR)
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
    sys.exit(status if isinstance(status, int) else EXIT_CLEAN)
