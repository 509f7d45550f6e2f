"""Fuzzing notebook loading and fixing with mutated and generated notebooks."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from fuzz import oracles
from fuzz.harness import check_fix_round_trip, check_without_fix, fuzz_settings
from fuzz.notebooks import ml_notebook, mutated_notebook
from hypothesis import given
from hypothesis import strategies as st


def _is_json(data: bytes) -> bool:
    for encoding in ("utf-8", "utf-8-sig"):
        try:
            json.loads(data.decode(encoding))
        except (UnicodeDecodeError, ValueError, RecursionError):
            continue
        return True
    return False


@fuzz_settings(ci_examples=400)
@given(data=mutated_notebook(), flags=st.sampled_from([("--fix",), ("--unsafe-fixes",)]))
def test_mutated_notebooks(data, flags):
    """Broken notebooks are IG001 (never an internal error); --fix leaves them alone."""
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "nb.ipynb").write_bytes(data)
        run = check_without_fix(["check", "--select", "ALL", "nb.ipynb"], tmp)
        if not _is_json(data):
            assert run.exit_code == 1 and "IG001" in run.stdout, run.describe()
        check_fix_round_trip(flags, tmp)


@fuzz_settings(ci_examples=300)
@given(data=ml_notebook(), flags=st.sampled_from([("--fix",), ("--unsafe-fixes",)]))
def test_ml_notebooks_fix_round_trip(data, flags):
    """Fixing a notebook keeps it a notebook, edits only what the fixes say, and is idempotent."""
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "nb.ipynb").write_bytes(data)
        check_without_fix(["check", "--select", "ALL", "--output-format", "json", "nb.ipynb"], tmp)
        originals = check_fix_round_trip(flags, tmp)
        for path, old in originals.items():
            new = Path(path.decode()).read_bytes()
            problem = oracles.same_program_modulo_fixes(old, new, notebook=True)
            assert problem is None, problem
            before, after = json.loads(old), json.loads(new)
            for document in (before, after):
                for cell in document["cells"]:
                    cell.pop("source")
            assert before == after  # outputs, metadata, cell types: untouched
