"""Import-alias resolution: local names and dotted chains to qualified names."""

from __future__ import annotations

import ast

import hypothesmith
import pytest
from hypothesis import HealthCheck, Phase, given, settings

from imbalance_guard.code.imports import collect_imports, matches, qualified_name


def resolve(source: str) -> str | None:
    """Qualified name of the func of the last call expression in ``source``."""
    tree = ast.parse(source)
    imports = collect_imports(tree)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    last = max(calls, key=lambda c: (c.lineno, c.col_offset))
    return qualified_name(last.func, imports)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from imblearn.over_sampling import SMOTE as S\nS()", "imblearn.over_sampling.SMOTE"),
        ("from imblearn.over_sampling import SMOTE\nSMOTE()", "imblearn.over_sampling.SMOTE"),
        ("import imblearn.over_sampling as ovs\novs.SMOTE()", "imblearn.over_sampling.SMOTE"),
        ("import imblearn\nimblearn.over_sampling.SMOTE()", "imblearn.over_sampling.SMOTE"),
        (
            "import imblearn.over_sampling\nimblearn.over_sampling.ADASYN()",
            "imblearn.over_sampling.ADASYN",
        ),
        (
            "from sklearn.metrics import accuracy_score as acc\nacc(a, b)",
            "sklearn.metrics.accuracy_score",
        ),
        ("import sklearn.metrics as skm\nskm.f1_score(a, b)", "sklearn.metrics.f1_score"),
        ("from sklearn import metrics\nmetrics.f1_score(a, b)", "sklearn.metrics.f1_score"),
        ("import pandas as pd\npd.concat([a, b])", "pandas.concat"),
        ("def f():\n    import numpy as np\n    return np.hstack(x)", "numpy.hstack"),
        (
            "try:\n    import sklearn as sk\nexcept ImportError:\n    pass\nsk.utils.resample(x)",
            "sklearn.utils.resample",
        ),
        ("from imblearn.over_sampling import *\nSMOTE()", "imblearn.over_sampling.SMOTE"),
        ("from .helpers import balance\nbalance(x)", ".helpers.balance"),
        ("from . import helpers\nhelpers.balance(x)", ".helpers.balance"),
    ],
)
def test_resolves_aliases(source: str, expected: str) -> None:
    assert resolve(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        "SMOTE()",  # never imported
        "from imblearn.over_sampling import *\nprint(x)",  # a builtin is not from the star
        "import numpy as np\nx = np.array(1)\nx.reshape(2)",  # a value, not a module
        "from imblearn.over_sampling import SMOTE\nSMOTE().fit_resample(X, y)",  # call result
        "d = {}\nd['k']()",
    ],
)
def test_unresolved_is_none(source: str) -> None:
    assert resolve(source) is None


def test_later_import_rebinds_the_name() -> None:
    source = "from sklearn.pipeline import Pipeline\nfrom imblearn.pipeline import Pipeline\n"
    assert collect_imports(ast.parse(source)).aliases["Pipeline"] == "imblearn.pipeline.Pipeline"


def test_names_for_lists_local_aliases() -> None:
    imports = collect_imports(ast.parse("from sklearn.pipeline import Pipeline as SkPipe\n"))
    assert imports.names_for("sklearn.pipeline.Pipeline") == ["SkPipe"]


def test_matches_tolerates_private_modules() -> None:
    assert matches("imblearn.over_sampling.SMOTE", "imblearn.over_sampling.SMOTE")
    assert matches("imblearn.over_sampling._smote.base.SMOTE", "imblearn.over_sampling.SMOTE")
    assert not matches("mylib.SMOTE", "imblearn.over_sampling.SMOTE")
    assert not matches(None, "imblearn.over_sampling.SMOTE")
    assert not matches("SMOTE", "imblearn.over_sampling.SMOTE")


def test_unit_exposes_imports(tmp_path) -> None:
    from imbalance_guard.code.unit import load_unit

    path = tmp_path / "a.py"
    path.write_text("import sklearn.metrics as skm\n")
    unit = load_unit(path, "a.py", "python")
    assert unit.imports.qualify(ast.parse("skm.recall_score").body[0].value) == (
        "sklearn.metrics.recall_score"
    )


def _by_walk(tree: ast.AST) -> tuple[list[tuple[str, str]], list[str]]:
    """The import map from every import node of the tree (the slow, obvious way)."""
    from imbalance_guard.code.imports import ImportMap

    found = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    expected = ImportMap()
    for node in sorted(found, key=lambda n: (n.lineno, n.col_offset)):
        expected.add(node)
    return _contents(expected)


def _collected(tree: ast.AST) -> tuple[list[tuple[str, str]], list[str]]:
    return _contents(collect_imports(tree))


def _contents(imports) -> tuple[list[tuple[str, str]], list[str]]:
    # What an import map holds, in order (the map itself may compare by identity).
    return list(imports.aliases.items()), imports.star_modules


NESTED = """\
import a0
def f():
    import a1
    async def g():
        import a2
        async for x in y:
            import a3
        else:
            import a4
        async with z:
            import a5
class C:
    import a6
    def m(self):
        from a7 import n7 as m7
if t:
    import a8
elif u:
    import a9
else:
    from a10 import *
for i in j:
    import a11
else:
    import a12
while k:
    import a13
else:
    import a14
with w:
    import a15
try:
    import a16
except E:
    import a17
else:
    import a18
finally:
    import a19
try:
    import a20
except* E:
    import a21
match v:
    case 1:
        import a22
    case _:
        from a23 import b as c
lambda: __import__("not_a_statement")
"""


def test_imports_are_found_in_every_kind_of_block():
    imports = collect_imports(ast.parse(NESTED))
    assert _contents(imports) == _by_walk(ast.parse(NESTED))
    assert {f"a{n}" for n in range(23) if n not in (7, 10)} <= set(imports.aliases)
    assert imports.aliases["m7"] == "a7.n7" and imports.aliases["c"] == "a23.b"
    assert imports.star_modules == ["a10"]


@pytest.mark.parametrize(
    "module", ["ast", "asyncio/base_events", "concurrent/futures/process", "typing", "inspect"]
)
def test_imports_of_real_modules_agree_with_a_full_walk(module):
    import sysconfig
    from pathlib import Path

    path = Path(sysconfig.get_paths()["stdlib"]) / f"{module}.py"
    tree = ast.parse(path.read_bytes())
    assert _collected(tree) == _by_walk(tree)


@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # generated code may warn when parsed
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[p for p in Phase if p is not Phase.target],
)
@given(hypothesmith.from_grammar())
def test_imports_of_any_module_agree_with_a_full_walk(source: str) -> None:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return  # the grammar allows a few things the compiler rejects
    assert _collected(tree) == _by_walk(tree)
