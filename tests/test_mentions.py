"""Mention finding on small real sentences with the real model: names, titles, sides."""

from __future__ import annotations

from kg.extract import extract_doc


def names(nlp, text):
    return [(m.text, m.label) for m in extract_doc(nlp(text), "t").mentions if m.label != "PRON"]


def titles(nlp, text):
    ex = extract_doc(nlp(text), "t")
    at = {m.start: m.text for m in ex.mentions}
    return [(at[t.person], t.title, at.get(t.of)) for t in ex.titles]


def test_titles_before_names_are_stripped_and_become_titles(nlp):
    text = "Ukraine’s Defense Minister Rustem Umerov met Kremlin spokesperson Dmitry Peskov in Riyadh."
    assert [n for n, _ in names(nlp, text)] == ["Ukraine", "Rustem Umerov", "Kremlin", "Dmitry Peskov", "Riyadh"]
    assert titles(nlp, text) == [("Rustem Umerov", "Defense Minister", "Ukraine"),
                                 ("Dmitry Peskov", "spokesperson", "Kremlin")]


def test_apposition_gives_title_and_office(nlp):
    assert titles(nlp, "Dmitry Peskov, the Kremlin’s spokesperson, said on Tuesday that talks would continue.") == [
        ("Dmitry Peskov", "spokesperson", "Kremlin")]
    text = "The talks were led by Sergey O. Beseda, an adviser to the head of the Federal Security Service, or FSB."
    assert titles(nlp, text) == [("Sergey O. Beseda", "adviser", "Federal Security Service")]
    assert [n for n, _ in names(nlp, text)] == ["Sergey O. Beseda", "Federal Security Service", "FSB"]


def test_honorifics_are_stripped_without_a_title(nlp):
    text = "Mr Trump spoke with President Vladimir Putin on Tuesday."
    assert [n for n, _ in names(nlp, text)] == ["Trump", "Vladimir Putin"]
    assert titles(nlp, text) == [("Vladimir Putin", "President", None)]


def test_nationality_names_a_side_only_for_a_delegation(nlp):
    text = "The Russian delegation arrived in Riyadh, and Russian officials said the talks, which lasted all day, were useful."
    assert names(nlp, text) == [("Russian delegation", "SIDE"), ("Riyadh", "GPE"), ("Russian", "NAT")]


def test_pronouns_dates_and_relative_pronouns_are_not_names(nlp):
    ex = extract_doc(nlp("Karasin, who arrived on Monday, said he expected 12 hours of talks."), "t")
    assert [(m.text, m.label == "PRON") for m in ex.mentions] == [("Karasin", False), ("he", True)]


def test_untagged_proper_noun_chunk_with_first_name_is_a_person(nlp):
    text = "Lavrov revealed that the Head of the Russian Direct Investment Fund Kirill Dmitriev took part."
    ex = extract_doc(nlp(text), "t")
    assert [(m.text, m.cue) for m in ex.mentions if m.text == "Kirill Dmitriev"] == [("Kirill Dmitriev", "Person")]
    assert titles(nlp, text) == [("Kirill Dmitriev", "Head", "Russian Direct Investment Fund")]


def test_a_leading_verb_or_preposition_is_not_part_of_a_name(nlp):
    text = "Following Boeing Co. the airline said it would buy jets."
    assert nlp(text).ents[0].text == "Following Boeing Co."  # the tagger's span, which kg trims
    assert names(nlp, text)[0] == ("Boeing Co.", "ORG")
