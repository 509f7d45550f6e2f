"""Class-balance checks for pandera schemas: ``import imbalance_guard.pandera``.

Importing this module is the one-line opt-in: it registers two pandera checks,
on pandas, polars and PySpark DataFrames alike::

    import pandera.pandas as pa
    import imbalance_guard.pandera  # noqa: F401  (registers the checks)

    schema = pa.DataFrameSchema(
        {"is_fraud": pa.Column(int, [pa.Check.class_balance(max_imbalance_ratio=10),
                                     pa.Check.no_missing_labels()])}
    )

* ``class_balance(max_imbalance_ratio=10, min_class_count=6)`` fails when a class
  is rarer than 1/ratio of the majority class, when a class has fewer rows than
  SMOTE or stratified k-fold need, or when the column has a single class;
* ``no_missing_labels()`` fails when the column has missing labels.

The failure is pandera's ``SchemaError`` (``SchemaErrors`` with ``lazy=True``) and
its message carries the class counts and the same suggestion as the CLI finding.

Load schema files with :func:`from_yaml` / :func:`from_json` from here rather than
pandera's own loaders: pandera silently drops a check it does not know from a
YAML/JSON schema, and these loaders register ours first and refuse unknown ones.
"""

from __future__ import annotations

from imbalance_guard.integrations.pandera_checks import (
    CHECKS,
    ImbalanceCheckFailure,
    is_registered,
    register,
)
from imbalance_guard.integrations.pandera_schema import (
    SchemaLoadError,
    UnknownCheckError,
    from_json,
    from_yaml,
    unknown_checks,
)

__all__ = [
    "CHECKS",
    "ImbalanceCheckFailure",
    "SchemaLoadError",
    "UnknownCheckError",
    "from_json",
    "from_yaml",
    "is_registered",
    "register",
    "unknown_checks",
]

register()
