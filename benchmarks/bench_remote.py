"""Parquet on a local S3 server (moto, 127.0.0.1) against the same file on local disk.

    .venv/bin/python benchmarks/bench_remote.py [--rows 2000000] [--repeat 3]

Writes a wide Parquet file (two float features, a text column, a 1-in-25 label) under
benchmarks/.data, uploads it to an S3 server started here on 127.0.0.1, and runs
``imbalance-guard check`` on each (in a fresh process, best of ``--repeat``): wall time,
the bytes of the object the server sent (S3), and the bytes the process read from files
(``rchar`` of /proc/self/io, local disk). Not a test: numbers vary with the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

DATA = Path(__file__).resolve().parent / ".data"

PROBE = """
import json, sys, time
def rchar():
    with open("/proc/self/io") as f:
        return int(next(l for l in f if l.startswith("rchar")).split()[1])
before, start = rchar(), time.perf_counter()
from imbalance_guard.cli import main
sys.argv = ["imbalance-guard", "check", "-q", sys.argv[1]]
try:
    main()
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "seconds": time.perf_counter() - start,
                  "rchar": rchar() - before}))
"""


def make_file(rows: int) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = DATA / f"remote-bench-{rows}.parquet"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    import pyarrow.compute as pc

    ids = pa.array(range(rows))
    table = pa.table(
        {
            "amount": pc.divide(pc.cast(pc.bit_wise_and(ids, 1023), pa.float64()), 7.0),
            "score": pc.sqrt(pc.cast(ids, pa.float64())),
            "note": pc.binary_join_element_wise(
                pa.array(["transaction"] * rows), pc.cast(ids, pa.string()), " "
            ),
            "is_fraud": pc.cast(pc.equal(pc.bit_wise_and(ids, 31), 0), pa.int8()),
        }
    )
    pq.write_table(table, path, row_group_size=500_000)
    return path


def start_server() -> tuple[str, list[dict]]:
    from moto.moto_server.threaded_moto_server import MotoRequestHandler
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import make_server

    app = DomainDispatcherApplication(create_backend_app)
    log: list[dict] = []

    def recorded(environ, start_response):
        entry = {"path": environ["PATH_INFO"], "bytes": 0}
        log.append(entry)
        for chunk in app(environ, start_response):
            entry["bytes"] += len(chunk)
            yield chunk

    server = make_server("127.0.0.1", 0, recorded, True, request_handler=MotoRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", log


def run(target: str, env: dict, cwd: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, target],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    path = make_file(args.rows)
    size = path.stat().st_size
    endpoint, log = start_server()
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    os.environ.update(env)
    import s3fs

    fs = s3fs.S3FileSystem(skip_instance_cache=True)
    fs.mkdir("bench")
    fs.put(str(path), "bench/data.parquet")
    print(f"file: {args.rows:,} rows, {size:,} bytes ({size / 2**20:.1f} MiB)")

    results = {}
    for name, target in (("local disk", str(path)), ("S3 (moto)", "s3://bench/data.parquet")):
        best = None
        for _ in range(args.repeat):
            log.clear()
            measured = run(target, env, DATA)
            assert measured["code"] == 1, measured  # IG101: the label is 1 in 32
            measured["served"] = sum(e["bytes"] for e in log if e["path"].endswith(".parquet"))
            measured["requests"] = len(log)
            if best is None or measured["seconds"] < best["seconds"]:
                best = measured
        results[name] = best
    for name, m in results.items():
        served = f", object bytes sent by the server {m['served']:,}" if m["served"] else ""
        print(
            f"{name:>11}: {m['seconds']:.2f} s, process read {m['rchar']:,} bytes "
            "(every file, its Python modules included)"
            f"{served} ({m['requests']} requests)"
        )
    s3 = results["S3 (moto)"]
    print(f"S3 object bytes fetched: {s3['served'] / size:.2%} of the file")


if __name__ == "__main__":
    main()
