"""Resolution on hand-made mentions."""

from __future__ import annotations

import dataclasses
import json
from itertools import permutations
from pathlib import Path

from kg.api import query
from kg.extract import extract_doc
from kg.resolve import normalise_name, resolve
from kg.types import Extraction, Mention, Phrase, Sentence, Title, Triple


def _mention(doc, start, text, label="PERSON"):
    return Mention(doc, 0, text, start, start + len(text), label)


def test_surname_links_to_earlier_full_name():
    ex = Extraction("d1", (Sentence(0, "", 0, 100),),
                    (_mention("d1", 0, "Grigory Karasin"), _mention("d1", 50, "Karasin")), ())
    res = resolve([ex])
    assert [(e.label, e.type, e.aliases) for e in res.entities] == [
        ("Grigory Karasin", "Person", ("Grigory Karasin", "Karasin"))]


def test_same_name_across_documents_is_one_entity_and_dates_are_not_entities():
    a = Extraction("a", (), (_mention("a", 0, "the Kremlin", "ORG"), _mention("a", 20, "Tuesday", "DATE")), ())
    b = Extraction("b", (), (_mention("b", 5, "Kremlin", "ORG"),), ())
    assert [e.label for e in resolve([b, a]).entities] == ["Kremlin"]


def test_fact_between_entities_keeps_relation_and_sources():
    text = "Karasin leads Russia."
    sent = Sentence(0, text, 0, len(text))
    triple = Triple("d", 0, Phrase("Karasin", 0, 7, 0), Phrase("leads", 8, 13, 8), Phrase("Russia", 14, 20, 14),
                    confidence=0.8, relation_norm="lead")
    karasin = dataclasses.replace(_mention("d", 0, "Karasin"), cue="Person")  # as a title beside it gives
    ex = Extraction("d", (sent,), (karasin, _mention("d", 14, "Russia", "GPE")), (triple,))
    [fact] = resolve([ex]).facts
    assert (fact.subject, fact.relation, fact.object, fact.object_is_entity) == (
        "Karasin", "leads", "Russia", True)
    assert fact.evidence[0].sentence == text


def test_normalise_name():
    assert normalise_name("the  Kremlin’s") == "kremlin"


def _doc(doc_id, *mentions, text="", triples=(), titles=()):
    sentences = (Sentence(0, text, 0, max(len(text), 200)),)
    found, at = [], 0
    for item in mentions:
        words, label, *cue = item if isinstance(item, tuple) else (item, "PERSON")
        start = text.find(words, at) if text else at
        found.append(Mention(doc_id, 0, words, start, start + len(words), label, cue="".join(cue)))
        at = start + len(words) + 1
    return Extraction(doc_id, sentences, tuple(found), tuple(triples), tuple(titles))


def _groups(res):
    return sorted((e.label, e.type, e.aliases) for e in res.entities)


RIYADH = (("Riyadh", "GPE"), ("Saudi Arabia", "GPE"))


def _places(res):
    return [g for g in _groups(res) if g[0] not in ("Riyadh", "Saudi Arabia")]


def test_across_documents_full_name_middle_initial_and_surname_are_one_person():
    res = resolve([_doc("a", "Grigory Karasin", *RIYADH), _doc("b", "Grigory B. Karasin", *RIYADH),
                   _doc("c", "Karasin", *RIYADH)])
    assert _places(res) == [("Grigory B. Karasin", "Person", ("Grigory B. Karasin", "Grigory Karasin", "Karasin"))]


def test_a_lone_surname_in_an_unrelated_story_stays_apart():
    res = resolve([_doc("a", ("Darwin Beck", "PERSON", "Person"), *RIYADH), _doc("b", ("Beck", "PERSON", "Person"), ("Ryan", "ORG"), ("West Orange", "GPE"))])
    assert [g[0] for g in _places(res)] == ["Beck", "Darwin Beck", "Ryan", "West Orange"]


def test_nicknames_and_country_variants_merge():
    res = resolve([_doc("a", "Steve Witkoff", ("US", "GPE")), _doc("b", "Steven Witkoff", ("U.S.", "GPE")),
                   _doc("c", ("the United States", "GPE"))])
    assert _groups(res) == [("Steven Witkoff", "Person", ("Steve Witkoff", "Steven Witkoff")),
                            ("United States", "Place", ("U.S.", "US", "United States"))]


def test_people_sharing_a_first_name_or_a_surname_stay_apart():
    res = resolve([_doc("a", "Sergey Lavrov", "Jane Smith"), _doc("b", "Sergey Beseda", "John Smith"),
                   _doc("c", ("Smith", "PERSON", "Person")), _doc("d", ("Sergey", "PERSON", "Person"))])
    assert [label for label, _, _ in _groups(res)] == ["Jane Smith", "John Smith", "Sergey", "Sergey Beseda",
                                                       "Sergey Lavrov", "Smith"]


def test_conflicting_middle_initials_keep_the_bare_name_apart():
    res = resolve([_doc("a", "Grigory B. Karasin"), _doc("b", "Grigory A. Karasin"), _doc("c", "Grigory Karasin")])
    assert len(res.entities) == 3


def test_acronym_defined_in_text_merges_with_long_form_and_elsewhere():
    text = "Beseda advises the Federal Security Service, or FSB, on Ukraine."
    a = _doc("a", ("Federal Security Service", "ORG"), ("FSB", "ORG"), text=text)
    b = _doc("b", ("FSB", "ORG"), text="The FSB declined to comment.")
    assert _groups(resolve([a, b])) == [
        ("Federal Security Service", "Organization", ("FSB", "Federal Security Service"))]


def test_surname_tagged_as_place_joins_the_person_of_its_document():
    res = resolve([_doc("a", "Volodymyr Zelenskyy", ("Zelenskyy", "GPE"))])
    assert _groups(res) == [("Volodymyr Zelenskyy", "Person", ("Volodymyr Zelenskyy", "Zelenskyy"))]


def test_pronouns_unresolved_are_dropped_and_resolved_ones_carry_facts():
    text = "Karasin arrived. He met Rubio. They left."
    ms = (Mention("d", 0, "Karasin", 0, 7, "PERSON"), Mention("d", 0, "He", 17, 19, "PRON", antecedent=0),
          Mention("d", 0, "Rubio", 24, 29, "PERSON", cue="Person"), Mention("d", 0, "They", 31, 35, "PRON"))
    triple = Triple("d", 0, Phrase("He", 17, 19, 17), Phrase("met", 20, 23, 20), Phrase("Rubio", 24, 29, 24),
                    lemma="meet", confidence=0.8, relation_norm="meet")
    res = resolve([Extraction("d", (Sentence(0, text, 0, len(text)),), ms, (triple,))])
    assert [e.label for e in res.entities] == ["Karasin", "Rubio"]
    assert [(f.subject, f.predicate, f.object) for f in res.facts] == [("Karasin", "met", "Rubio")]
    assert ("d", 31) not in res.mentions


def test_titles_become_roles_with_spelling_folded_across_documents():
    a = _doc("a", ("Ukraine", "GPE"), "Rustem Umerov", text="Ukraine’s Defense Minister Rustem Umerov spoke.",
             titles=(Title("a", 0, 27, "Defense Minister", 0, 0, 40),))
    b = _doc("b", ("Ukraine", "GPE"), "Rustem Umerov", text="Ukraine's Defence Minister Rustem Umerov spoke.",
             titles=(Title("b", 0, 27, "Defence Minister", 0, 0, 40),))
    [role] = resolve([a, b]).roles
    assert (role.person, role.title, role.of, [e.doc_id for e in role.evidence]) == (
        "Rustem_Umerov", "Defense Minister", "Ukraine", ["a", "b"])


def test_a_delegation_is_a_node_linked_to_its_country_and_an_adjective_alone_is_not():
    a = _doc("a", ("Russian delegation", "SIDE"), ("Russian", "NAT"), text="The Russian delegation met Russian officials.")
    b = _doc("b", ("US delegation", "SIDE"), text="The US delegation left.")
    c = _doc("c", ("American delegation", "SIDE"), text="The American delegation left.")
    res = resolve([a, b, c])
    assert _groups(res) == [("American delegation", "Group", ("American delegation", "US delegation")),
                            ("Russia", "Place", ("Russia",)), ("Russian delegation", "Group", ("Russian delegation",)),
                            ("United States", "Place", ("United States",))]
    assert sorted((f.subject, f.relation, f.object) for f in res.facts) == [
        ("American_delegation", "delegation of", "United_States"),
        ("Russian_delegation", "delegation of", "Russia")]


def test_resolution_does_not_depend_on_document_order():
    """resolve() sorts by id, so the contents are shuffled over the ids: every order must agree.

    The lone "Karasin" the tagger called a place joins the one Karasin of the corpus, since its
    documents share other names with his."""
    contents = [("Grigory Karasin", ("Kremlin", "ORG"), *RIYADH), ("Grigory B. Karasin", "Steve Witkoff", *RIYADH),
                (("Karasin", "GPE"), "Steven Witkoff", ("the Kremlin", "ORG")), ("Witkoff", "John Smith", *RIYADH),
                ("Smith", ("Karasin", "GPE"), *RIYADH)]
    results = set()
    for ids in permutations("abcde"):
        res = resolve([_doc(i, *content) for i, content in zip(ids, contents)])
        results.add(tuple(_places(res)))
    assert results == {(("Grigory B. Karasin", "Person", ("Grigory B. Karasin", "Grigory Karasin", "Karasin")),
                        ("John Smith", "Person", ("John Smith", "Smith")),
                        ("Kremlin", "Organization", ("Kremlin",)),
                        ("Steven Witkoff", "Person", ("Steve Witkoff", "Steven Witkoff", "Witkoff")))}


GOLD = Path(__file__).resolve().parent.parent / "benchmarks" / "entities_gold.json"


def _seed_entities(out):
    rows = query(out, "SELECT ?e ?t ?name WHERE { ?e a ?t ; rdfs:label|skos:altLabel ?name . "
                      "FILTER(?t IN (kgo:Person, kgo:Organization, kgo:Place, kgo:Group, kgo:Event)) }").rows
    nodes: dict[str, tuple[str, set[str]]] = {}
    for e, t, name in rows:
        nodes.setdefault(e, (t.rsplit("#", 1)[-1], set()))[1].add(normalise_name(name))
    return nodes


def test_seed_graph_has_no_false_merge_and_every_plain_group_is_one_node(seed_build):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    group_of = {normalise_name(n): g["id"] for g in gold["groups"] for n in g["names"] + g.get("also", [])}
    nodes = _seed_entities(seed_build.out)
    mixed = {e: {group_of[n] for n in names if n in group_of} for e, (_, names) in nodes.items()}
    assert [e for e, groups in mixed.items() if len(groups) > 1] == []
    for name in ("Karasin", "Witkoff", "United States", "FSB", "CPC", "UN"):
        group = group_of[normalise_name(name)]
        assert len([e for e, groups in mixed.items() if group in groups]) == 1, name
    types = {g["id"]: g["types"] for g in gold["groups"]}
    assert [(e, t) for e, (t, _) in nodes.items() if len(mixed[e]) == 1 and t not in types[next(iter(mixed[e]))]] == []


def test_seed_graph_roles_from_the_issue(seed_build):
    rows = query(seed_build.out, "SELECT ?name ?title ?office WHERE { ?p kgo:holdsPosition ?pos ; rdfs:label ?name . "
                                 "?pos kgo:title ?title ; kgo:positionOf/rdfs:label ?office }").rows
    assert {("Sergey Lavrov", "Foreign Minister", "Russia"), ("Dmitry Peskov", "spokesperson", "Kremlin"),
            ("Sergey O. Beseda", "adviser", "Federal Security Service"),
            ("Rustem Umerov", "Defense Minister", "Ukraine")} <= set(rows)


def test_seed_graph_has_no_pronoun_or_common_noun_nodes(seed_build):
    labels = {label for _, names in _seed_entities(seed_build.out).values() for label in names}
    assert {"he", "his", "they", "it", "which", "who", "officials", "the fact"} & labels == set()
    rows = query(seed_build.out, "SELECT ?l WHERE { ?e a ?t ; rdfs:label ?l . "
                                 "FILTER(?t IN (kgo:Person, kgo:Organization, kgo:Place, kgo:Group, kgo:Event)) }").rows
    assert [label for (label,) in rows if not label[:1].isupper()] == []


def test_argument_headed_by_a_title_points_at_the_titled_person(nlp):
    text = ("The Russian delegation is led by chairman of the Federation Council Committee on "
            "International Affairs Grigory Karasin.")
    res = resolve([extract_doc(nlp(text), "d")])
    assert [(f.subject, f.predicate, f.relation, f.object) for f in res.facts
            if f.predicate == "leads"] == [
        ("Grigory_Karasin", "leads", "leads", "Russian_delegation")]  # the text reads as the triple


def test_dates_and_credit_ratings_tagged_as_names_are_no_nodes():
    ex = Extraction("d1", (Sentence(0, "", 0, 100),),
                    (_mention("d1", 0, "February", "ORG"), _mention("d1", 10, "Apr/May", "ORG"),
                     _mention("d1", 20, "BB", "GPE"), _mention("d1", 30, "AAA", "ORG"),
                     _mention("d1", 40, "Boeing", "ORG")), ())
    assert [e.label for e in resolve([ex]).entities] == ["Boeing"]


def test_a_name_ending_in_a_firm_word_of_the_corpus_is_an_organization():
    """'Barry Citrus Products' tagged a person: 'products' ends three organisations' names of the
    corpus and is written in lower case as often."""
    firms = [_mention("d1", 20 * i, f"{w} Products", "ORG") for i, w in enumerate(["Life", "Home", "Dextran"])]
    text = "products " * 3
    ex = Extraction("d1", (Sentence(0, text, 0, len(text)),), (*firms, _mention("d1", 80, "Barry Citrus Products")), ())
    types = {e.label: e.type for e in resolve([ex]).entities}
    assert types["Barry Citrus Products"] == "Organization"
    lone = Extraction("d2", (Sentence(0, "", 0, 10),), (_mention("d2", 0, "Harold Citrus Products"),), ())
    assert {e.label: e.type for e in resolve([lone]).entities}["Harold Citrus Products"] == "Person"


def test_words_only_the_tagger_calls_a_person_and_no_given_name_starts_are_no_node():
    ex = Extraction("d", (Sentence(0, "", 0, 100),),
                    (_mention("d", 0, "Chiyoda Fire"), _mention("d", 20, "Harold Volkmer"),
                     dataclasses.replace(_mention("d", 40, "Sedfrey Ordonez"), cue="Person")), ())
    assert [e.label for e in resolve([ex]).entities] == ["Harold Volkmer", "Sedfrey Ordonez"]


def test_one_word_only_the_tagger_calls_a_person_is_no_node():
    """'Cedel', 'Hurriyet': no full name, title or 'he' makes them people; 'Karasin' with 'he' is one."""
    text = "Cedel said so. Karasin arrived and he spoke."
    ms = (Mention("d", 0, "Cedel", 0, 5, "PERSON"), Mention("d", 0, "Karasin", 15, 22, "PERSON"),
          Mention("d", 0, "he", 35, 37, "PRON", antecedent=15))
    res = resolve([Extraction("d", (Sentence(0, text, 0, len(text)),), ms, ())])
    assert [e.label for e in res.entities] == ["Karasin"]


def test_a_country_before_a_common_word_is_no_name():
    """'U.S. Dollar': the corpus writes 'dollar' in lower case far more often than in any name."""
    text = "the dollar fell. " * 4
    ex = Extraction("d", (Sentence(0, text, 0, len(text)),),
                    (_mention("d", 0, "U.S. Dollar", "ORG"), _mention("d", 20, "U.S. Army", "ORG")), ())
    assert [e.label for e in resolve([ex]).entities] == ["U.S. Army"]
    rated = Extraction("r", (), (_mention("r", 0, "B-3/CCC", "ORG"),), ())
    assert resolve([rated]).entities == ()


def test_a_surname_the_tagger_calls_a_firm_keeps_its_full_names_class():
    # "Redstone" beside "Sumner Redstone": the tagger's ORG on the lone surname is its confusion
    mentions = ["Sumner Redstone", *[("Redstone", "ORG")] * 12]
    res = resolve([_doc("a", *mentions), _doc("b", ("Viacom International Inc", "ORG"))])
    assert ("Sumner Redstone", "Person", ("Redstone", "Sumner Redstone")) in _groups(res)


def test_a_form_run_on_into_a_persons_name_is_no_label():
    a = _doc("a", *[("Bank of England", "ORG")] * 3)
    b = _doc("b", ("Bank of England Robin Leigh-Pemberton", "ORG"), ("Bank of England", "ORG"))
    c = _doc("c", ("Robin Leigh-Pemberton", "PERSON", "Person"))
    labels = [label for label, _, _ in _groups(resolve([a, b, c]))]
    assert "Bank of England" in labels and "Bank of England Robin Leigh-Pemberton" not in labels
    # a firm named after people keeps its full name
    d = _doc("d", ("McDonnell Douglas Corp", "ORG"), ("McDonnell Douglas", "ORG"))
    assert "McDonnell Douglas Corp" in [label for label, _, _ in _groups(resolve([d]))]


def test_a_things_mention_run_on_into_a_person_stands_for_the_person():
    a = _doc("a", ("Malcolm Baldrige", "PERSON", "Person"), ("Baldrige", "PERSON"))
    b = _doc("b", ("Commerce", "ORG"), ("Commerce Malcolm Baldrige", "ORG"), ("Commerce", "ORG"))
    res = resolve([a, b])
    labels = {e.id: e.label for e in res.entities}
    run_on = b.mentions[1]
    assert labels[res.mentions[("b", run_on.start)]] == "Malcolm Baldrige"
    assert labels[res.mentions[("b", b.mentions[0].start)]] == "Commerce"
