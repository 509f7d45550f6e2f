"""The registered checks on pandas and polars: pass, fail with counts and advice, lazily."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pandera.polars as pap
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pandera.api.checks import Check
from pandera.errors import SchemaError, SchemaErrors

import imbalance_guard.pandera  # noqa: F401  (the one-line opt-in: registers the checks)
from imbalance_guard.data import advice
from imbalance_guard.integrations.pandera_advice import judge_balance, judge_missing
from imbalance_guard.integrations.pandera_checks import ImbalanceCheckFailure, register
from imbalance_guard.integrations.pandera_profile import profile_pandas
from tests.pandera.conftest import BALANCED, SKEWED


def pandas_schema(*checks: Check, nullable: bool = False) -> pa.DataFrameSchema:
    return pa.DataFrameSchema({"label": pa.Column(str, list(checks), nullable=nullable)})


def polars_schema(*checks: Check, nullable: bool = False) -> pap.DataFrameSchema:
    return pap.DataFrameSchema({"label": pap.Column(str, list(checks), nullable=nullable)})


# -- registration ---------------------------------------------------------------------


def test_registered_through_pandera_extensions() -> None:
    assert {"class_balance", "no_missing_labels"} <= set(Check.REGISTERED_CUSTOM_CHECKS)
    check = pa.Check.class_balance()
    assert check.name == "class_balance"
    assert check.statistics == {"max_imbalance_ratio": 10, "min_class_count": 6}


def test_register_is_idempotent() -> None:
    before = dict(Check.REGISTERED_CUSTOM_CHECKS)
    register()
    register()
    assert before == Check.REGISTERED_CUSTOM_CHECKS


def test_register_refuses_a_foreign_check_of_the_same_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    registry = dict(Check.REGISTERED_CUSTOM_CHECKS)
    registry["class_balance"] = lambda *a, **k: None  # someone else's check
    monkeypatch.setattr(Check, "REGISTERED_CUSTOM_CHECKS", registry)
    with pytest.raises(RuntimeError, match="already registered by another package"):
        register()


def test_positional_statistics_and_too_many() -> None:
    assert pa.Check.class_balance(5, 3).statistics == {
        "max_imbalance_ratio": 5,
        "min_class_count": 3,
    }
    with pytest.raises(TypeError, match="at most 2 positional"):
        pa.Check.class_balance(5, 3, 1)


# -- pandas -----------------------------------------------------------------------------


def test_pandas_balanced_column_passes() -> None:
    frame = pd.DataFrame({"label": BALANCED})
    schema = pandas_schema(pa.Check.class_balance(), pa.Check.no_missing_labels())
    assert schema.validate(frame).equals(frame)


def test_pandas_skewed_column_fails_with_counts_and_suggestion() -> None:
    frame = pd.DataFrame({"label": SKEWED})
    schema = pandas_schema(pa.Check.class_balance(max_imbalance_ratio=10))
    with pytest.raises(SchemaError) as info:
        schema.validate(frame)
    text = str(info.value)
    problem, suggestion = judge_balance(profile_pandas(frame["label"]), 10, 6)
    assert text == f"{problem} | help: {suggestion}"
    assert "\n" not in text  # pandera's summaries delete newlines; nothing runs together
    # the dataset rules' own verdicts, word for word: IG101 (15:1 > 10) and IG102 (4 < 6)
    profile = profile_pandas(frame["label"])
    skewed, rare = advice.skewed_labels(profile, 10), advice.rare_classes(profile, 6)
    assert skewed is not None and rare is not None
    assert problem == f"{skewed.message} | {rare.message}"
    assert suggestion == skewed.suggestion.replace("\n", "; ")
    assert "legit: 60" in problem and "fraud: 4" in problem
    assert "class_weight" in suggestion and "SMOTE" in suggestion


def test_pandas_lazy_collects_every_failure() -> None:
    frame = pd.DataFrame({"label": [*SKEWED, None]})
    schema = pandas_schema(pa.Check.class_balance(), pa.Check.no_missing_labels(), nullable=True)
    with pytest.raises(SchemaErrors) as info:
        schema.validate(frame, lazy=True)
    errors = info.value.schema_errors
    assert [e.check.name for e in errors] == ["class_balance", "no_missing_labels"]
    assert all(e.column_name == "label" for e in errors)
    summary = str(info.value)
    assert "fraud" in summary and "60" in summary and "missing" in summary


@pytest.mark.parametrize("missing", [None, float("nan")])
def test_pandas_missing_labels(missing: object) -> None:
    frame = pd.DataFrame({"label": ["a", "b", missing, "a"]}, dtype=object)
    schema = pa.DataFrameSchema(
        {"label": pa.Column(object, pa.Check.no_missing_labels(), nullable=True)}
    )
    with pytest.raises(SchemaError) as info:
        schema.validate(frame)
    assert isinstance(info.value.__cause__ or info.value, SchemaError)
    problem, _ = judge_missing(profile_pandas(frame["label"]))
    assert problem in str(info.value)


def test_whole_frame_check_is_refused_with_a_clear_message() -> None:
    schema = pa.DataFrameSchema(checks=[pa.Check.class_balance()])
    with pytest.raises(SchemaError, match="apply to one column"):
        schema.validate(pd.DataFrame({"label": SKEWED}))


def test_single_class_fails() -> None:
    with pytest.raises(SchemaError, match="single class"):
        pandas_schema(pa.Check.class_balance()).validate(pd.DataFrame({"label": ["a"] * 20}))


# -- DataFrameModel fields --------------------------------------------------------------


class Transactions(pa.DataFrameModel):
    label: str = pa.Field(
        class_balance={"max_imbalance_ratio": 10}, no_missing_labels={}, nullable=True
    )


def test_model_field_pandas() -> None:
    Transactions.validate(pd.DataFrame({"label": BALANCED}))
    with pytest.raises(SchemaError, match="fraud"):
        Transactions.validate(pd.DataFrame({"label": SKEWED}))


def test_model_field_sees_missing_labels_despite_ignore_na_default() -> None:
    # Field(...) passes ignore_na=True to its checks; the pandas backend would drop the
    # missing labels before the check, so the checks insist on seeing them.
    with pytest.raises(SchemaErrors) as info:
        Transactions.validate(pd.DataFrame({"label": [*BALANCED, None]}), lazy=True)
    assert [e.check.name for e in info.value.schema_errors] == ["no_missing_labels"]


class PolarsTransactions(pap.DataFrameModel):
    label: str = pap.Field(class_balance={"max_imbalance_ratio": 10}, nullable=True)


def test_model_field_polars() -> None:
    PolarsTransactions.validate(pl.DataFrame({"label": BALANCED}))
    with pytest.raises(SchemaError, match="fraud"):
        PolarsTransactions.validate(pl.DataFrame({"label": SKEWED}))


# -- polars -----------------------------------------------------------------------------


def test_polars_balanced_passes_and_skewed_fails_like_pandas() -> None:
    schema = polars_schema(pap.Check.class_balance(), pap.Check.no_missing_labels())
    schema.validate(pl.DataFrame({"label": BALANCED}))
    with pytest.raises(SchemaError) as polars_info:
        schema.validate(pl.DataFrame({"label": SKEWED}))
    with pytest.raises(SchemaError) as pandas_info:
        pandas_schema(pa.Check.class_balance()).validate(pd.DataFrame({"label": SKEWED}))
    # the same judgement and words on both backends
    assert str(pandas_info.value) in str(polars_info.value)


def test_polars_lazy_collects_missing_and_balance() -> None:
    schema = polars_schema(pap.Check.class_balance(), pap.Check.no_missing_labels(), nullable=True)
    with pytest.raises(SchemaErrors) as info:
        schema.validate(pl.DataFrame({"label": [*SKEWED, None, None]}), lazy=True)
    messages = [str(e) for e in info.value.schema_errors]
    assert len(messages) == 2
    assert "2" in messages[1] and "missing" in messages[1]


def test_polars_float_nan_counts_as_missing() -> None:
    schema = pap.DataFrameSchema(
        {"label": pap.Column(float, pap.Check.no_missing_labels(), nullable=True)}
    )
    schema.validate(pl.DataFrame({"label": [0.0, 1.0, 1.0]}))
    with pytest.raises(SchemaError, match="missing"):
        schema.validate(pl.DataFrame({"label": [0.0, float("nan"), 1.0]}))


def test_polars_lazyframe_skips_data_checks_unless_asked() -> None:
    from pandera.config import ValidationDepth, config_context

    schema = polars_schema(pap.Check.class_balance())
    lazy = pl.DataFrame({"label": SKEWED}).lazy()
    # pandera validates only the schema (columns, dtypes) of a LazyFrame by default
    assert isinstance(schema.validate(lazy), pl.LazyFrame)
    with (
        config_context(validation_depth=ValidationDepth.SCHEMA_AND_DATA),
        pytest.raises(SchemaError, match="fraud"),
    ):
        schema.validate(lazy)


# -- the same verdict on every backend (property) ---------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    counts=st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=4),
    ratio=st.integers(min_value=1, max_value=20),
)
def test_pandas_and_polars_agree(counts: list[int], ratio: int) -> None:
    labels = [f"c{i}" for i, n in enumerate(counts) for _ in range(n)]

    def verdict(schema, frame) -> str:
        try:
            schema.validate(frame)
        except SchemaError as exc:
            return str(exc).removeprefix('ImbalanceCheckFailure("').removesuffix('")')
        return "pass"

    on_pandas = verdict(
        pandas_schema(pa.Check.class_balance(max_imbalance_ratio=ratio, min_class_count=3)),
        pd.DataFrame({"label": labels}),
    )
    on_polars = verdict(
        polars_schema(pap.Check.class_balance(max_imbalance_ratio=ratio, min_class_count=3)),
        pl.DataFrame({"label": labels}),
    )
    assert on_pandas == on_polars
    assert isinstance(judge_balance(profile_pandas(pd.Series(labels)), ratio, 3), tuple) == (
        on_pandas != "pass"
    )


def test_failure_pickles() -> None:
    import pickle

    with pytest.raises(ImbalanceCheckFailure) as info:
        Check.REGISTERED_CUSTOM_CHECKS  # noqa: B018
        from imbalance_guard.integrations.pandera_checks import class_balance

        class_balance(pd.Series(SKEWED, name="label"))
    copy = pickle.loads(pickle.dumps(info.value))
    assert str(copy) == str(info.value) and copy.profile == info.value.profile
