"""The plugin as users get it: installed, found through its entry point, run by the console script.

The repository's test command (README, quick start) installs this package next to
imbalance-guard, so these tests run the real ``imbalance-guard`` executable in a
subprocess: nothing is registered by hand.
"""

from __future__ import annotations

import json
import os
import subprocess
import sysconfig
from importlib import metadata
from pathlib import Path

import pytest

DIST = "imbalance-guard-deep-learning"
PLUGIN = "deep_learning"
CODES = ("IGD101", "IGD102", "IGD201", "IGD301", "IGD302")

BAD_TRAINING = """\
import torch
from torch import nn

model = nn.Linear(30, 1)
criterion = nn.BCEWithLogitsLoss()
"""


@pytest.fixture(scope="module")
def executable() -> Path:
    try:
        metadata.distribution(DIST)
    except metadata.PackageNotFoundError:
        pytest.fail(
            f"{DIST} is not installed: run the README's test command, which installs "
            "./plugins/imbalance-guard-deep-learning beside imbalance-guard"
        )
    script = Path(sysconfig.get_path("scripts")) / "imbalance-guard"
    assert script.exists(), f"console script missing: {script}"
    return script


def run(executable: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(
        [str(executable), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120
    )


def test_the_entry_point_is_declared_in_the_package_metadata():
    entry_points = metadata.distribution(DIST).entry_points
    (point,) = [ep for ep in entry_points if ep.group == "imbalance_guard"]
    assert point.name == PLUGIN
    assert point.value == "imbalance_guard_deep_learning.plugin"


def test_plugins_and_rules_list_the_installed_plugin(executable, tmp_path):
    plugins = run(executable, "plugins", cwd=tmp_path)
    assert plugins.returncode == 0, plugins.stderr
    version = metadata.version(DIST)
    assert f"{PLUGIN}  ({DIST} {version})" in plugins.stdout.splitlines()

    rules = run(executable, "rules", cwd=tmp_path)
    assert rules.returncode == 0, rules.stderr
    listed = {line.split()[0] for line in rules.stdout.splitlines()[1:] if line.strip()}
    assert set(CODES) <= listed
    assert "IG001" in listed  # beside the built-in rules, not instead of them

    explained = run(executable, "explain", "IGD101", cwd=tmp_path)
    assert explained.returncode == 0
    assert explained.stdout.startswith("# IGD101 unweighted-loss")
    assert "pos_weight=torch.tensor([n_neg / n_pos])" in explained.stdout


def test_check_reports_the_plugins_findings(executable, tmp_path):
    (tmp_path / "train.py").write_text(BAD_TRAINING)
    result = run(executable, "check", "--no-color", "train.py", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "train.py:5:13: IGD101 `nn.BCEWithLogitsLoss()` has no `pos_weight=`" in result.stdout
    assert "pos_weight=torch.tensor([n_neg / n_pos], device=<logits>.device)" in result.stdout

    as_json = run(executable, "check", "--output-format", "json", "train.py", cwd=tmp_path)
    (finding,) = json.loads(as_json.stdout)
    assert (finding["code"], finding["name"]) == ("IGD101", "unweighted-loss")
    assert finding["location"] == {"row": 5, "column": 13}


def test_disable_plugin_on_the_command_line_turns_it_off(executable, tmp_path):
    (tmp_path / "train.py").write_text(BAD_TRAINING)
    result = run(executable, "check", "--disable-plugin", PLUGIN, "train.py", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "IGD" not in result.stdout

    rules = run(executable, "rules", "--disable-plugin", PLUGIN, cwd=tmp_path)
    assert "IGD101" not in rules.stdout and "IG001" in rules.stdout

    # Its codes are gone with it: selecting them is now a usage error, not a silent pass.
    selected = run(
        executable,
        "check",
        "--disable-plugin",
        PLUGIN,
        "--select",
        "IGD1",
        "train.py",
        cwd=tmp_path,
    )
    assert selected.returncode == 2
    assert "unknown rule selector 'IGD1'" in selected.stderr


def test_disable_plugins_in_the_configuration_turns_it_off(executable, tmp_path):
    (tmp_path / "train.py").write_text(BAD_TRAINING)
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.imbalance-guard]\ndisable-plugins = ["{PLUGIN}"]\n'
    )
    result = run(executable, "check", "train.py", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    plugins = run(executable, "plugins", cwd=tmp_path)
    assert PLUGIN not in plugins.stdout


def test_a_noqa_comment_silences_one_finding(executable, tmp_path):
    source = BAD_TRAINING.replace(
        "nn.BCEWithLogitsLoss()", "nn.BCEWithLogitsLoss()  # noqa: IGD101"
    )
    (tmp_path / "train.py").write_text(source)
    result = run(executable, "check", "train.py", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
