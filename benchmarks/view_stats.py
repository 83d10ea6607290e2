"""Time the HTML view and `kg stats` on a built folder, and the page's load in headless Chromium.

Usage: python benchmarks/view_stats.py OUT_DIR [CAP ...]   (after `kg build CORPUS --out OUT_DIR`)
Prints one line per measurement. Wall-clock on a shared machine: compare figures within one run.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from kg.analysis import analyse
from kg.store import open_store
from kg.graph import entity_graph
from kg.view import render_html, select

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main(out_dir: str, *caps: str) -> None:
    store = open_store(out_dir)
    started = time.perf_counter()
    graph = entity_graph(store)
    print(f"entity_graph: {graph.number_of_nodes()} entities, {graph.number_of_edges()} edges "
          f"in {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    stats = analyse(store)
    print(f"analyse (degree, PageRank, communities, relations): {len(stats.communities)} "
          f"communities in {time.perf_counter() - started:.2f} s")
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as tmp:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for cap in map(int, caps or ("150",)):
            started = time.perf_counter()
            selection = select(graph, cap=cap)
            page_html = render_html(selection.graph, "benchmark", selection.note)
            rendered = time.perf_counter() - started
            path = Path(tmp) / f"cap{cap}.html"
            path.write_text(page_html, encoding="utf-8")
            page = browser.new_page(viewport={"width": 1400, "height": 860})
            started = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_selector("body[data-ready=true]", timeout=600_000)
            ready = time.perf_counter() - started
            nodes = page.evaluate("network.body.data.nodes.length")
            page.close()
            print(f"cap {cap}: {nodes} nodes, {selection.graph.number_of_edges()} edges, "
                  f"{len(page_html) / 1e6:.2f} MB, select+render {rendered:.2f} s, "
                  f"browser ready (layout stabilised) {ready:.2f} s")
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
