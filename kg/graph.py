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
    entities = ((row["e"].value, row["type"].value, row["label"].value) for row in store.query(_ENTITIES))
    aliases = ((row["e"].value, row["alias"].value) for row in store.query(_ALIASES))
    statements = ((row["st"].value, row["s"].value, row["p"].value, _value(row["o"]), _value(row["of"]),
                   row["relation"].value, _value(row["ev"]), _value(row["sentence"]), _value(row["doc"]),
                   _value(row["docId"]), _value(row["title"])) for row in store.query(_STATEMENTS))
    return _graph_of(entities, aliases, statements)


def _graph_of(entity_rows, alias_rows, statement_rows) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for iri, type_, label in entity_rows:
        types[iri].add(type_[len(KGO_IRI):])
        labels.setdefault(iri, label)
    aliases: dict[str, set[str]] = defaultdict(set)
    for iri, alias in alias_rows:
        aliases[iri].add(alias)
    for iri in sorted(types):
        if types[iri] & NOT_ENTITIES or iri not in labels:
            continue
        graph.add_node(iri, label=labels[iri], type=main_type(types[iri]),
                       aliases=sorted(aliases[iri] - {labels[iri]}), sentences=[])
    edges: dict[str, dict] = {}
    node_sentences: dict[str, dict[tuple[str, str], None]] = defaultdict(dict)
    for st, subject, predicate, o, of, relation, ev, sentence, doc, doc_id, title in statement_rows:
        obj = of or o
        source = (sentence, title or doc_id or doc)
        for end in (subject, obj):
            if end in graph and source[0]:
                node_sentences[end][source] = None
        if subject in graph and obj in graph:
            edge = edges.setdefault(st, {
                "ends": (subject, obj), "relations": set(), "evidence": set(), "sentences": {},
                "predicate": re.split("[#/]", predicate)[-1]})
            edge["relations"].add(relation)
            if ev:
                edge["evidence"].add(ev)
            if source[0]:
                edge["sentences"][source] = None
    for st, edge in sorted(edges.items(), key=lambda kv: (kv[1]["ends"], sorted(kv[1]["relations"]), kv[0])):
        graph.add_edge(*edge["ends"], relation="; ".join(sorted(edge["relations"])),
                       predicate=edge["predicate"], sentences=sorted(edge["sentences"]),
                       sources=len(edge["evidence"]))
    for node, sentences in node_sentences.items():
        graph.nodes[node]["sentences"] = sorted(sentences, key=lambda s: (s[1], s[0]))
    return graph


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_KGO_TERMS = ("Statement", "Position", "positionOf", "relationText", "attributedTo", "modality", "evidence",
              "sentence")
_TYPE, _SUBJECT, _PREDICATE, _OBJECT, _LABEL, _ALT, _DERIVED, _IDENTIFIER, _TITLE = (
    _RDF + "type", _RDF + "subject", _RDF + "predicate", _RDF + "object",
    "http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://www.w3.org/ns/prov#wasDerivedFrom", "http://purl.org/dc/terms/identifier",
    "http://purl.org/dc/terms/title")
_READ = {ox.NamedNode(iri) for iri in (_TYPE, _SUBJECT, _PREDICATE, _OBJECT, _LABEL, _ALT, _DERIVED,
                                        _IDENTIFIER, _TITLE, *(KGO_IRI + name for name in _KGO_TERMS))}


def _quad_rows(quads: Iterable[ox.Quad]):
    """The rows of _ENTITIES, _ALIASES and _STATEMENTS over the default graph of `quads` (plain
    strings, "" for unbound), or None where their order would decide what is kept."""
    index: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))  # predicate: subject: objects
    seen: set[ox.Quad] = set()  # the store holds each quad once
    for quad in quads:
        subject, predicate, obj, graph = quad
        if predicate in _READ and isinstance(graph, ox.DefaultGraph) and quad not in seen:
            seen.add(quad)
            index[predicate.value][subject.value].append(obj)
    kgo = {name: index[KGO_IRI + name] for name in _KGO_TERMS}
    types = index[_TYPE]
    entities = []
    for node, labels in index[_LABEL].items():
        kinds = [t.value for t in types.get(node, ()) if not isinstance(t, ox.BlankNode) and t.value.startswith(KGO_IRI)]
        if len(labels) > 1 and kinds and not {k[len(KGO_IRI):] for k in kinds} & NOT_ENTITIES:
            return None  # a node of the graph (a position is none) whose first label the rows decide
        entities.extend((node, kind, labels[0].value) for kind in kinds)
    aliases = [(node, alias.value) for node, found in index[_ALT].items() for alias in found]
    position = ox.NamedNode(KGO_IRI + "Position")
    statement = ox.NamedNode(KGO_IRI + "Statement")
    framed = {*kgo["attributedTo"], *kgo["modality"]}
    documents: dict[str, list[tuple[str, str]]] = {}
    statements = []
    for st, st_types in types.items():
        if statement not in st_types:
            continue
        parts = [found.get(st) for found in (index[_SUBJECT], index[_PREDICATE], index[_OBJECT],
                                              kgo["relationText"])]
        if not all(parts) or st in framed:
            continue
        if any(len(p) > 1 for p in parts[:3]):  # type: ignore[arg-type]
            return None
        (subject,), (predicate,), (o,), relations = parts  # type: ignore[misc]
        ofs = [""]
        if not isinstance(o, ox.Literal) and position in types.get(o.value, ()):
            ofs = [of.value for of in kgo["positionOf"].get(o.value, ())] or [""]
            if len(ofs) > 1:
                return None
        rows = []
        for ev in kgo["evidence"].get(st, ()):
            sentences = kgo["sentence"].get(ev.value, ())
            for doc in index[_DERIVED].get(ev.value, ()) if sentences else ():
                if doc.value not in documents:
                    documents[doc.value] = [
                        (i, t) for i in ([x.value for x in index[_IDENTIFIER].get(doc.value, ())] or [""])
                        for t in ([x.value for x in index[_TITLE].get(doc.value, ())] or [""])]
                rows.extend((ev.value, s.value, doc.value, i, t) for s in sentences for i, t in documents[doc.value])
        for of in ofs:
            for relation in relations:
                for row in rows or [("", "", "", "", "")]:
                    statements.append((st, subject.value, predicate.value, o.value, of, relation.value, *row))
    return entities, aliases, statements


def quads_graph(quads: Iterable[ox.Quad]) -> nx.MultiDiGraph:
    """`entity_graph` of the store that would hold `quads`, read from them in memory: the rows of
    the three queries, joined here from the default graph's quads by subject and predicate (the
    store's SPARQL over 19,000 articles took 10–21 of a `kg add`'s CPU seconds, this about 5).
    Where the queries' row order would decide what is kept (a node of the graph with two labels, a
    statement with two subjects, predicates or objects, a position with two holders) the quads
    go into a store in memory and the queries read them."""
    quads = quads if isinstance(quads, (list, tuple)) else list(quads)
    rows = _quad_rows(quads)
    if rows is not None:
        return _graph_of(*rows)
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
