"""Extraction on small real sentences with the real model: exact tuples."""

from __future__ import annotations

from kg.extract import extract_doc


def triples(nlp, text):
    return {(t.subject.text, t.relation.text, t.object.text if t.object else None)
            for t in extract_doc(nlp(text), "t").triples}


def test_active_svo(nlp):
    assert ("Karasin", "leads", "the Russian delegation") in triples(nlp, "Karasin leads the Russian delegation.")


def test_passive_keeps_agent(nlp):
    got = triples(nlp, "The Russian negotiators are led by Grigory Karasin.")
    assert ("The Russian negotiators", "are led by", "Grigory Karasin") in got


def test_apposition_is_implicit_copula(nlp):
    got = triples(nlp, "Serhii Leshchenko, a Ukrainian presidential adviser, spoke on Sunday.")
    assert ("Serhii Leshchenko", "is", "a Ukrainian presidential adviser") in got


def test_offsets_point_into_the_text(nlp):
    text = "Moscow said nothing. Karasin leads the Russian delegation."
    ex = extract_doc(nlp(text), "t")
    t = next(t for t in ex.triples if t.subject.text == "Karasin")
    assert text[t.subject.start:t.subject.end] == "Karasin"
    assert ex.sentences[t.sentence].text == "Karasin leads the Russian delegation."
