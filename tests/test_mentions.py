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


def test_firms_named_after_partners_are_one_name(nlp):
    text = ("Drug companies like Wyeth Laboratories and Parke, Davis and Co stopped, said Peter Fellner "
            "of brokers James Capel and Co. Standard and Poor's Corp cut Lowe's Cos Inc today.")
    found = names(nlp, text)
    assert ("Parke, Davis and Co", "ORG") in found
    assert ("James Capel and Co.", "ORG") in found
    assert ("Standard and Poor's Corp", "ORG") in found
    assert ("Lowe's Cos Inc", "ORG") in found
    assert not {"Parke", "Davis", "James Capel", "Poor's Corp", "Cos Inc"} & {n for n, _ in found}


def test_a_person_is_not_extended_past_a_first_name_or_an_acronym(nlp):
    text = "The undersecretary of Economic Affairs Robert Ortner met Vice President of the NPPC Ray Hankes."
    found = [n for n, _ in names(nlp, text)]
    assert "Robert Ortner" in found and "Ray Hankes" in found
    assert "Affairs Robert Ortner" not in found and "NPPC Ray Hankes" not in found


def test_a_name_stops_at_a_lower_case_word_and_drops_dates_and_table_words(nlp):
    found = [n for n, _ in names(nlp, "A Hughes board meeting ended. Shr Royal Dutch rose. Opec February output fell.")]
    assert "Hughes" in found and "Royal Dutch" in found and "Opec" in found
    assert not [n for n in found if n in {"Hughes board", "Shr Royal Dutch", "Opec February"}]


def test_the_last_words_of_a_wrapped_line_stay_with_the_next(nlp):
    text = ("Baker International Corp treasurer Eric\nMattson said the company hoped to iron out the\n"
            "remaining differences with the Justice Department soon, he said on Tuesday.")
    assert "Eric\nMattson" in [n for n, _ in names(nlp, text)]


def test_a_stock_symbol_in_angle_brackets_is_no_name(nlp):
    found = [n for n, _ in names(nlp, "MTS said Marine Midland Banks Inc <MM> has committed to lend it money.")]
    assert "MM" not in found and "Marine Midland Banks Inc" in found


def test_a_firm_the_tagger_cuts_at_and_is_joined(nlp):
    text = "KEPCO has also been negotiating with Sargent and Lundy Engineers for design work."
    assert "Sargent and Lundy Engineers" in [n for n, _ in names(nlp, text)]


def test_a_ship_or_a_treaty_is_no_node(nlp):
    from kg.resolve import resolve
    text = ("About 7,700 people died when the German liner Wilhelm Gustloff sank. Producers rejected "
            "the International Tin Agreement, said Mike Hall of Acme Corp.")
    labels = {e.label for e in resolve([extract_doc(nlp(text), "t")]).entities}
    assert "Acme Corp" in labels
    assert not labels & {"Wilhelm Gustloff", "International Tin Agreement"}


def test_a_title_before_a_line_break_still_marks_a_person(nlp):
    ex = extract_doc(nlp("An offer was made by Commission president\nJacques Delors today."), "t")
    assert [(m.text, m.cue) for m in ex.mentions if m.text == "Jacques Delors"] == [("Jacques Delors", "Person")]
