"""Benchmark: the indices' elementary aggregation (code x unit x partner x month) at scale.

tradestats' Ibis expression (``tradestats.indices.elementary.elementary_expr`` on the DuckDB
backend) against the query a DuckDB expert would write by hand over the same Parquet files,
and polars' lazy scan; then the whole monthly Fisher index (aggregation + chain-linking in
pandas). Every way runs in a fresh child process, round-robin, median of the repeats; the
cell counts and value totals are checked equal.

Example:
    .venv/bin/python bench/bench_indices.py --rows 10000000 --repeats 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

import bench_engine as be

from measure import python, run_child

MONTHS = [f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13)]

TRADESTATS = """
import json, sys, time
from pathlib import Path
from tradestats.backends.duckdb import DuckDBBackend
from tradestats.indices.elementary import elementary_expr
files = [Path(f) for f in json.loads(sys.argv[1])]
start = time.perf_counter()
b = DuckDBBackend()
t = b.execute(elementary_expr(b.records(files), json.loads(sys.argv[2]), "month", "value_cny"))
done = time.perf_counter() - start
total = sum(v for v in t.column("value").to_pylist())
Path(sys.argv[3]).write_text(json.dumps([t.num_rows, str(total), done]))
"""

EXPERT_SQL = """
import json, sys, time, duckdb
files = json.loads(sys.argv[1])
start = time.perf_counter()
con = duckdb.connect()
t = con.sql(f'''
SELECT period, flow, hs_code, unit, partner, sum(value_cny) AS value,
       sum(quantity) AS quantity, count(*) AS lines
FROM read_parquet({files!r})
WHERE flow IN ('export', 'import') AND coalesce(product_level, '') = ''
  AND quantity > 0 AND coalesce(unit, '') <> '' AND value_cny IS NOT NULL
GROUP BY ALL''').to_arrow_table()
done = time.perf_counter() - start
total = sum(v for v in t.column("value").to_pylist())
open(sys.argv[3], "w").write(json.dumps([t.num_rows, str(total), done]))
"""

POLARS = """
import json, sys, time, polars as pl
files = json.loads(sys.argv[1])
start = time.perf_counter()
t = (pl.scan_parquet(files)
     .filter(pl.col("flow").is_in(["export", "import"])
             & (pl.col("product_level").fill_null("") == "")
             & (pl.col("quantity") > 0) & (pl.col("unit").fill_null("") != "")
             & pl.col("value_cny").is_not_null())
     .group_by(["period", "flow", "hs_code", "unit", "partner"])
     .agg(pl.col("value_cny").sum().alias("value"), pl.col("quantity").sum(), pl.len())
     .collect())
done = time.perf_counter() - start
total = sum(t["value"].to_list())
open(sys.argv[3], "w").write(json.dumps([t.height, str(total), done]))
"""

FULL_INDEX = """
import json, sys, time
from pathlib import Path
from tradestats.backends.duckdb import DuckDBBackend
from tradestats.indices.compute import chain_indices
from tradestats.indices.elementary import elementary_expr
files = [Path(f) for f in json.loads(sys.argv[1])]
months = json.loads(sys.argv[2])
start = time.perf_counter()
b = DuckDBBackend()
cells = b.execute(elementary_expr(b.records(files), months, "month", "value_cny")).to_pandas()
t = chain_indices(cells, months)
done = time.perf_counter() - start
Path(sys.argv[3]).write_text(json.dumps([len(cells), str(sum(cells.value)), done]))
"""

WAYS = {
    "tradestats elementary (Ibis on DuckDB)": TRADESTATS,
    "hand-written DuckDB SQL": EXPERT_SQL,
    "polars lazy": POLARS,
    "tradestats monthly Fisher index, whole": FULL_INDEX,
}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-indices-") as tmp:
        files = be.generate(args.rows, Path(tmp))
        arg = json.dumps([str(f) for f in files])
        times: dict[str, list[float]] = {w: [] for w in WAYS}
        work: dict[str, list[float]] = {w: [] for w in WAYS}
        found: dict[str, tuple[int, str]] = {}
        out = Path(tmp) / "result.json"
        for _ in range(args.repeats):
            for way, code in WAYS.items():
                run = run_child(python(code, arg, json.dumps(MONTHS), str(out)))
                n, total, seconds = json.loads(out.read_text())
                found[way] = (n, total)
                times[way].append(run.seconds)
                work[way].append(seconds)
    if len(set(found.values())) != 1:
        raise SystemExit(f"the ways disagree: {found}")
    base = statistics.median(work["hand-written DuckDB SQL"])
    n, total = found["hand-written DuckDB SQL"]
    print(f"### Indices: elementary aggregation, {args.rows:,} records, {args.repeats} runs\n")
    print(f"{n:,} cells, value {total} yuan, equal in every way.\n")
    print("| way | work s (median) | x hand-written SQL | process s (with imports) |")
    print("| --- | ---: | ---: | ---: |")
    for way in WAYS:
        med = statistics.median(work[way])
        wall = statistics.median(times[way])
        print(f"| {way} | {med:.2f} | {med / base:.2f} | {wall:.2f} |")
    print(f"\n`{' '.join(['python', *sys.argv])}`")


if __name__ == "__main__":
    main()
