"""Fixtures for the pandera integration: the checks are registered once per session."""

from __future__ import annotations

import pytest

# pandera is a core dependency: if it does not import, these tests must fail and say why,
# not skip the whole folder.


@pytest.fixture(scope="session", autouse=True)
def registered() -> None:
    import imbalance_guard.pandera  # noqa: F401  (the one-line opt-in under test)


SKEWED = ["legit"] * 60 + ["fraud"] * 4  # 15:1, and 4 rows < 6 for SMOTE
BALANCED = ["legit"] * 30 + ["fraud"] * 20
