"""The HTML bulletin in headless Chromium: no console errors, charts drawn, screenshots saved.

Skips only when chromium is missing and TRADESTATS_REQUIRE_BROWSER is not "1".
Screenshots are written under the pytest tmp dir (printed with -s; see the test's output).
"""

from __future__ import annotations

import os
import re

import pytest

from tradestats.bulletin import render_bulletin
from tradestats.bulletin.pdf import chromium_path, html_to_pdf


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_html_opens_without_console_errors(browser, bulletin, lang, tmp_path_factory):
    b = bulletin(lang, "html")
    folder = tmp_path_factory.mktemp(f"screenshots-{lang}")
    page_file = folder / f"bulletin-2025.{lang}.html"
    b.write(page_file)
    page = browser.new_page(viewport={"width": 900, "height": 1200})
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: problems.append(r.url) if not r.url.startswith("file:") else None)
    page.goto(page_file.as_uri(), wait_until="load")
    shot = folder / f"bulletin-2025.{lang}.png"
    page.screenshot(path=str(shot), full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=str(folder / f"bulletin-2025.{lang}.print.png"), full_page=True)
    print(f"screenshots: {shot} (and .print.png)")
    assert problems == []  # no console error or warning, no network request
    assert shot.stat().st_size > 20_000
    assert page.evaluate("document.documentElement.lang") == ("zh-CN" if lang == "zh" else "en")
    assert page.locator("figure.chart svg").count() == 4
    assert page.locator("[data-fig]").count() == len(b.trace.figures)
    queries = page.evaluate(
        "[...document.querySelectorAll('[data-query]')].map(e => JSON.parse(e.dataset.query))"
    )
    assert len(queries) == len(b.trace.figures) + len(b.meta["tables"]) - 1  # one hidden table
    # A query's keywords, or an index question's parameters (GET /api/v1/indices).
    assert all(("period" in q and "measures" in q) or "period" in q.get("indices", {})
               for q in queries)  # fmt: skip
    first = page.locator("#f1")
    assert first.get_attribute("data-indicator") == "total.value"
    assert first.get_attribute("data-value") == "8760000000000.00"
    charts_box = page.locator("figure.chart svg").first.bounding_box()
    assert charts_box is not None and charts_box["width"] > 300
    page.close()


def test_pdf_through_chromium(bulletin, engine, tmp_path):
    if chromium_path() is None and os.environ.get("TRADESTATS_REQUIRE_BROWSER") != "1":
        pytest.skip("chromium is missing")
    pdf = html_to_pdf(str(bulletin("en", "html").content))
    assert pdf.startswith(b"%PDF-")
    pages = re.findall(rb"/Type\s*/Page\b", pdf)  # page objects (not the /Pages tree)
    assert len(pages) >= 2
    small = tmp_path / "small.yaml"
    small.write_text('title: T\nsections:\n  - statements:\n      - en: "{exports.yoy:verb}"\n')
    b = render_bulletin(engine, "2025", fmt="pdf", spec=small)
    assert isinstance(b.content, bytes) and b.content.startswith(b"%PDF-")
