"""Speed and memory of ``imbalance-guard check`` on a large dataset, beside what a user could
do instead, measured in the same run.

Generates (once, cached under ``benchmarks/.data/``, git-ignored) a file of ``--rows`` rows
(default 10 million): 8 float features and an integer ``label`` at 97 % / 2.5 % / 0.5 %, as
CSV and as Parquet. Then, for each format, runs every command ``--runs`` times as a whole
process (imports included) and prints the median wall time and the peak memory (max RSS of
the child, from ``resource.getrusage(RUSAGE_CHILDREN)`` read in a fresh wrapper process per
run), and the ratio of imbalance-guard to the fastest alternative.

    python benchmarks/bench_datasets.py [--rows 10000000] [--runs 3] [--only csv,parquet]

The alternatives: pyarrow reading only the label column (streamed for CSV), polars
``scan_*`` with a group-by count, DuckDB ``SELECT label, count(*) ... GROUP BY 1``, and
pandas ``read_csv`` / ``read_parquet`` + ``value_counts`` (whole file, for reference).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

from bench_startup import precompile  # this directory is on sys.path: run as a script

DATA = Path(__file__).resolve().parent / ".data"
EMPTY = DATA / "empty"
SHARES = {0: 0.97, 1: 0.025, 2: 0.005}

WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
print(json.dumps({"wall": wall, "rss_mb": rss / 1024, "code": proc.returncode,
                  "stderr": proc.stderr.decode(errors="replace")[-400:]}))
"""

ALTERNATIVES = {
    "csv": {
        "pyarrow (label column, streamed)": """
import collections, sys, pyarrow.csv as pc, pyarrow.compute as pa_c
reader = pc.open_csv(sys.argv[1], convert_options=pc.ConvertOptions(include_columns=["label"]))
counts = collections.Counter()
for batch in reader:
    for item in pa_c.value_counts(batch.column(0)).to_pylist():
        counts[item["values"]] += item["counts"]
print(dict(counts))
""",
        "polars scan_csv group-by": """
import sys, polars as pl
print(pl.scan_csv(sys.argv[1]).group_by("label").len().collect())
""",
        "duckdb GROUP BY": """
import sys, duckdb
print(duckdb.sql(f"SELECT label, count(*) FROM read_csv('{sys.argv[1]}') GROUP BY 1").fetchall())
""",
        "pandas read_csv + value_counts": """
import sys, pandas as pd
print(pd.read_csv(sys.argv[1])["label"].value_counts(dropna=False))
""",
    },
    "parquet": {
        "pyarrow (label column)": """
import sys, pyarrow.parquet as pq, pyarrow.compute as pa_c
print(pa_c.value_counts(pq.read_table(sys.argv[1], columns=["label"]).column(0)))
""",
        "polars scan_parquet group-by": """
import sys, polars as pl
print(pl.scan_parquet(sys.argv[1]).group_by("label").len().collect())
""",
        "duckdb GROUP BY": """
import sys, duckdb
print(duckdb.sql(f"SELECT label, count(*) FROM '{sys.argv[1]}' GROUP BY 1").fetchall())
""",
        "pandas read_parquet + value_counts": """
import sys, pandas as pd
print(pd.read_parquet(sys.argv[1])["label"].value_counts(dropna=False))
""",
    },
}


def generate(rows: int) -> dict[str, Path]:
    """Write the CSV and Parquet files for ``rows`` rows, unless they already exist."""
    DATA.mkdir(parents=True, exist_ok=True)
    paths = {fmt: DATA / f"bench_{rows}.{fmt}" for fmt in ("csv", "parquet")}
    if all(p.exists() for p in paths.values()):
        return paths
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as pc
    import pyarrow.parquet as pq

    rng = np.random.default_rng(42)
    chunk = 1_000_000
    schema = pa.schema(
        [*(pa.field(f"f{i}", pa.float64()) for i in range(8)), pa.field("label", pa.int64())]
    )
    parquet_tmp, csv_tmp = (p.with_suffix(p.suffix + ".tmp") for p in paths.values())
    with pq.ParquetWriter(parquet_tmp, schema) as pw, pc.CSVWriter(csv_tmp, schema) as cw:
        done = 0
        while done < rows:
            n = min(chunk, rows - done)
            features = [pa.array(rng.normal(size=n)) for _ in range(8)]
            label = rng.choice(list(SHARES), size=n, p=list(SHARES.values()))
            table = pa.Table.from_arrays([*features, pa.array(label)], schema=schema)
            pw.write_table(table)
            cw.write_table(table)
            done += n
    parquet_tmp.rename(paths["parquet"])
    csv_tmp.rename(paths["csv"])
    return paths


def measure(command: list[str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="csv,parquet", help="formats to measure")
    args = parser.parse_args()
    precompile()  # measure the tool as pip installs it: with bytecode
    paths = generate(args.rows)
    EMPTY.mkdir(exist_ok=True)
    tool = [sys.executable, "-m", "imbalance_guard", "check", "--no-color", "--exit-zero"]
    for fmt in args.only.split(","):
        path = paths[fmt]
        commands = {"imbalance-guard check": [*tool, str(path)]}
        # The CLI's own start-up (imports, plugins, entry points), on a directory with no file.
        commands["(imbalance-guard start-up only)"] = [*tool, str(EMPTY)]
        for name, script in ALTERNATIVES[fmt].items():
            commands[name] = [sys.executable, "-c", script, str(path)]
        results: dict[str, list[dict]] = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved, so drift on a shared machine hits all alike
            for name, command in commands.items():
                results[name].append(measure(command))
        size = path.stat().st_size / 1e6
        print(
            f"\n{fmt}: {path.name}, {args.rows:,} rows, {size:,.0f} MB, median of {args.runs} runs"
        )
        print(f"{'command':<36} {'wall s':>8} {'peak MB':>9}")
        summary = {}
        for name, runs in results.items():
            failed = [r for r in runs if r["code"] not in (0, 1)]
            if failed:
                print(f"{name:<36} failed: {failed[0]['stderr'].strip()[-200:]}")
                continue
            wall = statistics.median(r["wall"] for r in runs)
            peak = max(r["rss_mb"] for r in runs)
            summary[name] = (wall, peak)
            print(f"{name:<36} {wall:8.2f} {peak:9.0f}")
        others = {k: v for k, v in summary.items() if not k.startswith(("imbalance", "("))}
        if "imbalance-guard check" in summary and others:
            fastest = min(others, key=lambda k: others[k][0])
            ratio = summary["imbalance-guard check"][0] / others[fastest][0]
            print(f"ratio to the fastest ({fastest}): {ratio:.2f}x")
            if "(imbalance-guard start-up only)" in summary:
                start = summary["(imbalance-guard start-up only)"][0]
                net = (summary["imbalance-guard check"][0] - start) / others[fastest][0]
                print(f"same, less imbalance-guard's start-up: {net:.2f}x")


if __name__ == "__main__":
    main()
