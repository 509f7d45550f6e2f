"""The bundled examples are the README's demo: each leaky file is flagged, each clean one is
not. And every README block that can run is run, here or by the test named for it."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from imbalance_guard.cli import cli

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_examples_show_each_mistake_beside_a_clean_counterpart(monkeypatch):
    monkeypatch.chdir(EXAMPLES)
    result = CliRunner().invoke(cli, ["check", "--output-format", "json", "."])
    assert result.exit_code == 1, result.output
    found = {(item["filename"], item["code"]) for item in json.loads(result.output)}
    assert found == {
        ("fraud_leaky.py", "IG301"),
        ("fraud_leaky.py", "IG201"),
        ("churn_accuracy_only.ipynb", "IG201"),
        ("churn_accuracy_only.ipynb", "IG202"),
        ("transactions.csv", "IG101"),
    }
    for clean in ("fraud_clean.py", "churn_clean.ipynb", "customers.csv"):
        assert CliRunner().invoke(cli, ["check", clean]).exit_code == 0, clean


# -- every README block that can run is run ------------------------------------------------

ROOT = EXAMPLES.parent
README = ROOT / "README.md"
_BLOCK = re.compile(r"(?:<!-- ([\w-]+)(?::[^\n]*)? -->\n)?```(\w*)\n(.*?)```", re.S)


@dataclass(frozen=True)
class Block:
    line: int
    lang: str
    marker: str
    text: str

    @property
    def first(self) -> str:
        return self.text.strip().splitlines()[0]


def readme_blocks() -> list[Block]:
    text = README.read_text(encoding="utf-8")
    return [
        Block(text.count("\n", 0, m.start()) + 1, m.group(2), m.group(1) or "", m.group(3))
        for m in _BLOCK.finditer(text)
    ]


#: Blocks run elsewhere, by their marker.
RUN_ELSEWHERE = {
    "test-command": ".ci/run runs it verbatim",
    "spark-test-command": ".ci/run runs it verbatim",
    "pandera-example": "tests/pandera/test_readme.py runs it",
}
#: Blocks that cannot run here, by the start of their first line, and why. Keep it short.
NOT_RUN = {
    "# 1. set up and check the bundled examples": ".ci/run's release check runs "
    "`imbalance-guard check examples/` from the installed wheel, and "
    "test_examples_show_each_mistake_beside_a_clean_counterpart checks the findings",
    "git clone https://github.com/OWNER/imbalance-guard": ".ci/run builds the sdist and wheel "
    "and installs the wheel into a fresh environment",
    "pip install -e '.[remote]'": "needs an object store: tests/remote runs these commands "
    "against a local S3 server and web server",
    "train.py:15:22: IG301": "output for an illustrative file, not shipped",
    "churn.ipynb:cell 5:4:24: IG201": "output for an illustrative notebook, not shipped",
    "train.py:14:1: IG301": "output for an illustrative Keras script; "
    "tests/code/test_fit_validation_and_undersampling.py asserts the message",
    "data/test.csv: IG107": "output for an illustrative pair of files; tests/overlap asserts "
    "the message's counts, share and row numbers",
    "flow = unit.flow": "a fragment of a rule's check function (plugins/README.md has a "
    "whole plugin, tested)",
    "apt-get install -y default-jre-headless": "system packages; .ci/run installs Java itself",
    "python3 -m venv .venv && .venv/bin/pip install -e '.[dev]'": "the development setup: "
    "the test command, which .ci/run runs, is the same install",
    "IG_FUZZ=nightly": "the nightly fuzz run (minutes); CI runs the fuzzers in their CI profile",
}
#: Commands in runnable shell blocks that set things up and are not run here.
SETUP = {"git", "pip"}


def _runner(block: Block) -> str:
    """How a block is run, or why it is not; an unknown block is an error."""
    if block.marker in RUN_ELSEWHERE:
        return RUN_ELSEWHERE[block.marker]
    for start, why in NOT_RUN.items():
        if block.first.startswith(start):
            return why
    if block.lang == "toml":
        return "test_toml_blocks_are_valid_and_configure_a_real_run"
    if block.lang == "yaml":
        return "test_ci_and_hook_blocks"
    if block.lang == "text" and block.first.startswith("examples/"):
        return "test_output_blocks_are_what_the_examples_print"
    if block.lang in ("sh", "console") and all(
        _argv(line)[0] in {"imbalance-guard", *SETUP} for line in _lines(block)
    ):
        return "test_shell_blocks_run"
    raise AssertionError(f"README line {block.line}: no test runs this block: {block.first!r}")


def _lines(block: Block) -> list[str]:
    return [line for line in block.text.splitlines() if _argv(line)]


def _argv(line: str) -> list[str]:
    return shlex.split(line, comments=True)


def test_every_readme_block_is_run_or_says_why_not():
    blocks = readme_blocks()
    assert len(blocks) > 20
    for block in blocks:
        _runner(block)
    stale = [s for s in NOT_RUN if not any(b.first.startswith(s) for b in blocks)]
    assert not stale, f"NOT_RUN names blocks the README no longer has: {stale}"


@pytest.fixture
def demo(tmp_path, monkeypatch) -> Path:
    """The files the README's commands name: the examples, train.py, nb.ipynb, data/."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    shutil.copy(EXAMPLES / "fraud_leaky.py", tmp_path / "train.py")
    shutil.copy(EXAMPLES / "churn_accuracy_only.ipynb", tmp_path / "nb.ipynb")
    (tmp_path / "data").mkdir()
    shutil.copy(EXAMPLES / "transactions.csv", tmp_path / "data" / "transactions.csv")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


#: Exit statuses the README states or implies for a command; any other: 0 or 1.
EXPECTED = {
    "check": 1,
    "check train.py data/": 1,
    "check --select IG3 nb.ipynb": 0,  # the notebook's findings are IG2
    "rules": 0,
    "explain IG301": 0,
    "plugins": 0,
    "check --diff .": 0,  # 1 only when a safe fix would change a file (as ruff); none here
    "check --write-baseline .imbalance-guard-baseline.json": 0,
    "check --baseline .imbalance-guard-baseline.json": 0,  # no new finding since
    "check --disable-plugin deep_learning train.py": 1,
}


def test_shell_blocks_run(demo):
    ran = []
    for block in readme_blocks():
        if _runner(block) != "test_shell_blocks_run":
            continue
        for line in _lines(block):
            argv = _argv(line)
            if argv[0] in SETUP:
                continue
            result = invoke(*argv[1:])
            command = " ".join(argv[1:])
            assert result.exit_code == EXPECTED.get(command, result.exit_code), (line, result)
            assert result.exit_code in (0, 1), (line, result.output)
            assert "error" not in result.stderr, (line, result.stderr)
            ran.append(command)
    assert set(EXPECTED) <= set(ran), set(EXPECTED) - set(ran)
    assert "deep_learning" in invoke("plugins").stdout


def test_output_blocks_are_what_the_examples_print(demo):
    printed = invoke("check", "--no-cache", "examples/").stdout
    blocks = [b for b in readme_blocks() if _runner(b).startswith("test_output_blocks")]
    assert len(blocks) == 2
    for block in blocks:
        for finding in block.text.strip("\n").split("\n\n"):  # one finding each
            assert finding in printed, finding


# What each TOML block configures, seen in a real run: (arguments, expected findings as
# (file, code, label column)).
def test_toml_blocks_are_valid_and_configure_a_real_run(demo):
    try:
        import tomllib
    except ImportError:  # Python 3.10: the same parser, as the package reads configuration
        import tomli as tomllib

    (demo / "data" / "customers_2024.csv").write_text(
        "id,churn\n" + "".join(f"{i},{int(i % 20 == 0)}\n" for i in range(100))
    )
    (demo / "data" / "transactions.parquet").write_bytes(b"")  # named by a glob; IG001
    blocks = [b for b in readme_blocks() if b.lang == "toml"]
    assert len(blocks) >= 4
    for block in blocks:
        settings = tomllib.loads(block.text)  # valid TOML, pasted whole
        assert set(settings) == {"tool"} and set(settings["tool"]) == {"imbalance-guard"}
        (demo / "pyproject.toml").write_text(block.text)
        result = invoke("check", "--output-format", "json", "data/")
        assert result.exit_code == 1, (block.first, result.output)
        found = {(f["filename"], f["code"], f["label_column"]) for f in json.loads(result.stdout)}
        data = settings["tool"]["imbalance-guard"].get("data", {})
        label = data.get("label")
        if isinstance(label, dict):  # globs: the customers file is checked on `churn`
            assert ("data/customers_2024.csv", "IG101", "churn") in found, found
        elif label == "is_fraud":  # the customers file has no is_fraud: IG105
            assert ("data/transactions.csv", "IG101", "is_fraud") in found, found
            assert ("data/customers_2024.csv", "IG105", "is_fraud") in found, found
        else:  # detected by name
            assert ("data/customers_2024.csv", "IG101", "churn") in found, found
        assert "error" not in result.stderr
    # The configuration block's other settings hold too.
    main = next(b for b in blocks if "per-file-ignores" in b.text)
    (demo / "pyproject.toml").write_text(main.text)
    (demo / "tests").mkdir()
    shutil.copy(demo / "train.py", demo / "tests" / "leaky.py")
    assert invoke("check", "tests/").stdout.startswith("All checks passed!")  # "tests/*" = ALL
    assert "deep_learning" not in invoke("plugins").stdout  # disable-plugins


def test_ci_and_hook_blocks(demo):
    import yaml

    hooks = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    blocks = [b for b in readme_blocks() if b.lang == "yaml" and not b.marker]
    assert len(blocks) == 4
    commands = []
    for block in blocks:
        document = yaml.safe_load(block.text)
        for repo in document.get("repos", []):
            assert re.fullmatch(r"[0-9a-f]{40}", repo.get("rev", "0" * 40)), repo  # a commit
            for hook in repo["hooks"]:
                assert hook["id"] in hooks
                assert not hook.get("additional_dependencies", ["@"])[0].endswith("0.1.0")
        for step in document.get("jobs", {}).get("check", {}).get("steps", []):
            commands.append(step.get("run", ""))
        commands += document.get("imbalance-guard", {}).get("script", [])
    runs = [_argv(c) for c in commands if c.startswith("imbalance-guard ")]
    assert len(runs) == 4
    for argv in runs:
        result = invoke(*argv[1:])
        gate = "--exit-zero" not in argv
        assert result.exit_code == (1 if gate else 0), (argv, result.output)
    assert json.loads((demo / "imbalance-guard.sarif").read_text())["version"] == "2.1.0"
    assert json.loads((demo / "gl-code-quality.json").read_text())
    assert (demo / "imbalance-guard.xml").read_text().startswith("<?xml")


def test_the_readme_rules_table_is_what_rules_prints():
    """One source: the rules' own metadata, which `imbalance-guard rules` prints."""
    table = re.findall(
        r"^\| `(IG\d{3})` \| ([a-z-]+) \| (on|off) \| ([a-z]+|—) \| (.+) \|$",
        README.read_text(encoding="utf-8"),
        re.M,
    )
    printed = [
        line.split(None, 4)
        for line in invoke("rules", "--disable-plugin", "deep_learning").stdout.splitlines()[1:]
    ]
    assert [(c, n, d, "—" if f == "-" else f, s) for c, n, d, f, s in printed] == table
