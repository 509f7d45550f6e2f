"""Helper modules loaded on first use, so a file without deep learning pays nothing for them.

Every run registers this plugin and imports its rule modules (each declares its ``RULE``),
but only a unit that mentions a framework runs them. The rule modules therefore take their
helpers (``_common``, ``_objects``, ``_metrics``, ``_models``, ``_keras``) through
:func:`lazy_module`: the name is bound at import, the module's code runs when the first
attribute is read. It is the standard library's ``importlib.util.LazyLoader`` recipe.

On Python 3.11 that loader is not thread-safe (later versions give it a lock): two threads
reading a first attribute at once can both run the module, or one can see it half-run. The plugin
therefore runs every helper with :func:`load_helpers`, under a lock, before its rules
read any of them; only then may threads (an editor server, an embedding) share them.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from types import ModuleType

_loading = threading.Lock()
#: Modules :func:`lazy_module` made that have not run yet (the rules take them at import).
_pending: list[ModuleType] = []


def lazy_module(name: str) -> ModuleType:
    """The module ``name``; if it is not imported yet, it executes on first attribute access."""
    module = sys.modules.get(name)
    if module is not None:
        return module
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    _pending.append(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)
    return module


def load_helpers() -> None:
    """Run every module :func:`lazy_module` made, once, under a lock (see the module's
    docstring)."""
    if not _pending:
        return
    with _loading:
        while _pending:
            _ = _pending[-1].__name__  # reading an attribute runs the module
            _pending.pop()
