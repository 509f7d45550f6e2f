"""Hermetic runs: configuration discovery never looks above the session's temporary root."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from imbalance_guard.config import CONFIG_ROOT_ENV


@pytest.fixture(scope="session", autouse=True)
def hermetic_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No pyproject.toml outside the temporary folders (the repository's included) applies."""
    root = tmp_path_factory.getbasetemp().resolve()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CONFIG_ROOT_ENV, str(root))
        yield root
