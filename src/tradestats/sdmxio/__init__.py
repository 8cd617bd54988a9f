"""SDMX exchange: a merchandise-trade data structure, SDMX-CSV and SDMX-ML writers and readers.

Example:
    >>> from tradestats.sdmxio import About, observations, to_sdmx_csv   # doctest: +SKIP
    >>> to_sdmx_csv(observations(table, About(flow="export", period="2025")))  # doctest: +SKIP
"""

from tradestats.sdmxio.observations import About, observations
from tradestats.sdmxio.write import read_sdmx_csv, read_sdmx_ml, to_sdmx_csv, to_sdmx_ml

__all__ = ["About", "observations", "read_sdmx_csv", "read_sdmx_ml", "to_sdmx_csv", "to_sdmx_ml"]
