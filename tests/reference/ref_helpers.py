"""Helpers for the reference tests (not fixtures): golden folder and CSV reading."""

from __future__ import annotations

import csv
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"


def read_csv(path: Path) -> list[dict[str, str]]:
    """Every row of a CSV as text (BOM tolerated)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))
