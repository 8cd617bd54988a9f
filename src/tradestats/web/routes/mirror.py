"""``GET /api/v1/mirror``: a reporter's flows beside its partners' mirror flows, ratio and gap.

The parameters are ``tradestats mirror``' (``tradestats.mirror.MIRROR_PARAMS``), checked by the
same ``build_mirror``; JSON pages or a CSV, Excel or Parquet file of every row.

Example:
    GET /api/v1/mirror?period=2022&reporter=CHN&flow=export
"""

from __future__ import annotations

from tradestats.mirror import MIRROR_PARAMS, build_mirror
from tradestats.web.routes.questions import question_router

router = question_router(
    "mirror",
    MIRROR_PARAMS,
    build_mirror,
    lambda q, doc: f"tradestats-mirror-{q.reporter}-{q.period}",
    summary="Mirror flows: a reporter's figures beside its partners'",
    description="A reporter's exports to each partner beside the partners' imports from it "
    "(or the reverse), with their ratio and gap.\n\n"
    "Example: `/api/v1/mirror?period=2022&reporter=CHN&flow=export`",
)
