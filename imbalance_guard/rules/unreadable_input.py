"""IG001 unreadable-input.

## What it does
Reports a file that imbalance-guard was asked to check but could not read or
parse: a Python syntax error, bytes that are not valid in the file's encoding,
a notebook that is not valid nbformat-4 JSON, or a corrupt, empty or truncated
data file. For a CSV or TSV file: a row with more or fewer fields than the header
(a trailing delimiter, `1,a,` under two columns, included), a quote never
closed, or spaces after a closing quote (`"a" ,`), as Python's `csv` module
reads them, naming the row. With `--schema`: a
label column that pandas or polars reads as other classes than the label reader.

A syntax error costs only its own part where that is sound. A notebook cell
that does not parse is reported with its cell and line, and the other cells
are still analysed as one program; the names the bad cell may assign are
unknown from there on. A script's broken top-level statement is left out the
same way (`the rest of the file is checked without line 11`), as long as what
remains parses; a file that is all one broken statement, or has more than five
broken parts, is one IG001. IPython lines (`%magic`, `!cmd`, `obj?`, and in
notebooks and exported scripts automagic such as `pip install x`) are not
syntax errors, in notebooks and in `.py` exports alike. A file with a syntax
error is not changed by `--fix`.

IG001 is reported whatever `select` says, as ruff reports syntax errors: only
an `ignore` naming it (`IG001`, `IG00` or `IG0`), a per-file ignore or a
`# noqa: IG001` on the reported line silences it. A baseline can hold it, it
counts toward exit status 1, and `--exit-zero` applies.

## Why is this bad?
A file that cannot be read cannot be checked, so a passing run would say
nothing about it. Reporting it (instead of skipping it, or stopping the run
with a traceback) keeps the gate honest while every other file is still
checked. A notebook with one half-typed cell still has its real leaks
reported in the others.

## Example
```python
X_res, y_res = SMOTE().fit_resample(X, y
```

## Use instead
```python
X_res, y_res = SMOTE().fit_resample(X, y)
```
Fix the file so that Python, Jupyter or the data reader can open it; the
message says what the reader reported and where.
"""

from __future__ import annotations

from imbalance_guard import hookimpl
from imbalance_guard.findings import Rule

RULE = Rule(
    code="IG001",
    name="unreadable-input",
    summary="A file to check cannot be read or parsed",
    doc=__doc__ or "",
    target="any",
)


@hookimpl
def ig_rules() -> list[Rule]:
    # The core reports IG001 itself while loading files; this plugin only declares it.
    return [RULE]
