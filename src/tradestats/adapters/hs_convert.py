"""Converting canonical records between HS editions with a concordance, weighted by trade.

Each row's edition is its ``hs_edition``, else ``--from``, else the edition in force in its
period, so a store whose periods span editions is converted period by period: rows already in
the target edition pass through unchanged (and give the weights), the others are converted.

A code with one target becomes that code. A code with several targets (1:n, n:n links) is split
over them by **trade weights**, as the concordance literature does: the weight of the link
(s -> t) is t's share of the trade, in a base period in the target edition, of all the targets of
s. The base is the input's own rows in the target edition (``base_periods`` narrows them), or
other rows given (``base``). A user's weights per link (``--weights``) replace them; equal splits
happen only when asked for (``split="equal"``) and are reported per code. A row whose targets
had no trade in the base cannot be weighted: it is kept apart with its reason, never guessed.

Splits are exact: money is divided in cents (value_local in thousandths) and quantities in
thousandths by largest remainder, so the parts add up to the row. Rows whose code the
concordance does not know, or whose edition it does not link to the target, are kept apart and
listed. Pre-aggregated rows (``product_level`` set) pass through unchanged and are counted.
Converted rows carry 6-digit codes (national digits belong to one edition only) and the target
``hs_edition``.

Example:
    >>> from tradestats.reference import Concordance
    >>> c = Concordance.from_pairs([("854142", "854140"), ("854143", "854140")])
    >>> row = {"period": "2021", "hs_code": "85414000", "value_usd": "100.01"}
    >>> base = [{"period": "2022", "hs_code": "854142", "value_usd": "3"},
    ...         {"period": "2022", "hs_code": "854143", "value_usd": "1"}]
    >>> out, _, rep = convert_rows([row, *base], c, "HS2022")
    >>> [(p["hs_code"], p["value_usd"]) for p in out[:2]], rep.rows_passed
    ([('854142', '75.01'), ('854143', '25.00')], 2)
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from tradestats.errors import UsageError
from tradestats.records import COLUMN_NAMES, LOCAL_SCALE, MONEY_COLUMNS, VALUATION_COLUMNS
from tradestats.reference import Concordance
from tradestats.reference.hs import check_edition, hs_edition

STEP = {c: Decimal("0.01") for c in (*MONEY_COLUMNS, *VALUATION_COLUMNS)} | {
    "value_local": Decimal(1).scaleb(-LOCAL_SCALE),
    "quantity": Decimal("0.001"),
    "net_weight_kg": Decimal("0.001"),
}
WEIGHT_BY = ("value_usd", "value_cny", "value_eur", "value_local")  # the first the rows hold
Link = tuple[str, str]


@dataclass
class Split:
    """How one source code's rows were split: the rule, its targets and weights, rows, value."""

    rule: str  # "trade" (base-period weights), "given" (--weights) or "equal"
    weights: dict[str, Decimal]
    rows: int = 0
    value: Decimal = Decimal(0)


@dataclass
class ConversionReport:
    """What a conversion did: rows in and out, how codes were split, what was kept apart."""

    rows_read: int = 0
    rows_written: int = 0
    rows_passed: int = 0  # already in the target edition
    rows_unchanged: int = 0  # one target, same code
    rows_recoded: int = 0  # one target, another code
    rows_split: int = 0
    rows_equal_split: int = 0
    rows_pre_aggregated: int = 0
    weight_column: str | None = None
    splits: dict[str, Split] = field(default_factory=dict)  # source code -> how
    unmapped: Counter[tuple[str, str]] = field(default_factory=Counter)  # (code, why) -> rows
    values_in: dict[str, Decimal] = field(default_factory=dict)
    values_out: dict[str, Decimal] = field(default_factory=dict)
    values_unmapped: dict[str, Decimal] = field(default_factory=dict)

    @property
    def balanced(self) -> bool:
        """Every value read is written or listed as kept apart."""
        return all(
            v == self.values_out.get(c, Decimal(0)) + self.values_unmapped.get(c, Decimal(0))
            for c, v in self.values_in.items()
        )


def _decimal(text: str, where: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise UsageError(f"{where}: weight {text!r} is no number") from None
    if not value.is_finite() or value < 0:
        raise UsageError(f"{where}: weight {text!r} is negative or not finite")
    return value


def read_weights(path: Path) -> dict[Link, Decimal]:
    """Weights per link from a CSV ``source,target,weight`` (the codes of the two editions);
    a CSV ``code,weight`` gives a weight per target code, used for every link into it.

    Keyed (source, target); per-target weights are keyed ("*", target).
    """
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            names = set(reader.fieldnames or [])
            if {"source", "target", "weight"} <= names:
                return {
                    (r["source"].strip(), r["target"].strip()): _decimal(r["weight"], f"{path}:{n}")
                    for n, r in enumerate(reader, start=2)
                }
            if {"code", "weight"} <= names:
                return {
                    ("*", r["code"].strip()): _decimal(r["weight"], f"{path}:{n}")
                    for n, r in enumerate(reader, start=2)
                }
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"cannot read the weights {path}: {err}") from None
    raise UsageError(f"{path}: weights need columns source,target,weight (or code,weight)")


def links(concordance: Concordance, source: str, target: str) -> dict[str, tuple[str, ...]]:
    """Source code -> its target codes (sorted), indexed once for the whole conversion.

    >>> links(Concordance.from_pairs([("854142", "854140")]), "HS2017", "HS2022")
    {'854140': ('854142',)}
    """
    if source == target:
        raise UsageError(f"--from and --to are both {source}")
    if {source, target} != set(concordance.editions):
        raise UsageError(
            f"the concordance links {' and '.join(concordance.editions)}, not {source} to {target}"
        )
    pos = concordance.editions.index(source)
    index: dict[str, set[str]] = {}
    for pair in concordance.pairs:
        index.setdefault(pair[pos], set()).add(pair[1 - pos])
    return {k: tuple(sorted(v)) for k, v in index.items()}


def row_edition(row: dict[str, str], default: str | None) -> str:
    """A row's HS edition: its own, else ``default``, else the one in force in its period."""
    own = (row.get("hs_edition") or "").strip()
    if own:
        return check_edition(own)
    if default:
        return default
    period = (row.get("period") or "").strip()
    return hs_edition(period[:7] if len(period) >= 7 else f"{period}-01")


def _number(row: dict[str, str], col: str) -> Decimal:
    text = (row.get(col) or "").strip()
    return Decimal(text) if text else Decimal(0)


def trade_weights(
    base: list[dict[str, str]], index: dict[str, tuple[str, ...]], column: str
) -> dict[Link, Decimal]:
    """Weight of each link (s -> t): t's share of the base trade of all the targets of s.

    Sources whose targets had no trade in the base get no weights.
    """
    trade: Counter[str] = Counter()
    for r in base:
        if not (r.get("product_level") or "").strip():
            trade[r["hs_code"][:6]] += _number(r, column)  # type: ignore[assignment]
    out: dict[Link, Decimal] = {}
    for source, targets in index.items():
        total = sum((Decimal(trade[t]) for t in targets), Decimal(0))
        if total > 0 and len(targets) > 1:
            out.update({(source, t): Decimal(trade[t]) / total for t in targets})
    return out


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


def _shares(source: str, targets: tuple[str, ...], weights: dict[Link, Decimal]) -> (
    list[Decimal] | None
):  # fmt: skip
    given = [weights.get((source, t), weights.get(("*", t), Decimal(0))) for t in targets]
    total = sum(given, Decimal(0))
    return None if total == 0 else [g / total for g in given]


def split_row(row: dict[str, str], targets: tuple[str, ...], shares: list[Decimal],
              target: str) -> list[dict[str, str]]:  # fmt: skip
    """The row's parts, one per target code of a non-zero share, in the target edition."""
    kept = [(t, s) for t, s in zip(targets, shares, strict=True) if s > 0]
    parts = [dict(row, hs_code=t, hs_edition=target) for t, _ in kept]
    for col, step in STEP.items():
        text = (row.get(col) or "").strip()
        if text:
            pieces = _allocate(Decimal(text), [s for _, s in kept], step)
            for part, piece in zip(parts, pieces, strict=True):
                part[col] = str(piece)
    return parts


def _add(totals: dict[str, Decimal], row: dict[str, str]) -> None:
    for col in (*MONEY_COLUMNS, "value_local"):
        text = (row.get(col) or "").strip()
        if text:
            totals[col] = totals.get(col, Decimal(0)) + Decimal(text)


@dataclass
class _Converter:
    """One conversion's settings and indexes (built once)."""

    concordance: Concordance
    target: str
    source: str | None
    weights: dict[Link, Decimal]
    split: str
    rep: ConversionReport = field(default_factory=ConversionReport)
    indexes: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def index(self, edition: str) -> dict[str, tuple[str, ...]] | None:
        if edition not in self.concordance.editions:
            return None
        if edition not in self.indexes:
            self.indexes[edition] = links(self.concordance, edition, self.target)
        return self.indexes[edition]

    def parts(self, row: dict[str, str]) -> tuple[list[dict[str, str]], str | None]:
        """The converted rows, or ([], why it cannot be converted)."""
        edition = row_edition(row, self.source)
        if (row.get("product_level") or "").strip():
            self.rep.rows_pre_aggregated += 1
            return [row], None
        if edition == self.target:
            self.rep.rows_passed += 1
            return [row], None
        index = self.index(edition)
        code = row["hs_code"][:6]
        if index is None:
            return [], f"no concordance from {edition}"
        targets = index.get(code, ())
        if not targets:
            return [], f"not an {edition} code of the concordance"
        if len(targets) == 1:
            same = targets[0] == row["hs_code"]
            self.rep.rows_unchanged += same
            self.rep.rows_recoded += not same
            return [dict(row, hs_code=targets[0], hs_edition=self.target)], None
        equal = [Decimal(1) / len(targets)] * len(targets)
        shares = equal if self.split == "equal" else _shares(code, targets, self.weights)
        if shares is None:
            if self.split == "given":
                return [], "no weights: the weights file gives none for its links"
            return [], "no weights: its targets had no trade in the base period"
        rule = "equal" if self.split == "equal" else self.split
        info = self.rep.splits.setdefault(
            code, Split(rule, dict(zip(targets, shares, strict=True)))
        )
        info.rows += 1
        info.value += _number(row, self.rep.weight_column or "value_usd")
        self.rep.rows_split += 1
        self.rep.rows_equal_split += rule == "equal"
        return split_row(row, targets, shares, self.target), None


def convert_rows(
    rows: list[dict[str, str]], concordance: Concordance, target: str, *,
    source: str | None = None, weights: dict[Link, Decimal] | None = None,
    split: str = "trade", base: list[dict[str, str]] | None = None,
    base_periods: list[str] | None = None,
) -> tuple[list[dict[str, str]], list[dict[str, str]], ConversionReport]:  # fmt: skip
    """Converted rows, rows kept apart, and the report.

    ``split``: ``trade`` (weights from the base rows in the target edition, the default),
    ``given`` (``weights`` per link) or ``equal``.
    """
    target = check_edition(target)
    source = check_edition(source) if source else None
    conv = _Converter(concordance, target, source, dict(weights or {}), split)
    if weights is not None and split == "trade":
        conv.split = "given"
    pool = rows if base is None else base
    periods = set(base_periods or [])
    base_rows = [r for r in pool if row_edition(r, source if base is None else None) == target
                 and (not periods or r.get("period") in periods)]  # fmt: skip
    conv.rep.weight_column = next(
        (c for c in WEIGHT_BY if any((r.get(c) or "").strip() for r in base_rows or rows)), None
    )
    if conv.split == "trade":
        for edition in concordance.editions:
            index = conv.index(edition) if edition != target else None
            if index is not None and conv.rep.weight_column:
                conv.weights.update(trade_weights(base_rows, index, conv.rep.weight_column))
    out: list[dict[str, str]] = []
    apart: list[dict[str, str]] = []
    for row in rows:
        conv.rep.rows_read += 1
        _add(conv.rep.values_in, row)
        parts, why = conv.parts(row)
        if why:
            conv.rep.unmapped[(row["hs_code"][:6], why)] += 1
            _add(conv.rep.values_unmapped, row)
            apart.append(row)
            continue
        for p in parts:
            _add(conv.rep.values_out, p)
        out.extend(parts)
    conv.rep.rows_written = len(out)
    return out, apart, conv.rep


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    """Canonical CSV with every canonical column."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMN_NAMES), extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow({c: ("" if r.get(c) is None else r.get(c)) for c in COLUMN_NAMES})


def read_rows(file: Path | None = None, store: Path | None = None) -> list[dict[str, str]]:
    """Canonical rows as text, from a canonical CSV/Parquet file or a store's live data.

    A missing or unreadable input is a UsageError naming it (never a traceback).
    """
    import duckdb

    from tradestats.store import Store

    if (file is None) == (store is None):
        raise UsageError("give an input file or --store, not both")
    if store is not None:
        if not store.is_dir():
            raise UsageError(f"the store {store} does not exist")
        files = [str(f) for f in Store(store).data_files()]
        if not files:
            raise UsageError(f"the store {store} holds no data")
        listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
        source = f"read_parquet([{listed}], union_by_name = true, hive_partitioning = false)"
    else:
        assert file is not None
        if not file.is_file():
            raise UsageError(f"the input {file} does not exist")
        quoted = "'" + str(file).replace("'", "''") + "'"
        with file.open("rb") as fh:
            is_parquet = fh.read(4) == b"PAR1"
        source = (
            f"read_parquet({quoted})" if is_parquet else f"read_csv({quoted}, all_varchar=true)"
        )
    try:
        con = duckdb.connect()
        rel = con.sql(f"SELECT * FROM {source}")
        names = [n.lower() for n in rel.columns]
        if "hs_code" not in names:
            raise UsageError(f"{file or store}: no hs_code column")
        texts = ", ".join(f'CAST("{c}" AS VARCHAR) AS "{c.lower()}"' for c in rel.columns)
        rows = con.sql(f"SELECT {texts} FROM {source}").fetchall()
    except duckdb.Error as err:
        raise UsageError(f"cannot read {file or store}: {err}") from None
    return [dict(zip(names, (v or "" for v in r), strict=True)) for r in rows]
