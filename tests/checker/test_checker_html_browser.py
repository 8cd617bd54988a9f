"""The HTML report in a real headless Chromium: it loads offline, highlights every claim and
shows a claim's details on hover (the ``browser`` fixture of tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tradestats.checker import check
from tradestats.checker.report import to_html

TEXT = (
    "date 2026-01-14\nIn 2025, exports reached 26.99 trillion yuan and imports 18.48 "
    "trillion yuan. Total trade reached 45.57 trillion yuan <b>($6.51 trillion)</b>."
)


def test_report_in_chromium(browser: Any, tmp_path: Path) -> None:
    page_file = tmp_path / "report.html"
    report = check(TEXT)
    page_file.write_text(to_html(report), encoding="utf-8")
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
    page.close()
    assert errors == [] and hosts <= {"file"}
