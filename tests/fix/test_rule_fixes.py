"""Round trips of the metric rules' fixes over the labeled corpus (tests/corpus/metrics).

Which findings of a case offer a fix is labeled in the case (``# expect: IG202 fix``),
not learned from a run: a rule that stops offering a fix fails here. For every case:
``--diff`` writes nothing; ``--unsafe-fixes`` leaves a file that
parses, has no fixable IG2xx finding left, and differs from the original only on
the lines the fixes' edits point at (notebooks: only in the edited cells'
sources; outputs, metadata and formatting are kept byte for byte).
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest
from corpus_support import fixable as labeled_fixable

from imbalance_guard.fix.documents import Document

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "metrics"
CASES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".py", ".ipynb"))


def _check_json(run_cli, name: str) -> list[dict]:
    result = run_cli("check", "--select", "IG2", "--output-format", "json", name)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def _edited_lines(findings: list[dict]) -> set[tuple[int | None, int]]:
    lines = set()
    for finding in findings:
        for edit in (finding["fix"] or {}).get("edits", []):
            first, last = edit["location"]["row"], edit["end_location"]["row"]
            lines.update((edit["cell"], n) for n in range(first, last + 1))
            if edit["location"] == edit["end_location"] and edit["location"]["column"] == 1:
                # text inserted at the start of a line (an import in a file without any):
                # the diff sees new lines right after the line before
                lines.add((edit["cell"], first - 1))
    return lines


def _changed_lines(old: str, new: str) -> set[int]:
    """1-based lines of ``old`` replaced, deleted, or with new lines right after them."""
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    changed = set()
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            changed.update(range(i1 + 1, i2 + 1))
        elif tag == "insert":
            changed.add(max(i1, 1))  # inserted after line i1 (before line 1: at line 1)
    return changed


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_fix_round_trip(case, project, run_cli):
    path = project / case.name
    path.write_bytes(case.read_bytes())
    before = _check_json(run_cli, case.name)
    fixable = [f for f in before if f["fix"]]
    offered = {(case.name, f["cell"], f["location"]["row"], f["code"]) for f in fixable}
    assert offered == labeled_fixable(case), "findings with a fix differ from the labels"

    diff = run_cli("check", "--select", "IG2", "--diff", "--unsafe-fixes", case.name)
    assert path.read_bytes() == case.read_bytes()
    assert diff.exit_code == (1 if fixable else 0), diff.output

    result = run_cli("check", "--select", "IG2", "--unsafe-fixes", case.name)
    assert "warning" not in result.output, result.output
    after = _check_json(run_cli, case.name)
    assert not [f for f in after if f["fix"]], after
    if not fixable:
        assert path.read_bytes() == case.read_bytes()
        return
    assert "Fixed" in result.output

    kind = "notebook" if case.suffix == ".ipynb" else "python"
    old_doc = Document.from_bytes(case.read_bytes(), kind)
    new_doc = Document.from_bytes(path.read_bytes(), kind)
    new_doc.unit(case.name)  # parses
    edited = _edited_lines(fixable)
    for part, old_text in old_doc.parts.items():
        changed = _changed_lines(old_text, new_doc.parts[part])
        assert {(part, n) for n in changed} <= edited, (part, changed, edited)
    if kind == "notebook":
        old_json, new_json = json.loads(case.read_text()), json.loads(path.read_text())
        for cell in (*old_json["cells"], *new_json["cells"]):
            cell.pop("source")
        assert old_json == new_json
        # formatting: the text outside the edited cells' sources is identical
        old_lines = case.read_text().splitlines()
        new_lines = path.read_text().splitlines()
        matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                assert all('"' in line for line in old_lines[i1:i2] + new_lines[j1:j2])


def test_every_fixable_finding_of_the_corpus_is_fixed_in_one_run(project, run_cli):
    for case in CASES:
        (project / case.name).write_bytes(case.read_bytes())
    before = [f for f in _check_json(run_cli, ".") if f["fix"]]
    result = run_cli("check", "--select", "IG2", "--unsafe-fixes", ".")
    [count] = [
        int(line.split()[1]) for line in result.output.splitlines() if line.startswith("Fixed")
    ]
    # one fix per finding, except several accuracy entries of one scoring list: one fix
    assert len({f["filename"] for f in before}) <= count <= len(before)
    assert not [f for f in _check_json(run_cli, ".") if f["fix"]]
