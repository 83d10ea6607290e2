"""`kg stats` (networkx over the store) and graph.graphml read back by networkx."""

from __future__ import annotations

import json

import networkx as nx
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.analysis import analyse
from kg.cli import app
from kg.store import Iris, graph_quads, open_store
from kg.types import Document, Entity, Evidence, Fact, Resolution

runner = CliRunner()


def fact(subject: str, relation: str, obj: str, doc: str = "d1") -> Fact:
    sentence = f"{subject} {relation} {obj}."
    predicate = "met" if relation == "met" else "relatedTo"
    return Fact(f"{subject}", predicate, relation, f"{obj}", True,
                (Evidence(doc, sentence, 0, len(sentence), 0.9),))


@pytest.fixture(scope="module")
def two_triangles() -> ox.Store:
    """Ann–Bob–Cid and Dan–Eve–Fay, each a triangle, joined by Cid → Dan; plus a literal fact."""
    names = ["Ann", "Bob", "Cid", "Dan", "Eve", "Fay"]
    entities = tuple(Entity(f"{n}", n, "Person") for n in names)
    facts = (fact("Ann", "met", "Bob"), fact("Bob", "met", "Cid"), fact("Cid", "met", "Ann"),
             fact("Dan", "met", "Eve", "d2"), fact("Eve", "met", "Fay", "d2"),
             fact("Fay", "met", "Dan", "d2"), fact("Cid", "called", "Dan", "d2"),
             Fact("Ann", "said", "said", "talks went well", False,
                  (Evidence("d1", "Ann said talks went well.", 0, 25, 0.8),)))
    store = ox.Store()
    docs = [Document("d1", "…"), Document("d2", "…")]
    store.extend(graph_quads(docs, Resolution(entities, facts), Iris(), "test"))
    return store


def test_counts_centrality_communities_relations(two_triangles):
    stats = analyse(two_triangles, top=3)
    assert (stats.documents, stats.entities, stats.statements, stats.evidence,
            stats.entity_edges) == (2, 6, 8, 8, 7)
    assert stats.types == {"Person": 6}
    assert [(r.label, r.score) for r in stats.by_degree] == [("Cid", 3), ("Dan", 3), ("Ann", 2)]
    assert stats.by_pagerank[0].label == "Dan"
    assert sorted(map(sorted, stats.communities)) == [["Ann", "Bob", "Cid"], ["Dan", "Eve", "Fay"]]
    assert stats.relations == {"met": 6, "relatedTo": 1, "said": 1}


def test_pagerank_favours_what_is_pointed_at(two_triangles):
    ranks = {r.label: r.score for r in analyse(two_triangles, top=6).by_pagerank}
    assert ranks["Dan"] > ranks["Cid"]
    assert sum(ranks.values()) == pytest.approx(1.0)


def test_seed_stats_agree_with_the_build(seed_build):
    result = runner.invoke(app, ["stats", str(seed_build.out), "--format", "json", "--top", "5"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    assert stats["documents"] == 5
    assert stats["entities"] == seed_build.entities + _things(seed_build)
    assert stats["statements"] == sum(stats["relations"].values()) >= seed_build.facts
    assert len(stats["by_degree"]) == len(stats["by_pagerank"]) == 5
    assert {"said", "relatedTo"} <= set(stats["relations"])


def _things(build) -> int:
    """Nodes for things without a proper name: the view and `kg stats` show them beside entities."""
    rows = open_store(build.out).query("SELECT (COUNT(?t) AS ?n) WHERE { ?t a <https://w3id.org/kg-news/ontology#Thing> }")
    return int(next(iter(rows))["n"].value)


def test_seed_stats_table(seed_build):
    result = runner.invoke(app, ["stats", str(seed_build.out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"5 documents, {seed_build.entities + _things(seed_build)} entities, ")
    for title in ("By degree", "By PageRank", "Communities (greedy modularity)", "Relations"):
        assert title in result.output


def test_seed_hubs_are_the_delegation_leaders(seed_build):
    stats = json.loads(runner.invoke(app, ["stats", str(seed_build.out), "--format", "json"]).output)
    top = [r["label"] for r in stats["by_degree"][:10]]
    assert {"Ukraine", "Russia"} <= set(top[:3])
    assert {"Grigory B. Karasin", "Rustem Umerov"} <= set(top)


def test_graphml_loads_back_with_labels_and_types(seed_build):
    graph = nx.read_graphml(seed_build.out / "graph.graphml")
    assert graph.number_of_nodes() == seed_build.entities
    assert all(isinstance(d["label"], str) and d["type"] in {"Person", "Organization", "Place",
                                                             "Group", "Event"}
               for _, d in graph.nodes(data=True))
    lavrov = graph.nodes["Sergey_Lavrov"]
    assert (lavrov["label"], lavrov["type"]) == ("Sergey Lavrov", "Person")
    assert "Lavrov" in lavrov["aliases"].split("; ")
    entity_facts = open_store(seed_build.out).query(
        "PREFIX kgo: <https://w3id.org/kg-news/ontology#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
        "SELECT (COUNT(?st) AS ?n) WHERE { ?st a kgo:Statement ; rdf:object ?o . ?o rdfs:label ?l "
        "FILTER NOT EXISTS { ?o a kgo:Position } FILTER NOT EXISTS { ?o a kgo:Thing } "
        "FILTER NOT EXISTS { ?o a kgo:Claim } }")
    assert graph.number_of_edges() == int(next(iter(entity_facts))["n"].value)
    assert all(d["relation"] and d["predicate"] for *_, d in graph.edges(data=True))
