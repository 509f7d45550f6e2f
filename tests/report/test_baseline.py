"""--write-baseline / --baseline: known findings survive lines moving; new ones fail."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from imbalance_guard.findings import Finding, Location
from imbalance_guard.fingerprint import fingerprints
from imbalance_guard.report.base import Report


def test_round_trip_with_lines_inserted_above(ci_project, run_cli, print_plugin, data_plugin):
    plugins = [print_plugin, data_plugin]
    written = run_cli("check", "--write-baseline", "ig-baseline.json", plugins=plugins)
    assert written.exit_code == 0, written.output
    assert "wrote 4 findings to baseline ig-baseline.json" in written.output
    document = json.loads((ci_project / "ig-baseline.json").read_text())
    assert document["tool"] == "imbalance-guard"
    assert sorted((e["code"], e["path"]) for e in document["findings"]) == [
        ("IG001", "src/broken.py"),
        ("XD100", "data.csv"),
        ("XP100", "nb.ipynb"),
        ("XP100", "src/train.py"),
    ]

    train = ci_project / "src" / "train.py"
    train.write_text('"""Docs."""\n\nimport sys\n\n' + train.read_text())
    again = run_cli("check", "--baseline", "ig-baseline.json", plugins=plugins)
    assert again.exit_code == 0, again.output
    assert "Skipped 4 known problems (baseline)." in again.output
    assert "All checks passed!" in again.output

    # A new finding fails, and only it is reported.
    train.write_text(train.read_text() + "print('new')\n")
    new = run_cli(
        "check", "--baseline", "ig-baseline.json", "--output-format", "concise", plugins=plugins
    )
    assert new.exit_code == 1
    assert new.output.splitlines() == [
        "src/train.py:9:1: XP100 `print` called",
        "Skipped 4 known problems (baseline).",
        "Found 1 problem.",
    ]


def test_a_second_identical_line_is_a_new_finding(project, run_cli, print_plugin):
    (project / "a.py").write_text("print(1)\n")
    assert run_cli("check", "--write-baseline", "b.json", plugins=[print_plugin]).exit_code == 0
    (project / "a.py").write_text("print(1)\nprint(1)\n")
    result = run_cli("check", "--baseline", "b.json", plugins=[print_plugin])
    assert result.exit_code == 1
    assert "Skipped 1 known problem (baseline)." in result.output
    assert "Found 1 problem." in result.output


def test_baseline_from_another_directory_matches(
    ci_project, run_cli, print_plugin, data_plugin, monkeypatch
):
    assert (
        run_cli(
            "check", "--write-baseline", "b.json", plugins=[print_plugin, data_plugin]
        ).exit_code
        == 0
    )
    monkeypatch.chdir(ci_project / "src")
    result = run_cli(
        "check", "train.py", "--baseline", "../b.json", plugins=[print_plugin, data_plugin]
    )
    assert result.exit_code == 0, result.output
    assert "Skipped 1 known problem (baseline)." in result.output


def test_missing_and_corrupt_baselines_are_usage_errors(project, run_cli):
    (project / "a.py").write_text("x = 1\n")
    missing = run_cli("check", "--baseline", "nope.json")
    assert missing.exit_code == 2
    assert "baseline file nope.json does not exist" in missing.output
    assert "--write-baseline nope.json" in missing.output
    (project / "bad.json").write_text("{not json")
    corrupt = run_cli("check", "--baseline", "bad.json")
    assert corrupt.exit_code == 2
    assert "baseline bad.json is not valid JSON" in corrupt.output
    (project / "other.json").write_text('{"findings": []}')
    assert (
        "is not an imbalance-guard baseline" in run_cli("check", "--baseline", "other.json").output
    )
    (project / "wrong.json").write_text(
        '{"tool": "imbalance-guard", "version": 1, "findings": [{"code": "IG001"}]}'
    )
    wrong = run_cli("check", "--baseline", "wrong.json")
    assert wrong.exit_code == 2 and "'fingerprint' string" in wrong.output
    for result in (missing, corrupt, wrong):
        assert "Traceback" not in result.output


def test_write_baseline_to_an_unwritable_place_is_a_usage_error(project, run_cli):
    (project / "a.py").write_text("x = 1\n")
    result = run_cli("check", "--write-baseline", "no/such/dir/b.json")
    assert result.exit_code == 2
    assert "cannot write baseline no/such/dir/b.json" in result.output


def _report(lines: list[str], root: Path) -> Report:
    findings = [
        Finding("XP100", "m", Location("a.py", n, 1))
        for n, text in enumerate(lines, start=1)
        if "print" in text
    ]
    return Report(findings, {}, sources={("a.py", None): lines}, root=str(root))


code_lines = st.lists(
    st.sampled_from(["x = 1", "print(x)", "print(y)", "", "  print(x)"]), max_size=8
)


@settings(max_examples=60, deadline=None)
@given(
    body=code_lines, prefix=st.lists(st.sampled_from(["import os", "", "# c", "z = 3"]), max_size=5)
)
def test_fingerprints_do_not_depend_on_lines_above(tmp_path_factory, body, prefix):
    root = tmp_path_factory.getbasetemp()
    before = fingerprints(_report(body, root))
    after = fingerprints(_report(prefix + body, root))
    assert before == after
    assert len(set(before)) == len(before)  # repeated lines stay distinct findings
