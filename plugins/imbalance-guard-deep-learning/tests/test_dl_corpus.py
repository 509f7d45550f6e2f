"""Precision and recall of every IGD rule over the labeled corpus of Kaggle-style scripts.

``corpus/bad`` holds PyTorch, Keras and Lightning training code with a mistake on each line
marked ``# error: IGDxxx``; ``corpus/good`` holds the corrected and the look-alike code that
must stay silent. Findings are matched on (file, cell, line, code).

The result of every case (labeled findings produced and missed, unlabeled ones reported)
is recorded in ``corpus_results.json``; a case whose result changes fails its own test,
and per-rule precision and recall may not fall below the recorded floors. After a
deliberate change, rewrite the record (floors only rise) and say why in the commit:

    .venv/bin/python plugins/imbalance-guard-deep-learning/tests/test_dl_corpus.py --update
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from imbalance_guard_deep_learning.plugin import RULE_MODULES

from imbalance_guard.code.unit import load_unit

CODES = [module.RULE.code for module in RULE_MODULES]
CORPUS = Path(__file__).parent / "corpus"
RESULTS = Path(__file__).parent / "corpus_results.json"
MARKER = re.compile(r"#\s*error:\s*([A-Z]+\d+(?:\s*,\s*[A-Z]+\d+)*)")


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in (".py", ".ipynb"))


def expected_findings(path: Path) -> set[tuple[str, int | None, int, str]]:
    """(file, cell, line, code) for every ``# error: CODE`` marker in a corpus file."""
    kind = "notebook" if path.suffix == ".ipynb" else "python"
    unit = load_unit(path, path.name, kind)
    expected = set()
    parts: Iterator[tuple[int | None, str]] = (
        ((cell.index, cell.source) for cell in unit.cells)
        if unit.cells
        else iter([(None, unit.source)])
    )
    for cell, source in parts:
        for number, line in enumerate(source.splitlines(), start=1):
            if match := MARKER.search(line):
                for code in match.group(1).split(","):
                    expected.add((path.name, cell, number, code.strip()))
    return expected


def run_corpus() -> tuple[set, set]:
    """(reported, expected) over the whole corpus, through the real command line."""
    from click.testing import CliRunner

    from imbalance_guard.cli import cli

    result = CliRunner().invoke(
        cli,
        # Files named on the command line are checked even where the project's
        # configuration excludes the corpus (as it does, for its own pre-commit hook).
        ["check", "--select", "IGD", "--output-format", "json", "--exit-zero"]
        + [str(path) for path in corpus_files()],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    reported = {
        (item["filename"].rsplit("/", 1)[-1], item["cell"], item["location"]["row"], item["code"])
        for item in json.loads(result.output)
    }
    expected = set().union(*(expected_findings(path) for path in corpus_files()))
    return reported, expected


def _spell(key: tuple) -> str:
    _, cell, line, code = key
    return f"{code} cell {cell} line {line}" if cell is not None else f"{code} line {line}"


def case_results(reported: set, expected: set) -> dict[str, dict[str, list[str]]]:
    results = {}
    for path in corpus_files():
        got = {f for f in reported if f[0] == path.name}
        want = {f for f in expected if f[0] == path.name}
        results[f"{path.parent.name}/{path.name}"] = {
            "produced": sorted(_spell(k) for k in got & want),
            "missed": sorted(_spell(k) for k in want - got),
            "false_alarms": sorted(_spell(k) for k in got - want),
        }
    return results


def scores(cases: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, float]]:
    """Per-rule precision and recall, derived from the case results alone."""
    table = {}
    for code in CODES:
        hits, missed, alarms = (
            sum(item.split()[0] == code for case in cases.values() for item in case[kind])
            for kind in ("produced", "missed", "false_alarms")
        )
        table[code] = {
            "precision": round(hits / (hits + alarms), 4) if hits + alarms else 1.0,
            "recall": round(hits / (hits + missed), 4) if hits + missed else 1.0,
            "labeled": hits + missed,
        }
    return table


@pytest.fixture(scope="module")
def outcome() -> tuple[set, set]:
    return run_corpus()


@pytest.fixture(scope="module")
def current(outcome) -> dict[str, dict[str, list[str]]]:
    return case_results(*outcome)


RECORDED = json.loads(RESULTS.read_text(encoding="utf-8"))
CASE_NAMES = [f"{p.parent.name}/{p.name}" for p in corpus_files()]


@pytest.mark.parametrize("case", CASE_NAMES)
def test_case_keeps_its_recorded_result(current, case):
    was = RECORDED["cases"].get(case)
    assert was is not None, f"{case} has no recorded result: run this file with --update"
    assert current[case] == was, (
        f"{case} changed: recorded {was}, now {current[case]}; if on purpose, "
        "rerun this file with --update and say why in the commit"
    )


def test_no_record_outlives_its_case():
    assert sorted(set(RECORDED["cases"]) - set(CASE_NAMES)) == []


def test_the_corpus_is_big_enough_and_labels_every_rule(outcome):
    _, expected = outcome
    files = corpus_files()
    bad = [p for p in files if p.parent.name == "bad"]
    good = [p for p in files if p.parent.name == "good"]
    assert len(bad) >= 15 and len(good) >= 15
    per_rule = Counter(code for *_, code in expected)
    assert all(per_rule[code] >= 3 for code in CODES), per_rule
    assert not any(expected_findings(p) for p in good), "good files carry no markers"


@pytest.mark.parametrize("code", CODES)
def test_precision_and_recall_never_fall_below_their_floors(current, code, record_property):
    row, floor = scores(current)[code], RECORDED["floors"][code]
    record_property(
        "corpus-score",
        f"deep-learning {code}: precision {row['precision']:.4f} (floor "
        f"{floor['precision']:.4f}), recall {row['recall']:.4f} (floor {floor['recall']:.4f}), "
        f"{row['labeled']} labeled",
    )
    assert row["precision"] >= floor["precision"], f"{code} precision fell to {row}"
    assert row["recall"] >= floor["recall"], f"{code} recall fell to {row}"


def test_no_finding_in_the_good_files(outcome):
    reported, _ = outcome
    good = {p.name for p in corpus_files() if p.parent.name == "good"}
    assert not [f for f in reported if f[0] in good]


def update() -> None:
    """Rewrite the recorded results; floors only ever rise."""
    cases = case_results(*run_corpus())
    new = scores(cases)
    old = json.loads(RESULTS.read_text(encoding="utf-8"))["floors"] if RESULTS.is_file() else {}
    floors = {
        code: {k: max(row[k], old.get(code, {}).get(k, 0.0)) for k in ("precision", "recall")}
        for code, row in new.items()
    }
    rows = [f"  {json.dumps(name)}: {json.dumps(cases[name], sort_keys=True)}" for name in cases]
    RESULTS.write_text(
        '{\n "floors": '
        + json.dumps(floors, sort_keys=True)
        + ',\n "cases": {\n'
        + ",\n".join(rows)
        + "\n }\n}\n",
        encoding="utf-8",
    )
    for code, row in new.items():
        print(f"{code}: precision {row['precision']:.4f} recall {row['recall']:.4f}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python test_dl_corpus.py --update")
    update()
