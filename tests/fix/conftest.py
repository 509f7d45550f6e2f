"""Test plugins whose findings carry fixes, so the engine is tested apart from any rule."""

from __future__ import annotations

import ast

import pytest

from imbalance_guard import hookimpl
from imbalance_guard.findings import Applicability, Edit, Finding, Fix, Rule

_DOC = (
    "{code} {name}\n\n## What it does\nTest.\n\n## Why is this bad?\nTest.\n\n"
    "## Example\n```python\nx\n```\n\n## Use instead\n```python\ny\n```\n"
)


def _rule(code: str, name: str) -> Rule:
    return Rule(code=code, name=name, summary=name, doc=_DOC.format(code=code, name=name))


def _edit(unit, node, content: str) -> Edit:
    loc = unit.location(node)
    return Edit(loc.line, loc.column, loc.end_line, loc.end_column, content, cell=loc.cell)


class RenamePlugin:
    """XF100: a call to ``old(...)`` -> ``new(...)`` (safe); XF200: ``risky(...)`` ->
    ``careful(...)`` plus an import line after the first import (unsafe)."""

    @hookimpl
    def ig_rules(self) -> list[Rule]:
        return [_rule("XF100", "old-call"), _rule("XF200", "risky-call")]

    @hookimpl
    def ig_check_code(self, unit) -> list[Finding]:
        out = []
        first_import = next(
            (n for n in unit.tree.body if isinstance(n, ast.Import | ast.ImportFrom)), None
        )
        for node in ast.walk(unit.tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            loc = unit.location(node.func)
            if node.func.id == "old":
                fix = Fix((_edit(unit, node.func, "new"),), Applicability.SAFE, "use new")
                out.append(Finding("XF100", "`old` called", loc, "Call new.", fix))
            elif node.func.id == "risky":
                edits = [_edit(unit, node.func, "careful")]
                if first_import is not None:
                    end = unit.location(first_import)
                    edits.append(
                        Edit(
                            end.end_line + 1,
                            1,
                            end.end_line + 1,
                            1,
                            "from m import careful\n",
                            cell=end.cell,
                        )
                    )
                fix = Fix(tuple(edits), Applicability.UNSAFE, "use careful")
                out.append(Finding("XF200", "`risky` called", loc, "Call careful.", fix))
        return out


class BreakingPlugin:
    """XF300: ``boom()`` -> a fix that makes the file unparseable."""

    @hookimpl
    def ig_rules(self) -> list[Rule]:
        return [_rule("XF300", "boom-call")]

    @hookimpl
    def ig_check_code(self, unit) -> list[Finding]:
        return [
            Finding(
                "XF300",
                "`boom` called",
                unit.location(node),
                "Don't.",
                Fix((_edit(unit, node, "boom(("),), Applicability.SAFE),
            )
            for node in ast.walk(unit.tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "boom"
        ]


class OverlapPlugin:
    """XF400 and XF401 both rewrite every ``twice(1)`` call; only one can win per pass."""

    @hookimpl
    def ig_rules(self) -> list[Rule]:
        return [_rule("XF400", "twice-a"), _rule("XF401", "twice-b")]

    @hookimpl
    def ig_check_code(self, unit) -> list[Finding]:
        out = []
        for node in ast.walk(unit.tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "twice":
                loc = unit.location(node)
                out.append(Finding("XF400", "a", loc, "", Fix((_edit(unit, node, "once_a()"),))))
                out.append(Finding("XF401", "b", loc, "", Fix((_edit(unit, node, "once_b()"),))))
        return out


@pytest.fixture
def rename() -> RenamePlugin:
    return RenamePlugin()


@pytest.fixture
def breaking() -> BreakingPlugin:
    return BreakingPlugin()


@pytest.fixture
def overlap() -> OverlapPlugin:
    return OverlapPlugin()
