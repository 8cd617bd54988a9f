"""The dashboard's seasonal toggle in a real Chromium, on the 96-month store of conftest.py."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "web"))
from web_helpers import live_server

from tradestats.web import create_app


@pytest.fixture(scope="module")
def base_url(store: Path) -> Iterator[str]:
    with live_server(create_app(store)) as url:
        yield url


def ready(page, after: int) -> int:
    page.wait_for_function(
        f"document.body.dataset.state === 'ready' && window.tradestats.generation > {after}",
        timeout=60_000,
    )
    return int(page.evaluate("window.tradestats.generation"))


def test_toggle_draws_the_adjusted_series_of_the_api(browser, base_url, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base_url}/#period=2024")
    gen = ready(page, 0)
    assert page.evaluate("window.tradestats.last.trend.length") == 12  # the year, recorded

    page.select_option("#trend-series", "sa")
    gen = ready(page, gen)
    assert "seasonal=sa" in page.evaluate("location.hash")
    drawn = page.evaluate("window.tradestats.last.trend.map(r => [r.month, r.value_cny_sa])")
    api = page.request.get(
        f"{base_url}/api/v1/query",
        params={"period": "2017-01..2024-12", "by": "month", "seasonal": "sa"},
    ).json()
    assert drawn == [[r["month"], r["value_cny_sa"]] for r in api["rows"]]  # every stored month
    assert len(drawn) == 96
    assert "seasonally adjusted" in page.inner_text("#trend-note")
    page.screenshot(path=str(tmp_path / "dashboard-seasonal.png"), full_page=True)

    page.select_option("#trend-series", "trend")
    ready(page, gen)
    assert page.evaluate("window.tradestats.last.trend[95].value_cny_trend") > 0
    page.reload()
    ready(page, 0)
    assert page.input_value("#trend-series") == "trend"  # kept in the URL
    assert errors == []
    page.close()
