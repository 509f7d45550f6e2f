"""The cache of unchanged files (ruff's model): a file whose inputs did not change is not
checked again; its findings come back from ``.imbalance_guard_cache/``.

What a cached result depends on, all part of its key:

* the **run key** — the tool's version, the cache format, the Python version (``ast``
  differs between versions), the resolved configuration (validated settings, enabled
  codes, per-file ignores, project root), and the name and version of every loaded
  plugin together with the size and modification time of each of their source files
  (so an edited rule in a development install is not answered from the cache). A run
  with a plugin object passed in-process (a test's) has no version to key on and is
  never cached;
* the file's **identity** — its real path, the path shown for it and its kind;
* the **inputs** the analysis read, each with a stamp: the file's own bytes (a hash) to
  begin with. The list is open on purpose: imported project modules (their content
  hash) and linked datasets (size, modification time and inode) join it as
  :class:`Input` records, and a change to any of them invalidates the result.

Entries are JSON (never pickle: a cache directory from an untrusted checkout must not run
code), one file per checked file, written to a temporary name and moved into place with
``os.replace``, so concurrent runs never see half an entry. A missing, corrupt or
unreadable entry is a miss, never an error; a cache that cannot be written is skipped.
Datasets are not cached: their profiles are cheap to stream compared with the risk of a
stale count, and the dataset readers are changing.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from imbalance_guard import __version__
from imbalance_guard.findings import Applicability, Edit, Finding, Fix, Location
from imbalance_guard.records import record

DIRECTORY = ".imbalance_guard_cache"
ENV_DIR = "IMBALANCE_GUARD_CACHE_DIR"
ENV_OFF = "IMBALANCE_GUARD_NO_CACHE"
#: Bump when the entry layout or the meaning of a key changes.
FORMAT = 2


def digest(*parts: bytes) -> str:
    try:  # _blake2 costs 0.2 ms to import, hashlib's OpenSSL binding ten times as much
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - an interpreter without the module
        from hashlib import blake2b
    h = blake2b(digest_size=20)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


@record(frozen=True)
class Input:
    """One thing a file's analysis read, and its stamp when it was read."""

    kind: str  # "content": a hash of the bytes; "stat": size, mtime_ns and inode
    path: str  # absolute
    stamp: str

    @classmethod
    def content(cls, path: str, data: bytes) -> Input:
        return cls("content", path, digest(data))

    @classmethod
    def stat(cls, path: str) -> Input:
        return cls("stat", path, _stat_stamp(path))

    def unchanged(self) -> bool:
        """Whether the input still has its stamp (any failure to tell: changed)."""
        try:
            if self.kind == "content":
                with open(self.path, "rb") as handle:
                    return digest(handle.read()) == self.stamp
            if self.kind == "stat":
                return _stat_stamp(self.path) == self.stamp
        except OSError:
            return False
        return False


def _stat_stamp(path: str) -> str:
    st = os.stat(path)
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


class Uncacheable(Exception):
    """A result holds a value the cache cannot store exactly; it is checked afresh."""


# -- values: exact JSON round trips ---------------------------------------------------
# ``Finding.data`` is free-form: tuples, int keys and nested tables must come back as they
# were, or a format that prints them would differ from a fresh run. Every container is
# tagged; anything else is refused rather than approximated.


def encode_value(value: Any) -> Any:
    kind = type(value)
    if value is None or kind in (bool, int, float, str):
        return value
    if kind is list:
        return {"l": [encode_value(v) for v in value]}
    if kind is tuple:
        return {"t": [encode_value(v) for v in value]}
    if kind is dict:
        return {"d": [[encode_value(k), encode_value(v)] for k, v in value.items()]}
    raise Uncacheable(f"cannot cache a {kind.__name__}")


def decode_value(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    if "l" in value:
        return [decode_value(v) for v in value["l"]]
    if "t" in value:
        return tuple(decode_value(v) for v in value["t"])
    return {decode_value(k): decode_value(v) for k, v in value["d"]}


def _location(loc: Location) -> list[Any]:
    return [loc.path, loc.line, loc.column, loc.end_line, loc.end_column, loc.cell, loc.column_name]


def encode_finding(finding: Finding) -> dict[str, Any]:
    fix = finding.fix
    return {
        "code": finding.code,
        "message": finding.message,
        "location": _location(finding.location),
        "suggestion": finding.suggestion,
        "fix": None
        if fix is None
        else {
            "edits": [
                [e.line, e.column, e.end_line, e.end_column, e.content, e.cell] for e in fix.edits
            ],
            "applicability": fix.applicability.value,
            "title": fix.title,
        },
        "data": encode_value(finding.data),
    }


def decode_finding(raw: Mapping[str, Any]) -> Finding:
    fix = raw["fix"]
    return Finding(
        raw["code"],
        raw["message"],
        Location(*raw["location"]),
        raw["suggestion"],
        None
        if fix is None
        else Fix(
            tuple(Edit(*edit) for edit in fix["edits"]),
            Applicability(fix["applicability"]),
            fix["title"],
        ),
        decode_value(raw["data"]),
    )


@record(frozen=True)
class Cached:
    """What a cache hit gives back: the outcome of checking the file, before filtering."""

    findings: list[Finding]
    sources: dict[tuple[str, int | None], list[str]]
    notes: list[str]
    skipped: bool
    positions: dict[Location, tuple[int | None, ...]]


class Cache:
    """The entries of one run key in one cache directory."""

    def __init__(self, directory: Path, run_key: str) -> None:
        self.directory = directory
        self.run_key = run_key
        self._ready = False

    # -- where -------------------------------------------------------------------
    def _entry(self, identity: str) -> Path:
        name = digest(identity.encode("utf-8", "surrogateescape"))
        return self.directory / "files" / f"{name}.json"

    @staticmethod
    def identity(path: Path, display: str, kind: str) -> str:
        return "\x00".join((os.path.realpath(path), display, kind))

    # -- reading -----------------------------------------------------------------
    def load(self, identity: str, source: Input) -> Cached | None:
        """The cached outcome for the file, if every input it was made from is unchanged."""
        try:
            with open(self._entry(identity), "rb") as handle:
                entry = json.loads(handle.read())
            if (
                entry.get("format") != FORMAT
                or entry.get("run") != self.run_key
                or entry.get("identity") != identity
            ):
                return None
            inputs = [Input(*item) for item in entry["inputs"]]
            if not inputs or inputs[0] != source:
                return None
            if not all(extra.unchanged() for extra in inputs[1:]):
                return None
            return Cached(
                [decode_finding(f) for f in entry["findings"]],
                {(path, cell): list(lines) for path, cell, lines in entry["sources"]},
                list(entry["notes"]),
                bool(entry["skipped"]),
                {Location(*loc): tuple(where) for loc, where in entry["positions"]},
            )
        except Exception:  # missing, corrupt, from another version: a miss, never an error
            return None

    # -- writing -----------------------------------------------------------------
    def store(
        self,
        identity: str,
        inputs: Iterable[Input],
        findings: Iterable[Finding],
        sources: Mapping[tuple[str, int | None], list[str]],
        notes: Iterable[str],
        skipped: bool,
        positions: Mapping[Location, tuple[int | None, ...]] | None = None,
    ) -> None:
        """Record an outcome; silently does nothing when it cannot be stored."""
        try:
            findings = list(findings)
            wanted = {(f.location.path, f.location.cell) for f in findings}
            text = json.dumps(
                {
                    "format": FORMAT,
                    "run": self.run_key,
                    "identity": identity,
                    "inputs": [[i.kind, i.path, i.stamp] for i in inputs],
                    "findings": [encode_finding(f) for f in findings],
                    # Only the lines findings point at are ever shown (as the worker pool).
                    "sources": [
                        [p, c, lines] for (p, c), lines in sources.items() if (p, c) in wanted
                    ],
                    "notes": list(notes),
                    "skipped": skipped,
                    "positions": [
                        [_location(loc), list(where)] for loc, where in (positions or {}).items()
                    ],
                },
                ensure_ascii=False,
            )
        except (Uncacheable, TypeError, ValueError):
            return
        self._write(self._entry(identity), text)

    def _prepare(self) -> None:
        if self._ready:
            return
        files = self.directory / "files"
        files.mkdir(parents=True, exist_ok=True)
        for name, content in (
            (".gitignore", "# Automatically created by imbalance-guard.\n*\n"),
            (
                "CACHEDIR.TAG",
                "Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This directory is a cache of imbalance-guard.\n",
            ),
        ):
            marker = self.directory / name
            if not marker.exists():
                self._replace(marker, content)
        self._ready = True

    def _write(self, path: Path, text: str) -> None:
        try:
            self._prepare()
            self._replace(path, text)
        except OSError:  # a read-only checkout, a full disk: the run goes on uncached
            pass

    @staticmethod
    def _replace(path: Path, text: str) -> None:
        """Write ``text`` to ``path`` atomically: a unique temporary file, then a rename."""
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as handle:
                handle.write(text)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise


# -- the run key ----------------------------------------------------------------------


def cache_directory(root: Path, configured: str, explicit: Path | None, cwd: Path) -> Path:
    """``--cache-dir``, else ``IMBALANCE_GUARD_CACHE_DIR``, else ``cache-dir`` (relative to
    the project root), else ``.imbalance_guard_cache`` in the project root."""
    if explicit is not None:
        return explicit if explicit.is_absolute() else cwd / explicit
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR]).absolute()
    if configured:
        return root / configured
    return root / DIRECTORY


def disabled_by_environment() -> bool:
    return os.environ.get(ENV_OFF, "").strip().lower() not in ("", "0", "false", "no")


def run_key(
    config: Any, plugin_versions: Iterable[tuple[str, str]], plugin_modules: Iterable[object]
) -> str:
    """Everything a file's result depends on besides the file: see the module's doc."""
    settings = {section: dict(values) for section, values in config.settings.items()}
    described = {
        "format": FORMAT,
        "version": __version__,
        "python": sys.version,
        "plugins": sorted(plugin_versions),
        "sources": _source_stamps(plugin_modules),
        "root": str(config.root),
        "enabled": sorted(config.enabled_codes),
        "per_file_ignores": {k: list(v) for k, v in config.per_file_ignores.items()},
        "settings": settings,
    }
    return digest(json.dumps(described, sort_keys=True, default=repr).encode("utf-8"))


def _source_stamps(plugins: Iterable[object]) -> list[list[Any]]:
    """(file, size, mtime) of every Python file of each plugin's top-level package."""
    tops: set[str] = set()
    for plugin in plugins:
        module = plugin.__name__ if hasattr(plugin, "__file__") else type(plugin).__module__
        tops.add(module.partition(".")[0])
    stamps: list[list[Any]] = []
    for top in sorted(tops):
        module = sys.modules.get(top)
        where = getattr(module, "__file__", None)
        if not where:
            continue
        folder = os.path.dirname(where)
        if os.path.basename(where) != "__init__.py":  # a single-module plugin
            stat = os.stat(where)
            stamps.append([where, stat.st_size, stat.st_mtime_ns])
            continue
        for directory, subdirs, files in os.walk(folder):
            subdirs[:] = sorted(d for d in subdirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith(".py"):
                    path = os.path.join(directory, name)
                    stat = os.stat(path)
                    stamps.append([path, stat.st_size, stat.st_mtime_ns])
    return stamps
