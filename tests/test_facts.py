"""The graph's fact layer (kg.facts) on the seed articles and on tiny real articles: plain triples
between nodes with their evidence, typed values, attributed and modal readings kept out."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.defaults import GRAPH_MIN_CONFIDENCE
from kg.facts import typed_value

from .conftest import build_texts
from kg.vocab import PREFIXES

PREFIX = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
PLAIN = PREFIX + """
SELECT DISTINCT ?sl ?ol ?sentence WHERE {
  ?s ?p ?o .
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kgo:evidence/kgo:sentence ?sentence .
  ?s rdfs:label|skos:altLabel ?sl . ?o rdfs:label|skos:altLabel ?ol .
  FILTER(isIRI(?o))
  VALUES ?p { %s }
}"""


def _store(out) -> ox.Store:
    return ox.Store.read_only(str(out / "store"))


def plain(out, predicate: str) -> set[tuple[str, str, str]]:
    """(subject label, object label, evidence sentence) of plain triples with `predicate`."""
    rows = _store(out).query(PLAIN % predicate, default_graph=ox.DefaultGraph())
    return {(r["sl"].value, r["ol"].value, r["sentence"].value) for r in rows}


def held(out, predicate: str, subject: str, obj: str, words: str) -> bool:
    """A plain triple (subject ~ `subject`) predicate (object ~ `obj`) read from a sentence with `words`."""
    return any(subject in s and obj in o and words in sentence
               for s, o, sentence in plain(out, predicate))


@pytest.mark.parametrize("predicate, subject, obj, words", [
    ("kgo:leads", "Karasin", "Russian delegation", "led by"),
    ("kgo:leads", "Beseda", "Russian delegation", "led by"),
    ("kgo:leads", "Umerov", "Ukrainian delegation", "Umerov is leading"),
    ("kgo:agreedTo", "Putin", "Trump's proposal", "agreed to"),
    ("kgo:criticized", "Zelenskyy", "exclusion of Ukraine", "criticized the exclusion of Ukraine"),
])
def test_seed_facts_are_plain_triples_between_nodes_with_evidence(seed_build, predicate, subject, obj, words):
    assert held(seed_build.out, predicate, subject, obj, words)


def test_seed_kellogg_arrived_in_kyiv(seed_build):
    assert held(seed_build.out, "kgo:visited", "Kellogg", "Kyiv", "arrived in Kyiv")


def test_seed_umerov_met_kellogg(seed_build):
    assert held(seed_build.out, "kgo:met", "Umerov", "Kellogg", "meeting with")


def test_no_located_in_from_in_favor_of(seed_build):
    located = _store(seed_build.out).query(PREFIX + """
        SELECT ?sentence WHERE { ?st rdf:predicate kgo:locatedIn ; kgo:evidence/kgo:sentence ?sentence }""")
    assert not [r for r in located if "in favor of" in r["sentence"].value]


def test_every_plain_triple_has_its_statement_and_no_statement_is_text_only(seed_build):
    store = _store(seed_build.out)
    orphans = store.query(PREFIX + """ASK { ?s ?p ?o . ?s a ?c . FILTER(STRSTARTS(STR(?p), "https://w3id.org/kg-news/id/relation/"))
        FILTER NOT EXISTS { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } }""",
                          default_graph=ox.DefaultGraph())
    assert not bool(orphans)
    text_only = store.query(PREFIX + """ASK { ?st a kgo:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o
        FILTER NOT EXISTS { ?s ?p ?o } FILTER NOT EXISTS { ?st kgo:attributedTo|kgo:modality ?x } }""")
    assert not bool(text_only)


def test_no_evidence_below_the_threshold(seed_build):
    rows = _store(seed_build.out).query(PREFIX + "SELECT (MIN(?c) AS ?m) WHERE { ?ev kgo:confidence ?c }")
    assert float(next(iter(rows))["m"].value) >= GRAPH_MIN_CONFIDENCE


def test_minted_properties_are_declared_under_related_to(seed_build):
    rows = _store(seed_build.out).query(PREFIX + """
        SELECT ?p ?parent ?label WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?p), "https://w3id.org/kg-news/id/relation/"))
          OPTIONAL { ?p rdfs:subPropertyOf ?parent } OPTIONAL { ?p rdfs:label ?label } }""")
    rows = list(rows)
    assert rows
    for r in rows:
        assert r["parent"] in (ox.NamedNode(PREFIXES["kgo"] + "relatedTo"), ox.NamedNode(PREFIXES["kgo"] + "relatedValue"))
        assert r["label"].language == "en"


TINY = {
    "a.txt": "Sergey Lavrov said that Russia would never join NATO. "
             "Vladimir Putin met Donald Trump in Helsinki on July 16, 2018. "
             "Acme Corp bought 15 pct of Widget Inc for 10 mln dlrs.\n",
    "b.txt": "Residents called for Joe Biden to visit Ohio. Joe Biden did not visit Ohio.\n",
    "c.txt": "Keith Kellogg arrived in Kyiv on Wednesday for talks with Volodymyr Zelenskyy. "
             "John Smith appeared in a wheelchair. John Smith was in favor of the plan. "
             "Acme Corp was acquired by Widget Inc. Mary Jones was born in Paris.\n",
}


@pytest.mark.parametrize("predicate, subject, obj, words", [
    ("kgo:visited", "Kellogg", "Kyiv", "arrived in Kyiv"),        # an n-ary extra: arrive in → visited
    ("kgo:acquired", "Widget", "Acme", "was acquired by"),         # a passive reads backwards
    ("kgo:bornIn", "Mary Jones", "Paris", "born in"),
])
def test_canonical_facts_from_extras_and_passives(tiny, predicate, subject, obj, words):
    assert held(tiny.out, predicate, subject, obj, words)


def test_prepositions_give_no_location_without_a_place(tiny):
    located = _store(tiny.out).query(PREFIX + "SELECT ?o WHERE { ?s kgo:locatedIn ?o }")
    assert list(located) == []


@pytest.fixture(scope="module")
def tiny(nlp, tmp_path_factory):
    return build_texts(TINY, tmp_path_factory, nlp, "facts")


def test_reported_negated_and_demanded_readings_are_statements_only(tiny):
    store = _store(tiny.out)
    rows = store.query(PREFIX + """SELECT ?sl ?ol ?att ?mod ?plain WHERE {
        ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . ?s rdfs:label ?sl . ?o rdfs:label ?ol .
        OPTIONAL { ?st kgo:attributedTo/rdfs:label ?att } OPTIONAL { ?st kgo:modality ?mod }
        BIND(EXISTS { ?s ?p ?o } AS ?plain) }""", default_graph=ox.DefaultGraph())
    found = {(r["sl"].value, r["ol"].value): (r["att"].value if r["att"] else None,
                                              r["mod"].value if r["mod"] else None, r["plain"].value)
             for r in rows}
    assert found[("Russia", "NATO")][2] == "false"
    assert found[("Russia", "NATO")][1] == "negated" or found[("Russia", "NATO")][0] == "Sergey Lavrov"
    biden = {k: v for k, v in found.items() if k == ("Joe Biden", "Ohio")}
    assert biden and all(v[2] == "false" and v[1] in {"negated", "demanded"} for v in biden.values())


def test_amounts_in_digits_are_values_not_things(nlp):
    from kg.extract import extract_doc

    [reading] = [t for t in extract_doc(nlp("Anacomp earned 4,073,000 dlrs."), "d").triples
                 if t.relation_norm == "earn"]
    assert (reading.object_form, typed_value(reading.object_form, reading.object_core.text)) == (
        "QUANTITY", ("4073000.0", "decimal"))


def test_meeting_place_and_values(tiny):
    assert held(tiny.out, "kgo:met", "Putin", "Trump", "met Donald Trump")
    rows = _store(tiny.out).query(PREFIX + """SELECT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o) && DATATYPE(?o) = xsd:date) }""",
                                  default_graph=ox.DefaultGraph())
    assert {r["o"].value for r in rows} <= {"2018-07-16"}


@pytest.mark.parametrize("label, text, expected", [
    ("DATE", "July 16, 2018", ("2018-07-16", "date")),
    ("DATE", "March 1987", ("1987-03", "gYearMonth")),
    ("DATE", "1987", ("1987", "gYear")),
    ("DATE", "Tuesday", None),
    ("DATE", "last week", None),
    ("MONEY", "10 mln dlrs", ("10000000.0", "decimal")),
    ("MONEY", "$1.5 billion", ("1500000000.0", "decimal")),
    ("PERCENT", "15 pct", ("15.0", "decimal")),
    ("CARDINAL", "1,200", ("1200", "integer")),
    ("CARDINAL", "three", None),
])
def test_typed_values(label, text, expected):
    assert typed_value(label, text) == expected
