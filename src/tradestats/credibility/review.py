"""The review of an ingest: run the credibility checks on the staged rows against the store's
history, and write the review report beside the batch. Rows are accepted as they are; a
correction is a new vintage (``ingest --replace``).

The report is ``STORE/review/<batch>.csv`` (one line per listed row and check: source file and
line, the row's codes, the check, the measure, its value, the median it was compared with,
how many times off, the robust z, a sentence, and where the store keeps the row) and
``<batch>.json`` (counts and settings); ``profile-<batch>.parquet``
keeps the batch's statistics for later ingests. They are written while the ingest holds the
store's lock, just before the batch's manifest: files of a batch that never committed are
replaced by the next ingest, which takes the same id. On the direct route (one clean CSV, read
in parallel) lines are not numbered while reading; ``locate_lines`` finds them when the review
is first shown.

Example:
    >>> notes = review_ingest(store, workspace, staged_files, report)   # doctest: +SKIP
    >>> notes                                                           # doctest: +SKIP
    ['credibility review: 12 of 10,000 rows listed for review (review/b000004.csv); ...']
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
from tradestats.store.layout import data_path

COLUMNS = ("source_file", "line", "period", "flow", "hs_code", "partner", "enterprise_id",
           "check", "measure", "value", "median", "factor", "robust_z", "compared_with",
           "reason", "stored_file", "stored_row")  # fmt: skip
NAMES = {"kg": "value per kg", "unit": "value per {u}", "ratio": "kg per {u}"}


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _files(paths: list[Path]) -> str:
    return "[" + ", ".join(_quote(str(p)) for p in paths) + "]"


def _read(paths: list[Path]) -> str:
    return f"read_parquet({_files(paths)}, union_by_name = true, hive_partitioning = false)"


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

    ``staged`` are the staged period files (``path``, ``period``, ``rows``), in the order the
    commit places them; ``report`` is the ingest's report (its sources and route name the
    files and lines).
    """
    start = time.perf_counter()
    settings = load_checks(Path(store.root))
    seq = store.next_seq()
    batch_id = f"b{seq:06d}"
    folder = Path(store.root) / FOLDER
    folder.mkdir(exist_ok=True)
    periods = [f.period for f in staged]
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute("SET memory_limit = '2GB'")
        found = _flags(con, store, staged, settings, folder / f"profile-{batch_id}.parquet")
    finally:
        con.close()
    located = _locate(ws, report, staged, found, seq)
    rows_checked = sum(f.rows for f in staged)
    listed = len({(r["_file"], r["_row"]) for r in found})
    _write(folder / f"{batch_id}.csv", located)
    summary = {
        "batch": batch_id,
        "rows_checked": rows_checked,
        "rows_listed": listed,
        "listings": len(located),
        "by_check": _count(located),
        "history_periods": _ends(history_periods(store, periods, settings.history_months))
        if periods
        else [],
        "lines": "on request (tradestats review)" if report.route == "direct" else "resolved",
        "settings": asdict(settings),
        "seconds": round(time.perf_counter() - start, 3),
    }
    (folder / f"{batch_id}.json").write_text(json.dumps(summary, indent=1) + "\n", "utf-8")
    return [
        f"credibility review: {listed:,} of {rows_checked:,} rows listed for review "
        f"({FOLDER}/{batch_id}.csv); the rows are accepted as declared"
    ]


def _ends(periods: list[str]) -> list[str]:
    return [periods[0], periods[-1]] if periods else []


def _count(rows: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in rows:
        out[r["check"]] = out.get(r["check"], 0) + 1
    return out


def _live_profiles(
    con: duckdb.DuckDBPyConnection, store: Any, periods: list[str], c: Checks
) -> str:
    """A relation of the profiles of the live (period, batch) pairs in the history window; a
    batch without one (ingested before the checks) is profiled from its rows."""
    wanted = set(history_periods(store, periods, c.history_months))
    live = {(p, seq) for p, st in store.state().items() if p in wanted for seq in st.batches}
    parts = []
    folder = Path(store.root) / FOLDER
    for seq in sorted({s for _, s in live}):
        mine = sorted(p for p, s in live if s == seq)
        listed = ", ".join(_quote(p) for p in mine)
        profile = folder / f"profile-b{seq:06d}.parquet"
        if profile.is_file():
            parts.append(f"SELECT * FROM read_parquet({_quote(str(profile))}) "
                         f"WHERE period IN ({listed})")  # fmt: skip
            continue
        files = [Path(store.root) / f.path for rec in store.batches() if rec.seq == seq
                 for f in rec.files if f.period in mine]  # fmt: skip
        con.execute(f"CREATE OR REPLACE TEMP VIEW _old AS SELECT * FROM {_read(files)}")
        _ensure_column(con, "_old", "net_weight_kg")
        con.execute(f"CREATE TEMP TABLE _old_{seq} AS {sql.profile_sql('_old')}")
        parts.append(f"SELECT * FROM _old_{seq}")
    if not parts:
        return "(SELECT * FROM bprof WHERE false)"
    return "(" + "\nUNION ALL BY NAME\n".join(parts) + ")"


def _flags(
    con: duckdb.DuckDBPyConnection, store: Any, staged: list[Any], c: Checks, profile: Path
) -> list[dict[str, Any]]:
    """Every listed (row, check), with the row's codes; writes the batch's profile."""
    if not staged:
        return []
    files = [f.path for f in staged]
    # One scan per file with its index as a constant (not a lookup of each row's file name).
    parts = [f"""SELECT {i} AS _file, file_row_number AS _row, * EXCLUDE (file_row_number)
        FROM read_parquet({_quote(str(f))}, file_row_number = true, hive_partitioning = false)"""
             for i, f in enumerate(files)]  # fmt: skip
    con.execute(f"CREATE TEMP VIEW staged AS {' UNION ALL '.join(parts)}")
    con.execute(f"CREATE TEMP TABLE bprof AS {sql.profile_sql('staged')}")
    con.execute(f"COPY bprof TO {_quote(str(profile))} (FORMAT parquet)")
    periods = [f.period for f in staged]
    history = sql.history_sql(_live_profiles(con, store, periods, c))
    con.execute(f"CREATE TEMP TABLE hist AS {history}")
    logs = f"({sql.logs_sql('staged', ', _file, _row, partner, enterprise_id')})"
    names = ["period", "flow", "hs_code", "cur", "u", "_file", "_row", "partner",
             "enterprise_id", "check", "m", "x", "med", "n", "z"]  # fmt: skip
    con.execute(f"CREATE TEMP TABLE bounds AS {sql.bounds_sql('bprof', 'hist', c)}")
    out = [dict(zip(names, r, strict=True)) for r in con.execute(sql.flags_sql(logs, "bounds"))
           .fetchall()]  # fmt: skip
    for r in out:
        r["measure"] = NAMES[r["m"]].format(u=r["u"])
    rows = store.data_files(periods=history_periods(store, periods, c.history_months))
    past = _read(rows) if rows else "(SELECT * FROM staged WHERE false)"
    query = sql.switches_sql("staged", past, c)
    for f, r, what, ent, share, known, lines, period, flow, hs, partner in con.execute(
        query
    ).fetchall():
        out.append({"_file": f, "_row": r, "check": f"{what} switch", "measure": what,
                    "share": share, "known": known, "lines": lines, "period": period,
                    "flow": flow, "hs_code": hs, "partner": partner,
                    "enterprise_id": ent})  # fmt: skip
    return out


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
    ws: Any, report: Any, staged: list[Any], found: list[dict[str, Any]], seq: int
) -> list[dict[str, Any]]:
    """The listed rows with source file and line (the direct route's lines are found on
    request, see ``locate_lines``) and where the store keeps them, in file and line order."""
    sources = [s["path"] for s in report.sources]
    where: dict[tuple[int, int], tuple[str, int | None]] = {}
    if report.route == "direct" and len(sources) == 1:
        where = {(r["_file"], r["_row"]): (sources[0], None) for r in found}
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
        item = _listing(r, source, line)
        f = staged[r["_file"]]
        item["stored_file"] = data_path(f.period, seq, f.reporter)  # where the commit puts it
        item["stored_row"] = int(r["_row"])
        out.append(item)
    return sorted(out, key=lambda x: (x["source_file"], x["line"] or 0, x["stored_row"]))


def read_review(store: Any, batch: str) -> list[dict[str, str]]:
    """The listed rows of a batch's review, their direct-route lines found first."""
    locate_lines(store, batch)
    with (Path(store.root) / FOLDER / f"{batch}.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def locate_lines(store: Any, batch: str) -> bool:
    """Fill in the source lines of a direct-route review (reading the source file once, if it
    is still there and unchanged); True when the review was rewritten."""
    from tradestats.store import StoreWriter
    from tradestats.store.integrity import sha256_of  # the ingest's own fingerprint

    path = Path(store.root) / FOLDER / f"{batch}.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    todo = [r for r in rows if not r["line"] and r["source_file"]]
    if not todo:
        return False
    source = Path(todo[0]["source_file"])
    known = {s.path: s.sha256 for s in store.batch(batch).sources}
    if not source.is_file() or sha256_of(source) != known.get(str(source)):
        return False
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        hashes: dict[tuple[str, int], int] = {}
        for stored in sorted({r["stored_file"] for r in todo}):
            wanted = ", ".join(
                sorted({r["stored_row"] for r in todo if r["stored_file"] == stored})
            )
            found = con.execute(
                f"""SELECT file_row_number, hash({", ".join(COLUMN_NAMES)}) FROM read_parquet(
                {_quote(str(Path(store.root) / stored))}, file_row_number = true,
                hive_partitioning = false) WHERE file_row_number IN ({wanted})"""
            ).fetchall()
            hashes |= {(stored, int(n)): int(h) for n, h in found}
        lines = direct_lines(con, source, list(hashes.values()))
    finally:
        con.close()
    for r in todo:
        line = lines.get(hashes.get((r["stored_file"], int(r["stored_row"])), -1))
        r["line"] = "" if line is None else str(line)
    with StoreWriter(store):
        _write(path, rows)
    return True


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
