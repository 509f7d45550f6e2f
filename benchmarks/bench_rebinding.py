"""Time of the code checks on generated programs that re-bind the same names.

Notebooks re-run the same cell shape (load, split, resample, fit, score) with the
same variable names, and exported notebooks or generated scripts repeat it
thousands of times. An analysis that looks at every use of a name for every
binding of it is quadratic there (IG202 once took 71 s on 8,000 lines and never
finished 50,000). This prints, per size, the time of a bare ``ast.parse`` (the
floor), of all enabled code rules on the parsed unit, and their time per
1,000 lines, which stays flat when the checks are linear::

    python benchmarks/bench_rebinding.py [--lines 1000,2000,4000,8000,50000]
"""

from __future__ import annotations

import argparse
import ast
import gc
import time

from imbalance_guard.code.unit import CodeUnit
from imbalance_guard.config import Config
from imbalance_guard.discover import Target
from imbalance_guard.run import build_run
from imbalance_guard.runner import Runner

HEADER = """\
import pandas as pd
from imblearn.over_sampling import SMOTE, RandomOverSampler
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import KFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline
"""

CELL = """\
df = pd.read_csv("data.csv")
X = df.drop(columns=["label"])
y = df["label"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
X_train, X_val, y_train, y_val = train_test_split(X_train, y_train, test_size=0.1)
X_res, y_res = SMOTE().fit_resample(X_train, y_train)
clf = LogisticRegression()
clf.fit(X_res, y_res)
pred = clf.predict(X_test)
print(accuracy_score(y_test, pred))
kf = KFold(n_splits=5, shuffle=True)
scores = cross_val_score(clf, X, y, cv=kf, scoring="accuracy")
for tr, te in kf.split(X):
    clf.fit(X.iloc[tr], y.iloc[tr])
pipe = Pipeline([("s", RandomOverSampler()), ("m", clf)])
"""


def program(lines: int) -> str:
    """About ``lines`` lines: the header, then the cell repeated."""
    cells = max(1, (lines - HEADER.count("\n")) // CELL.count("\n"))
    return HEADER + CELL * cells


def make_runner() -> Runner:
    return build_run(config=Config(), load_entry_points=False).runner(cache=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", default="1000,2000,4000,8000,50000")
    args = parser.parse_args(argv)
    runner = make_runner()
    print(f"{'lines':>7} {'parse s':>8} {'check s':>8} {'check s / 1k lines':>19} {'findings':>9}")
    for size in (int(n) for n in args.lines.split(",")):
        source = program(size)
        gc.collect()
        start = time.perf_counter()
        ast.parse(source)
        parse = time.perf_counter() - start
        unit = CodeUnit("generated.py", source, "python", raw_text=source)
        start = time.perf_counter()
        outcome = runner.lint_unit(Target(None, "generated.py", "python"), unit)  # type: ignore[arg-type]
        check = time.perf_counter() - start
        lines = source.count("\n")
        print(
            f"{lines:>7} {parse:>8.2f} {check:>8.2f} {check / lines * 1000:>19.3f} "
            f"{len(outcome.findings):>9}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
