"""Schemas as files: YAML/JSON round trips, and no check silently lost on loading."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pandera.polars as pap
import polars as pl
import pytest
from pandera.errors import SchemaError

import imbalance_guard.pandera as igp
from tests.pandera.conftest import BALANCED, SKEWED

ROOT = Path(__file__).resolve().parents[2]


def pandas_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "label": pa.Column(
                str,
                [pa.Check.class_balance(max_imbalance_ratio=12), pa.Check.no_missing_labels()],
                nullable=True,
            )
        }
    )


def checks_of(schema, column: str = "label") -> list[tuple[str, dict]]:
    return [(c.name, c.statistics) for c in schema.columns[column].checks]


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_pandas_round_trip_keeps_checks_and_statistics(fmt: str, tmp_path: Path) -> None:
    schema = pandas_schema()
    path = tmp_path / f"schema.{fmt}"
    getattr(schema, f"to_{fmt}")(path)
    text = path.read_text()
    assert "class_balance" in text and "max_imbalance_ratio" in text and "12" in text
    for loaded in (
        getattr(pa.DataFrameSchema, f"from_{fmt}")(path),
        getattr(igp, f"from_{fmt}")(path),
    ):
        assert checks_of(loaded) == [
            ("class_balance", {"max_imbalance_ratio": 12, "min_class_count": 6}),
            ("no_missing_labels", {}),
        ]
        assert loaded.columns["label"].checks[0].ignore_na is False
        with pytest.raises(SchemaError, match="skewed"):
            loaded.validate(pd.DataFrame({"label": SKEWED}))
        loaded.validate(pd.DataFrame({"label": BALANCED}))


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_polars_round_trip(fmt: str, tmp_path: Path) -> None:
    schema = pap.DataFrameSchema(
        {"label": pap.Column(str, pap.Check.class_balance(min_class_count=10))}
    )
    path = tmp_path / f"schema.{fmt}"
    getattr(schema, f"to_{fmt}")(path)
    loaded = getattr(igp, f"from_{fmt}")(path)
    assert isinstance(loaded, pap.DataFrameSchema)
    assert checks_of(loaded) == [
        ("class_balance", {"max_imbalance_ratio": 10, "min_class_count": 10})
    ]
    with pytest.raises(SchemaError, match="fewer than 10 rows"):
        loaded.validate(pl.DataFrame({"label": ["legit"] * 30 + ["fraud"] * 8}))
    loaded.validate(pl.DataFrame({"label": BALANCED}))


def test_model_round_trip(tmp_path: Path) -> None:
    class Model(pa.DataFrameModel):
        label: str = pa.Field(class_balance={"max_imbalance_ratio": 3})

    path = tmp_path / "model.yaml"
    Model.to_yaml(path)
    loaded = igp.from_yaml(path)
    assert checks_of(loaded)[0] == (
        "class_balance",
        {"max_imbalance_ratio": 3, "min_class_count": 6},
    )


SCHEMA_YAML = textwrap.dedent(
    """\
    schema_type: dataframe
    columns:
      label:
        dtype: str
        class_balance:
          max_imbalance_ratio: 10
    """
)


def run_fresh(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run in a new interpreter: registration is per process, as for a user's script."""
    (tmp_path / "schema.yaml").write_text(SCHEMA_YAML)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


def test_pandera_alone_silently_drops_an_unregistered_check(tmp_path: Path) -> None:
    """The hazard the safe loaders exist for (pandera 0.35, flat check keys)."""
    result = run_fresh(
        """
        import pandera.pandas as pa
        schema = pa.DataFrameSchema.from_yaml("schema.yaml")
        print(len(schema.columns["label"].checks))
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0"]  # the check is gone, without a word


def test_safe_loader_registers_and_keeps_the_check_in_a_fresh_process(tmp_path: Path) -> None:
    result = run_fresh(
        """
        import pandas as pd
        from imbalance_guard.pandera import from_yaml
        schema = from_yaml("schema.yaml")
        print([c.name for c in schema.columns["label"].checks])
        try:
            schema.validate(pd.DataFrame({"label": ["a"] * 60 + ["b"] * 4}))
        except Exception as exc:
            print(type(exc).__name__)
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["['class_balance']", "SchemaError"]


def test_one_line_import_makes_pandera_own_loader_keep_the_check(tmp_path: Path) -> None:
    result = run_fresh(
        """
        import pandera.pandas as pa
        import imbalance_guard.pandera
        print(len(pa.DataFrameSchema.from_yaml("schema.yaml").columns["label"].checks))
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1"]


def test_unknown_check_is_an_error_not_a_silent_drop() -> None:
    text = SCHEMA_YAML.replace("class_balance", "class_balanse")
    with pytest.raises(igp.UnknownCheckError, match="column 'label': class_balanse"):
        igp.from_yaml(text)
    assert igp.unknown_checks({"columns": {"label": {"dtype": "str", "isin": [1]}}}) == []
    listed = {"checks": [{"options": {"check_name": "nope"}}]}
    assert igp.unknown_checks(listed) == ["dataframe: nope"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("columns: [unclosed", "not valid YAML"),
        ("- a list", "must be a mapping"),
        ("schema_type: geodataframe", "schema_type 'geodataframe' is not supported"),
    ],
)
def test_bad_yaml_is_a_schema_load_error(text: str, message: str) -> None:
    with pytest.raises(igp.SchemaLoadError, match=message):
        igp.from_yaml(text)


def test_missing_file_and_bad_json(tmp_path: Path) -> None:
    with pytest.raises(igp.SchemaLoadError, match="no such file"):
        igp.from_yaml(tmp_path / "absent.yaml")
    (tmp_path / "bad.json").write_text("{")
    with pytest.raises(igp.SchemaLoadError, match="not valid JSON"):
        igp.from_json(tmp_path / "bad.json")
