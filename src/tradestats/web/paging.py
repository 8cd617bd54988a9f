"""Sorting, pages and ETags of the query API, in datasette's habits.

An answer is computed once, whole; ``sort`` orders it (a comma list of its columns, ``-`` in
front for descending; nulls always last, ties keep the engine's order) and ``size`` rows from
the ``next`` token on are returned. The token is opaque to callers (today: the offset of the
page's first row); the body's ``next`` is the token of the following page, ``null`` on the last
one, and ``next_url`` the same request with it. ``row_count`` is always the whole answer's
number of rows. Downloads (csv, xlsx, parquet) are never paged: they hold every row, sorted.

Example:
    >>> import pyarrow as pa
    >>> t = pa.table({"partner": ["KOR", "USA", "VNM"], "value": [2, None, 3]})
    >>> sorted_table(t, parse_sort("-value", t.column_names)).column("partner").to_pylist()
    ['VNM', 'KOR', 'USA']
    >>> page_of(t, Page(size=2, offset=0)).num_rows, next_token(t, Page(size=2, offset=0))
    (2, '2')
    >>> next_token(t, Page(size=2, offset=2)) is None
    True
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from tradestats.indicators.query import split_list
from tradestats.indicators.suggest import nearest
from tradestats.web.errors import ApiError

DEFAULT_SIZE = 1000  # rows in a page unless the caller asks for another size
MAX_SIZE = 10_000


@dataclass(frozen=True)
class Page:
    """Which rows of the answer to return: ``size`` rows from ``offset`` on."""

    size: int = DEFAULT_SIZE
    offset: int = 0


def parse_sort(text: str | None, names: list[str]) -> tuple[tuple[str, str], ...]:
    """``sort`` as (column, "ascending" | "descending") pairs; ApiError 400 naming an unknown
    column with the nearest one as hint.

    >>> parse_sort("-value_cny,partner", ["partner", "value_cny"])
    (('value_cny', 'descending'), ('partner', 'ascending'))
    """
    keys = []
    for item in split_list(text or ""):
        name, order = (item[1:], "descending") if item.startswith("-") else (item, "ascending")
        if name not in names:
            hint = nearest(name, names) or f"sort by one of {', '.join(names)}"
            raise ApiError(
                400, "invalid_parameter", f"sort: the answer has no column {name!r}", hint,
                details=[{"loc": "sort", "msg": f"unknown column {name!r}"}],
            )  # fmt: skip
        keys.append((name, order))
    return tuple(keys)


def parse_page(size: int | None, token: str | None) -> Page:
    """The page asked for by ``size`` and ``next``; ApiError 400 for a token this API did not give.

    >>> parse_page(None, "2000")
    Page(size=1000, offset=2000)
    """
    offset = 0
    if token:
        if not token.isascii() or not token.isdigit() or len(token) > 12:
            raise ApiError(
                400, "invalid_parameter", "next: not a page token of this API",
                hint="use the 'next' value of the previous page's answer, unchanged",
            )  # fmt: skip
        offset = int(token)
    return Page(size=size or DEFAULT_SIZE, offset=offset)


def sorted_table(table: pa.Table, keys: tuple[tuple[str, str], ...]) -> pa.Table:
    """``table`` in the order of ``keys`` (stable, nulls last); unchanged without keys."""
    if not keys:
        return table
    order = pc.sort_indices(table, sort_keys=[(name, how, "at_end") for name, how in keys])
    return table.take(order)


def page_of(table: pa.Table, page: Page) -> pa.Table:
    """The page's rows (none past the end)."""
    return table.slice(page.offset, page.size)


def next_token(table: pa.Table, page: Page) -> str | None:
    """The token of the page after ``page``, or None when ``page`` is the last."""
    after = page.offset + page.size
    return str(after) if after < table.num_rows else None


def etag(body: bytes) -> str:
    """A strong entity tag of a response body (quoted, as HTTP writes it).

    >>> etag(b"{}")
    '"2afb9b83f9314e5d029766197f539792"'
    """
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def matches(if_none_match: str | None, tag: str) -> bool:
    """Whether an If-None-Match header names ``tag`` (or is ``*``); weak tags compare equal.

    >>> matches('W/"a", "b"', '"a"'), matches(None, '"a"')
    (True, False)
    """
    if not if_none_match:
        return False
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or tag in tags
