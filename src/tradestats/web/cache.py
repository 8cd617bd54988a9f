"""A small thread-safe LRU cache for answers, keyed by the question and the store's state.

The store changes only by committing a batch, so ``store_state`` (the root and the committed
batch ids) is part of every key: a new batch makes every older entry unreachable.

Example:
    >>> c = LRU(2)
    >>> c.put(("a",), 1); c.put(("b",), 2); c.put(("c",), 3)
    >>> c.get(("a",)) is None, c.get(("c",))
    (True, 3)
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from threading import Lock
from typing import Any


class LRU:
    """At most ``size`` entries; the least recently used goes first."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = Lock()

    def get(self, key: Hashable) -> Any:
        """The cached value, or None."""
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key: Hashable, value: Any) -> None:
        """Remember ``value`` under ``key``."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def store_state(store: Any) -> tuple[str, ...]:
    """The store's root and its committed batch ids: changes exactly when a batch commits.

    >>> from tradestats.store import Store
    >>> store_state(Store("/tmp/no-such-store"))
    ('/tmp/no-such-store',)
    """
    batches: list[Any] = getattr(store, "batches", list)()
    return (str(getattr(store, "root", id(store))), *(b.id for b in batches))
