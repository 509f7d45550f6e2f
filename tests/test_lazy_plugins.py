"""Built-in plugins that are imported only when needed (``plugins.LAZY_PLUGINS``).

The dataset readers load on the first dataset, an output format when it renders: a
pre-commit run on one ``.py`` file imports neither. The stand-ins must behave exactly
like the modules they stand for, so the tables are checked against the modules here.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

from imbalance_guard import hookimpl
from imbalance_guard.plugins import (
    LAZY_FORMATS,
    LAZY_PLUGINS,
    PluginManager,
    builtin_name,
    get_plugin_manager,
)

_MARK = "imbalance_guard_impl"

#: Modules the one-file code path must not import (start-up of a pre-commit hook).
NOT_ON_THE_CODE_PATH = (
    "imbalance_guard.data.read_csv",
    "imbalance_guard.data.read_arrow",
    "imbalance_guard.data.read_jsonl",
    "imbalance_guard.data.reading",
    "imbalance_guard.data.opened",
    "imbalance_guard.data.duck",
    "imbalance_guard.report.sarif",
    "imbalance_guard.report.junit",
    "imbalance_guard.report.gitlab",
    "imbalance_guard.report.github",
    "imbalance_guard.report.json",
)

PROBE = """
import json, sys
from imbalance_guard.cli import main
sys.argv = ["imbalance-guard", "check", *sys.argv[1:]]
try:
    main()
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _probe(cwd, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=cwd, check=False
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("module", sorted(LAZY_PLUGINS))
def test_the_table_lists_exactly_the_hooks_the_module_implements(module):
    real = importlib.import_module(module)
    hooks = {
        name: getattr(value, _MARK)
        for name, value in vars(real).items()
        if callable(value) and hasattr(value, _MARK)
    }
    declared = {hook: dict(options) for hook, options in LAZY_PLUGINS[module].items()}
    # pluggy fills in defaults on registration; compare the options that were set
    assert {h: {k: v for k, v in o.items() if v} for h, o in hooks.items()} == declared


@pytest.mark.parametrize("module", sorted(LAZY_FORMATS))
def test_a_lazy_format_declares_what_its_module_does(module):
    real = importlib.import_module(module)
    assert tuple((f.name, f.description) for f in real.ig_formatters()) == LAZY_FORMATS[module]
    assert "ig_formatters" in LAZY_PLUGINS[module]


def test_every_format_module_is_in_both_tables():
    assert {m for m, hooks in LAZY_PLUGINS.items() if "ig_formatters" in hooks} == set(LAZY_FORMATS)


def test_checking_one_python_file_imports_no_reader_and_no_unused_format(project):
    (project / "train.py").write_text(
        "from imblearn.over_sampling import SMOTE\n"
        "from sklearn.model_selection import train_test_split\n"
        "X_res, y_res = SMOTE().fit_resample(X, y)\n"
        "X_train, X_test, y_train, y_test = train_test_split(X_res, y_res)\n"
        "model.fit(X_train, y_train)\n"
    )
    result = _probe(project, "train.py")
    assert result["code"] == 1
    loaded = set(result["modules"])
    assert sorted(loaded.intersection(NOT_ON_THE_CODE_PATH)) == []
    assert "imbalance_guard.report.text" in loaded  # the format it printed
    # Control: the same probe sees a reader and a format load when they are used.
    (project / "labels.csv").write_text("feature,label\n1,a\n2,b\n3,a\n4,b\n")
    control = _probe(project, "labels.csv", "--output-format", "sarif")
    assert control["code"] in (0, 1)
    assert {"imbalance_guard.data.read_csv", "imbalance_guard.report.sarif"} <= set(
        control["modules"]
    )


def test_a_stand_in_passes_the_real_hook_only_the_arguments_it_names(monkeypatch, tmp_path):
    from imbalance_guard.config import Config
    from imbalance_guard.discover import Target

    pm = get_plugin_manager(load_entry_points=False)
    stand_in = pm.get_plugin("read_jsonl")
    assert type(stand_in).__name__ == "LazyBuiltin"
    seen = []

    def only_target(target):
        seen.append(target)
        return None

    real = importlib.import_module("imbalance_guard.data.read_jsonl")
    monkeypatch.setattr(real, "ig_read_dataset", only_target)
    target = Target(tmp_path / "x.jsonl", "x.jsonl", "dataset", "jsonl")
    [impl] = [i for i in pm.hook.ig_read_dataset.get_hookimpls() if i.plugin_name == "read_jsonl"]
    assert impl.argnames == ("target", "config")  # as the spec: pluggy passes both
    assert impl.function(target, Config()) is None  # positionally, as pluggy calls
    assert impl.function(target=target, config=Config()) is None  # by name, as the runner
    assert seen == [target, target]


def test_a_blocked_lazy_format_is_not_offered(project, run_cli):
    (project / "a.py").write_text("x = 1\n")
    result = run_cli("check", "--disable-plugin", "sarif", "--output-format", "sarif", "a.py")
    assert result.exit_code == 2
    assert run_cli("check", "--output-format", "sarif", "a.py").exit_code == 0


def test_lazy_stand_ins_answer_with_the_modules_options():
    # read_remote is asked first (tryfirst); a lazy reader keeps its own options too.
    pm = PluginManager()
    from imbalance_guard import hookspecs
    from imbalance_guard.plugins import LazyBuiltin

    pm.add_hookspecs(hookspecs)
    pm.register(LazyBuiltin("x.first", {"ig_read_dataset": {"tryfirst": True}}), name="first")

    class Plain:
        @hookimpl
        def ig_read_dataset(self, target):
            return None

    pm.register(Plain(), name="plain")
    impls = pm.hook.ig_read_dataset.get_hookimpls()
    assert [i.plugin_name for i in impls][-1] == "first"  # tryfirst: called first
    assert builtin_name("imbalance_guard.data.read_csv") == "read_csv"


def test_checking_a_file_without_ml_imports_loads_no_analysis(project):
    # Most files a pre-commit hook sees import no machine-learning package: the code
    # rules skip them, and the data-flow analysis is never imported.
    (project / "tool.py").write_text(
        "import json\nimport os\n\nprint(json.load(open(os.environ['CONFIG'])))\n"
    )
    result = _probe(project, "tool.py")
    assert result["code"] == 0
    loaded = set(result["modules"])
    analysis = {
        "imbalance_guard.code.flow",
        "imbalance_guard.code.facts",
        "imbalance_guard.code.metric_facts",
    }
    assert sorted(loaded & analysis) == []
    # Control: a file that imports scikit-learn is analysed, in the same probe.
    (project / "train.py").write_text("from sklearn.metrics import f1_score\nf1_score(y, p)\n")
    assert analysis <= set(_probe(project, "train.py")["modules"])
