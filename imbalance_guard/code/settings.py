"""``[tool.imbalance-guard.code]``: settings of the code checks that belong to no single rule.

A plugin like any other, so the ``code`` table is validated by the same declarations
as the rules' own thresholds.
"""

from __future__ import annotations

from imbalance_guard import hookimpl
from imbalance_guard.config import Setting

JOBS = Setting(
    "code",
    "jobs",
    0,
    "Worker processes for checking many code files: 0 = one per available core, "
    "1 = everything in one process (a handful of files always is).",
    types=(int,),
    check=lambda v: None if v >= 0 else "must be 0 (one per core) or a positive number",
)


@hookimpl
def ig_settings() -> list[Setting]:
    return [JOBS]
