"""Parquet through DuckDB, a required dependency: profiles, row groups, skipped columns."""

from __future__ import annotations

import json

from tests.data.conftest import labels_of, write_dataset


def check(run_cli, *args):
    result = run_cli("check", "--output-format", "json", "-v", *args)
    return result.exit_code, json.loads(result.output)


def test_same_profile(project, run_cli):
    labels = labels_of({"no": 900, "yes": 40, "maybe": 3}, missing=7)
    write_dataset(project / "d.parquet", {"x": list(range(950)), "answer": labels})
    status, found = check(run_cli, "--label", "answer", "d.parquet")
    assert status == 1
    assert sorted(f["code"] for f in found) == ["IG101", "IG102", "IG104"]
    profile = found[0]["data"]["profile"]
    assert profile["counts"] == {"no": 900, "yes": 40, "maybe": 3}
    assert profile["missing"] == 7 and profile["rows"] == 950


def test_many_row_groups(project, run_cli):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"label": [i % 7 == 0 for i in range(10_000)]})
    pq.write_table(table, project / "d.parquet", row_group_size=512)
    status, found = check(run_cli, "d.parquet")
    assert status == 0 and found == []
    table = pa.table({"label": [int(i % 50 == 0) for i in range(10_000)]})
    pq.write_table(table, project / "d.parquet", row_group_size=512)
    status, found = check(run_cli, "d.parquet")
    assert status == 1
    assert found[0]["data"]["profile"]["counts"] == {"0": 9800, "1": 200}


def test_regression_target_skipped(project, run_cli):
    write_dataset(project / "p.parquet", {"target": [i / 3 for i in range(300)]})
    result = run_cli("check", "-v", "p.parquet")
    assert result.exit_code == 0
    assert "`target` skipped: float values such as" in result.output


def test_identifier_skipped(project, run_cli):
    write_dataset(project / "p.parquet", {"label": [f"id{i}" for i in range(300)]})
    result = run_cli("check", "-v", "p.parquet")
    assert result.exit_code == 0
    assert "more than 50 distinct values (max-classes)" in result.output


def test_truncated_file(project, run_cli):
    write_dataset(project / "d.parquet", {"label": labels_of({0: 5, 1: 5})})
    data = (project / "d.parquet").read_bytes()
    (project / "d.parquet").write_bytes(data[: len(data) - 30])
    status, found = check(run_cli, "d.parquet")
    assert status == 1
    assert [f["code"] for f in found] == ["IG001"]
    assert found[0]["message"].startswith("cannot read as Parquet: ")
