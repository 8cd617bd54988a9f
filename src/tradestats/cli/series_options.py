"""Options shared by the time-series commands (`tradestats indices`, `tradestats seasonal`).

Their selection filters mean what they mean in `tradestats query` (the engine parses them);
the span is many years long (``2015..2025``), which an engine period is not.

Example:
    $ tradestats seasonal --store store/ --period 2015..2025 --flow export --partner asean
"""

from __future__ import annotations

from typing import Any

import typer

SPAN = typer.Option(
    ..., "--period", "-p", help="Span of months: 2015..2025, 2015-01..2025-06 or 2025."
)
PARTNER = typer.Option(None, "--partner", help="ISO codes or groups; !X excludes X.")
PRODUCT = typer.Option(None, "--product", help="HS prefixes or product groups; !X excludes.")
ENTERPRISE_TYPE = typer.Option(None, "--enterprise-type", help="e.g. private.")
TRADE_MODE = typer.Option(None, "--trade-mode", help="4-digit modes or groups.")
REPORTER = typer.Option(None, "--reporter", help="Reporter ISO codes or groups.")


def filters(**given: str | None) -> dict[str, Any]:
    """The filters actually given, as ``Query.build`` keywords.

    >>> filters(partner="asean", product=None)
    {'partner': 'asean'}
    """
    return {k: v for k, v in given.items() if v}
