"""File names are literal in every engine, and a file that changes while it is read is IG001,
never a partial count or a signal."""

from __future__ import annotations

import json
import os
import sys

import pytest

from imbalance_guard.data import arrow_count, duck, read_csv
from tests.data.conftest import FORMATS, labels_of, write_dataset

ODD_STEMS = ["[x]", "sales_*", "data?", "it's", 'say "hi"', "two words", "données", "日本", "{b,c}"]
LABELS = {"label": labels_of({"a": 30, "b": 2})}


def check(run_cli, *args) -> tuple[int, list[dict]]:
    result = run_cli("check", "--output-format", "json", *args)
    return result.exit_code, json.loads(result.output)


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("stem", ODD_STEMS)
def test_odd_names_are_read_as_themselves(project, run_cli, stem, suffix):
    # Decoys that the name would match as a glob, holding another class.
    for decoy in ["x", "sales_1", "data1", "b", "c"]:
        write_dataset(project / f"{decoy}.{suffix}", {"label": ["decoy"] * 40})
    write_dataset(project / f"{stem}.{suffix}", LABELS)
    status, found = check(run_cli, f"{stem}.{suffix}")
    assert status == 1
    assert [f["code"] for f in found] == ["IG101", "IG102"]
    assert found[0]["data"]["profile"]["counts"] == {"a": 30, "b": 2}


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse such names")
@pytest.mark.parametrize("suffix", FORMATS)
def test_names_that_are_not_utf8(project, run_cli, suffix):
    name = b"\xff\xfe-data." + suffix.encode()
    write_dataset(project / f"plain.{suffix}", LABELS)
    os.rename(project / f"plain.{suffix}", os.path.join(os.fsencode(project), name))
    status, found = check(run_cli, ".")
    assert status == 1
    assert sorted(f["code"] for f in found) == ["IG101", "IG102"]
    assert found[0]["data"]["profile"]["counts"] == {"a": 30, "b": 2}


def _change(path, how: str) -> None:
    if how == "truncated":
        with open(path, "r+b") as handle:
            handle.truncate(os.path.getsize(path) // 2)
    elif how == "replaced":
        other = path.with_name("other.tmp")
        other.write_bytes(path.read_bytes())
        os.replace(other, path)
    elif how == "deleted":
        path.unlink()
    else:  # rewritten in place, same size
        data = path.read_bytes()
        path.write_bytes(data)


HOWS = ["truncated", "replaced", "deleted", "rewritten"]


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize("suffix", ["csv", "tsv.gz", "parquet", "jsonl"])
def test_file_changed_while_duckdb_reads_it(project, run_cli, monkeypatch, how, suffix):
    path = write_dataset(project / f"d.{suffix}", {"x": list(range(2000)), **LABELS_2000})
    real = duck.run

    def change_then_run(*args, **kwargs):
        if path.exists() and not getattr(change_then_run, "done", False):
            change_then_run.done = True
            _change(path, how)
        return real(*args, **kwargs)

    monkeypatch.setattr(duck, "run", change_then_run)
    status, found = check(run_cli, f"d.{suffix}")
    assert status == 1
    assert [f["code"] for f in found] == ["IG001"]
    assert "the file changed while it was read" in found[0]["message"]


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize("suffix", ["feather", "arrow"])
def test_file_changed_while_pyarrow_reads_it(project, run_cli, monkeypatch, how, suffix):
    path = project / f"d.{suffix}"
    import pyarrow as pa

    table = pa.table({"x": list(range(2000)), **LABELS_2000})
    if suffix == "feather":
        import pyarrow.feather as feather

        feather.write_feather(table, path, chunksize=100)
    else:
        with pa.ipc.new_stream(path, table.schema) as writer:
            writer.write_table(table, max_chunksize=100)
    real = arrow_count.Tallies.feed

    def change_then_feed(self, columns):
        if path.exists() and not getattr(change_then_feed, "done", False):
            change_then_feed.done = True
            _change(path, how)
        return real(self, columns)

    monkeypatch.setattr(arrow_count.Tallies, "feed", change_then_feed)
    status, found = check(run_cli, f"d.{suffix}")
    assert status == 1
    assert [f["code"] for f in found] == ["IG001"]
    assert "the file changed while it was read" in found[0]["message"]


def test_csv_read_through_the_pipe_notices_a_change(project, run_cli, monkeypatch):
    # A header with a line break in it: the rows reach DuckDB through a pipe.
    rows = "".join(f"{i},{i % 2}\n" for i in range(5000))
    path = project / "p.csv"
    path.write_text('"a\nb",label\n' + rows)
    real = read_csv.piped

    def piped_after_truncating(opened, *args):
        with open(path, "r+b") as handle:
            handle.truncate(200)
        return real(opened, *args)

    monkeypatch.setattr(read_csv, "piped", piped_after_truncating)
    status, found = check(run_cli, "p.csv")
    assert status == 1 and [f["code"] for f in found] == ["IG001"]
    assert "the file changed while it was read" in found[0]["message"]


LABELS_2000 = {"label": labels_of({"a": 1500, "b": 500})}
