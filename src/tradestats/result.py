"""A query's answer for Python users: pandas, polars, Arrow, Excel and Parquet in one call.

``Engine.result(...)`` gives a :class:`Result`; ``Engine.query(...)`` gives the bare pyarrow
Table the front ends use. Money (DECIMAL(38,2)) and ratios (exact to 20 decimals) are exact in
the Arrow table. ``to_pandas()`` gives them as float64, the nearest double to each exact value,
so that ``df.value_cny / 1e9`` works; ``to_pandas(exact=True)`` keeps them as
``decimal.Decimal`` objects. Polars and Arrow keep the exact decimal types; Excel cells hold
the exact digits, displayed rounded; Parquet keeps the types.

Example:
    >>> import pyarrow as pa
    >>> from decimal import Decimal
    >>> r = Result(pa.table({"partner": ["KOR"],
    ...                      "value_cny": pa.array([Decimal("4522028763903.32")],
    ...                                            pa.decimal128(38, 2))}))
    >>> float(r.to_pandas().value_cny[0] / 1e9)
    4522.02876390332
    >>> r.to_pandas(exact=True).value_cny[0]
    Decimal('4522028763903.32')
    >>> len(r), r.columns
    (1, ['partner', 'value_cny'])
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pyarrow as pa

from tradestats import exact as exact_text
from tradestats import export

HTML_ROWS = 20  # rows shown in a notebook (the whole answer stays in the object)


class Result:
    """An engine answer: the exact Arrow table and its conversions."""

    def __init__(self, table: pa.Table) -> None:
        self._table = table

    def __len__(self) -> int:
        return self._table.num_rows

    @property
    def columns(self) -> list[str]:
        """The column names (breakdown keys first, then the measures asked for)."""
        return list(self._table.column_names)

    def to_arrow(self) -> pa.Table:
        """The exact pyarrow Table (decimal money and ratios)."""
        return self._table

    def to_pylist(self) -> list[dict[str, Any]]:
        """One dict per row, with exact Decimals."""
        return self._table.to_pylist()

    def to_pandas(self, exact: bool = False) -> Any:
        """A pandas DataFrame: decimals as float64 (nearest double), or with ``exact=True`` as
        ``decimal.Decimal`` objects (exact, but pandas cannot do float arithmetic on them)."""
        table = self._table if exact else export.floated(self._table)
        return table.to_pandas()

    def to_polars(self) -> Any:
        """A polars DataFrame (money and ratios as exact ``Decimal`` columns)."""
        import polars as pl

        return pl.from_arrow(self._table)

    def to_csv(self, path: str | os.PathLike[str] | None = None) -> str | None:
        """CSV text with the exact digits; written to ``path`` when given."""
        return _write(path, exact_text.csv_text(self._table))

    def to_parquet(self, path: str | os.PathLike[str]) -> None:
        """A Parquet file with the exact types."""
        Path(path).write_bytes(export.parquet_bytes(self._table))

    def to_excel(self, path: str | os.PathLike[str], sheet: str = "tradestats") -> None:
        """An Excel workbook: exact digits in the cells, displayed rounded and separated."""
        Path(path).write_bytes(export.xlsx_bytes(self._table, sheet))

    def __repr__(self) -> str:
        return f"<Result {len(self)} rows: {', '.join(self.columns)}>"

    def _repr_html_(self) -> str:
        """The first rows as published (rounded, scaled, names in words) in a notebook."""
        from html import escape

        from tradestats.bulletin.present import present

        shown = present(self._table.slice(0, HTML_ROWS))
        head = "".join(f"<th>{escape(h)}</th>" for h in shown.headers)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in shown.rows
        )
        more = len(self) - HTML_ROWS
        tail = f"<p>… {more:,} more rows</p>" if more > 0 else ""
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{tail}"


def _write(path: str | os.PathLike[str] | None, text: str) -> str | None:
    if path is None:
        return text
    Path(path).write_text(text, encoding="utf-8")
    return None
