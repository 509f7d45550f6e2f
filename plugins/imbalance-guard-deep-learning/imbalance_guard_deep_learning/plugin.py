"""The entry point: every rule module of this package, registered as one plugin.

pluggy registers one object per entry point, and ``--disable-plugin deep_learning``
should switch off the whole package, so this module answers the hooks for all of its
rule modules. Each rule module is still a complete plugin on its own (``RULE`` plus
``@hookimpl`` functions): a test, or a program embedding imbalance-guard, can register
just one of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType

from imbalance_guard import hookimpl
from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.findings import Finding, Rule
from imbalance_guard_deep_learning._lazy import load_helpers
from imbalance_guard_deep_learning.rules import (
    igd101_unweighted_loss,
    igd102_keras_fit_unweighted,
    igd201_resampled_eval_loader,
    igd301_accuracy_monitor,
    igd302_accuracy_only_logging,
)

#: Words one of which a deep-learning file contains (``import torch``, ``from keras``).
FRAMEWORK_WORDS = ("torch", "keras", "tensorflow", "lightning")

RULE_MODULES: tuple[ModuleType, ...] = (
    igd101_unweighted_loss,
    igd102_keras_fit_unweighted,
    igd201_resampled_eval_loader,
    igd301_accuracy_monitor,
    igd302_accuracy_only_logging,
)


def uses_framework(unit: CodeUnit) -> bool:
    """A substring test: files that never mention a framework are skipped for free, and the
    rules' helper modules (loaded on first use, see ``_lazy``) are never loaded for them."""
    source = unit.source
    return any(word in source for word in FRAMEWORK_WORDS)


@hookimpl
def ig_rules() -> list[Rule]:
    return [module.RULE for module in RULE_MODULES]


@hookimpl
def ig_check_code(unit: CodeUnit, config: Config) -> Sequence[Finding]:
    if not uses_framework(unit):  # most files never mention torch/keras: one substring test
        return []
    load_helpers()
    findings: list[Finding] = []
    for module in RULE_MODULES:
        # The core skips a plugin only when none of its codes is on, and drops findings
        # of disabled codes whatever a plugin returns; with five rules in one plugin,
        # asking here only saves the work of the rules that are off.
        if config.is_enabled(module.RULE.code):
            findings.extend(module.ig_check_code(unit=unit, config=config) or ())
    return findings
