"""Aggregate first, map codes after: the records of a plan summed into a small cube.

Every plan (a query, or a batch of figures) reads the records once:

1. **relation**: the rows of the periods, reporters and flows it needs, with one class column
   per classified field (``_c_partner``, ``_c_hs_code``, ``_c_trade_mode``: one hash join with a
   small code table each, see ``codes.py``) and the short HS prefixes its breakdowns need
   (``_hs2`` ...);
2. **cube**: that relation grouped by period, flow, the class columns and the few raw columns
   the plan's filters and breakdowns read, with exact sums and row counts.

The figures are then sums over the cube (a few thousand rows), where a partner group or a
product group is a test of a few class numbers. Sums are additive, so this is exact; distinct
counts are not, and are counted on the relation itself (``distinct_source``).

Example::

    cube = Cube.plan(resolver, [q.selection, q.parent_selection()], q.by, needs, codes)
    small = cube.build(records, rows_predicate, backend.register)
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from tradestats.indicators import reference_api as refapi
from tradestats.indicators.codes import ClassMap, PrefixRule, prefix_map, set_map
from tradestats.indicators.measures import missing
from tradestats.indicators.measures import quantified as quantified_name
from tradestats.indicators.query import VALUATIONS, Dim, Selection
from tradestats.indicators.resolve import _HS_PREFIX, WORLD, Resolver, all_of, flow_pred

MAPPED = ("partner", "product", "trade_mode")  # selection fields tested through class columns
COLUMN_OF = {"partner": "partner", "product": "hs_code", "trade_mode": "trade_mode"}
# Breakdowns that a declared total (a World row) answers like its partners' sum does.
DECLARED_DIMS = frozenset({Dim.MONTH, Dim.QUARTER, Dim.YEAR, Dim.FLOW, Dim.REPORTER})
MANY_VALUED = frozenset({"partner", "hs_code"})  # thousands of codes: never both pre-summed
RAW_FIELDS = ("enterprise_type", "region", "brand_type", "reporter")  # few values: kept raw
PREFIX_DIMS = {Dim.HS2: 2, Dim.HS4: 4, Dim.HS6: 6, Dim.HS8: 8, Dim.HS_SECTION: 2}
RAW_DIMS = {
    Dim.PARTNER: "partner", Dim.ENTERPRISE_TYPE: "enterprise_type",
    Dim.TRADE_MODE: "trade_mode", Dim.TRADE_MODE_GROUP: "trade_mode", Dim.REGION: "region",
    Dim.BRAND_TYPE: "brand_type", Dim.FLOW: "flow", Dim.REPORTER: "reporter", Dim.UNIT: "unit",
}  # fmt: skip
Register = Callable[[str, pa.Table], ir.Table]
Codes = Callable[[], Iterable[str]]  # the distinct HS codes of the files read


@dataclass(frozen=True)
class Needs:
    """What the figures of a plan sum and count besides the basis."""

    money: tuple[str, ...] = ("value_cny",)
    quantity: bool = False  # quantities, and the money of the rows that carry one
    weight: bool = False  # net weight in kg
    ids: bool = False  # rows with an enterprise id are counted (the enterprises check)
    partner: bool = False  # raw partner kept (partner counts, partners growing)
    reporter: bool = False  # raw reporter kept (the reading names reporters)


def prefix_column(digits: int) -> str:
    return f"_hs{digits}"


def prefix(col: ir.StringValue, n: int) -> ir.StringValue:
    """First ``n`` characters (NULL when the code is shorter, so 6-digit codes have no hs8)."""
    return ibis.cases((col.length() >= n, col.substr(0, n)), else_=ibis.null("string"))


def group_labels(ref: refapi.ReferenceLike, sel: Selection, dim: Dim) -> list[str]:
    """The groups a partner_group or product_group breakdown shows: those the selection
    names, else every group of the reference."""
    if dim is Dim.PARTNER_GROUP:
        named = [p for p in sel.partner.include if not refapi.is_partner_code(ref, p)]
        return named or refapi.partner_group_names(ref)
    named = [p for p in sel.product.include if not p.isdigit()]
    return named or refapi.product_group_names(ref)


@dataclass
class Cube:
    """The class maps, raw columns and prefixes one plan reads, and how to test selections."""

    resolver: Resolver
    maps: dict[str, ClassMap]
    raw: tuple[str, ...]
    prefixes: tuple[int, ...]
    needs: Needs
    labels: dict[Dim, list[str]] = field(default_factory=dict)
    world: bool = False  # World rows kept apart by class (named, or declared totals)
    declared: bool = False  # the files hold World rows: totals without a partner filter use them

    # -- planning ------------------------------------------------------------------------------

    @classmethod
    def plan(
        cls,
        resolver: Resolver,
        selections: Sequence[Selection],
        by: Sequence[Dim],
        needs: Needs,
        codes: Codes,
        main: Selection | None = None,
        declared: bool = False,
    ) -> Cube:
        """The cube answering ``selections`` broken down by ``by`` (``main``: the selection
        whose named groups a group breakdown shows; default the first). ``declared``: the
        files hold World rows, the reporters' declared totals (see ``declared_totals``)."""
        ref = resolver.ref
        main = main if main is not None else selections[0]
        tokens: dict[str, set[str]] = {f: set() for f in MAPPED}
        raw: set[str] = set()
        for sel in selections:
            for name, flt in sel.filters().items():
                if name in tokens:
                    tokens[name].update((*flt.include, *flt.exclude))
                else:
                    raw.add(name)
        labels: dict[Dim, list[str]] = {}
        for dim in by:
            if dim in (Dim.PARTNER_GROUP, Dim.PRODUCT_GROUP):
                labels[dim] = group_labels(ref, main, dim)
                tokens["partner" if dim is Dim.PARTNER_GROUP else "product"].update(labels[dim])
            elif dim in RAW_DIMS:
                raw.add(RAW_DIMS[dim])
        if needs.partner:
            raw.add("partner")
        if needs.reporter:
            raw.add("reporter")
        if needs.quantity:  # quantities are summed within a unit only (see measures.py)
            raw.add("unit")
        # Reported totals (partner WLD) are never added to the partners: a selection without a
        # partner include leaves them out. When no selection names WLD the relation drops them
        # (``relation``); otherwise the partner classes tell WLD apart.
        world = any(WORLD in s.partner.include for s in selections)
        declared = declared and not (needs.quantity or needs.weight)
        if declared:
            raw.add("reporter")
        if world or declared:
            tokens["partner"].add(WORLD)
        maps = {
            COLUMN_OF[f]: _class_map(resolver, f, sorted(t), codes) for f, t in tokens.items() if t
        }
        prefixes = sorted({PREFIX_DIMS[d] for d in by if d in PREFIX_DIMS})
        keep = tuple(sorted(raw - {"period", "flow"}))
        return cls(
            resolver, maps, keep, tuple(prefixes), needs, labels, world or declared, declared
        )

    # -- the two relations -----------------------------------------------------------------------

    def relation(
        self,
        t: ir.Table,
        rows: ir.BooleanValue,
        register: Register,
        only: Sequence[Selection] | None = None,
        by: Sequence[Dim] | None = None,
    ) -> ir.Table:
        """The records of the plan with their class and prefix columns; ``only`` and ``by``:
        just the columns those selections and breakdowns test (a distinct count reads the
        records a second time, and should join no table it does not need)."""
        maps = list(self.maps.values())
        prefixes = self.prefixes
        if only is not None:
            wanted = self._columns_of(only, by or ())
            maps = [m for m in maps if m.column in wanted]
            prefixes = tuple(n for n in prefixes if prefix_column(n) in wanted)
        return self._classed(self._rows(t, rows), register, maps, prefixes)

    def build(self, t: ir.Table, rows: ir.BooleanValue, register: Register) -> ir.Table:
        """The cube of the records ``rows`` selects.

        When the classes come from one many-valued code column only (a breakdown by product
        group, HS section or chapter, or partner group), the records are first summed by the
        raw codes and the small code tables joined to those few thousand sums: aggregate,
        then map (exact, sums being additive), instead of a join per record. With both partner
        and HS classes (the seed batch) the raw pairs would be nearly as many as the records,
        so each record is joined to the small code tables, as an expert's bit-mask plan does.
        """
        maps, prefixes = list(self.maps.values()), self.prefixes
        sources = self.sources()
        if not self.premapped():
            return self.aggregate(self.relation(t, rows, register))
        keys = list(dict.fromkeys(["period", "flow", *self.raw, *sorted(sources)]))
        pre = self._rows(t, rows).group_by(keys).aggregate(**self._sums(None))
        classed = self._classed(pre, register, maps, prefixes)
        return classed.group_by(self.keys()).aggregate(**self._sums(classed))

    def sources(self) -> set[str]:
        """The record columns the class and prefix columns come from."""
        return {m.column for m in self.maps.values()} | ({"hs_code"} if self.prefixes else set())

    def premapped(self) -> bool:
        """True when ``build`` sums the records by raw code before mapping (see there)."""
        sources = self.sources()
        return bool(sources) and len((sources | set(self.raw)) & MANY_VALUED) <= 1

    def _rows(self, t: ir.Table, rows: ir.BooleanValue) -> ir.Table:
        if not self.world:
            rows = rows & (t.partner != WORLD).fill_null(True)
        return t.filter(rows)

    def _classed(
        self,
        rel: ir.Table,
        register: Register,
        maps: Sequence[ClassMap],
        prefixes: Sequence[int],
    ) -> ir.Table:
        """``rel`` with a class column per map (a left join with its code table) and the
        HS prefix columns."""
        base = list(rel.columns)
        for m in maps:
            codes = register(m.name, m.rows)
            key = f"_k{m.cube_column}"
            names = {key: codes._k, f"{m.cube_column}_raw": codes._c}
            if m.by_period:
                names[f"_p{m.cube_column}"] = codes._p
            codes = codes.select(**names)
            on = [rel[m.column] == codes[key]]
            if m.by_period:
                on.append(rel.period == codes[f"_p{m.cube_column}"])
            joined = rel.left_join(codes, on)
            cls_col = joined[f"{m.cube_column}_raw"].fill_null(0)
            rel = joined.select(*(joined[c] for c in base), **{m.cube_column: cls_col})
            base.append(m.cube_column)
        extra = {prefix_column(n): prefix(rel.hs_code, n) for n in prefixes}
        return rel.mutate(**extra) if extra else rel

    def _columns_of(self, sels: Sequence[Selection], by: Sequence[Dim]) -> set[str]:
        """Record columns (and prefix columns) the selections and breakdowns read by class."""
        found = {COLUMN_OF[f] for s in sels for f in s.filters() if f in MAPPED}
        if self.world:
            found.add("partner")
        for dim in by:
            if dim is Dim.PARTNER_GROUP:
                found.add("partner")
            elif dim is Dim.PRODUCT_GROUP:
                found.add("hs_code")
            elif dim in PREFIX_DIMS:
                found.add(prefix_column(PREFIX_DIMS[dim]))
        return found

    def keys(self) -> list[str]:
        """The cube's grouping columns."""
        out = ["period", "flow", *self.raw]
        out += [m.cube_column for m in self.maps.values()]
        out += [prefix_column(n) for n in self.prefixes]
        return list(dict.fromkeys(out))

    def aggregate(self, rel: ir.Table) -> ir.Table:
        """The cube: exact sums and row counts per key."""
        return rel.group_by(self.keys()).aggregate(**self._sums(None))

    def _sums(self, pre: ir.Table | None) -> dict[str, ibis.Deferred]:
        """The cube's cells over records (``pre`` None) or re-summed over a pre-aggregate."""
        needs = self.needs
        cols = [
            *needs.money,
            *(["quantity"] if needs.quantity else []),
            *(["net_weight_kg"] if needs.weight else []),
        ]
        cells: dict[str, ibis.Deferred] = {c: ibis._[c].sum() for c in cols}
        quantified = [(quantified_name(c), c) for c in needs.money] if needs.quantity else []
        unvalued = [(missing(c), c) for c in needs.money if c in VALUATIONS]
        if pre is not None:
            cells |= {q: ibis._[q].sum() for q, _ in [*quantified, *unvalued]}
            cells["_n"] = ibis._["_n"].sum().cast("int64")
            if needs.ids:
                cells["_nid"] = ibis._["_nid"].sum().cast("int64")
            return cells
        has_qty = ibis._.quantity.notnull()
        cells |= {q: ibis._[c].sum(where=has_qty) for q, c in quantified}
        cells |= {n: ibis._[c].isnull().cast("int64").sum() for n, c in unvalued}
        cells["_n"] = ibis._.count()
        if needs.ids:
            cells["_nid"] = ibis._.enterprise_id.count()
        return cells

    # -- selections over either relation ---------------------------------------------------------

    def declares(self, sel: Selection, by: Sequence[Dim] = ()) -> bool:
        """Whether ``sel`` (broken down by ``by``) takes the declared totals: the files hold
        World rows, ``sel`` filters no partner and ``by`` has no partner nor product key."""
        plain = not sel.partner.include and not sel.partner.exclude
        return self.declared and plain and set(by) <= DECLARED_DIMS

    def declared_totals(self, t: ir.Table, keys: Sequence[str]) -> ir.Table:
        """Per reporter, period, flow and key: the declared total (the World rows) where the
        reporter gave one, else the sum of its partners. A partner extract (China's exports to
        KOR, MEX and USA, with the World row) then gives shares of China's whole exports, not
        of the three partners loaded. ``t``: the cube rows of one selection, World kept."""
        w = _in(t[self.maps["partner"].cube_column], self.maps["partner"].of([WORLD]))
        cells: dict[str, ir.Value] = {
            c: ibis.coalesce(t[c].sum(where=w), t[c].sum(where=~w))
            for c in [*self.needs.money, *(missing(v) for v in self.needs.money if v in VALUATIONS)]
        }
        cells["_n"] = t._n.sum().cast("int64")
        if self.needs.ids:
            cells["_nid"] = t._nid.sum().cast("int64")
        group = list(dict.fromkeys([*keys, "reporter", "period", "flow"]))
        return t.group_by(group).aggregate(**cells)

    def selection(self, t: ir.Table, sel: Selection, world: bool = False) -> ir.BooleanValue:
        """The predicate of ``sel`` over the relation or the cube, flows included; ``world``:
        keep the World rows when ``sel`` takes the declared totals (``declared_totals``)."""
        preds = [flow_pred(t, sel.flow)]
        keep = world and self.declares(sel)
        if self.world and not sel.partner.include and not keep:  # never summed in
            preds.append(
                ~_in(t[self.maps["partner"].cube_column], self.maps["partner"].of([WORLD]))
            )
        for name, flt in sel.filters().items():
            if name in MAPPED:
                m = self.maps[COLUMN_OF[name]]
                col = t[m.cube_column]
                if flt.include:
                    preds.append(_in(col, m.of(flt.include)))
                if flt.exclude:
                    preds.append(~_in(col, m.of(flt.exclude)))
            else:
                preds.append(self.resolver.field_pred(t, name, flt.include, flt.exclude))
        return all_of(preds)

    def group_rows(self, dim: Dim, register: Register) -> tuple[str, ir.Table]:
        """The (class, label) table of a partner_group or product_group breakdown."""
        m = self.maps["partner" if dim is Dim.PARTNER_GROUP else "hs_code"]
        labels = m.labels(self.labels[dim])
        return m.cube_column, register(f"{m.name}_{dim.value}", labels)


def _in(col: ir.IntegerValue, classes: frozenset[int]) -> ir.BooleanValue:
    return col.isin(sorted(classes)) if classes else ibis.literal(False)


_MAPS: dict[tuple[object, ...], ClassMap] = {}
_MAPS_LOCK = threading.Lock()
MAX_MAPS = 256


def forget_maps() -> None:
    """Forget every remembered class map (benchmarks time cold plans)."""
    with _MAPS_LOCK:
        _MAPS.clear()


def _class_map(resolver: Resolver, field_name: str, tokens: list[str], codes: Codes) -> ClassMap:
    """The class map of a field, remembered: the same tokens over the same codes, periods and
    reference (by identity) give the same map."""
    universe = codes() if field_name == "product" else frozenset()
    editions = tuple((e, tuple(p)) for e, p in sorted(resolver.editions().items()))
    key = (field_name, tuple(tokens), id(resolver.ref), resolver.period_end, editions, universe)
    with _MAPS_LOCK:
        found = _MAPS.get(key)
    if found is None:
        found = _build_map(resolver, field_name, tokens, universe)
        with _MAPS_LOCK:
            if len(_MAPS) >= MAX_MAPS:
                _MAPS.pop(next(iter(_MAPS)))
            _MAPS[key] = found
    return found


def _build_map(
    resolver: Resolver, field_name: str, tokens: list[str], universe: Iterable[str]
) -> ClassMap:
    column = COLUMN_OF[field_name]
    if field_name == "partner":
        return set_map(column, {t: resolver.partner_codes(t) for t in tokens})
    if field_name == "trade_mode":
        return set_map(column, {t: resolver.trade_mode_codes(t) for t in tokens})
    ref = resolver.ref

    def rule(token: str, edition: str) -> PrefixRule:
        if _HS_PREFIX.match(token):
            return PrefixRule((token,))
        group = refapi.product_group(ref, token)
        return PrefixRule(tuple(group.include(edition)), tuple(group.exclude(edition)))

    for token in tokens:  # unknown groups are named before any code is read
        if not _HS_PREFIX.match(token):
            refapi.product_group(ref, token)
    return prefix_map(column, rule, tokens, universe, resolver.editions())
