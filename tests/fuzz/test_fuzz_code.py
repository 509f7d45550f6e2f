"""Fuzzing the code rules and ``--fix`` / ``--unsafe-fixes`` with generated programs."""

from __future__ import annotations

import json
import shutil
import tempfile
import warnings
from pathlib import Path

import hypothesmith
import pytest
from fuzz import oracles
from fuzz.harness import (
    check_fix_round_trip,
    check_reports_agree,
    check_without_fix,
    fuzz_settings,
)
from fuzz.programs import CORPUS_PROGRAMS, ml_program
from hypothesis import assume, given
from hypothesis import strategies as st

# Generated programs are full of invalid escapes in strings; the warnings say nothing here.
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")

CORPUS_METRICS = sorted((Path(__file__).resolve().parent.parent / "corpus" / "metrics").glob("*"))
FIX_FLAGS = st.sampled_from(
    [("--fix",), ("--unsafe-fixes",), ("--unsafe-fixes", "--select", "ALL")]
)


def _findings(root: Path, name: str) -> list[dict]:
    run = check_without_fix(["check", "--select", "ALL", "--output-format", "json", name], root)
    return json.loads(run.stdout)


# -- the judges judged --------------------------------------------------------------------------


@pytest.mark.parametrize("case", CORPUS_METRICS, ids=lambda p: p.name)
def test_the_fix_judge_accepts_the_corpus_fixes(case):
    """The judge must not cry wolf: every fix of the labeled corpus is a documented edit."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(case, tmp)
        originals = check_fix_round_trip(["--unsafe-fixes", "--select", "ALL"], tmp)
        for path, old in originals.items():
            new = Path(path.decode()).read_bytes()
            problem = oracles.same_program_modulo_fixes(old, new, notebook=case.suffix == ".ipynb")
            assert problem is None, problem


@pytest.mark.parametrize(
    ("old", "new"),
    [  # the corruption the reliability campaign saw, and a form feed lost from a comment
        (
            b"a = train_test_split(X, y, test_size=0.2)\n",
            b"a = train_tes, stratify=yt_split(X, y, test_size=0.2)\n",
        ),
        (b"# a\x0cb\nx = f(y)\n", b"# ab\nx = f(y)\n"),
        (b"x = f(y)  # keep\n", b"x = f(y, stratify=y)\n"),
    ],
)
def test_the_fix_judge_rejects_corruption(old, new):
    assert oracles.same_program_modulo_fixes(old, new) is not None


def test_the_judges_count_lines_as_python_does():
    text = "a = 1 # \x0c\u2028\x85\rb = f(c)\r\nd = 2\n"
    assert oracles.span_text(text, 2, 5, 2, 6) == "f"
    assert (
        oracles.with_noqa(text, 2, "IG202")
        == "a = 1 # \x0c\u2028\x85\rb = f(c)  # noqa: IG202\r\nd = 2\n"
    )
    assert oracles.with_noqa('s = """\nx\n"""\n', 2, "IG202") is None


# -- generated ML-shaped programs ---------------------------------------------------------------


@fuzz_settings(ci_examples=300)
@given(program=ml_program(), flags=FIX_FLAGS)
def test_ml_programs_fix_round_trip(program, flags):
    """--fix: exit 0/1/2, the fixed file parses, only documented edits, idempotent."""
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "train.py").write_bytes(program)
        preview = check_without_fix(["check", "--diff", *(f for f in flags if f != "--fix")], tmp)
        originals = check_fix_round_trip(flags, tmp)
        # --diff shows a change exactly when --fix makes one, and exits 1 then
        assert bool(preview.stdout.strip()) == bool(originals), preview.describe()
        assert preview.exit_code == (1 if originals else 0), preview.describe()
        for path, old in originals.items():
            new = Path(path.decode()).read_bytes()
            problem = oracles.same_program_modulo_fixes(old, new)
            assert problem is None, problem


@fuzz_settings(ci_examples=200)
@given(program=ml_program(), data=st.data())
def test_ml_programs_locations_and_noqa(program, data):
    """Findings point at their node in Python's line model, and `# noqa: CODE` on that
    line silences exactly that finding."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "train.py").write_bytes(program)
        findings = _findings(root, "train.py")
        try:
            text = oracles._decode(program)
        except (SyntaxError, UnicodeDecodeError, LookupError):
            return
        try:
            nodes = oracles.node_texts(text)
        except (SyntaxError, ValueError):
            return
        for finding in findings:
            start, end = finding["location"], finding["end_location"]
            if finding["code"] == "IG001" or not start["row"] or not end["row"]:
                continue
            where = oracles.span_text(
                text, start["row"], start["column"], end["row"], end["column"]
            )
            assert where in nodes, (finding, where)
        located = [f for f in findings if f["code"] != "IG001" and f["location"]["row"]]
        assume(located)
        chosen = data.draw(st.sampled_from(located))
        row, code = chosen["location"]["row"], chosen["code"]
        silenced = oracles.with_noqa(text, row, code)
        assume(silenced is not None)
        (root / "train.py").write_bytes(silenced.encode("utf-8"))
        after = _findings(root, "train.py")
        left = [f for f in after if f["code"] == code and f["location"]["row"] == row]
        assert not left, (silenced, left)
        others = sorted((f["code"], f["location"]["row"]) for f in findings)
        others = [k for k in others if k != (code, row)]
        remaining = sorted((f["code"], f["location"]["row"]) for f in after)
        assert remaining == others


# -- hypothesmith programs -----------------------------------------------------------------------


@fuzz_settings(ci_examples=150)
@given(
    source=st.one_of(hypothesmith.from_grammar(), hypothesmith.from_node()),
    flags=FIX_FLAGS,
)
def test_hypothesmith_programs_through_every_rule_and_fix(source, flags):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)  # invalid escapes of generated strings
        with tempfile.TemporaryDirectory() as tmp:
            Path(tmp, "gen.py").write_text(source, encoding="utf-8")
            check_without_fix(["check", "--select", "ALL", "gen.py"], tmp)
            check_fix_round_trip(flags, tmp)


@fuzz_settings(ci_examples=40)
@given(case=st.sampled_from(CORPUS_PROGRAMS), program=ml_program())
def test_every_output_format_agrees(case, program):
    """The reporters render the same findings (codes and lines) for real and generated
    programs, and ``--diff`` writes nothing."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(case, tmp)
        Path(tmp, "generated.py").write_bytes(program)
        check_reports_agree(["--select", "ALL"], tmp)
        check_without_fix(["check", "--diff", "--unsafe-fixes"], tmp)
