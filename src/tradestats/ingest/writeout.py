"""Writing an ingest's results: Parquet per period, the quarantine CSV, the reconciliation.

The accepted totals in the report are read back from the Parquet files just written, not taken
from the workspace, so the reconciliation checks the write itself.

Example:
    >>> out = write_outputs(workspace, report, staging, seq=3)    # doctest: +SKIP
    >>> [f.period for f in out.files]                             # doctest: +SKIP
    ['2025-01', '2025-02']
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from tradestats.ingest.report import CurrencyTotals, IngestReport
from tradestats.ingest.staging import Workspace
from tradestats.records import COLUMN_NAMES, COLUMNS

ROW_GROUP_SIZE = 1_000_000


@dataclass(frozen=True)
class StagedFile:
    """A Parquet file written for one period, with the totals read back from it."""

    path: Path
    period: str
    rows: int
    value_cny: Decimal
    value_usd: Decimal


@dataclass(frozen=True)
class Outputs:
    files: list[StagedFile]
    quarantine: Path


def _dec(value: object) -> Decimal:
    return Decimal(0) if value is None else Decimal(str(value))


def write_parquet(ws: Workspace, folder: Path) -> list[StagedFile]:
    """One or more Parquet files per period under ``folder``; totals read back from them."""
    if ws.count("acc") == 0:
        return []
    casts = ", ".join(f"CAST({c.name} AS {c.sql_type}) AS {c.name}" for c in COLUMNS)
    ws.con.execute(
        f"""COPY (SELECT {casts} FROM acc) TO '{folder}'
        (FORMAT parquet, PARTITION_BY (period), WRITE_PARTITION_COLUMNS true,
         FILENAME_PATTERN 'part-{{i}}', ROW_GROUP_SIZE {ROW_GROUP_SIZE}, COMPRESSION zstd)"""
    )
    rows = ws.con.execute(
        f"""SELECT filename, period, count(*), sum(value_cny), sum(value_usd)
        FROM read_parquet('{folder}/*/*.parquet', filename = true, hive_partitioning = false)
        GROUP BY ALL ORDER BY period, filename"""
    ).fetchall()
    return [StagedFile(Path(f), p, int(n), _dec(c), _dec(u)) for f, p, n, c, u in rows]


def write_quarantine(ws: Workspace, path: Path, sources: list[str]) -> None:
    """All rejected rows, in file and line order, with the reasons and the text as read."""
    names = "[" + ", ".join("'" + s.replace("'", "''") + "'" for s in sources) + "]"
    raw = ", ".join(f"_raw_{c} AS {c}" for c in COLUMN_NAMES)
    ws.con.execute(
        f"""COPY (SELECT {names}[_src + 1] AS source_file, _line AS line, _fields AS fields,
        _reasons AS reasons, {raw}, _text AS raw_line FROM rej ORDER BY _src, _line)
        TO '{path}' (FORMAT csv, HEADER true)"""
    )


def quarantine_problems(ws: Workspace, limit: int, sources: list[str] | None = None) -> list[str]:
    rows = ws.con.execute(
        f"SELECT _src, _line, _reasons FROM rej ORDER BY _src, _line LIMIT {int(limit)}"
    ).fetchall()
    names = sources or []
    return [
        f"{names[s] if s < len(names) else f'file {s + 1}'}:{line}: {reasons}"
        for s, line, reasons in rows
    ]


def _rejected_totals(ws: Workspace) -> dict[str, tuple[Decimal, int]]:
    out = {}
    for cur, col in (("CNY", "cny"), ("USD", "usd")):
        row = ws.con.execute(
            f"""SELECT sum(_read_{col}),
            count(*) FILTER (WHERE NULLIF(trim(_raw_value_{col}), '') IS NOT NULL
                             AND _read_{col} IS NULL)
            FROM rej"""
        ).fetchall()[0]
        out[cur] = (_dec(row[0]), int(row[1]))
    return out


def _staged_totals(ws: Workspace) -> tuple[Decimal, Decimal]:
    row = ws.con.execute("SELECT sum(value_cny), sum(value_usd) FROM acc").fetchall()[0]
    return _dec(row[0]), _dec(row[1])


def write_outputs(ws: Workspace, report: IngestReport, staging: Path, seq: int) -> Outputs:
    """Write data and quarantine files into ``staging`` and fill in the reconciliation."""
    sources = [s["path"] for s in report.sources]
    files = write_parquet(ws, staging / "out")
    quarantine = staging / "quarantine.csv"
    write_quarantine(ws, quarantine, sources)
    staged_cny, staged_usd = _staged_totals(ws)
    rejected = _rejected_totals(ws)
    report.rows_accepted = sum(f.rows for f in files)
    report.rows_quarantined = ws.count("rej")
    written = {
        "CNY": sum((f.value_cny for f in files), Decimal(0)),
        "USD": sum((f.value_usd for f in files), Decimal(0)),
    }
    for cur, staged in (("CNY", staged_cny), ("USD", staged_usd)):
        q_sum, unparseable = rejected[cur]
        report.values[cur] = CurrencyTotals(
            read=staged + q_sum,
            accepted=written[cur],
            quarantined=q_sum,
            unparseable_rows=unparseable,
        )
    by_field = ws.con.execute(
        "SELECT f, count(*) FROM (SELECT unnest(string_split(_fields, ',')) f FROM rej) GROUP BY f"
    ).fetchall()
    report.rejects_by_field = {str(f): int(n) for f, n in by_field}
    report.problems = quarantine_problems(ws, 50, sources)
    return Outputs(files, quarantine)
