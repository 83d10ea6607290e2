"""Resolution on hand-made mentions."""

from __future__ import annotations

from kg.resolve import normalise_name, resolve
from kg.types import Extraction, Mention, Phrase, Sentence, Triple


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
    triple = Triple("d", 0, Phrase("Karasin", 0, 7, 0), Phrase("leads", 8, 13, 8), Phrase("Russia", 14, 20, 14))
    ex = Extraction("d", (sent,), (_mention("d", 0, "Karasin"), _mention("d", 14, "Russia", "GPE")), (triple,))
    [fact] = resolve([ex]).facts
    assert (fact.subject, fact.relation, fact.object, fact.object_is_entity) == (
        "Person/Karasin", "leads", "Place/Russia", True)
    assert fact.evidence[0].sentence == text


def test_normalise_name():
    assert normalise_name("the  Kremlin’s") == "kremlin"
