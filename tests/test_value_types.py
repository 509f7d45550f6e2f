"""The values a run passes around keep value semantics: equal by content, hashable, ordered.

Some plumbing classes (a run, a target's outcome, a code unit) are compared by identity to
save start-up time; these are the ones that must not be: findings are de-duplicated in
sets, keyed in dicts (baselines, the cache), sorted and compared across runs.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from imbalance_guard.discover import Target
from imbalance_guard.findings import Edit, Finding, Fix, Location, Rule


def test_findings_are_values():
    def make() -> Finding:
        loc = Location("a.py", 3, 1, 3, 9)
        fix = Fix((Edit(3, 1, 3, 9, "balanced_accuracy_score", original="accuracy_score"),))
        return Finding("IG201", "accuracy only", loc, "use balanced accuracy", fix)

    one, two = make(), make()
    assert one is not two and one == two and hash(one) == hash(two)
    assert len({one, two}) == 1 and {one: 1}[two] == 1
    assert "IG201" in repr(one)  # reporters' debugging and pytest's diffs print them
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.code = "IG202"  # type: ignore[misc]


def test_locations_and_edits_sort_by_position():
    assert sorted([Location("a.py", 9), Location("a.py", 2)]) == [
        Location("a.py", 2),
        Location("a.py", 9),
    ]
    later, earlier = Edit(5, 1, 5, 2, "x"), Edit(1, 1, 1, 2, "y")
    assert sorted([later, earlier]) == [earlier, later]


def test_rules_and_targets_are_values():
    rule = Rule("IG999", "example", "An example", "doc")
    assert rule == Rule("IG999", "example", "An example", "doc")
    assert len({rule, Rule("IG999", "example", "An example", "doc")}) == 1
    target = Target(Path("a.py"), "a.py", "python")
    same = Target(Path("a.py"), "a.py", "python")
    assert target == same and {target: "seen"}[same] == "seen"
