"""The same checks on PySpark DataFrames, through pandera's pyspark backend (opt-in).

Needs Java, pyspark and a pandas that pyspark.pandas accepts (pandera's pyspark
backend imports it; pyspark 4.x does not import with pandas 3). The README's
"pandera" section has the one command that sets this up; without it these tests
are skipped, saying why.
"""

from __future__ import annotations

import shutil

import pytest

if shutil.which("java") is None:
    pytest.skip("Spark needs Java (apt-get install default-jre-headless)", allow_module_level=True)
try:
    import pandera.pyspark as pa
    import pyspark.sql.types as T
    from pyspark.sql import SparkSession
except Exception as exc:  # ImportError, or pyspark.pandas refusing this pandas
    pytest.skip(
        f"pandera's pyspark backend cannot be imported ({type(exc).__name__}: {exc}); "
        "see README, pandera: pip install -e '.[test,spark]' in its own venv",
        allow_module_level=True,
    )

import pandas as pd
import pandera.pandas as ppa
from pandera.errors import SchemaError

import imbalance_guard.pandera  # registers the checks
from imbalance_guard.integrations.pandera_profile import profile_pandas, profile_spark
from tests.pandera.conftest import BALANCED, SKEWED


@pytest.fixture(scope="module")
def spark():
    session = (
        SparkSession.builder.master("local[2]")
        .appName("imbalance-guard-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def frame(spark, labels, kind=None):
    kind = kind or T.StringType()
    schema = T.StructType([T.StructField("label", kind, True)])
    return spark.createDataFrame([(x,) for x in labels], schema)


def errors_of(validated) -> list[dict]:
    errors = validated.pandera.errors
    return [e for category in errors.values() for group in category.values() for e in group]


def schema_with(*checks):
    return pa.DataFrameSchema({"label": pa.Column(T.StringType(), list(checks), nullable=True)})


def test_balanced_passes(spark) -> None:
    validated = schema_with(pa.Check.class_balance(), pa.Check.no_missing_labels()).validate(
        frame(spark, BALANCED)
    )
    assert errors_of(validated) == []


def test_skewed_fails_with_the_pandas_message(spark) -> None:
    validated = schema_with(pa.Check.class_balance(max_imbalance_ratio=10)).validate(
        frame(spark, SKEWED)
    )
    (error,) = errors_of(validated)
    assert error["column"] == "label"
    assert error["check"] == "class_balance(max_imbalance_ratio=10, min_class_count=6)"
    with pytest.raises(SchemaError) as on_pandas:
        ppa.DataFrameSchema(
            {"label": ppa.Column(str, ppa.Check.class_balance(max_imbalance_ratio=10))}
        ).validate(pd.DataFrame({"label": SKEWED}))
    # pyspark shows the raised failure as ImbalanceCheckFailure("<text>")
    assert str(on_pandas.value) in error["error"]
    assert "legit: 60" in error["error"] and "class_weight" in error["error"]


def test_model_field_and_missing_labels(spark) -> None:
    class Labels(pa.DataFrameModel):
        label: T.StringType() = pa.Field(  # type: ignore[valid-type]
            class_balance={"max_imbalance_ratio": 10}, no_missing_labels={}, nullable=True
        )

    validated = Labels.validate(frame(spark, [*BALANCED, None, None]))
    (error,) = errors_of(validated)
    assert error["check"] == "no_missing_labels"
    assert "2 missing labels of 52 rows" in error["error"]


def test_spark_profile_equals_pandas_profile(spark) -> None:
    values = [1.0] * 7 + [0.0] * 3 + [None, float("nan")]
    on_spark = profile_spark(frame(spark, values, T.DoubleType()), "label")
    on_pandas = profile_pandas(pd.Series(values, name="label", dtype="float64"))
    assert on_spark.counts == on_pandas.counts == {"1": 7, "0": 3}
    assert (on_spark.rows, on_spark.missing) == (on_pandas.rows, on_pandas.missing) == (12, 2)


def test_pyspark_schema_file_loads_with_the_checks(spark) -> None:
    # pandera 0.35 cannot *write* a pyspark.sql schema whose checks have statistics (its
    # own built-ins included: a dtype lookup fails), but it reads one, and so do we.
    schema = imbalance_guard.pandera.from_yaml(
        "schema_type: pyspark_sql_dataframe\n"
        "columns:\n"
        "  label:\n"
        "    dtype: StringType\n"
        "    nullable: true\n"
        "    class_balance:\n"
        "      max_imbalance_ratio: 10\n"
    )
    (error,) = errors_of(schema.validate(frame(spark, SKEWED)))
    assert error["check"] == "class_balance(max_imbalance_ratio=10, min_class_count=6)"
    assert "skewed 15:1" in error["error"]
