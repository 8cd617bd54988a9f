"""Benchmark across sizes: seed indicator set and ten ad-hoc queries, five ways, and growth.

For each size (default 1 and 10 million records) one synthetic data set is generated (monthly
Parquet files, bench_engine.generate), then the full seed indicator set (bench_engine) and the
ten ad-hoc queries (bench_queries) run for tradestats on DuckDB (``engine``), tradestats on
Spark local[2] (``spark``), hand-written DuckDB SQL, polars and pandas: each run in a fresh
process after an untimed warm-up (Spark's JVM start is in the warm-up), round-robin, medians;
peak memory includes child processes (Spark's JVM). The growth table fits t ~ n^k between
consecutive sizes: k = log(t2 / t1) / log(n2 / n1).

Example:
    .venv/bin/python bench/bench_scale.py --rows 1000000,10000000,100000000 --repeats 3

From --big records on (50M) Spark local runs once instead of three times (each run takes
minutes there), and pandas runs under a memory cap (bench_engine.MEMORY_CAP_GB).
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import bench_breakdowns as bb
import bench_engine as be
import bench_queries as bq

WAYS = "engine,spark,expert_sql,duckdb_sql,polars,pandas"


def indicator_table(rows: int, results: dict[str, tuple[float, float, dict]]) -> str:
    ref = results.get("engine", next(iter(results.values())))[2]
    base = results.get("expert_sql", (float("nan"),))[0]
    eng = results.get("engine", (float("nan"),))[0]
    lines = [f"{rows:,} records, {len(ref)} figures\n",
             "| way | median s | vs expert_sql | vs engine | peak MB | figures agreeing |",
             "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
    for way, (sec, peak, res) in results.items():
        same = f"{sum(be._agree(res.get(k), v) for k, v in ref.items())}/{len(ref)}"
        lines.append(be.error_row(way, res) or be.row_text(way, sec, base, eng, peak, same))
    return "\n".join(lines)


def _short(n: int) -> str:
    return f"{n / 10**6:g}M" if n >= 10**6 else f"{n / 1000:g}k"


NOT_RUN = -1.0  # a way left out at a size (--big)


def _seconds(t: float) -> str:
    return "not run" if t == NOT_RUN else "did not finish" if math.isnan(t) else f"{t:.3f} s"


def _exponent(t1: float, t2: float, ratio: float) -> str:
    if math.isnan(t1 + t2) or NOT_RUN in (t1, t2):
        return "-"
    return f"{math.log(t2 / t1) / math.log(ratio):.2f}"


def growth(sizes: list[int], times: dict[int, dict[str, float]], what: str) -> str:
    """Seconds per size and the exponent k of t ~ n^k between consecutive sizes."""
    ways = list(times[sizes[0]])
    head = " | ".join(f"{n:,}" for n in sizes)
    pairs = list(itertools.pairwise(sizes))
    ks = " | ".join(f"k {_short(a)}->{_short(b)}" for a, b in pairs)
    lines = [f"| {what} | {head} | {ks} |", "|---" + "|---:" * (len(sizes) + len(pairs)) + "|"]
    for w in ways:
        secs = " | ".join(_seconds(times[n][w]) for n in sizes)
        exps = " | ".join(_exponent(times[a][w], times[b][w], b / a) for a, b in pairs)
        lines.append(f"| {w} | {secs} | {exps} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--rows", default="1000000,10000000", help="Comma list of sizes.")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--ways", default=WAYS)
    ap.add_argument(
        "--big",
        type=int,
        default=50_000_000,
        help="From this size on, only --big-ways run (Spark local takes minutes per run there).",
    )
    ap.add_argument("--big-ways", default="engine,expert_sql,duckdb_sql,polars,pandas")
    ap.add_argument(
        "--big-once",
        default="spark",
        help="Ways run once (no median) from --big on, instead of being left out.",
    )
    ap.add_argument("--dir", type=Path, default=None, help="Scratch folder (removed per size).")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.rows.split(",")]
    ways = args.ways.split(",")
    root = args.dir or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    ind: dict[int, dict[str, float]] = {}
    adhoc: dict[int, dict[str, float]] = {}
    out = ["## Scale: DuckDB and Spark against hand-written SQL, polars and pandas\n",
           f"Ways: {', '.join(ways)}. Median of {args.repeats} runs, each in a fresh process "
           "after an untimed warm-up (imports, Spark's JVM start), round-robin over the ways; "
           "peak = high-water RSS of the process plus its children (Spark's JVM). "
           f"Machine: {os.cpu_count()} CPUs; Spark local[2], driver memory 2g, "
           "4 shuffle partitions.\n"]  # fmt: skip
    for n in sizes:
        folder = root / f"n{n}"
        folder.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        files = be.generate(n, folder)
        gen = time.perf_counter() - t0
        mb = sum(f.stat().st_size for f in files) / 2**20
        here = [w for w in ways if n < args.big or w in args.big_ways.split(",")]
        once = [w for w in ways if w not in here and w in args.big_once.split(",")]
        r1 = be.interleaved(here, files, args.repeats) | be.interleaved(once, files, 1)
        of = lambda ways, known: [w for w in ways if w in known]  # noqa: E731
        r2 = bq.measure(of(here, bq.WAYS), files, args.repeats) | bq.measure(
            of(once, bq.WAYS), files, 1
        )
        r3 = bb.measure(of(here, bb.WAYS), files, args.repeats) | bb.measure(
            of(once, bb.WAYS), files, 1
        )
        ind[n] = {w: r[0] for w, r in r1.items()}
        adhoc[n] = {w: r[0] for w, r in r2.items()}
        print("\n".join(out), flush=True)  # each size as soon as it is measured
        out = []
        out.append(f"### {n:,} records ({len(files)} files, {mb:.0f} MB Parquet, "
                   f"generated in {gen:.1f} s)\n")  # fmt: skip
        if once:
            out.append(f"Run once at this size (no median): {', '.join(once)}.\n")
        left = [w for w in ways if w not in here and w not in once]
        if left:
            out.append(
                f"Not run at this size: {', '.join(left)} (from {args.big:,} records on, "
                "only --big-ways run; see docs/scaling.md for the projection).\n"
            )
        out.append("Seed indicator set:\n\n" + indicator_table(n, r1) + "\n")
        out.append("Ten ad-hoc queries:\n\n" + bq.table(n, r2) + "\n")
        out.append("Breakdowns by a classification:\n\n" + bb.table(n, r3) + "\n")
        print("\n".join(out), flush=True)
        out = []
        shutil.rmtree(folder, ignore_errors=True)
        print(f"done {n:,} (load {os.getloadavg()[0]:.1f})", file=sys.stderr, flush=True)
    if len(sizes) > 1:
        for times in (ind, adhoc):  # a way not run at a size has no time there
            for n in sizes:
                for w in ways:
                    times[n].setdefault(w, NOT_RUN)
        out.append("### Growth with the number of records (t ~ n^k)\n")
        out.append(growth(sizes, ind, "indicator set") + "\n")
        out.append(growth(sizes, adhoc, "ad-hoc queries") + "\n")
    print("\n".join(out))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
