"""Builders for disclosure tests: a table with every margin from microdata, in plain Python.

This is the tests' own oracle of ``CellTable``: it shares no code with
``tradestats.disclosure.cells`` (which derives the same statistics in SQL).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from tradestats.disclosure.table import TOTAL, CellTable

Micro = tuple[tuple[str, ...], str, int]  # finest key, enterprise, value


def ancestors(code: str, parents: Mapping[str, str]) -> list[str]:
    """``code`` and every code above it, up to TOTAL."""
    chain = [code]
    while chain[-1] != TOTAL:
        chain.append(parents.get(chain[-1], TOTAL))
    return chain


def table_from_micro(
    dims: Sequence[str],
    micro: Iterable[Micro],
    parents: Mapping[str, Mapping[str, str]] | None = None,
    top_n: int = 2,
) -> CellTable:
    """Every cell and margin of the table the microdata give, with contributors and top n."""
    parents = parents or {}
    per_cell: dict[tuple[str, ...], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for key, enterprise, value in micro:
        options = [ancestors(code, parents.get(d, {})) for d, code in zip(dims, key, strict=True)]
        for cell in _product(options):
            per_cell[cell][enterprise] += value
    rows = []
    for cell, by_ent in per_cell.items():
        values = sorted(by_ent.values(), reverse=True)
        rows.append((cell, sum(values), len(values), values[:top_n]))
    return CellTable.build(dims, rows, parents)


def _product(options: list[list[str]]) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = [()]
    for opts in options:
        out = [(*o, c) for o in out for c in opts]
    return out


def grid(
    rows: Sequence[str],
    cols: Sequence[str],
    values: Sequence[Sequence[int]],
    enterprises: Sequence[Sequence[int]],
) -> list[Micro]:
    """Microdata for a two-dimensional table: cell (r, c) holds ``values[r][c]`` split evenly
    (the first enterprise takes the remainder) over ``enterprises[r][c]`` enterprises."""
    micro: list[Micro] = []
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            n, v = enterprises[i][j], values[i][j]
            if n == 0:
                continue
            share = v // n
            for k in range(n):
                part = share + (v - share * n if k == 0 else 0)
                micro.append(((r, c), f"{r}{c}-{k}", part))
    return micro
