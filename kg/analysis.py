"""Graph analysis over a built store with networkx: counts, central entities, communities, relations."""

from __future__ import annotations

import re

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .graph import entity_graph
from .sparql import open_store, reading
from .vocab import SPARQL_PREFIXES

_COUNTS = SPARQL_PREFIXES + """
SELECT
  (COUNT(DISTINCT ?doc) AS ?documents)
  (COUNT(DISTINCT ?st) AS ?statements)
  (COUNT(DISTINCT ?ev) AS ?evidence)
WHERE {
  { ?doc a kgo:Document } UNION { ?st a kgo:Statement } UNION { ?ev a kgo:Evidence }
}"""
_PREDICATES = SPARQL_PREFIXES + "SELECT ?p WHERE { ?st a kgo:Statement ; rdf:predicate ?p }"


@dataclass(frozen=True)
class Ranked:
    """An entity and a score (degree or PageRank)."""

    label: str
    type: str
    score: float


@dataclass(frozen=True)
class GraphStats:
    """What `kg stats` reports."""

    documents: int
    entities: int
    statements: int
    evidence: int
    entity_edges: int
    types: dict[str, int]
    by_degree: tuple[Ranked, ...]
    by_pagerank: tuple[Ranked, ...]
    communities: tuple[tuple[str, ...], ...]
    relations: dict[str, int]


def _ranked(graph: nx.MultiDiGraph, scores: dict, top: int) -> tuple[Ranked, ...]:
    order = sorted(scores, key=lambda n: (-scores[n], graph.nodes[n]["label"].casefold(), n))
    return tuple(Ranked(graph.nodes[n]["label"], graph.nodes[n]["type"], scores[n])
                 for n in order[:top])


def communities(graph: nx.MultiDiGraph) -> list[list[str]]:
    """Greedy-modularity communities of the connected part of the graph, biggest first;
    each community's members by degree, as labels."""
    simple = nx.Graph()
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    if simple.number_of_edges() == 0:
        return []
    found = nx.community.greedy_modularity_communities(simple)
    named = [sorted(c, key=lambda n: (-graph.degree(n), graph.nodes[n]["label"].casefold()))
             for c in found if len(c) > 1]
    named.sort(key=lambda c: (-len(c), graph.nodes[c[0]]["label"].casefold()))
    return [[graph.nodes[n]["label"] for n in c] for c in named]


def _degree_without_loops(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Facts linking an entity to another entity; "X is X" misreadings do not make X central."""
    return {n: sum(1 for u, v in graph.edges(n) if u != v)
            + sum(1 for u, v in graph.in_edges(n) if u != v) for n in graph}


def analyse(store: ox.Store, top: int = 10) -> GraphStats:
    """Counts, the `top` entities by degree and by PageRank, communities and the relation histogram."""
    graph = entity_graph(store)
    counts = next(iter(store.query(_COUNTS)))
    directed = nx.DiGraph()
    directed.add_nodes_from(graph)
    for u, v in graph.edges():
        if u == v:
            continue
        weight = directed.get_edge_data(u, v, {"weight": 0})["weight"]
        directed.add_edge(u, v, weight=weight + 1)
    pagerank = nx.pagerank(directed, weight="weight") if len(directed) else {}
    relations = Counter(re.split("[#/]", row["p"].value)[-1] for row in store.query(_PREDICATES))
    types = Counter(d["type"] for _, d in graph.nodes(data=True))
    return GraphStats(
        documents=int(counts["documents"].value),
        entities=graph.number_of_nodes(),
        statements=int(counts["statements"].value),
        evidence=int(counts["evidence"].value),
        entity_edges=graph.number_of_edges(),
        types=dict(sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))),
        by_degree=_ranked(graph, _degree_without_loops(graph), top),
        by_pagerank=_ranked(graph, pagerank, top),
        communities=tuple(tuple(c) for c in communities(graph)),
        relations=dict(sorted(relations.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def stats(out: str | Path, top: int = 10) -> GraphStats:
    """`analyse` the store of a built output folder."""
    with reading(out):
        return analyse(open_store(out), top)
