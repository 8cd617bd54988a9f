"""PDF through Chromium's print-to-PDF (driven by Playwright), fully offline.

The browser is Debian's Chromium (``/usr/bin/chromium``) or the one named by the environment
variable ``TRADESTATS_CHROMIUM``; Playwright's own browser download is never used.

Example:
    >>> pdf = html_to_pdf("<html><body><p>hello</p></body></html>")   # doctest: +SKIP
    >>> pdf[:5]                                                         # doctest: +SKIP
    b'%PDF-'
"""

from __future__ import annotations

import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tradestats.errors import UsageError

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


def chromium_path() -> str | None:
    """The Chromium executable to use, or None when there is none."""
    env = os.environ.get("TRADESTATS_CHROMIUM")
    if env:
        return env if Path(env).is_file() else None
    for name in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(name).is_file():
            return name
    return shutil.which("chromium")


def html_to_pdf(html: str) -> bytes:
    """Print an HTML page to A4 PDF with Chromium; UsageError when no browser is available.

    Runs in a worker thread, so it also works where an event loop is running (Jupyter, an
    async web handler, another Playwright session).
    """
    exe = chromium_path()
    if exe is None:
        raise UsageError(
            "PDF needs Chromium and none was found",
            hint="install Debian's chromium, set TRADESTATS_CHROMIUM, or use --format html",
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as err:
        raise UsageError("PDF needs the playwright package", hint="use --format html") from err
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_print, html, exe).result()


def _print(html: str, exe: str) -> bytes:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "bulletin.html"
        page_file.write_text(html, encoding="utf-8")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.goto(page_file.as_uri(), wait_until="load")
                return page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
            finally:
                browser.close()
