"""Release specs: what a bulletin says, as YAML, validated in bulk with file and line.

A spec has a title, a source line, optional style settings, optional extra indicators (same
keys as the indicator library) and sections. A section holds statements (one template per
language), tables (an engine query plus the rows to show) and charts (drawn from a table).
See docs/bulletin.md for the format.

Example:
    >>> spec = load_spec()
    >>> spec.sections[0].id
    'headline'
    >>> spec.sections[0].statements[0].templates["en"][3].name
    'total.value'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from tradestats.bulletin.speccheck import (
    Problems,
    check_group_names,
    check_indicators,
    check_row_key,
    check_slots,
    localized,
)
from tradestats.bulletin.template import Part, TemplateError, parse_template
from tradestats.bulletin.yamllines import LDict, LList, load_yaml
from tradestats.errors import UsageError
from tradestats.indicators.contract import build_query
from tradestats.indicators.library import Indicator, Library, load_library
from tradestats.indicators.query import Measure

LANGS = ("en", "zh")
TOP_KEYS = frozenset({"title", "source", "style", "indicators", "sections", "notes"})
SECTION_KEYS = frozenset({"id", "title", "statements", "tables", "charts"})
TABLE_KEYS = frozenset({"id", "title", "query", "indices", "rows", "show", "note", "total"})
CHART_KEYS = frozenset({"kind", "table", "title", "measure"})
CHART_KINDS = ("monthly", "bars", "shares")


class SpecError(UsageError):
    """A release spec is invalid; the message lists every problem as ``file:line: message``."""


@dataclass(frozen=True)
class Statement:
    templates: dict[str, list[Part]]
    where: str


@dataclass(frozen=True)
class Row:
    key: str
    labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TableSpec:
    id: str
    title: dict[str, str]
    query: dict[str, Any]
    rows: tuple[Row, ...]
    show: bool
    where: str
    note: dict[str, str] = field(default_factory=dict)
    indices: dict[str, Any] | None = None  # an index table: tradestats.indices' parameters
    total: dict[str, str] | None = None  # a last row for the whole selection, with its label

    @property
    def seasonal(self) -> str | None:
        """``sa`` or ``trend`` for a table of an adjusted monthly series, else None."""
        which = str(self.query.get("seasonal", "none")).strip().lower()
        return None if which in ("", "none") else which

    def columns(self) -> list[str]:
        """The figure columns the table prints (what a chart may draw)."""
        if self.indices is not None:
            return list(INDEX_COLUMNS)
        measures = str(self.query.get("measures", "value_cny")).replace(" ", "").split(",")
        suffix = {"sa": "_sa", "trend": "_trend"}.get(self.seasonal or "")
        return [c for m in measures for c in ([m, m + suffix] if suffix else [m])]


@dataclass(frozen=True)
class ChartSpec:
    kind: str
    table: str
    title: dict[str, str]
    measure: str
    where: str


@dataclass(frozen=True)
class Section:
    id: str
    title: dict[str, str]
    statements: tuple[Statement, ...]
    tables: tuple[TableSpec, ...]
    charts: tuple[ChartSpec, ...]


@dataclass(frozen=True)
class Spec:
    """A validated release spec."""

    name: str
    title: dict[str, str]
    source: dict[str, str]
    jump: Decimal
    indicators: dict[str, Indicator]
    sections: tuple[Section, ...]

    def tables(self) -> dict[str, TableSpec]:
        return {t.id: t for s in self.sections for t in s.tables}


def default_spec_text() -> str:
    """The text of the spec shipped with the package (``bulletin/specs/default.yaml``)."""
    return resources.files("tradestats.bulletin").joinpath("specs/default.yaml").read_text("utf-8")


def load_spec(path: str | Path | None = None, library: Library | None = None) -> Spec:
    """Load and validate a spec (the shipped default when ``path`` is None).

    Raises SpecError listing every problem with file and line; nothing is half-loaded.

    >>> load_spec().name
    'default.yaml'
    """
    if path is None:
        text, name = default_spec_text(), "default.yaml"
    else:
        p = Path(path)
        if not p.is_file():
            raise UsageError(f"no spec file at {p}")
        text, name = p.read_text(encoding="utf-8"), p.name
    return parse_spec(text, name, library or load_library())


def parse_spec(text: str, name: str, library: Library) -> Spec:
    """Validate spec ``text`` (named ``name`` in messages) against ``library``."""
    doc = load_yaml(text, name)
    pr = Problems(name)
    if not isinstance(doc, LDict):
        pr.add(1, "a spec must be a mapping with 'title' and 'sections'")
        raise SpecError(pr.summary())
    pr.unknown_keys(doc, TOP_KEYS)
    extra = check_indicators(doc.get("indicators"), doc.line_of("indicators"), pr, library)
    known = set(library.indicators) | set(extra)
    measures = {n: i.measure for n, i in library.indicators.items()} | {
        n: i.measure for n, i in extra.items()
    }
    sections = _sections(doc, pr, known, measures)
    spec = Spec(
        name=name,
        title=localized(doc, "title", pr, required=True),
        source=localized(doc, "source", pr) or _DEFAULT_SOURCE,
        jump=_jump(doc, pr),
        indicators=extra,
        sections=sections,
    )
    if pr.items:
        raise SpecError(pr.summary())
    return spec


_DEFAULT_SOURCE = {
    "en": "Source: customs declaration records; computed with tradestats.",
    "zh": "资料来源：海关报关单记录，由tradestats计算。",
}


def _jump(doc: LDict, pr: Problems) -> Decimal:
    style = doc.get("style") or LDict()
    if not isinstance(style, LDict):
        pr.add(doc.line_of("style"), "'style' must be a mapping")
        return Decimal(15)
    pr.unknown_keys(style, frozenset({"jump"}))
    try:
        return Decimal(str(style.get("jump", 15)))
    except ArithmeticError:
        pr.add(style.line_of("jump"), "'jump' must be a number (percent)")
        return Decimal(15)


def _sections(
    doc: LDict, pr: Problems, known: set[str], measures: dict[str, Measure]
) -> tuple[Section, ...]:
    items = doc.get("sections")
    if not isinstance(items, LList) or not items:
        pr.add(doc.line_of("sections"), "'sections' must be a non-empty list")
        return ()
    out = []
    ids: set[str] = set()
    for i, sec in enumerate(items):
        if not isinstance(sec, LDict):
            pr.add(items.line_of(i), "each section must be a mapping")
            continue
        pr.unknown_keys(sec, SECTION_KEYS)
        sid = str(sec.get("id") or f"section{i + 1}")
        if sid in ids:
            pr.add(sec.line_of("id"), f"duplicate section id {sid!r}")
        ids.add(sid)
        statements = tuple(_statements(sec, pr, known, measures))
        tables = tuple(_tables(sec, pr))
        out.append(
            Section(sid, localized(sec, "title", pr), statements, tables, tuple(_charts(sec, pr)))
        )
    _check_chart_tables(out, pr)
    return tuple(out)


def _list(node: LDict, key: str, pr: Problems) -> list[tuple[int, Any]]:
    items = node.get(key)
    if items is None:
        return []
    if not isinstance(items, LList):
        pr.add(node.line_of(key), f"'{key}' must be a list")
        return []
    return [(items.line_of(i), item) for i, item in enumerate(items)]


def _statements(
    sec: LDict, pr: Problems, known: set[str], measures: dict[str, Measure]
) -> list[Statement]:
    out = []
    for line, item in _list(sec, "statements", pr):
        if not isinstance(item, LDict):
            pr.add(line, "a statement must be a mapping of language to template (en:, zh:)")
            continue
        pr.unknown_keys(item, frozenset(LANGS))
        templates: dict[str, list[Part]] = {}
        for lang in LANGS:
            if lang not in item:
                continue
            where = item.line_of(lang)
            try:
                parts = parse_template(str(item[lang]))
            except TemplateError as err:
                pr.add(where, f"malformed template: {err}")
                continue
            templates[lang] = check_slots(parts, where, pr, known, measures)
        if not item:
            pr.add(line, "empty statement")
        out.append(Statement(templates, f"{pr.file}:{line}"))
    return out


def _rows(table: LDict, pr: Problems) -> tuple[Row, ...]:
    """The rows a table shows, keys of its first breakdown checked against the reference."""
    rows = []
    asked = table.get("query") if isinstance(table.get("query"), LDict) else None
    dim = str(asked.get("by") or "") if asked is not None else "flow"  # index rows: flows
    dim = dim.split(",")[0].strip()
    for line, item in _list(table, "rows", pr):
        if isinstance(item, str | int):
            row = Row(str(item))
        elif isinstance(item, LDict) and "key" in item:
            pr.unknown_keys(item, frozenset({"key", *LANGS}))
            row = Row(str(item["key"]), {k: str(item[k]) for k in LANGS if k in item})
        else:
            pr.add(line, "a row is a key, or a mapping with 'key' and optional en/zh labels")
            continue
        check_row_key(dim, row.key, line, pr)
        rows.append(row)
    return tuple(rows)


def _tables(sec: LDict, pr: Problems) -> list[TableSpec]:
    out = []
    for line, item in _list(sec, "tables", pr):
        if not isinstance(item, LDict) or not (
            isinstance(item.get("query"), LDict) or isinstance(item.get("indices"), LDict)
        ):
            pr.add(line, "a table must be a mapping with 'id' and a 'query' or 'indices' mapping")
            continue
        pr.unknown_keys(item, TABLE_KEYS)
        indices = _index_params(item, pr)
        query = {k: v for k, v in item.get("query", {}).items()}
        if indices is None:
            check_group_names(item["query"], pr)
            try:
                build_query({"period": "2025", **query})  # the query contract, as every door
            except (UsageError, TypeError, ValueError) as err:
                pr.add(item.line_of("query"), f"bad table query: {err}")
        tid = str(item.get("id") or f"table{line}")
        out.append(
            TableSpec(
                id=tid,
                title=localized(item, "title", pr),
                query=query,
                rows=_rows(item, pr),
                show=bool(item.get("show", True)),
                where=f"{pr.file}:{line}",
                note=localized(item, "note", pr),
                indices=indices,
                total=_total(item, pr),
            )
        )
    return out


def _total(item: LDict, pr: Problems) -> dict[str, str] | None:
    """The label of a table's total row (``total: {en: Total, zh: 合计}``), for a table of one
    breakdown whose rows partition the selection (overlapping groups have no total)."""
    if "total" not in item:
        return None
    by = str(item.get("query", {}).get("by") or "") if isinstance(item.get("query"), LDict) else ""
    if "indices" in item or len([b for b in by.split(",") if b.strip()]) != 1:
        pr.add(item.line_of("total"), "a total row needs a query broken down by one dimension")
    if by.strip() in ("partner_group", "product_group"):
        pr.add(item.line_of("total"), f"{by.strip()} rows overlap: they have no total")
    return localized(item, "total", pr)


INDEX_COLUMNS = ("price_index", "volume_index", "value_index")
INDEX_TABLE_KEYS = frozenset({"formula", "by", "basis", "trim_iqr", "trim_cap"})


def _index_params(item: LDict, pr: Problems) -> dict[str, Any] | None:
    """An index table's parameters, checked by tradestats.indices' own ``build_indices`` (the
    bulletin sets the span, the annual chain and the base: the year against the one before)."""
    found = item.get("indices")
    if not isinstance(found, LDict):
        return None
    if "query" in item:
        pr.add(item.line_of("indices"), "a table has a 'query' or 'indices', not both")
    pr.unknown_keys(found, INDEX_TABLE_KEYS)
    params = {k: v for k, v in found.items() if k in INDEX_TABLE_KEYS}
    from tradestats.indices.question import build_indices

    try:
        build_indices({"period": "2024..2025", "chain": "year", **params})
    except UsageError as err:
        pr.add(item.line_of("indices"), f"bad index table: {err}")
    return params


def _charts(sec: LDict, pr: Problems) -> list[ChartSpec]:
    out = []
    for line, item in _list(sec, "charts", pr):
        if not isinstance(item, LDict):
            pr.add(line, "a chart must be a mapping with 'kind' and 'table'")
            continue
        pr.unknown_keys(item, CHART_KEYS)
        kind = str(item.get("kind", ""))
        if kind not in CHART_KINDS:
            pr.add(item.line_of("kind"), f"chart kind must be one of {', '.join(CHART_KINDS)}")
        out.append(
            ChartSpec(
                kind=kind,
                table=str(item.get("table", "")),
                title=localized(item, "title", pr),
                measure=str(item.get("measure", "value_cny")),
                where=f"{pr.file}:{line}",
            )
        )
    return out


def _check_chart_tables(sections: list[Section], pr: Problems) -> None:
    tables = {t.id: t for s in sections for t in s.tables}
    for chart in (c for s in sections for c in s.charts):
        line = int(chart.where.rsplit(":", 1)[1])
        table = tables.get(chart.table)
        if table is None:
            pr.add(line, f"chart names unknown table {chart.table!r}")
            continue
        measures = table.columns()
        if chart.measure not in measures:
            pr.add(line, f"chart measure {chart.measure!r} is not among the table's {measures}")
        by = str(table.query.get("by", ""))
        if chart.kind == "monthly" and "month" not in by:
            pr.add(line, "a monthly chart needs a table broken down by month")


def check_lang(spec: Spec, lang: str) -> None:
    """SpecError listing the title and every statement that has no text in ``lang``."""
    if lang not in LANGS:
        raise UsageError(f"unknown language {lang!r}", hint="use en or zh")
    missing = [] if lang in spec.title else [f"{spec.name}: no {lang} title"]
    missing += [
        f"{st.where}: no {lang} template"
        for sec in spec.sections
        for st in sec.statements
        if lang not in st.templates
    ]
    if missing:
        raise SpecError(f"{len(missing)} problem(s) in {spec.name}:\n  " + "\n  ".join(missing))
