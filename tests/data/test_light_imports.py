"""The dataset plugins load without pandas, pyarrow, numpy or DuckDB: those come with a file."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pandas", "pyarrow", "numpy", "duckdb", "polars", "sklearn", "pandera")

PROBE = """
import json, sys
from imbalance_guard.plugins import collect_rules, get_plugin_manager
pm = get_plugin_manager(load_entry_points=False)
rules = collect_rules(pm)
names = [name for name, _ in pm.list_name_plugin()]
print(json.dumps({"modules": sorted(sys.modules), "plugins": names, "rules": sorted(rules)}))
"""


def test_dataset_plugins_register_without_heavy_imports():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    loaded = {m.split(".")[0] for m in result["modules"]}
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
    for name in ("labels", "read_csv", "read_arrow", "read_jsonl", "ig101_skewed_labels"):
        assert name in result["plugins"]
    assert {"IG101", "IG102", "IG103", "IG104", "IG105"} <= set(result["rules"])


def test_rule_docs_have_the_required_headings():
    from imbalance_guard.rules.data import (
        ig101_skewed_labels,
        ig102_rare_class,
        ig103_single_class,
        ig104_missing_labels,
        ig105_label_not_found,
    )

    for module in (
        ig101_skewed_labels,
        ig102_rare_class,
        ig103_single_class,
        ig104_missing_labels,
        ig105_label_not_found,
    ):
        doc = module.RULE.doc
        assert doc.startswith(f"{module.RULE.code} {module.RULE.name}.")
        for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
            assert heading in doc, (module.RULE.code, heading)
        assert module.RULE.target == "data"
