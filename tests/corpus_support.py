"""Scoring the labeled corpora (tests/corpus/*) and keeping their results as a ratchet.

A case marks each line where a finding is expected with a trailing comment
``# expect: IG301`` (several codes: ``# expect: IG301, IG303``). A code followed by
``fix`` (``# expect: IG202 fix``) says the finding must offer an automatic fix; without
it, the finding must not offer one. In notebooks the marker is in the cell's source and
the position is (cell, line in cell). Files without markers are correct code that must
stay silent.

The result of every case — which labeled findings it produces, which it misses, which
findings it reports that nobody labeled — is recorded in ``tests/corpus/results/``. The
tests compare each case with its record exactly, so any change names the case; the
per-rule precision and recall derived from the results may only go up (their floors are
recorded beside the cases). After a deliberate change, rewrite the records with

    .venv/bin/python tests/corpus_support.py --update

and say in the commit message why the case changed. ``--update`` never lowers a floor:
lowering one is a hand edit of the results file, visible in review.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from imbalance_guard.config import Config
from imbalance_guard.run import build_run

CORPORA = Path(__file__).resolve().parent / "corpus"
RESULTS = CORPORA / "results"
#: Which rules each corpus scores.
CODES = {"leakage": ("IG203", "IG301", "IG302", "IG303"), "metrics": ("IG201", "IG202")}
_CODE = r"[A-Z]+\d+(?:\s+fix)?"
_EXPECT = re.compile(rf"#\s*expect:\s*({_CODE}(?:\s*,\s*{_CODE})*)")

Key = tuple[str, int | None, int, str]  # (file name, cell, line, code)


def case_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.suffix in (".py", ".ipynb"))


def _marks(lines: list[str], name: str, cell: int | None) -> dict[Key, bool]:
    found: dict[Key, bool] = {}
    for number, line in enumerate(lines, start=1):
        match = _EXPECT.search(line)
        if match:
            for item in re.split(r"\s*,\s*", match.group(1)):
                code, _, fix = item.partition(" ")
                found[(name, cell, number, code)] = fix.strip() == "fix"
    return found


def labels(path: Path) -> dict[Key, bool]:
    """Every ``# expect:`` marker of one case file, and whether it says ``fix``."""
    if path.suffix == ".ipynb":
        document = json.loads(path.read_text(encoding="utf-8"))
        marks: dict[Key, bool] = {}
        for index, cell in enumerate(document["cells"], start=1):
            if cell["cell_type"] == "code":
                marks |= _marks("".join(cell["source"]).splitlines(), path.name, index)
        return marks
    return _marks(path.read_text(encoding="utf-8").splitlines(), path.name, None)


def expected(path: Path) -> set[Key]:
    """Every ``# expect:`` marker of one case file."""
    return set(labels(path))


def fixable(path: Path) -> set[Key]:
    """The markers of one case file that say ``fix``."""
    return {key for key, fix in labels(path).items() if fix}


@dataclass(frozen=True)
class CorpusRun:
    """What the built-in plugins reported on a corpus, through the real runner."""

    found: set[Key]
    with_fix: set[Key]  # the findings that offer an automatic fix
    files_checked: list[str]


def run_corpus(paths: list[Path], codes: Iterable[str]) -> CorpusRun:
    codes = tuple(codes)
    run = build_run(config=Config(), load_entry_points=False, select=codes)
    runner = run.runner(cache=False)
    report = runner.run(paths)
    assert not runner.errors, runner.errors
    keyed = [
        ((Path(f.location.path).name, f.location.cell, f.location.line or 0, f.code), f)
        for f in report.findings
        if f.code in codes
    ]
    return CorpusRun(
        found={key for key, _ in keyed},
        with_fix={key for key, finding in keyed if finding.fix is not None},
        files_checked=[Path(name).name for name in report.files_checked],
    )


def reported(paths: list[Path], codes: Iterable[str]) -> set[Key]:
    """What the built-in plugins report for ``codes`` only, through the real runner."""
    return run_corpus(paths, codes).found


def score(want: set[Key], got: set[Key], code: str) -> tuple[float, float, str]:
    """Precision, recall and a listing of the misses and false alarms for one code."""
    want = {k for k in want if k[3] == code}
    got = {k for k in got if k[3] == code}
    hits = len(want & got)
    precision = hits / len(got) if got else 1.0
    recall = hits / len(want) if want else 1.0
    detail = f"\nmissed: {sorted(want - got, key=str)}\nfalse alarms: {sorted(got - want, key=str)}"
    return precision, recall, detail


# -- the ratchet ----------------------------------------------------------------


def _spell(key: Key) -> str:
    _, cell, line, code = key
    return f"{code} cell {cell} line {line}" if cell is not None else f"{code} line {line}"


def case_result(want: set[Key], got: set[Key]) -> dict[str, list[str]]:
    """One case's record: labeled findings produced and missed, unlabeled ones reported."""
    order = sorted  # stable, readable diffs of the results file
    return {
        "produced": order(_spell(k) for k in want & got),
        "missed": order(_spell(k) for k in want - got),
        "false_alarms": order(_spell(k) for k in got - want),
    }


def scores(cases: dict[str, dict[str, list[str]]], codes: Iterable[str]) -> dict[str, dict]:
    """Per-rule precision and recall, derived from the case records alone."""
    table = {}
    for code in codes:

        def count(kind: str, code: str = code) -> int:
            return sum(item.split()[0] == code for case in cases.values() for item in case[kind])

        hits, missed, alarms = count("produced"), count("missed"), count("false_alarms")
        table[code] = {
            "precision": round(hits / (hits + alarms), 4) if hits + alarms else 1.0,
            "recall": round(hits / (hits + missed), 4) if hits + missed else 1.0,
            "labeled": hits + missed,
        }
    return table


def results_path(corpus: str) -> Path:
    return RESULTS / f"{corpus}.json"


def load_results(corpus: str) -> dict:
    return json.loads(results_path(corpus).read_text(encoding="utf-8"))


def current_results(corpus: str) -> dict[str, dict[str, list[str]]]:
    files = case_files(CORPORA / corpus)
    got = run_corpus(files, CODES[corpus]).found
    return {p.name: case_result(expected(p), {k for k in got if k[0] == p.name}) for p in files}


def update(corpus: str) -> None:
    """Rewrite one corpus's records; floors only ever rise."""
    cases = current_results(corpus)
    new = scores(cases, CODES[corpus])
    path = results_path(corpus)
    old = json.loads(path.read_text(encoding="utf-8"))["floors"] if path.is_file() else {}
    floors = {
        code: {
            "precision": max(new[code]["precision"], old.get(code, {}).get("precision", 0.0)),
            "recall": max(new[code]["recall"], old.get(code, {}).get("recall", 0.0)),
        }
        for code in new
    }
    path.parent.mkdir(exist_ok=True)
    # One line per case: a changed case is a one-line diff that names it.
    rows = [f"  {json.dumps(name)}: {json.dumps(cases[name], sort_keys=True)}" for name in cases]
    text = (
        '{\n "floors": '
        + json.dumps(floors, sort_keys=True)
        + ',\n "cases": {\n'
        + ",\n".join(rows)
        + "\n }\n}\n"
    )
    path.write_text(text, encoding="utf-8")
    for code, row in new.items():
        print(f"{corpus} {code}: precision {row['precision']:.4f} recall {row['recall']:.4f}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/corpus_support.py --update")
    for name in CODES:
        update(name)
