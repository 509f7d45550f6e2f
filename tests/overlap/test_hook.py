"""The ``ig_check_datasets`` hook: once per run, across the datasets read, for any plugin."""

from __future__ import annotations

from pathlib import Path

from imbalance_guard import hookimpl
from imbalance_guard.findings import Finding, Location, Rule

DOC = (
    "XD900 too-many-files\n\n## What it does\nCounts the datasets.\n\n## Why is this bad?\n"
    "Tests need it.\n\n## Example\nx\n\n## Use instead\ny\n"
)


class CountFiles:
    """Reports, once, how many datasets the run read (a check across files)."""

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[tuple[str, ...]] = []
        self.fail = fail

    @hookimpl
    def ig_rules(self) -> list[Rule]:
        return [Rule("XD900", "too-many-files", "Many datasets", DOC, target="data")]

    @hookimpl
    def ig_check_datasets(self, datasets) -> list[Finding]:
        self.calls.append(tuple(t.display for t in datasets))
        if self.fail:
            raise RuntimeError("boom")
        first = datasets[0].display
        return [Finding("XD900", f"{len(datasets)} datasets", Location(first))]


def test_called_once_with_the_datasets_read(project: Path, run_cli) -> None:
    (project / "a.csv").write_text("x,label\n1,0\n2,1\n")
    (project / "b.csv").write_text("x,label\n1,0\n2,1\n")
    (project / "broken.csv").write_text("x,label\n1\n")  # IG001: not among them
    (project / "train.py").write_text("x = 1\n")
    plugin = CountFiles()
    result = run_cli("check", ".", "--select", "XD900", "--no-cache", plugins=[plugin])
    assert plugin.calls == [("a.csv", "b.csv")]
    assert result.exit_code == 1
    assert "a.csv: XD900 2 datasets" in result.output


def test_not_called_without_a_dataset(project: Path, run_cli) -> None:
    (project / "train.py").write_text("x = 1\n")
    plugin = CountFiles()
    result = run_cli("check", ".", "--select", "XD900", "--no-cache", plugins=[plugin])
    assert plugin.calls == []
    assert result.exit_code == 0


def test_a_failing_plugin_is_an_error_naming_it(project: Path, run_cli) -> None:
    (project / "a.csv").write_text("x,label\n1,0\n2,1\n")
    result = run_cli(
        "check", ".", "--select", "XD900", "--no-cache", plugins=[CountFiles(fail=True)]
    )
    assert result.exit_code == 2
    assert "datasets: plugin" in result.output and "failed: RuntimeError: boom" in result.output


def test_per_file_ignores_apply_to_the_file_of_the_finding(project: Path, run_cli) -> None:
    (project / "a.csv").write_text("x,label\n1,0\n2,1\n")
    (project / "pyproject.toml").write_text(
        '[tool.imbalance-guard]\nper-file-ignores = {"a.csv" = ["XD9"]}\n'
    )
    result = run_cli("check", ".", "--select", "XD900", "--no-cache", plugins=[CountFiles()])
    assert result.exit_code == 0, result.output
