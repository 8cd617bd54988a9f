"""Finishing an ingest: totals read back from the staged files, the quarantine, the reconciliation.

The accepted totals come from the Parquet files as written, not from the ingest's own counters,
so the reconciliation checks the write itself.

Example:
    >>> files = read_back(workspace)                 # doctest: +SKIP
    >>> [f.period for f in files]                    # doctest: +SKIP
    ['2025-01', '2025-02']
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from tradestats.ingest.report import CurrencyTotals, IngestReport
from tradestats.ingest.staging import COMPRESSION, Workspace
from tradestats.records import COLUMN_NAMES, COLUMNS
from tradestats.sqltext import literal


@dataclass(frozen=True)
class StagedFile:
    """A Parquet file written for one period and one reporter ('' for rows without one), with
    the totals read back from it."""

    path: Path
    period: str
    reporter: str
    rows: int
    value_cny: Decimal
    value_usd: Decimal


def _dec(value: object) -> Decimal:
    return Decimal(0) if value is None else Decimal(str(value))


def _names(sources: list[str]) -> str:
    return "[" + ", ".join(literal(s) for s in sources) + "]"


def read_back(ws: Workspace) -> list[StagedFile]:
    """Rows and totals of every staged file, one per (period, reporter), read from the files.

    A staged period file holding several reporters is split into one file per reporter, so
    that a batch replaces exactly the (period, reporter) cells it covers.
    """
    out = []
    for period, staged in sorted(ws.periods.items()):
        groups = ws.con.execute(
            f"""SELECT coalesce(reporter, ''), count(*), sum(value_cny), sum(value_usd)
            FROM read_parquet({literal(str(staged.path))}, hive_partitioning = false)
            GROUP BY ALL ORDER BY 1"""
        ).fetchall()
        if not groups:
            continue
        paths = {groups[0][0]: staged.path} if len(groups) == 1 else _split(ws, staged.path, groups)
        for reporter, n, cny, usd in groups:
            out.append(StagedFile(paths[reporter], period, reporter, int(n), _dec(cny), _dec(usd)))
    return out


def _split(
    ws: Workspace, path: Path, groups: list[tuple[str, int, object, object]]
) -> dict[str, Path]:
    """Write the rows of each reporter of ``path`` to a file of their own (one pass)."""
    reporters = [g[0] for g in groups]
    folder = path.parent / "by-reporter"
    casts = ", ".join(f"CAST({c.name} AS {c.sql_type}) AS {c.name}" for c in COLUMNS)
    listed = "[" + ", ".join(literal(r) for r in reporters) + "]"
    ws.con.execute(
        f"""COPY (SELECT {casts}, list_position({listed}, coalesce(reporter, '')) AS _cell
            FROM read_parquet({literal(str(path))}, hive_partitioning = false))
        TO {literal(str(folder))} (FORMAT parquet, PARTITION_BY (_cell),
            WRITE_PARTITION_COLUMNS false, COMPRESSION {COMPRESSION})"""
    )
    paths = {}
    for i, reporter in enumerate(reporters, start=1):
        parts = sorted((folder / f"_cell={i}").iterdir())
        target = folder / f"cell-{i}.parquet"
        if len(parts) == 1:
            parts[0].replace(target)
        else:  # DuckDB may write a partition in several files: make them one
            ws.con.execute(
                f"""COPY (SELECT * FROM read_parquet({_names([str(q) for q in parts])},
                    hive_partitioning = false)) TO {literal(str(target))}
                (FORMAT parquet, COMPRESSION {COMPRESSION})"""
            )
        paths[reporter] = target
    path.unlink()
    return paths


def write_quarantine(ws: Workspace, path: Path, sources: list[str]) -> None:
    """All rejected rows, in file and line order, with the reasons and the text as read."""
    raw = ", ".join(f"_raw_{c} AS {c}" for c in COLUMN_NAMES)
    ws.con.execute(
        f"""COPY (SELECT {_names(sources)}[_src + 1] AS source_file, _line AS line,
        _fields AS fields, _reasons AS reasons, {raw}, _text AS raw_line
        FROM rej ORDER BY _src, _line) TO {literal(str(path))} (FORMAT csv, HEADER true)"""
    )


def quarantine_problems(ws: Workspace, limit: int, sources: list[str]) -> list[str]:
    rows = ws.con.execute(
        f"SELECT _src, _line, _reasons FROM rej ORDER BY _src, _line LIMIT {int(limit)}"
    ).fetchall()
    return [f"{sources[s]}:{line}: {reasons}" for s, line, reasons in rows]


def _rejected_totals(ws: Workspace, col: str) -> tuple[Decimal, Decimal, int]:
    """Sum read of rows a rule rejected, sum of all rejected rows, rows whose value is no number."""
    by_rule, everything, unparseable = ws.con.execute(
        f"""SELECT sum(_read_{col}) FILTER (WHERE _fields <> 'duplicate'), sum(_read_{col}),
        count(*) FILTER (WHERE NULLIF(trim(_raw_value_{col}), '') IS NOT NULL
                         AND _read_{col} IS NULL)
        FROM rej"""
    ).fetchall()[0]
    return _dec(by_rule), _dec(everything), int(unparseable)


def reconcile(ws: Workspace, report: IngestReport, files: list[StagedFile]) -> None:
    """Fill in the report: rows and per-currency values read, accepted and quarantined.

    Value read = what passed the rules (summed as staged, duplicates included) + what a rule
    rejected; accepted = the sum over the files written (duplicates removed).
    """
    report.rows_accepted = sum(f.rows for f in files)
    report.rows_quarantined = ws.count("rej")
    for cur, col in (("CNY", "cny"), ("USD", "usd")):
        by_rule, quarantined, unparseable = _rejected_totals(ws, col)
        written = sum((f.value_cny if cur == "CNY" else f.value_usd for f in files), Decimal(0))
        report.values[cur] = CurrencyTotals(
            read=ws.staged[cur] + by_rule,
            accepted=written,
            quarantined=quarantined,
            unparseable_rows=unparseable,
        )
    _reconcile_local(ws, report, files)
    by_field = ws.con.execute(
        "SELECT f, count(*) FROM (SELECT unnest(string_split(_fields, ',')) f FROM rej) GROUP BY f"
    ).fetchall()
    report.rejects_by_field = {str(f): int(n) for f, n in by_field}


def _local_key(currency: object) -> str:
    """The report's key for values in ``value_local``: the currency, when it is one that
    belongs there; else a key of its own (a refused USD there never joins the USD totals)."""
    from tradestats.ingest.code_rules import OWN_COLUMN, currencies

    text = str(currency or "").strip()
    if text in currencies() and text not in OWN_COLUMN:
        return text
    return f"value_local ({text or 'no currency'})"


def _reconcile_local(ws: Workspace, report: IngestReport, files: list[StagedFile]) -> None:
    """Values in the reporter's own currency (``value_local``), per currency: accepted read back
    from the staged files, quarantined from the rejected rows' text. Absent when none."""
    totals: dict[str, CurrencyTotals] = {}
    if files:
        listed = _names([str(f.path) for f in files])
        for cur, total in ws.con.execute(
            f"SELECT currency, sum(value_local) FROM read_parquet({listed}, union_by_name = true,"
            " hive_partitioning = false) WHERE value_local IS NOT NULL GROUP BY currency"
        ).fetchall():
            t = totals.setdefault(_local_key(cur), CurrencyTotals())
            t.accepted += _dec(total)
    number = "TRY_CAST(replace(trim(_raw_value_local), ',', '') AS DECIMAL(38,10))"
    for cur, total, unparseable in ws.con.execute(
        f"""SELECT upper(trim(_raw_currency)), sum({number}), count(*) FILTER (WHERE {number}
        IS NULL) FROM rej WHERE NULLIF(trim(_raw_value_local), '') IS NOT NULL GROUP BY 1"""
    ).fetchall():
        t = totals.setdefault(_local_key(cur), CurrencyTotals())
        t.quarantined += _dec(total)
        t.unparseable_rows += int(unparseable)
    for key, t in sorted(totals.items()):
        t.read = t.accepted + t.quarantined
        report.values[key] = t
