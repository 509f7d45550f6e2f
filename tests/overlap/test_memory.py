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
from imbalance_guard.data import overlap

def peak_mb():
    # VmHWM: this program's own peak. ru_maxrss may be the parent's, from before the
    # fork (Linux keeps the high-water mark across exec): a long pytest run is ~700 MB.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024

folder = Path(sys.argv[1])
overlap.MEMORY_LIMIT = "64MB"
os.environ["TMPDIR"] = str(folder / "tmp")
(folder / "tmp").mkdir()
tempfile.tempdir = None
found = overlap.shared_rows(folder / "train.csv", folder / "test.csv")
print(json.dumps({
    "shared": found.shared, "rows": found.test_rows, "examples": list(found.examples),
    "peak_mb": peak_mb(),
    "left": os.listdir(folder / "tmp"),
}))
"""


def generate(folder: Path) -> None:
    """Train rows 0 to 1.2 million, test rows 1.1 to 1.3 million: 100,000 shared, the first
    ones first. Written here, so that the child's peak memory is the comparison's own."""
    import duckdb

    rows = (
        "SELECT i AS id, md5(i::VARCHAR) AS h1, md5((i * 7)::VARCHAR) AS h2, "
        "'city' || (i % 97) AS city, i % 2 AS label FROM range({}, {}) t(i)"
    )
    con = duckdb.connect()
    try:
        con.execute("SET threads = 1")
        con.execute(f"SET temp_directory = '{folder / 'gen'}'")
        for name, (start, end) in (("train", (0, 1_200_000)), ("test", (1_100_000, 1_300_000))):
            con.execute(f"COPY ({rows.format(start, end)}) TO '{folder / name}.csv' (HEADER)")
    finally:
        con.close()


def test_a_train_file_larger_than_the_budget_compares_in_bounded_memory(tmp_path: Path) -> None:
    generate(tmp_path)
    assert (tmp_path / "train.csv").stat().st_size > 80 * 2**20  # far over 64 MB as a table
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)], capture_output=True, text=True, check=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
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
