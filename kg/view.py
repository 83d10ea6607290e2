"""HTML view: one self-contained page (vis-network inlined from pyvis, no network needed).

`kg build` and `kg view` both read the built store (`kg.graph.entity_graph`), pick what to show (`select`)
and render it with `render_html`. Article text reaches the page only as JSON data that the page
script puts into the DOM with `textContent`, so no markup from an article can ever run.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from .defaults import DEFAULT_CAP
from .errors import KgError
from .files import write_atomic
from .graph import TYPES, entity_graph
from .sparql import open_store, reading

TYPE_COLOURS = dict(zip(TYPES, ("#e4572e", "#29335c", "#669bbc", "#f3a712", "#8e7dbe"), strict=True))
OTHER_COLOURS = ("#4c956c", "#b5838d", "#6d6875", "#2a9d8f", "#bc6c25", "#7f5539")
SENTENCES_PER_ITEM = 8
TEMPLATE = Path(__file__).with_name("view_page.html")


def vis_js() -> Path:
    """vis-network as shipped inside pyvis, inlined into every page."""
    import pyvis

    return Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"


@dataclass(frozen=True)
class Selection:
    """The part of a graph a page shows, and the sentence that says how it was chosen."""

    graph: nx.MultiDiGraph
    total: int
    note: str


def find_entities(graph: nx.MultiDiGraph, name: str) -> list[str]:
    """Nodes whose label or an alias holds `name` as whole words (any case), else as a substring:
    "Karasin" finds "Grigory Karasin" and "Grigory B. Karasin"."""
    wanted = name.casefold().strip()
    words = re.compile(rf"(?<!\w){re.escape(wanted)}(?!\w)")
    names = {n: [x.casefold() for x in (d["label"], *d.get("aliases", ()))]
             for n, d in graph.nodes(data=True)}
    whole = [n for n, ns in names.items() if any(words.search(x) for x in ns)]
    return sorted(whole or [n for n, ns in names.items() if any(wanted in x for x in ns)])


def select(graph: nx.MultiDiGraph, cap: int = DEFAULT_CAP, entity: str | None = None,
           hops: int = 2) -> Selection:
    """The whole graph up to `cap` entities (best connected first), or the `hops` neighbourhood
    of the entities named `entity`."""
    total = graph.number_of_nodes()
    nodes = list(graph.nodes)
    centres: list[str] = []
    if entity is not None:
        centres = find_entities(graph, entity)
        if not centres:
            raise KgError(f"no entity is named like {entity!r}; list names with "
                          "`kg query DIR 'SELECT ?l WHERE { ?e rdfs:label ?l }'`.")
        undirected = graph.to_undirected(as_view=True)
        nodes = sorted(set().union(*(nx.single_source_shortest_path_length(undirected, c, hops)
                                     for c in centres)))
    ranked = sorted(nodes, key=lambda n: (n not in centres, -graph.degree(n),
                                          graph.nodes[n]["label"].casefold(), n))
    kept = ranked[:cap]
    count = f"{len(nodes)} {'entity' if len(nodes) == 1 else 'entities'}"
    what = (f"the {hops}-hop neighbourhood of {entity!r}: {count}" if entity is not None else count)
    note = (f"Showing {len(kept)} of {what}, the best connected first (cap {cap})."
            if len(kept) < len(nodes) else f"Showing all {what} (cap {cap}).")
    return Selection(graph.subgraph(kept).copy(), total, note)


def _colours(types: list[str]) -> dict[str, str]:
    others = iter(OTHER_COLOURS * (len(types) // len(OTHER_COLOURS) + 1))
    return {t: TYPE_COLOURS.get(t) or next(others) for t in types}


def _sentences(pairs: list[tuple[str, str]]) -> dict:
    return {"items": [{"sentence": s, "document": d} for s, d in pairs[:SENTENCES_PER_ITEM]],
            "more": max(0, len(pairs) - SENTENCES_PER_ITEM)}


def _tooltip(*lines: str) -> str:
    return "\n".join(line for line in lines if line)


def page_data(graph: nx.MultiDiGraph) -> dict:
    """Nodes, edges and legend as plain data, laid out by pyvis's Network."""
    types = sorted({d["type"] for _, d in graph.nodes(data=True)})
    colours = _colours(types)
    from pyvis.network import Network  # only pages need pyvis, not `kg stats`

    net = Network(directed=True)
    for node, data in sorted(graph.nodes(data=True)):
        aliases = data.get("aliases") or []
        net.add_node(node, label=data["label"], color=colours[data["type"]],
                     value=max(1, graph.degree(node)),
                     title=_tooltip(data["label"], data["type"],
                                    "also: " + ", ".join(aliases) if aliases else "",
                                    f"{len(data.get('sentences', []))} source sentences"),
                     kg={"type": data["type"], "aliases": aliases, "degree": graph.degree(node),
                         **_sentences(data.get("sentences", []))})
    for n, (u, v, data) in enumerate(sorted(graph.edges(data=True),
                                            key=lambda e: (e[0], e[1], e[2]["relation"]))):
        net.add_edge(u, v, id=f"e{n}", label=data["relation"],
                     title=_tooltip(f"{graph.nodes[u]['label']} — {data['relation']} → "
                                    f"{graph.nodes[v]['label']}", f"({data['predicate']})"),
                     kg={"predicate": data["predicate"], **_sentences(data.get("sentences", []))})
    counts = {t: sum(1 for _, d in graph.nodes(data=True) if d["type"] == t) for t in types}
    return {"nodes": net.nodes, "edges": net.edges,
            "legend": [{"type": t, "colour": colours[t], "count": counts[t]} for t in types]}


def _script_json(value: object) -> str:
    """JSON that cannot end the <script> element it sits in, and spells "/" as the "\\/" escape,
    so no http(s):// address appears literally in the page."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("/", "\\/")):
        text = text.replace(char, escape)
    return text


def _inline_js(source: str) -> str:
    """A library safe to inline: no `</script` and no literal http(s):// address left in it."""
    source = re.sub(r"</(script)", r"<\\/\1", source, flags=re.IGNORECASE)
    return re.sub(r"(https?:)//", r"\1\\/\\/", source)


def render_html(graph: nx.MultiDiGraph, title: str = "kg graph", note: str = "") -> str:
    """Render the graph as one HTML page that needs no network and runs no article markup."""
    page = TEMPLATE.read_text(encoding="utf-8")
    parts = {
        "/*KG:TITLE*/": html.escape(title),
        "/*KG:NOTE*/": html.escape(note),
        "/*KG:DATA*/": _script_json(page_data(graph)),
        "/*KG:VIS*/": _inline_js(vis_js().read_text(encoding="utf-8")),
    }
    return re.sub("|".join(re.escape(k) for k in parts), lambda m: parts[m[0]], page)


def write_html(graph: nx.MultiDiGraph, out_dir: Path, name: str = "graph.html",
               title: str = "kg graph", note: str = "") -> Path:
    page = render_html(graph, title, note)
    return write_atomic(Path(out_dir) / name, lambda p: p.write_text(page, encoding="utf-8"))


@dataclass(frozen=True)
class ViewReport:
    path: Path
    shown: int
    total: int
    note: str


def write_view(out_dir: str | Path, entity: str | None = None, hops: int = 2,
               cap: int = DEFAULT_CAP, out: str | Path | None = None,
               graph: nx.MultiDiGraph | None = None) -> ViewReport:
    """Write the HTML view of a built store (whole graph, or one entity's neighbourhood);
    `graph` is the store's `entity_graph` when the caller has it already."""
    out_dir = Path(out_dir)
    with reading(out_dir):
        if graph is None:
            graph = entity_graph(open_store(out_dir))
        selection = select(graph, cap=cap, entity=entity, hops=hops)
    if out is None:
        out = out_dir / _page_name(entity)
    out = Path(out)
    if not out.parent.is_dir():
        raise KgError(f"cannot write {out}: the folder {out.parent} does not exist; create it or "
                      "give another --out.")
    title = f"kg graph — around {entity}" if entity else f"kg graph — {out_dir.name}"
    try:
        path = write_html(selection.graph, out.parent, out.name, title, selection.note)
    except OSError as exc:
        raise KgError(f"cannot write {out}: {exc.strerror or exc}.") from exc
    return ViewReport(path, selection.graph.number_of_nodes(), selection.total, selection.note)


def _page_name(entity: str | None) -> str:
    """graph.html for the whole graph; graph-<name>.html for one neighbourhood, never graph.html
    (a name of only punctuation, such as `.`, is named by its digest)."""
    if not entity:
        return "graph.html"
    slug = re.sub(r"[^A-Za-z0-9]+", "_", entity).strip("_")[:60]
    return f"graph-{slug or hashlib.sha256(entity.encode('utf-8')).hexdigest()[:12]}.html"
