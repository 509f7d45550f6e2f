"""``imbalance-guard check - --stdin-filename path/x.py``: check text piped in, as ruff does.

Editors and notebook tools pipe the buffer they hold; the findings are reported under
``--stdin-filename`` (``-`` without it), whose per-file ignores apply and, with
``--force-exclude``, whose excludes do. Code only: a Python file or a notebook (by the
name's extension; a name without one is Python). Datasets are streamed from their files
and are not read from standard input.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from imbalance_guard.discover import (
    Target,
    _relative,
    classify,
    display_path,
    is_excluded,
    root_relative,
)
from imbalance_guard.results import Report
from imbalance_guard.runner import Runner

#: The name findings are reported under when ``--stdin-filename`` is not given (ruff's).
ANONYMOUS = "-"


class StdinError(Exception):
    """Standard input cannot be checked as asked (a dataset name, no input)."""


def stdin_target(name: str | None, cwd: Path, root: Path) -> Target:
    """The target the piped text stands for; :class:`StdinError` for a dataset name."""
    if name is None:
        return Target(Path(ANONYMOUS), ANONYMOUS, "python", relative=ANONYMOUS)
    if not name.strip() or "\0" in name:
        raise StdinError(f"--stdin-filename {name!r}: not a file name")
    path = Path(name)
    kind = classify(path)
    if kind is not None and kind[0] == "dataset":
        raise StdinError(
            f"--stdin-filename {name}: only Python files and notebooks can be read from "
            "standard input; check a dataset by its path"
        )
    shown = display_path(path, cwd)
    return Target(
        path, shown, kind[0] if kind else "python", relative=root_relative(path, root, cwd, shown)
    )


def excluded(target: Target, runner: Runner) -> bool:
    """``--force-exclude``: the configured excludes match the name given on stdin."""
    config = runner.config
    if not config.force_exclude or target.display == ANONYMOUS:
        return False
    relative = _relative(runner.cwd / target.path, config.root)
    return is_excluded(PurePosixPath(relative), [*config.exclude, *config.extend_exclude])


def check_stdin(runner: Runner, target: Target, data: bytes) -> Report:
    """Check ``data`` as the file ``target``; an excluded name is checked not at all."""
    runner.stdin = runner.stdin_output = data  # --fix: unchanged unless a fix applies
    if excluded(target, runner):
        return Report(findings=[], rules=runner.rules, root=str(runner.config.root))
    return runner.run([], targets=[target])
