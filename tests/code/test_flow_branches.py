"""Differential test of how the data-flow analysis joins branches.

The analysis runs every branch on one journaled environment (undoing the writes of
one branch before the next) instead of copying the whole environment at every
``if``, loop, ``try`` and ``match``, which was quadratic in programs with many names.
The reference below is the copying implementation, the obvious one; on generated
programs with nested branches, deletions, globals and loops both must give the same
facts for every name, sink and resampling.
"""

from __future__ import annotations

import ast

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imbalance_guard.code import flow as F
from imbalance_guard.code.facts import EMPTY, Value, element_of, join
from imbalance_guard.code.imports import collect_imports


class CopyingAnalyser(F._Analyser):
    """The reference: each branch runs on a copy of the environment."""

    def bind(self, name: str, value: Value) -> None:
        scope = self.scope
        (self.module if name in scope.globals_ else scope).env[name] = value

    def _delete(self, stmt: ast.Delete) -> None:
        for target in stmt.targets:
            if isinstance(target, ast.Name):
                self.scope.env.pop(target.id, None)
            else:
                self.ev(target)

    def _join_into(self, envs: list[dict]) -> None:
        merged = dict(envs[0])
        for other in envs[1:]:
            for name, value in other.items():
                mine = merged.get(name)
                if mine is not value:
                    merged[name] = join(mine, value) if mine is not None else value
        self.scope.env = merged

    def _run_from(self, start: dict, body: list[ast.stmt]) -> dict:
        self.scope.env = dict(start)
        self.block(body)
        return self.scope.env

    def _if(self, stmt: ast.If) -> None:
        self.ev(stmt.test)
        start = dict(self.scope.env)
        after_body = self._run_from(start, stmt.body)
        after_else = self._run_from(start, stmt.orelse) if stmt.orelse else start
        self._join_into([after_body, after_else])

    def _for(self, stmt: ast.For | ast.AsyncFor) -> None:
        iterable = self.ev(stmt.iter)
        start = dict(self.scope.env)
        self.assign(stmt.target, element_of(iterable))
        self.block(stmt.body)
        after = self.scope.env
        if stmt.orelse:
            after = self._run_from(after, stmt.orelse)
        self._join_into([start, after])
        if F._runs_at_least_once(stmt.iter, iterable):
            for name in F._bound_names(stmt.target):
                if name in after:
                    self.scope.env[name] = after[name]

    def _while(self, stmt: ast.While) -> None:
        self.ev(stmt.test)
        start = dict(self.scope.env)
        self.block(stmt.body)
        after = self.scope.env
        if stmt.orelse:
            after = self._run_from(after, stmt.orelse)
        self._join_into([start, after])

    def _try(self, stmt: ast.Try) -> None:
        start = dict(self.scope.env)
        self.block(stmt.body)
        after_body = self.scope.env
        outcomes = []
        if stmt.handlers:
            self._join_into([start, after_body])
            could_fail = self.scope.env
            for handler in stmt.handlers:
                self.scope.env = dict(could_fail)
                if handler.type is not None:
                    self.ev(handler.type)
                if handler.name:
                    self.bind(handler.name, EMPTY)
                self.block(handler.body)
                outcomes.append(self.scope.env)
        after_else = self._run_from(after_body, stmt.orelse) if stmt.orelse else after_body
        self._join_into([after_else, *outcomes])
        self.block(stmt.finalbody)

    def _match(self, stmt: ast.Match) -> None:
        subject = self.ev(stmt.subject)
        start = dict(self.scope.env)
        outcomes = [start]
        for case in stmt.cases:
            self.scope.env = dict(start)
            for node in ast.walk(case.pattern):
                name = getattr(node, "name", None)
                if isinstance(name, str):
                    self.bind(name, subject)
            if case.guard is not None:
                self.ev(case.guard)
            self.block(case.body)
            outcomes.append(self.scope.env)
        self._join_into(outcomes)


HEADER = (
    "import pandas as pd\nfrom imblearn.over_sampling import SMOTE\n"
    "from sklearn.model_selection import KFold, train_test_split, cross_val_score\n"
)
NAMES = st.sampled_from(["X", "y", "Xr", "yr", "a", "b", "kf", "m"])
SIMPLE = st.sampled_from(
    [
        "{a} = {b}",
        "{a}, {b} = SMOTE().fit_resample({a}, {b})",
        "{a}, {b}, {c}, {d} = train_test_split({a}, {b})",
        "{a} = pd.read_csv('f.csv')",
        "{a} = KFold(5)",
        "del {a}",
        "{a}.append({b})",
        "cross_val_score(m, {a}, {b}, cv={c})",
        "{a} = g({b})",
    ]
)


@st.composite
def statements(draw, depth: int = 0) -> str:
    names = {key: draw(NAMES) for key in "abcd"}
    kinds = ["simple"] * 3 + (["if", "for", "while", "try", "match", "def"] if depth < 3 else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "simple":
        return draw(SIMPLE).format(**names)

    def body() -> str:
        lines = draw(st.lists(statements(depth + 1), min_size=1, max_size=3))
        return "\n".join("    " + line.replace("\n", "\n    ") for line in lines)

    a, b = names["a"], names["b"]
    if kind == "if":
        text = f"if {a}:\n{body()}"
        return text + (f"\nelse:\n{body()}" if draw(st.booleans()) else "")
    if kind == "for":
        iterable = draw(
            st.sampled_from([b, f"{b}.split({a})", f"enumerate({b}.split({a}))", f"[{a}, {b}]"])
        )
        target = draw(st.sampled_from([a, f"{a}, {b}", f"i, ({a}, {b})"]))
        return f"for {target} in {iterable}:\n{body()}"
    if kind == "while":
        return f"while {a}:\n{body()}" + (f"\nelse:\n{body()}" if draw(st.booleans()) else "")
    if kind == "try":
        text = f"try:\n{body()}"
        for _ in range(draw(st.integers(0, 2))):
            text += f"\nexcept E as {b}:\n{body()}"
        if draw(st.booleans()) and "except" in text:
            text += f"\nelse:\n{body()}"
        if draw(st.booleans()) or "except" not in text:
            text += f"\nfinally:\n{body()}"
        return text
    if kind == "match":
        return f"match {a}:\n    case [{b}]:\n{body().replace(chr(10), chr(10) + '    ')}".replace(
            "\n    case", "\n    case"
        ).replace(f"case [{b}]:\n    ", f"case [{b}]:\n        ", 1)
    return f"def g({a}):\n    global {b}\n{body()}\n    return {a}"


def facts_of(flow: F.Flow) -> tuple:
    env = {name: repr(value) for name, value in flow.env.items()}
    sinks = [(s.kind, s.target, s.target_line, repr(s.value)) for s in flow.sinks]
    resamplings = [(r.sampler, r.node.lineno, repr(r.fact)) for r in flow.resamplings]
    return env, sinks, resamplings


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(statements(), min_size=1, max_size=8))
def test_journaled_branches_match_copied_environments(parts):
    source = HEADER + "\n".join(parts) + "\n"
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return  # e.g. a name both global and a parameter
    imports = collect_imports(tree)
    journaled = F._Analyser(imports, source).run(tree)
    copied = CopyingAnalyser(imports, source).run(tree)
    assert facts_of(journaled) == facts_of(copied)


def test_helpers_calling_helpers_do_not_multiply_their_summaries():
    # Each helper calls the one before twice: summaries that kept every call site's
    # sinks doubled at each level (2**30 here: the analysis ran out of memory).
    lines = [HEADER, "def h0(x):\n    return train_test_split(x)\n"]
    for i in range(1, 31):
        lines.append(f"def h{i}(x):\n    h{i - 1}(x)\n    h{i - 1}(x)\n    return x\n")
    lines.append("h30(X)\n")
    source = "".join(lines)
    tree = ast.parse(source)
    result = F.analyse_tree(tree, collect_imports(tree), source)
    top = [s for s in result.sinks if s.node.lineno == source.count("\n")]
    assert len(top) == 1  # the one split, reached through h30
    assert top[0].kind == "split"
    assert len(result.sinks) < 200
