"""``GET /api/v1/classifications`` and ``GET /api/v1/classifications/{name}?on=&edition=``.

Partner groups (members on a date), product groups (HS codes or prefix rules of an edition),
trade-mode groups, and the tables ``countries``, ``regions`` and ``enterprise_types``.

Example:
    GET /api/v1/classifications/asean?on=2025-10-27
    GET /api/v1/classifications/new_trio?edition=HS2022
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi import Path as PathParam
from fastapi import Query as Param
from fastapi.responses import Response

from tradestats.errors import UsageError
from tradestats.web.context import WebContext, get_context
from tradestats.web.errors import ERROR_RESPONSES, ApiError
from tradestats.web.serialize import dumps

router = APIRouter(tags=["classifications"])
TABLES = ("countries", "regions", "enterprise_types")


class Edition(StrEnum):
    HS2017 = "HS2017"
    HS2022 = "HS2022"


def listing(ref: Any) -> list[dict[str, str]]:
    """One row per classification: kind, name, English and Chinese titles, status.

    >>> from tradestats.reference import load_reference
    >>> [r["kind"] for r in listing(load_reference())][-1]
    'table'
    """
    rows = []
    for kind, items in (
        ("partner_group", ref.partner_groups.values()),
        ("product_group", ref.product_groups.values()),
        ("trade_mode_group", ref.trade_mode_groups.values()),
        ("enterprise_type", ref.enterprise_types.values()),
    ):
        for g in items:
            status = getattr(g, "status", "official")
            rows.append(dict(kind=kind, name=g.name, title_en=g.title_en,
                             title_zh=g.title_zh, status=status))  # fmt: skip
    for name in TABLES:
        rows.append(dict(kind="table", name=name, title_en=name.replace("_", " "),
                         title_zh="", status="reference"))  # fmt: skip
    return rows


def partner_rows(group: Any, ref: Any, on: dt.date | None) -> list[dict[str, Any]]:
    """Membership stretches of a partner group (only those in force ``on`` when given)."""
    stretches = [m for m in group.memberships if on is None or m.active_on(on)]
    stretches.sort(key=lambda m: (m.code, m.start))
    rows = []
    for m in stretches:
        c = ref.country(m.code)
        rows.append(dict(code=m.code, name_en=c.name_en, name_zh=c.name_zh,
                         **{"from": m.start, "to": m.end}, source=m.source))  # fmt: skip
    return rows


def product_rows(group: Any, ref: Any, edition: str) -> list[dict[str, Any]]:
    """Expanded HS codes of a product group; its prefix rules when the edition has no list."""
    if edition not in group.expanded:
        rules = [("include", p) for p in group.include(edition)]
        rules += [("exclude", p) for p in group.exclude(edition)]
        return [dict(hs_prefix=p, edition=edition, rule=r) for r, p in rules]
    return [
        dict(hs_code=c, edition=edition,
             description=ref.hs_description(c) if edition == "HS2022" else "")
        for c in group.expand(edition)
    ]  # fmt: skip


def table_rows(ref: Any, name: str) -> list[dict[str, Any]]:
    """Rows of one of the reference tables (countries, regions, enterprise types)."""
    items = {
        "countries": ref.countries,
        "regions": list(ref.regions.values()),
        "enterprise_types": list(ref.enterprise_types.values()),
    }[name]
    return [dict(vars(i)) for i in items]


def show(ref: Any, name: str, on: dt.date | None, edition: str | None) -> dict[str, Any]:
    """The document for one classification; UsageError when ``name`` is unknown."""
    key = name.strip().lower()
    if key in TABLES:
        return {"name": key, "kind": "table", "rows": table_rows(ref, key)}
    finders = (
        ("partner_group", ref.partner_group),
        ("product_group", ref.product_group),
        ("trade_mode_group", ref.trade_mode_group),
    )
    first_error: UsageError | None = None
    for kind, find in finders:
        try:
            group = find(name)
        except UsageError as err:
            first_error = first_error or err
            continue
        doc = {"name": group.name, "kind": kind, "title_en": group.title_en,
               "title_zh": group.title_zh}  # fmt: skip
        if kind == "partner_group":
            return doc | {"on": on, "rows": partner_rows(group, ref, on)}
        if kind == "product_group":
            ed = edition or (ref.hs_edition(on.strftime("%Y-%m")) if on else "HS2022")
            return doc | {"edition": ed, "rows": product_rows(group, ref, ed)}
        return doc | {"rows": [{"trade_mode": c} for c in sorted(group.codes)]}
    hint = (first_error.hint if first_error else None) or "see /api/v1/classifications"
    raise UsageError(f"unknown classification {name!r}", hint=hint)


@router.get("/classifications", responses=ERROR_RESPONSES, summary="Every classification")
async def list_classifications(ctx: Annotated[WebContext, Depends(get_context)]) -> Response:
    """Partner groups, product groups, trade-mode groups, enterprise types and tables."""
    body = {"classifications": listing(ctx.pool.reference)}
    return Response(dumps(body), media_type="application/json")


@router.get("/classifications/{name}", responses=ERROR_RESPONSES, summary="One classification")
async def show_classification(
    ctx: Annotated[WebContext, Depends(get_context)],
    name: Annotated[str, PathParam(max_length=100)],
    on: Annotated[dt.date | None, Param(description="Members on this date (YYYY-MM-DD).")] = None,
    edition: Annotated[Edition | None, Param(description="HS edition of a product group.")] = None,
) -> Response:
    """Members of a partner group (on a date), codes of a product group, codes of a mode group.

    Example: `/api/v1/classifications/asean?on=2025-10-27`
    """
    try:
        doc = show(ctx.pool.reference, name, on, edition.value if edition else None)
    except UsageError as err:
        raise ApiError.from_usage(err, 404) from None
    doc["row_count"] = len(doc["rows"])
    return Response(dumps(doc), media_type="application/json")
