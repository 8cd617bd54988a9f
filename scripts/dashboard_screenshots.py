"""Screenshots of the dashboard for docs/web.md: English and Chinese on a laptop, and a phone.

Serves a store (default: the demo store of `make demo`) on a free local port and drives Debian's
Chromium with playwright, as the browser tests do. Run from the repository root:

    .venv/bin/python scripts/dashboard_screenshots.py [--store demo-store] [--out docs/img]
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from tradestats.bulletin.pdf import CHROMIUM_ARGS, chromium_path
from tradestats.web import create_app

VIEWS = {  # file -> (URL hash, viewport width, height)
    "dashboard-en.png": ("#period=2025&flow=export", 1280, 900),
    "dashboard-zh.png": ("#period=2025&flow=export&partner=asean&lang=zh", 1280, 900),
    "dashboard-phone.png": ("#period=2025-Q4&flow=import", 390, 844),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default="demo-store")
    parser.add_argument("--out", default="docs/img")
    args = parser.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(args.store), port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for name, (hash_, width, height) in VIEWS.items():
            scale = 2 if width < 500 else 1
            page = browser.new_page(viewport={"width": width, "height": height},
                                    device_scale_factor=scale)  # fmt: skip
            page.goto(f"http://127.0.0.1:{port}/{hash_}")
            page.wait_for_function("document.body.dataset.state === 'ready'", timeout=120_000)
            page.screenshot(path=str(out / name), full_page=True)
            print(f"wrote {out / name}")
            page.close()
        browser.close()
    server.should_exit = True


if __name__ == "__main__":
    main()
