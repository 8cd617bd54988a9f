"""Benchmark: the seed indicator set through the engine vs hand-written DuckDB SQL, polars, pandas.

Generates N records (numpy -> Parquet, records.SCHEMA, one file per month, 2024-01..2025-12),
then computes every indicator of the library for 2025 four ways, each in a fresh child process
(median wall time over repeats, peak RSS of the child). Results are cross-checked; a markdown
section goes to stdout.

Example:
    .venv/bin/python bench/bench_engine.py --rows 1000000 --repeats 3
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from tradestats.records import SCHEMA

MONTHS = [f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13)]
CUR, PREV = MONTHS[12:], MONTHS[:12]
END = date(2025, 12, 31)


# -- data --------------------------------------------------------------------------------------


def _money(units: np.ndarray, scale: int, precision: int = 18) -> pa.Array:
    """Exact decimal128 from integer units (fen, cents, grams) without Python Decimals."""
    words = np.zeros((len(units), 2), dtype=np.int64)
    words[:, 0] = units
    words[:, 1] = np.where(units < 0, -1, 0)
    buf = pa.py_buffer(words.tobytes())
    return pa.Array.from_buffers(pa.decimal128(precision, scale), len(units), [None, buf])


CHUNK_ROWS = 4_000_000  # generated at a time: memory stays bounded at 100M records


def generate(rows: int, out: Path, seed: int = 1) -> list[Path]:
    """Skewed synthetic records over the real partner and HS code lists; one file per month,
    written chunk by chunk."""
    from tradestats.reference import load_reference

    ref = load_reference()
    rng = np.random.default_rng(seed)
    # Real partners only: WLD is a reporter's declared total, never a partner of a record.
    partners = np.array(sorted(ref.partner_codes - {"WLD"}), dtype=object)
    hs6 = np.array(ref.hs_codes("HS2022", 6), dtype=object)
    hs = np.array([c + "00" for c in hs6], dtype=object)
    ranks = (rng.permutation(len(hs)), rng.permutation(len(partners)))
    files = [out / f"{m}.parquet" for m in MONTHS]
    writers = [pq.ParquetWriter(f, SCHEMA) for f in files]
    try:
        for start in range(0, rows, CHUNK_ROWS):
            n = min(CHUNK_ROWS, rows - start)
            table, month = _chunk(rng, n, rows, hs[ranks[0]], partners[ranks[1]])
            order = np.argsort(month, kind="stable")
            table, month = table.take(order), month[order]
            bounds = np.searchsorted(month, np.arange(len(MONTHS) + 1))
            for i, writer in enumerate(writers):
                writer.write_table(table.slice(bounds[i], bounds[i + 1] - bounds[i]))
    finally:
        for writer in writers:
            writer.close()
    return files


def _chunk(
    rng: np.random.Generator, rows: int, total: int, hs: np.ndarray, partners: np.ndarray
) -> tuple[pa.Table, np.ndarray]:
    """``rows`` records (enterprise ids drawn over ``total``/10) and each one's month index."""
    zipf = lambda k: np.minimum(rng.zipf(1.3, rows), k) - 1  # noqa: E731
    fen = (rng.lognormal(11, 2, rows)).astype(np.int64)
    month = rng.integers(0, len(MONTHS), rows)
    # Trade grows a little in 2025 so growth rates are non-trivial.
    fen = np.where(month >= 12, (fen * 1.05).astype(np.int64), fen)
    cols = {
        "period": pa.array(np.array(MONTHS, dtype=object)[month]),
        "flow": pa.array(np.where(rng.random(rows) < 0.59, "export", "import").astype(object)),
        "hs_code": pa.array(hs[zipf(len(hs))]),
        "partner": pa.array(partners[zipf(len(partners))]),
        "value_cny": _money(fen, 2),
        "value_usd": _money(fen * 100 // 710, 2),
        "quantity": _money(rng.integers(0, 10**7, rows), 3),
        "unit": pa.array(np.full(rows, "kg", dtype=object)),
        "trade_mode": pa.array(rng.choice(["0110", "0214", "0615", "1210"], rows).astype(object)),
        "enterprise_id": pa.array(
            np.char.add("E", rng.integers(0, max(total // 10, 1), rows).astype(str)).astype(object)
        ),
        "enterprise_type": pa.array(
            rng.choice(
                ["state_owned", "foreign_invested", "private", "other"],
                rows,
                p=[0.13, 0.28, 0.57, 0.02],
            ).astype(object)
        ),
        "region": pa.array(rng.choice(["11", "31", "32", "33", "44"], rows).astype(object)),
        "brand_type": pa.array(rng.choice(["0", "1", "2", "3", "4"], rows).astype(object)),
        "transport_mode": pa.array(np.full(rows, "sea", dtype=object)),
    }
    cols |= {f.name: pa.nulls(rows, f.type) for f in SCHEMA if f.name not in cols}
    return pa.Table.from_pydict({f.name: cols[f.name] for f in SCHEMA}, schema=SCHEMA), month


# -- the figures, resolved once from the library and the reference -------------------------------


@dataclass(frozen=True)
class Fig:
    name: str
    measure: str
    flows: tuple[str, ...]
    partners: tuple[str, ...] | None
    prefixes: tuple[str, ...] | None
    excludes: tuple[str, ...]
    etype: str | None
    brands: tuple[str, ...] | None
    balance: bool


def figures() -> list[Fig]:
    from tradestats.indicators.library import load_library
    from tradestats.reference import load_reference

    ref, lib, out = load_reference(), load_library(), []
    for name in lib.names():
        q = lib.get(name).query("2025")
        s = q.selection
        partners = None
        if s.partner.include:
            partners = tuple(
                sorted(ref.partner_group(s.partner.include[0]).comparable_members(END))
            )
        group = ref.product_group(s.product.include[0]) if s.product.include else None
        prefixes = tuple(group.include("HS2022")) if group else None
        excludes = tuple(group.exclude("HS2022")) if group else ()
        brands = (
            {"domestic": ("1", "2")}.get(s.brand_type.include[0]) if s.brand_type.include else None
        )
        flows = ("export", "import") if s.flow.value in ("total", "balance") else (s.flow.value,)
        etype = s.enterprise_type.include[0] if s.enterprise_type.include else None
        out.append(
            Fig(
                name,
                q.measures[0].value,
                flows,
                partners,
                prefixes,
                excludes,
                etype,
                brands,
                s.flow.value == "balance",
            )
        )
    return out


def _pct(num: float, den: float) -> float | None:
    return None if not den or den <= 0 else num / den * 100


def finish(fig: Fig, c: float, p: float, pc: float, pp: float) -> Any:
    """The figure from current/previous sums of the selection (c, p) and of its parent."""
    return {
        "value_cny": c,
        "value_usd": c,
        "yoy_pct": _pct(c - p, p),
        "share_pct": _pct(c, pc),
        "share_change_pp": None if not pc or not pp else c / pc * 100 - p / pp * 100,
    }[fig.measure]


def walk(quarters: dict[str, float]) -> int:
    n, y, k = 0, 2025, 4
    while f"{y - 1}-Q{k}" in quarters and quarters[f"{y}-Q{k}"] > quarters[f"{y - 1}-Q{k}"] > 0:
        n, (y, k) = n + 1, ((y, k - 1) if k > 1 else (y - 1, 4))
    return n


# -- the four ways ---------------------------------------------------------------------------------


def run_engine(files: list[Path], backend: str = "duckdb", cold: bool = False) -> dict[str, Any]:
    """The engine's indicators; every run forgets its answers (a new question each time) and,
    ``cold``, its compiled plans too (the first question of a process)."""
    from tradestats.engine import Engine

    class Files:
        def periods(self, as_of=None):
            return MONTHS

        def data_files(self, periods=None, as_of=None):
            return [f for f in files if periods is None or f.stem in set(periods)]

    forget(plans=cold)
    res = Engine(Files(), backend=backend).indicators(period="2025")
    return {k: (float(v.value) if v.value is not None else None) for k, v in res.items()}


def forget(plans: bool = False) -> None:
    """Clear what the engine remembers between calls: answers, HS codes, code tables, file
    footers (and, with ``plans``, the compiled plans)."""
    from tradestats.indicators import coverage, cube, memo

    if plans:
        memo.PLANS.clear()
    memo.ANSWERS.clear()
    memo.FACTS.clear()
    coverage.SHARED.clear()
    cube.forget_maps()


def run_engine_cold(files: list[Path]) -> dict[str, Any]:
    """The engine with nothing remembered: plans compiled anew on every run."""
    return run_engine(files, cold=True)


def run_spark(files: list[Path]) -> dict[str, Any]:
    """The engine on Spark local[2] (the session starts in the untimed warm-up)."""
    return run_engine(files, backend="spark")


def _sql_pred(fig: Fig, flow_only: bool = False) -> str:
    parts = [f"flow IN ({', '.join(repr(f) for f in fig.flows)})"]
    if flow_only:
        return parts[0]
    if fig.partners is not None:
        parts.append(f"partner IN ({', '.join(repr(p) for p in fig.partners)})")
    if fig.prefixes is not None:
        parts.append("(" + " OR ".join(f"starts_with(hs_code, '{p}')" for p in fig.prefixes) + ")")
    if fig.etype:
        parts.append(f"enterprise_type = '{fig.etype}'")
    if fig.brands:
        parts.append(f"brand_type IN ({', '.join(repr(b) for b in fig.brands)})")
    return " AND ".join(parts)


def run_sql(files: list[Path]) -> dict[str, Any]:
    import duckdb

    figs, con = figures(), duckdb.connect()
    src = f"read_parquet([{', '.join(repr(str(f)) for f in files)}])"
    cells: dict[str, str] = {}  # one SUM per distinct (value, side, selection): no repeats
    alias: dict[str, str] = {}
    for i, f in enumerate(figs):
        if f.measure not in ("value_cny", "value_usd", "yoy_pct", "share_pct", "share_change_pp"):
            continue
        col = "value_usd" if f.measure == "value_usd" else "value_cny"
        v = f"CASE WHEN flow = 'import' THEN -{col} ELSE {col} END" if f.balance else col
        for side, lo in (("c", "2025-01"), ("p", "2024-01")):
            when = f"period BETWEEN '{lo}' AND '{lo[:4]}-12'"
            for name, pred in ((f"{side}{i}", _sql_pred(f)), (f"{side}p{i}", _sql_pred(f, True))):
                sql = f"SUM({v}) FILTER (WHERE {when} AND {pred})"
                alias[name] = cells.setdefault(sql, f"x{len(cells)}")
    cols = [f"{sql} AS {name}" for sql, name in cells.items()]
    cols += [
        "COUNT(DISTINCT partner) FILTER (WHERE period >= '2025-01') AS partners",
        "COUNT(DISTINCT enterprise_id) FILTER (WHERE period >= '2025-01') AS enterprises",
    ]
    cur = con.execute(f"SELECT {', '.join(cols)} FROM {src}")
    names = [d[0] for d in cur.description]
    got = dict(zip(names, cur.fetchall()[0], strict=True))
    got |= {name: got[x] for name, x in alias.items()}
    out: dict[str, Any] = {}
    for i, f in enumerate(figs):
        if f"c{i}" in got:
            vals = [float(got[k] or 0) for k in (f"c{i}", f"p{i}", f"cp{i}", f"pp{i}")]
            out[f.name] = finish(f, *vals)
        elif f.measure in ("partners", "enterprises"):
            out[f.name] = float(got[f.measure])
    out["partners.growing"] = float(
        con.execute(
            f"SELECT count(*) FILTER (WHERE p > 0 AND c > p) FROM (SELECT partner, "
            f"SUM(value_cny) FILTER (WHERE period >= '2025-01') c, "
            f"SUM(value_cny) FILTER (WHERE period < '2025-01') p FROM {src} GROUP BY partner)"
        ).fetchall()[0][0]
    )
    q = con.execute(
        f"SELECT substr(period, 1, 4) || '-Q' || ((CAST(substr(period, 6, 2) AS INT) + 2) // 3), "
        f"SUM(value_cny) FROM {src} WHERE flow = 'import' GROUP BY 1"
    ).fetchall()
    out["imports.quarterly_streak"] = float(walk({k: float(v) for k, v in q}))
    return out


def _bits(groups: list[Any]) -> dict[Any, int]:
    return {g: 1 << i for i, g in enumerate(dict.fromkeys(groups))}


def _mask_sql(col: str, bit: int | None) -> str:
    return "" if bit is None else f" AND ({col} & {bit}) <> 0"


def run_expert(files: list[Path]) -> dict[str, Any]:
    """What a DuckDB expert writes by hand: the records LEFT JOIN a partner -> bit-mask table and
    an HS-code -> bit-mask table (computed once over the distinct codes), grouped into a small
    cube by month, flow, masks, enterprise type and brand; every figure a FILTER sum over the
    cube; plus one per-partner aggregate and one COUNT(DISTINCT enterprise_id)."""
    import duckdb

    figs, con = figures(), duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    src = f"read_parquet([{', '.join(repr(str(f)) for f in files)}])"
    pbit = _bits([f.partners for f in figs if f.partners is not None])
    hbit = _bits([(f.prefixes, f.excludes) for f in figs if f.prefixes is not None])
    codes = [r[0] for r in con.execute(f"SELECT DISTINCT hs_code FROM {src}").fetchall()]
    pm: dict[str, int] = {}
    for members, bit in pbit.items():
        for p in members:
            pm[p] = pm.get(p, 0) | bit
    hm: dict[str, int] = {}
    for (inc, exc), bit in hbit.items():
        for c in codes:
            if c.startswith(inc) and not (exc and c.startswith(exc)):
                hm[c] = hm.get(c, 0) | bit
    con.register("pm", pa.table({"partner": list(pm), "pm": list(pm.values())}))
    con.register("hm", pa.table({"hs_code": list(hm), "hm": list(hm.values())}))
    con.execute(f"""CREATE TEMP TABLE cube AS SELECT period, flow, coalesce(pm, 0) AS pm,
        coalesce(hm, 0) AS hm, enterprise_type, brand_type, sum(value_cny) AS cny,
        sum(value_usd) AS usd FROM {src} LEFT JOIN pm USING (partner) LEFT JOIN hm USING (hs_code)
        GROUP BY ALL""")
    cells: dict[str, str] = {}
    alias: dict[str, str] = {}
    for i, f in enumerate(figs):
        if f.measure not in ("value_cny", "value_usd", "yoy_pct", "share_pct", "share_change_pp"):
            continue
        col = "usd" if f.measure == "value_usd" else "cny"
        v = f"CASE WHEN flow = 'import' THEN -{col} ELSE {col} END" if f.balance else col
        flows = f"flow IN ({', '.join(repr(x) for x in f.flows)})"
        pred = (
            flows
            + _mask_sql("pm", pbit.get(f.partners))
            + _mask_sql(
                "hm", hbit.get((f.prefixes, f.excludes)) if f.prefixes is not None else None
            )
        )
        pred += f" AND enterprise_type = '{f.etype}'" if f.etype else ""
        pred += f" AND brand_type IN ({', '.join(repr(b) for b in f.brands)})" if f.brands else ""
        for side, cond in (("c", "period >= '2025-01'"), ("p", "period < '2025-01'")):
            for name, where in ((f"{side}{i}", pred), (f"{side}p{i}", flows)):
                sql = f"SUM({v}) FILTER (WHERE {cond} AND {where})"
                alias[name] = cells.setdefault(sql, f"x{len(cells)}")
    cur = con.execute(f"SELECT {', '.join(f'{q} AS {n}' for q, n in cells.items())} FROM cube")
    names = [d[0] for d in cur.description]
    got = dict(zip(names, cur.fetchall()[0], strict=True))
    got |= {name: got[x] for name, x in alias.items()}
    out: dict[str, Any] = {}
    for i, f in enumerate(figs):
        if f"c{i}" in got:
            vals = [float(got[k] or 0) for k in (f"c{i}", f"p{i}", f"cp{i}", f"pp{i}")]
            out[f.name] = finish(f, *vals)
    partners, growing = con.execute(
        f"""SELECT count(*) FILTER (WHERE n > 0), count(*) FILTER (WHERE p > 0 AND c > p) FROM (
        SELECT partner, count(*) FILTER (WHERE period >= '2025-01') AS n,
        SUM(value_cny) FILTER (WHERE period >= '2025-01') AS c,
        SUM(value_cny) FILTER (WHERE period < '2025-01') AS p FROM {src} GROUP BY partner)"""
    ).fetchall()[0]
    (enterprises,) = con.execute(
        f"SELECT COUNT(DISTINCT enterprise_id) FROM {src} WHERE period >= '2025-01'"
    ).fetchall()[0]
    out["partners.count"], out["partners.growing"] = float(partners), float(growing)
    out["enterprises.count"] = float(enterprises)
    q = con.execute(
        "SELECT substr(period, 1, 4) || '-Q' || ((CAST(substr(period, 6, 2) AS INT) + 2) // 3), "
        "SUM(cny) FROM cube WHERE flow = 'import' GROUP BY 1"
    ).fetchall()
    out["imports.quarterly_streak"] = float(walk({k: float(v) for k, v in q}))
    return out


def run_polars(files: list[Path]) -> dict[str, Any]:
    import polars as pl

    figs = figures()
    lf = pl.scan_parquet([str(f) for f in files])
    cur, prev = pl.col("period") >= "2025-01", pl.col("period") < "2025-01"

    def pred(f: Fig, flow_only: bool = False) -> pl.Expr:
        e = pl.col("flow").is_in(list(f.flows))
        if flow_only:
            return e
        if f.partners is not None:
            e &= pl.col("partner").is_in(list(f.partners))
        if f.prefixes is not None:
            e &= pl.any_horizontal([pl.col("hs_code").str.starts_with(p) for p in f.prefixes])
        if f.etype:
            e &= pl.col("enterprise_type") == f.etype
        if f.brands:
            e &= pl.col("brand_type").is_in(list(f.brands))
        return e

    exprs = []
    for i, f in enumerate(figs):
        if f.measure not in ("value_cny", "value_usd", "yoy_pct", "share_pct", "share_change_pp"):
            continue
        col = pl.col("value_usd" if f.measure == "value_usd" else "value_cny")
        v = pl.when(pl.col("flow") == "import").then(-col).otherwise(col) if f.balance else col
        for side, s in (("c", cur), ("p", prev)):
            exprs.append(v.filter(s & pred(f)).sum().alias(f"{side}{i}"))
            exprs.append(v.filter(s & pred(f, True)).sum().alias(f"{side}p{i}"))
    exprs += [
        pl.col("partner").filter(cur).n_unique().alias("partners"),
        pl.col("enterprise_id").filter(cur).n_unique().alias("enterprises"),
    ]
    got = lf.select(exprs).collect().row(0, named=True)
    out: dict[str, Any] = {}
    for i, f in enumerate(figs):
        if f"c{i}" in got:
            vals = [float(got[k] or 0) for k in (f"c{i}", f"p{i}", f"cp{i}", f"pp{i}")]
            out[f.name] = finish(f, *vals)
        elif f.measure in ("partners", "enterprises"):
            out[f.name] = float(got[f.measure])
    per = (
        lf.group_by("partner")
        .agg(
            pl.col("value_cny").filter(cur).sum().alias("c"),
            pl.col("value_cny").filter(prev).sum().alias("p"),
        )
        .collect()
    )
    out["partners.growing"] = float(
        per.filter((pl.col("p") > 0) & (pl.col("c") > pl.col("p"))).height
    )
    mm = pl.col("period").str.slice(5, 2).cast(pl.Int32)
    qs = (
        lf.filter(pl.col("flow") == "import")
        .group_by(
            (pl.col("period").str.slice(0, 4) + "-Q" + ((mm + 2) // 3).cast(pl.Utf8)).alias("q")
        )
        .agg(pl.col("value_cny").sum())
        .collect()
    )
    out["imports.quarterly_streak"] = float(walk({r[0]: float(r[1]) for r in qs.iter_rows()}))
    return out


def run_pandas(files: list[Path]) -> dict[str, Any]:
    import pandas as pd

    figs = figures()
    df = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
    for c in ("value_cny", "value_usd"):
        df[c] = df[c].astype("float64")  # the straightforward route: floats, not exact
    cur = df.period >= "2025-01"
    out: dict[str, Any] = {}
    for f in figs:
        if f.measure in ("partners", "enterprises"):
            out[f.name] = float(
                df.loc[cur, "partner" if f.measure == "partners" else "enterprise_id"].nunique()
            )
            continue
        if f.measure not in ("value_cny", "value_usd", "yoy_pct", "share_pct", "share_change_pp"):
            continue
        base = df.flow.isin(f.flows)
        m = base.copy()
        if f.partners is not None:
            m &= df.partner.isin(f.partners)
        if f.prefixes is not None:
            m &= df.hs_code.str.startswith(f.prefixes)
        if f.etype:
            m &= df.enterprise_type == f.etype
        if f.brands:
            m &= df.brand_type.isin(f.brands)
        col = df["value_usd" if f.measure == "value_usd" else "value_cny"]
        v = col.where(df.flow != "import", -col) if f.balance else col
        sums = [v[s & mm].sum() for mm in (m, base) for s in (cur, ~cur)]
        out[f.name] = finish(f, sums[0], sums[1], sums[2], sums[3])
    g = (
        df.assign(c=df.value_cny.where(cur, 0), p=df.value_cny.where(~cur, 0))
        .groupby("partner")[["c", "p"]]
        .sum()
    )
    out["partners.growing"] = float(((g.p > 0) & (g.c > g.p)).sum())
    imp = df[df.flow == "import"]
    q = imp.period.str[:4] + "-Q" + ((imp.period.str[5:7].astype(int) + 2) // 3).astype(str)
    out["imports.quarterly_streak"] = float(walk(imp.value_cny.groupby(q).sum().to_dict()))
    return out


WAYS = {
    "engine": run_engine,
    "engine_cold": run_engine_cold,
    "spark": run_spark,
    "duckdb_sql": run_sql,
    "expert_sql": run_expert,
    "polars": run_polars,
    "pandas": run_pandas,
}


ERROR = "__error__"  # a result holding only this key: the way did not finish
# pandas holds every row as Python objects: cap it so that it fails with MemoryError rather
# than starve the machine (BENCH_PANDAS_CAP_GB overrides).
MEMORY_CAP_GB = {"pandas": float(os.environ.get("BENCH_PANDAS_CAP_GB", "16"))}


def cap_memory(way: str) -> None:
    """Limit a way's address space (not Spark's: the JVM reserves its own)."""
    if way in MEMORY_CAP_GB:
        cap = int(MEMORY_CAP_GB[way] * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def collect(proc: Any, queue: Any) -> Any:
    """The child's message, or an exception saying how it died without one (e.g. OOM-killed)."""
    from queue import Empty

    while True:
        try:
            return queue.get(timeout=1.0)
        except Empty:
            if not proc.is_alive() and queue.empty():
                code = proc.exitcode
                why = ", killed: out of memory?" if code == -9 else ""
                return RuntimeError(f"the process died (exit code {code}{why})")


def failure(way: str, err: Any) -> str:
    """A short reason for the table."""
    cap = f" at the {MEMORY_CAP_GB[way]:g} GB cap" if way in MEMORY_CAP_GB else ""
    name = type(err.__cause__ or err).__name__ if isinstance(err, BaseException) else "error"
    return f"did not finish: {name if name == 'MemoryError' else err}{cap}"


def _child(way: str, files: list[Path], repeats: int, queue: Any) -> None:
    times: list[float] = []
    result: dict[str, Any] = {}
    cap_memory(way)
    try:
        WAYS[way](files)  # warm-up: imports and file caches, not timed
        for _ in range(repeats):
            start = time.perf_counter()
            result = WAYS[way](files)
            times.append(time.perf_counter() - start)
    except Exception as err:  # report it instead of leaving the parent waiting
        queue.put(err)
        raise
    queue.put((times, _peak_mb(), result))


def _hwm_mb(pid: int | str) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _children(pid: int) -> list[int]:
    """Live descendants of ``pid`` (Spark's JVM is one)."""
    kids: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        kids.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        for k in kids.get(todo.pop(), []):
            out.append(k)
            todo.append(k)
    return out


def _peak_mb() -> float:
    """High-water RSS of this process plus its live children, e.g. Spark's JVM (VmHWM each;
    ru_maxrss would include the parent's, on Linux)."""
    own = _hwm_mb("self") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return own + sum(_hwm_mb(k) for k in _children(os.getpid()))


def measure(way: str, files: list[Path], repeats: int) -> tuple[list[float], float, dict[str, Any]]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(way, files, repeats, queue))
    proc.start()
    got = collect(proc, queue)
    proc.join()
    if isinstance(got, BaseException):
        return [], 0.0, {ERROR: failure(way, got)}
    times, peak, result = got
    return times, peak, result


def interleaved(
    ways: list[str], files: list[Path], repeats: int
) -> dict[str, tuple[float, float, dict[str, Any]]]:
    """Round-robin over the ways, one fresh process per run, so background load hits all alike."""
    times: dict[str, list[float]] = {w: [] for w in ways}
    peaks: dict[str, float] = dict.fromkeys(ways, 0.0)
    results: dict[str, dict[str, Any]] = {}
    for _ in range(repeats):
        for way in ways:
            if ERROR in results.get(way, {}):
                continue  # it failed once: it would fail again
            t, peak, results[way] = measure(way, files, 1)
            times[way] += t
            peaks[way] = max(peaks[way], peak)
    return {
        w: (statistics.median(times[w]) if times[w] else float("nan"), peaks[w], results[w])
        for w in ways
    }


def row_text(way: str, sec: float, base: float, eng: float, peak: float, agree: str) -> str:
    """One table row; a way that did not finish says why."""
    return f"| {way} | {sec:.3f} | {sec / base:.2f}x | {sec / eng:.2f}x | {peak:.0f} | {agree} |"


def error_row(way: str, res: dict[str, Any]) -> str | None:
    return f"| {way} | {res[ERROR]} | | | | |" if ERROR in res else None


def _agree(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--dir", type=Path, default=None, help="Where to write the Parquet files.")
    ap.add_argument("--ways", default=",".join(WAYS))
    args = ap.parse_args(argv)
    folder = args.dir or Path(tempfile.mkdtemp(prefix="bench-engine-"))
    folder.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    files = generate(args.rows, folder)
    gen = time.perf_counter() - t0
    results = interleaved(args.ways.split(","), files, args.repeats)
    ref = results.get("engine", next(iter(results.values())))[2]
    print(
        f"## Engine: seed indicator set ({len(ref)} figures, 2025 vs 2024), {args.rows:,} records\n"
    )
    print(
        f"Data generated in {gen:.1f} s into {len(files)} Parquet files; median of "
        f"{args.repeats} runs, round-robin over the ways, each run in a fresh process after "
        f"one untimed warm-up; peak = high-water "
        f"RSS of that process and its children, e.g. Spark's JVM (VmHWM). "
        f"Machine: {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f} at the end.\n"
    )
    print("| way | median s | vs expert_sql | vs engine | peak MB | figures agreeing with engine |")
    print("|---|---:|---:|---:|---:|---:|")
    sql_t = results["expert_sql"][0] if "expert_sql" in results else float("nan")
    eng_t = results["engine"][0] if "engine" in results else float("nan")
    for way, (sec, peak, res) in results.items():
        same = sum(_agree(res.get(k), v) for k, v in ref.items())
        print(error_row(way, res) or row_text(way, sec, sql_t, eng_t, peak, f"{same}/{len(ref)}"))
    bad = {
        w: [k for k, v in ref.items() if not _agree(r[2].get(k), v)]
        for w, r in results.items()
        if ERROR not in r[2]
    }
    if any(bad.values()):
        print(f"\nDisagreements: {bad}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
