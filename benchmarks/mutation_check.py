"""Does the test suite notice realistic bugs? A fixed list of mutations, one at a time.

Each mutation replaces one exact piece of the product's code with a plausible bug (facts
lost through tuple unpacking, a threshold off by one, a keyword ignored, ``--diff``
writing the file, a row dropped from the class counts, ``# noqa`` suppressing every code,
SARIF fingerprints dropped, IG001 not failing the run, ``cross_val_predict`` forgotten),
in a scratch copy of the repository — the working tree is never changed — and runs the
tests that should catch it. A mutation "survives" when those tests still pass: the table
says which, and the exit status is 1 if any survived.

Not part of CI (it runs the chosen tests once per mutation, a few minutes in all)::

    .venv/bin/python benchmarks/mutation_check.py            # every mutation
    .venv/bin/python benchmarks/mutation_check.py noqa-always-on exit-ig001   # some

When the code a mutation targets is rewritten, the script says "site not found" for it:
update its ``old``/``new`` text below (each must match exactly once).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Copied into the scratch tree besides the tracked files: the C scan built in place.
BUILT = ("*.so", "*.pyd")


@dataclass(frozen=True)
class Mutation:
    name: str
    what: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...]


MUTATIONS = (
    Mutation(
        "unpacking-loses-facts",
        "a value of unknown shape unpacked into names loses its facts",
        "imbalance_guard/code/flow.py",
        "element = element_of(value) if value.elem is not None else Value(value.facts)",
        "element = element_of(value) if value.elem is not None else Value(frozenset())",
        ("tests/test_corpus_ratchet.py", "tests/code"),
    ),
    Mutation(
        "skew-threshold-off-by-one",
        "a class exactly max-imbalance-ratio times below the majority counts as skewed",
        "imbalance_guard/data/advice.py",
        "if majority / c > max_ratio]",
        "if majority / c >= max_ratio]",
        ("tests/data",),
    ),
    Mutation(
        "replace-keyword-ignored",
        "`.sample(..., replace=True)` is not seen as resampling",
        "imbalance_guard/code/flow.py",
        '    if _keyword_true(node, "replace"):',
        "    if False:",
        ("tests/test_corpus_ratchet.py", "tests/code"),
    ),
    Mutation(
        "diff-writes",
        "`--diff` writes the fixed file as well as printing the diff",
        "imbalance_guard/fix/engine.py",
        "        outcome.diff = document.diff(original, display)\n",
        "        outcome.diff = document.diff(original, display)\n"
        "        atomic_write(target.path, document.to_bytes())\n",
        ("tests/fix",),
    ),
    Mutation(
        "class-count-drops-a-row",
        "the class-count aggregation loses one row of the total",
        "imbalance_guard/data/classes.py",
        "rows = sum(ordered.values()) + self.missing",
        "rows = sum(ordered.values()) + self.missing - 1",
        ("tests/data",),
    ),
    Mutation(
        "noqa-always-on",
        "any `# noqa` comment suppresses every code, whatever codes it lists",
        "imbalance_guard/noqa.py",
        "    return not codes or any(code.startswith(c) for c in codes)",
        "    return True",
        ("tests/test_noqa.py", "tests/test_cli.py"),
    ),
    Mutation(
        "sarif-fingerprints-dropped",
        "SARIF results carry no partialFingerprints",
        "imbalance_guard/report/sarif.py",
        '        "partialFingerprints": {\n'
        "            FINGERPRINT_KEY: fingerprint,\n"
        '            "primaryLocationLineHash": fingerprint,\n'
        "        },\n",
        "",
        ("tests/report",),
    ),
    Mutation(
        "exit-zero-for-ig001",
        "a run whose only findings are unreadable inputs (IG001) exits 0",
        "imbalance_guard/cli.py",
        "sys.exit(EXIT_FINDINGS if report.findings and not exit_zero else EXIT_CLEAN)",
        'sys.exit(EXIT_FINDINGS if [f for f in report.findings if f.code != "IG001"]'
        " and not exit_zero else EXIT_CLEAN)",
        ("tests/test_unreadable.py", "tests/test_cli.py", "tests/data/test_bad_input.py"),
    ),
    Mutation(
        "cross-val-predict-forgotten",
        "`cross_val_predict` is dropped from the cross-validation functions",
        "imbalance_guard/code/library.py",
        ' "cross_val_predict",',
        "",
        ("tests/test_corpus_ratchet.py",),
    ),
)


def scratch_copy(into: Path) -> None:
    """The tracked files of the working tree, as they are now, plus built extensions."""
    listed = (
        subprocess.run(
            [
                "git",
                "-C",
                str(ROOT),
                "ls-files",
                "-z",
                "--cached",
                "--others",
                "--exclude-standard",
            ],
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
    for pattern in BUILT:
        for built in (ROOT / "imbalance_guard").rglob(pattern):
            shutil.copy2(built, into / built.relative_to(ROOT))


def environment(tree: Path) -> dict[str, str]:
    env = dict(os.environ)
    # The scratch tree's packages shadow the editable install of the working tree.
    paths = [str(tree), str(tree / "plugins" / "imbalance-guard-deep-learning")]
    env["PYTHONPATH"] = os.pathsep.join([*paths, env.get("PYTHONPATH", "")])
    env.pop("CI", None)
    return env


def run_tests(tree: Path, tests: tuple[str, ...]) -> tuple[int, str]:
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-x",
        "-q",
        "-p",
        "no:cacheprovider",
        "-m",
        "not slow",
        *tests,
    ]
    done = subprocess.run(
        command, cwd=tree, env=environment(tree), capture_output=True, text=True, check=False
    )
    failed = [line for line in done.stdout.splitlines() if line.startswith("FAILED")]
    return done.returncode, (failed[0] if failed else done.stdout.strip().splitlines()[-1])


def check_copy_is_used(tree: Path) -> None:
    probe = "import imbalance_guard; print(imbalance_guard.__file__)"
    where = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tree,
        env=environment(tree),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not Path(where).resolve().is_relative_to(tree.resolve()):
        sys.exit(f"the scratch copy is not the one imported ({where}); cannot mutate safely")


def main(selected: list[str]) -> int:
    chosen = [m for m in MUTATIONS if not selected or m.name in selected]
    if selected and len(chosen) != len(selected):
        known = ", ".join(m.name for m in MUTATIONS)
        sys.exit(f"unknown mutation in {selected}; known: {known}")
    rows = []
    baselines: dict[tuple[str, ...], int] = {}
    with tempfile.TemporaryDirectory(prefix="ig-mutation-") as folder:
        tree = Path(folder)
        scratch_copy(tree)
        check_copy_is_used(tree)
        for mutation in chosen:
            target = tree / mutation.path
            pristine = target.read_text(encoding="utf-8")
            if pristine.count(mutation.old) != 1:
                rows.append((mutation, "site not found", "update the mutation's old text", 0.0))
                continue
            if mutation.tests not in baselines:  # the unmutated tests must pass first
                baselines[mutation.tests] = run_tests(tree, mutation.tests)[0]
            status = baselines[mutation.tests]
            if status != 0:
                rows.append((mutation, "broken baseline", f"tests fail unmutated ({status})", 0))
                continue
            target.write_text(pristine.replace(mutation.old, mutation.new), encoding="utf-8")
            started = time.monotonic()
            try:
                status, detail = run_tests(tree, mutation.tests)
            finally:
                target.write_text(pristine, encoding="utf-8")
            verdict = "caught" if status == 1 else "SURVIVED" if status == 0 else f"error {status}"
            rows.append((mutation, verdict, detail, time.monotonic() - started))
    width = max(len(m.name) for m, *_ in rows)
    print(f"{'mutation':<{width}}  {'result':<8}  first failing test (or why)")
    for mutation, verdict, detail, _ in rows:
        print(f"{mutation.name:<{width}}  {verdict:<8}  {detail}")
    survived = [m.name for m, verdict, *_ in rows if verdict != "caught"]
    print(f"\n{len(rows) - len(survived)} of {len(rows)} mutations caught", end="")
    print(f"; not caught: {', '.join(survived)}" if survived else "")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
