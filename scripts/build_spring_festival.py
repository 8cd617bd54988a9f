"""Write src/tradestats/seasonal/data/spring_festival.tsv: the Spring Festival (Chinese New Year,
first day of the first lunar month) for 1990-2050, from the ``holidays`` library's Chinese
lunisolar calendar (a well-kept library with a table checked against the Hong Kong Observatory).

``holidays`` is not a dependency of tradestats: the table is data, made once and committed. Run:

    pip install --target /tmp/hol --no-deps holidays
    PYTHONPATH=/tmp/hol python scripts/build_spring_festival.py

tests/seasonal/test_spring_festival.py checks every row independently: the date is the day (in
Beijing time) of an astronomical new moon computed with Meeus' algorithm, between 21 January and
20 February.
"""

from __future__ import annotations

from pathlib import Path

from holidays import __version__
from holidays.calendars.chinese import _ChineseLunisolar

OUT = Path(__file__).resolve().parents[1] / "src/tradestats/seasonal/data/spring_festival.tsv"
FIRST, LAST = 1990, 2050


def main() -> None:
    cal = _ChineseLunisolar()
    lines = [
        f"# Spring Festival (Chinese New Year) dates {FIRST}-{LAST}.",
        f"# Made by scripts/build_spring_festival.py with holidays {__version__}; do not edit.",
        "year\tdate",
    ]
    for year in range(FIRST, LAST + 1):
        day, exact = cal.lunar_new_year_date(year)
        if day is None or not exact:
            raise SystemExit(f"holidays has no exact Spring Festival date for {year}")
        lines.append(f"{year}\t{day.isoformat()}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({LAST - FIRST + 1} years)")


if __name__ == "__main__":
    main()
