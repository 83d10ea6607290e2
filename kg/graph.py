"""The entity graph: one networkx reading of a built store, behind GraphML, the HTML view and `kg stats`.

Nodes are entities (label, type, aliases, sentences). Edges are the store's statements between two
entities, so there is one edge per statement node: one per canonical property between two entities,
one per wording of an open `relatedTo` (the rule lives in `kg.store.Iris.statement`). A statement
that a person holds a position of an entity is an edge from the person to that entity, its title
as the relation.
"""

from __future__ import annotations

import re

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .files import write_atomic
from .vocab import KGO_IRI, SPARQL_PREFIXES

TYPES = ("Person", "Organization", "Place", "Group", "Event")
NOT_ENTITIES = {"Document", "Statement", "Evidence", "Position", "Role", "Claim"}

_ENTITIES = SPARQL_PREFIXES + """
SELECT ?e ?label ?type WHERE {
  ?e a ?type ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?type), STR(kgo:)))
}"""
_ALIASES = SPARQL_PREFIXES + "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }"
_STATEMENTS = SPARQL_PREFIXES + """
SELECT ?st ?s ?p ?o ?of ?relation ?ev ?sentence ?doc ?docId ?title WHERE {
  ?st a kgo:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kgo:relationText ?relation .
  FILTER NOT EXISTS { ?st kgo:attributedTo|kgo:modality ?frame }
  OPTIONAL { ?o a kgo:Position ; kgo:positionOf ?of }
  OPTIONAL {
    ?st kgo:evidence ?ev . ?ev kgo:sentence ?sentence ; prov:wasDerivedFrom ?doc .
    OPTIONAL { ?doc dcterms:identifier ?docId }
    OPTIONAL { ?doc dcterms:title ?title }
  }
}"""


def _value(term: ox.NamedNode | ox.Literal | None) -> str:
    return term.value if term is not None else ""


def entity_graph(store: ox.Store) -> nx.MultiDiGraph:
    """Entities as nodes (label, type, aliases, sentences), statements between entities as edges
    (relation, predicate, sentences, sources); a sentence is (text, document), `sources` counts the
    statement's evidence."""
    graph = nx.MultiDiGraph()
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for row in store.query(_ENTITIES):
        iri = row["e"].value
        types[iri].add(row["type"].value[len(KGO_IRI):])
        labels.setdefault(iri, row["label"].value)
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_ALIASES):
        aliases[row["e"].value].add(row["alias"].value)
    for iri in sorted(types):
        if types[iri] & NOT_ENTITIES or iri not in labels:
            continue
        graph.add_node(iri, label=labels[iri], type=main_type(types[iri]),
                       aliases=sorted(aliases[iri] - {labels[iri]}), sentences=[])
    edges: dict[str, dict] = {}
    node_sentences: dict[str, dict[tuple[str, str], None]] = defaultdict(dict)
    for row in store.query(_STATEMENTS):
        subject, obj = row["s"].value, _value(row["of"]) or _value(row["o"])
        source = (_value(row["sentence"]), _value(row["title"]) or _value(row["docId"])
                  or _value(row["doc"]))
        for end in (subject, obj):
            if end in graph and source[0]:
                node_sentences[end][source] = None
        if subject in graph and obj in graph:
            edge = edges.setdefault(row["st"].value, {
                "ends": (subject, obj), "relations": set(), "evidence": set(), "sentences": {},
                "predicate": re.split("[#/]", row["p"].value)[-1]})
            edge["relations"].add(row["relation"].value)
            if row["ev"] is not None:
                edge["evidence"].add(row["ev"].value)
            if source[0]:
                edge["sentences"][source] = None
    for st, edge in sorted(edges.items(), key=lambda kv: (kv[1]["ends"], sorted(kv[1]["relations"]), kv[0])):
        graph.add_edge(*edge["ends"], relation="; ".join(sorted(edge["relations"])),
                       predicate=edge["predicate"], sentences=sorted(edge["sentences"]),
                       sources=len(edge["evidence"]))
    for node, sentences in node_sentences.items():
        graph.nodes[node]["sentences"] = sorted(sentences, key=lambda s: (s[1], s[0]))
    return graph


def quads_graph(quads: Iterable[ox.Quad]) -> nx.MultiDiGraph:
    """`entity_graph` of quads not in a store on disk (a build that writes to a remote store)."""
    store = ox.Store()
    store.extend(quads)
    return entity_graph(store)


def main_type(kinds: set[str]) -> str:
    """The entity's type among kg's five, else its first other kgo: class."""
    known = sorted(kinds.intersection(TYPES))
    rest = sorted(kinds - {"Entity"})
    return (known or rest or ["Entity"])[0]


def graphml_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph with GraphML's plain values: nodes named by entity id; aliases joined by "; ";
    edges keep relation, predicate and sources (sentences stay in the store and the view)."""
    plain = nx.MultiDiGraph()
    name = {iri: iri.rsplit("/", 1)[-1] for iri in graph}
    for iri, data in graph.nodes(data=True):
        plain.add_node(name[iri], label=data["label"], type=data["type"], aliases="; ".join(data["aliases"]))
    for u, v, data in graph.edges(data=True):
        plain.add_edge(name[u], name[v], relation=data["relation"], predicate=data["predicate"],
                       sources=data["sources"])
    return plain


def write_graphml(graph: nx.MultiDiGraph, out_dir: Path) -> Path:
    """graph.graphml in `out_dir`, for networkx, Gephi or Cytoscape."""
    plain = graphml_graph(graph)
    return write_atomic(Path(out_dir) / "graph.graphml", lambda p: nx.write_graphml(plain, p))
