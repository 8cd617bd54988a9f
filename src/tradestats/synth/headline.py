"""The seed article's figures beside the values an engine computes from records.

The published figures are written here as the article gives them; the computed values come
only from the engine (``engine.indicators(names, period)``), never from the targets file.

Example:
    >>> from decimal import Decimal
    >>> exports = Figure("Exports", "exports.value", "26.99", "trillion")
    >>> compare(exports, Decimal("26990000000001.63"))
    ('26.99', True)
    >>> compare(Figure("Partners", "partners.count", ">240", "count"), 249)
    ('249', True)
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol


@dataclass(frozen=True)
class Figure:
    """One article figure: label, indicator name, published text, and its kind."""

    label: str
    indicator: str
    published: str  # "26.99", "8", ">780000"
    kind: str  # trillion | percent | pp | count | streak


SEED_FIGURES: tuple[Figure, ...] = (
    Figure("Total trade, trillion yuan", "total.value", "45.47", "trillion"),
    Figure("Total trade, growth %", "total.yoy", "3.8", "percent"),
    Figure("Exports, trillion yuan", "exports.value", "26.99", "trillion"),
    Figure("Exports, growth %", "exports.yoy", "6.1", "percent"),
    Figure("Imports, trillion yuan", "imports.value", "18.48", "trillion"),
    Figure("Imports, growth %", "imports.yoy", "0.5", "percent"),
    Figure("Belt and Road, trillion yuan", "bri.total.value", "23.6", "trillion"),
    Figure("Belt and Road, growth %", "bri.total.yoy", "6.3", "percent"),
    Figure("Belt and Road, share of total %", "bri.total.share", "51.9", "percent"),
    Figure("ASEAN, trillion yuan", "asean.total.value", "7.55", "trillion"),
    Figure("ASEAN, growth %", "asean.total.yoy", "8", "percent"),
    Figure("Latin America, trillion yuan", "latin_america.total.value", "3.93", "trillion"),
    Figure("Latin America, growth %", "latin_america.total.yoy", "6.5", "percent"),
    Figure("Africa, trillion yuan", "africa.total.value", "2.49", "trillion"),
    Figure("Africa, growth %", "africa.total.yoy", "18.4", "percent"),
    Figure("High-tech exports, trillion yuan", "high_tech.exports.value", "5.25", "trillion"),
    Figure("High-tech exports, growth %", "high_tech.exports.yoy", "13.2", "percent"),
    Figure("New trio exports, growth %", "new_trio.exports.yoy", "27.1", "percent"),
    Figure("Wind turbine exports, growth %", "wind_turbines.exports.yoy", "48.7", "percent"),
    Figure("Domestic-brand exports, growth %", "domestic_brand.exports.yoy", "12.9", "percent"),
    Figure(
        "Domestic-brand share of exports, change pp",
        "domestic_brand.exports.share_change",
        "1.4",
        "pp",
    ),
    Figure("Enterprises with records", "enterprises.count", ">780000", "count"),
    Figure("Private enterprises, trillion yuan", "private.total.value", "26.04", "trillion"),
    Figure("Private enterprises, growth %", "private.total.yoy", "7.1", "percent"),
    Figure("Private enterprises, share of total %", "private.total.share", "57.3", "percent"),
    Figure("Quarters of import growth to Q4 (Q1 fell)", "imports.quarterly_streak", "3", "streak"),
    Figure(
        "Machinery imports, trillion yuan",
        "mechanical_electrical.imports.value",
        "7.41",
        "trillion",
    ),
    Figure("Machinery imports, growth %", "mechanical_electrical.imports.yoy", "5.7", "percent"),
    Figure("Partners traded", "partners.count", ">240", "count"),
    Figure("Partners with positive growth", "partners.growing", ">190", "count"),
)


class EngineLike(Protocol):
    """What the headline needs from the engine."""

    def indicators(self, names: Any = None, period: str = "", as_of: str | None = None) -> Any: ...


@dataclass(frozen=True)
class Row:
    """A line of the headline table."""

    figure: Figure
    computed: str
    ok: bool


def compare(fig: Figure, value: Any) -> tuple[str, bool]:
    """The computed value shown at the article's precision, and whether it matches."""
    if value is None:
        return "n/a", False
    if fig.published.startswith(">"):
        return f"{int(value):,}", int(value) > int(fig.published[1:])
    if fig.kind == "streak":
        return str(int(value)), str(int(value)) == fig.published
    number = Decimal(str(value))
    if fig.kind == "trillion":
        number = number / Decimal(10**12)
    published = Decimal(fig.published)
    unit = Decimal(1).scaleb(published.as_tuple().exponent)  # type: ignore[arg-type]
    shown = number.quantize(unit, rounding=ROUND_HALF_UP)
    return str(shown), abs(number - published) <= unit / 2  # GLOSSARY: half a unit


def headline(engine: EngineLike, period: str = "2025") -> list[Row]:
    """Every seed figure beside the engine's value for ``period``."""
    results = engine.indicators([f.indicator for f in SEED_FIGURES], period)
    rows = []
    for fig in SEED_FIGURES:
        shown, ok = compare(fig, results[fig.indicator].value)
        rows.append(Row(fig, shown, ok))
    return rows
