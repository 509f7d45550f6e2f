"""Imbalance handled in a module the checked file imports from its own project counts.

``main.py`` with an unweighted loss, ``data.py`` building the ``WeightedRandomSampler``:
no IGD101, whether the whole project or ``main.py`` alone is checked.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from imbalance_guard_deep_learning import _project, plugin

from imbalance_guard.cli import cli

MAIN = """\
import torch.nn as nn
from data import make_loader

loader = make_loader(X, y)
criterion = nn.CrossEntropyLoss()
"""
DATA = """\
import torch
from torch.utils.data import DataLoader, WeightedRandomSampler


def make_loader(dataset, labels):
    counts = torch.bincount(labels)
    weights = (1.0 / counts.float())[labels]
    sampler = WeightedRandomSampler(weights, num_samples=len(weights))
    return DataLoader(dataset, batch_size=64, sampler=sampler)
"""
PLAIN = """\
from torch.utils.data import DataLoader


def make_loader(dataset, labels):
    return DataLoader(dataset, batch_size=64, shuffle=True)
"""


def check(root: Path, *names: str, cache: bool = False) -> list[tuple[str, int, str]]:
    """Findings of ``names``; with ``cache``, through the installed plugin (a plugin
    registered in-process has no version to key a cache on, so it is never cached)."""
    args = ["check", "--output-format", "json", "--select", "IGD"]
    if not cache:
        args += ["--no-cache", "--disable-plugin", "deep_learning"]
    result = CliRunner().invoke(
        cli, [*args, *names], obj=None if cache else {"plugins": [plugin]}, catch_exceptions=False
    )
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(result.output)
    assert result.exit_code == (1 if findings else 0)
    return sorted(
        (f["filename"].rsplit("/", 1)[-1], f["location"]["row"], f["code"]) for f in findings
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text("")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_sampler_in_the_imported_data_module_counts_alone_and_whole(project: Path) -> None:
    write(project, {"main.py": MAIN, "data.py": DATA})
    assert check(project, "main.py") == []
    assert check(project, ".") == []


def test_an_imported_module_that_handles_nothing_leaves_the_finding(project: Path) -> None:
    write(project, {"main.py": MAIN, "data.py": PLAIN})
    assert check(project, "main.py") == [("main.py", 5, "IGD101")]
    assert check(project, ".") == [("main.py", 5, "IGD101")]


def test_a_module_that_is_not_imported_does_not_count(project: Path) -> None:
    write(project, {"main.py": MAIN.replace("from data import", "from plain import"),
                    "plain.py": PLAIN, "data.py": DATA})  # fmt: skip
    assert check(project, ".") == [("main.py", 5, "IGD101")]


@pytest.mark.parametrize(
    "files",
    [
        # a weighted loss factory, relative import from a package
        {
            "pkg/__init__.py": "",
            "pkg/main.py": MAIN.replace(
                "from data import make_loader", "from .training import build_loss"
            ),
            "pkg/training.py": "import torch.nn as nn\n\n\ndef build_loss(w):\n"
            "    return nn.CrossEntropyLoss(weight=w)\n",
        },
        # ``import custom_dataloader`` balancing the batches with imbalanced-learn
        {
            "main.py": MAIN.replace("from data import make_loader", "import custom_dataloader"),
            "custom_dataloader.py": "from imblearn.under_sampling import RandomUnderSampler\n\n"
            "def balanced(X, y):\n    return RandomUnderSampler().fit_resample(X, y)\n",
        },
        # a dataset class that resamples, two imports away
        {
            "main.py": MAIN.replace("from data import make_loader", "from data import Frames"),
            "data.py": "from sampling import undersample\n\n\nclass Frames:\n"
            "    def __init__(self, y):\n        self.idx = undersample(y)\n",
            "sampling.py": "import numpy as np\n\n\ndef undersample(y):\n"
            "    neg = np.where(y == 0)[0]\n    pos = np.where(y == 1)[0]\n"
            "    keep = np.random.choice(neg, len(pos))\n    return np.concatenate([keep, pos])\n",
        },
        # a balanced batch sampler in a package's submodule: ``from lib import samplers``
        {
            "main.py": MAIN.replace("from data import make_loader", "from lib import samplers"),
            "lib/__init__.py": "",
            "lib/samplers.py": "from torchsampler import ImbalancedDatasetSampler\n\n"
            "def make(ds):\n    return ImbalancedDatasetSampler(ds)\n",
        },
    ],
    ids=["relative-loss-factory", "import-module", "two-deep-dataset-class", "submodule"],
)
def test_every_way_of_handling_imbalance_in_an_imported_module(project: Path, files) -> None:
    write(project, files)
    main = next(name for name in files if name.endswith("main.py"))
    assert check(project, main) == []


def test_an_import_cycle_ends_and_a_handler_across_it_still_counts(project: Path) -> None:
    write(project, {
        "main.py": MAIN.replace("from data import make_loader", "import a"),
        "a.py": "import b\nimport main\n",
        "b.py": "import a\n" + DATA,
    })  # fmt: skip
    assert check(project, "main.py") == []
    write(project, {"b.py": "import a\n" + PLAIN})
    assert check(project, "main.py") == [("main.py", 5, "IGD101")]


def test_handlers_too_many_imports_away_do_not_count(project: Path) -> None:
    chain = {"main.py": MAIN.replace("from data import make_loader", "import m1")}
    for n in range(1, 5):
        chain[f"m{n}.py"] = f"import m{n + 1}\n"
    chain["m5.py"] = DATA
    write(project, chain)
    assert check(project, "main.py") == [("main.py", 5, "IGD101")]


def test_a_broken_or_unreadable_imported_module_is_no_handler_and_no_crash(project: Path) -> None:
    write(project, {"main.py": MAIN, "data.py": "def make_loader(:\n  WeightedRandomSampler(\n"})
    assert check(project, "main.py") == [("main.py", 5, "IGD101")]
    write(project, {"data.py": "\udcff".encode("utf-8", "surrogatepass").decode("latin-1")})
    assert check(project, "main.py") == [("main.py", 5, "IGD101")]


def test_imported_modules_are_never_modified(project: Path) -> None:
    write(project, {"main.py": MAIN, "data.py": DATA})
    before = (project / "data.py").stat().st_mtime_ns, (project / "data.py").read_bytes()
    check(project, "main.py")
    assert ((project / "data.py").stat().st_mtime_ns, (project / "data.py").read_bytes()) == before


def test_editing_the_imported_module_changes_the_cached_verdict(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IMBALANCE_GUARD_CACHE_DIR", str(project / ".cache"))
    monkeypatch.delenv("IMBALANCE_GUARD_NO_CACHE", raising=False)
    # Nothing of ``loaders`` is called: only this plugin reads it (and ``data`` behind it).
    main = MAIN.replace("from data import make_loader", "import loaders").replace(
        "make_loader(X, y)", "loaders.train_loader"
    )
    loaders = "from data import make_loader\n\ntrain_loader = make_loader(ds, y)\n"
    write(project, {"main.py": main, "loaders.py": loaders, "data.py": DATA})
    assert check(project, "main.py", cache=True) == []
    assert list((project / ".cache").rglob("*.json")), "the result was cached"
    assert check(project, "main.py", cache=True) == []  # from the cache
    write(project, {"data.py": PLAIN})
    assert check(project, "main.py", cache=True) == [("main.py", 5, "IGD101")]
    write(project, {"data.py": DATA})
    assert check(project, "main.py", cache=True) == []
    write(project, {"loaders.py": "train_loader = None\n"})  # the module in between
    assert check(project, "main.py", cache=True) == [("main.py", 5, "IGD101")]


LIT_MODEL = """\
import lightning as L
import torchmetrics
from lightning.pytorch.callbacks import ModelCheckpoint
from datamodule import Data


class Lit(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.val_acc = torchmetrics.Accuracy(task="binary")

    def validation_step(self, batch, batch_idx):
        self.log("val_acc", self.val_acc)


checkpoint = ModelCheckpoint(monitor="val_acc")
"""


@pytest.mark.parametrize(
    ("dataset", "expected"),
    [
        ("MNIST", []),
        ("ImageFolder", [("model.py", 13, "IGD302"), ("model.py", 16, "IGD301")]),
    ],
)
def test_accuracy_on_balanced_data_loaded_by_an_imported_datamodule(project, dataset, expected):
    datamodule = (
        f"import lightning as L\nfrom torchvision.datasets import {dataset}\n\n\n"
        f"class Data(L.LightningDataModule):\n    def setup(self, stage=None):\n"
        f"        self.train = {dataset}('.')\n"
    )
    write(project, {"model.py": LIT_MODEL, "datamodule.py": datamodule})
    assert check(project, "model.py") == expected


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edges=st.sets(st.tuples(st.integers(0, 4), st.integers(1, 4)), max_size=10),
    handler=st.integers(1, 4),
)
def test_the_verdict_is_reachability_within_the_bound_alone_or_whole(
    tmp_path_factory: pytest.TempPathFactory, edges: set[tuple[int, int]], handler: int
) -> None:
    """Modules m1..m4 import each other as ``edges`` say (m0 is main.py; cycles allowed);
    the sampler is in ``m{handler}``. IGD101 is silenced exactly when that module is at most
    MAX_DEPTH imports from main.py, checked alone or with the whole project."""
    root = tmp_path_factory.mktemp("graph")
    (root / "pyproject.toml").write_text("")
    imports = {n: sorted(b for a, b in edges if a == n) for n in range(5)}
    for n in range(1, 5):
        body = "".join(f"import m{b}\n" for b in imports[n])
        (root / f"m{n}.py").write_text(body + (DATA if n == handler else ""))
    head = "".join(f"import m{b}\n" for b in imports[0])
    (root / "main.py").write_text(
        head + "import torch.nn as nn\ncriterion = nn.CrossEntropyLoss()\n"
    )
    distance, frontier, seen = 0, [0], {0}
    while frontier and handler not in seen:
        distance += 1
        frontier = [b for a in frontier for b in imports[a] if b not in seen]
        seen.update(frontier)
    reached = handler in seen and distance <= _project.MAX_DEPTH
    line = len(imports[0]) + 2
    expected = [] if reached else [("main.py", line, "IGD101")]
    alone = check(root, str(root / "main.py"))
    whole = [f for f in check(root, str(root)) if f[0] == "main.py"]
    assert alone == whole == expected


def test_a_module_too_large_to_read_handles_nothing(project: Path, monkeypatch) -> None:
    monkeypatch.setattr(_project, "MAX_BYTES", len(DATA) - 1)
    write(project, {"main.py": MAIN, "data.py": DATA})
    assert check(project, "main.py") == [("main.py", 5, "IGD101")]


def test_a_notebook_importing_the_data_module_is_silenced_too(project: Path) -> None:
    cells = [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
              "source": MAIN.splitlines(keepends=True)}]  # fmt: skip
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    write(project, {"train.ipynb": json.dumps(notebook), "data.py": DATA})
    assert check(project, "train.ipynb") == []
    write(project, {"data.py": PLAIN})
    assert check(project, "train.ipynb") == [("train.ipynb", 5, "IGD101")]
