"""Applying the fixes findings carry: ``check --fix``, ``--unsafe-fixes`` and ``--diff``.

Rules never write files; they attach a :class:`~imbalance_guard.findings.Fix` (text
edits in the user's coordinates) to a finding. This package turns those into new
file contents, ruff's way: apply the fixes at the requested applicability, skip
ones that overlap an edit already taken, re-lint and repeat up to a cap, then write
the result once, atomically, in the file's own encoding and newline style, and
only if it still parses.

* :mod:`~imbalance_guard.fix.edits` — positions to offsets, overlap, applying edits
* :mod:`~imbalance_guard.fix.documents` — a ``.py`` file or a notebook as editable text
* :mod:`~imbalance_guard.fix.notebook_json` — rewriting one cell's source in the raw JSON
* :mod:`~imbalance_guard.fix.write` — atomic, permission-keeping writes
* :mod:`~imbalance_guard.fix.diff` — unified diffs for ``--diff``
* :mod:`~imbalance_guard.fix.engine` — the lint/fix fixpoint for one file
"""

# No imports here: rules import ``fix.edits`` on every run, and the engine, the
# notebook writer and difflib are only needed with --fix or --diff.
