"""The ontology, its closed namespace, the relation table and the SHACL shapes agree and hold."""

from __future__ import annotations

import shutil

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from typer.testing import CliRunner

from kg.api import shape_violations, validate
from kg.cli import app
from kg.relations import Canonical, canonical_relation, minted_relation, relation_table
from kg.terms import KGO
from kg.vocab import KGO_IRI, ontology_file

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


PLACE = frozenset({"Place", "City", "Entity", "Node", "Any"})
PERSON = frozenset({"Person", "Entity", "Node", "Any"})
ORG = frozenset({"Organization", "Company", "Entity", "Node", "Any"})
THING = frozenset({"Node", "Any"})


@pytest.mark.parametrize("norm, classes, expected", [
    ("lead", ORG, Canonical("leads")),
    ("be lead by", PERSON, Canonical("leads", inverse=True)),
    ("be lead by", THING, None),  # an inverse needs an entity, which becomes the subject
    ("meet with", PERSON, Canonical("met")),
    ("meet", THING, Canonical("met")),
    ("meet in", PLACE, None),
    ("say", frozenset({"Any"}), Canonical("said")),
    ("tell", ORG, Canonical("said")),
    ("speak with", PERSON, Canonical("spokeWith")),
    ("agree to", THING, Canonical("agreedTo")),
    ("be hold in", PLACE, Canonical("locatedIn")),
    ("be represent by", PERSON, Canonical("represents", inverse=True)),
    ("condemn", THING, Canonical("criticized")),
    ("be arrest by", ORG, Canonical("arrested", inverse=True)),
    ("arrive in", PLACE, Canonical("visited")),
    ("be bear in", PLACE, Canonical("bornIn")),
    ("praise", PERSON, None),
])
def test_canonical_relation(norm, classes, expected):
    assert canonical_relation(norm, classes) == expected


@pytest.mark.parametrize("norm, classes", [
    ("be in", THING),            # "was in favor of": locatedIn only to a Place
    ("be in", PERSON),
    ("join", THING),             # "joined the fray": memberOf only to an Organization
    ("join", PLACE),
    ("fire", THING),             # "fired tear gas"
])
def test_prepositions_and_verbs_need_the_right_object_class(norm, classes):
    assert canonical_relation(norm, classes) is None


def test_minted_relations_read_passives_backwards_only_between_entities():
    assert minted_relation("meet at", node_object=True) == Canonical("kgr:meet_at")
    assert minted_relation("be praise by", node_object=True, reversible=True) == Canonical("kgr:praise", True)
    assert minted_relation("be praise by", node_object=True) == Canonical("kgr:be_praise_by")
    assert minted_relation("rise to", node_object=False) == Canonical("kgr:rise_to-value")


def test_relation_table_uses_only_ontology_properties():
    object_properties = {str(s)[len(KGO_IRI):] for s in ONTOLOGY.subjects(RDF.type, OWL.ObjectProperty)}
    assert {c.predicate for c, _ in relation_table().values()} <= object_properties


def test_new_canonical_relations_are_aligned_where_wikidata_or_schema_has_them():
    for local, match in [("bornIn", "http://www.wikidata.org/entity/P19"), ("diedIn", "http://www.wikidata.org/entity/P20"),
                         ("married", "http://www.wikidata.org/entity/P26"), ("memberOf", "http://www.wikidata.org/entity/P463")]:
        assert (KGO[local], SKOS.exactMatch, rdflib.URIRef(match)) in ONTOLOGY
    assert (KGO.founded, SKOS.relatedMatch, rdflib.URIRef("http://www.wikidata.org/entity/P112")) in ONTOLOGY


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


def _property_kinds(graph: rdflib.Graph) -> dict[rdflib.URIRef, rdflib.URIRef]:
    """Each declared property's kind (object, datatype, annotation), inherited along
    rdfs:subPropertyOf, so properties minted in the output inherit from kgo:relatedTo."""
    kinds = {p: kind for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
             for p in graph.subjects(RDF.type, kind)}
    changed = True
    while changed:
        changed = False
        for prop, parent in graph.subject_objects(RDFS.subPropertyOf):
            if prop not in kinds and parent in kinds:
                kinds[prop] = kinds[parent]
                changed = True
    return kinds


def _misfits(data: rdflib.Graph) -> list[str]:
    """Triples and statements whose object does not fit the kind or range of their property."""
    whole = data + ONTOLOGY
    kinds = _property_kinds(whole)
    builtin = {RDF.type, RDF.subject, RDF.predicate, RDF.object, OWL.sameAs, RDFS.subPropertyOf}

    def misfit(p, o) -> str | None:
        kind = kinds.get(p)
        if kind is None:
            return "undeclared property"
        if kind == OWL.ObjectProperty and isinstance(o, rdflib.Literal):
            return "literal object of an object property"
        if kind == OWL.DatatypeProperty:
            if not isinstance(o, rdflib.Literal):
                return "node object of a datatype property"
            range_ = whole.value(p, RDFS.range)
            datatype = o.datatype or (RDF.langString if o.language else rdflib.XSD.string)
            if range_ not in (None, RDFS.Literal) and datatype != range_:
                return f"{datatype} outside range {range_}"
        return None

    def supers(term, link) -> set:
        seen, todo = {term}, [term]
        while todo:
            for parent in whole.objects(todo.pop(), link):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    def classes(node) -> set:
        return set().union(*(supers(c, RDFS.subClassOf) for c in data.objects(node, RDF.type)))

    def outside(p, s, o) -> str | None:
        for prop in supers(p, RDFS.subPropertyOf):
            for domain in whole.objects(prop, RDFS.domain):
                if domain not in classes(s):
                    return f"subject outside the domain {domain} of {prop}"
            for range_ in whole.objects(prop, RDFS.range):
                if kinds.get(prop) == OWL.ObjectProperty and range_ not in classes(o):
                    return f"object outside the range {range_} of {prop}"
        return None

    wrong = [f"{s} {p} {o}: {why}" for s, p, o in data
             if p not in builtin and (why := misfit(p, o) or outside(p, s, o))]
    for st in data.subjects(RDF.type, KGO.Statement):
        s, p, o = (data.value(st, term) for term in (RDF.subject, RDF.predicate, RDF.object))
        if isinstance(o, rdflib.Literal) and o.datatype in (None, rdflib.XSD.string) \
                and (st, KGO.objectText, None) in data:  # a typed value ("2023"^^xsd:gYear) is a fact
            if not (isinstance(o, rdflib.Literal) and (st, KGO.objectText, o) in data and (s, p, o) not in data):
                wrong.append(f"{st}: a text reading has rdf:object = kgo:objectText and no asserted triple")
        elif why := misfit(p, o):
            wrong.append(f"{st} describes {s} {p} {o}: {why}")
        elif (s, p, o) not in data and not _outside_fact_layer(data, st):
            wrong.append(f"{st} describes {s} {p} {o}, which the graph does not assert")
    return sorted(wrong)


def _outside_fact_layer(data, st) -> bool:
    """Reported (kgo:attributedTo) and negated, hypothetical or demanded (kgo:modality) readings are
    statements only: docs/facts.md keeps them out of the asserted graph."""
    return (st, KGO.attributedTo, None) in data or (st, KGO.modality, None) in data


def test_every_triple_and_statement_of_the_seed_graph_fits_its_property(seed_build):
    data = rdflib.Graph().parse(seed_build.out / "graph.ttl", format="turtle")
    assert _misfits(data) == []
    assert (None, RDF.type, RDF.Statement) not in data  # kgo:Statement is its subclass: one type


def test_misfits_are_found():
    """The check above fails on each kind of misfit."""
    ex = rdflib.Namespace("https://example.org/")
    data = rdflib.Graph()
    data.add((ex.a, KGO.said, rdflib.Literal("hello")))
    data.add((ex.a, KGO.startOffset, rdflib.Literal("12")))
    data.add((ex.a, KGO.confidence, ex.b))
    data.add((ex.minted, RDFS.subPropertyOf, KGO.relatedTo))
    data.add((ex.a, ex.minted, rdflib.Literal("5", datatype=rdflib.XSD.integer)))
    data.add((ex.a, ex.unknown, ex.b))
    data.add((ex.doc, RDF.type, KGO.Document))
    data.add((ex.doc, KGO.mentions, ex.doc))
    data.add((ex.st, RDF.type, KGO.Statement))
    for term, value in ((RDF.subject, ex.a), (RDF.predicate, KGO.leads), (RDF.object, ex.b)):
        data.add((ex.st, term, value))
    found = _misfits(data)
    expected = [f"{ex.a} {KGO.said} hello: literal object of an object property",
                f"{ex.a} {KGO.startOffset} 12: {rdflib.XSD.string} outside range {rdflib.XSD.integer}",
                f"{ex.a} {KGO.confidence} {ex.b}: node object of a datatype property",
                f"{ex.a} {ex.minted} 5: literal object of an object property",
                f"{ex.a} {ex.unknown} {ex.b}: undeclared property",
                f"{ex.doc} {KGO.mentions} {ex.doc}: object outside the range {KGO.Entity} of {KGO.mentions}",
                f"{ex.st} describes {ex.a} {KGO.leads} {ex.b}, which the graph does not assert"]
    assert found == sorted(expected)


def test_ontology_is_written_beside_the_exports(seed_build):
    assert (seed_build.out / "ontology.ttl").read_bytes() == ontology_file("kg.ttl").read_bytes()
