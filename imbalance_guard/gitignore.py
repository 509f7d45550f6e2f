"""What git ignores, for directory walks (``respect-gitignore``, on by default as in ruff).

git's rules, as ``git check-ignore`` applies them: the ``.gitignore`` of a file's own
directory outranks those above it, the last matching pattern of a file wins (so ``!keep.csv``
re-includes), and ``.git/info/exclude`` comes last. A folder git ignores is not walked at
all, as in git. Patterns are matched by the ``pathspec`` library's ``GitIgnoreSpec``. The
user's global excludes file (``core.excludesFile``) is not read. Outside a git repository
nothing is ignored.

DVC keeps the data it tracks out of git by writing it into ``.gitignore``; those datasets
are what a user most wants checked. A dataset (or a folder of them) with a DVC pointer
beside it (``train.csv.dvc``, ``data.dvc``) or named as an output of a ``dvc.yaml`` stage
is therefore still walked and checked.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path


def repository_root(start: Path) -> Path | None:
    """The work tree holding ``start`` (the nearest folder with a ``.git``), or None."""
    here = Path(os.path.realpath(start))
    for directory in (here, *here.parents):
        if (directory / ".git").exists():
            return directory
    return None


def _git_dir(root: Path) -> Path | None:
    """The repository's common git folder (a worktree's ``.git`` is a file naming it)."""
    dot_git = root / ".git"
    if dot_git.is_dir():
        return dot_git
    try:
        text = dot_git.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    if not text.startswith("gitdir:"):
        return None
    git_dir = (root / text[len("gitdir:") :].strip()).resolve()
    try:
        common = (git_dir / "commondir").read_text(encoding="utf-8").strip()
    except OSError:
        return git_dir
    return (git_dir / common).resolve()


def _spec(path: Path):  # -> pathspec.GitIgnoreSpec | None
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:  # none there, or unreadable: git skips it too
        return None
    import pathspec

    spec = pathspec.GitIgnoreSpec.from_lines(lines)
    return spec if len(spec) else None


class GitIgnore:
    """git's ignore rules for the work tree at ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.realpath(root))
        git_dir = _git_dir(self.root)
        self._exclude = _spec(git_dir / "info" / "exclude") if git_dir else None
        self._specs: dict[Path, object] = {}
        self._dvc_outs: dict[Path, frozenset[Path]] = {}

    @classmethod
    def for_path(cls, start: Path) -> GitIgnore | None:
        root = repository_root(start)
        return cls(root) if root is not None else None

    def _directory_spec(self, directory: Path):
        if directory not in self._specs:
            self._specs[directory] = _spec(directory / ".gitignore")
        return self._specs[directory]

    def ignored(self, path: Path, is_dir: bool = False) -> bool:
        """Whether git ignores ``path`` (its parents are assumed not ignored: a walk does
        not enter an ignored folder)."""
        try:
            relative = Path(os.path.realpath(path)).relative_to(self.root)
        except ValueError:
            return False
        parts = relative.parts
        if not parts or parts[0] == ".git":
            return False
        for depth in range(len(parts) - 1, -1, -1):
            spec = self._directory_spec(self.root.joinpath(*parts[:depth]))
            if spec is None:
                continue
            decided = _decide(spec, "/".join(parts[depth:]), is_dir)
            if decided is not None:
                return decided
        if self._exclude is not None:
            return bool(_decide(self._exclude, "/".join(parts), is_dir))
        return False

    def tracked_by_dvc(self, path: Path) -> bool:
        """Whether DVC tracks ``path``: a ``.dvc`` pointer beside it, or a ``dvc.yaml``
        stage above it (up to the work tree's root) that names it as an output."""
        real = Path(os.path.realpath(path))
        if real.with_name(real.name + ".dvc").is_file():
            return True
        for directory in real.parents:
            if real in self._outs(directory):
                return True
            if directory == self.root or self.root not in directory.parents:
                break
        return False

    def _outs(self, directory: Path) -> frozenset[Path]:
        if directory not in self._dvc_outs:
            self._dvc_outs[directory] = frozenset(
                Path(os.path.realpath(directory / out)) for out in dvc_outputs(directory)
            )
        return self._dvc_outs[directory]


def _decide(spec, relative: str, is_dir: bool) -> bool | None:  # spec: GitIgnoreSpec
    """Whether ``spec`` ignores ``relative`` (True), re-includes it (False) or says
    nothing (None): the last pattern that matches the path itself wins, as in git.

    pathspec's regular expressions (searched, as pathspec does) also match the contents
    of a matched folder (their ``ps_d`` group is the slash after the folder); such a match
    is about a parent, which a walk has already decided on, so it counts only where the
    folder is the path itself.
    ``sub/**`` matches what is inside ``sub``, not ``sub``.
    """
    decided = None
    for pattern in spec.patterns:
        if (
            pattern.include is not None
            and pattern.regex is not None
            and (_matches_itself(pattern.regex, relative, is_dir))
        ):
            decided = pattern.include
    return decided


def _matches_itself(regex: re.Pattern, relative: str, is_dir: bool) -> bool:
    folder = "ps_d" in regex.groupindex
    match = regex.search(relative)
    if match is not None and (not folder or match.start("ps_d") < 0):
        return True  # the path by its name (`*.py`, `/a.py`, `sub/**` for what is inside)
    if not (is_dir and folder):
        return False
    # A folder pattern (`out/`, `*/`) naming this folder: its slash is the text's last.
    match = _at_end(regex).search(relative + "/")
    return match is not None and match.end("ps_d") == len(relative) + 1


@functools.cache
def _at_end(regex: re.Pattern) -> re.Pattern:
    """``regex`` matching only at the end of the text (search finds the first match)."""
    return re.compile(f"(?:{regex.pattern})$", regex.flags)


# Compiled on first use, once: only a folder with a dvc.yaml reads them.
_compiled = functools.cache(re.compile)
_OUTS = r"^(?P<indent>\s*)outs\s*:\s*(?:#.*)?$"
_ITEM = r"^(?P<indent>\s*)-\s*(?P<name>[^:#]+?)\s*(?::.*)?(?:#.*)?$"


def dvc_outputs(directory: Path) -> list[str]:
    """The ``outs`` of every stage of ``directory/dvc.yaml`` (paths relative to it)."""
    try:
        text = (directory / "dvc.yaml").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    try:
        import yaml
    except ImportError:
        return _outs_by_lines(text)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return []
    stages = data.get("stages") if isinstance(data, dict) else None
    found: list[str] = []
    for stage in (stages or {}).values() if isinstance(stages, dict) else ():
        outs = stage.get("outs") if isinstance(stage, dict) else None
        for out in outs if isinstance(outs, list) else ():
            names = out if isinstance(out, dict) else {out: None}
            found += [str(name).strip("\"'") for name in names if isinstance(name, str)]
    return found


def _outs_by_lines(text: str) -> list[str]:
    """``outs`` list items read line by line, for when PyYAML is not installed."""
    found: list[str] = []
    indent: int | None = None
    for line in text.splitlines():
        if (match := _compiled(_OUTS).match(line)) is not None:
            indent = len(match.group("indent"))
            continue
        if indent is None or not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _compiled(_ITEM).match(line)
        if item is None or len(item.group("indent")) < indent:
            if len(line) - len(line.lstrip()) <= indent:
                indent = None
            continue
        found.append(item.group("name").strip("\"'"))
    return found
