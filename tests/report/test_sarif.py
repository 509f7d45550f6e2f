"""SARIF: valid against the official 2.1.0 schema, and what GitHub code scanning needs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ci_skips import in_ci

from imbalance_guard import __version__
from imbalance_guard.findings import Finding, Location, Rule
from imbalance_guard.report.base import RenderOptions, Report
from imbalance_guard.report.sarif import render

# CI finds the schema in shared/ beside the checkout (../shared/schemas from the repo root).
REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMA = REPO_ROOT / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"


def sarif_of(run_cli, plugins, *args) -> dict:
    result = run_cli("check", "--output-format", "sarif", *args, plugins=plugins)
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)  # warnings go to stderr


def results_by_uri(document: dict) -> dict[str, dict]:
    return {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r
        for r in document["runs"][0]["results"]
    }


@pytest.fixture
def document(ci_project, run_cli, print_plugin, data_plugin) -> dict:
    return sarif_of(run_cli, [print_plugin, data_plugin])


def test_sarif_validates_against_the_official_schema(document):
    assert_valid(document)


def test_a_warning_notification_validates_too(project, run_cli):
    (project / "lookup.tsv").write_text("code\tname\n1\ta\n")  # no label column
    (project / "skewed.csv").write_text("label\n" + "0\n" * 30 + "1\n")
    document = sarif_of(run_cli, None)
    (note,) = document["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "warning" and "lookup.tsv" in note["message"]["text"]
    assert_valid(document)


def assert_valid(document: dict) -> None:
    if not SCHEMA.is_file():
        # CI checks out shared/ beside the repository: there a missing schema is a failure.
        # A user's clone without ../shared still runs the rest of the suite.
        why = f"SARIF 2.1.0 schema not found at {SCHEMA.resolve()} (shared/ absent)"
        if in_ci():
            pytest.fail(why + "; CI must provide it")
        pytest.skip(why)
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_driver_documents_every_rule(document, run_cli, print_plugin, data_plugin):
    run = document["runs"][0]
    assert document["version"] == "2.1.0"
    driver = run["tool"]["driver"]
    assert driver["name"] == "imbalance-guard" and driver["version"] == __version__
    assert driver["informationUri"].startswith("https://")
    listed = run_cli("rules", plugins=[print_plugin, data_plugin]).output.splitlines()[1:]
    assert [r["id"] for r in driver["rules"]] == [line.split()[0] for line in listed]
    xp = next(r for r in driver["rules"] if r["id"] == "XP100")
    assert xp["name"] == "print-call"
    assert xp["shortDescription"]["text"] == "A print call"
    assert xp["fullDescription"]["text"] == "Flags print."
    assert "## Why is this bad?" in xp["help"]["text"]
    assert xp["defaultConfiguration"]["level"] == "error"
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"]


def test_results_carry_rule_level_message_and_region(document):
    run = document["runs"][0]
    results = results_by_uri(document)
    assert set(results) == {"src/train.py", "src/broken.py", "nb.ipynb", "data.csv"}
    train = results["src/train.py"]
    assert train["ruleId"] == "XP100" and train["level"] == "error"
    assert run["tool"]["driver"]["rules"][train["ruleIndex"]]["id"] == "XP100"
    assert train["message"]["text"] == "`print` called\nHelp: Use logging."
    location = train["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert location["region"] == {"startLine": 4, "startColumn": 1, "endLine": 4, "endColumn": 6}
    broken = results["src/broken.py"]
    assert broken["ruleId"] == "IG001"
    assert broken["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")


def test_notebook_results_point_at_the_cell_source_in_the_file(document, ci_project):
    result = results_by_uri(document)["nb.ipynb"]
    region = result["locations"][0]["physicalLocation"]["region"]
    raw = (ci_project / "nb.ipynb").read_text().splitlines()
    flagged = raw[region["startLine"] - 1][region["startColumn"] - 1 : region["endColumn"] - 1]
    assert flagged == "print"
    assert result["properties"] == {"cell": 3, "cellLine": 2, "cellColumn": 1}
    assert result["message"]["text"].startswith("cell 3, line 2: `print` called")


def test_notebook_stored_as_one_string_per_cell(ci_project, run_cli, print_plugin, data_plugin):
    path = ci_project / "nb.ipynb"
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        cell["source"] = "".join(cell["source"])
    path.write_text(json.dumps(nb))  # minified: the whole notebook on one line
    document = sarif_of(run_cli, [print_plugin, data_plugin], "nb.ipynb")
    region = results_by_uri(document)["nb.ipynb"]["locations"][0]["physicalLocation"]["region"]
    text = path.read_text()
    assert region["startLine"] == 1
    assert text[region["startColumn"] - 1 : region["endColumn"] - 1] == "print"


def test_unreadable_notebook_falls_back_to_line_one():
    rule = Rule("XP100", "n", "s", "d")
    finding = Finding("XP100", "m", Location("missing.ipynb", 2, 1, 2, 3, cell=4))
    document = json.loads(render(Report([finding], {"XP100": rule}), RenderOptions()))
    (result,) = document["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert result["properties"]["cell"] == 4


def test_dataset_results_are_on_line_one_with_the_label_column(document):
    result = results_by_uri(document)["data.csv"]
    assert result["ruleId"] == "XD100"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert result["properties"] == {"labelColumn": "label"}


def test_uris_are_relative_to_the_project_root(
    ci_project, run_cli, print_plugin, data_plugin, monkeypatch
):
    monkeypatch.chdir(ci_project / "src")
    document = sarif_of(run_cli, [print_plugin, data_plugin], "train.py")
    assert set(results_by_uri(document)) == {"src/train.py"}
    root = document["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert root == ci_project.resolve().as_uri() + "/"


def test_fingerprints_survive_unrelated_edits(ci_project, run_cli, print_plugin, data_plugin):
    def fingerprint() -> dict:
        doc = sarif_of(run_cli, [print_plugin, data_plugin], "src/train.py")
        return results_by_uri(doc)["src/train.py"]["partialFingerprints"]

    before = fingerprint()
    assert set(before) == {"imbalanceGuard/v1", "primaryLocationLineHash"}
    train = ci_project / "src" / "train.py"
    train.write_text("import sys\n\n\n" + train.read_text().replace("print(x)", "    print(x)"))
    train.write_text(train.read_text().replace("    print(x)", "print(x)"))
    assert fingerprint() == before
    train.write_text(train.read_text().replace("print(x)", "print(x + 1)"))
    assert fingerprint() != before


def test_empty_report_is_still_a_complete_run():
    document = json.loads(render(Report([], {}), RenderOptions()))
    run = document["runs"][0]
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []
    assert document["$schema"].endswith("sarif-2.1.0.json")


def test_uris_are_percent_encoded():
    rule = Rule("XP100", "n", "s", "d")
    finding = Finding("XP100", "m", Location("my dir/a#1%.py", 2, 1, 2, 3))
    document = json.loads(render(Report([finding], {"XP100": rule}), RenderOptions()))
    location = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "my%20dir/a%231%25.py"


def test_a_missing_schema_fails_in_ci_and_skips_on_a_plain_clone(monkeypatch, tmp_path):
    monkeypatch.setitem(globals(), "SCHEMA", tmp_path / "shared" / "absent.json")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must provide it"):
        test_sarif_validates_against_the_official_schema({})
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="shared/ absent"):
        test_sarif_validates_against_the_official_schema({})
