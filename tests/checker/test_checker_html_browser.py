"""The HTML report in a real headless Chromium: it loads offline, highlights every claim and
shows a claim's details on hover. Skipped when /usr/bin/chromium is missing, unless
TRADESTATS_REQUIRE_BROWSER=1."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tradestats.checker import check
from tradestats.checker.report import to_html

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
TEXT = (
    "date 2026-01-14\nIn 2025, exports reached 26.99 trillion yuan and imports 18.48 "
    "trillion yuan. Total trade reached 45.57 trillion yuan <b>($6.51 trillion)</b>."
)


def test_report_in_chromium(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        if os.environ.get("TRADESTATS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"TRADESTATS_REQUIRE_BROWSER=1 but {CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} is missing (apt install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    page_file = tmp_path / "report.html"
    report = check(TEXT)
    page_file.write_text(to_html(report), encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        hosts: set[str] = set()
        errors: list[str] = []
        page.on("request", lambda r: hosts.add(urlsplit(r.url).scheme))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_file.as_uri())
        marks = page.locator("mark")
        assert marks.count() == len(report.claims) == 4
        assert page.locator("b").count() == 0  # the article's markup is shown, not obeyed
        tip = page.locator("#c3 .tip")
        assert not tip.is_visible()
        page.hover("#c3")
        assert tip.is_visible()
        assert "unverifiable" in tip.inner_text() and "no store" in tip.inner_text()
        page.screenshot(path=str(tmp_path / "report.png"))
        browser.close()
    assert errors == [] and hosts <= {"file"}
