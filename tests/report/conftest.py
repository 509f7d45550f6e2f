"""Fixtures for the output-format tests: a project with a script, a notebook, a broken file
and a dataset, checked with a run-time plugin so the tests do not depend on which built-in
rules exist yet."""

from __future__ import annotations

from pathlib import Path

import pytest

from imbalance_guard import hookimpl
from imbalance_guard.data.profile import DatasetProfile, LabelProfile
from imbalance_guard.findings import Finding, Location, Rule

RARE_DOC = (
    "XD100 rare-yes\n\n## What it does\nFlags a `yes` class under 10 rows.\n\n"
    "## Why is this bad?\nTests need it.\n\n## Example\n```text\nlabel\nyes\n```\n\n"
    "## Use instead\n```text\nmore rows\n```\n"
)


class TinyDataPlugin:
    """Reads ``label`` of a CSV by hand and flags a ``yes`` class under 10 rows."""

    RULE = Rule(
        code="XD100", name="rare-yes", summary="Too few `yes` rows", doc=RARE_DOC, target="data"
    )

    @hookimpl
    def ig_rules(self) -> list[Rule]:
        return [self.RULE]

    @hookimpl
    def ig_read_dataset(self, target):
        if target.format != "csv":
            return None
        lines = target.path.read_text().splitlines()
        values = [row.split(",")[-1] for row in lines[1:]]
        counts = {v: values.count(v) for v in sorted(set(values))}
        label = LabelProfile("label", counts, rows=len(values))
        return DatasetProfile(target.display, "csv", ("x", "label"), (label,))

    @hookimpl
    def ig_check_dataset(self, dataset):
        label = dataset.labels[0]
        if 0 < label.counts.get("yes", 0) < 10:
            return [
                Finding(
                    "XD100",
                    f"only {label.counts['yes']} `yes` rows in `label`",
                    Location(dataset.path, column_name="label"),
                    suggestion="Collect more, or use class weights.",
                )
            ]
        return []


@pytest.fixture
def data_plugin() -> TinyDataPlugin:
    return TinyDataPlugin()


@pytest.fixture
def ci_project(project: Path, notebook) -> Path:
    """Files with known findings for the print plugin (XP100), IG001 and XD100."""
    # Only the test rules and IG001, whatever the built-in rules say about these files.
    (project / "pyproject.toml").write_text(
        '[tool.imbalance-guard]\nselect = ["IG001", "XP", "XD"]\n'
    )
    src = project / "src"
    src.mkdir()
    (src / "train.py").write_text("import os\n\nx = 1\nprint(x)  # first\n")
    (src / "broken.py").write_text("def f(:\n    pass\n")
    notebook(project / "nb.ipynb", [("markdown", "# title\n"), "a = 1\n", "b = 2\nprint(a, b)\n"])
    (project / "data.csv").write_text("x,label\n1,no\n2,no\n3,yes\n")
    (project / "clean.py").write_text("y = 2\n")
    return project
