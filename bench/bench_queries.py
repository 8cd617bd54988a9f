"""Benchmark: ten ad-hoc queries, tradestats (DuckDB, Spark) vs hand-written SQL, polars, pandas.

Each query is a selection, one breakdown key and value / year-on-year / share for 2025 against
2024 (top-N where a release would show one). The five ways run in fresh child processes
(bench_engine's harness: untimed warm-up, medians, peak RSS including Spark's JVM); every way's
values are checked against the engine's.

Example:
    .venv/bin/python bench/bench_queries.py --rows 1000000 --repeats 3
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bench_engine as be


@dataclass(frozen=True)
class Q:
    """One ad-hoc query: engine keywords, and the same selection for the hand-written ways."""

    name: str
    flow: str
    by: str
    key: str  # record column the key comes from (hs2/hs4 are prefixes of hs_code)
    top: int | None = None
    partner: str | None = None  # group name (members resolved from the reference)
    product: str | None = None  # product group name
    etype: str | None = None


QUERIES = [
    Q("exports by partner, top 10", "export", "partner", "partner", top=10),
    Q("imports by HS chapter", "import", "hs2", "hs2"),
    Q("total trade by enterprise type", "total", "enterprise_type", "enterprise_type"),
    Q("exports to ASEAN by partner", "export", "partner", "partner", partner="asean"),
    Q("imports by month", "import", "month", "month"),
    Q("exports by province", "export", "region", "region"),
    Q("total trade by trade mode", "total", "trade_mode", "trade_mode"),
    Q("new-trio exports by partner, top 20", "export", "partner", "partner", 20, None, "new_trio"),
    Q("imports by HS heading, top 20", "import", "hs4", "hs4", top=20),
    Q("private firms' exports by HS chapter", "export", "hs2", "hs2", etype="private"),
]
MEASURES = "value_cny,yoy_pct,share_pct"


def _members(q: Q) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    from tradestats.reference import load_reference

    ref = load_reference()
    partners = (
        tuple(sorted(ref.partner_group(q.partner).comparable_members(be.END)))
        if q.partner
        else None
    )
    prefixes = tuple(ref.product_group(q.product).include("HS2022")) if q.product else None
    return partners, prefixes


def _flows(q: Q) -> list[str]:
    return ["export", "import"] if q.flow == "total" else [q.flow]


def _finish(rows: list[tuple[Any, Any, Any]], parent: float, top: int | None) -> dict[str, Any]:
    """key -> (value, yoy, share) from (key, current, previous) sums, cut like the engine."""
    rows = sorted(rows, key=lambda r: (-float(r[1] or 0), str(r[0])))
    rows = rows[:top] if top else rows
    return {str(k): (float(c or 0), be._pct(float(c or 0) - float(p or 0), float(p or 0)),
                     be._pct(float(c or 0), parent))
            for k, c, p in rows}  # fmt: skip


# -- the ways -------------------------------------------------------------------------------


def run_engine(files: list[Path], backend: str = "duckdb") -> dict[str, Any]:
    from tradestats.engine import Engine

    class Files:
        def periods(self, as_of=None):
            return be.MONTHS

        def data_files(self, periods=None, as_of=None):
            return [f for f in files if periods is None or f.stem in set(periods)]

    be.forget()  # a new question each run: answers forgotten, compiled plans kept
    eng, out = Engine(Files(), backend=backend), {}
    for q in QUERIES:
        kw = {k: v for k, v in (("partner", q.partner), ("product", q.product),
                                ("enterprise_type", q.etype)) if v}  # fmt: skip
        t = eng.query(period="2025", flow=q.flow, by=q.by, top=q.top, measures=MEASURES, **kw)
        out[q.name] = {
            str(r[q.by]): (float(r["value_cny"]), _f(r["yoy_pct"]), _f(r["share_pct"]))
            for r in t.to_pylist()
            if r[q.by] is not None
        }
    return out


def _f(v: Any) -> float | None:
    return None if v is None else float(v)  # exact decimal ratios, compared as floats


def run_spark(files: list[Path]) -> dict[str, Any]:
    return run_engine(files, backend="spark")


def _sql_key(q: Q) -> str:
    return {"hs2": "substr(hs_code, 1, 2)", "hs4": "substr(hs_code, 1, 4)",
            "month": "'2025-' || substr(period, 6, 2)"}.get(q.key, q.key)  # fmt: skip


def run_sql(files: list[Path]) -> dict[str, Any]:
    import duckdb

    con, out = duckdb.connect(), {}
    src = f"read_parquet([{', '.join(repr(str(f)) for f in files)}])"
    for q in QUERIES:
        partners, prefixes = _members(q)
        flows = ", ".join(repr(f) for f in _flows(q))
        where = [f"flow IN ({flows})"]
        if partners:
            where.append(f"partner IN ({', '.join(repr(p) for p in partners)})")
        if prefixes:
            where.append("(" + " OR ".join(f"starts_with(hs_code, '{p}')" for p in prefixes) + ")")
        if q.etype:
            where.append(f"enterprise_type = '{q.etype}'")
        rows = con.execute(
            f"SELECT {_sql_key(q)} k, SUM(value_cny) FILTER (WHERE period >= '2025-01') c, "
            f"SUM(value_cny) FILTER (WHERE period < '2025-01') p FROM {src} "
            f"WHERE {' AND '.join(where)} GROUP BY k"
        ).fetchall()
        parent = con.execute(
            f"SELECT SUM(value_cny) FROM {src} WHERE flow IN ({flows}) AND period >= '2025-01'"
        ).fetchall()[0][0]
        out[q.name] = _finish(rows, float(parent), q.top)
    return out


def run_polars(files: list[Path]) -> dict[str, Any]:
    import polars as pl

    lf, out = pl.scan_parquet([str(f) for f in files]), {}
    cur = pl.col("period") >= "2025-01"
    for q in QUERIES:
        partners, prefixes = _members(q)
        e = pl.col("flow").is_in(_flows(q))
        if partners:
            e &= pl.col("partner").is_in(list(partners))
        if prefixes:
            e &= pl.any_horizontal([pl.col("hs_code").str.starts_with(p) for p in prefixes])
        if q.etype:
            e &= pl.col("enterprise_type") == q.etype
        key = {"hs2": pl.col("hs_code").str.slice(0, 2), "hs4": pl.col("hs_code").str.slice(0, 4),
               "month": pl.lit("2025-") + pl.col("period").str.slice(5, 2)}.get(
            q.key, pl.col(q.key))  # fmt: skip
        got = (
            lf.filter(e)
            .group_by(key.alias("k"))
            .agg(
                pl.col("value_cny").filter(cur).sum().alias("c"),
                pl.col("value_cny").filter(~cur).sum().alias("p"),
            )
            .collect()
        )
        parent = lf.filter(pl.col("flow").is_in(_flows(q)) & cur).select(pl.col("value_cny").sum())
        out[q.name] = _finish(got.rows(), float(parent.collect().item()), q.top)
    return out


def run_pandas(files: list[Path]) -> dict[str, Any]:
    import pandas as pd

    df, out = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True), {}
    df["value_cny"] = df["value_cny"].astype("float64")  # the straightforward route: floats
    cur = df.period >= "2025-01"
    for q in QUERIES:
        partners, prefixes = _members(q)
        m = df.flow.isin(_flows(q))
        if partners:
            m &= df.partner.isin(partners)
        if prefixes:
            m &= df.hs_code.str.startswith(prefixes)
        if q.etype:
            m &= df.enterprise_type == q.etype
        d = df[m]
        key = {"hs2": d.hs_code.str[:2], "hs4": d.hs_code.str[:4],
               "month": "2025-" + d.period.str[5:7]}.get(q.key)  # fmt: skip
        key = d[q.key] if key is None else key
        c = d.value_cny.where(cur[m], 0.0).groupby(key).sum()
        p = d.value_cny.where(~cur[m], 0.0).groupby(key).sum()
        parent = df.value_cny[df.flow.isin(_flows(q)) & cur].sum()
        out[q.name] = _finish(list(zip(c.index, c.values, p.values, strict=True)), parent, q.top)
    return out


WAYS = {"engine": run_engine, "spark": run_spark, "duckdb_sql": run_sql, "polars": run_polars,
        "pandas": run_pandas}  # fmt: skip


# -- harness (child processes, as bench_engine) ---------------------------------------------


def _child(way: str, files: list[Path], queue: Any) -> None:
    be.cap_memory(way)
    try:
        WAYS[way](files)  # warm-up: imports, JVM start, file caches; not timed
        start = time.perf_counter()
        result = WAYS[way](files)
        seconds = time.perf_counter() - start
    except Exception as err:
        queue.put(err)
        raise
    queue.put((seconds, be._peak_mb(), result))


def measure(
    ways: list[str], files: list[Path], repeats: int
) -> dict[str, tuple[float, float, Any]]:
    """Round-robin over ``ways``, ``repeats`` fresh processes each: (median s, peak MB, result)."""
    ctx = mp.get_context("spawn")
    times: dict[str, list[float]] = {w: [] for w in ways}
    peaks: dict[str, float] = dict.fromkeys(ways, 0.0)
    results: dict[str, Any] = {}
    for _ in range(repeats):
        for way in ways:
            if be.ERROR in results.get(way, {}):
                continue  # it failed once: it would fail again
            queue = ctx.Queue()
            proc = ctx.Process(target=_child, args=(way, files, queue))
            proc.start()
            got = be.collect(proc, queue)
            proc.join()
            if isinstance(got, BaseException):
                results[way] = {be.ERROR: be.failure(way, got)}
                continue
            times[way].append(got[0])
            peaks[way] = max(peaks[way], got[1])
            results[way] = got[2]
    return {
        w: (statistics.median(times[w]) if times[w] else float("nan"), peaks[w], results[w])
        for w in ways
    }


def agreeing(got: dict[str, Any], ref: dict[str, Any]) -> int:
    """Queries whose keys, values, growth and shares agree with the engine (1e-6 relative)."""
    n = 0
    for name, want in ref.items():
        have = got.get(name, {})
        n += set(have) == set(want) and all(
            all(be._agree(a, b) for a, b in zip(have[k], v, strict=True)) for k, v in want.items()
        )
    return n


def table(rows: int, results: dict[str, tuple[float, float, Any]]) -> str:
    """Markdown table of one size."""
    ref = results.get("engine", next(iter(results.values())))[2]
    base = results.get("duckdb_sql", (float("nan"),))[0]
    eng = results.get("engine", (float("nan"),))[0]
    lines = ["| way | median s (10 queries) | vs duckdb_sql | vs engine | peak MB | agreeing |",
             "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
    for way, (sec, peak, res) in results.items():
        agree = f"{agreeing(res, ref)}/{len(ref)}"
        lines.append(be.error_row(way, res) or be.row_text(way, sec, base, eng, peak, agree))
    return f"{rows:,} records\n\n" + "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--dir", type=Path, default=None)
    ap.add_argument("--ways", default=",".join(WAYS))
    args = ap.parse_args(argv)
    folder = args.dir or Path(tempfile.mkdtemp(prefix="bench-queries-"))
    folder.mkdir(parents=True, exist_ok=True)
    files = be.generate(args.rows, folder)
    results = measure(args.ways.split(","), files, args.repeats)
    print("## Ten ad-hoc queries (value, yoy, share by one key; 2025 vs 2024)\n")
    print(table(args.rows, results))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
