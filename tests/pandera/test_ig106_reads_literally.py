"""IG106 reads the file it was given, by its literal name, and says so when pandas' or
polars' read of a label column differs from the label reader's (issue 12: paths are
literal; equal counts or IG001, never a silent difference)."""

from __future__ import annotations

import gzip
import json
import textwrap
from pathlib import Path

import pandas as pd
import pytest

MODELS = textwrap.dedent(
    """\
    import pandera.pandas as pa
    import pandera.polars as pap

    import imbalance_guard.pandera  # noqa: F401


    class Pandas(pa.DataFrameModel):
        label: int = pa.Field(class_balance={"max_imbalance_ratio": 3})


    class Polars(pap.DataFrameModel):
        label: int = pap.Field(class_balance={"max_imbalance_ratio": 3})


    class PandasFloat(pa.DataFrameModel):
        label: float = pa.Field(class_balance={"max_imbalance_ratio": 3}, nullable=True)


    class PolarsFloat(pap.DataFrameModel):
        label: float = pap.Field(class_balance={"max_imbalance_ratio": 3}, nullable=True)
    """
)

OWN = pd.DataFrame({"label": [0] * 5 + [1] * 5})  # passes the ratio: IG102 only
DECOY = pd.DataFrame({"label": [0] * 50 + [1]})  # what a glob would add


def write(frame: pd.DataFrame, path: Path) -> None:
    name = path.name
    if name.endswith(".parquet"):
        frame.to_parquet(path)
    elif name.endswith(".feather"):
        frame.to_feather(path)
    elif ".csv" in name:
        data = frame.to_csv(index=False).encode()
        path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    else:
        data = frame.to_json(orient="records", lines=True).encode()
        path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)


def run(run_cli, name: str, model: str) -> list[dict]:
    result = run_cli(
        "check", "--select", "IG106", "--output-format", "json", "--schema",
        f"models.py:{model}", name,
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


@pytest.mark.parametrize("model", ["Pandas", "Polars"])
@pytest.mark.parametrize(
    ("name", "decoy"),
    [
        ("[x].parquet", "x.parquet"),
        ("sales_*.parquet", "sales_1.parquet"),
        ("d?.csv", "d1.csv"),
        ("sales_*.csv", "sales_2.csv"),
        ('it\'s "q" é.csv', "its q e.csv"),
        ("[x].jsonl", "x.jsonl"),
        ("sp ace*.feather", "sp ace1.feather"),
        ("g[1].csv.gz", "g1.csv.gz"),
        ("g*.jsonl.gz", "g2.jsonl.gz"),
    ],
)
def test_the_schema_reads_the_named_file_only(project, run_cli, model, name, decoy):
    (project / "models.py").write_text(MODELS)
    write(OWN, project / name)
    write(DECOY, project / decoy)
    found = run(run_cli, name, model)
    assert [f["code"] for f in found] == ["IG106"], found
    assert "(0: 5, 1: 5)" in found[0]["message"], found[0]["message"]


@pytest.mark.parametrize("model", ["PandasFloat", "PolarsFloat"])
def test_labels_the_schema_reader_merges_are_ig001(project, run_cli, model):
    # The label reader counts `1` and `1.0` as two classes (CSV is text); pandas and
    # polars read one float class: the schema's class_balance would judge other counts.
    (project / "models.py").write_text(MODELS)
    (project / "m.csv").write_text("label,x\n1,a\n1.0,b\n1,c\n0,d\n0,e\n0,f\n")
    found = run(run_cli, "m.csv", model)
    assert [f["code"] for f in found] == ["IG001"], found
    message = found[0]["message"]
    assert "2 classes, 0 missing, where the label reader counts 6 rows, 3 classes" in message
    assert found[0]["label_column"] == "label"


def test_a_missing_spelling_polars_reads_as_text_is_ig001(project, run_cli):
    (project / "models.py").write_text(MODELS)
    (project / "m.csv").write_text("label,x\n1,a\nNA,b\n1,c\n0,d\n0,e\n0,f\n")
    found = run(run_cli, "m.csv", "PolarsFloat")
    assert [f["code"] for f in found] == ["IG001"], found
    assert "2 classes, 1 missing" in found[0]["message"]


@pytest.mark.parametrize("model", ["PandasFloat", "PolarsFloat"])
def test_agreeing_reads_keep_the_schema_verdicts(project, run_cli, model):
    (project / "models.py").write_text(MODELS)
    (project / "ok.csv").write_text("label,x\n1,a\n,b\n1,c\n0,d\n0,e\n0,f\n")
    found = run(run_cli, "ok.csv", model)
    assert "IG001" not in [f["code"] for f in found], found
    (balance,) = [f for f in found if "fails `class_balance`" in f["message"]]
    assert "(0: 3, 1: 2)" in balance["message"]
