"""Screenshot a built graph's HTML view in Debian's headless Chromium, for the README.

Usage: python scripts/screenshot.py OUT_DIR docs/graph.png [SEARCH]
(run `kg build seeds --out OUT_DIR` first). Every request that is not a local file is blocked.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main(out_dir: str, png: str, search: str = "Karasin") -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page.goto((Path(out_dir) / "graph.html").resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=120_000)
        page.fill("#search-input", search)
        page.press("#search-input", "Enter")
        page.evaluate("network.fit({animation: false})")
        page.screenshot(path=png)
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
