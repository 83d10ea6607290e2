"""The ontology, its closed namespace, the relation table and the SHACL shapes agree and hold."""

from __future__ import annotations

import shutil

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from typer.testing import CliRunner

from kg.api import shape_violations, validate
from kg.cli import app
from kg.relations import Canonical, canonical_key, canonical_relation, relation_table
from kg.vocab import KGO, KGO_IRI, ontology_file

ONTOLOGY = rdflib.Graph().parse(ontology_file("kg.ttl"), format="turtle")
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


def _ontology_terms() -> set[str]:
    return {str(s)[len(KGO_IRI):] for t in TERM_TYPES for s in ONTOLOGY.subjects(RDF.type, t)
            if str(s).startswith(KGO_IRI)}


def test_closed_namespace_lists_exactly_the_ontology_terms():
    assert set(KGO.__annotations__) == _ontology_terms()


def test_terms_other_engineers_rely_on_are_kept():
    kept = {"Person", "Organization", "Place", "Group", "Event", "Document", "Statement", "Evidence",
            "Position", "relatedTo", "relationText", "objectText", "evidence", "sentence",
            "startOffset", "endOffset", "confidence", "extractorVersion", "mentions", "source",
            "holdsPosition", "title", "positionOf", "leads", "said", "met", "criticized"}
    assert kept <= _ontology_terms()


def test_every_term_has_a_label_and_a_comment():
    missing = sorted(t for t in _ontology_terms()
                     if ONTOLOGY.value(KGO[t], RDFS.label) is None
                     or ONTOLOGY.value(KGO[t], RDFS.comment) is None)
    assert missing == []


def test_misspelt_term_fails():
    with pytest.raises(AttributeError):
        KGO.leadz  # noqa: B018


@pytest.mark.parametrize("local, parent", [
    ("GovernmentBody", "Organization"), ("NewsAgency", "Organization"), ("Company", "Organization"),
    ("Country", "Place"), ("City", "Place"), ("Person", "Entity"),
])
def test_kinds_are_subclasses(local, parent):
    assert (KGO[local], RDFS.subClassOf, KGO[parent]) in ONTOLOGY


def test_alignment_with_schema_foaf_prov():
    assert (KGO.Person, OWL.equivalentClass, rdflib.URIRef("https://schema.org/Person")) in ONTOLOGY
    assert (KGO.Person, RDFS.subClassOf, rdflib.URIRef("http://xmlns.com/foaf/0.1/Person")) in ONTOLOGY
    assert (KGO.evidence, RDFS.subPropertyOf, rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")) in ONTOLOGY
    assert (KGO.leads, RDFS.subPropertyOf, KGO.relatedTo) in ONTOLOGY


@pytest.mark.parametrize("relation, lemma, expected", [
    ("leads", "lead", Canonical("leads")),
    ("is led by", "lead", Canonical("leads", inverse=True)),
    ("are led by", "lead", Canonical("leads", inverse=True)),
    ("met with", "meet", Canonical("met")),
    ("met", "meet", Canonical("met")),
    ("met in", "meet", Canonical("relatedTo")),
    ("said", "say", Canonical("said")),
    ("told", "tell", Canonical("said")),
    ("spoke with", "speak", Canonical("spokeWith")),
    ("agreed to", "agree", Canonical("agreedTo")),
    ("was held in", "hold", Canonical("locatedIn")),
    ("is represented by", "represent", Canonical("represents", inverse=True)),
    ("condemned", "condemn", Canonical("criticized")),
    ("praised", "praise", Canonical("relatedTo")),
    ("will never accept", "accept", Canonical("relatedTo")),
    ("did not meet", "meet", Canonical("relatedTo")),
    ("didn't meet", "meet", Canonical("relatedTo")),
    ("never joins", "join", Canonical("relatedTo")),
])
def test_canonical_relation(relation, lemma, expected):
    assert canonical_relation(relation, lemma) == expected


def test_passive_led_by_swaps_subject_and_object():
    assert canonical_key("Group/Russian_delegation", "is led by", "lead", "Person/Grigory_Karasin", True) == (
        "Person/Grigory_Karasin", "leads", "is led by", "Group/Russian_delegation")
    assert canonical_key("Group/Russian_delegation", "is led by", "lead", "a diplomat", False) == (
        "Group/Russian_delegation", "relatedTo", "is led by", "a diplomat")


def test_relation_table_uses_only_ontology_properties():
    object_properties = {str(s)[len(KGO_IRI):] for s in ONTOLOGY.subjects(RDF.type, OWL.ObjectProperty)}
    assert {c.predicate for c in relation_table().values()} <= object_properties


def test_seed_graph_meets_the_shapes(seed_build):
    assert validate(seed_build.out) == []


def test_broken_graph_gives_one_line_per_violation(seed_build):
    graph = rdflib.Graph().parse(seed_build.out / "graph.ttl", format="turtle")
    karasin = next(graph.subjects(SKOS.altLabel, rdflib.Literal("Grigory Karasin", lang="en")))
    graph.remove((karasin, RDFS.label, None))
    evidence = sorted(graph.subjects(RDF.type, KGO.Evidence))[0]
    graph.set((evidence, KGO.confidence, rdflib.Literal("1.5", datatype=rdflib.XSD.decimal)))
    assert shape_violations(graph) == sorted([
        f"{karasin.n3(graph.namespace_manager)} rdfs:label: an entity needs exactly one non-empty English rdfs:label",
        f"{evidence.n3(graph.namespace_manager)} kgo:confidence: evidence needs exactly one kgo:confidence, a decimal "
        f"from 0 to 1 (value \"1.5\"^^<http://www.w3.org/2001/XMLSchema#decimal>)",
    ])


def test_cli_validate_exits_1_on_violations(seed_build, tmp_path):
    for name in ("graph.ttl", "graph.trig", "graph.nq", "graph.jsonld"):
        shutil.copy(seed_build.out / name, tmp_path / name)
    graph = rdflib.Graph().parse(tmp_path / "graph.ttl", format="turtle")
    statement = sorted(graph.subjects(RDF.type, KGO.Statement))[0]
    graph.remove((statement, KGO.evidence, None))
    graph.serialize(tmp_path / "graph.ttl", format="turtle")
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{statement.n3(graph.namespace_manager)} kgo:evidence: a statement needs at least one kgo:evidence node" in result.output
