"""The HTML view in real headless Chromium (Debian's), with every non-file request blocked."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest
from playwright.sync_api import sync_playwright

from kg.pipeline import build
from kg.store import open_store
from kg.graph import entity_graph
from kg.view import render_html, select, write_view

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
HOSTILE_NAME = 'Ivan <img src=x onerror="window.pwned=1"> Petrov'
HOSTILE_ARTICLE = """\
Ivan Petrov met Sergey Lavrov in Moscow <script>window.pwned=2</script>.
Sergey Lavrov said that <img src=x onerror="window.pwned=1"> Russia wants a deal.
Sergey Lavrov said that <b onmouseover="window.pwned=3">Russia</b> wants a deal.
Ivan <img src=x onerror="window.pwned=4">Petrov told Reuters that the talks failed.
"""


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Page:
    """A page opened from a file, recording requests that left the file system and dialogs."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1200, "height": 800})
        self.remote: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-ready=true]", timeout=60_000)

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.remote.append(route.request.url)
            route.abort()

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def close(self):
        assert self.remote == [] and self.errors == []
        self.page.close()


def test_seed_page_draws_every_entity_offline(browser, seed_build):
    path = seed_build.out / "graph.html"
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"https?://", text)
    graph = entity_graph(open_store(seed_build.out))
    page = Page(browser, path)
    things = sum(1 for _, d in graph.nodes(data=True) if d["type"] == "Thing")  # nodes without a proper name
    assert page.js("network.body.data.nodes.length") == graph.number_of_nodes() == seed_build.entities + things
    assert page.js("network.body.data.edges.length") == graph.number_of_edges()
    assert page.page.inner_text("#note").startswith(f"Showing all {seed_build.entities + things} entities")
    legend = page.page.inner_text("#legend")
    assert "Person (" in legend and "Place (" in legend
    page.page.screenshot(path=str(seed_build.out / "graph.png"))
    png = (seed_build.out / "graph.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (1200, 800)
    page.close()


def test_search_focuses_and_describes_the_node(browser, seed_build):
    page = Page(browser, seed_build.out / "graph.html")
    page.page.fill("#search-input", "lavrov")
    page.page.press("#search-input", "Enter")
    lavrov = "https://w3id.org/kg-news/id/entity/Sergey_Lavrov"
    assert page.js("network.getSelectedNodes()") == [lavrov]
    centre = page.js("network.getViewPosition()")
    node = page.js(f"network.getPositions(['{lavrov}'])['{lavrov}']")
    assert abs(centre["x"] - node["x"]) < 1 and abs(centre["y"] - node["y"]) < 1
    assert page.js("network.getScale()") == pytest.approx(1.4)
    assert page.page.inner_text("#details h2") == "Sergey Lavrov"
    assert "Russia was in favor of restoring the grain deal" in page.page.inner_text("#details")
    assert page.page.inner_text("#status") == "Found Sergey Lavrov."
    page.page.fill("#search-input", "Nobody Atall")
    page.page.press("#search-input", "Enter")
    assert page.page.inner_text("#status") == "No entity named like “Nobody Atall”."
    page.close()


def test_type_filter_hides_that_type(browser, seed_build):
    graph = entity_graph(open_store(seed_build.out))
    people = sum(1 for _, d in graph.nodes(data=True) if d["type"] == "Person")
    page = Page(browser, seed_build.out / "graph.html")
    visible = "network.body.data.nodes.get({filter: n => !n.hidden}).length"
    page.page.uncheck("#legend input[data-type=Person]")
    assert page.js(visible) == graph.number_of_nodes() - people
    page.page.check("#legend input[data-type=Person]")
    assert page.js(visible) == graph.number_of_nodes()
    page.close()


def test_cap_keeps_the_best_connected_and_says_so(browser, seed_build, tmp_path):
    report = write_view(seed_build.out, cap=5, out=tmp_path / "capped.html")
    page = Page(browser, report.path)
    assert page.js("network.body.data.nodes.length") == 5
    assert page.page.inner_text("#note").startswith(
        f"Showing 5 of {entity_graph(open_store(seed_build.out)).number_of_nodes()} entities, "
        f"the best connected first (cap 5).")
    graph = entity_graph(open_store(seed_build.out))
    shown = set(page.js("network.body.data.nodes.getIds()"))
    fifth = sorted((d for _, d in graph.degree()), reverse=True)[4]
    assert all(graph.degree(n) >= fifth for n in shown)
    page.close()


def test_neighbourhood_view_of_karasin(browser, seed_build, tmp_path):
    report = write_view(seed_build.out, entity="Karasin", hops=2, out=tmp_path / "karasin.html")
    graph = entity_graph(open_store(seed_build.out)).to_undirected()
    page = Page(browser, report.path)
    shown = set(page.js("network.body.data.nodes.getIds()"))
    centres = {n for n, d in graph.nodes(data=True)
               if any(re.search(r"\bkarasin\b", x.lower()) for x in (d["label"], *d["aliases"]))}
    assert any(graph.nodes[c]["type"] == "Person" and graph.nodes[c]["label"].startswith("Grigory")
               for c in centres)
    expected = set().union(*(nx.ego_graph(graph, c, radius=2) for c in centres))
    assert shown == expected
    assert "2-hop neighbourhood of 'Karasin'" in page.page.inner_text("#note")
    assert page.js("document.title") == "kg graph — around Karasin"
    page.close()


def test_select_neighbourhood_and_cap_on_a_chain():
    chain = nx.MultiDiGraph()
    for n, name in enumerate(["Ann Alpha", "Bob Beta", "Cid Gamma", "Dan Delta"]):
        chain.add_node(n, label=name, type="Person", aliases=[], sentences=[])
    chain.add_edges_from([(0, 1, {"relation": "met"}), (1, 2, {"relation": "met"}),
                          (2, 3, {"relation": "met"})])
    assert set(select(chain, entity="Alpha", hops=1).graph) == {0, 1}
    assert set(select(chain, entity="alpha", hops=2).graph) == {0, 1, 2}
    assert set(select(chain, entity="Delta", hops=0).graph) == {3}
    capped = select(chain, cap=2)
    assert set(capped.graph) == {1, 2}
    assert capped.note == "Showing 2 of 4 entities, the best connected first (cap 2)."


@pytest.fixture(scope="module")
def hostile_build(nlp, tmp_path_factory):
    src = tmp_path_factory.mktemp("hostile-src")
    (src / "hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    return build([src], out=tmp_path_factory.mktemp("hostile-graph"), nlp=nlp)


def assert_nothing_ran(page: Page, title: str):
    assert page.dialogs == []
    assert page.js("window.pwned") is None
    assert page.js("document.querySelectorAll('img, b, iframe, object, embed').length") == 0
    assert page.js("document.scripts.length") == 3
    assert page.js("document.title") == title


def test_hostile_article_changes_nothing(browser, hostile_build):
    path = hostile_build.out / "graph.html"
    assert "<script>window.pwned" not in path.read_text(encoding="utf-8")
    page = Page(browser, path)
    page.page.fill("#search-input", "Sergey Lavrov")
    page.page.press("#search-input", "Enter")
    details = page.page.inner_text("#details")
    assert "Moscow <script>window.pwned=2</script>." in details
    assert '<img src=x onerror="window.pwned=1"> Russia wants a deal.' in details
    assert '<b onmouseover="window.pwned=3">Russia</b>' in details
    for node in page.js("network.body.data.nodes.getIds()"):
        page.js(f"network.body.emitter.emit('click', {{nodes: [{node!r}], edges: []}})")
        position = page.js(f"network.canvasToDOM(network.getPositions([{node!r}])[{node!r}])")
        page.page.mouse.move(position["x"] + 330, position["y"])
    assert_nothing_ran(page, f"kg graph — {hostile_build.out.name}")
    page.close()


def test_hostile_names_render_as_text(browser, tmp_path):
    graph = nx.MultiDiGraph()
    graph.add_node("a", label=HOSTILE_NAME, type='Person"><img src=x onerror=alert(1)>',
                   aliases=["</script><script>window.pwned=4</script>"],
                   sentences=[("<img src=x onerror=alert(2)> said <script>alert(3)</script>",
                               "doc</title><script>alert(4)</script>")])
    graph.add_node("b", label="Sergey Lavrov", type="Person", aliases=[], sentences=[])
    graph.add_edge("a", "b", relation="<svg onload=alert(5)>", predicate="met",
                   sentences=[("<iframe src=javascript:alert(6)>", "doc")])
    title = "kg graph — <script>alert(7)</script>"
    path = tmp_path / "hostile.html"
    path.write_text(render_html(graph, title, "note <img src=x onerror=alert(8)>"), encoding="utf-8")
    page = Page(browser, path)
    page.page.fill("#search-input", "petrov")
    page.page.press("#search-input", "Enter")
    assert page.page.inner_text("#details h2") == HOSTILE_NAME
    assert "<script>alert(3)</script>" in page.page.inner_text("#details")
    page.js("network.selectEdges(['e0'])")
    page.js("network.body.emitter.emit('click', {nodes: [], edges: ['e0']})")
    assert "<iframe src=javascript:alert(6)>" in page.page.inner_text("#details")
    assert page.page.inner_text("#note").startswith("note <img src=x onerror=alert(8)>")
    box = page.page.locator("#graph canvas").bounding_box()
    position = page.js("network.canvasToDOM(network.getPositions(['a']).a)")
    page.page.mouse.move(box["x"] + position["x"], box["y"] + position["y"])
    page.page.wait_for_selector(".vis-tooltip", state="visible")
    assert page.page.inner_text(".vis-tooltip").startswith(HOSTILE_NAME + "\n")
    assert_nothing_ran(page, title)
    page.close()


def test_unknown_entity_is_a_clear_error(seed_build, tmp_path):
    from kg.errors import KgError

    with pytest.raises(KgError, match=r"^no entity is named like 'Nobody Atall'; list names with"):
        write_view(seed_build.out, entity="Nobody Atall", out=tmp_path / "x.html")
    assert not (tmp_path / "x.html").exists()
