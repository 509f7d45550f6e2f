"""Paths and reports owned once: discovery computes each file's root-relative path, the
core owns the report, and the fix engine does not depend on the runner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from imbalance_guard.discover import Target, discover, root_relative
from imbalance_guard.findings import Finding, Location
from imbalance_guard.fingerprint import fingerprints
from imbalance_guard.results import Report


def targets(paths, cwd: Path, root: Path) -> dict[str, Target]:
    return {t.display: t for t in discover(paths, [], cwd, root) if isinstance(t, Target)}


def test_discovery_gives_each_target_its_root_relative_path(tmp_path, monkeypatch):
    root = tmp_path / "proj"
    (root / "src" / "pkg").mkdir(parents=True)
    (root / "src" / "pkg" / "train.py").write_text("x = 1\n")
    (root / "data.csv").write_text("y\n1\n")
    (root / "link.py").symlink_to(root / "src" / "pkg" / "train.py")
    outside = tmp_path / "elsewhere.py"
    outside.write_text("x = 1\n")
    cwd = root / "src"
    monkeypatch.chdir(cwd)
    found = targets([Path("."), Path("../data.csv"), Path("../link.py"), outside], cwd, root)
    assert found["pkg/train.py"].relative == "src/pkg/train.py"
    assert found["../data.csv"].relative == "data.csv"  # display keeps the user's view
    assert found["../link.py"].relative == "src/pkg/train.py"  # links resolved, as before
    assert found[outside.as_posix()].relative == outside.as_posix()  # outside: as shown


def test_root_relative_matches_the_old_resolve_recipe(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.py").write_text("")
    for path in ("a/b.py", "./a/../a/b.py", str(tmp_path / "a" / "b.py")):
        absolute = Path(path) if Path(path).is_absolute() else tmp_path / path
        expected = absolute.resolve().relative_to(tmp_path.resolve()).as_posix()
        assert root_relative(path, tmp_path, tmp_path) == expected
    assert root_relative("../x.py", tmp_path / "a", tmp_path / "a") == "../x.py"


def test_reports_use_the_paths_discovery_computed(tmp_path):
    finding = Finding("IG301", "m", Location("shown/as/this.py", 1, 1))
    report = Report(
        [finding], {}, root=str(tmp_path), relative={"shown/as/this.py": "really/here.py"}
    )
    assert report.relative_path("shown/as/this.py") == "really/here.py"
    moved = Report([finding], {}, root=str(tmp_path), relative={"shown/as/this.py": "x.py"})
    assert fingerprints(report) != fingerprints(moved)


def test_check_reports_root_relative_paths_from_a_subfolder(project, run_cli, monkeypatch):
    (project / "pyproject.toml").write_text("[tool.imbalance-guard]\n")
    (project / "sub").mkdir()
    (project / "sub" / "bad.py").write_text("x = (\n")
    monkeypatch.chdir(project / "sub")
    result = run_cli("check", "--output-format", "gitlab", "bad.py")
    assert [item["location"]["path"] for item in json.loads(result.output)] == ["sub/bad.py"]


def test_core_modules_do_not_reach_into_reporters_or_the_runner():
    code = (
        "import sys\n"
        "import imbalance_guard.fingerprint, imbalance_guard.baseline\n"
        "import imbalance_guard.fix.engine\n"
        "print(sorted(m for m in ('imbalance_guard.report.base', 'imbalance_guard.runner')"
        " if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_notebook_positions_travel_with_the_run_not_read_back(
    project, run_cli, notebook, monkeypatch
):
    """SARIF, GitHub and GitLab place notebook findings on the .ipynb lines; the runner
    computes those from the text it read, so the reporters never open the notebook."""
    notebook(
        project / "nb.ipynb",
        [
            ("markdown", "# title"),
            "from imblearn.over_sampling import SMOTE\nX_res, y_res = SMOTE().fit_resample(X, y)",
            "from sklearn.model_selection import train_test_split\n"
            "a, b, c, d = train_test_split(X_res, y_res)\nmodel.fit(a, c)",
        ],
    )
    from imbalance_guard.report import positions

    for name in ("sarif", "github", "gitlab"):
        expected = run_cli("check", "nb.ipynb", "--no-cache", "--output-format", name).output
        assert "nb.ipynb" in expected
        with monkeypatch.context() as patched:

            def refuse(path, name=name):
                raise AssertionError(f"{name} read {path} again")

            patched.setattr(positions, "read_notebook_lines", refuse)
            for extra in ((), ("--no-cache",)):  # fresh, then from the cache
                got = run_cli("check", "nb.ipynb", *extra, "--output-format", name).output
                assert got == expected, name


def test_each_data_rule_owns_its_verdict_and_the_chart_is_drawn_once(project, run_cli):
    """IG101 and IG102 both fire on a 40:1 column with one minority row; the chart goes
    with the first enabled one, and moves when that rule is off."""
    import importlib

    from imbalance_guard.data.verdicts import CHART_ORDER

    for code, module in CHART_ORDER:
        assert callable(importlib.import_module(module).verdict), code
    (project / "d.csv").write_text("label\n" + "a\n" * 40 + "b\n")
    found = json.loads(run_cli("check", "d.csv", "--output-format", "json").output)
    charts = {f["code"]: "chart" in (f["data"] or {}) for f in found}
    assert charts == {"IG101": True, "IG102": False}
    found = json.loads(
        run_cli("check", "d.csv", "--ignore", "IG101", "--output-format", "json").output
    )
    assert {f["code"]: "chart" in (f["data"] or {}) for f in found} == {"IG102": True}


def test_label_globs_match_the_path_discovery_computed(project, run_cli, monkeypatch):
    (project / "pyproject.toml").write_text(
        '[tool.imbalance-guard.data.label]\n"data/*.csv" = "kind"\n'
    )
    (project / "data").mkdir()
    (project / "data" / "x.csv").write_text("kind,label\n" + "a,p\n" * 40 + "b,q\n")
    monkeypatch.chdir(project / "data")  # shown as x.csv, matched as data/x.csv
    found = json.loads(run_cli("check", "x.csv", "--output-format", "json").output)
    assert found and {f["label_column"] for f in found} == {"kind"}
    assert {f["filename"] for f in found} == {"x.csv"}
