"""Numeric dataset settings have documented bounds; outside them the run stops with exit 2."""

from __future__ import annotations

import pytest

from tests.data.conftest import labels_of, write_dataset


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("max-classes", "99999999999999999999", "data.max-classes: must be from 2 to 100000"),
        ("max-classes", "1", "data.max-classes: must be from 2 to 100000"),
        ("max-classes", "100001", "data.max-classes: must be from 2 to 100000"),
        ("min-class-count", "0", "data.min-class-count: must be from 1 to 1e+09"),
        ("min-class-count", "10000000000", "data.min-class-count: must be from 1 to 1e+09"),
        ("max-imbalance-ratio", "nan", "data.max-imbalance-ratio: must be from 1 to 1e+09"),
        ("max-imbalance-ratio", "inf", "data.max-imbalance-ratio: must be from 1 to 1e+09"),
        ("max-imbalance-ratio", "0.5", "data.max-imbalance-ratio: must be from 1 to 1e+09"),
        ("max-missing-share", "nan", "data.max-missing-share: must be from 0 to 1"),
        ("max-missing-share", "-0.1", "data.max-missing-share: must be from 0 to 1"),
        ("max-missing-share", "1", "data.max-missing-share: must be a share from 0 up to"),
    ],
)
def test_out_of_bounds_is_exit_2_with_a_message(project, run_cli, key, value, message):
    (project / "pyproject.toml").write_text(f"[tool.imbalance-guard.data]\n{key} = {value}\n")
    write_dataset(project / "d.csv", {"label": labels_of({0: 50, 1: 50})})
    result = run_cli("check", "d.csv")
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("key", "value"),
    [("max-classes", "100000"), ("max-classes", "2"), ("min-class-count", "1000000000")],
)
def test_the_bounds_themselves_are_allowed(project, run_cli, key, value):
    (project / "pyproject.toml").write_text(f"[tool.imbalance-guard.data]\n{key} = {value}\n")
    write_dataset(project / "d.csv", {"label": labels_of({0: 50, 1: 50})})
    result = run_cli("check", "d.csv")
    assert result.exit_code in (0, 1), result.output
