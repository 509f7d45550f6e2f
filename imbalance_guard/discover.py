"""Turn command-line paths into typed targets: python, notebook or dataset files."""

from __future__ import annotations

import errno
import fnmatch
import functools
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath

from imbalance_guard.data.uri import DEFAULT_TIMEOUT, display, is_uri
from imbalance_guard.gitignore import GitIgnore
from imbalance_guard.records import record

# Dataset file extension -> format name.
DATASET_FORMATS: dict[str, str] = {
    ".csv.gz": "csv",
    ".tsv.gz": "tsv",
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".feather": "feather",
    ".arrow": "feather",
    ".ipc": "feather",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
}

# Longest suffix first so ".csv.gz" wins over ".csv"; sorted once, because classify()
# runs for every file a directory walk meets.
_BY_LENGTH = sorted(DATASET_FORMATS.items(), key=lambda kv: -len(kv[0]))


@record(frozen=True)
class Target:
    path: Path  # as found on disk
    display: str  # what the user sees in the report (relative to the cwd when inside it)
    kind: str  # "python", "notebook" or "dataset"; with a problem also "directory", "path"
    format: str = ""  # for datasets: csv, tsv, parquet, feather, jsonl
    # Why the path cannot be read, found without opening it (a symbolic link loop, a
    # dangling link, a permission error); the runner reports it as IG001.
    problem: str = ""
    # The path relative to the project root, with forward slashes (links resolved; the
    # path as found when it lies outside the root): what per-file ignores, label globs,
    # fingerprints and CI annotations use. Computed once, by discovery.
    relative: str = ""
    # An object in a store or on a web server (s3://, gs://, az://, https:// …): the
    # address to read; ``display`` shows it without a query string (data/uri.py);
    # ``relative`` is that address too, for label globs and per-file ignores.
    uri: str = ""


def root_relative(
    path: str | os.PathLike[str],
    root: str | os.PathLike[str],
    cwd: Path | None = None,
    outside: str | None = None,
) -> str:
    """``path`` (relative to ``cwd``, or absolute) relative to the project ``root``, with
    forward slashes; ``outside`` (default: ``path`` as posix) when it lies outside."""
    candidate = Path(path)
    absolute = candidate if candidate.is_absolute() else (cwd or Path.cwd()) / candidate
    try:
        # os.path.realpath: no RuntimeError on a symbolic link loop (Path.resolve has one)
        real = Path(os.path.realpath(absolute))
        return real.relative_to(os.path.realpath(root)).as_posix()
    except (ValueError, OSError):
        return candidate.as_posix() if outside is None else outside


def _target(
    path: Path, cwd: Path, root: Path, kind: str, fmt: str = "", problem: str = ""
) -> Target:
    display = display_path(path, cwd)
    return Target(path, display, kind, fmt, problem, root_relative(path, root, cwd, display))


@record(frozen=True)
class Skipped:
    """A path with a checkable name that is not a regular file (a FIFO, a socket, a
    device): never opened, since reading one can block forever or never end."""

    display: str
    reason: str


def classify(path: Path) -> tuple[str, str] | None:
    name = path.name.lower()
    if name.endswith((".py", ".pyi")):
        return ("python", "")
    if name.endswith(".ipynb"):
        return ("notebook", "")
    for suffix, fmt in _BY_LENGTH:
        if name.endswith(suffix):
            return ("dataset", fmt)
    return None


def is_excluded(relative: PurePosixPath, patterns: Iterable[str]) -> bool:
    """A path is excluded when the path or any of its parts matches a glob (ruff's rule)."""
    whole, part = _exclusion_matchers(tuple(patterns))
    if whole is None or part is None:
        return False
    return whole(str(relative)) is not None or any(part(p) is not None for p in relative.parts)


@functools.lru_cache(maxsize=16)
def _exclusion_matchers(
    patterns: tuple[str, ...],
) -> tuple[Callable[[str], object] | None, Callable[[str], object] | None]:
    """One regular expression for the globs a whole path may match and one for those a part
    may match (``fnmatch.fnmatchcase``'s, joined): a tree walk asks for every path, and
    asking each glob in turn cost about 100 calls per path with the default excludes. A
    pattern with a ``/`` also matches everything under it."""
    if not patterns:
        return None, None
    whole, part = [], []
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        whole.append(fnmatch.translate(pattern))
        part.append(fnmatch.translate(pattern))
        if "/" in pattern:
            whole.append(fnmatch.translate(pattern.lstrip("./") + "/*"))
    return re.compile("|".join(whole)).match, re.compile("|".join(part)).match


def display_path(path: Path, cwd: Path) -> str:
    """``path`` relative to ``cwd`` when inside it; a link keeps its own name (a loop or a
    dangling link has no other, and a finding belongs where the user sees the file)."""
    # os.path.realpath, not Path.resolve(): resolve() raises on a symbolic link loop
    # (Python < 3.13), and a loop is a finding, not a reason to stop the run.
    try:
        if path.name in ("", ".", ".."):
            real = Path(os.path.realpath(path))
        else:
            real = Path(os.path.realpath(path.parent)) / path.name
        return real.relative_to(cwd).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


_SPECIAL = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _special(mode: int) -> str:
    return next((name for test, name in _SPECIAL if test(mode)), "not a regular file")


def _os_problem(path: Path, exc: OSError) -> tuple[str, str]:
    """Why ``stat`` failed: ``("missing", reason)`` or ``("problem", reason)`` (IG001)."""
    if exc.errno == errno.ELOOP:
        return "problem", "cannot read: symbolic link loop"
    if isinstance(exc, FileNotFoundError) and os.path.islink(path):
        try:
            where = f" (it points to {os.readlink(path)})"
        except OSError:
            where = ""
        return "problem", f"cannot read: broken symbolic link{where}"
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return "missing", "no such file or directory"
    if isinstance(exc, PermissionError):
        return "problem", f"cannot read: {exc.strerror or 'permission denied'}"
    return "problem", f"cannot read: {exc.strerror or exc}"


def inspect(path: Path) -> tuple[str, str]:
    """What ``path`` is, following links: ``("dir" | "file" | "special" | "missing" |
    "problem", detail)``, without opening it."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return _os_problem(path, exc)
    except ValueError:  # an embedded NUL byte
        return "missing", "not a valid path"
    if stat.S_ISDIR(mode):
        return "dir", ""
    if stat.S_ISREG(mode):
        return "file", ""
    return "special", _special(mode)


def read_regular_file(path: Path) -> bytes:
    """The bytes of ``path``, which must be a regular file.

    Opened without blocking and checked after opening, so a file swapped for a FIFO or a
    device after discovery raises ``OSError`` instead of hanging or reading forever.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory")
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, f"{_special(mode)}, not a regular file")
        return handle.read()


Item = Target | Skipped | tuple[Path, str]


@record(frozen=True)
class Ignored:
    """A file or folder a directory walk left out because git ignores it."""

    display: str
    is_dir: bool


def discover(
    paths: Iterable[Path | str],
    excludes: list[str],
    cwd: Path,
    root: Path,
    kinds: frozenset[str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    *,
    force_exclude: bool = False,
    respect_gitignore: bool = False,
    ignored: list[Ignored] | None = None,
) -> Iterator[Item]:
    """Yield a target per file to check, a :class:`Skipped` per special file, or
    ``(path, reason)`` for a path that does not exist.

    A file named explicitly is always checked (pre-commit passes file names), even
    when an exclude pattern matches it; directories are walked with the excludes,
    which are matched relative to the project ``root``. Only regular files and
    directories are ever opened; a path that cannot be examined (a symbolic link loop,
    a dangling link, a permission error) is a target with a ``problem``, reported as
    IG001 while the rest of the run goes on. An address (``s3://…``, ``https://…``, given
    as text) names the objects the store lists under it, each read within ``timeout``
    seconds per request; a store that fails is an IG001 naming the address.

    ``force_exclude`` (ruff's ``--force-exclude``): the excludes hold for named paths too,
    as a pre-commit hook needs. ``respect_gitignore``: walks leave out what git ignores
    (:mod:`imbalance_guard.gitignore`), each such path appended to ``ignored``; a path
    named explicitly is checked all the same.
    """
    seen: set[Path] = set()
    for path in paths:
        if is_uri(path):
            yield from _remote(str(path), excludes, kinds, seen, timeout)
            continue
        path = Path(path)
        if force_exclude and is_excluded(_relative(path, root), excludes):
            continue
        what, detail = inspect(path)
        if what == "missing":
            yield (path, detail)
            continue
        if what != "dir":
            kind = classify(path)
            if what == "problem" and kind is None:
                # A path the user named that cannot even be looked at (a file or a
                # folder?): IG001 whatever its name, rather than a silent pass.
                kind = ("path", "")
            wanted = kinds is None or kind is None or kind[0] in kinds or kind[0] == "path"
            if not kind or not wanted or path in seen:
                continue
            seen.add(path)
            if what == "special":
                yield Skipped(display_path(path, cwd), f"skipped: {detail}, not a regular file")
            else:
                problem = detail if what == "problem" else ""
                yield _target(path, cwd, root, *kind, problem=problem)
            continue
        found = False
        git = _gitignore(path) if respect_gitignore else None
        sink = ignored if ignored is not None else []
        for item in _walk(path, excludes, cwd, root, kinds, seen, git, sink, respect_gitignore):
            found = found or (isinstance(item, Target) and item.kind != "directory")
            yield item
        named = classify(path)
        if not found and named and named[0] == "dataset" and (kinds is None or "dataset" in kinds):
            # A directory named like a data file (``x.csv/``) with no data file inside is a
            # mistake the reader reports (IG001); one with parts (Spark's ``x.parquet/``)
            # was walked above.
            yield _target(path, cwd, root, *named)


def _remote(
    uri: str, excludes: list[str], kinds: frozenset[str] | None, seen: set[Path], timeout: float
) -> Iterator[Item]:
    """The objects an address names; the store is asked only here (data/remote.py)."""
    from imbalance_guard.data import remote

    try:
        found = remote.expand(uri, timeout)
    except remote.RemoteError as exc:
        named = classify(PurePosixPath(display(uri).split("?", 1)[0])) or ("path", "")
        shown = display(uri)
        yield Target(Path(shown), shown, *named, problem=str(exc), relative=shown, uri=uri)
        return
    listed = len(found) != 1 or found[0].uri != uri
    for item in found:
        kind = classify(PurePosixPath(item.name))
        if kind is None or (kinds is not None and kind[0] not in kinds):
            continue
        relative = item.uri[len(uri) :].lstrip("/") if item.uri.startswith(uri) else item.name
        if listed and is_excluded(PurePosixPath(relative), excludes):
            continue
        key = Path(item.uri)
        if key in seen:
            continue
        seen.add(key)
        problem = (
            ""
            if kind[0] == "dataset"
            else ("only datasets are read from an address; check code from a local checkout")
        )
        shown = display(item.uri)
        yield Target(key, shown, *kind, problem=problem, relative=shown, uri=item.uri)


def _gitignore(top: Path) -> GitIgnore | None:
    """git's rules for a walk of ``top``; None outside a repository, or when the user named
    a folder git ignores (explicit paths are checked, as in ruff)."""
    git = GitIgnore.for_path(top)
    if git is None:
        return None
    real = Path(os.path.realpath(top))
    for directory in (real, *real.parents):
        if directory == git.root or git.root not in directory.parents:
            break
        if git.ignored(directory, is_dir=True):
            return None
    return git


def _walk(
    top: Path,
    excludes: list[str],
    cwd: Path,
    root: Path,
    kinds: frozenset[str] | None,
    seen: set[Path],
    git: GitIgnore | None = None,
    ignored: list[Ignored] | None = None,
    respect: bool = False,
) -> Iterator[Item]:
    """Files under ``top`` in ``os.walk`` order (a folder's files, then its sorted
    sub-folders, depth first); links to folders are not followed, as in ``os.walk``.

    With ``git``, what git ignores is left out (and listed in ``ignored``), except the
    datasets DVC tracks: a folder DVC tracks is walked for its datasets only. With
    ``respect``, a repository met inside the walk (a folder with a ``.git``) brings its
    own rules for its own tree.
    """
    ignored = ignored if ignored is not None else []
    stack: list[tuple[Path, bool, GitIgnore | None]] = [(top, False, git)]
    while stack:
        directory, dvc_only, git = stack.pop()
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            _, reason = _os_problem(directory, exc)
            yield _target(directory, cwd, root, "directory", problem=reason)
            continue
        if respect and any(e.name == ".git" for e in entries):
            real = Path(os.path.realpath(directory))
            if git is None or git.root != real:
                git = GitIgnore(real)
        subdirs: list[tuple[Path, bool, GitIgnore | None]] = []
        for entry in entries:
            file = directory / entry.name
            try:
                is_dir = entry.is_dir()
                is_link = entry.is_symlink()
            except OSError:
                is_dir = is_link = False
            if is_dir:
                if not is_link and not is_excluded(_relative(file, root), excludes):
                    if dvc_only or git is None or not git.ignored(file, is_dir=True):
                        subdirs.append((file, dvc_only, git))
                    elif git.tracked_by_dvc(file):
                        subdirs.append((file, True, git))
                    else:
                        ignored.append(Ignored(display_path(file, cwd), True))
                continue
            kind = classify(file)
            if kind is None or (kinds is not None and kind[0] not in kinds):
                continue
            if is_excluded(_relative(file, root), excludes) or file in seen:
                continue
            if git is not None and kind[0] != "dataset" and (dvc_only or git.ignored(file)):
                ignored.append(Ignored(display_path(file, cwd), False))
                continue
            if (
                git is not None
                and not dvc_only
                and kind[0] == "dataset"
                and git.ignored(file)
                and not git.tracked_by_dvc(file)
            ):
                ignored.append(Ignored(display_path(file, cwd), False))
                continue
            seen.add(file)
            try:
                regular = entry.is_file()
            except OSError:
                regular = False
            what, detail = ("file", "") if regular else inspect(file)
            if what == "special":
                yield Skipped(display_path(file, cwd), f"skipped: {detail}, not a regular file")
            elif what == "file":
                yield _target(file, cwd, root, *kind)
            else:  # gone since the listing, a dangling link, a loop, no permission
                problem = detail if what == "problem" else "cannot read: no such file"
                yield _target(file, cwd, root, *kind, problem=problem)
        stack.extend(reversed(subdirs))


def _relative(path: Path, root: Path) -> PurePosixPath:
    resolved = path.absolute()
    try:
        return PurePosixPath(resolved.relative_to(root).as_posix())
    except ValueError:
        return PurePosixPath(path.as_posix())
