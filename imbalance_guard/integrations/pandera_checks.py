"""The pandera checks ``class_balance`` and ``no_missing_labels``, and their registration.

Each check reduces the column it is given to a
:class:`~imbalance_guard.data.profile.LabelProfile` (see
:mod:`imbalance_guard.integrations.pandera_profile`, one function per backend) and
asks the dataset rules' own judgement (:mod:`imbalance_guard.data.advice`), so a
pandera failure and a CLI finding say the same thing with the same numbers.

A check that fails raises :class:`ImbalanceCheckFailure`, a pandera ``SchemaError``
carrying the message (class counts and suggestion): pandera has no other way to
give a registered check a message computed from the data. The pandas backend
reports it as an ordinary failed check; the polars and pyspark backends report it
as an error while running the check (reason ``check_error``), with the same text.

:func:`register` is the only place anything is registered with pandera; it is
idempotent and is called by ``import imbalance_guard.pandera``, by the safe schema
loaders and by the IG106 rule.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

from pandera.errors import SchemaError

from imbalance_guard.data import advice
from imbalance_guard.data.profile import LabelProfile
from imbalance_guard.integrations import pandera_profile

#: Check name -> its statistics and their defaults (what the YAML files carry).
CHECKS: dict[str, dict[str, Any]] = {
    "class_balance": {"max_imbalance_ratio": 10, "min_class_count": 6},
    "no_missing_labels": {},
}

_MARK = "__imbalance_guard__"
_lock = threading.Lock()


#: Between the problem and the suggestion in a failure's text. The text is one line:
#: pandera's error summaries (``lazy=True``, the pyspark backend) delete newlines.
HELP_SEPARATOR = " | help: "


class ImbalanceCheckFailure(SchemaError):
    """A class-balance check failed: ``str()`` is the message, then the suggestion.

    ``profile`` holds the exact class counts, ``problem`` and ``suggestion`` the
    two parts of the text.
    """

    def __init__(self, problem: str, suggestion: str, profile: LabelProfile, check: str):
        text = f"{problem}{HELP_SEPARATOR}{suggestion}" if suggestion else problem
        super().__init__(
            schema=None,
            data=None,
            message=text,
            failure_cases=f"{check}: {advice.counts_text(profile) or 'no rows'}",
        )
        self.problem = problem
        self.suggestion = suggestion
        self.profile = profile
        self.check_name = check

    def __reduce__(self):  # keep it picklable (Spark, multiprocessing)
        return (type(self), (self.problem, self.suggestion, self.profile, self.check_name))


class CheckUsageError(TypeError):
    """A check was applied to something it cannot judge (a whole DataFrame, say)."""


def profile_of(data: Any) -> LabelProfile:
    """The label profile of what a pandera backend passed to a check function."""
    if hasattr(data, "lazyframe") and hasattr(data, "key"):  # polars: PolarsData
        if data.key in (None, "*"):
            raise CheckUsageError("class-balance checks apply to one column, not a whole frame")
        return pandera_profile.profile_polars(data)
    if hasattr(data, "dataframe") and hasattr(data, "column_name"):  # pyspark
        return pandera_profile.profile_spark(data.dataframe, data.column_name)
    module = type(data).__module__
    if module.startswith("pandas") and hasattr(data, "value_counts") and data.ndim == 1:
        return pandera_profile.profile_pandas(data)
    raise CheckUsageError(
        f"class-balance checks apply to one column (a pandas Series, a polars or a Spark "
        f"column), got {type(data).__name__}; put the check on the label column"
    )


def class_balance(
    data: Any, *, max_imbalance_ratio: float = 10, min_class_count: int = 6, **_: Any
) -> bool:
    """Pass when no class is rarer than 1/``max_imbalance_ratio`` of the majority
    and every class has at least ``min_class_count`` rows (more than one class too)."""
    from imbalance_guard.integrations.pandera_advice import judge_balance

    profile = profile_of(data)
    verdict = judge_balance(profile, max_imbalance_ratio, min_class_count)
    if verdict is not None:
        raise ImbalanceCheckFailure(*verdict, profile, "class_balance")
    return True


def no_missing_labels(data: Any, **_: Any) -> bool:
    """Pass when the label column has no missing values (null, NaN, None)."""
    from imbalance_guard.integrations.pandera_advice import judge_missing

    profile = profile_of(data)
    verdict = judge_missing(profile)
    if verdict is not None:
        raise ImbalanceCheckFailure(*verdict, profile, "no_missing_labels")
    return True


_FUNCTIONS: dict[str, Callable[..., bool]] = {
    "class_balance": class_balance,
    "no_missing_labels": no_missing_labels,
}


def _with_defaults(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap pandera's generated ``Check.<name>`` constructor.

    * statistics left out get their defaults, so a serialised schema states them;
    * ``ignore_na`` is always False: the checks count missing labels, so they must
      see them (the pandas backend drops them before a check otherwise, and a
      ``DataFrameModel`` field passes ``ignore_na=True`` unless told otherwise);
    * a marker keyword makes the pyspark backend pass the column name along with
      the DataFrame (it does so only for checks that have keyword arguments).
    """
    defaults = CHECKS[name]

    @functools.wraps(method)
    def make_check(*args: Any, **kwargs: Any):
        if len(args) > len(defaults):
            raise TypeError(f"{name}() takes at most {len(defaults)} positional arguments")
        stats = dict(zip(defaults, args, strict=False))
        for key, default in defaults.items():
            given = stats[key] if key in stats else kwargs.pop(key, None)
            # None is what pandera writes for a statistic never given: the default.
            stats[key] = default if given is None else given
        kwargs["ignore_na"] = False  # also over Field(ignore_na=True), pandera's default
        kwargs[_MARK] = True
        return method(**stats, **kwargs)

    setattr(make_check, _MARK, True)
    return make_check


def register() -> None:
    """Register the checks with pandera; calling it again does nothing.

    Raises RuntimeError if another package already registered a check of the same
    name (pandera has one flat namespace of check names).
    """
    from pandera import extensions
    from pandera.api.checks import Check

    with _lock:
        registry = Check.REGISTERED_CUSTOM_CHECKS
        for name, function in _FUNCTIONS.items():
            existing = registry.get(name)
            if existing is not None:
                if getattr(existing, _MARK, False):
                    continue
                raise RuntimeError(
                    f"a pandera check named {name!r} is already registered by another "
                    "package; imbalance-guard cannot register its own"
                )
            extensions.register_check_method(statistics=list(CHECKS[name]))(function)
            registry[name] = _with_defaults(name, registry[name])


def is_registered() -> bool:
    """True when :func:`register` has run in this interpreter."""
    from pandera.api.checks import Check

    return all(getattr(Check.REGISTERED_CUSTOM_CHECKS.get(name), _MARK, False) for name in CHECKS)
