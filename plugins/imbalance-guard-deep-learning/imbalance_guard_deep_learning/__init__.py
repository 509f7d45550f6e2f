"""imbalance-guard rules for deep-learning training code (PyTorch, Keras, Lightning).

Installed, the package registers itself through the ``imbalance_guard`` entry-point
group under the name ``deep_learning`` (see :mod:`imbalance_guard_deep_learning.plugin`).
It reads the code's syntax tree only: torch, tensorflow, keras and lightning are
never imported, so checking stays as fast as the core's own code rules.
"""

from __future__ import annotations

__version__ = "0.1.0"
