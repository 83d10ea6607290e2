"""Name variants across documents (kg.resolve.variants), on hand-made mentions; junk forms; types."""

from __future__ import annotations

from kg.data import lexicon
from kg.resolve import resolve
from kg.resolve.names import initials, is_junk, legal_base, org_key
from kg.resolve.variants import nickname_links
from kg.types import Extraction, Mention, Sentence


def _doc(doc_id, *mentions):
    found, at = [], 0
    for words, label in mentions:
        found.append(Mention(doc_id, 0, words, at, at + len(words), label))
        at += len(words) + 5
    return Extraction(doc_id, (Sentence(0, "", 0, at + 1),), tuple(found), ())


def _nodes(res):
    return sorted(tuple(sorted({e.label, *e.aliases})) for e in res.entities)


def _together(res, *names):
    return any(set(names) <= {e.label, *e.aliases} for e in res.entities)


def test_legal_forms_and_spelling_give_one_key():
    lex = lexicon()
    assert legal_base("Aer Lingus Group PLC") == "Aer Lingus"
    assert len({org_key(n, lex) for n in ("Ford Motor Company", "Ford Motors Co.", "Ford Motor Co.")}) == 1
    assert org_key("U.S. Department of Labor", lex) == org_key("US Labor Department", lex)
    assert org_key("US Federal Reserve", lex) == org_key("United States Federal Reserve", lex)
    assert org_key("Ministry of Defence", lex) == org_key("Defense Ministry", lex)


def test_initials_expand_a_leading_country():
    lex = lexicon()
    assert "usaf" in initials("U.S. Air Force", lex)
    assert "boa" in initials("Bank of America", lex)
    assert "gao" in initials("Government Accountability Office", lex)


def test_junk_forms_are_never_names():
    lex = lexicon()
    assert [f for f in ("Shr", "Avg", "Revs", "Qtr", "Mths", "Co", "Inc", "Corp", "GMT", "Rep")
            if not is_junk(f, lex)] == []
    assert not is_junk("Lockheed", lex) and not is_junk("Bank of America", lex)


def test_country_qualifier_joins_only_when_one_country_claims_it():
    res = resolve([_doc("a", ("US Federal Reserve", "ORG")), _doc("b", ("Federal Reserve", "ORG"))])
    assert _nodes(res) == [("Federal Reserve", "US Federal Reserve")]
    res = resolve([_doc("a", ("US Air Force", "ORG")), _doc("b", ("UAE Air Force", "ORG")),
                   _doc("c", ("Air Force", "ORG"))])
    assert len(res.entities) == 3
    res = resolve([_doc("a", ("US Air Force", "ORG"), ("Air Force", "ORG")), _doc("b", ("UAE Air Force", "ORG"))])
    assert _together(res, "US Air Force", "Air Force") and len(res.entities) == 2


def test_short_form_joins_its_only_claimant_and_a_part_or_branch_claims_nothing():
    res = resolve([_doc("a", ("Northrop Grumman", "ORG"), ("Northrop", "ORG")), _doc("b", ("Northrop", "ORG"))])
    assert _nodes(res) == [("Northrop", "Northrop Grumman")]
    res = resolve([_doc("a", ("White House", "ORG")), _doc("b", ("White House National Security Council", "ORG"))])
    assert len(res.entities) == 2
    res = resolve([_doc("a", ("Ford Australia", "ORG"), ("Ford", "ORG"))])
    assert len(res.entities) == 2
    res = resolve([_doc("a", ("Apple Computer", "ORG"), ("Apple", "ORG")), _doc("b", ("Apple Corps", "ORG"), ("Apple", "ORG"))])
    assert not _together(res, "Apple Computer", "Apple Corps")


def test_short_form_named_before_any_long_form_stands_alone():
    res = resolve([_doc("a", ("Boeing", "ORG"), ("Boeing Defense Systems", "ORG"))])
    assert len(res.entities) == 2


def test_acronym_of_initials_joins_one_claimant_and_a_country_code_never():
    res = resolve([_doc("a", ("Government Accountability Office", "ORG")), _doc("b", ("GAO", "ORG"))])
    assert _nodes(res) == [("GAO", "Government Accountability Office")]
    res = resolve([_doc("a", ("Bank of America", "ORG"), ("BoA", "ORG"))])
    assert _nodes(res) == [("Bank of America", "BoA")]
    res = resolve([_doc("a", ("United Steelworkers", "ORG"), ("US", "GPE"))])
    assert len(res.entities) == 2
    res = resolve([_doc("a", ("General Motors", "ORG"), ("General Mills", "ORG"), ("GM", "ORG"))])
    assert len(res.entities) == 3


def test_clipping_needs_its_long_form_earlier_in_the_same_document():
    res = resolve([_doc("a", ("Federal Reserve", "ORG"), ("Fed", "ORG"))])
    assert _nodes(res) == [("Fed", "Federal Reserve")]
    res = resolve([_doc("a", ("Federal Reserve", "ORG")), _doc("b", ("Fed", "ORG"))])
    assert len(res.entities) == 2


def test_nicknames_from_the_package_join_only_an_unambiguous_given_name():
    assert nickname_links([("bill", "smith"), ("william", "smith")]) == [
        (("bill", "smith"), ("william", "smith"))]
    assert nickname_links([("bill", "smith"), ("william", "smith"), ("robert", "smith")]) == []
    res = resolve([_doc("a", ("Liz Warren", "PERSON")), _doc("b", ("Elizabeth Warren", "PERSON"))])
    assert len(res.entities) == 1


def test_a_surname_that_starts_a_company_name_is_not_its_person():
    res = resolve([_doc("a", ("William Clay Ford", "PERSON"), ("Ford Motor Co.", "ORG"), ("Ford", "ORG")),
                   _doc("b", ("Ford Motor Company", "ORG"), ("Ford", "ORG"))])
    assert not _together(res, "William Clay Ford", "Ford")
    assert _together(res, "Ford Motor Co", "Ford Motor Company", "Ford")


def test_variants_do_not_depend_on_document_order():
    docs = [_doc("a", ("Federal Reserve", "ORG"), ("Fed", "ORG")), _doc("b", ("US Federal Reserve", "ORG")),
            _doc("c", ("Lockheed Martin", "ORG"), ("Lockheed", "ORG")), _doc("d", ("GAO", "ORG")),
            _doc("e", ("Government Accountability Office", "ORG"))]
    assert _nodes(resolve(docs)) == _nodes(resolve(docs[::-1]))


def test_types_follow_evidence_a_legal_form_or_a_country_gazetteer():
    res = resolve([_doc("a", ("Husky Oil Ltd", "PERSON"), ("Mali", "PERSON"))])
    assert sorted((e.label, e.type) for e in res.entities) == [("Husky Oil Ltd", "Organization"), ("Mali", "Place")]


def test_a_lone_name_tagged_differently_in_two_documents_is_one_node_typed_by_all():
    res = resolve([_doc("a", ("Citibank", "PERSON")), _doc("b", ("Citibank", "ORG")), _doc("c", ("Citibank", "ORG"))])
    assert [(e.label, e.type) for e in res.entities] == [("Citibank", "Organization")]


def test_a_position_without_its_office_is_never_shared_by_two_holders():
    from kg.store import Iris
    from kg.types import Role
    iris = Iris()
    assert iris.position(Role("Hosni_Mubarak", "President")) != iris.position(Role("Vladimir_Putin", "President"))
    assert (iris.position(Role("A", "President", "United_States"))
            != iris.position(Role("B", "President", "Egypt")))
    assert iris.position(Role("A", "President", "Egypt")) == iris.position(Role("B", "President", "Egypt"))


def test_a_common_word_the_corpus_writes_in_lower_case_is_no_name():
    text = "sorghum and systems and sorghum and systems"
    ex = Extraction("a", (Sentence(0, text, 0, len(text)),),
                    (Mention("a", 0, "Sorghum", 0, 7, "GPE"), Mention("a", 0, "Systems Inc", 20, 31, "ORG"),
                     Mention("a", 0, "Varitronic Systems Inc", 40, 62, "ORG")), ())
    assert [e.label for e in resolve([ex]).entities] == ["Varitronic Systems Inc"]


def test_a_state_is_never_the_short_form_of_a_company():
    from kg.resolve import resolve
    from kg.types import Extraction, Mention
    ms = lambda d, *xs: Extraction(d, (), tuple(Mention(d, 0, t, 20 * i, 20 * i + len(t), lab)
                                                 for i, (t, lab) in enumerate(xs)), ())
    res = resolve([ms("a", ("Alabama Gas", "ORG")), ms("b", ("Alabama", "GPE"), ("Iowa", "ORG"))])
    assert {e.label: e.type for e in res.entities} == {"Alabama Gas": "Organization", "Alabama": "Place",
                                                        "Iowa": "Place"}
