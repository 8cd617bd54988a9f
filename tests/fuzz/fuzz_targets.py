"""The fuzz targets: plain functions of one input, shared by the hypothesis properties, the
regression replays (regressions/) and the atheris driver (atheris_fuzz.py).

Each target runs the code under test inside ``own_errors_only``: it may return or raise a
``TradestatsError``; anything else, or too much CPU time, fails. Some targets check more
(what a failed ingest leaves, a period label that parses back to the same period).

Example:
    >>> period_text("2025-Q2")
    >>> claims_text("Exports rose 5 percent in 2025.")
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from fuzz_kit import SEEDS, own_errors_only

from tradestats.adapters import detect, head_of
from tradestats.adapters.base import Options
from tradestats.errors import TradestatsError

# source -> (seed file under seeds/, the --format to name, the input file's suffix)
SOURCES: dict[str, tuple[str, str, str]] = {
    "canonical": ("canonical.csv", "canonical", ".csv"),
    "canonical-parquet": ("canonical.parquet", "canonical", ".parquet"),
    "comtrade-json": ("comtrade.json", "comtrade", ".json"),
    "comtrade-csv": ("comtrade.csv", "comtrade", ".csv"),
    "baci": ("baci.csv", "baci", ".csv"),
    "comext": ("comext.csv", "comext", ".csv"),
    "cn-customs": ("cn_customs.csv", "cn-customs", ".csv"),
}
READ_BOUND = 20.0  # CPU seconds to read a file of at most a few KB (DuckDB set-up included)
PARSE_BOUND = 2.0  # CPU seconds for a period, a query or a text of at most ~20 KB


def seed_bytes(source: str) -> bytes:
    return (SEEDS / SOURCES[source][0]).read_bytes()


def _write(folder: Path, source: str, data: bytes) -> Path:
    path = folder / f"input{SOURCES[source][2]}"
    path.write_bytes(data)
    return path


def read_source(
    source: str, data: bytes, fmt: str | None = None, options: dict[str, Any] | None = None
) -> int:
    """Detect (or take ``fmt``), check and stream ``data`` as a file of ``source``'s kind
    through its adapter, with adapter ``options`` (Options fields); returns the rows streamed.
    ``fmt="auto"`` lets detection choose."""
    args = {"source": source, "data": data, "fmt": fmt, "options": options}
    opts = Options(**(options or {}))
    fmt = fmt or SOURCES[source][1]
    rows = 0
    with tempfile.TemporaryDirectory(prefix="ts-fuzz-") as tmp:
        path = _write(Path(tmp), source, data)
        with own_errors_only(f"read-{source}", args, READ_BOUND):
            head = head_of(path, opts.encoding, opts.delimiter)
            adapter = detect(head, fmt)
            if adapter.check(head, opts):
                return 0
            src = adapter.open(head, opts)
            for batch in src.batches():
                assert len(batch.lines) == batch.table.num_rows
                rows += batch.table.num_rows
            assert all(isinstance(n, int) for n, _ in src.skipped.values())
    return rows


def ingest_source(source: str, data: bytes, allow_rejects: bool = False) -> None:
    """Ingest ``data`` into an empty store with the public API: a failure commits nothing;
    a success balances and stores exactly the rows it accepted."""
    from tradestats.ingest import ingest_files
    from tradestats.store import Store

    with tempfile.TemporaryDirectory(prefix="ts-fuzz-") as tmp:
        path, root = _write(Path(tmp), source, data), Path(tmp) / "store"
        args = {"source": source, "data": data, "allow_rejects": allow_rejects}
        with own_errors_only(f"ingest-{source}", args, READ_BOUND * 2):
            try:
                report = ingest_files(root, [path], allow_rejects=allow_rejects)
            except TradestatsError:
                assert Store(root).batches() == [], "a failed ingest committed a batch"
                raise
            assert report.committed and report.balanced, report.dumps()
            stored = sum(pq.ParquetFile(f).metadata.num_rows for f in Store(root).data_files())
            assert stored == report.rows_accepted
            assert report.rows_read == (
                report.rows_accepted + report.rows_quarantined + report.rows_skipped
            )


def code_table(data: bytes, suffix: str = ".json") -> None:
    """A cn-customs ``--code-table`` file: read, or refused with a clear message."""
    from tradestats.adapters.cn_customs import read_code_table

    with tempfile.TemporaryDirectory(prefix="ts-fuzz-") as tmp:
        path = Path(tmp) / f"codes{suffix}"
        path.write_bytes(data)
        with own_errors_only("code-table", {"data": data, "suffix": suffix}, PARSE_BOUND):
            pairs = read_code_table(path)
            assert pairs and all(isinstance(k, str) and len(v) == 3 for k, v in pairs.items())


def period_text(text: str) -> None:
    """A reporting period (``--period``, ``?period=``): parsed into months of one year, whose
    label parses back to the same period, or refused with UsageError."""
    from tradestats.indicators.periods import PeriodKind, parse_period

    with own_errors_only("period", {"text": text}, PARSE_BOUND):
        p = parse_period(text)
        if p.kind is PeriodKind.YTD and p.last is None:
            p = p.resolve_ytd([f"{p.year:04d}-03"])
        months = p.months()
        assert months and all(len(m) == 7 and 1 <= int(m[5:]) <= 12 for m in months), months
        again = parse_period(p.label)
        assert again.months() == months, (text, p.label, again)
        assert parse_period(p.previous_year().label).months()[0][5:] == months[0][5:]
        assert p.end_date().year == p.year


def query_model(params: dict[str, Any]) -> None:
    """The engine's query model (what /api/v1/query and `tradestats query` build)."""
    from tradestats.indicators.query import Query

    with own_errors_only("query-model", {"params": params}, PARSE_BOUND):
        q = Query.build(**params)
        assert q.measures


def claims_text(text: str) -> None:
    """The claim extractor: every claim's span is its text, in bounded time."""
    from tradestats.checker import extract_claims

    with own_errors_only("claims", {"text": text}, PARSE_BOUND):
        for claim in extract_claims(text):
            assert text[claim.start : claim.end] == claim.text


TARGETS = {
    "read": read_source,
    "ingest": ingest_source,
    "code-table": code_table,
    "period": period_text,
    "query-model": query_model,
    "claims": claims_text,
}


def replay(doc: dict[str, Any]) -> None:
    """Run a saved failing input (regressions/*/*.json) through its target again."""
    from fuzz_kit import decode

    target = doc["target"]
    name = target if target in TARGETS else target.split("-", 1)[0]
    TARGETS[name](**decode(doc["args"]))
