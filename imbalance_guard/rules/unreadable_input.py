"""IG001 unreadable-input.

## What it does
Reports a file that imbalance-guard was asked to check but could not read or
parse: a Python syntax error, bytes that are not valid in the file's encoding,
a notebook that is not valid nbformat-4 JSON, or a corrupt, empty or truncated
data file.

## Why is this bad?
A file that cannot be read cannot be checked, so a passing run would say
nothing about it. Reporting it (instead of skipping it, or stopping the run
with a traceback) keeps the gate honest while every other file is still
checked.

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
