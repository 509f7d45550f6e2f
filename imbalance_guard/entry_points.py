"""Third-party plugins declared in installed packages' metadata, found without
``importlib.metadata``.

Importing ``importlib.metadata`` (email parsing, zipfile, ...) and building its
distribution objects costs about 60 ms, a fifth of a whole run on a small repository. This
scan lists the ``*.dist-info`` and ``*.egg-info`` directories on ``sys.path``, reads only
their ``entry_points.txt``, and opens ``METADATA`` just for the packages that declare a
plugin, to name them in ``imbalance-guard plugins``. The result matches
``importlib.metadata.entry_points(group=...)``: the first installation of a package on
``sys.path`` wins, as it does for imports (``tests/test_entry_points.py`` compares them).
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Iterable, Iterator

from imbalance_guard.records import record

_INFO_SUFFIXES = (".dist-info", ".egg-info")


# eq/repr off: an entry point, read once a run, is compared by identity.
@record(frozen=True, eq=False, repr=False)
class EntryPoint:
    name: str  # the plugin's name: ``--disable-plugin NAME``
    value: str  # ``module`` or ``module:attribute.path``
    project: str  # the distribution that declares it, as ``imbalance-guard plugins`` shows
    version: str

    def load(self) -> object:
        module, _, attributes = self.value.partition(":")
        target: object = importlib.import_module(module.strip())
        for attribute in filter(None, attributes.strip().split(".")):
            target = getattr(target, attribute)
        return target


def entry_points(group: str, path: Iterable[str] | None = None) -> list[EntryPoint]:
    """Entry points of ``group`` in the packages installed on ``path`` (``sys.path``)."""
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for info in _info_dirs(sys.path if path is None else path):
        text = _read(os.path.join(info, "entry_points.txt"))
        if text is None:
            continue
        key = _normalize(_named(info)[0])
        if key in seen:
            continue  # shadowed by an earlier installation on the path
        seen.add(key)
        if f"[{group}]" in text:
            name, version = _project(info)
            found.extend(
                EntryPoint(point, value, name, version) for point, value in _section(text, group)
            )
    return found


def _info_dirs(path: Iterable[str]) -> Iterator[str]:
    for entry in path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:  # a missing directory or a zip file on sys.path
            continue
        for name in names:
            if name.endswith(_INFO_SUFFIXES):
                yield os.path.join(entry or ".", name)


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None


def _section(text: str, group: str) -> Iterator[tuple[str, str]]:
    """``name = value`` lines of the ``[group]`` section of an ``entry_points.txt``."""
    inside = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            inside = line == f"[{group}]"
        elif inside and "=" in line:
            name, _, value = line.partition("=")
            yield name.strip(), value.strip()


def _project(info: str) -> tuple[str, str]:
    """Name and version from the package's metadata, else from the directory's name."""
    guessed_name, guessed_version = _named(info)
    metadata = _read(os.path.join(info, "METADATA")) or _read(os.path.join(info, "PKG-INFO"))
    headers = (metadata or "").split("\n\n", 1)[0]  # the description may say "Name:" too
    fields = dict(re.findall(r"^(Name|Version): *(.+?) *$", headers, re.MULTILINE))
    return fields.get("Name", guessed_name), fields.get("Version", guessed_version)


def _named(info: str) -> tuple[str, str]:
    """Name and version as a directory ``name-version.dist-info`` or ``name.egg-info`` says."""
    stem = os.path.basename(info).rsplit(".", 1)[0]
    name, _, version = stem.partition("-")
    return name, version


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
