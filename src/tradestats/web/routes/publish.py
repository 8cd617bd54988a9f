"""``GET /api/v1/bulletin/{period}`` and ``POST /api/v1/check``: publish and verify.

Both call the library (``tradestats.bulletin.render_bulletin``, ``tradestats.checker.check``)
with an engine from the pool, under the longer time limit. Rendered bulletins are cached per
period, language, format and store state (the last batch), so a store update is seen at once.

Example:
    GET  /api/v1/bulletin/2025?lang=zh&format=md
    POST /api/v1/check   {"text": "In 2025, exports grew by 6.1 percent ..."}
"""

from __future__ import annotations

import json
import re
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi import Path as PathParam
from fastapi import Query as Param
from fastapi.responses import Response
from pydantic import BaseModel, Field

from tradestats.engine import Engine
from tradestats.errors import UsageError
from tradestats.web.cache import LRU, store_state
from tradestats.web.context import Limits, WebContext, get_context
from tradestats.web.errors import ERROR_RESPONSES, from_library
from tradestats.web.pool import check_cost

bulletin_router = APIRouter(tags=["publish"])
check_router = APIRouter(tags=["publish"])
BULLETIN_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
)
MEDIA = {"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8",
         "json": "application/json", "pdf": "application/pdf"}  # fmt: skip


class Lang(StrEnum):
    en = "en"
    zh = "zh"


class BulletinFormat(StrEnum):
    html = "html"
    md = "md"
    json = "json"  # the trace: every figure with its exact value and its query
    pdf = "pdf"  # printed by the server's Chromium (an error says so when it has none)


CACHE = LRU(16)  # rendered bulletins take seconds


def render(engine: Engine, period: str, lang: str, fmt: str) -> str | bytes:
    """The bulletin text (html or md), its trace (json) or its PDF, from the cache when
    unchanged."""
    from tradestats.bulletin import render_bulletin

    label = engine.resolve_period(period).label
    base = (label, lang, store_state(engine.store))
    found: str | bytes | None = CACHE.get((*base, fmt))
    if found is not None:
        return found
    if fmt == "pdf":  # the page as printed: the same HTML, through Chromium
        from tradestats.bulletin.pdf import html_to_pdf

        pdf = html_to_pdf(str(render(engine, label, lang, "html")))
        CACHE.put((*base, "pdf"), pdf)
        return pdf
    b = render_bulletin(engine, label, lang=lang, fmt="md" if fmt == "md" else "html")
    if fmt == "md":
        CACHE.put((*base, "md"), str(b.content))
    else:  # one rendering gives both the page and its trace
        CACHE.put((*base, "html"), str(b.content))
        CACHE.put((*base, "json"), b.trace_json())
    found = CACHE.get((*base, fmt))
    assert found is not None
    return found


@bulletin_router.get(
    "/bulletin/{period}", responses=ERROR_RESPONSES, summary="A press-release bulletin"
)
async def bulletin(
    ctx: Annotated[WebContext, Depends(get_context)],
    period: Annotated[str, PathParam(min_length=4, max_length=40)],
    lang: Lang = Lang.en,
    format: Annotated[BulletinFormat, Param(description="html, md, json (the trace) or pdf")] = (
        BulletinFormat.html
    ),
) -> Response:
    """The bulletin of ``period`` in English or Chinese, as HTML, Markdown or its JSON trace.

    Example: `/api/v1/bulletin/2025?lang=zh&format=md`
    """
    fmt = format.value

    def work(engine: Engine) -> str | bytes:
        try:
            return render(engine, period, lang.value, fmt)
        except UsageError as err:
            raise from_library(err) from None

    text = await ctx.pool.run(work, ctx.limits.slow_time_limit, "heavy")
    headers = {"Content-Security-Policy": BULLETIN_CSP} if fmt == "html" else {}
    if fmt == "pdf":
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"bulletin-{period}.{lang.value}.pdf")
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return Response(text, media_type=MEDIA[fmt], headers=headers)


class CheckRequest(BaseModel):
    """An article to check: its text, and optionally its date and the store's vintage."""

    text: str = Field(min_length=1, max_length=Limits.max_text)
    article_date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    as_of: str | None = Field(None, max_length=40)


def run_check(engine: Engine, req: CheckRequest) -> dict[str, Any]:
    """The checker's report as a dict (its own JSON form), verified against the store."""
    from tradestats.checker import check
    from tradestats.checker.report import to_json

    try:
        report = check(req.text, engine, as_of=req.as_of, article_date=req.article_date)
    except UsageError as err:
        raise from_library(err) from None
    doc: dict[str, Any] = json.loads(to_json(report))
    return doc


@check_router.post(
    "/check", responses=ERROR_RESPONSES, summary="Check the numeric claims of a text"
)
async def check_article(
    ctx: Annotated[WebContext, Depends(get_context)], req: CheckRequest
) -> Response:
    """Extract every numeric claim of an article and verify it against the store.

    Example: `POST /api/v1/check {"text": "In 2025, exports grew by 6.1 percent."}`
    """
    doc = await ctx.pool.run(
        lambda eng: run_check(eng, req), ctx.limits.slow_time_limit, check_cost(req.text)
    )
    body = json.dumps(doc, ensure_ascii=False)
    return Response(body, media_type="application/json")
