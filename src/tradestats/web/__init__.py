"""HTTP API (FastAPI) and the offline dashboard over a tradestats store.

Example:
    >>> from tradestats.web import create_app
    >>> app = create_app("/tmp/no-such-store")
    >>> "/api/v1/query" in app.openapi()["paths"]
    True
"""

from __future__ import annotations

from tradestats.web.app import create_app
from tradestats.web.context import Limits

__all__ = ["Limits", "create_app"]
