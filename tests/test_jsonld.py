"""graph.jsonld is compact JSON-LD under ontology/context.jsonld that pyld and rdflib read back as
exactly the quads of graph.nq, offline."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
import rdflib
from pyld import jsonld
from rdflib.namespace import OWL, RDF

from kg.jsonld import CONTEXT_FILE, compact_document, dumps, vocabulary_context
from kg.vocab import KGO_IRI, PREFIXES, ontology_file

XSD = "http://www.w3.org/2001/XMLSchema#"


def offline_loader(served: dict[str, dict]):
    """A pyld document loader that serves the given documents and refuses every other URL."""
    def load(url, options=None):
        if url not in served:
            raise jsonld.JsonLdError(f"offline: refused to fetch {url}", "loading document failed")
        return {"contextUrl": None, "documentUrl": url, "document": served[url]}
    return load


def pyld_quads(document, served=None, base=None) -> set[ox.Quad]:
    options = {"format": "application/n-quads", "documentLoader": offline_loader(served or {})}
    if base:
        options["base"] = base
    return set(ox.parse(jsonld.to_rdf(document, options), format=ox.RdfFormat.N_QUADS))


def nquads(out) -> set[ox.Quad]:
    return set(ox.parse(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS))


@pytest.fixture(scope="module")
def document(seed_build):
    return json.loads((seed_build.out / "graph.jsonld").read_text(encoding="utf-8"))


def test_pyld_reads_exactly_the_quads_of_graph_nq(seed_build, document):
    assert pyld_quads(document) == nquads(seed_build.out)


def test_rdflib_reads_exactly_the_quads_of_graph_nq(seed_build):
    parsed = set(rdflib.Dataset().parse(seed_build.out / "graph.jsonld", format="json-ld").quads())
    expected = set(rdflib.Dataset().parse(seed_build.out / "graph.nq", format="nquads").quads())
    assert len(parsed) == len(expected) == len(nquads(seed_build.out))
    assert parsed == expected


def test_linked_context_file_gives_the_same_quads(seed_build, document):
    """The inlined context is the shipped context.jsonld: linking the file instead changes nothing."""
    shipped = json.loads((seed_build.out / CONTEXT_FILE).read_text(encoding="utf-8"))
    assert shipped == json.loads(ontology_file(CONTEXT_FILE).read_text(encoding="utf-8"))
    assert document["@context"][0] == shipped["@context"]
    base = (seed_build.out / "graph.jsonld").as_uri()
    linked = {**document, "@context": [CONTEXT_FILE, document["@context"][1]]}
    served = {(seed_build.out / CONTEXT_FILE).as_uri(): shipped}
    assert pyld_quads(linked, served, base) == nquads(seed_build.out)


def _node(document, node_id):
    return next(n for n in document["@graph"] if n["id"] == node_id)


def test_a_web_developer_reads_short_keys_and_typed_values(document):
    karasin = _node(document, "kge:Grigory_B_Karasin")
    assert karasin["type"] == "Person"
    assert karasin["label"] == "Grigory B. Karasin"
    assert "Karasin" in karasin["altLabel"]
    assert "kge:Russian_delegation" in karasin["leads"]
    doc = _node(document, "kgd:003_ba9ff1fc4f54d4f3")
    assert doc["type"] == "Document" and doc["identifier"] == "003_ba9ff1fc4f54d4f3"
    assert "kge:Grigory_B_Karasin" in doc["mentions"]
    named = {n["id"]: n for n in doc["@graph"]}
    statement = next(n for n in named.values() if n.get("type") == "Statement"
                     and n["subject"] == "kge:Grigory_B_Karasin" and n["predicate"] == "leads")
    assert statement["object"] == "kge:Russian_delegation"
    assert statement["derivedFrom"] and statement["relationText"]
    evidence = next(n for n in document["@graph"] if n.get("type") == "Evidence")
    assert isinstance(evidence["startOffset"], int) and isinstance(evidence["endOffset"], int)
    assert isinstance(evidence["confidence"], str) and 0 <= float(evidence["confidence"]) <= 1
    assert isinstance(evidence["sentence"], str)
    keys = {k for n in document["@graph"] for k in n}
    assert not [k for k in keys if k.startswith("http")]


def test_document_graphs_are_named_graphs_on_their_document_nodes(document):
    named = [n for n in document["@graph"] if "@graph" in n]
    assert [n["id"] for n in named] == [
        "kgd:000_6b80aa6539b44f17", "kgd:001_d5cdaf4d1afe6f1f", "kgd:002_33fa0b3c9e7b0adc",
        "kgd:003_ba9ff1fc4f54d4f3", "kgd:004_97b677dd30c0cfda"]
    assert all(n["type"] == "Document" for n in named)


def test_context_prefixes_are_kg_vocab_prefixes():
    context = vocabulary_context()
    assert {k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("/", "#"))
            and not k.startswith("@")} == PREFIXES


def test_every_ontology_property_has_a_term_that_types_its_values():
    """An object property's values are IRIs, a datatype property's are typed by its range."""
    ontology = rdflib.Graph().parse(ontology_file("kg.ttl"), format="turtle")
    context = vocabulary_context()
    by_iri = {}
    for name, definition in context.items():
        if isinstance(definition, str):
            definition = {"@id": definition}
        if isinstance(definition, dict):
            prefix, _, local = definition["@id"].partition(":")
            by_iri[PREFIXES.get(prefix, prefix + ":") + local] = definition
    wrong = []
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in ontology.subjects(RDF.type, kind):
            if not str(prop).startswith(KGO_IRI):
                continue
            definition = by_iri.get(str(prop))
            range_ = str(ontology.value(prop, rdflib.RDFS.range) or "")
            if kind == OWL.ObjectProperty:
                ok = definition is not None and definition.get("@type") == "@id"
            elif range_ == XSD + "string":
                ok = definition is not None and definition.get("@language", "") is None
            elif range_.startswith(XSD) and range_ != XSD + "string":
                ok = definition is not None and definition.get("@type") == "xsd:" + range_[len(XSD):]
            else:
                ok = definition is not None and "@type" not in definition
            if not ok:
                wrong.append(f"{prop} ({kind.fragment}, range {range_ or 'none'}): {definition}")
    assert wrong == [], "add or fix these terms in ontology/context.jsonld"


def _round_trip(quads: list[ox.Quad]) -> set[ox.Quad]:
    document = json.loads(dumps(compact_document(quads)))
    return pyld_quads(document)


@pytest.mark.parametrize("obj", [
    ox.Literal("Kyiv", language="en"),
    ox.Literal("Kyiv", language="uk"),
    ox.Literal("Kyiv"),
    ox.Literal("007", datatype=ox.NamedNode(XSD + "integer")),
    ox.Literal("-12", datatype=ox.NamedNode(XSD + "integer")),
    ox.Literal("0.50", datatype=ox.NamedNode(XSD + "decimal")),
    ox.Literal("2025-03-25", datatype=ox.NamedNode(XSD + "date")),
    ox.Literal("March 2025"),
    ox.NamedNode("https://w3id.org/kg-news/id/entity/Kyiv"),
    ox.NamedNode("https://example.org/elsewhere"),
    ox.BlankNode("b0"),
])
@pytest.mark.parametrize("predicate", [
    "http://www.w3.org/2000/01/rdf-schema#label", "http://purl.org/dc/terms/title",
    "http://purl.org/dc/terms/date", KGO_IRI + "startOffset", KGO_IRI + "confidence",
    KGO_IRI + "leads", KGO_IRI + "relatedValue", KGO_IRI + "title", KGO_IRI + "mintedRelation",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate", "https://example.org/p",
])
def test_any_object_under_any_key_round_trips(predicate, obj):
    """Values that do not fit a key's coercion are written in full, in every graph."""
    subject = ox.NamedNode("https://w3id.org/kg-news/id/entity/Zelenskyy")
    graph = ox.NamedNode("https://w3id.org/kg-news/id/doc/d1")
    quads = [ox.Quad(subject, ox.NamedNode(predicate), obj, g) for g in (ox.DefaultGraph(), graph)]
    assert _round_trip(quads) == set(quads)


def test_nodes_are_written_as_json_would_indent_them(document):
    """graph.jsonld's nodes come from kg's own indenter: the text json.dumps(indent=1) gives."""
    from kg.jsonld import _indented

    odd = {"k": [1, 2.5, True, None, {}, [], {"@value": "é \" \\ \n\t\u2028"}], "": {"a": []}}
    for node in [*document["@graph"], odd, [], {}, "x", 0]:
        assert _indented(node, "\n  ") == json.dumps(node, ensure_ascii=False, indent=1).replace("\n", "\n  ")
