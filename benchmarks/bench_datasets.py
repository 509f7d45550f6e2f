"""Speed and memory of ``imbalance-guard check`` on a large dataset, beside what a user could
do instead, measured in the same run.

Generates (once, cached under ``benchmarks/.data/``, git-ignored) files of ``--rows`` rows
(default 10 million): 8 float features and an integer ``label`` at 97 % / 2.5 % / 0.5 %, as
CSV and as Parquet, and a CSV of reviews (``csv-text``: an id, a free-text column whose
values hold quoted line breaks in two rows of three, a label). Then, for each file, runs
every command ``--runs`` times as a whole process (imports included) and prints the median
wall time and the peak memory (max RSS of the child, from
``resource.getrusage(RUSAGE_CHILDREN)`` read in a fresh wrapper process per run), and two
ratios: to the engine the reader uses, counting the same file with the same strictness,
and to the fastest of polars, DuckDB and pyarrow. For CSV, DuckDB runs twice: as the reader
runs it (label column only; the reader checks the other bytes itself), and reading every
column, which is how DuckDB alone gets the reader's strictness.

    python benchmarks/bench_datasets.py [--rows 10000000] [--runs 3] [--only csv,csv-text,parquet]

The alternatives: DuckDB with the reader's options (strict; label column only, and every
column read), DuckDB's default ``read_csv`` (sniffed dialect, label column only),
polars ``scan_*`` with a group-by count (lenient: it pads short rows and drops extra
fields), polars reading every column of a CSV file (the strictest it gets: it refuses
extra fields, yet pads short rows and counts a blank line as a row), and pyarrow reading
only the label column (streamed for CSV).
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

# DuckDB with the reader's options. argv: path, number of columns, label index, and "all" to
# read every other column too: the strictness of the reader (every byte checked as UTF-8)
# from DuckDB alone. The reader itself has DuckDB read the label column only and checks the
# bytes on a thread of its own (data/read_csv.py).
DUCKDB_AS_THE_READER = """
import os, sys, duckdb
fd = os.open(sys.argv[1], os.O_RDONLY)
n, label = int(sys.argv[2]), int(sys.argv[3])
types = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(n))
every = sys.argv[4:] == ["all"]
others = "".join(f", count(c{i})" for i in range(n) if i != label) if every else ""
print(duckdb.connect().execute(
    f"SELECT c{label}, count(*){others} FROM read_csv('/proc/self/fd/{fd}', header = true, "
    f"auto_detect = false, columns = {{{types}}}, strict_mode = true, delim = ',', "
    f"quote = '\\"', escape = '\\"', max_line_size = 2000000) GROUP BY 1").fetchall())
"""

STRICT_DUCKDB = "duckdb strict, every column read"
POLARS_EVERY_COLUMN = "polars, every column read"
CSV_ALTERNATIVES = {
    "duckdb, as the reader runs it": DUCKDB_AS_THE_READER,
    STRICT_DUCKDB: DUCKDB_AS_THE_READER,
    "duckdb read_csv (sniffed, label only)": """
import sys, duckdb
print(duckdb.sql(f"SELECT label, count(*) FROM read_csv('{sys.argv[1]}') GROUP BY 1").fetchall())
""",
    "polars scan_csv group-by": """
import sys, polars as pl
scan = pl.scan_csv(sys.argv[1], schema_overrides={"label": pl.String})
print(scan.group_by("label").len().collect())
""",
    # polars as strict as it can be: reading every column, it refuses a row with more
    # fields than the header, but still pads a short row and counts a blank line as a row.
    POLARS_EVERY_COLUMN: """
import sys, polars as pl
names = pl.scan_csv(sys.argv[1], n_rows=0).collect_schema().names()
scan = pl.scan_csv(sys.argv[1], schema={name: pl.String for name in names})
others = [pl.col(name).null_count() for name in names if name != "label"]
print(scan.select(pl.col("label").value_counts(), *others).collect())
""",
    "pyarrow (label column, streamed)": """
import collections, sys, pyarrow as pa, pyarrow.csv as pc, pyarrow.compute as pa_c
reader = pc.open_csv(
    sys.argv[1],
    parse_options=pc.ParseOptions(newlines_in_values=True),
    convert_options=pc.ConvertOptions(
        include_columns=["label"], column_types={"label": pa.string()}
    ),
)
counts = collections.Counter()
for batch in reader:
    for item in pa_c.value_counts(batch.column(0)).to_pylist():
        counts[item["values"]] += item["counts"]
print(dict(counts))
""",
}

ALTERNATIVES = {
    "csv": CSV_ALTERNATIVES,
    "csv-text": CSV_ALTERNATIVES,
    "parquet": {
        "duckdb GROUP BY (the reader's engine)": """
import os, sys, duckdb
fd = os.open(sys.argv[1], os.O_RDONLY)
print(duckdb.connect().execute(
    f"SELECT label, count(*) FROM read_parquet('/proc/self/fd/{fd}') GROUP BY 1").fetchall())
""",
        "pyarrow (label column)": """
import sys, pyarrow.parquet as pq, pyarrow.compute as pa_c
print(pa_c.value_counts(pq.read_table(sys.argv[1], columns=["label"]).column(0)))
""",
        "polars scan_parquet group-by": """
import sys, polars as pl
print(pl.scan_parquet(sys.argv[1]).group_by("label").len().collect())
""",
    },
}
# The engine each reader uses, for the first ratio.
ENGINE = {
    "csv": "duckdb, as the reader runs it",
    "csv-text": "duckdb, as the reader runs it",
    "parquet": "duckdb GROUP BY (the reader's engine)",
}
# (number of columns, index of the label) of each generated file, for the reader's query.
SHAPE = {"csv": (9, 8), "csv-text": (3, 2)}
REVIEWS = [
    "Great product, would buy again.",
    'Arrived late.\nThe box was "damaged", contents fine.',
    "Two lines:\r\nfirst, then second",
]


def generate(rows: int) -> dict[str, Path]:
    """Write the CSV and Parquet files for ``rows`` rows, unless they already exist."""
    DATA.mkdir(parents=True, exist_ok=True)
    paths = {fmt: DATA / f"bench_{rows}.{fmt}" for fmt in ("csv", "parquet")}
    paths["csv-text"] = DATA / f"bench_{rows}_reviews.csv"
    if not paths["csv-text"].exists():
        generate_reviews(rows, paths["csv-text"])
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
    parquet_tmp = paths["parquet"].with_suffix(".parquet.tmp")
    csv_tmp = paths["csv"].with_suffix(".csv.tmp")
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


def generate_reviews(rows: int, path: Path) -> None:
    """An id, a review (quoted line breaks in two rows of three) and a label, as CSV."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as pc

    rng = np.random.default_rng(7)
    schema = pa.schema([("id", pa.int64()), ("review", pa.string()), ("label", pa.int64())])
    tmp = path.with_suffix(".tmp")
    with pc.CSVWriter(tmp, schema) as writer:  # strings are quoted: the line breaks stay
        done = 0
        while done < rows:
            n = min(1_000_000, rows - done)
            review = pa.array(REVIEWS).take(pa.array(rng.integers(0, 3, size=n)))
            label = rng.choice(list(SHARES), size=n, p=list(SHARES.values()))
            ids = pa.array(np.arange(done, done + n))
            writer.write_table(pa.Table.from_arrays([ids, review, pa.array(label)], schema=schema))
            done += n
    tmp.rename(path)


def measure(command: list[str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="csv,csv-text,parquet", help="files to measure")
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
            shape = [str(n) for n in SHAPE.get(fmt, ())] if script is DUCKDB_AS_THE_READER else []
            shape += ["all"] if name == STRICT_DUCKDB else []
            commands[name] = [sys.executable, "-c", script, str(path), *shape]
        results: dict[str, list[dict]] = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved, so drift on a shared machine hits all alike
            for name, command in commands.items():
                results[name].append(measure(command))
        size = path.stat().st_size / 1e6
        print(
            f"\n{fmt}: {path.name}, {args.rows:,} rows, {size:,.0f} MB, median of {args.runs} runs"
        )
        print(f"{'command':<40} {'wall s':>8} {'peak MB':>9}")
        summary = {}
        for name, runs in results.items():
            failed = [r for r in runs if r["code"] not in (0, 1)]
            if failed:
                print(f"{name:<40} failed: {failed[0]['stderr'].strip()[-200:]}")
                continue
            wall = statistics.median(r["wall"] for r in runs)
            peak = max(r["rss_mb"] for r in runs)
            summary[name] = (wall, peak)
            print(f"{name:<40} {wall:8.2f} {peak:9.0f}")
        if "imbalance-guard check" not in summary:
            continue
        ours = summary["imbalance-guard check"][0]
        engine = ENGINE[fmt]
        for name in (engine, STRICT_DUCKDB, POLARS_EVERY_COLUMN):
            if name in summary and name in ALTERNATIVES[fmt]:
                print(f"ratio to {name}: {ours / summary[name][0]:.2f}x")
        others = {k: v for k, v in summary.items() if k.startswith(("duckdb", "polars", "pyarrow"))}
        if others:
            fastest = min(others, key=lambda k: others[k][0])
            print(f"ratio to the fastest ({fastest}): {ours / others[fastest][0]:.2f}x")
            if "(imbalance-guard start-up only)" in summary:
                start = summary["(imbalance-guard start-up only)"][0]
                net = (ours - start) / others[fastest][0]
                print(f"same, less imbalance-guard's start-up: {net:.2f}x")


if __name__ == "__main__":
    main()
