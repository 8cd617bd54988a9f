"""Ingest throughput: `tradestats ingest` against DuckDB's own CSV-to-Parquet COPY, same file.

Usage: python bench/bench_ingest.py --rows 10000000 --repeats 3 [--workdir bench/out]

Prints a Markdown section for BENCHMARKS.md: median seconds, rows per second, the ratio of
our throughput to DuckDB's, and the peak memory of each. The file is clean, so `tradestats
ingest` takes its direct route; the checked route (files with rows to clean or reject) is
measured too, forced on the same file.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import duckdb

from measure import Run, median, python, run_child

GENERATE = """
COPY (
  SELECT
    '202' || (4 + i % 2) || '-' || lpad(CAST(1 + (i // 7) % 12 AS VARCHAR), 2, '0') AS period,
    CASE WHEN i % 3 = 0 THEN 'import' ELSE 'export' END AS flow,
    lpad(CAST(10121000 + (i * 7919) % 89000000 AS VARCHAR), 8, '0') AS hs_code,
    (['USA','KOR','JPN','DEU','VNM','NAM','BRA','RUS','IDN','AUS'])[1 + i % 10] AS partner,
    CAST(round(((i * 2654435761) % 100000000) / 100.0 + 1, 2) AS DECIMAL(18,2)) AS value_cny,
    CAST(round(((i * 2654435761) % 100000000) / 710.0 + 1, 2) AS DECIMAL(18,2)) AS value_usd,
    CAST((i % 5000) AS DECIMAL(18,3)) AS quantity,
    'kg' AS unit,
    (['0110','0615','0214','1210'])[1 + i % 4] AS trade_mode,
    'E' || (i % 800000) AS enterprise_id,
    (['private','state_owned','foreign_invested'])[1 + i % 3] AS enterprise_type,
    (['37','44','32','31','11','33'])[1 + i % 6] AS region,
    CAST(i % 5 AS VARCHAR) AS brand_type,
    CAST(1 + i % 9 AS VARCHAR) AS transport_mode
  FROM range({rows}) t(i)
) TO '{path}' (FORMAT csv, HEADER true)
"""

DUCKDB_COPY = (
    'import duckdb, sys; duckdb.sql("COPY (SELECT * FROM read_csv(\'" + sys.argv[1] + '
    '"\', all_varchar=true)) TO \'" + sys.argv[2] + "\' (FORMAT parquet)")'
)
TRADESTATS = (
    "import sys; from tradestats.ingest import ingest_files; "
    "r = ingest_files(sys.argv[2], [sys.argv[1]]); assert r.route == 'direct', r.route"
)
# The route taken by files that need cleaning or hold a bad row (forced here on a clean file).
TRADESTATS_CHECKED = (
    "import sys; from tradestats.ingest import direct, ingest_files; "
    "direct.eligible = lambda sources: None; "
    "r = ingest_files(sys.argv[2], [sys.argv[1]]); assert r.route == 'checked', r.route"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("bench/out"))
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    csv = args.workdir / f"canonical-{args.rows}.csv"
    if not csv.exists():
        duckdb.sql(GENERATE.format(rows=args.rows, path=csv))
    ways = {
        "tradestats ingest (direct route)": TRADESTATS,
        "tradestats ingest (checked route)": TRADESTATS_CHECKED,
    }
    runs: dict[str, list[Run]] = {"duckdb COPY": [], **{name: [] for name in ways}}
    for _ in range(args.repeats):  # alternate so that all see the same machine state
        out = args.workdir / "copy.parquet"
        runs["duckdb COPY"].append(run_child(python(DUCKDB_COPY, str(csv), str(out))))
        for name, code in ways.items():
            store = args.workdir / "store"
            shutil.rmtree(store, ignore_errors=True)
            runs[name].append(run_child(python(code, str(csv), str(store))))
    report(args.rows, csv, {k: median(v) for k, v in runs.items()}, args.repeats)


def report(rows: int, csv: Path, med: dict[str, Run], repeats: int) -> None:
    size = csv.stat().st_size / 1e6
    base = med["duckdb COPY"].seconds
    print(f"### Ingest, {rows:,} rows ({size:,.0f} MB canonical CSV), median of {repeats}\n")
    print("| engine | seconds | CPU seconds | rows/s | throughput vs DuckDB COPY | peak MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, run in med.items():
        print(
            f"| {name} | {run.seconds:.2f} | {run.cpu_seconds:.1f} | {rows / run.seconds:,.0f} | "
            f"{base / run.seconds:.2f} | {run.peak_mb:,.0f} |"
        )


if __name__ == "__main__":
    main()
