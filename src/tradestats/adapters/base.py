"""What every source adapter provides, and the shared machinery of the SQL-mapped ones.

An adapter says whether it handles a file (``probe``), reports what is wrong with its header
(``check``), and opens it as a ``Source``: a stream of ``RawBatch`` (canonical columns as text,
with the source line of every row), the lines it could not split, and the rows it deliberately
left out (aggregates beside their detail), counted by reason with their values.

Most adapters load the source's text columns into a private DuckDB table (which spills to
disk), map them to canonical text columns with one SELECT that also names a skip reason, and
stream the rows out. The ingest then applies the same rules, quarantine and reconciliation to
every source.

Example:
    >>> opts = Options(reporter="CHN")
    >>> opts.reporter
    'CHN'
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Protocol

import duckdb
import numpy as np
import pyarrow as pa

from tradestats.delimited.reader import BadLine, RawBatch
from tradestats.delimited.sniff import Problem
from tradestats.records import COLUMN_NAMES, CURRENCY_OF

OUT_ROWS = 262_144  # rows per RawBatch streamed out of an adapter
READ_SQL = "DECIMAL(38,10)"


@dataclass(frozen=True)
class Options:
    """User choices an adapter may need (each adapter reads the ones it knows)."""

    encoding: str | None = None
    delimiter: str | None = None
    reporter: str | None = None  # BACI: the reporter; Comtrade: default when the file has none
    hs_level: int | None = None  # Comtrade: keep only this level (default: the finest present)
    code_table: Path | None = None  # cn-customs: customs partner code table
    flow: str | None = None  # cn-customs: flow when the file has no flow column
    cumulative: bool | None = None  # cn-customs: values are year-to-date (default: from header)


@dataclass
class Head:
    """The first bytes of a file, decoded when they are text, for ``probe``."""

    path: Path
    sample: bytes
    encoding: str | None
    text: str
    header: list[str]  # first line split on commas, stripped (original case)

    @property
    def keys(self) -> set[str]:
        """Header names as lookup keys: lower case, without '_' or spaces (camel = snake)."""
        return {key(h) for h in self.header}


def key(name: str) -> str:
    """Lookup key of a column name: ``reporter_iso`` and ``reporterISO`` both give ``reporteriso``.

    >>> key("reporter_ISO"), key("reporterISO")
    ('reporteriso', 'reporteriso')
    """
    return name.strip().lstrip("\ufeff").lower().replace("_", "").replace(" ", "")


class Source(Protocol):
    """An opened input file. ``bad_lines``, ``skipped`` and ``notes`` are complete once
    ``batches()`` is exhausted."""

    @property
    def path(self) -> Path: ...

    @property
    def format(self) -> str: ...

    @property
    def encoding(self) -> str | None: ...

    @property
    def bad_lines(self) -> list[BadLine]: ...

    @property
    def skipped(self) -> dict[str, tuple[int, dict[str, Decimal]]]: ...

    @property
    def notes(self) -> list[str]: ...

    def batches(self) -> Iterator[RawBatch]: ...


class Adapter(Protocol):
    """A source format: detection, header checks, and opening."""

    name: str
    description: str

    def probe(self, head: Head) -> bool: ...

    def check(self, head: Head, options: Options) -> list[Problem]: ...

    def open(self, head: Head, options: Options) -> Source: ...


def missing_columns(head: Head, needed: Mapping[str, tuple[str, ...]]) -> list[Problem]:
    """A problem naming every needed column (any of its spellings) absent from the header."""
    keys = head.keys
    absent = [label for label, spellings in needed.items() if not keys & set(spellings)]
    if not absent:
        return []
    return [Problem(str(head.path), 1, None, f"missing column(s): {', '.join(absent)}")]


@dataclass
class SqlSource:
    """A source mapped by SQL: ``load`` fills table ``src``; ``select`` maps it.

    ``select`` must give every canonical column as text, ``_line`` and ``_skip`` (a reason, or
    NULL for rows to ingest). ``notes_sql`` may give one text column of notes for the report.
    """

    path: Path
    format: str
    encoding: str | None
    select: str
    loader: Callable[[duckdb.DuckDBPyConnection], list[BadLine]]
    notes_sql: str | None = None
    bad_lines: list[BadLine] = field(default_factory=list)
    skipped: dict[str, tuple[int, dict[str, Decimal]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def batches(self) -> Iterator[RawBatch]:
        with tempfile.TemporaryDirectory(prefix="ts-adapter-") as tmp:
            con = duckdb.connect(str(Path(tmp) / "a.duckdb"))
            try:
                for setting in (
                    "SET memory_limit = '1GB'",
                    f"SET temp_directory = '{Path(tmp) / 'spill'}'",
                    "SET autoinstall_known_extensions = false",
                    "SET autoload_known_extensions = false",
                ):
                    con.execute(setting)
                self.bad_lines.extend(self.loader(con))
                con.execute(f"CREATE TABLE mapped AS {self.select}")
                self._tally(con)
                yield from _stream(con)
            finally:
                con.close()

    def _tally(self, con: duckdb.DuckDBPyConnection) -> None:
        present = {r[0] for r in con.execute("DESCRIBE mapped").fetchall()}
        sums = ", ".join(
            f"sum(TRY_CAST(replace({c}, ',', '') AS {READ_SQL}))" if c in present else "NULL"
            for c in CURRENCY_OF
        )
        rows = con.execute(
            f"SELECT _skip, count(*), {sums} FROM mapped WHERE _skip IS NOT NULL "
            "GROUP BY _skip ORDER BY min(_line)"
        ).fetchall()
        for reason, n, *values in rows:
            by_cur = {
                CURRENCY_OF[c]: Decimal(str(v))
                for c, v in zip(CURRENCY_OF, values, strict=True)
                if v is not None
            }
            self.skipped[str(reason)] = (int(n), by_cur)
        if self.notes_sql:
            found = con.execute(self.notes_sql).fetchall()
            self.notes.extend(f"{self.path}: {n}" for (n,) in found if n)


def _stream(con: duckdb.DuckDBPyConnection) -> Iterator[RawBatch]:
    # A mapping may leave out canonical columns its source never has: they are NULL.
    mapped = {r[0] for r in con.execute("DESCRIBE mapped").fetchall()}
    cols = ", ".join(
        f"CAST({c} AS VARCHAR) AS {c}" if c in mapped else f"NULL::VARCHAR AS {c}"
        for c in COLUMN_NAMES
    )
    reader = con.sql(
        f"SELECT {cols}, _line FROM mapped WHERE _skip IS NULL ORDER BY _line"
    ).to_arrow_reader(OUT_ROWS)
    for batch in reader:
        if batch.num_rows == 0:
            continue
        table = pa.Table.from_batches([batch])
        lines = np.asarray(table["_line"].to_numpy(zero_copy_only=False), dtype=np.int64)
        yield RawBatch(table.drop_columns(["_line"]), lines)


def ascii_upper(expr: str) -> str:
    """SQL: ``expr`` trimmed and upper-cased only when it is ASCII (never a look-alike: DuckDB's
    upper() reads 'uſa' as 'USA').

    >>> ascii_upper("c").startswith("CASE WHEN regexp_full_match(trim(c)")
    True
    """
    t = f"trim({expr})"
    return f"CASE WHEN regexp_full_match({t}, '[\\x00-\\x7F]*') THEN upper({t}) ELSE {t} END"


def shifted(expr: str, places: int) -> str:
    """SQL: a plain decimal number's text with its point moved ``places`` to the right, exactly
    (text, so any length and any decimals); anything else as read.

    BACI's thousands of dollars become dollars this way: ``'1.2345678'`` -> ``'1234.5678'``.

    >>> import duckdb
    >>> duckdb.sql("SELECT " + shifted("'-0.0123'", 3) + ", " + shifted("'7'", 3)).fetchall()
    [('-12.3', '7000')]
    """
    t = f"trim({expr})"
    digits = f"ltrim({t}, '-')"
    whole = f"ltrim(split_part({digits}, '.', 1) || rpad(left(split_part({digits}, '.', 2), {places}), {places}, '0'), '0')"  # noqa: E501
    rest = f"substr(split_part({digits}, '.', 2), {places + 1})"
    sign = f"CASE WHEN starts_with({t}, '-') THEN '-' ELSE '' END"
    text = f"{sign} || coalesce(NULLIF({whole}, ''), '0') || CASE WHEN {rest} <> '' THEN '.' || {rest} ELSE '' END"  # noqa: E501
    return f"CASE WHEN regexp_full_match({t}, '-?[0-9]+(\\.[0-9]*)?') THEN {text} ELSE {t} END"


def rounded(expr: str, scale: int) -> str:
    """SQL: a non-negative number with more than ``scale`` decimals rounded half away from zero
    to ``scale`` decimals, exactly; anything else as read (for the rules to judge).

    Only the first decimal past ``scale`` decides a half-up rounding, so the text is cut there
    before the cast: a DECIMAL(38,10) cast of a longer text would round twice
    (1.234999999999 -> 1.2350000000 -> 1.24 instead of 1.23).

    >>> import duckdb
    >>> duckdb.sql("SELECT " + rounded("'1.234999999999999'", 2)).fetchall()
    [('1.23',)]
    """
    cut = f"split_part({expr}, '.', 1) || '.' || left(split_part({expr}, '.', 2), {scale + 1})"
    return f"""CASE WHEN regexp_full_match({expr}, '[0-9]{{1,36}}\\.[0-9]{{{scale + 1},}}')
        THEN CAST(round(CAST({cut} AS DECIMAL(38,{scale + 1})), {scale}) AS VARCHAR)
        ELSE {expr} END"""


def sql_text(value: str) -> str:
    """A SQL string literal.

    >>> sql_text("it's")
    "'it''s'"
    """
    return "'" + value.replace("'", "''") + "'"


def values_table(con: duckdb.DuckDBPyConnection, name: str, pairs: dict[str, str]) -> None:
    """Create table ``name(k, v)`` from a mapping (code tables, name lookups)."""
    table = pa.table(
        {"k": pa.array(list(pairs), pa.string()), "v": pa.array(list(pairs.values()), pa.string())}
    )
    con.register(f"_{name}_arrow", table)
    con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM _{name}_arrow")
    con.unregister(f"_{name}_arrow")
