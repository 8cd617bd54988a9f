"""The one door every front end passes: a query's answer with the store's disclosure policy applied.

``disclosed(engine, q, table)`` takes the engine, a contract ``Query`` and the table
``Engine.query`` gave for it, and returns that table with every value-derived column (value,
quantity, counts, shares, growth, ranks, contributions ...) null on the rows disclosure control
suppresses, and a ``flag`` column: ``c`` on those rows, empty elsewhere. Totals stay true.

Which table is protected: the query's own breakdown within its filters, with all its margins
(``by=partner,hs2`` within ``flow=export, product=85``); a query without a breakdown is a
one-cell table (the filtered figure itself). Group dimensions are aggregated by raw codes then
mapped (``hs_section``, ``trade_mode_group``, ``quarter``, ``year``); groups that overlap
(``partner_group``, ``product_group``: a partner is in ASEAN and RCEP) are each their own table,
the group a filter. Growth and the other measures that read last year (``yoy_pct``,
``share_change_pp``, ``contribution_pp``) are withheld too where last year's cell is
confidential (its value would follow from this year's and the growth); the row is then flagged
``c`` although its own value is published.

When: only for a store with a policy file (``STORE/disclosure/policy-NNNN.yaml``); a store of
published aggregates (Comtrade, BACI) has no enterprises to protect and is answered unchanged.
``unrestricted=True`` (internal use) keeps the values and still flags the rows.

Protections are kept in memory, keyed by the files the table is read from (the store's state),
the policy and the question, so a repeated view costs a lookup.

Example:
    >>> from tradestats.indicators.contract import build_query
    >>> q = build_query({"period": "2025", "flow": "export", "by": "partner"})
    >>> disclosed(engine, q, engine.query(q)).column("flag").to_pylist()  # doctest: +SKIP
    ['', '', 'c', 'c']
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

import ibis
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tradestats.disclosure.cells import UNIDENTIFIED
from tradestats.disclosure.policy import Policy, load_policy, policy_history
from tradestats.disclosure.protect import FLAG, protect
from tradestats.disclosure.table import TOTAL, CellTable
from tradestats.errors import UsageError
from tradestats.indicators import reference_api as refapi
from tradestats.indicators.memo import files_key
from tradestats.indicators.periods import Period
from tradestats.indicators.query import NEEDS_PREVIOUS, Dim, FlowSel, Query, Seasonal
from tradestats.indicators.resolve import Resolver
from tradestats.records import VALUE_SCALE

FLAG_COLUMN = "flag"
RAW = frozenset({Dim.PARTNER, Dim.ENTERPRISE_TYPE, Dim.TRADE_MODE, Dim.REGION, Dim.BRAND_TYPE,
                 Dim.FLOW, Dim.REPORTER, Dim.UNIT})  # fmt: skip
HS = {Dim.HS2: 2, Dim.HS4: 4, Dim.HS6: 6, Dim.HS8: 8}
TIME = frozenset({Dim.MONTH, Dim.QUARTER, Dim.YEAR})
GROUPS = {Dim.PARTNER_GROUP: "partner", Dim.PRODUCT_GROUP: "product"}  # dimension -> filter
PREVIOUS = frozenset(m.value for m in NEEDS_PREVIOUS)
Key = tuple[str | None, ...]


def policy_of(engine: Any, as_of: str | None = None) -> Policy | None:
    """The policy that applies to a reading of the engine's store, or None when the store has
    no policy file (published aggregates: nothing to protect)."""
    store = getattr(engine, "store", None)  # a stand-in engine may have none: no policy
    if not hasattr(store, "root") or not policy_history(store):
        return None
    return load_policy(store, as_of)


def provenance(engine: Any, as_of: str | None = None) -> str:
    """How an answer was protected, for the provenance beside it: ``none``, or the policy.

    >>> provenance(engine)  # doctest: +SKIP
    'policy 1 (from b000001): confidential: fewer than 3 enterprises; ...'
    """
    policy = policy_of(engine, as_of)
    if policy is None:
        return "none"
    where = f"policy {policy.version}" if policy.version else "default policy"
    since = f" (from {policy.from_batch})" if policy.from_batch else ""
    return f"{where}{since}: {policy.describe()}"


def withheld(engine: Any, q: Query) -> bool:
    """Whether the first figure of ``q``'s answer is confidential under the store's policy
    (a claim about it cannot be checked); False for a store without a policy.

    >>> withheld(engine, build_query({"period": "2025", "partner": "KOR"}))  # doctest: +SKIP
    False
    """
    if policy_of(engine, q.as_of) is None or not hasattr(engine, "query"):
        return False
    table = disclosed(engine, q, engine.query(q))
    return table.num_rows > 0 and table.column(FLAG_COLUMN)[0].as_py() == FLAG


def disclosed(engine: Any, q: Query, table: pa.Table, unrestricted: bool = False) -> pa.Table:
    """``table`` (``engine.query(q)``) as it may be published under the store's policy."""
    policy = policy_of(engine, q.as_of)
    if policy is None or FLAG_COLUMN in table.column_names:
        return table
    keys = [d.value for d in q.by]
    rows = _row_keys(table, keys)
    cur = [False] * table.num_rows
    prev = [False] * table.num_rows
    if "," in q.period:  # several periods: each period's rows against its own table
        from tradestats.engine import several_periods

        labels = table.column("period").to_pylist()
        for period in several_periods(q):
            one = replace(q, period=period)
            label = engine.period_label(one)
            idx = [i for i, lab in enumerate(labels) if lab == label]
            c, p = _masks(engine, one, policy, [rows[i] for i in idx])
            for j, i in enumerate(idx):
                cur[i], prev[i] = c[j], p[j]
    elif q.seasonal is not Seasonal.NONE:  # by=month over a span: one table per year
        from tradestats.seasonal.answer import span_of

        for period in span_of(engine, q).engine_periods():
            one = replace(q, period=period, seasonal=Seasonal.NONE)
            c, _ = _masks(engine, one, policy, rows, previous=False)
            cur = [a or b for a, b in zip(cur, c, strict=True)]
    else:
        cur, prev = _masks(engine, q, policy, rows)
    return _apply(table, keys, cur, prev, unrestricted)


def _row_keys(table: pa.Table, keys: Sequence[str]) -> list[Key]:
    cols = [table.column(k).to_pylist() for k in keys]
    if not keys:
        return [()] * table.num_rows
    return [tuple(None if c is None else str(c) for c in r) for r in zip(*cols, strict=True)]


def _masks(
    engine: Any, q: Query, policy: Policy, rows: list[Key], previous: bool = True
) -> tuple[list[bool], list[bool]]:
    """Per row: its cell is suppressed; last year's cell is (for the measures reading it)."""
    period = engine.resolve_period(q.period, q.as_of)
    labels = _group_labels(q, rows)
    hidden = suppressed_keys(engine, q, policy, period, labels)
    cur = [k in hidden for k in rows]
    prev = [False] * len(rows)
    if previous and PREVIOUS & {m.value for m in q.measures}:
        last = period.previous_year()
        try:
            before = suppressed_keys(engine, q, policy, last, labels)
        except UsageError:  # no data last year: nothing derived from it is published
            before = frozenset()
        shift = _year_shift(q.by, -1)
        prev = [shift(k) in before for k in rows]
    return cur, prev


def _year_shift(by: Sequence[Dim], years: int) -> Callable[[Key], Key]:
    """A key with its time labels moved by ``years`` (2025-03 -> 2024-03): the engine labels
    last year's rows with this year's labels."""
    spots = [i for i, d in enumerate(by) if d in TIME]

    def shift(key: Key) -> Key:
        out = list(key)
        for i in spots:
            code = out[i]
            if code and code[:4].isdigit():
                out[i] = f"{int(code[:4]) + years}{code[4:]}"
        return tuple(out)

    return shift


def _group_labels(q: Query, rows: list[Key]) -> dict[Dim, tuple[str, ...]]:
    """The labels of each overlapping group dimension the answer shows."""
    out: dict[Dim, tuple[str, ...]] = {}
    for i, d in enumerate(q.by):
        if d in GROUPS:
            out[d] = tuple(sorted({str(k[i]) for k in rows if k[i] is not None}))
    return out


class _Cache:
    """Suppressed keys by (store state, policy, question): a small LRU shared by engines."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[Any, frozenset[Key]] = OrderedDict()
        self._lock = threading.Lock()
        self.misses = 0

    def get(self, key: Any) -> frozenset[Key] | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Any, value: frozenset[Key]) -> None:
        with self._lock:
            self.misses += 1
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


CACHE = _Cache()


def _months(engine: Any, period: Period, as_of: str | None) -> list[str]:
    available = engine.store.periods(as_of=as_of)
    year = str(period.year)
    wanted = set(period.months()) | ({year} if period.label == year else set())
    return [m for m in available if m in wanted]


def suppressed_keys(
    engine: Any,
    q: Query,
    policy: Policy,
    period: Period,
    labels: dict[Dim, tuple[str, ...]] | None = None,
) -> frozenset[Key]:
    """Keys (in ``q.by`` order) of the cells of ``q``'s table for ``period`` that disclosure
    control suppresses; ``labels`` are the groups of each overlapping group dimension."""
    labels = labels or {}
    months = _months(engine, period, q.as_of)
    if not months:
        raise UsageError(f"the store has no data for {period.label}")
    files = engine.store.data_files(periods=months, as_of=q.as_of)
    key = (
        str(engine.store.root), files_key(files), policy, q.selection, q.by, tuple(months),
        tuple(sorted(labels.items())), id(engine.reference),
    )  # fmt: skip
    found = CACHE.get(key)
    if found is not None:
        return found
    flows = [FlowSel.EXPORT, FlowSel.IMPORT] if q.selection.flow is FlowSel.BALANCE else [None]
    groups = [d for d in q.by if d in GROUPS]
    out: set[Key] = set()
    with engine._lock:  # the engine's backend connection is shared
        for flow in flows:
            sel = q.selection if flow is None else replace(q.selection, flow=flow)
            for combo in itertools.product(*(labels.get(g, ()) for g in groups)):
                out |= _one_table(engine, q, sel, policy, period, months, files, groups, combo)
    found = frozenset(out)
    CACHE.put(key, found)
    return found


def _one_table(
    engine: Any, q: Query, sel: Any, policy: Policy, period: Period, months: list[str],
    files: list[Any], groups: list[Dim], combo: tuple[str, ...],
) -> set[Key]:  # fmt: skip
    """Suppressed keys of one table: the selection (within the groups of ``combo``) broken
    down by the query's other dimensions, every margin included."""
    t = engine.backend.records(files)
    res = Resolver(engine.reference, period.end_date(), months, False)
    measure = policy.measure
    pred = t.period.isin(months) & res.selection(t, sel) & t.product_level.isnull()
    pred &= t[measure].notnull()
    for g, label in zip(groups, combo, strict=True):
        pred &= res.field_pred(t, GROUPS[g], [label], [])
    t = t.filter(pred)
    dims = [d for d in q.by if d not in GROUPS]
    exprs = {d.value: _key_expr(t, d, engine.reference, months) for d in dims}
    base = (str(engine.store.root), files_key(files), sel, tuple(months), combo,
            measure, policy.top_n, id(engine.reference))  # fmt: skip
    rows = _cell_rows(engine, t, exprs, measure, policy.top_n, base)
    if not rows:
        return set()
    table = CellTable.build([d.value for d in dims], rows)
    protected = protect(table, policy)
    hidden = np.flatnonzero(protected.hidden)
    out: set[Key] = set()
    for i in hidden.tolist():
        cell = table.keys[i]
        if TOTAL in cell:
            continue  # margins are not rows of a breakdown's answer
        codes = iter(cell)
        names = iter(combo)
        out.add(tuple(next(names) if d in GROUPS else next(codes) for d in q.by))
    return out


MARGINS: OrderedDict[Any, list[tuple[Key, int, int, list[int]]]] = OrderedDict()
_MARGINS_LOCK = threading.Lock()


def _cell_rows(
    engine: Any, t: Any, exprs: dict[str, Any], measure: str, top_n: int, base: Any = None
) -> list[tuple[Key, int, int, list[int]]]:
    """Every cell and margin of the table keyed by ``exprs``, with its value (money units),
    enterprises and largest enterprise values, each aggregated by the backend (one small
    result per set of margins: the records by cell and enterprise never leave it). Lines
    without an enterprise id count together as one contributor, as in ``cells.py``.
    Each set of margins is kept by ``base`` (files, selection, months ...) and the dimensions
    it keeps: the grand total of a selection serves all its one-dimensional tables."""
    names = list(exprs)
    out: list[tuple[Key, int, int, list[int]]] = []
    for kept in itertools.product((True, False), repeat=len(names)):
        own = [n for n, k in zip(names, kept, strict=True) if k]
        key = None if base is None else (base, tuple(own))
        with _MARGINS_LOCK:
            found = MARGINS.get(key) if key is not None else None
        if found is None:
            found = _margin(engine, t, {n: exprs[n] for n in own}, measure, top_n)
            if key is not None:
                with _MARGINS_LOCK:
                    MARGINS[key] = found
                    while len(MARGINS) > 256:
                        MARGINS.popitem(last=False)
        for codes, value, n, top in found:
            it = iter(codes)
            out.append((tuple(next(it) if k else TOTAL for k in kept), value, n, top))
    return out


def _margin(
    engine: Any, t: Any, keys: dict[str, Any], measure: str, top_n: int
) -> list[tuple[Key, int, int, list[int]]]:
    """One set of margins: per code of ``keys``, the value, enterprises and top values."""
    ent = t.enterprise_id.fill_null(UNIDENTIFIED)
    e = t.group_by(**keys, _e=ent).aggregate(_v=t[measure].sum())
    order = ibis.window(group_by=[e[n] for n in keys], order_by=ibis.desc(e._v))
    ranked = e.mutate(_rk=ibis.row_number().over(order))
    sums = {
        "_value": ranked._v.sum(),
        "_n": ranked.count(),
        "_top": ranked._v.collect(where=ranked._rk < top_n),
    }
    agg = ranked.group_by(*keys).aggregate(**sums) if keys else ranked.aggregate(**sums)
    found = []
    for r in engine.backend.execute(agg).to_pylist():
        if not r["_n"] or r["_value"] is None:  # no records: the aggregate of nothing
            continue
        codes = tuple(None if r[n] is None else str(r[n]) for n in keys)
        top = [_units(v) for v in r["_top"] or []]
        found.append((codes, _units(r["_value"]), int(r["_n"]), top))
    return found


def _units(value: Any) -> int:
    """Exact money as an integer of the smallest unit (fen, cents)."""
    return int(Decimal(value).scaleb(VALUE_SCALE))


def _key_expr(t: Any, dim: Dim, ref: Any, months: Sequence[str]) -> Any:
    """The raw or mapped code of ``dim`` on each record, as the engine labels it."""
    if dim in RAW:
        return t[dim.value]
    if dim in HS:
        return t.hs_code.substr(0, HS[dim])
    if dim is Dim.HS_SECTION:
        chapters = (f"{c:02d}" for c in range(1, 100))
        mapping = {c: s for c in chapters if (s := refapi.section_label(ref, c))}
        return t.hs_code.substr(0, 2).substitute(mapping, else_=ibis.null("string"))
    if dim is Dim.TRADE_MODE_GROUP:
        mapping = {}
        for name in refapi.trade_mode_group_names(ref):
            try:
                codes = refapi.trade_mode_group(ref, name).codes
            except UsageError:
                continue
            mapping.update({c: name for c in sorted(codes) if c not in mapping})
        grouped = t.trade_mode.substitute(mapping, else_=ibis.literal("other"))
        return ibis.cases((t.trade_mode.isnull(), ibis.null("string")), else_=grouped)
    if dim is Dim.MONTH:
        return t.period
    if dim is Dim.QUARTER:
        quarters = {m: f"{m[:4]}-Q{(int(m[5:7]) - 1) // 3 + 1}" for m in months if len(m) == 7}
        return t.period.substitute(quarters, else_=ibis.null("string"))
    if dim is Dim.YEAR:
        return t.period.substr(0, 4)
    raise UsageError(f"disclosure control cannot break down by {dim.value} yet")


def _apply(
    table: pa.Table, keys: Sequence[str], cur: list[bool], prev: list[bool], unrestricted: bool
) -> pa.Table:
    """Null the value-derived columns of suppressed rows (the measures reading last year's on
    rows whose last-year cell is), add the flag."""
    flags = pa.array([FLAG if a or b else "" for a, b in zip(cur, prev, strict=True)], pa.string())
    out = table
    if not unrestricted:
        measures = [c for c in table.column_names if c not in keys and c != "period"]
        for name in measures:
            hide = cur if name not in PREVIOUS else [a or b for a, b in zip(cur, prev, strict=True)]
            if not any(hide):
                continue
            col = out.column(name)
            keep = pa.array([not h for h in hide], pa.bool_())
            nulls = pa.nulls(len(col), col.type)
            out = out.set_column(out.column_names.index(name), name, pc.if_else(keep, col, nulls))
    return out.append_column(FLAG_COLUMN, flags)
