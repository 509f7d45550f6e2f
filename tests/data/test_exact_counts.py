"""One regression test per wrong count or refused valid file the CSV piece splitter gave, and
for each rule of what a class is (README, "Dataset checks")."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from tests.data.conftest import write_dataset


def profile(run_cli, *args) -> tuple[int, list[dict]]:
    result = run_cli("check", "--output-format", "json", "-v", *args)
    return result.exit_code, json.loads(result.output)


def counts_of(run_cli, name: str, *args) -> dict:
    """The label profile of ``name`` as the JSON output carries it: every class is made
    rare (IG102), so a finding carries the profile whatever the counts."""
    Path("pyproject.toml").write_text("[tool.imbalance-guard.data]\nmin-class-count = 1000000000\n")
    status, found = profile(run_cli, "--select", "IG102,IG103", *args, name)
    assert status == 1, found
    assert found[0]["code"] != "IG001", found[0]["message"]
    data = found[0]["data"]["profile"]
    return {"counts": data["counts"], "missing": data["missing"], "rows": data["rows"]}


def python_counts(path, delimiter=",") -> dict:
    """Python's csv module as the reference: classes and rows of the `label` column."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter=delimiter)]
    counted = Counter(row["label"] for row in rows)
    missing = counted.pop("", 0)
    ordered = dict(sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])))
    return {"counts": ordered, "missing": missing, "rows": len(rows)}


def test_long_header_of_a_large_file_is_not_a_row(project, run_cli):
    # Over 16 MB with a header over 64 KB: its tail was counted as a row.
    names = [f"feature_{i:05d}_{'x' * 10}" for i in range(4000)] + ["label"]
    header = ",".join(names)
    row = ",".join(["1"] * 4000)
    lines = [header] + [f"{row},{i % 3}" for i in range(2200)]
    (project / "wide.csv").write_text("\n".join(lines) + "\n")
    assert len(header) > 65536 and (project / "wide.csv").stat().st_size > 16 << 20
    found = counts_of(run_cli, "wide.csv")
    assert found == {"counts": {"0": 734, "1": 733, "2": 733}, "missing": 0, "rows": 2200}


def test_quoted_newline_in_the_header_of_a_large_file(project, run_cli):
    rows = "".join(f"{i},{i % 2}\r\n" for i in range(400_000))
    (project / "h.csv").write_bytes(b'"first\nfeature",label\r\n' + rows.encode())
    found = counts_of(run_cli, "h.csv")
    assert found == {"counts": {"0": 200_000, "1": 200_000}, "missing": 0, "rows": 400_000}


def test_free_text_with_quoted_newlines_is_counted_exactly(project, run_cli):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "review", "label"])
    for i in range(120_000):
        review = f'Great, would buy again.\nVisited {i} times.\r\n"Five" stars' if i % 3 else "ok"
        writer.writerow([i, review, "pos" if i % 7 else "neg"])
    (project / "reviews.csv").write_text(buffer.getvalue(), newline="")
    assert counts_of(run_cli, "reviews.csv") == python_counts(project / "reviews.csv")


@pytest.mark.parametrize("rows", [3, 300_000])
def test_lone_carriage_returns_end_lines(project, run_cli, rows):
    text = "x,label\r" + "".join(f"{i},{i % 2}\r" for i in range(rows))
    (project / "cr.csv").write_text(text, newline="")
    found = counts_of(run_cli, "cr.csv")
    assert found["rows"] == rows
    assert found["counts"] == {"0": (rows + 1) // 2, "1": rows // 2}


@pytest.mark.parametrize("rows", [5, 300_000])
@pytest.mark.parametrize(
    ("usual", "odd"), [("\n", "\r\n"), ("\r\n", "\n"), ("\n", "\r"), ("\r", "\r\n")]
)
def test_mixed_line_endings_are_counted(project, run_cli, rows, usual, odd):
    # Files joined from several systems: DuckDB 2.0 refused them (IG001 "the file mixes
    # line endings"), Python's csv module and pandas read them.
    lines = ["x,label"] + [f"{i},{'ab'[i % 2]}" for i in range(rows)]
    text = "".join(line + (odd if i == rows // 2 else usual) for i, line in enumerate(lines))
    (project / "joined.csv").write_text(text, newline="")
    assert counts_of(run_cli, "joined.csv") == python_counts(project / "joined.csv")


@pytest.mark.parametrize("ending", ["\r\r\n", "\n\r"])
def test_two_line_breaks_per_row_are_a_blank_line_each(project, run_cli, ending):
    # \r\r\n is a lone \r, then \r\n: a row and a blank line, to Python's csv module.
    text = ending.join(["x,label", "1,a", "2,b", "3,a"]) + ending
    (project / "doubled.csv").write_text(text, newline="")
    found = counts_of(run_cli, "doubled.csv")
    assert found == {"counts": {"a": 2, "b": 1}, "missing": 0, "rows": 3}


@pytest.mark.parametrize("text", ["label\n\n", "\nlabel\r\n\r\n\r\n", "label\r\r"])
@pytest.mark.parametrize("name", ["blank.csv", "blank.csv.gz"])
def test_blank_rows_of_a_one_column_file_are_rows(project, run_cli, text, name):
    # A blank line is a row of one empty field in a one-column file, as Python's csv module
    # and DuckDB read it: when the file holds no other row, its rows are not missing.
    data = text.encode()
    (project / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    rows = text.count("\n", text.index("label")) - 1 if "\n" in text else 1
    status, found = profile(run_cli, "--select", "IG001,IG104", name)
    assert status == 1 and [f["code"] for f in found] == ["IG104"], found
    counted = found[0]["data"]["profile"]
    assert (counted["counts"], counted["missing"], counted["rows"]) == ({}, rows, rows)
    many = "s" if rows > 1 else ""
    assert (
        found[0]["message"] == f"`label` has {rows} missing label{many} of {rows} row{many} (100%)"
    )


def test_a_field_of_three_megabytes_is_valid(project, run_cli):
    note = "y" * (3 << 20)
    text = "note,label\n" + "".join(f"a,{i % 2}\n" for i in range(10)) + f'"{note}",1\nb,0\n'
    (project / "long.csv").write_text(text)
    assert counts_of(run_cli, "long.csv") == {"counts": {"0": 6, "1": 6}, "missing": 0, "rows": 12}


def test_a_long_last_row_is_counted(project, run_cli):
    # DuckDB drops a last row longer than its buffer without an error; the reader gives it room.
    text = "label\n" + "a\n" * 10 + "b" * (3 << 20)
    (project / "tail.csv").write_text(text)
    found = counts_of(run_cli, "tail.csv")
    assert found["rows"] == 11 and found["counts"]["a"] == 10


def test_labels_are_never_merged_by_parsing(project, run_cli):
    labels = ["1", "1.0", "01", "10", "1_0", "\u0661", "\uff11", " 1", "true", "True"]
    text = "x,label\n" + "".join(f"{i},{label}\n" for i, label in enumerate(labels))
    (project / "d.csv").write_text(text)
    found = counts_of(run_cli, "d.csv")
    assert sorted(found["counts"]) == sorted(labels)
    assert set(found["counts"].values()) == {1}


def test_unterminated_quote_is_ig001_naming_the_row(project, run_cli):
    (project / "q.csv").write_text('x,label\n1,a\n2,"b\n3,a\n4,b\n')
    status, found = profile(run_cli, "q.csv")
    assert status == 1 and [f["code"] for f in found] == ["IG001"]
    assert "a quoted value is never closed: the file ends inside it" in found[0]["message"]


def test_unterminated_quote_that_makes_rows_ragged_names_the_row(project, run_cli):
    (project / "q.csv").write_text('x,label\n1,a\n2,"b\n3,a\n4,b"\n5,a,7\n')
    status, found = profile(run_cli, "q.csv")
    assert status == 1 and [f["code"] for f in found] == ["IG001"]
    assert "row 4 (the header is row 1): expected 2 columns, found 3" in found[0]["message"]


@pytest.mark.parametrize("name", ["[x].parquet", "sales_*.parquet", "data?.parquet", "x.parquet"])
def test_parquet_names_are_not_globs(project, run_cli, name):
    # Files the name would match as a glob, with other classes: never counted.
    for other in ["x.parquet", "sales_1.parquet", "data1.parquet"]:
        if other != name:
            write_dataset(project / other, {"label": ["other"] * 50})
    write_dataset(project / name, {"label": ["a"] * 30 + ["b"] * 2})
    found = counts_of(run_cli, name)
    assert found == {"counts": {"a": 30, "b": 2}, "missing": 0, "rows": 32}


def test_jsonl_label_first_seen_after_the_first_megabyte(project, run_cli):
    lines = [json.dumps({"x": i, "pad": "p" * 100}) for i in range(20_000)]
    lines += [json.dumps({"x": i, "label": "late"}) for i in range(5)]
    (project / "late.jsonl").write_text("\n".join(lines) + "\n")
    found = counts_of(run_cli, "late.jsonl")
    assert found == {"counts": {"late": 5}, "missing": 20_000, "rows": 20_005}


def test_jsonl_label_whose_type_changes_is_counted_by_its_json_value(project, run_cli):
    values = [None, 1, "1", 1.0, True, "yes", None, 1]
    text = "".join(json.dumps({"label": v}) + "\n" for v in values) + '{"x": 2}\n'
    (project / "mixed.jsonl").write_text(text)
    found = counts_of(run_cli, "mixed.jsonl")
    assert found == {
        "counts": {"1": 3, '"1"': 1, "true": 1, '"yes"': 1},
        "missing": 3,
        "rows": 9,
    }


def test_gzip_csv_with_a_quoted_newline_in_the_header(project, run_cli):
    text = '"a\rb",label\n' + "".join(f"{i},{i % 2}\n" for i in range(1000))
    (project / "h.csv.gz").write_bytes(gzip.compress(text.encode()))
    assert counts_of(run_cli, "h.csv.gz")["counts"] == {"0": 500, "1": 500}


@pytest.mark.parametrize("header", ['"x",label', '"x,y",label', '"la""bel",label'])
def test_byte_order_mark_then_a_quoted_header(project, run_cli, header):
    # DuckDB finds no rows in such a file, without an error; the reader pipes the rows.
    text = "\ufeff" + header + "\n" + "".join(f"{i},{i % 2}\n" for i in range(10))
    (project / "bom.csv").write_text(text)
    found = counts_of(run_cli, "bom.csv")
    assert found == {"counts": {"0": 5, "1": 5}, "missing": 0, "rows": 10}


def test_unclosed_quote_after_a_quote_in_the_header(project, run_cli):
    # The header's own quote (a literal one in an unquoted name) must not hide it.
    (project / "q.tsv").write_bytes(b'\xef\xbb\xbflabel\t0"\n0\tlong\n"a\n""\t0')
    status, found = profile(run_cli, "q.tsv")
    assert status == 1 and [f["code"] for f in found] == ["IG001"]
    assert "a quoted value is never closed" in found[0]["message"]
