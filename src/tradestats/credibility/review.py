"""The review of an ingest: run the credibility checks on the staged rows against the store's
history, and write the review report beside the batch. Rows are accepted as they are; a
correction is a new vintage (``ingest --replace``).

The report is ``STORE/review/<batch>.csv`` (one line per listed row and check: source file and
line, the row's codes, the check, the measure, its value, the median it was compared with,
how many times off, the robust z, and a sentence) and ``<batch>.json`` (counts and settings).
It is written while the ingest holds the store's lock, just before the batch's manifest: a
report whose batch never committed is replaced by the next ingest, which takes the same id.

Example:
    >>> notes = review_ingest(store, workspace, staged_files, report)   # doctest: +SKIP
    >>> notes                                                           # doctest: +SKIP
    ['credibility review: 12 of 10,000 rows listed (review/b000004.csv)']
"""

from __future__ import annotations

import csv
import json
import math
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import duckdb

from tradestats.credibility import checks as sql
from tradestats.credibility.lines import checked_lines, direct_lines
from tradestats.credibility.settings import FOLDER, Checks, load_checks
from tradestats.records import COLUMN_NAMES

COLUMNS = ("source_file", "line", "period", "flow", "hs_code", "partner", "enterprise_id",
           "check", "measure", "value", "median", "factor", "robust_z", "compared_with",
           "reason")  # fmt: skip


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _files(paths: list[Path]) -> str:
    return "[" + ", ".join(_quote(str(p)) for p in paths) + "]"


def history_periods(store: Any, periods: list[str], months: int) -> list[str]:
    """Live periods of the store from ``months`` months before the batch's first period to its
    last: the months before it, and the current vintage of the months it revises or extends.

    >>> class S:
    ...     def periods(self): return ["2024-11", "2024-12", "2025-01", "2025-02"]
    >>> history_periods(S(), ["2025-02"], 2)
    ['2024-12', '2025-01', '2025-02']
    """
    first, last = min(p[:7] for p in periods), max(p[:7] for p in periods)
    year, month = int(first[:4]), int(first[5:7]) if len(first) >= 7 else 1
    index = year * 12 + month - 1 - months
    start = f"{index // 12}-{index % 12 + 1:02d}"
    return [p for p in store.periods() if start[: len(p[:7])] <= p[:7] <= last]


def review_ingest(store: Any, ws: Any, staged: list[Any], report: Any) -> list[str]:
    """Check the staged rows of an ingest about to commit; write the review; return notes.

    ``staged`` are the staged period files (``path``, ``period``); ``report`` the ingest's
    report (its sources and route name the files and lines).
    """
    start = time.perf_counter()
    settings = load_checks(Path(store.root))
    batch_id = f"b{store.next_seq():06d}"
    folder = Path(store.root) / FOLDER
    folder.mkdir(exist_ok=True)
    files = [f.path for f in staged]
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute("SET memory_limit = '2GB'")
        found = _flags(con, store, files, [f.period for f in staged], settings)
        located = _locate(con, ws, report, staged, found)
    finally:
        con.close()
    rows_checked = sum(f.rows for f in staged)
    listed = len({(r["_file"], r["_row"]) for r in found})
    _write(folder / f"{batch_id}.csv", located)
    summary = {
        "batch": batch_id,
        "rows_checked": rows_checked,
        "rows_listed": listed,
        "listings": len(located),
        "by_check": _count(located),
        "history_periods": found_history(store, [f.period for f in staged], settings),
        "settings": asdict(settings),
        "seconds": round(time.perf_counter() - start, 3),
    }
    (folder / f"{batch_id}.json").write_text(json.dumps(summary, indent=1) + "\n", "utf-8")
    return [
        f"credibility review: {listed:,} of {rows_checked:,} rows listed for review "
        f"({FOLDER}/{batch_id}.csv); the rows are accepted as declared"
    ]


def found_history(store: Any, periods: list[str], settings: Checks) -> list[str]:
    found = history_periods(store, periods, settings.history_months) if periods else []
    return [found[0], found[-1]] if found else []


def _count(rows: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in rows:
        out[r["check"]] = out.get(r["check"], 0) + 1
    return out


def _flags(
    con: duckdb.DuckDBPyConnection,
    store: Any,
    files: list[Path],
    periods: list[str],
    c: Checks,
) -> list[dict[str, Any]]:
    """Every listed (row, check) with the row's fields."""
    if not files:
        return []
    cols = ", ".join(COLUMN_NAMES)
    con.execute(
        f"""CREATE TEMP TABLE batch AS SELECT list_position({_files(files)}, filename) - 1 AS _file,
        file_row_number AS _row, {cols}
        FROM read_parquet({_files(files)}, filename = true, file_row_number = true,
                          hive_partitioning = false, union_by_name = true)"""
    )
    history = store.data_files(periods=history_periods(store, periods, c.history_months))
    if history:
        con.execute(
            f"""CREATE TEMP VIEW history AS SELECT * FROM read_parquet({_files(history)},
            hive_partitioning = false, union_by_name = true)"""
        )
    else:
        con.execute(f"CREATE TEMP VIEW history AS SELECT {cols} FROM batch WHERE false")
    _ensure_column(con, "history", "net_weight_kg")
    con.execute(f"CREATE TEMP TABLE bm AS {sql.measures_sql('batch', ', _file, _row')}")
    con.execute(f"CREATE TEMP TABLE bs AS {sql.stats_sql('bm')}")
    history_measures = f"({sql.measures_sql('history')})"
    con.execute(f"CREATE TEMP TABLE hs AS {sql.stats_sql(history_measures)}")
    flagged = con.execute(
        f"""WITH f AS ({sql.flags_sql("bm", "hs", "bs", c)})
        SELECT f.*, b.period, b.flow, b.hs_code, b.partner, b.enterprise_id,
            {_VALUE_OF} AS v
        FROM f JOIN batch b USING (_file, _row)"""
    ).fetchall()
    names = ["_file", "_row", "check", "measure", "x", "med", "n", "z", "period", "flow",
             "hs_code", "partner", "enterprise_id", "v"]  # fmt: skip
    out = [dict(zip(names, r, strict=True)) for r in flagged]
    for what in ("partner", "chapter"):
        switched = con.execute(
            f"""WITH s AS ({sql.switches_sql("batch", "history", c, what)})
            SELECT s.*, b.period, b.flow, b.hs_code, b.partner FROM s JOIN batch b
            USING (_file, _row)"""
        ).fetchall()
        for f, r, ent, share, known, lines, period, flow, hs, partner in switched:
            out.append({"_file": f, "_row": r, "check": f"{what} switch", "measure": what,
                        "share": share, "known": known, "lines": lines, "period": period,
                        "flow": flow, "hs_code": hs, "partner": partner,
                        "enterprise_id": ent})  # fmt: skip
    return out


_VALUE_OF = "coalesce(b.value_cny, b.value_usd, b.value_eur)"


def _ensure_column(con: duckdb.DuckDBPyConnection, view: str, column: str) -> None:
    """Stores written before a column was added lack it: read it as NULL there."""
    present = {r[0] for r in con.execute(f"DESCRIBE {view}").fetchall()}
    if column not in present:
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {view}_ AS SELECT *, NULL::DECIMAL(18,3) AS {column} "
            f"FROM {view}"
        )
        con.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT * FROM {view}_")


def _locate(
    con: duckdb.DuckDBPyConnection,
    ws: Any,
    report: Any,
    staged: list[Any],
    found: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """The listed rows with source file and line, in file and line order."""
    sources = [s["path"] for s in report.sources]
    where: dict[tuple[int, int], tuple[str, int | None]] = {}
    if report.route == "direct" and len(sources) == 1:
        keys = sorted({(r["_file"], r["_row"]) for r in found})
        hashes = _hashes(con, keys)
        by_hash = direct_lines(con, Path(sources[0]), list(hashes.values()))
        where = {k: (sources[0], by_hash.get(h)) for k, h in hashes.items()}
    else:
        wanted: dict[str, list[int]] = {}
        for r in found:
            wanted.setdefault(staged[r["_file"]].period, []).append(int(r["_row"]))
        lines = checked_lines(ws.con, ws.folder, wanted)
        for r in found:
            hit = lines.get((staged[r["_file"]].period, int(r["_row"])))
            where[(r["_file"], r["_row"])] = (sources[hit[0]], hit[1]) if hit else ("", None)
    out = []
    for r in found:
        source, line = where[(r["_file"], r["_row"])]
        out.append(_listing(r, source, line))
    return sorted(out, key=lambda x: (x["source_file"], x["line"] or 0, x["check"]))


def _hashes(
    con: duckdb.DuckDBPyConnection, keys: list[tuple[int, int]]
) -> dict[tuple[int, int], int]:
    if not keys:
        return {}
    import pyarrow as pa

    con.register("_keys", pa.table({"_file": [k[0] for k in keys], "_row": [k[1] for k in keys]}))
    try:
        rows = con.execute(
            f"""SELECT b._file, b._row, hash({", ".join(f"b.{c}" for c in COLUMN_NAMES)})
            FROM batch b JOIN _keys k ON b._file = k._file AND b._row = k._row"""
        ).fetchall()
    finally:
        con.unregister("_keys")
    return {(int(f), int(r)): int(h) for f, r, h in rows}


def _listing(r: dict[str, Any], source: str, line: int | None) -> dict[str, Any]:
    base = {k: r.get(k) for k in ("period", "flow", "hs_code", "partner", "enterprise_id")}
    base |= {"source_file": source, "line": line, "check": r["check"], "measure": r["measure"]}
    if r["check"].endswith("switch"):
        thing = "partners" if r["measure"] == "partner" else "HS chapters"
        base |= {
            "value": None, "median": None, "factor": None, "robust_z": None,
            "compared_with": f"{r['lines']} lines of the enterprise in the history",
            "reason": f"enterprise {r['enterprise_id']}: {r['share'] * 100:.0f} % of its "
            f"{r['flow']} value in this batch goes to {thing} it did not trade with in the "
            f"history ({r['known']} {thing} there); this row's is new",
        }  # fmt: skip
        return base
    value, median = math.exp(r["x"]), math.exp(r["med"])
    factor = value / median
    how = f"{factor:.1f} times" if factor >= 1 else f"1/{1 / factor:.1f} of"
    base |= {
        "value": f"{value:.6g}",
        "median": f"{median:.6g}",
        "factor": round(factor, 4),
        "robust_z": round(float(r["z"]), 2),
        "compared_with": f"{r['n']} lines of the code in the {r['check']}",
        "reason": f"{r['measure']} {value:.4g} is {how} the code's median {median:.4g} "
        f"in the {r['check']} ({r['n']} lines)",
    }
    return base


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS), extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: "" if r.get(k) is None else r[k] for k in COLUMNS})
    tmp.replace(path)
