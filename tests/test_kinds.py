"""Entity kinds (ontology subclasses) come from the data tables and reach the graph as a second rdf:type."""

from __future__ import annotations

import pytest

from kg import query
from kg.data import lexicon


@pytest.mark.parametrize(("type_", "label", "kind"), [
    ("Place", "Russia", "Country"),
    ("Place", "Riyadh", "City"),
    ("Place", "Black Sea", None),
    ("Organization", "Russian Foreign Ministry", "GovernmentBody"),
    ("Organization", "TASS", "NewsAgency"),
    ("Organization", "Caspian Pipeline Consortium", None),
    ("Person", "Sergey Lavrov", None),
])
def test_kind_from_tables(type_, label, kind):
    assert lexicon().kind(type_, label) == kind


def test_seed_graph_types_countries_and_news_agencies(seed_build):
    rows = query(seed_build.out, """
        SELECT ?label ?kind WHERE { ?e a ?kind ; a ?base ; rdfs:label ?label .
          VALUES (?kind ?base) { (kgo:Country kgo:Place) (kgo:NewsAgency kgo:Organization) } }""").rows
    found = {(label, kind.rsplit("#", 1)[-1]) for label, kind in rows}
    assert {("Russia", "Country"), ("Ukraine", "Country"), ("United States", "Country"),
            ("TASS", "NewsAgency"), ("Interfax", "NewsAgency")} <= found
    assert not {label for label, _ in found} & {"Sergey Lavrov", "Black Sea"}
