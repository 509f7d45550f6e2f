"""The comparison's memory is bounded: a train file far larger than the budget still compares.

A child process lowers DuckDB's budget to 64 MB and compares a generated train file whose
rows take several times that in a hash table; the join must spill to disk to finish. The
result must be exact, the process's peak resident memory under 300 MB, and no spill file
may stay behind. Not a timed test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CHILD = """
import json, os, resource, sys, tempfile
from pathlib import Path
import duckdb
from imbalance_guard.data import overlap

folder = Path(sys.argv[1])
rows = "SELECT i AS id, md5(i::VARCHAR) AS h1, md5((i * 7)::VARCHAR) AS h2, " \\
       "'city' || (i % 97) AS city, i % 2 AS label FROM range({}, {}) t(i)"
con = duckdb.connect()
con.execute(f"COPY ({rows.format(0, 1_200_000)}) TO '{folder / 'train.csv'}' (HEADER)")
con.execute(f"COPY ({rows.format(1_100_000, 1_300_000)}) TO '{folder / 'test.csv'}' (HEADER)")
con.close()
overlap.MEMORY_LIMIT = "64MB"
os.environ["TMPDIR"] = str(folder / "tmp")
(folder / "tmp").mkdir()
tempfile.tempdir = None
found = overlap.shared_rows(folder / "train.csv", folder / "test.csv")
print(json.dumps({
    "shared": found.shared, "rows": found.test_rows, "examples": list(found.examples),
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    "left": os.listdir(folder / "tmp"),
    "train_mb": (folder / "train.csv").stat().st_size // 2**20,
}))
"""


def test_a_train_file_larger_than_the_budget_compares_in_bounded_memory(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)], capture_output=True, text=True, check=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["train_mb"] > 80  # well over the 64 MB budget once in a hash table
    assert (result["shared"], result["rows"], result["examples"]) == (100_000, 200_000, [1, 2, 3])
    assert result["peak_mb"] < 300
    assert result["left"] == []  # the spill directory is removed


def test_a_wide_file_compares_within_the_budget(tmp_path: Path) -> None:
    """1,000 columns: one key per row, not a join over 1,000 key columns (out of memory)."""
    import csv

    from imbalance_guard.data.overlap import shared_rows

    names = [f"pixel{i}" for i in range(1000)]
    rows = [[str((r * i) % 11) for i in range(1000)] for r in range(300)]
    for name, part in (("train.csv", rows), ("test.csv", [*rows[::3], ["x"] * 1000])):
        with (tmp_path / name).open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(names)
            writer.writerows(part)
    found = shared_rows(tmp_path / "train.csv", tmp_path / "test.csv")
    assert (found.shared, found.test_rows, found.examples) == (100, 101, (1, 2, 3))
    assert len(found.columns) == 1000
