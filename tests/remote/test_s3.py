"""`imbalance-guard check s3://…` against a real S3 protocol server on 127.0.0.1 (moto)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.remote.conftest import SECRET

SKEWED_CSV = "amount,is_fraud\n" + "1.5,0\n" * 95 + "9.0,1\n" * 5


def check(run_cli, *args: str):
    result = run_cli("check", "--no-color", *args)
    assert SECRET not in result.output
    return result


def findings(run_cli, *args: str) -> list[tuple[str, str, str]]:
    result = check(run_cli, "--output-format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return sorted((f["code"], f["filename"], f["message"]) for f in _json(result.output))


def _json(text: str) -> list[dict]:
    data = json.loads(text)
    return data["findings"] if isinstance(data, dict) else data


def wide_table(rows: int) -> pa.Table:
    """Feature columns that dwarf the label column (1 fraud row in 25)."""
    return pa.table(
        {
            "amount": [float(i % 977) / 7 for i in range(rows)],
            "note": [f"transaction {i} at shop {i % 1013}" for i in range(rows)],
            "is_fraud": [int(i % 25 == 0) for i in range(rows)],
        }
    )


def test_parquet_object_has_the_findings_of_the_same_local_file(s3, run_cli, project) -> None:
    pq.write_table(wide_table(5_000), project / "train.parquet")
    s3.mkdir("bkt")
    s3.put(str(project / "train.parquet"), "bkt/sets/train.parquet")

    remote = findings(run_cli, "s3://bkt/sets/train.parquet")
    local = findings(run_cli, "train.parquet")

    assert [code for code, _, _ in remote] == ["IG101"]
    assert {path for _, path, _ in remote} == {"s3://bkt/sets/train.parquet"}
    assert [(c, m) for c, _, m in remote] == [(c, m) for c, _, m in local]
    assert "0: 4,800 (96%), 1: 200 (4%)" in remote[0][2]


def test_only_the_label_column_chunks_are_requested(s3, s3_server, run_cli, project) -> None:
    path = project / "wide.parquet"
    pq.write_table(wide_table(300_000), path, row_group_size=100_000)
    s3.mkdir("bkt")
    s3.put(str(path), "bkt/wide.parquet")
    size = path.stat().st_size
    meta = pq.ParquetFile(path).metadata
    chunks = {"label": [], "other": []}
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        for c in range(group.num_columns):
            column = group.column(c)
            start = min(o for o in (column.dictionary_page_offset, column.data_page_offset) if o)
            kind = "label" if column.path_in_schema == "is_fraud" else "other"
            chunks[kind].append((start, start + column.total_compressed_size))
    s3_server.log.clear()

    result = check(run_cli, "s3://bkt/wide.parquet")

    assert result.exit_code == 1 and "IG101" in result.output, result.output
    gets = [e for e in s3_server.requests_for("/bkt/wide.parquet") if e["method"] == "GET"]
    assert gets and all(e["range"] for e in gets)  # never the whole object
    ranges = [tuple(int(x) for x in e["range"].removeprefix("bytes=").split("-")) for e in gets]
    footer, *column_reads = sorted(ranges, key=lambda r: -r[1])  # the tail: the footer
    assert footer[1] == size - 1
    for first, last in column_reads:  # every other read lies within label chunks
        assert not any(first < end and start <= last for start, end in chunks["other"])
    for start, end in chunks["label"]:  # and every label chunk was read
        assert any(first <= start and end - 1 <= last for first, last in ranges)
    served = sum(e["bytes"] for e in gets)
    label_bytes = sum(end - start for start, end in chunks["label"])
    assert served <= footer[1] - footer[0] + 1 + label_bytes
    assert served < size / 20


def test_csv_object_is_checked_like_the_local_file(s3, run_cli, project) -> None:
    (project / "train.csv").write_text(SKEWED_CSV)
    s3.mkdir("bkt")
    s3.put(str(project / "train.csv"), "bkt/train.csv")
    remote = findings(run_cli, "s3://bkt/train.csv")
    local = findings(run_cli, "train.csv")
    assert [(c, m) for c, _, m in remote] == [(c, m) for c, _, m in local]
    assert [p for _, p, _ in remote] == ["s3://bkt/train.csv"] * len(remote) and remote


def test_a_prefix_checks_every_dataset_under_it(s3, run_cli, project) -> None:
    s3.mkdir("bkt")
    s3.pipe(
        {
            "bkt/sets/a.csv": SKEWED_CSV.encode(),
            "bkt/sets/notes.txt": b"not a dataset",
            "bkt/sets/deep/b.jsonl": b'{"label": "x"}\n' * 40 + b'{"label": "y"}\n' * 2,
            "bkt/other/c.csv": SKEWED_CSV.encode(),
        }
    )
    pq.write_table(wide_table(1_000), project / "p.parquet")
    s3.put(str(project / "p.parquet"), "bkt/sets/part-0.parquet")

    result = check(run_cli, "--output-format", "json", "s3://bkt/sets/")

    paths = {f["filename"] for f in _json(result.output)}
    assert paths == {
        "s3://bkt/sets/a.csv",
        "s3://bkt/sets/deep/b.jsonl",
        "s3://bkt/sets/part-0.parquet",
    }, result.output
    assert result.exit_code == 1
    # Without the trailing slash, the same prefix; excludes apply below it.
    (project / "pyproject.toml").write_text('[tool.imbalance-guard]\nextend-exclude = ["deep"]\n')
    again = check(run_cli, "--output-format", "json", "s3://bkt/sets")
    assert {f["filename"] for f in _json(again.output)} == paths - {"s3://bkt/sets/deep/b.jsonl"}


def test_a_missing_object_and_bucket_are_ig001(s3, run_cli, project) -> None:
    s3.mkdir("bkt")
    result = check(run_cli, "s3://bkt/nope.parquet", "s3://no-such-bucket/train.csv")
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if "IG001" in line]
    assert any(
        line.startswith("s3://bkt/nope.parquet") and "no such object" in line for line in lines
    ), result.output
    assert any(
        line.startswith("s3://no-such-bucket/train.csv") and "no such bucket" in line
        for line in lines
    ), result.output
    assert "Traceback" not in result.output


def test_denied_access_is_ig001_with_a_hint(s3, run_cli) -> None:
    result = check(run_cli, "s3://private/train.parquet")
    assert result.exit_code == 1, result.output
    (line,) = [line for line in result.output.splitlines() if "IG001" in line]
    assert line.startswith("s3://private/train.parquet")
    assert "access denied" in line and "AWS_ACCESS_KEY_ID" in line


def test_no_credentials_is_ig001_with_a_hint(s3, run_cli, monkeypatch) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    result = check(run_cli, "s3://bkt/train.parquet")
    assert result.exit_code == 1, result.output
    (line,) = [line for line in result.output.splitlines() if "IG001" in line]
    assert "no credentials found" in line and "AWS_PROFILE" in line


def test_a_silent_endpoint_is_ig001_after_the_timeout(s3, project) -> None:
    # A server that accepts connections and never answers: the run must end on its own.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    (project / "pyproject.toml").write_text("[tool.imbalance-guard.data]\nremote-timeout = 1\n")
    env = {**os.environ, "AWS_ENDPOINT_URL": f"http://127.0.0.1:{listener.getsockname()[1]}"}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "imbalance_guard", "check", "s3://bkt/train.parquet"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        stop.set()
        thread.join()
        for conn in accepted:
            conn.close()
        listener.close()
    assert done.returncode == 1, done.stdout + done.stderr
    assert "IG001" in done.stdout and "no answer from the store within 1 s" in done.stdout
    assert "remote-timeout" in done.stdout and "Traceback" not in done.stderr
    assert SECRET not in done.stdout + done.stderr


def test_the_timeout_setting_is_validated(project, run_cli) -> None:
    (project / "pyproject.toml").write_text("[tool.imbalance-guard.data]\nremote-timeout = 0\n")
    result = run_cli("check", "s3://bkt/x.csv")
    assert result.exit_code == 2
    assert "data.remote-timeout: must be from 1 to 3600 (got 0)" in result.output


def test_paths_are_unchanged_for_local_files(project, run_cli) -> None:
    # An argument that merely looks like a scheme is still a local path.
    folder = Path(project / "s3:")
    folder.mkdir()
    (folder / "x.csv").write_text(SKEWED_CSV)
    result = run_cli("check", "--no-color", "s3:/x.csv")
    assert result.exit_code == 1 and "s3:/x.csv" in result.output


COLUMNS = {
    "label": pa.array(["a"] * 50 + ["b"] * 4 + [None] * 2),
    "target": pa.array([True] * 52 + [False] * 4),
    "class": pa.array([1.0] * 40 + [0.0] * 14 + [float("nan"), None]),
    "y": pa.array([3] * 52 + [7] * 4).dictionary_encode(),
}


@pytest.mark.parametrize("column", sorted(COLUMNS))
def test_remote_parquet_counts_equal_the_local_reader(column, s3, run_cli, project) -> None:
    # The local reader counts Parquet with DuckDB, the remote one with pyarrow over byte
    # ranges: the same findings, messages and counts, whatever the label's type.
    pq.write_table(pa.table({"x": list(range(56)), column: COLUMNS[column]}), project / "t.parquet")
    s3.mkdir("bkt")
    s3.put(str(project / "t.parquet"), "bkt/t.parquet")
    (project / "pyproject.toml").write_text(f'[tool.imbalance-guard.data]\nlabel = "{column}"\n')

    def profile(target: str) -> list[tuple]:
        result = check(run_cli, "--output-format", "json", target)
        return sorted(
            (f["code"], f["message"], json.dumps(f["data"].get("profile"), sort_keys=True))
            for f in _json(result.output)
        )

    local = profile("t.parquet")
    assert local, "the fixture must produce findings to compare"
    assert profile("s3://bkt/t.parquet") == local


def test_a_corrupt_parquet_object_is_ig001(s3, run_cli, project) -> None:
    pq.write_table(wide_table(100), project / "t.parquet")
    data = (project / "t.parquet").read_bytes()
    s3.mkdir("bkt")
    s3.pipe({"bkt/cut.parquet": data[: len(data) // 2], "bkt/text.parquet": b"a,b\n1,2\n"})
    result = check(run_cli, "s3://bkt/cut.parquet", "s3://bkt/text.parquet")
    assert result.exit_code == 1, result.output
    lines = sorted(line for line in result.output.splitlines() if "IG001" in line)
    assert [line.split(":", 2)[:2] for line in lines] == [
        ["s3", "//bkt/cut.parquet"],
        ["s3", "//bkt/text.parquet"],
    ]
    assert all("cannot read as Parquet" in line for line in lines), lines
