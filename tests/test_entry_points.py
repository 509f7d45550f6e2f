"""The light entry-point scan finds what importlib.metadata finds, and loads it the same way."""

from __future__ import annotations

import importlib.metadata
import sys
import textwrap

import pytest

from imbalance_guard.entry_points import entry_points
from imbalance_guard.plugins import PluginError, get_plugin_manager, plugin_names


def _dist(site, dirname, entry_points_txt, metadata="Metadata-Version: 2.1\n"):
    info = site / dirname
    info.mkdir(parents=True)
    (info / "entry_points.txt").write_text(textwrap.dedent(entry_points_txt))
    (info / "METADATA").write_text(metadata)
    return info


@pytest.mark.parametrize("group", ["imbalance_guard", "console_scripts", "pytest11"])
def test_the_installed_environment_matches_importlib_metadata(group):
    expected = sorted((ep.name, ep.value) for ep in importlib.metadata.entry_points(group=group))
    assert sorted((ep.name, ep.value) for ep in entry_points(group)) == expected


def test_the_deep_learning_plugin_is_found_with_its_package():
    (point,) = [ep for ep in entry_points("imbalance_guard") if ep.name == "deep_learning"]
    assert point.project == "imbalance-guard-deep-learning"
    assert point.version == importlib.metadata.version("imbalance-guard-deep-learning")


def test_sections_comments_and_shadowed_installs(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    _dist(
        first,
        "demo_pkg-1.0.dist-info",
        """
        [console_scripts]
        demo = demo:main

        # a comment
        [imbalance_guard]
        alpha = demo.plugin
        beta=demo.other:PLUGIN.inner
        """,
        "Metadata-Version: 2.1\nName: demo-pkg\nVersion: 1.0\n\nName: not this one\n",
    )
    _dist(second, "demo_pkg-0.5.dist-info", "[imbalance_guard]\ngamma = old.plugin\n")
    _dist(second, "other.egg-info", "[imbalance_guard]\ndelta = other.plugin\n")
    points = entry_points("imbalance_guard", [str(first), str(second), str(tmp_path / "gone")])
    assert [(p.name, p.value, p.project, p.version) for p in points] == [
        ("alpha", "demo.plugin", "demo-pkg", "1.0"),
        ("beta", "demo.other:PLUGIN.inner", "demo-pkg", "1.0"),
        ("delta", "other.plugin", "other", ""),
    ]


def test_an_attribute_path_is_loaded(tmp_path, monkeypatch):
    package = tmp_path / "pkg_attr_demo.py"
    package.write_text("class Holder:\n    class PLUGIN:\n        pass\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    _dist(tmp_path, "pkg_attr_demo-2.0.dist-info", "[x]\np = pkg_attr_demo:Holder.PLUGIN\n")
    (point,) = entry_points("x", [str(tmp_path)])
    assert point.load() is sys.modules["pkg_attr_demo"].Holder.PLUGIN


def test_a_plugin_that_fails_to_import_is_a_plugin_error(tmp_path, monkeypatch):
    _dist(tmp_path, "broken_plugin-1.0.dist-info", "[imbalance_guard]\nbroken = no_such_mod\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(PluginError, match="cannot load plugin 'broken' \\(no_such_mod\\)"):
        get_plugin_manager()


def test_plugins_lists_where_an_entry_point_plugin_comes_from():
    origins = dict(plugin_names(get_plugin_manager()))
    version = importlib.metadata.version("imbalance-guard-deep-learning")
    assert origins["deep_learning"] == f"imbalance-guard-deep-learning {version}"
    assert origins["text"] == "built-in"


def test_a_blocked_entry_point_is_not_imported(monkeypatch):
    monkeypatch.delitem(sys.modules, "imbalance_guard_deep_learning.plugin", raising=False)
    pm = get_plugin_manager(disabled=["deep_learning"])
    assert pm.get_plugin("deep_learning") is None
    assert "imbalance_guard_deep_learning.plugin" not in sys.modules
