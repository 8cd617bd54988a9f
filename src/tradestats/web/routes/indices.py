"""``GET /api/v1/indices``: unit-value price, volume and value indices, and the terms of trade.

The parameters are ``tradestats indices``' (``tradestats.indices.question.INDEX_PARAMS``), checked
by the same ``build_indices``; JSON pages or a CSV, Excel or Parquet file of every row.

Example:
    GET /api/v1/indices?period=2024..2025&chain=year&formula=fisher&by=hs_section
    GET /api/v1/indices?period=2024..2025&terms_of_trade=true&format=csv
"""

from __future__ import annotations

from tradestats.indices.question import INDEX_PARAMS, build_indices
from tradestats.web.routes.questions import question_router

router = question_router(
    "indices",
    INDEX_PARAMS,
    build_indices,
    lambda q, doc: f"tradestats-indices-{doc['period']}",
    summary="Unit-value price, volume and value indices, and the terms of trade",
    description="Unit-value price, volume and value indices of exports and imports (IMF XMPI "
    "Manual).\n\nExample: `/api/v1/indices?period=2024..2025&chain=year&by=hs_section`",
)
