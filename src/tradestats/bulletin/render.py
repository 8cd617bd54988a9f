"""Render a bulletin: spec + store + period -> HTML, Markdown or PDF, and its trace.

Example:
    >>> b = render_bulletin("demo-store", "2025", lang="en", fmt="md")   # doctest: +SKIP
    >>> print(b.content[:60])                                            # doctest: +SKIP
    # China's foreign trade in 2025
    >>> b.write("bulletin.md", trace="bulletin.trace.json")             # doctest: +SKIP
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from tradestats.bulletin.charts import chart_svg
from tradestats.bulletin.compute import Evaluator
from tradestats.bulletin.spec import Section, Spec, check_lang, load_spec
from tradestats.bulletin.statements import (
    Segment,
    StatementContext,
    slot_names,
    statement_segments,
)
from tradestats.bulletin.tables import TableView, build_index_table, build_table, left_out
from tradestats.bulletin.trace import Trace
from tradestats.bulletin.verbs import period_phrase
from tradestats.engine import Engine, StoreLike
from tradestats.errors import UsageError
from tradestats.indicators.periods import summarize

FORMATS = ("html", "md", "pdf")
HTML_LANG = {"en": "en", "zh": "zh-CN"}
TEMPLATES = {"html": "bulletin.html.j2", "pdf": "bulletin.html.j2", "md": "bulletin.md.j2"}


@dataclass
class SectionView:
    id: str
    title: str
    statements: list[list[Segment]]
    tables: list[TableView]
    charts: list[dict[str, str]]


@dataclass
class Bulletin:
    """A rendered bulletin: ``content`` (str for html/md, bytes for pdf) and its figures."""

    content: str | bytes
    fmt: str
    lang: str
    period: str
    trace: Trace
    meta: dict[str, Any]
    warnings: list[str] = field(default_factory=list)

    def trace_json(self) -> str:
        """The JSON sidecar: every figure with its exact value and query."""
        return self.trace.to_json(self.meta)

    def write(
        self, out: str | os.PathLike[str], trace: str | os.PathLike[str] | None = None
    ) -> None:
        """Write the bulletin (and the trace sidecar when ``trace`` is given)."""
        path = Path(out)
        if isinstance(self.content, bytes):
            path.write_bytes(self.content)
        else:
            path.write_text(self.content, encoding="utf-8")
        if trace is not None:
            Path(trace).write_text(self.trace_json(), encoding="utf-8")


def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("tradestats.bulletin", "templates"),
        autoescape=jinja2.select_autoescape(["html.j2"], default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def _engine(engine_or_store: Engine | StoreLike | str | os.PathLike[str]) -> Engine:
    if isinstance(engine_or_store, Engine):
        return engine_or_store
    if isinstance(engine_or_store, str | os.PathLike) and not Path(engine_or_store).is_dir():
        raise UsageError(f"no store at {engine_or_store}")
    return Engine(engine_or_store)


def _spec(spec: Spec | str | os.PathLike[str] | None, engine: Engine) -> Spec:
    if isinstance(spec, Spec):
        return spec
    return load_spec(None if spec is None else Path(spec), library=engine.library)


def _statement_context(ev: Evaluator, spec: Spec, lang: str, trace: Trace) -> StatementContext:
    parts = [st.templates[lang] for sec in spec.sections for st in sec.statements]
    names = [n for p in parts for n in slot_names(p)]
    records = list(dict.fromkeys(n for p in parts for n in slot_names(p, "record")))
    streaks = [n for p in parts for n in slot_names(p, "streak")]
    return StatementContext(
        lang=lang,
        jump=spec.jump,
        results=ev.values(names),
        queries={n: ev.query(n) for n in names},
        history=ev.history(records) if records else {},
        streak_ends={n: ev.streak_end(n) for n in streaks},
        streak_firsts={n: ev.streak_first(n) for n in streaks},
        reserved={"period": period_phrase(ev.period, lang), "year": str(ev.period.year)},
        trace=trace,
    )


def _section(
    sec: Section, ev: Evaluator, ctx: StatementContext, fmt: str, charts: bool
) -> SectionView:
    """Statements, tables (printed ones traced) and charts of one section."""
    lang = ctx.lang
    statements = [statement_segments(st.templates[lang], ctx, st.where) for st in sec.statements]
    views: dict[str, TableView] = {}
    for t in sec.tables:
        views[t.id] = _table(ev, t.id, lang, ctx.trace if t.show else Trace())
    drawn = _charts(sec, ev, lang, views) if charts and fmt != "md" else []
    return SectionView(sec.id, sec.title.get(lang, ""), statements, list(views.values()), drawn)


def _table(ev: Evaluator, table_id: str, lang: str, trace: Trace) -> TableView:
    t = ev.spec.tables()[table_id]
    if t.indices is None and t.seasonal is None:
        q, result = ev.table(t)
        return build_table(t, q, result, lang, ev.engine.reference, trace, ev.total(t))
    try:  # a series table needs history (years of months, quantities) the store may lack
        if t.indices is not None:
            params, found = ev.index_table(t)
            return build_index_table(t, params, found, lang, ev.engine.reference, trace)
        q, result = ev.table(t)
        return build_table(t, q, result, lang, ev.engine.reference, trace)
    except UsageError as err:
        return left_out(t, lang, f"{t.where}: table {t.id!r} left out: {err}")


def _charts(
    sec: Section, ev: Evaluator, lang: str, views: dict[str, TableView]
) -> list[dict[str, str]]:
    """The section's charts as inline SVG (a table of another section is computed again)."""
    source = ev.spec.source.get(lang, "")
    drawn = []
    for i, c in enumerate(sec.charts, start=1):
        view = views.get(c.table) or _table(ev, c.table, lang, Trace())
        if not view.rows:  # a table left out (its warning says why) draws nothing
            continue
        svg = chart_svg(c, view, lang, source, f"{sec.id}{i}")
        title = c.title.get(lang, view.title)
        drawn.append({"id": f"chart-{sec.id}-{i}", "svg": svg, "title": title, "table": c.table})
    return drawn


def render_bulletin(
    engine_or_store: Engine | StoreLike | str | os.PathLike[str],
    period: str,
    lang: str = "en",
    fmt: str = "html",
    spec: Spec | str | os.PathLike[str] | None = None,
    charts: bool = True,
) -> Bulletin:
    """Render the bulletin of ``period`` from a store (or an Engine) and a release spec.

    ``spec`` is a Spec, a path to a YAML spec or None for the shipped default. Raises SpecError
    (every problem with file and line) for a bad spec and UsageError naming the store's periods
    when the period is missing. Nothing is rendered unless everything checks.

    >>> b = render_bulletin("demo-store", "2025", lang="zh", fmt="html")   # doctest: +SKIP
    >>> b.trace.figures[0].query                                           # doctest: +SKIP
    {'period': '2025', 'flow': 'total', 'measures': 'value_cny'}
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}", hint=f"use {', '.join(FORMATS)}")
    engine = _engine(engine_or_store)
    the_spec = _spec(spec, engine)
    check_lang(the_spec, lang)
    ev = Evaluator(engine, the_spec, period)
    trace = Trace()
    ctx = _statement_context(ev, the_spec, lang, trace)
    sections = [_section(s, ev, ctx, fmt, charts) for s in the_spec.sections]
    text = _env().get_template(TEMPLATES[fmt]).render(**_page(ev, lang, ctx, sections))
    content: str | bytes = text
    if fmt == "pdf":
        from tradestats.bulletin.pdf import html_to_pdf

        content = html_to_pdf(text)
    meta = _meta(ev, the_spec, lang, fmt, sections)
    return Bulletin(content, fmt, lang, ev.label, trace, meta, _warnings(ev, sections, trace))


def _page(
    ev: Evaluator, lang: str, ctx: StatementContext, sections: list[SectionView]
) -> dict[str, Any]:
    """What the templates see."""
    spec = ev.spec
    return {
        "lang": lang, "html_lang": HTML_LANG[lang], "title": _title(spec, ev, lang),
        "period": ev.label, "period_words": ctx.reserved["period"], "sections": sections,
        "source": spec.source.get(lang, ""), "spec_name": spec.name, "css": _css(),
    }  # fmt: skip


def _warnings(ev: Evaluator, sections: list[SectionView], trace: Trace) -> list[str]:
    """Engine problems, table rows not found and statement figures without a value."""
    found = ev.problems + [w for s in sections for t in s.tables for w in t.warnings]
    return found + [
        f"{f.source}: {f.indicator} has no value"
        for f in trace.figures
        if f.value is None and f.indicator
    ]


def _title(spec: Spec, ev: Evaluator, lang: str) -> str:
    words = period_phrase(ev.period, lang)
    return spec.title[lang].replace("{period}", words).replace("{year}", str(ev.period.year))


def _css() -> str:
    return (
        resources.files("tradestats.bulletin").joinpath("templates/bulletin.css").read_text("utf-8")
    )


def _meta(
    ev: Evaluator, spec: Spec, lang: str, fmt: str, sections: list[SectionView]
) -> dict[str, Any]:
    """The sidecar's header: what was rendered, from which spec, and every table's query."""
    return {
        "bulletin": {
            "period": ev.label, "lang": lang, "format": fmt, "spec": spec.name,
            "store_periods": summarize(sorted(ev.available)),
        },
        "tables": [{"id": t.id, "title": t.title, "query": t.query, "shown": t.show}
                   for s in sections for t in s.tables],
        "charts": [{"id": c["id"], "title": c["title"], "table": c["table"]}
                   for s in sections for c in s.charts],
    }  # fmt: skip
