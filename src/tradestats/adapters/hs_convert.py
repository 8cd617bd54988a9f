"""Converting canonical records between HS editions (HS2017 <-> HS2022) with a concordance.

Each row's 6-digit code (the first six digits of a national code) is looked up in the
concordance. A code with one target becomes that code; a code with several targets (1:n, n:n) is
split over them by weights: the user's (``--weights FILE``, e.g. trade values per target code)
or, without weights, equally; the rule used is counted in the report. Splits are exact: money is
divided in cents and quantity in thousandths by largest remainder, so the parts add up to the
row. Rows whose code the concordance does not know are not converted: they are listed (code,
rows, values) and kept apart, never guessed. Pre-aggregated rows (``product_level`` set) pass
through unchanged and are counted.

Converted rows carry 6-digit codes: national digits beyond six belong to one edition only.

Example:
    >>> from tradestats.reference import Concordance
    >>> c = Concordance.from_pairs([("854142", "854140"), ("854143", "854140")])
    >>> parts = split_row({"hs_code": "85414000", "value_usd": "100.01"}, c, "HS2017", "HS2022", {})
    >>> [(p["hs_code"], p["value_usd"]) for p in parts]
    [('854142', '50.01'), ('854143', '50.00')]
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from tradestats.errors import UsageError
from tradestats.records import COLUMN_NAMES, MONEY_COLUMNS
from tradestats.reference import Concordance

STEP = {c: Decimal("0.01") for c in MONEY_COLUMNS} | {"quantity": Decimal("0.001")}


@dataclass
class ConversionReport:
    """What a conversion did: rows in and out, how codes were split, what was not mapped."""

    rows_read: int = 0
    rows_written: int = 0
    rows_unchanged: int = 0  # one target, same code
    rows_recoded: int = 0  # one target, another code
    rows_split: int = 0
    rows_equal_split: int = 0  # split equally (no weight for any target)
    rows_pre_aggregated: int = 0
    unmapped: Counter[str] = field(default_factory=Counter)  # code -> rows
    values_in: dict[str, Decimal] = field(default_factory=dict)
    values_out: dict[str, Decimal] = field(default_factory=dict)
    values_unmapped: dict[str, Decimal] = field(default_factory=dict)

    @property
    def balanced(self) -> bool:
        """Every value read is written or listed as unmapped."""
        return all(
            v == self.values_out.get(c, Decimal(0)) + self.values_unmapped.get(c, Decimal(0))
            for c, v in self.values_in.items()
        )


def read_weights(path: Path) -> dict[str, Decimal]:
    """Target code -> weight, from a CSV with columns ``code`` and ``weight``."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if not {"code", "weight"} <= set(reader.fieldnames or []):
            raise UsageError(f"{path}: weights need columns code and weight")
        out = {}
        for line, r in enumerate(reader, start=2):
            try:
                weight = Decimal(r["weight"].strip())
            except ArithmeticError as err:
                raise UsageError(f"{path}:{line}: weight {r['weight']!r} is no number") from err
            if weight < 0:
                raise UsageError(f"{path}:{line}: weight {weight} is negative")
            out[r["code"].strip()] = weight
    return out


def _shares(targets: tuple[str, ...], weights: dict[str, Decimal]) -> list[Decimal]:
    given = [weights.get(t, Decimal(0)) for t in targets]
    total = sum(given, Decimal(0))
    if total == 0:
        return [Decimal(1) / len(targets)] * len(targets)
    return [g / total for g in given]


def _allocate(amount: Decimal, shares: list[Decimal], step: Decimal) -> list[Decimal]:
    """Split ``amount`` by ``shares`` in units of ``step``; the parts add up exactly."""
    units = int((amount / step).to_integral_value())
    raw = [units * s for s in shares]
    base = [int(r) for r in raw]
    left = units - sum(base)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - base[i]), i))
    for i in order[:left]:
        base[i] += 1
    return [b * step for b in base]


def links(concordance: Concordance, source: str, target: str) -> dict[str, tuple[str, ...]]:
    """Source code -> its target codes (sorted), indexed once for the whole conversion.

    >>> links(Concordance.from_pairs([("854142", "854140")]), "HS2017", "HS2022")
    {'854140': ('854142',)}
    """
    editions = ("HS2022", "HS2017")  # the order of Concordance.pairs
    if source == target:
        raise UsageError(f"--from and --to are both {source}")
    pos = editions.index(source)
    index: dict[str, set[str]] = {}
    for pair in concordance.pairs:
        index.setdefault(pair[pos], set()).add(pair[1 - pos])
    return {k: tuple(sorted(v)) for k, v in index.items()}


def split_row(
    row: dict[str, str], concordance: Concordance | dict[str, tuple[str, ...]], source: str,
    target: str, weights: dict[str, Decimal],
) -> list[dict[str, str]]:  # fmt: skip
    """The row in the target edition: one row per target code (empty: not in the concordance)."""
    index = concordance if isinstance(concordance, dict) else links(concordance, source, target)
    targets = index.get(row["hs_code"][:6], ())
    if not targets:
        return []
    if len(targets) == 1:
        return [row | {"hs_code": targets[0]}]
    shares = _shares(targets, weights)
    parts = [dict(row, hs_code=t) for t in targets]
    for col, step in STEP.items():
        text = (row.get(col) or "").strip()
        if text:
            for part, piece in zip(parts, _allocate(Decimal(text), shares, step), strict=True):
                part[col] = str(piece)
    return parts


def _add(totals: dict[str, Decimal], row: dict[str, str]) -> None:
    for col in MONEY_COLUMNS:
        text = (row.get(col) or "").strip()
        if text:
            totals[col] = totals.get(col, Decimal(0)) + Decimal(text)


def convert_rows(
    rows: list[dict[str, str]], concordance: Concordance, source: str, target: str,
    weights: dict[str, Decimal] | None = None,
) -> tuple[list[dict[str, str]], list[dict[str, str]], ConversionReport]:  # fmt: skip
    """Converted rows, rows not mapped, and the report."""
    weights = weights or {}
    index = links(concordance, source, target)
    out: list[dict[str, str]] = []
    unmapped: list[dict[str, str]] = []
    rep = ConversionReport()
    for row in rows:
        rep.rows_read += 1
        _add(rep.values_in, row)
        if (row.get("product_level") or "").strip():
            rep.rows_pre_aggregated += 1
            parts = [row]
        else:
            parts = split_row(row, index, source, target, weights)
        if not parts:
            rep.unmapped[row["hs_code"][:6]] += 1
            _add(rep.values_unmapped, row)
            unmapped.append(row)
            continue
        if len(parts) > 1:
            rep.rows_split += 1
            targets = [p["hs_code"] for p in parts]
            rep.rows_equal_split += not any(weights.get(t) for t in targets)
        elif not (row.get("product_level") or "").strip():
            same = parts[0]["hs_code"] == row["hs_code"]
            rep.rows_unchanged += same
            rep.rows_recoded += not same
        for p in parts:
            _add(rep.values_out, p)
        out.extend(parts)
    rep.rows_written = len(out)
    return out, unmapped, rep


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    """Canonical CSV with every canonical column."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMN_NAMES), extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow({c: ("" if r.get(c) is None else r.get(c)) for c in COLUMN_NAMES})


def read_rows(file: Path | None = None, store: Path | None = None) -> list[dict[str, str]]:
    """Canonical rows as text, from a canonical CSV/Parquet file or a store's live data."""
    import duckdb

    from tradestats.store import Store

    if (file is None) == (store is None):
        raise UsageError("give an input file or --store, not both")
    if store is not None:
        files = [str(f) for f in Store(store).data_files()]
        if not files:
            raise UsageError(f"the store {store} holds no data")
        listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
        source = f"read_parquet([{listed}], union_by_name = true, hive_partitioning = false)"
    else:
        assert file is not None
        quoted = "'" + str(file).replace("'", "''") + "'"
        is_parquet = file.open("rb").read(4) == b"PAR1"
        source = (
            f"read_parquet({quoted})" if is_parquet else f"read_csv({quoted}, all_varchar=true)"
        )
    con = duckdb.connect()
    rel = con.sql(f"SELECT * FROM {source}")
    names = [n.lower() for n in rel.columns]
    missing = [c for c in ("hs_code",) if c not in names]
    if missing:
        raise UsageError(f"{file or store}: no hs_code column")
    texts = ", ".join(f'CAST("{c}" AS VARCHAR) AS "{c.lower()}"' for c in rel.columns)
    rows = con.sql(f"SELECT {texts} FROM {source}").fetchall()
    return [dict(zip(names, (v or "" for v in r), strict=True)) for r in rows]
