"""Benchmark: breakdowns by a classification, the engine vs an expert's aggregate-then-map plans.

A breakdown by product group, HS section, HS chapter, partner group or partner is what a
dashboard's first view asks. The expert way, in DuckDB, polars and pandas alike: sum the records
by the raw code (a few thousand rows), then join a small code -> label table built once from the
reference (a code may be in several product groups), and sum again. Each query is timed on its
own (exports of 2025 against 2024: value, year-on-year, share of all exports), in fresh child
processes round-robin (bench_engine's harness: untimed warm-up, medians); every way's rows are
checked against the engine's.

Example:
    .venv/bin/python bench/bench_breakdowns.py --rows 10000000 --repeats 3 --dir /tmp/bench10m
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bench_engine as be

BY = ("product_group", "hs_section", "hs2", "partner_group", "partner")
MEASURES = "value_cny,yoy_pct,share_pct"
Rows = dict[str, tuple[float, float | None, float | None]]


def code_labels(by: str, codes: list[str]) -> list[tuple[str, str]]:
    """(raw code, label) pairs of a breakdown, from the reference, for the codes of the data."""
    from tradestats.reference import load_reference

    ref = load_reference()
    if by == "product_group":
        out = []
        for name, g in ref.product_groups.items():
            inc, exc = tuple(g.include("HS2022")), tuple(g.exclude("HS2022"))
            out += [(c, name) for c in codes if c.startswith(inc) and not c.startswith(exc or ())]
        return out
    if by == "hs_section":
        return [(c, ref.hs_section(c[:2])) for c in codes]
    if by == "partner_group":
        return [
            (p, name)
            for name, g in ref.partner_groups.items()
            for p in sorted(g.comparable_members(be.END))
        ]
    raise ValueError(by)


def _source(by: str) -> str:
    return "partner" if by.startswith("partner") else "hs_code"


def _finish(rows: list[tuple[Any, Any, Any]], parent: float) -> Rows:
    return {
        str(k): (float(c or 0), be._pct(float(c or 0) - float(p or 0), float(p or 0)),
                 be._pct(float(c or 0), parent))
        for k, c, p in rows
    }  # fmt: skip


# -- the ways: each returns {by: one query's runner} ---------------------------------------------


def engine_way(
    files: list[Path], backend: str = "duckdb", new_files: bool = False
) -> dict[str, Callable[[], Rows]]:
    """The engine, asked each breakdown as a new question: answers forgotten, compiled plans
    and the facts of the (unchanged) files kept, as in a server; ``new_files``: the facts too
    (distinct HS codes and World rows, one scan of a new file set)."""
    from tradestats.engine import Engine
    from tradestats.indicators import memo

    class Files:
        def periods(self, as_of: Any = None) -> list[str]:
            return be.MONTHS

        def data_files(self, periods: Any = None, as_of: Any = None) -> list[Path]:
            return [f for f in files if periods is None or f.stem in set(periods)]

    eng = Engine(Files(), backend=backend)

    def one(by: str) -> Rows:
        if new_files:
            be.forget()
        memo.ANSWERS.clear()
        t = eng.query(period="2025", flow="export", by=by, measures=MEASURES)
        return {
            str(r[by]): (float(r["value_cny"]), _f(r["yoy_pct"]), _f(r["share_pct"]))
            for r in t.to_pylist()
            if r[by] is not None
        }

    return {by: (lambda by=by: one(by)) for by in BY}


def _f(v: Any) -> float | None:
    return None if v is None else float(v)


def engine_new_files_way(files: list[Path]) -> dict[str, Callable[[], Rows]]:
    return engine_way(files, new_files=True)


def spark_way(files: list[Path]) -> dict[str, Callable[[], Rows]]:
    return engine_way(files, backend="spark")


def duckdb_way(files: list[Path]) -> dict[str, Callable[[], Rows]]:
    import duckdb
    import pyarrow as pa

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    src = f"read_parquet([{', '.join(repr(str(f)) for f in files)}])"
    sums = (
        "SUM(value_cny) FILTER (WHERE period >= '2025-01') c, "
        "SUM(value_cny) FILTER (WHERE period < '2025-01') p"
    )

    def parent() -> float:
        q = f"SELECT SUM(value_cny) FROM {src} WHERE flow = 'export' AND period >= '2025-01'"
        return float(con.execute(q).fetchall()[0][0])

    def one(by: str) -> Rows:
        col = _source(by)
        if by == "partner":
            rows = con.execute(
                f"SELECT partner, {sums} FROM {src} WHERE flow = 'export' GROUP BY 1"
            )
            return _finish(rows.fetchall(), parent())
        if by == "hs2":
            q = f"SELECT substr(hs_code, 1, 2), {sums} FROM {src} WHERE flow = 'export' GROUP BY 1"
            return _finish(con.execute(q).fetchall(), parent())
        agg = con.sql(f"SELECT {col} code, {sums} FROM {src} WHERE flow = 'export' GROUP BY 1")
        a = agg.to_arrow_table()
        codes = a.column("code").to_pylist()
        pairs = code_labels(by, codes)
        m = pa.table({"code": [c for c, _ in pairs], "k": [k for _, k in pairs]})
        con.register("a", a)
        con.register("m", m)
        rows = con.execute("SELECT k, SUM(c), SUM(p) FROM a JOIN m USING (code) GROUP BY k")
        out = _finish(rows.fetchall(), parent())
        con.unregister("a")
        con.unregister("m")
        return out

    return {by: (lambda by=by: one(by)) for by in BY}


def polars_way(files: list[Path]) -> dict[str, Callable[[], Rows]]:
    import polars as pl

    lf = pl.scan_parquet([str(f) for f in files])
    cur = pl.col("period") >= "2025-01"
    exp = lf.filter(pl.col("flow") == "export")

    def one(by: str) -> Rows:
        parent = float(exp.filter(cur).select(pl.col("value_cny").sum()).collect().item())
        key = pl.col("hs_code").str.slice(0, 2) if by == "hs2" else pl.col(_source(by))
        a = (
            exp.group_by(key.alias("code"))
            .agg(
                pl.col("value_cny").filter(cur).sum().alias("c"),
                pl.col("value_cny").filter(~cur).sum().alias("p"),
            )
            .collect()
        )
        if by in ("partner", "hs2"):
            return _finish(a.rows(), parent)
        pairs = code_labels(by, a["code"].to_list())
        m = pl.DataFrame({"code": [c for c, _ in pairs], "k": [k for _, k in pairs]})
        g = a.join(m, on="code").group_by("k").agg(pl.col("c").sum(), pl.col("p").sum())
        return _finish(g.rows(), parent)

    return {by: (lambda by=by: one(by)) for by in BY}


def pandas_way(files: list[Path]) -> dict[str, Callable[[], Rows]]:
    import pandas as pd

    def one(by: str) -> Rows:
        cols = ["period", "flow", "hs_code", "partner", "value_cny"]
        df = pd.concat([pd.read_parquet(f, columns=cols) for f in files], ignore_index=True)
        df = df[df.flow == "export"]
        v = df.value_cny.astype("float64")  # the straightforward route: floats
        cur = df.period >= "2025-01"
        parent = float(v[cur].sum())
        key = df.hs_code.str[:2] if by == "hs2" else df[_source(by)]
        a = pd.DataFrame({"code": key, "c": v.where(cur, 0.0), "p": v.where(~cur, 0.0)})
        a = a.groupby("code", as_index=False)[["c", "p"]].sum()
        if by not in ("partner", "hs2"):
            pairs = code_labels(by, a.code.tolist())
            m = pd.DataFrame(pairs, columns=["code", "k"])
            a = a.merge(m, on="code").groupby("k", as_index=False)[["c", "p"]].sum()
            a = a.rename(columns={"k": "code"})
        return _finish(list(a[["code", "c", "p"]].itertuples(index=False)), parent)

    return {by: (lambda by=by: one(by)) for by in BY}


WAYS = {"engine": engine_way, "engine_new_files": engine_new_files_way, "spark": spark_way,
        "duckdb_sql": duckdb_way, "polars": polars_way, "pandas": pandas_way}  # fmt: skip


# -- harness --------------------------------------------------------------------------------------


def _child(way: str, files: list[Path], queue: Any) -> None:
    be.cap_memory(way)
    try:
        runners = WAYS[way](files)
        for run in runners.values():
            run()  # warm-up: imports, JVM start, file caches, compiled plans; not timed
        out: dict[str, tuple[float, Rows]] = {}
        for by, run in runners.items():
            start = time.perf_counter()
            rows = run()
            out[by] = (time.perf_counter() - start, rows)
    except Exception as err:
        queue.put(err)
        raise
    queue.put(out)


def measure(ways: list[str], files: list[Path], repeats: int) -> dict[str, Any]:
    """Round-robin over ``ways``: way -> by -> (median s, rows) or the error text."""
    ctx = mp.get_context("spawn")
    times: dict[str, dict[str, list[float]]] = {w: {b: [] for b in BY} for w in ways}
    rows: dict[str, Any] = {}
    for _ in range(repeats):
        for way in ways:
            if isinstance(rows.get(way), str):
                continue
            queue = ctx.Queue()
            proc = ctx.Process(target=_child, args=(way, files, queue))
            proc.start()
            got = be.collect(proc, queue)
            proc.join()
            if isinstance(got, BaseException):
                rows[way] = be.failure(way, got)
                continue
            for by, (sec, _) in got.items():
                times[way][by].append(sec)
            rows[way] = {by: r for by, (_, r) in got.items()}
    return {
        w: rows[w]
        if isinstance(rows[w], str)
        else {b: (statistics.median(times[w][b]), rows[w][b]) for b in BY}
        for w in ways
    }


def _same(a: Rows, b: Rows) -> bool:
    return set(a) == set(b) and all(
        all(be._agree(x, y) for x, y in zip(a[k], b[k], strict=True)) for k in b
    )


def table(n: int, results: dict[str, Any]) -> str:
    """Markdown: one row per way, a column per breakdown (median s, ratio to duckdb_sql)."""
    ref, base = results.get("engine"), results.get("duckdb_sql")
    head = "| way | " + " | ".join(BY) + " |"
    lines = [head, "|---|" + "---:|" * len(BY)]
    for way, res in results.items():
        if isinstance(res, str):
            lines.append(f"| {way} | failed: {res} |" + " |" * (len(BY) - 1))
            continue
        cells = []
        for by in BY:
            sec, rows = res[by]
            ratio = f" ({sec / base[by][0]:.2f}x)" if isinstance(base, dict) else ""
            ok = "" if not isinstance(ref, dict) or _same(rows, ref[by][1]) else " DIFFERS"
            cells.append(f"{sec:.3f}{ratio}{ok}")
        lines.append(f"| {way} | " + " | ".join(cells) + " |")
    return f"{n:,} records; median seconds per query (ratio to duckdb_sql)\n\n" + "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--dir", type=Path, default=None, help="reuse generated files")
    ap.add_argument("--ways", default="engine,engine_new_files,duckdb_sql,polars,pandas")
    args = ap.parse_args(argv)
    folder = args.dir or Path(tempfile.mkdtemp(prefix="bench-breakdowns-"))
    folder.mkdir(parents=True, exist_ok=True)
    files = sorted(folder.glob("*.parquet")) if args.dir else []
    if len(files) != len(be.MONTHS):
        files = be.generate(args.rows, folder)
    results = measure(args.ways.split(","), files, args.repeats)
    print("## Breakdowns by a classification (exports 2025 vs 2024: value, yoy, share)\n")
    print(table(args.rows, results))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
