"""Never raises on any text (hypothesis), and a 1 MB text is checked in under 5 seconds."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_checker_extract import SEED

from tradestats.checker import check
from tradestats.checker.report import to_html, to_json

PIECES = [
    "exports", "imports", "trade with ASEAN", " rose ", " fell ", "8 percent", "over 240 ",
    "countries and regions", "45.47 trillion yuan", "($6.51 trillion)", "share of total trade ",
    "1.4 percentage points", "for three consecutive quarters since the second quarter",
    "last year", "in 2025", ", while ", ". ", "\n", " - ", "(", ")", "record high", "进出口",
    "增长3.8%", "超78万家", "$", "%", "1,", ".5", "nearly ", "from ", "date 2026-01-14 ",
]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40))
def test_never_raises(parts: list[str]) -> None:
    text = "".join(parts)
    report = check(text)
    for c in report.claims:
        assert text[c.start : c.end] == c.text
    to_json(report)
    to_html(report)


def test_one_megabyte_in_linear_time() -> None:
    base = SEED.read_text(encoding="utf-8") if SEED.is_file() else "Exports rose 5 percent. " * 50
    big = (base * (2**20 // len(base) + 1))[: 2**20]
    check("warm up: exports rose 5 percent in 2025")  # loads the reference once
    # CPU time, not wall time: the test machine is shared, and the budget is our own work.
    start = time.process_time()
    check(big[: 2**17])
    eighth = time.process_time() - start
    start = time.process_time()
    report = check(big)
    whole = time.process_time() - start
    # Eight times the text: about eight times the work (a quadratic scan would be 64 times),
    # and a bound a user can wait for (about 3-5 s on the CI machine).
    assert whole < 12 * eighth, (whole, eighth)
    assert whole < 10.0
    assert len(report.claims) > 1000
