"""Countries and China's provinces, read from TSV files with every field kept as text.

Example:
    >>> from tradestats.reference import load_reference
    >>> nam = load_reference().country("NAM")
    >>> nam.iso2, nam.numeric, nam.region_name, nam.name_zh
    ('NA', '516', 'Africa', '纳米比亚')
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, fields

from tradestats.reference.problems import Problems


@dataclass(frozen=True)
class Country:
    """One ISO 3166-1 entry (plus XKX Kosovo) with its UN M49 placement ('' when none)."""

    iso3: str
    iso2: str
    numeric: str
    name_en: str
    name_zh: str
    region: str
    region_name: str
    subregion: str
    subregion_name: str
    intermediate_region: str
    intermediate_region_name: str


@dataclass(frozen=True)
class Region:
    """A province-level division of China (GB/T 2260, first two digits)."""

    code: str
    name_en: str
    name_zh: str


COUNTRY_COLUMNS = tuple(f.name for f in fields(Country))
REGION_COLUMNS = tuple(f.name for f in fields(Region))
PATTERNS = {
    "iso3": re.compile(r"[A-Z]{3}"),
    "iso2": re.compile(r"[A-Z]{2}"),
    "numeric": re.compile(r"(\d{3})?"),
    "region": re.compile(r"(\d{3})?"),
    "subregion": re.compile(r"(\d{3})?"),
    "intermediate_region": re.compile(r"(\d{3})?"),
    "code": re.compile(r"\d{2}"),
}


def read_tsv(
    text: str, file: str, columns: tuple[str, ...], problems: Problems
) -> list[tuple[int, dict[str, str]]]:
    """Rows of a tab-separated file as (line, {column: text}); no value is ever converted."""
    reader = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, [])
    if tuple(header) != columns:
        problems.add(file, 1, f"header must be: {' '.join(columns)}")
        return []
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not cells:
            continue
        if len(cells) != len(columns):
            problems.add(file, number, f"expected {len(columns)} fields, found {len(cells)}")
            continue
        rows.append((number, dict(zip(columns, cells, strict=True))))
    return rows


def _check_row(row: dict[str, str], file: str, line: int, problems: Problems) -> bool:
    ok = True
    for column, pattern in PATTERNS.items():
        if column in row and not pattern.fullmatch(row[column]):
            problems.add(file, line, f"{column} {row[column]!r} is not valid")
            ok = False
    return ok


def _check_unique(
    rows: list[tuple[int, dict[str, str]]], keys: tuple[str, ...], file: str, problems: Problems
) -> None:
    for key in keys:
        seen: dict[str, int] = {}
        for line, row in rows:
            value = row[key]
            if value and value in seen:
                problems.add(file, line, f"duplicate {key} {value!r} (first on line {seen[value]})")
            seen.setdefault(value, line)


def parse_countries(text: str, file: str, problems: Problems) -> list[Country]:
    """Countries from ``countries.tsv`` text; codes checked for form and uniqueness."""
    rows = read_tsv(text, file, COUNTRY_COLUMNS, problems)
    _check_unique(rows, ("iso3", "iso2", "numeric"), file, problems)
    return [Country(**row) for line, row in rows if _check_row(row, file, line, problems)]


def parse_regions(text: str, file: str, problems: Problems) -> list[Region]:
    """China's province-level regions from ``regions.tsv`` text."""
    rows = read_tsv(text, file, REGION_COLUMNS, problems)
    _check_unique(rows, ("code",), file, problems)
    return [Region(**row) for line, row in rows if _check_row(row, file, line, problems)]
