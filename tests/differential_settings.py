"""Hypothesis settings of the differential tests (the readers and the row comparison
against Python's csv and json modules and pyarrow).

Derandomized: the suite sees the same files on every run, so a new engine quirk shows up as
a failure on the commit that brings it, never as a flake. ``IG_DIFFERENTIAL_EXAMPLES=N``
explores N fresh random files per test instead (a longer, nightly run).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

EXPLORE = int(os.environ.get("IG_DIFFERENTIAL_EXAMPLES", "0"))
SETTINGS = settings(
    max_examples=EXPLORE or 60,
    derandomize=not EXPLORE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def more(examples: int) -> settings:
    """SETTINGS with ``examples`` files per run, for a test whose cases meet rarely."""
    return settings(SETTINGS, max_examples=EXPLORE or examples)
