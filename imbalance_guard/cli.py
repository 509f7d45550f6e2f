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
        return build_run(
            config_path, cwd=cwd, disabled=disabled, extra_plugins=_extra_plugins(), **kwargs
        )
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
                value = token[len(flag) + 1 :]
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
                config_path,
                cwd=cwd_or_error(),
                disabled=disabled,
                extra_plugins=_extra_plugins(),
                core_flags=self._core_flags(),
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
                [o.flag, o.dest],
                multiple=o.multiple,
                default=None,
                help=o.help,
                metavar=o.metavar,
            )
            for o in plugins.options
        ]
        return [*params[:-1], *extra, *params[-1:]] if params else extra


#: One instance for every plain path option: click looks up a translation of the type's
#: name each time one is made, a cost paid at every start.
A_PATH = click.Path(path_type=Path)


class PathOrAddress(click.Path):
    """A local path, or an address (``s3://…``, ``https://…``) kept as the text it is:
    a ``Path`` would fold its ``//``."""

    def convert(self, value, param, ctx):
        if is_uri(value):
            return value
        return super().convert(value, param, ctx)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
# The message and help are click's own, given here: click would look each up in gettext (a
# file search per call) at every start.
@click.version_option(
    __version__,
    "-V",
    "--version",
    prog_name="imbalance-guard",
    message="%(prog)s, version %(version)s",
    help="Show the version and exit.",
)
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
    type=A_PATH,
    default=None,
    help="Report only findings not recorded in this baseline file (see --write-baseline).",
)
@click.option(
    "--write-baseline",
    "write_baseline_path",
    type=A_PATH,
    default=None,
    help="Record today's findings in this file, to accept them with --baseline; exit 0.",
)
@click.option(
    "--exclude",
    multiple=True,
    help="Glob patterns of files and folders to leave out, instead of the configured "
    "exclude (comma-separated or repeated).",
)
@click.option(
    "--extend-exclude",
    multiple=True,
    help="Like --exclude, but adds patterns on top of those already excluded.",
)
@click.option(
    "--per-file-ignores",
    "per_file",
    multiple=True,
    metavar="PATTERN:CODE",
    help="Rules to ignore in files matching a glob, instead of the configured "
    "per-file-ignores (e.g. 'tests/*:IG201'; comma-separated or repeated).",
)
@click.option(
    "--extend-per-file-ignores",
    "extend_per_file",
    multiple=True,
    metavar="PATTERN:CODE",
    help="Like --per-file-ignores, but adds to the configured ones.",
)
@click.option(
    "--force-exclude/--no-force-exclude",
    default=None,
    help="Apply the excludes to paths named on the command line too (pre-commit's file "
    "names). Use --no-force-exclude to disable.",
)
@click.option(
    "--respect-gitignore/--no-respect-gitignore",
    default=None,
    help="Leave out of directory walks what .gitignore ignores (on by default; datasets "
    "DVC tracks are still checked). Use --no-respect-gitignore to disable.",
)
@click.option(
    "--stdin-filename",
    default=None,
    help="The name of the file when passing it through stdin (`check -`).",
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
@click.option(
    "--fix-only/--no-fix-only",
    default=False,
    help="Apply fixes, but don't report on, or exit non-zero for, what remains. Implies --fix.",
)
@click.option(
    "--show-fixes/--no-show-fixes",
    default=False,
    help="Show an enumeration of all fixed problems.",
)
@click.option(
    "--exit-non-zero-on-fix",
    is_flag=True,
    help="Exit with a non-zero status if any files were modified via fix, even if no "
    "problems remain.",
)
@click.option(
    "--add-noqa",
    is_flag=True,
    help="Add `# noqa: IGxxx` comments to every line with a finding (merged into an "
    "existing noqa comment); notebooks: in the cell's source.",
)
@click.option("--statistics", is_flag=True, help="Show counts per rule instead of each finding.")
@click.option(
    "--show-settings",
    is_flag=True,
    help="See the settings imbalance-guard will use, and exit.",
)
@click.option(
    "--show-files",
    is_flag=True,
    help="See the files imbalance-guard will be run against with the current settings, and exit.",
)
@click.option(
    "--config",
    "config_path",
    type=A_PATH,
    default=None,
    help="Read settings from this TOML file instead of the nearest pyproject.toml.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only the findings, no summary.")
@click.option("-v", "--verbose", is_flag=True, help="Also print notes (files skipped and why).")
@click.option(
    "--color",
    "color_choice",
    type=click.Choice(["auto", "always", "never"]),
    default=None,
    help="Control when colored output is used: auto (a terminal, unless NO_COLOR is set; "
    "FORCE_COLOR forces it), always or never.",
)
@click.option("--no-color", is_flag=True, help="Never colour the output (--color never).")
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
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    per_file: tuple[str, ...],
    extend_per_file: tuple[str, ...],
    force_exclude: bool | None,
    respect_gitignore: bool | None,
    stdin_filename: str | None,
    fix: bool,
    unsafe_fixes: bool,
    show_diff: bool,
    fix_only: bool,
    show_fixes: bool,
    exit_non_zero_on_fix: bool,
    add_noqa: bool,
    statistics: bool,
    show_settings: bool,
    show_files: bool,
    config_path: Path | None,
    quiet: bool,
    verbose: bool,
    color_choice: str | None,
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
    plugins = ctx.meta.get(_PLUGINS)
    from imbalance_guard.cli_options import OptionError, overrides

    try:
        replaced = (
            overrides(
                exclude=exclude,
                extend_exclude=extend_exclude,
                per_file=per_file,
                extend_per_file=extend_per_file,
                force_exclude=force_exclude,
                respect_gitignore=respect_gitignore,
                config=plugins.config,
            )
            if plugins is not None
            else {}
        )
    except OptionError as exc:
        fail(str(exc))
    run = _build(
        config_path,
        disabled,
        plugins=plugins,
        options=plugin_options,
        select=select or None,
        extend_select=extend_select,
        ignore=ignore,
        overrides=replaced,
    )
    config = run.config
    formatters = run.formatters
    name = output_format or config.output_format
    if name not in formatters:
        fail(f"unknown output format {name!r}; available: {', '.join(sorted(formatters))}")
    stdin = paths == (Path("-"),)
    if not stdin and any(str(p) == "-" for p in paths):
        fail("`-` (standard input) cannot be mixed with other paths")
    if stdin_filename is not None and not stdin:
        fail("--stdin-filename names the text read from standard input: pass `-` as the path")
    if show_settings:
        from imbalance_guard.cli_options import show_settings as settings_text

        _print_report(printable(settings_text(config, paths[0] if paths else None)))
        sys.exit(EXIT_CLEAN)
    if add_noqa and (fix or unsafe_fixes or show_diff or fix_only or stdin):
        fail("--add-noqa cannot be combined with --fix, --diff, --fix-only or `-`")

    fix_mode = None
    if fix or unsafe_fixes or show_diff or fix_only:
        from imbalance_guard.fix.engine import FixMode

        fix_mode = FixMode(unsafe=unsafe_fixes, diff=show_diff)
    known = _read_baseline(baseline_path) if baseline_path is not None else None
    runner = run.runner(fix_mode=fix_mode, cache=not no_cache and not stdin, cache_dir=cache_dir)
    if show_files:
        _show_files(runner, list(paths) or [Path(".")], stdin, stdin_filename)
    if stdin:
        report = _check_stdin(runner, stdin_filename)
    else:
        report = runner.run(list(paths) or [Path(".")])
    report.errors = list(runner.errors)
    if add_noqa:
        _add_noqa(report, runner)
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
    # check - --fix: the fixed text (the text as given when nothing changed or the name is
    # excluded) goes to stdout, as ruff does; the report to stderr.
    fixed_text = runner.stdin_output if stdin and fix_mode is not None else None
    stream = sys.stderr if fixed_text is not None else sys.stdout
    color = use_color(color_choice, no_color, stream, output_file is not None)
    options = RenderOptions(
        color=color, statistics=statistics, verbose=verbose, quiet=quiet, show_fixes=show_fixes
    )
    if fix_only:
        _finish_fix_only(report, runner, options, exit_non_zero_on_fix, fixed_text)
    text = printable(formatters[name].render(report, options))  # also for plugin formats
    if fixed_text is not None:  # stdout holds the fixed source; the report goes to stderr
        _write_source(fixed_text)
        click.echo(text, err=True, nl=False)
    elif output_file is not None:
        _write_report(output_file, text)
    else:
        _print_report(text)
    for error in runner.errors:
        click.echo(f"imbalance-guard: error: {visible(error)}", err=True)
    if not report.files_checked and not runner.errors:
        click.echo(f"imbalance-guard: warning: {NO_FILES}", err=True)
    if runner.errors:
        sys.exit(EXIT_ERROR)
    if exit_non_zero_on_fix and report.fixed:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_FINDINGS if report.findings and not exit_zero else EXIT_CLEAN)


def use_color(choice: str | None, no_color: bool, stream: Any, to_file: bool) -> bool:
    from imbalance_guard.cli_options import use_color as decide

    return decide(choice, no_color, stream, to_file)


def _read_stdin() -> bytes:
    stream = sys.stdin
    if stream is None:
        fail("cannot read standard input: it is closed")
    try:
        return stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode()
    except OSError as exc:
        fail(f"cannot read standard input: {exc.strerror or exc}")
        raise  # unreachable: fail() exits


def _check_stdin(runner: Any, stdin_filename: str | None) -> Any:
    """``check -``: the text on standard input, as the file ``--stdin-filename``."""
    from imbalance_guard.stdin import StdinError, check_stdin, stdin_target

    try:
        target = stdin_target(stdin_filename, runner.cwd, runner.config.root)
    except StdinError as exc:
        fail(str(exc))
    return check_stdin(runner, target, _read_stdin())


def _write_source(data: bytes) -> None:
    """``check - --fix``: the fixed text on stdout, byte for byte as it would be written."""
    stream = sys.stdout
    try:
        if stream is not None and hasattr(stream, "buffer"):
            stream.flush()
            stream.buffer.write(data)
            stream.buffer.flush()
        else:
            write_stdout(data.decode("utf-8", errors="replace"))
    except BrokenPipeError:
        _silence_stdout()
        fail("standard output is closed (broken pipe)")
    except OutputClosed as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write to standard output: {exc.strerror or exc}")


def _show_files(runner: Any, paths: list[Path], stdin: bool, name: str | None) -> None:
    """``--show-files``: the files a run would check, one a line, sorted; then exit 0
    (2 when a named path does not exist)."""
    missing: list[str] = []
    if stdin:
        from imbalance_guard.stdin import StdinError, excluded, stdin_target

        try:
            target = stdin_target(name, runner.cwd, runner.config.root)
        except StdinError as exc:
            fail(str(exc))
        files = [] if excluded(target, runner) else [target.display]
    else:
        targets, missing, _ = runner.targets(paths)
        files = sorted({t.display for t in targets})
        for path in missing:
            click.echo(f"imbalance-guard: error: {printable(path)}", err=True)
    _print_report(printable("".join(f"{f}\n" for f in files)))
    if runner.gitignored:
        from imbalance_guard.runner import ignored_count

        click.echo(
            f"imbalance-guard: {ignored_count(runner.gitignored)} ignored by .gitignore "
            "(--no-respect-gitignore shows them)",
            err=True,
        )
    sys.exit(EXIT_ERROR if missing else EXIT_CLEAN)


def _add_noqa(report: Any, runner: Any) -> None:
    """``--add-noqa``: write the comments, say how many; exit 0 (as ruff)."""
    from imbalance_guard.add_noqa import add_noqa

    by_file: dict[str, list[Any]] = {}
    for finding in report.findings:
        if finding.location.line is not None:
            by_file.setdefault(finding.location.path, []).append(finding)
    added = 0
    for display, findings in by_file.items():
        kind = "notebook" if display.lower().endswith(".ipynb") else "python"
        count, warnings = add_noqa(Path(display), display, kind, findings)
        added += count
        for warning in warnings:
            click.echo(f"imbalance-guard: warning: {printable(warning)}", err=True)
    for error in runner.errors:
        click.echo(f"imbalance-guard: error: {printable(error)}", err=True)
    click.echo(f"Added {added} noqa directive{'s' if added != 1 else ''}.", err=True)
    sys.exit(EXIT_ERROR if runner.errors else EXIT_CLEAN)


def _finish_fix_only(
    report: Any,
    runner: Any,
    options: RenderOptions,
    exit_non_zero_on_fix: bool,
    fixed_text: bytes | None,
) -> None:
    """``--fix-only``: fix, say what was fixed, leave what remains unreported; exit 0
    (1 with --exit-non-zero-on-fix when something was fixed, 2 on errors)."""
    from imbalance_guard.report.text import fixed_listing

    lines = (
        fixed_listing(report)
        if options.show_fixes
        else (
            [f"Fixed {report.fixed} problem{'s' if report.fixed != 1 else ''}."]
            if report.fixed
            else []
        )
    )
    summary = "".join(f"{line}\n" for line in lines)
    if fixed_text is not None:
        _write_source(fixed_text)
        click.echo(summary, err=True, nl=False)
    elif not options.quiet:
        _print_report(printable(summary))
    for error in runner.errors:
        click.echo(f"imbalance-guard: error: {printable(error)}", err=True)
    if runner.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if exit_non_zero_on_fix and report.fixed else EXIT_CLEAN)


#: ruff's words ("No Python files found under the given path(s)") for what we check.
NO_FILES = "No Python files, notebooks or datasets found under the given path(s)"


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
@click.option("--config", "config_path", type=A_PATH, default=None)
@click.option("--disable-plugin", "disabled", multiple=True)
@click.option(
    "--output-format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Output format: text (a table) or json (a list of rules).",
)
def rules_command(config_path: Path | None, disabled: tuple[str, ...], output_format: str) -> None:
    """List every rule: code, name, summary, on by default or not, fixable or not."""
    session = _build(config_path, disabled, configure=False)
    if output_format == "json":
        import json

        listing = [
            {
                "code": rule.code,
                "name": rule.name,
                "summary": rule.summary,
                "default_enabled": rule.default_enabled,
                "fix": rule.fix.value,
                "status": rule.status.value,
                "target": rule.target,
                "plugin": session.owners.get(rule.code),
                "explanation": rule.doc,
            }
            for rule in session.rules.values()
        ]
        _print_report(printable(json.dumps(listing, indent=2, ensure_ascii=False) + "\n"))
        return
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
@click.option("--config", "config_path", type=A_PATH, default=None)
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
@click.option("--config", "config_path", type=A_PATH, default=None)
def plugins(config_path: Path | None) -> None:
    """List the loaded plugins and where they come from."""
    from imbalance_guard.plugins import plugin_names

    session = _build(config_path, configure=False)
    for name, origin in plugin_names(session.pm):
        click.echo(f"{name}  ({origin})")


def main() -> None:
    """Never a traceback, always a defined exit status (``SystemExit``).

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
            click.echo("imbalance-guard: error: standard output is closed (broken pipe)", err=True)
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
