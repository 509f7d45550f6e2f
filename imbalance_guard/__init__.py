"""imbalance-guard: lint datasets and training code for class-imbalance mistakes.

The public surface is small on purpose: plugin authors need ``hookimpl`` and the
types in :mod:`imbalance_guard.findings`; everything else is private core.
"""

from __future__ import annotations

import pluggy

__version__ = "0.1.0"

#: Marker for plugin hook implementations: ``@hookimpl def ig_rules(): ...``
hookimpl = pluggy.HookimplMarker("imbalance_guard")

__all__ = ["__version__", "hookimpl"]
