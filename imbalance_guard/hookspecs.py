"""The plugin contract of imbalance-guard: every hook a plugin can implement.

Built-in rules, dataset readers and output formats are plugins that implement
these same hooks (see ``BUILTIN_PLUGINS`` in :mod:`imbalance_guard.plugins`), so
each built-in module doubles as an example. Third-party plugins are found through
the ``imbalance_guard`` entry-point group; the entry-point name is the plugin's
name for ``--disable-plugin``.

Hooks are called with keyword arguments only. An implementation may accept fewer
arguments than the spec lists (pluggy passes only those it names), so adding an
argument to a spec never breaks an existing plugin. A misspelt hook name or an
argument the spec does not have is an error at start-up (exit status 2).

Every implementation of a hook is called and the results are collected, except
where a spec says ``firstresult``. The check hooks are called one implementation
at a time: an exception in one plugin is reported as ``plugin 'NAME' failed`` (exit
status 2) and the other plugins still report. The plugin author's guide, with a
minimal plugin and how to test one, is ``plugins/README.md``.

Hooks by phase:

* setup — :func:`ig_addoption`, :func:`ig_rules`, :func:`ig_settings`,
  :func:`ig_formatters`, :func:`ig_configure`
* reading datasets — :func:`ig_read_dataset`
* checking — :func:`ig_check_code`, :func:`ig_check_dataset`, then once per run
  :func:`ig_check_datasets` (checks across dataset files)

What changed for plugin authors with the run builder (``imbalance_guard.run``):

* The core skips disabled rules. A plugin's check hooks are not called at all when
  none of the codes it declares in :func:`ig_rules` is enabled, and findings of a
  disabled code are dropped before anyone sees them (reporters, the cache, ``--fix``).
  A plugin with one rule need no longer test ``config.is_enabled(code)``, and the
  built-in rules no longer do: called directly, outside a run, a rule module reports
  whatever it finds. A plugin with several rules may still ask to skip the work of
  the disabled ones, as the deep-learning plugin does; that is an optimisation only,
  never what keeps a disabled code out of the output (``config.is_enabled`` keeps
  working).
* ``config`` is frozen when a check hook receives it: the run's settings are final.
  A plugin that wants a command-line option declares it with :func:`ig_addoption`
  (its value becomes the setting's value before validation) instead of writing into
  ``config.settings``.
* Plugins ``unreadable_input`` (IG001), ``labels`` and the dataset readers are
  essential: ``--disable-plugin`` refuses them (exit status 2).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from imbalance_guard.code.unit import CodeUnit
    from imbalance_guard.config import Config, Setting
    from imbalance_guard.data.code_pairs import CodePair
    from imbalance_guard.data.profile import DatasetProfile
    from imbalance_guard.discover import Target
    from imbalance_guard.findings import Finding, Rule
    from imbalance_guard.options import OptionParser
    from imbalance_guard.report.base import Formatter

hookspec = pluggy.HookspecMarker("imbalance_guard")

# ---------------------------------------------------------------------------
# setup: what a plugin offers
# ---------------------------------------------------------------------------


@hookspec(historic=True)
def ig_addoption(parser: OptionParser) -> None:
    """Add command-line options to ``imbalance-guard check`` (pytest's ``pytest_addoption``).

    :param parser: call ``parser.addoption("--flag", section=..., key=..., help=...)``
        (see :class:`~imbalance_guard.options.OptionParser`). Each option is the
        command-line spelling of a setting this plugin declares in
        :func:`ig_settings`: a value given on the command line replaces the file's
        before validation, so it is checked exactly like the configured one.
        ``multiple=True`` lets the option repeat; ``convert(value, cwd)`` turns what
        was typed into the setting's value (paths typed are relative to the working
        directory). A flag that clashes with the core's or another plugin's is an
        error at start-up (exit status 2).

    Historic: called once, before the command line is parsed, for every plugin
    registered so far and for plugins registered later. Options of a disabled plugin
    do not exist; typing one is a usage error that names the plugin.
    """


@hookspec
def ig_rules() -> Sequence[Rule]:
    """Return the rules this plugin can report.

    :return: :class:`~imbalance_guard.findings.Rule` objects. Their codes must be
        unique across all plugins (a clash is an error at start-up). A plugin
        reports only codes it declared here (anything else is an error of the run).

    A code is an upper-case prefix and three digits. ``IG`` belongs to the built-in
    rules; a plugin picks its own prefix (the deep-learning plugin uses ``IGD``) so
    users can select or ignore its rules as a group (``--ignore IGD``). ``Rule.doc``
    is the rule's whole documentation, with ruff's headings (see
    :class:`~imbalance_guard.findings.Rule`); ``imbalance-guard explain CODE`` prints it.

    Called once per run, by ``rules``, ``explain`` and ``check``; the results of
    all plugins are concatenated.
    """


@hookspec
def ig_settings() -> Sequence[Setting]:
    """Return the configuration settings this plugin reads.

    Each :class:`~imbalance_guard.config.Setting` names a key in a sub-table of
    ``[tool.imbalance-guard]`` (``data``, ``code`` or a plugin's own section),
    its default, accepted types and help. Keys nobody declares are rejected as
    unknown, so declaring a setting is what makes it valid configuration. A plugin
    uses a section named after itself (``[tool.imbalance-guard.<topic>]``).

    Values are validated before any check hook runs; read them with
    ``config.get(section, name)`` (the default when the user set nothing).
    """


@hookspec
def ig_formatters() -> Sequence[Formatter]:
    """Return output formats (``--output-format NAME``).

    A :class:`~imbalance_guard.report.base.Formatter` has a unique ``name``, a
    one-line ``description`` and a ``render(report, options) -> str`` function that
    must not print or write files itself. ``report`` is a
    :class:`~imbalance_guard.report.base.Report` (findings sorted by place, the
    rules by code, the source lines for snippets, dataset profiles, notes);
    ``options`` a :class:`~imbalance_guard.report.base.RenderOptions` (``color``,
    ``statistics``, ``verbose``, ``quiet``).
    """


@hookspec(historic=True)
def ig_configure(config: Config) -> None:
    """The run's configuration is final (validated, frozen): prepare for the run.

    :param config: the frozen configuration ``check`` will pass to the check hooks.
    :raises imbalance_guard.config.ConfigError: the settings cannot work (a schema
        file that does not load); the message is shown and ``check`` exits with
        status 2 before any file is checked.

    Called once per ``check`` run, after the options and settings are applied and
    before the first file is read: the place for work a setting needs once, up
    front, rather than once per file.
    """


# ---------------------------------------------------------------------------
# reading datasets
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def ig_read_dataset(target: Target, config: Config) -> DatasetProfile | None:
    """Read the label profile of a dataset file; the first non-None answer wins.

    :param target: the file, with ``target.format`` set from its extension
        (``csv``, ``tsv``, ``parquet``, ``feather``, ``jsonl``), ``target.display``
        (the path as the user sees it) and ``target.relative`` (its path from the
        project root, for globs).
    :param config: the run's configuration (label columns, thresholds).
    :return: a :class:`~imbalance_guard.data.profile.DatasetProfile`, or None
        when this plugin does not handle the format, letting the next reader try.
    :raises imbalance_guard.data.profile.UnreadableData: the file is corrupt,
        empty or otherwise unreadable; the message becomes an IG001 finding.

    Readers registered later are asked first, so a plugin can take over a
    format from a built-in reader.
    """


# ---------------------------------------------------------------------------
# checking
# ---------------------------------------------------------------------------


@hookspec
def ig_check_code(unit: CodeUnit, config: Config) -> Sequence[Finding] | None:
    """Check one Python file or notebook.

    :param unit: the parsed unit (``unit.tree``, ``unit.source``, ``unit.cells``),
        its import aliases (``unit.imports``, see :mod:`imbalance_guard.code.imports`:
        a call's ``func`` to a qualified name such as ``torch.nn.CrossEntropyLoss``)
        and its lazily computed data-flow facts (``unit.flow``, see
        :mod:`imbalance_guard.code.flow`: every call with its qualified name and
        the facts of its arguments — resampled, train/test part of a split,
        instance of a sampler / classifier / regressor); ask those rather than
        walking the tree again. ``unit.describe_line(n)`` says "line 12" or
        "cell 2, line 3" for messages.
    :param config: the frozen run configuration: ``config.get(section, key)`` for
        settings. The hook is not called when none of the plugin's codes is enabled;
        a plugin with several rules may ask ``config.is_enabled(code)`` to skip the
        work of the disabled ones.
    :return: findings whose locations come from ``unit.location(...)`` (which
        maps tree positions to notebook cells and character columns), or None
        when there is nothing to report.

    Called once per Python file or notebook that parsed; a file that did not
    parse is reported as IG001 and never reaches this hook. A notebook cell or a
    top-level statement that does not parse is left out of ``unit.tree`` (a
    ``name = None`` or ``pass`` line stands for it; ``unit.unparsed`` lists them)
    and reported as IG001 by the core; the rest reaches this hook. IPython lines
    (magics, ``!cmd``) are ``pass`` lines. Return early when the file cannot
    concern the plugin: checking runs in pre-commit hooks.

    Suppression (``# noqa``, per-file ignores, select/ignore) is applied by the
    core afterwards; a rule does not need to handle it.
    """


@hookspec
def ig_check_dataset(dataset: DatasetProfile, config: Config) -> Sequence[Finding] | None:
    """Check the label profile of one dataset.

    :param dataset: what :func:`ig_read_dataset` returned (per-label counts,
        rows, missing values and the columns the file has).
    :param config: settings and enabled rules, as for :func:`ig_check_code`.
    :return: findings located at ``Location(path=dataset.path, column_name=...)``.
    """


@hookspec
def ig_check_datasets(
    datasets: Sequence[Target], config: Config, code_pairs: Sequence[CodePair]
) -> Sequence[Finding] | None:
    """Check the run's dataset files together: checks that need two files or more.

    :param datasets: the local dataset files of the run that were read without an IG001,
        in the order they were checked (``target.path``, ``target.display``,
        ``target.format``, ``target.relative``). Objects in a store (``s3://`` …) are
        not among them.
    :param config: the frozen run configuration, as for :func:`ig_check_code`.
    :param code_pairs: dataset files the run's code loads as the two sides of one
        evaluation (:class:`~imbalance_guard.data.code_pairs.CodePair`: ``train``, the file
        a model is fitted on, ``test``, the file it is scored on, and ``exclude``, the
        columns the code drops from the features); empty when no checked code shows one.
        Added after the hook: an implementation that does not name it keeps working.
    :return: findings located in one of the files (``Location(path=target.display)``);
        per-file ignores apply to that file.

    Called once per ``check`` run that read at least one dataset, after every file was
    checked on its own; never for a run of code files only. IG107 (rows a test file
    shares with its train file) is the built-in example. The hook may read the files
    again: it should read only what it needs, as the readers do.
    """
