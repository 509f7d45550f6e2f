"""Helper modules loaded on first use, so a file without deep learning pays nothing for them.

Every run registers this plugin and imports its rule modules (each declares its ``RULE``),
but only a unit that mentions a framework runs them. The rule modules therefore take their
helpers (``_common``, ``_objects``, ``_metrics``, ``_models``, ``_keras``) through
:func:`lazy_module`: the name is bound at import, the module's code runs when the first
attribute is read. It is the standard library's ``importlib.util.LazyLoader`` recipe.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


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
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)
    return module
