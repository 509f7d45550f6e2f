"""Hypothesis strategies for Python programs the code rules and their fixes act on.

hypothesmith writes valid Python, but almost never a ``train_test_split`` or an
``accuracy_score``, so the rules would stay silent and the fix engine idle. These
strategies splice machine-learning statements (splits, samplers, metrics, CV
splitters, pipelines) into hypothesmith code and into the labeled corpus, and put the
characters that line models disagree on around them: form feeds, vertical tabs,
FS/GS/RS, U+0085, U+2028/U+2029 in comments and strings, CR-only and CRLF line
endings, a BOM, tabs, and a PEP 263 cookie with a non-UTF-8 encoding.
"""

from __future__ import annotations

from pathlib import Path

import hypothesmith
from hypothesis import strategies as st

TESTS = Path(__file__).resolve().parent.parent
CORPUS_PROGRAMS = sorted(
    p for d in ("corpus/metrics", "corpus/leakage") for p in (TESTS / d).glob("*.py")
) + sorted((TESTS.parent / "examples").glob("*.py"))

IMPORTS = [
    "import pandas as pd",
    "import numpy as np",
    "from sklearn.model_selection import train_test_split, KFold, cross_val_score",
    "from sklearn.model_selection import cross_validate, GridSearchCV, ShuffleSplit",
    "from sklearn.metrics import accuracy_score",
    "from sklearn import metrics",
    "from sklearn.linear_model import LogisticRegression",
    "from sklearn.ensemble import RandomForestClassifier",
    "from sklearn.pipeline import Pipeline, make_pipeline",
    "from sklearn.pipeline import Pipeline",
    "from imblearn.over_sampling import SMOTE, RandomOverSampler",
    "from imblearn.under_sampling import RandomUnderSampler",
]

# Statements in the order a training script has them; each a list of lines, indented
# relative to the block they end up in.
STATEMENTS = [
    ['df = pd.read_csv("train.csv")'],
    ['X = df.drop(columns=["label"])', 'y = df["label"]'],
    ["X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)"],
    ["sm = RandomOverSampler()", "X_res, y_res = sm.fit_resample(X, y)"],
    ["X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)"],
    ["X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, test_size=0.25)"],
    ["X_tr, X_val, y_tr, y_val = train_test_split(", "    X, y,", "    test_size=0.2,", ")"],
    ["X_tr, X_val, y_tr, y_val = train_test_split(X, y, stratify=None)"],
    ["clf = LogisticRegression(max_iter=1000)", "clf.fit(X_train, y_train)"],
    ["rf = RandomForestClassifier()", "rf.fit(X_tr, y_tr)"],
    ["preds = clf.predict(X_test)", "print(accuracy_score(y_test, preds))"],
    ["print(metrics.accuracy_score(y_test, clf.predict(X_test)))"],
    ["print(clf.score(X_test, y_test))"],
    ["print(rf.score(X_val, y_val))"],
    ["scores = cross_val_score(clf, X, y, cv=KFold(n_splits=5))"],
    ['scores = cross_val_score(RandomForestClassifier(), X, y, cv=5, scoring="accuracy")'],
    ['res = cross_validate(clf, X, y, cv=5, scoring=["accuracy"])'],
    ['pipe = Pipeline([("smote", SMOTE()), ("clf", LogisticRegression())])'],
    ["pipe = make_pipeline(RandomUnderSampler(), LogisticRegression())"],
    ['search = GridSearchCV(pipe, {"clf__C": [0.1, 1.0]}, scoring="accuracy", cv=KFold(3))'],
    ["search.fit(X_train, y_train)"],
    ["kf = KFold(n_splits=5, shuffle=True)", "cross_val_score(clf, X, y, cv=kf)"],
    [
        "for train_idx, test_idx in KFold(5).split(X):",
        "    clf.fit(X.iloc[train_idx], y.iloc[train_idx])",
    ],
    ["X_test_res, y_test_res = SMOTE().fit_resample(X_test, y_test)"],
    ["cv = ShuffleSplit(n_splits=3)", "cross_val_score(clf, X, y, cv=cv)"],
]

#: Characters line models disagree on: Python's tokenizer breaks lines only at \n, \r\n
#: and \r; str.splitlines() also at these.
ODD = ["\x0c", "\x0b", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
ODD_TEXT = st.text(alphabet=st.sampled_from([*ODD, "\t", " ", "a", "é", "#", "'", "€"]), max_size=8)


@st.composite
def odd_line(draw: st.DrawFn, indent: str) -> str:
    """A line that changes no behaviour but moves every later offset in some line model."""
    kind = draw(st.sampled_from(["comment", "string", "formfeed", "blank", "noqa"]))
    if kind == "comment":
        return f"{indent}#{draw(ODD_TEXT)}"
    if kind == "string":
        text = draw(ODD_TEXT).replace("'", "")
        return f"{indent}_note = '{text}'  #{draw(ODD_TEXT)}"
    if kind == "formfeed":
        return "\x0c" * draw(st.integers(1, 2)) + indent + "pass"
    if kind == "noqa":
        return f"{indent}_unused = 1  # noqa: {draw(st.sampled_from(['IG202', 'IG201', 'E501']))}"
    return draw(st.sampled_from(["", "\x0c", "   ", "\t"]))


#: Generating from the grammar costs far more than running the CLI on the result, so a
#: program gets at most one hypothesmith chunk (without hypothesmith's own targeting).
HYPOTHESMITH_CHUNK = hypothesmith.from_grammar(auto_target=False)


BLOCKS = [
    "if True:",
    "def train():",
    "for _fold in range(1):",
    "with open('x') as _fh:",
    "try:",
    "class Experiment:",
]


@st.composite
def statements(draw: st.DrawFn, indent: str) -> list[str]:
    """ML statements (with odd lines around them) indented by ``indent``."""
    lines: list[str] = []
    for statement in draw(st.lists(st.sampled_from(STATEMENTS), min_size=1, max_size=10)):
        if draw(st.booleans()):
            lines.append(draw(odd_line(indent)))
        lines.extend(indent + line for line in statement)
    return lines


@st.composite
def ml_source(draw: st.DrawFn) -> str:
    """An ML-shaped program as text (the newline is ``\\n``; :func:`encode` picks the real one)."""
    lines = list(draw(st.lists(st.sampled_from(IMPORTS), min_size=1, max_size=8, unique=True)))
    parts: list[list[str]] = []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            parts.append(draw(statements("")))
        else:
            header = draw(st.sampled_from(BLOCKS))
            indent = draw(st.sampled_from(["    ", "\t", "  "]))
            block = [header, *draw(statements(indent))]
            if header == "try:":
                block += ["except Exception:", indent + "pass"]
            parts.append(block)
    if draw(st.integers(0, 3)) == 0:
        parts.insert(draw(st.integers(0, len(parts))), draw(HYPOTHESMITH_CHUNK).splitlines())
    for part in parts:
        lines += part
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n", "\n\x0c\n"]))


@st.composite
def corpus_source(draw: st.DrawFn) -> str:
    """A real program of the labeled corpus with odd lines slipped between its lines."""
    path = draw(st.sampled_from(CORPUS_PROGRAMS))
    lines = path.read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(lines)))
        following = lines[at] if at < len(lines) else ""
        indent = following[: len(following) - len(following.lstrip(" \t"))]
        lines.insert(at, draw(odd_line(indent)))
    return "\n".join(lines)


@st.composite
def encode(draw: st.DrawFn, text: str) -> bytes:
    """Bytes of ``text`` with chosen line endings, maybe a BOM or a latin-1 cookie."""
    style = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    lines = text.split("\n")
    if style == "mixed":
        ends = [draw(st.sampled_from(["\n", "\r\n", "\r"])) for _ in lines[:-1]]
        text = "".join(line + end for line, end in zip(lines[:-1], ends, strict=True)) + lines[-1]
    else:
        text = style.join(lines)
    wrapper = draw(st.sampled_from(["utf-8", "utf-8", "bom", "latin-1"]))
    if wrapper == "bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    if wrapper == "latin-1":
        text = "# -*- coding: latin-1 -*-\n" + text
        return text.encode("latin-1", "replace")
    return text.encode("utf-8", "surrogatepass")


@st.composite
def ml_program(draw: st.DrawFn) -> bytes:
    text = draw(st.one_of(ml_source(), corpus_source()))
    return draw(encode(text))
