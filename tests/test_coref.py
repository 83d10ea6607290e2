"""Pronoun resolution by rules over the real parse, and facts that follow the antecedent."""

from __future__ import annotations

from kg.extract import extract_doc
from kg.resolve import resolve


def links(nlp, text):
    ex = extract_doc(nlp(text), "t")
    at = {m.start: m.text for m in ex.mentions}
    return [(m.text, at.get(m.antecedent)) for m in ex.mentions if m.label == "PRON"]


def test_he_is_the_last_subject_and_they_stays_unresolved(nlp):
    assert links(nlp, "Grigory B. Karasin led the talks. He said they were useful.") == [
        ("He", "Grigory B. Karasin"), ("they", None)]


def test_she_needs_a_person_not_known_as_male(nlp):
    assert links(nlp, "Maria Zakharova met Sergey Lavrov on Monday. She said the talks went well.") == [
        ("She", "Maria Zakharova")]


def test_inside_a_quotation_he_is_not_the_speaker(nlp):
    text = "Lavrov revealed that Kirill Dmitriev participated in “economic facets of our meeting. He outlined certain issues.”"
    assert links(nlp, text) == [("He", "Kirill Dmitriev")]


def test_it_needs_an_organisation_or_place_and_expletive_it_is_dropped(nlp):
    assert links(nlp, "The Kremlin says it wants peace.") == [("it", "Kremlin")]
    assert links(nlp, "Karasin arrived on Monday. It was a long day.") == [("It", None)]


def test_fact_with_pronoun_subject_points_at_the_antecedent(nlp):
    ex = extract_doc(nlp("Grigory B. Karasin arrived in Riyadh. He met Marco Rubio."), "t")
    res = resolve([ex])
    assert [(f.subject, f.relation, f.object) for f in res.facts if f.predicate == "met"] == [
        ("Grigory_B_Karasin", "met", "Marco_Rubio")]
    assert "He" not in {a for e in res.entities for a in e.aliases}


def test_same_fact_in_two_articles_is_one_fact_with_two_sources(nlp):
    a = extract_doc(nlp("Grigory B. Karasin leads the Russian delegation. The talks in Riyadh, Saudi Arabia, went on."), "a")
    b = extract_doc(nlp("Karasin leads the Russian delegation. Talks in Riyadh, Saudi Arabia, ended."), "b")
    [fact] = [f for f in resolve([a, b]).facts if f.predicate == "leads"]
    assert (fact.subject, fact.object, [e.doc_id for e in fact.evidence]) == (
        "Grigory_B_Karasin", "Russian_delegation", ["a", "b"])


def test_a_reporting_pronoun_prefers_the_speaker_of_an_earlier_report(nlp):
    text = "John Smith said the talks went well. Jones arrived on Monday. He said the talks went well."
    assert links(nlp, text) == [("He", "John Smith")]
    # without an earlier report the nearer main-clause subject keeps it
    text = "John Smith met the press. Jones arrived on Monday. He said the talks went well."
    assert links(nlp, text) == [("He", "Jones")]
