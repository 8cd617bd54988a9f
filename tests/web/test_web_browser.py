"""The dashboard and the docs page in a real headless Chromium (Debian's, via playwright).

The ``browser`` fixture (tests/conftest.py) skips only when chromium is missing and
TRADESTATS_REQUIRE_BROWSER is not "1" (CI sets it and installs chromium). Screenshots go to the
test's tmp dir.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from web_helpers import live_server

from tradestats.web import create_app
from tradestats.web.app import installed

MEASURES = "value_cny,yoy_pct,share_pct"


@pytest.fixture(scope="module")
def base_url(store_dir: Path) -> Iterator[str]:
    with live_server(create_app(store_dir)) as url:
        yield url


class Watch:
    """Console errors, page errors and every requested host of a page."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        self.hosts: set[str] = set()
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.hosts.add(urlsplit(r.url).hostname or r.url))

    def check(self) -> None:
        assert self.errors == []
        assert self.hosts <= {"127.0.0.1"}, self.hosts


def wait_ready(page: Any, after: int) -> int:
    page.wait_for_function(
        f"document.body.dataset.state === 'ready' && window.tradestats.generation > {after}",
        timeout=20_000,
    )
    return int(page.evaluate("window.tradestats.generation"))


def api(page: Any, base_url: str, **params: Any) -> dict[str, Any]:
    r = page.request.get(f"{base_url}/api/v1/query", params=params)
    assert r.ok, r.text()
    doc: dict[str, Any] = r.json()
    return doc


def table(page: Any) -> list[tuple[str, float]]:
    """(key, exact value) of each row of the dashboard's table."""
    rows = page.evaluate(
        """[...document.querySelectorAll('#data-table tbody tr')].map(
             tr => [tr.dataset.key, Number(tr.children[1].dataset.value)])"""
    )
    return [(k, v) for k, v in rows]


def chart_keys(page: Any, name: str) -> list[str]:
    return page.evaluate(f"window.tradestats.last.{name}.map(r => String(r.key))")


def test_dashboard_filters_update_table_and_charts(browser, base_url, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    page.goto(f"{base_url}/")
    gen = wait_ready(page, 0)
    assert page.input_value("#f-period") == "2025"  # the latest complete year
    want = api(page, base_url, period="2025", measures=MEASURES, by="partner", top=200)
    assert table(page) == [(r["partner"], r["value_cny"]) for r in want["rows"]]

    page.select_option("#f-flow", "export")
    gen = wait_ready(page, gen)
    # Exports 2025 by partner, by hand: KOR 11 x 110 = 1210, USA 330, VNM 150, TLS 20.
    assert table(page) == [("KOR", 1210.0), ("USA", 330.0), ("VNM", 150.0), ("TLS", 20.0)]
    # 1710 yuan, as the presentation layer prints a column under a million: yuan, 2 decimals.
    assert page.inner_text("#kpi-value") == "1,710.00"
    assert page.inner_text("#kpi-unit") == "yuan"
    assert page.inner_text("#kpi-yoy") == "+14.0 %"  # 1710 / 1500
    assert chart_keys(page, "partners") == ["KOR", "USA", "VNM", "TLS"]
    svg = page.inner_html("#chart-partners svg")
    countries = page.request.get(f"{base_url}/api/v1/classifications/countries").json()
    names = {r["iso3"]: r["name_en"] for r in countries["rows"]}
    assert names["KOR"] in svg and names["TLS"] in svg
    trend = page.evaluate("window.tradestats.last.trend.map(r => [r.month, r.value_cny])")
    assert trend[0] == ["2025-01", 110] and trend[2] == ["2025-03", 500]

    page.fill("#f-partner", "asean")
    page.press("#f-partner", "Enter")
    page.wait_for_function("window.tradestats.state.partner === 'asean'")
    gen = wait_ready(page, gen)
    assert table(page) == [("VNM", 150.0), ("TLS", 20.0)]  # TLS is in ASEAN at 2025-12-31
    assert chart_keys(page, "partners") == ["VNM", "TLS"]
    svg = page.inner_html("#chart-partners svg")
    assert names["VNM"] in svg and names["KOR"] not in svg
    page.screenshot(path=str(tmp_path / "dashboard-laptop.png"), full_page=True)

    with page.expect_download() as info:
        page.click("#download-csv")
    csv_text = Path(info.value.path()).read_text(encoding="utf-8")
    href = page.get_attribute("#download-csv", "href")
    assert csv_text == page.request.get(f"{base_url}{href}").text()  # the API's own CSV
    header, vnm, tls = (line.split(",") for line in csv_text.splitlines())
    assert header == ["partner", "partner_name", "partner_name_zh", "value_cny", "yoy_pct",
                      "share_pct"]  # fmt: skip
    assert vnm[:5] == ["VNM", names["VNM"], "越南", "150.00", "50.0"]  # 150 / 100
    assert float(vnm[5]) == pytest.approx(150 / 1710 * 100)
    assert tls[3:5] == ["20.00", ""]  # no 2024 base: empty, never infinity

    page.click("#chart-partners path[aria-roledescription='bar'] >> nth=1")  # linked view: TLS
    page.wait_for_function("window.tradestats.state.partner === 'TLS'")
    wait_ready(page, gen)
    assert page.input_value("#f-partner") == "TLS"
    assert table(page) == [("TLS", 20.0)]
    watch.check()
    page.close()


def test_dashboard_reads_at_phone_width(browser, base_url, tmp_path):
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    watch = Watch(page)
    page.goto(f"{base_url}/#period=2025-Q1&flow=import")
    wait_ready(page, 0)
    assert table(page) == [("VNM", 180.0)]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing sticks out sideways
    page.screenshot(path=str(tmp_path / "dashboard-phone.png"), full_page=True)
    watch.check()
    page.close()


def test_error_is_shown_not_thrown(browser, base_url):
    page = browser.new_page()
    watch = Watch(page)
    page.goto(f"{base_url}/#period=2025&partner=aesan")
    page.wait_for_function("document.body.dataset.state === 'error'", timeout=20_000)
    assert "unknown partner group 'aesan'" in page.inner_text("#error")
    assert "asean" in page.inner_text("#error")
    watch.errors = [e for e in watch.errors if "400" not in e]  # the browser logs the 400
    watch.check()
    page.close()


def test_docs_page_works_offline(browser, base_url, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    page.goto(f"{base_url}/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=20_000)
    assert "tradestats API" in page.inner_text(".swagger-ui .info .title")
    page.wait_for_selector("[data-path='/api/v1/query']", timeout=20_000)
    page.screenshot(path=str(tmp_path / "docs.png"))
    watch.check()
    page.close()


ARTICLE = (
    "date 2026-01-14 In 2025, exports grew by 14.0 percent to 1710 yuan, while imports fell "
    "10 percent. Total trade rose 20 percent."
)


def test_check_page_highlights_claims_by_verdict(browser, base_url, tmp_path):
    if not installed("tradestats.checker"):
        pytest.skip("tradestats.checker is not installed")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    page.goto(f"{base_url}/check")
    page.fill("#c-text", ARTICLE)
    page.click("#c-run")
    page.wait_for_function("document.body.dataset.state === 'ready'", timeout=60_000)
    marks = page.evaluate(
        "[...document.querySelectorAll('#c-article mark')].map(m => [m.textContent, m.className])"
    )
    assert ["20 percent", "contradicted"] in marks
    assert ["14.0 percent", "supported"] in marks and ["1710 yuan", "supported"] in marks
    assert page.inner_text("#c-article") == ARTICLE  # highlighting keeps the text as it was
    assert page.inner_text("#count-contradicted") == "1"
    page.screenshot(path=str(tmp_path / "check.png"), full_page=True)
    watch.check()
    page.close()


def test_bulletin_page_shows_the_bulletin(browser, base_url, tmp_path):
    if not installed("tradestats.bulletin"):
        pytest.skip("tradestats.bulletin is not installed")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    page.goto(f"{base_url}/bulletin#period=2025&lang=en")
    page.wait_for_function("document.body.dataset.state === 'ready'", timeout=60_000)
    frame = page.frame_locator("#b-frame")
    assert (
        frame.locator("[data-indicator='exports.value']").first.get_attribute("data-value")
        == "1710.00"
    )
    page.screenshot(path=str(tmp_path / "bulletin.png"))
    offered = page.evaluate("[...document.querySelectorAll('#b-period option')].map(o => o.value)")
    # Every form the store answers: years, half-years, quarters, January to a month, months.
    assert {"2025", "2025-H1", "2025-Q4", "2025-01..2025-11", "2025-03", "2024-12"} <= set(offered)
    pdf = page.request.get(base_url + page.get_attribute("#b-pdf", "href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    watch.check()
    page.close()


def test_a_seasonal_series_too_short_is_said_in_its_panel_only(browser, base_url):
    # The hand-made store holds 2024-2025: 24 months, fewer than an adjustment needs.
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    page.goto(f"{base_url}/#period=2025&flow=export&seasonal=sa")
    wait_ready(page, 0)
    assert page.input_value("#trend-series") == "sa"  # the view's choice is read from the URL
    assert "36 months at least" in page.inner_text("#chart-trend")
    assert page.is_hidden("#error")  # the other panels stand
    assert table(page)[0] == ("KOR", 1210.0)
    watch.errors = [e for e in watch.errors if "400" not in e]  # the browser logs the 400
    watch.check()
    page.close()


def shown_figures(page: Any) -> dict[str, Any]:
    """Every figure the page shows in its headline and table, as text."""
    return page.evaluate(
        """({kpi: [...['kpi-value', 'kpi-unit', 'kpi-yoy', 'kpi-share']].map(
               id => document.getElementById(id).innerText),
            table: [...document.querySelectorAll('#data-table tbody tr')].map(
               tr => [tr.dataset.key, ...[...tr.children].slice(1).map(td => td.innerText)])})"""
    )


def answered(page: Any, base_url: str, view: dict[str, str]) -> dict[str, Any]:
    """What the API answers for ``view`` (the same question, presented in its language)."""
    ask = {k: v for k, v in view.items() if k not in ("lang", "table_by") and v}
    lang = view.get("lang", "en")
    head = api(page, base_url, **ask, measures=MEASURES, present=lang)
    table = api(page, base_url, **ask, measures=MEASURES, by=view.get("table_by", "partner"),
                top=200, present=lang)  # fmt: skip
    cells = head["presented"]["rows"][0] if head["rows"] else ["—", "—", "—"]
    row = head["rows"][0] if head["rows"] else {}
    yoy = "—" if row.get("yoy_pct") is None else f"{'+' if row['yoy_pct'] > 0 else ''}{cells[1]} %"
    share = "—" if row.get("share_pct") is None else f"{cells[2]} %"
    unit = head["presented"]["units"]["value_cny"] if head["rows"] else ""
    return {
        "kpi": [cells[0], unit, yoy, share],
        "table": [[r[view.get("table_by", "partner")], *p[1:]]
                  for r, p in zip(table["rows"], table["presented"]["rows"], strict=True)],
    }  # fmt: skip


def test_every_visible_figure_belongs_to_the_current_selection(browser, base_url, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    page.goto(f"{base_url}/#period=2025")
    gen = wait_ready(page, 0)
    view = {"period": "2025", "flow": "total"}
    assert shown_figures(page) == answered(page, base_url, view)

    steps = [
        (lambda: page.select_option("#f-flow", "export"), {"flow": "export"}),
        (lambda: (page.fill("#f-partner", "KOR"), page.press("#f-partner", "Enter")),
         {"partner": "KOR"}),
        (lambda: (page.fill("#f-partner", "asean"), page.press("#f-partner", "Enter")),
         {"partner": "asean"}),
        (lambda: (page.fill("#f-product", "85"), page.press("#f-product", "Enter")),
         {"product": "85"}),
        (lambda: page.select_option("#f-period", "2025-Q1"), {"period": "2025-Q1"}),
        (lambda: page.select_option("#table-by", "enterprise_type"),
         {"table_by": "enterprise_type"}),
        (lambda: page.select_option("#f-lang", "zh"), {"lang": "zh"}),
    ]  # fmt: skip
    history = [dict(view)]
    for act, changed in steps:
        act()
        gen = wait_ready(page, gen)
        view = {**view, **changed}
        history.append(dict(view))
        assert shown_figures(page) == answered(page, base_url, view), changed
    assert page.inner_text("#kpi-parent") == "出口总值"  # every label in Chinese
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    page.screenshot(path=str(tmp_path / "dashboard-zh.png"), full_page=True)

    for previous in reversed(history[:-1][-3:]):  # Back, three times: each earlier view again
        page.go_back()
        gen = wait_ready(page, gen)
        assert shown_figures(page) == answered(page, base_url, previous), previous
    assert page.input_value("#f-partner") == "asean" and page.input_value("#f-lang") == "en"
    watch.check()
    page.close()


def test_check_page_on_a_phone_shows_verdicts_and_reasons(browser, base_url):
    if not installed("tradestats.checker"):
        pytest.skip("tradestats.checker is not installed")
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page.goto(f"{base_url}/check")
    page.fill("#c-text", ARTICLE)
    page.click("#c-run")
    page.wait_for_function("document.body.dataset.state === 'ready'", timeout=60_000)
    boxes = page.evaluate(
        """[...document.querySelectorAll('#c-claims thead th')].map(th => [th.innerText,
             th.getBoundingClientRect().right, getComputedStyle(th).display])"""
    )
    shown = {name: right for name, right, display in boxes if display != "none"}
    assert {"verdict", "reason"} <= set(shown)
    assert max(shown.values()) <= 390  # nothing to scroll sideways to find them
    page.close()


def test_the_keyboard_reaches_what_a_click_on_a_bar_does(browser, base_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    page.goto(f"{base_url}/#period=2025&flow=export")
    gen = wait_ready(page, 0)
    first = "#data-table tbody tr:nth-child(1) button.row-filter"
    assert page.inner_text(first) == page.evaluate("window.tradestats.last.table[0].partner_name")
    page.focus(first)
    page.keyboard.press("Enter")
    page.wait_for_function("window.tradestats.state.partner === 'KOR'")
    wait_ready(page, gen)
    assert page.input_value("#f-partner") == "KOR"
    assert table(page) == [("KOR", 1210.0)]  # 11 x 110 yuan, by hand
    watch.check()
    page.close()
