"""`kg stats` (networkx over the store) and graph.graphml read back by networkx."""

from __future__ import annotations

import json

import networkx as nx
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.analysis import analyse
from kg.cli import app
from kg.graph import entity_graph, quads_graph
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
    assert {"Ukraine", "Russia"} <= set(top[:4])  # beside the leaders with most facts (Umerov, Zelenskyy)
    assert {"Grigory B. Karasin", "Rustem Umerov"} <= set(top)


def test_graphml_is_the_entity_graph_of_the_store(seed_build):
    """GraphML, the view and `kg stats` read one graph: the same nodes and edges, roles included."""
    graph = nx.read_graphml(seed_build.out / "graph.graphml")
    built = entity_graph(open_store(seed_build.out))
    assert graph.number_of_nodes() == built.number_of_nodes()
    # named entities plus the things without a proper name (docs/facts.md) that facts end on
    assert sum(d["type"] != "Thing" for _, d in graph.nodes(data=True)) == seed_build.entities
    lavrov = graph.nodes["Sergey_Lavrov"]
    assert (lavrov["label"], lavrov["type"]) == ("Sergey Lavrov", "Person")
    assert "Lavrov" in lavrov["aliases"].split("; ")

    def edges(g, name):
        return sorted((name(u), name(v), d["relation"], d["predicate"], d["sources"])
                      for u, v, d in g.edges(data=True))

    local = lambda iri: iri.rsplit("/", 1)[-1]  # noqa: E731
    assert edges(graph, str) == edges(built, local)
    assert {d["predicate"] for *_, d in graph.edges(data=True)} >= {"holdsPosition", "relatedTo"}
    assert all(d["sources"] >= 1 for *_, d in graph.edges(data=True))


def test_one_edge_per_canonical_property_and_per_open_wording():
    """Two wordings of one canonical property are one edge; two of `relatedTo` are two."""
    entities = (Entity("Ann", "Ann", "Person"), Entity("Bob", "Bob", "Person"))
    facts = (Fact("Ann", "met", "met", "Bob", True, (Evidence("d1", "Ann met Bob.", 0, 12, 0.9),)),
             Fact("Ann", "met", "met with", "Bob", True, (Evidence("d1", "Ann met with Bob.", 13, 30, 0.9),)),
             Fact("Ann", "relatedTo", "praised", "Bob", True, (Evidence("d1", "Ann praised Bob.", 31, 47, 0.9),)),
             Fact("Ann", "relatedTo", "thanked", "Bob", True, (Evidence("d1", "Ann thanked Bob.", 48, 64, 0.9),)))
    graph = quads_graph(graph_quads([Document("d1", "…")], Resolution(entities, facts), Iris(), "test"))
    assert sorted((d["predicate"], d["relation"], d["sources"]) for *_, d in graph.edges(data=True)) == [
        ("met", "met; met with", 2), ("relatedTo", "praised", 1), ("relatedTo", "thanked", 1)]
