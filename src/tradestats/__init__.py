"""tradestats: foreign-trade statistics from customs declaration records.

Example:
    >>> import tradestats
    >>> tradestats.__version__
    '0.1.0'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Engine", "Store", "__version__"]

if TYPE_CHECKING:
    from tradestats.engine import Engine
    from tradestats.store import Store


def __getattr__(name: str) -> Any:
    # Lazy so that `import tradestats` stays cheap (ibis and duckdb load on first use).
    if name == "Store":
        from tradestats.store import Store

        return Store
    if name == "Engine":
        from tradestats.engine import Engine

        return Engine
    raise AttributeError(name)
