"""The constructions judged mostly wrong on Reuters (benchmarks/judged/RULES.md, "prec" section)
stay out of the graph; the correct readings beside them stay in. Real spaCy parses, no mocks."""

from __future__ import annotations

from kg.defaults import GRAPH_MIN_CONFIDENCE
from kg.extract import extract_doc
from kg.extract.confidence import DOUBTS


def graph(nlp, text):
    """(subject, relation, object) of the readings the graph keeps (threshold, no modality)."""
    return {(t.subject.text, t.relation.text, t.object.text if t.object else None)
            for t in extract_doc(nlp(text), "t").triples
            if t.confidence >= GRAPH_MIN_CONFIDENCE and not t.modality}


def below(nlp, text, subject, relation):
    """The extractor reads (subject, relation) from `text`, and every such reading is below the
    graph's threshold (a reading never made would pass vacuously)."""
    found = [t for t in extract_doc(nlp(text), "t").triples
             if t.subject.text == subject and t.relation.text == relation]
    return bool(found) and all(t.confidence < GRAPH_MIN_CONFIDENCE for t in found)


def test_every_doubt_costs_enough_to_leave_the_graph():
    # the strongest base confidence is 0.79 (+0.03 for a main clause): each doubt must be able to
    # bring a reading from the middle of the kept band (0.70) below the threshold
    for name, cost in DOUBTS.items():
        assert 0.70 - cost < GRAPH_MIN_CONFIDENCE, name


def test_argument_cut_inside_a_hyphenated_word(nlp):
    got = graph(nlp, 'De Croo said at a news conference "if you limit textile imports, you will '
                     're-orient textiles to Europe."')
    assert not any(o and o.startswith("orient") or "orient" in r for _, r, o in got)
    assert ("De Croo", "said at", "a news conference") in got


def test_it_with_its_referent_in_an_earlier_sentence(nlp):
    text = ("The company said it introduced the HP LaserJet 2000. "
            "It can print 20 pages a minute, and has an entry price of 19,995 dlrs.")
    got = graph(nlp, text)
    assert ("it", "introduced", "the HP LaserJet 2000") in got  # reported by an earlier speaker
    assert not any(s == "It" for s, _, _ in got)
    # the same verb with a name before it in its sentence stays
    assert ("IBM", "can print", "20 pages a minute") in graph(nlp, "IBM can print 20 pages a minute.")


def test_it_said_keeps_its_clause(nlp):
    got = graph(nlp, "It said it introduced a printer.")
    assert ("It", "said", "it introduced a printer") in got
    assert ("it", "introduced", "a printer") in got


def test_told_without_what_was_said(nlp):
    assert below(nlp, "Craxi told the Senate (upper house)", "Craxi", "told")
    assert ("Craxi", "told the Senate", "he would resign") in graph(
        nlp, "Craxi told the Senate he would resign.")


def test_supply_x_with_y_keeps_the_thing_supplied(nlp):
    got = graph(nlp, "Datacopy will supply Xerox with technical support.")
    assert ("Datacopy", "will supply", "Xerox") not in got
    assert ("Datacopy", "will supply Xerox with", "technical support") in got


def test_an_amount_is_no_subject(nlp):
    text = "Of this total, 85 mln SDR's can be drawn over the next 15 months under a standby arrangement."
    assert not any(s == "85 mln SDR's" for s, _, _ in graph(nlp, text))


def test_conjunct_that_lost_its_auxiliary(nlp):
    text = "Klingensmith has resigned as a voting director and become an advisory director."
    got = graph(nlp, text)
    assert ("Klingensmith", "has resigned as", "a voting director") in got
    assert not any(r == "become" for _, r, _ in got)


def test_amount_keeps_its_pp_and_is_not_split_there(nlp):
    got = graph(nlp, "Reagan proposed 22 billion dlrs in revenue as part of his 1988 budget proposal.")
    assert ("Reagan", "proposed", "22 billion dlrs in revenue") in got
    assert not any(r.endswith("dlrs in") or r == "proposed 22 billion dlrs as" for _, r, _ in got)
    got = graph(nlp, "BBL has already raised over 5.5 billion francs in new capital since April 1985.")
    assert ("BBL", "has already raised", "over 5.5 billion francs in new capital") in got
    assert not any(o == "new capital" for _, _, o in got)


def test_a_counted_noun_with_a_determiner_is_no_amount(nlp):
    got = graph(nlp, "General Dynamics Corp. was given an $843 million Air Force contract for "
                     "F-16 aircraft.")
    # the contract with what completes it (prec5), not cut at the amount
    assert any(r == "was given" and o == "an $843 million Air Force contract for F-16 aircraft"
               for _, r, o in got)


def test_pp_reading_that_skips_an_argument(nlp):
    got = graph(nlp, "Henske has served as CEO since 1978 and chairman since 1980.")
    assert not any(r == "has served since" for _, r, _ in got)


def test_fronted_pp_reading(nlp):
    got = graph(nlp, "Under the agreement, Husky will become a private company.")
    assert ("Husky", "will become", "a private company") in got
    assert not any(r.endswith(" Under") for _, r, _ in got)


def test_copula_comparison_cut_in_two(nlp):
    got = graph(nlp, "Exports were 2.837 billion against 3.065 billion.")
    assert not any(r.startswith("were 2.837 billion") for _, r, _ in got)
    # a copula with a plain attribute keeps its PP
    assert ("Attempted murder", "is an offence under", "section 1 of the Act") in graph(
        nlp, "Attempted murder is an offence under section 1 of the Act.")


def test_reported_clause_without_its_subject(nlp):
    assert below(nlp, "And that he said would trigger EC taxes on U.S. goods.", "he", "said")
    assert ("Crandall", "said", "We will own the aircraft") in graph(
        nlp, '"We will own the aircraft," Crandall said.')


def test_reported_clause_does_not_end_on_a_conjunction(nlp):
    for t in extract_doc(nlp("Arango said there would be no catastrophe but that the country "
                             "faced a difficult period."), "t").triples:
        if t.relation.text == "said":
            assert not t.object.text.endswith(" but")


def test_of_phrases_nest_minimally(nlp):
    got = graph(nlp, "Firestone said it has been discussing the possible sale of the plants of "
                     "the company in Iowa with prospective buyers.")
    assert ("it", "has been discussing", "the possible sale of the plants of the company") in got
    assert not any(r == "has been discussing" and "buyers" in o for _, r, o in got)


def test_content_clause_is_no_relative_clause(nlp):
    text = ("Last month, a Texas state appeals court upheld a jury judgment that Texaco "
            "illegally interfered with Pennzoil's plan to acquire Getty Oil in 1983.")
    got = graph(nlp, text)
    assert ("Texaco", "interfered", "a jury judgment") not in got
    assert below(nlp, text, "Texaco", "interfered with")  # what the judgment found, not asserted
    # a relative clause on a content noun still has the noun as its object
    assert ("Moscow", "rejected", "The statement") in graph(
        nlp, "The statement that Moscow rejected was drafted in Riyadh.")


def test_relation_starting_with_to(nlp):
    text = 'But AMR said it was using "rent-a-plane leases" that allow it to operate the aircraft.'
    assert not any(r.startswith("to ") for _, r, _ in graph(nlp, text))


def test_places_in_a_list_are_no_town_and_state(nlp):
    got = graph(nlp, "Peru, Kenya, the Dominican Republic, Costa Rica, Malaysia and Morocco.")
    assert not any(r == "is in" for _, r, _ in got)
    assert ("Old Tappan", "is in", "N.J.") in graph(nlp, "He lives in Old Tappan, N.J., a small town.")
    assert ("Wickenburg", "is in", "Arizona") in graph(
        nlp, "Steelhead will begin mining near Wickenburg, Arizona.")


def test_empty_brackets_leave_with_their_content(nlp):
    got = graph(nlp, "China is currently forecast to export 5.5 mln tonnes of corn during "
                     "1986/87 (Oct-Sept), it said.")
    assert not any("( )" in (o or "") for _, _, o in got)


def test_a_firm_with_its_legal_form_is_not_joined_to_the_next(nlp):
    text = "Lac Minerals Ltd and Cambior Inc said they completed a hole."
    got = {m.text for m in extract_doc(nlp(text), "t").mentions}
    assert "Lac Minerals Ltd" in got
    assert not any(" and " in n for n in got)


def test_said_with_a_noun_object(nlp):
    text = ("Volkswagen U.S. Inc, a subsidiary of Volkswagen AG, said car sales for the February "
            "21 to 28 period fell 42.5 pct to 1,572 from 2,734 cars.")
    assert not any(r == "said" and o == "car sales" for _, r, o in graph(nlp, text))


def test_bare_infinitive_clause_is_not_asserted(nlp):
    text = "But Robert Lutz said the weak dollar would now help Chrysler compete in Europe."
    assert below(nlp, text, "Chrysler", "compete in")
    assert ("Robert Lutz", "said", "the weak dollar would now help Chrysler compete in Europe") in graph(nlp, text)


def test_object_of_attribute_needs_its_pp(nlp):
    got = graph(nlp, "Ruiz Ligero attributed this drop to a lack of demand.")
    assert ("Ruiz Ligero", "attributed", "this drop") not in got
    assert ("Ruiz Ligero", "attributed this drop to", "a lack of demand") in got


def test_sentence_fragment_from_a_bad_split(nlp):
    got = graph(nlp, "and Loan Association said it has signed a letter of intent.")
    assert not got
    assert graph(nlp, "Underwriters are led by Goldman, Sachs and Co.")  # "Co." ends the sentence


# Branch prec2 (benchmarks/judged/RULES.md, "Branch prec2"): classes of the fresh held-back samples.

def test_opinion_under_according_to_a_person_or_a_belief_verb(nlp):
    text = "According to Gaviria, Colombia can hope to earn about 1,500 mln dlrs from coffee exports."
    assert below(nlp, text, "Colombia", "can hope to earn")
    text = "Blinder said it feels it can resolve the issues in dispute."
    assert below(nlp, text, "it", "can resolve")
    assert ("Blinder", "said", "it feels it can resolve the issues in dispute") in graph(nlp, text)
    # a report's or a spokeswoman's figures are the news itself
    assert ("The exchange", "will now submit", "the contract") in graph(
        nlp, "The exchange will now submit the contract to the Commodity Futures Trading "
             "Commission, according to the spokeswoman.")


def test_negation_outside_the_verb_group(nlp):
    text = "The NASD said Blinder no longer meets listing criteria."
    assert not any(s == "Blinder" for s, _, _ in graph(nlp, text))


def test_subject_a_fragment_of_a_longer_name(nlp):
    text = "Porsche Cars North America said it sold 1,815 cars during February."
    assert below(nlp, text, "Porsche Cars North America", "said")


def test_reported_clause_running_over_the_speakers_apposition(nlp):
    text = ("The new European Community dairy regime agreed last night is too complicated and may "
            "destabilise prices, Abele Kuypers, secretary of the dairy section of the Dutch "
            "farmers' organisation Landbouwschap said.")
    assert below(nlp, text, "Landbouwschap", "said")


def test_content_noun_object_without_its_clause(nlp):
    text = "He rejected suggestions the Korean Won is undervalued, and denied any plans for a revaluation."
    assert ("He", "rejected", "suggestions") not in graph(nlp, text)
    assert ("He", "denied", "any plans for a revaluation") in graph(nlp, text)


def test_of_phrase_keeps_its_coordination(nlp):
    got = graph(nlp, "Philip Fricke of Goldman Sachs and Co falls in the middle of the bulls and bears.")
    assert not any(o == "the middle of the bulls" for _, _, o in got)
    assert any(o == "the middle of the bulls and bears" for _, _, o in got)


def test_nested_pp_with_a_gerund_object(nlp):
    text = ("El Salvador and Guatemala both backed Brazil and Colombia at the London talks in "
            "resisting pressures for quotas based on objective criteria.")
    got = graph(nlp, text)
    assert not any(r.endswith("talks in") for _, r, _ in got)
    assert ("El Salvador", "backed Colombia at", "the London talks") in got


# Branch prec3 (benchmarks/judged/RULES.md, "Branch prec3"): misresolved references, cut and
# borrowed objects, opinions without belief verbs.

def _resolved(nlp, *texts):
    """(resolution, entity label of each mention start) of documents d0, d1, … built together."""
    from kg.resolve import resolve
    exs = [extract_doc(nlp(t), f"d{i}") for i, t in enumerate(texts)]
    res = resolve(exs)
    labels = {e.id: e.label for e in res.entities}
    return res, {(doc, start): labels.get(eid) for (doc, start), eid in res.mentions.items()}


def _facts(res):
    labels = {e.id: e.label for e in res.entities}
    labels.update({n.id: n.label for n in res.nodes})
    return {(labels.get(f.subject), f.relation, labels.get(f.object, f.object)) for f in res.facts}


def test_a_lone_surname_beside_another_person_of_that_surname_stays_apart(nlp):
    text = ("President Reagan will visit Rome and West Berlin in June, the White House said.\n"
            "The announcement said Reagan and Nancy Reagan would be in Rome from June 3 to 6.\n"
            "After the summit, Reagan will travel to West Berlin on June 12.\n")
    res, _ = _resolved(nlp, text)
    subjects = {s for s, r, _ in _facts(res) if r == "will travel to"}
    assert subjects == {"Reagan"}
    # with one Reagan in the story the surname is his
    res, _ = _resolved(nlp, "Nancy Reagan will visit Rome. After the summit, Reagan will travel to Bonn.")
    assert {s for s, r, _ in _facts(res) if r == "will travel to"} == {"Nancy Reagan"}


def test_he_is_no_acronym_with_a_title_in_apposition(nlp):
    text = ("There has been no rise in the\nprice of Frozen Concentrated Orange Juice, FCOJ, a "
            "spokesman\nfor the Banco do Brasil's Foreign Trade Department, Cacex,\nsaid.\n"
            "    He was responding to rumours in the international market\nthat Brazil had raised "
            "its FCOJ prices.\n")
    res, labels = _resolved(nlp, text)
    assert labels.get(("d0", text.index("He was"))) is None
    assert not any(r.startswith("was responding") for _, r, _ in _facts(res))


def test_he_of_an_unnamed_spokesman_is_not_the_name_before(nlp):
    text = ("JWT Group Inc has not been approached by former Ted Bates Worldwide Chairman Robert "
            "Jacoby about a stake in JWT Group, a company spokesman said.\n"
            "He said JWT would have no comment on the report.\n")
    _, labels = _resolved(nlp, text)
    assert labels.get(("d0", text.index("He said"))) is None
    # a named speaker keeps his "he"
    text = "Robert Jacoby resigned last week.\nHe said JWT would have no comment on the report.\n"
    _, labels = _resolved(nlp, text)
    assert labels.get(("d0", text.index("He said"))) == "Robert Jacoby"


def test_a_quoted_it_takes_no_name_outside_its_quotation(nlp):
    text = ('Zambia will retain its foreign-exchange auction system, President Kenneth Kaunda said. '
            '"We have not run away from the auction. It has not been abolished at all," he said.')
    _, labels = _resolved(nlp, text)
    assert labels.get(("d0", text.index("It has"))) is None
    text = "Lonrho Plc will retain its auction system. It said the auction would resume."
    _, labels = _resolved(nlp, text)
    assert labels.get(("d0", text.index("It said"))) == "Lonrho Plc"


def test_a_subsidiary_in_apposition_is_not_its_parent(nlp):
    text = ("Nissan Motor Corp U.S.A. said car sales rose to 3,501 from 2,578 cars.\n"
            "For the month, U.S. car sales increased to 7,200 from 6,843 cars, Nissan Motor, a "
            "wholly-owned subsidiary of Nissan Motor Ltd said.\n")
    res, labels = _resolved(nlp, text)
    assert labels[("d0", text.index("Nissan Motor, a"))] != labels[("d0", text.index("Nissan Motor Ltd"))]
    assert not any(s == "Nissan Motor Ltd" for s, r, _ in _facts(res) if r == "said")


def test_an_administration_named_after_its_leader_is_not_him(nlp):
    a = "President Reagan signed the bill. Reagan said he was pleased."
    b = "The Reagan Administration has opposed the measure."
    res, labels = _resolved(nlp, a, b)
    assert labels[("d0", a.index("Reagan said"))] == "Reagan"
    assert labels[("d1", b.index("Reagan Administration"))] == "Reagan Administration"


def test_must_and_ought_are_not_asserted(nlp):
    assert not graph(nlp, '"The Fed ought to hold those applications in abeyance," Gerard said.') & {
        ("The Fed", "ought to hold", "those applications")}
    assert not any(r == "must devalue" for _, r, _ in graph(
        nlp, "The Philippines must devalue the peso if it wants its exports to remain competitive."))


def test_has_yet_to_is_not_done(nlp):
    text = "Although BankAmerica has yet to specify the types of equities it would offer, analysts were upbeat."
    assert not any(s == "BankAmerica" for s, _, _ in graph(nlp, text))
    assert ("BankAmerica", "has specified", "the types of equities") in graph(
        nlp, "BankAmerica has specified the types of equities.")


def test_opinion_in_a_parenthetical_or_under_speculate(nlp):
    assert below(nlp, '"Icahn I think had wanted to sell his airline and there were no takers.',
                 "Icahn", "had wanted to sell")
    text = ("Market sources and analysts speculated that TWA chairman Carl Icahn made the offer in "
            "order to put his own airline into the takeover arena.")
    assert not any(r == "made" for _, r, _ in graph(nlp, text))
    assert ("Carl Icahn", "made", "the offer") in graph(nlp, "Carl Icahn made the offer on Monday.")


def test_an_object_cut_from_its_compound(nlp):
    text = ("Anheuser-Busch Cos' Metal Container Corp said it plans to build a beverage can "
            "manufacturing plant at Chester, N.Y.")
    assert not any(o == "a beverage" for _, _, o in graph(nlp, text))


def test_a_conjunct_that_is_the_next_clauses_subject(nlp):
    text = ("Wallison, who has handled White House legal affairs for the past year, was closely "
            "identified with former chief of staff Donald Regan and his departure had been expected.")
    got = graph(nlp, text)
    assert not any(o == "his departure" for _, _, o in got)
    assert ("Wallison", "was closely identified with", "former chief of staff Donald Regan") in got
    got = graph(nlp, "The exchange was shaken last year by several scandals and trading was suspended several times.")
    assert not any(o == "trading" or r == "was suspended" for _, r, o in got)
    assert ("The exchange", "was shaken by", "several scandals") in got
    got = graph(nlp, "Japan has a rapidly ageing population and minimal social security and its "
                     "workers fear poverty in their old age.")
    assert ("Japan", "has", "minimal social security") in got  # the conjunct before the last
    assert not any(o == "its workers" or r == "fear" for _, r, o in got)


def test_a_speaker_in_apposition_after_a_list(nlp):
    text = ("The treaty will be a model for similar agreements to be negotiated with three other "
            "U.S. possessions -- American Samoa, the Mariana Islands and Guam, the Treasury said.")
    assert not any(s == "American Samoa" and r == "said" for s, r, _ in graph(nlp, text))


def test_a_label_without_its_opening_bracket():
    from kg.resolve.names import clean_label
    assert clean_label("International Monetary) Fund") == "International Monetary Fund"


def test_a_bare_participle_is_no_relation(nlp):
    text = ("Detroit's late February truck sales were generally positive with GM up 10.9 pct, Ford "
            "up 48 pct, Chrysler gaining 46 pct and AMC's jeep sales off 4.0 pct.")
    assert not any(r == "gaining" for _, r, _ in graph(nlp, text))
    text = "Analysts said the speculation also focused on American Express selling 20 pct of the firm."
    assert not any(r == "selling" for _, r, _ in graph(nlp, text))


def test_an_object_without_its_into_phrase(nlp):
    text = "But Redstone turned the situation into a spirited bidding contest."
    got = graph(nlp, text)
    assert ("Redstone", "turned", "the situation") not in got
    assert ("Redstone", "turned the situation into", "a spirited bidding contest") in got


def test_a_nationality_word_as_a_noun_is_not_its_country(nlp):
    text = ("American Airlines flies to the United States and Europe.\n"
            "It said American split the order between Airbus and Boeing to get better prices.")
    res, labels = _resolved(nlp, text)
    assert labels.get(("d0", text.index("American split"))) != "United States"
    _, labels = _resolved(nlp, "The American delegation arrived in Geneva.")
    assert labels.get(("d0", 4)) is not None  # the adjective still points at its country


def test_a_speaker_is_not_he_in_his_quote(nlp):
    text = ("Analyst William Schneider says Reagan's loss of support could be offset by the public.\n"
            '"In the past, he has been able to go around the power elite by appealing directly to the '
            'public," Schneider said.\n')
    _, labels = _resolved(nlp, text)
    assert labels.get(("d0", text.index("he has"))) != "William Schneider"


def test_he_who_reports_is_not_named_in_his_report(nlp):
    text = ('"It condemns Japan without due process," one Japanese official said.\n'
            "That reference spoils what is otherwise a well-thought-out bill introduced by "
            "Democratic Senator Lloyd Bentsen, he said.\n")
    _, labels = _resolved(nlp, text)
    assert labels.get(("d0", text.index("he said"))) != "Lloyd Bentsen"
    # "it" in Reuters' style is the company the clause names
    text = ("Bally Manufacturing Corp said it completed the acquisition of the Golden Nugget. "
            "Bally also acquired various parcels of real estate in Atlantic City, it noted.")
    _, labels = _resolved(nlp, text)
    assert labels.get(("d0", text.index("it noted"))) == "Bally Manufacturing Corp"


# prec5: objects with their complements, doubts, modal embedding, reports in two parts


def test_object_keeps_its_complement_pp_and_infinitive(nlp):
    got = graph(nlp, "The Commission is leading the fight against food surpluses.")
    assert ("The Commission", "is leading", "the fight against food surpluses") in got
    assert ("The Commission", "is leading", "the fight") not in got
    got = graph(nlp, "Roy Burry had a sell recommendation on Pepsico.")
    assert ("Roy Burry", "had", "a sell recommendation on Pepsico") in got
    assert ("Roy Burry", "had", "a sell recommendation") not in got
    got = graph(nlp, "Trelleborg was exercising an option to acquire 65 pct of Boliden.")
    assert ("Trelleborg", "was exercising", "an option to acquire 65 pct of Boliden") in got
    assert ("Trelleborg", "was exercising", "an option") not in got


def test_clause_under_a_modal_is_hypothetical(nlp):
    text = "Wright could announce that the company sold the plant."
    [sold] = [t for t in extract_doc(nlp(text), "t").triples if t.relation.text == "sold"]
    assert sold.modality == "hypothetical"
    assert ("the company", "sold", "the plant") in graph(nlp, "Wright announced that the company sold the plant.")


def test_recommend_demands_its_clause(nlp):
    got = graph(nlp, "The panel recommended that the bank sell its stake.")
    assert not any(s == "the bank" for s, _, _ in got)
    [sell] = [t for t in extract_doc(nlp("The panel recommended that the bank sell its stake."), "t").triples
              if t.relation.text == "sell"]
    assert sell.modality == "demanded"


def test_said_and_added_are_two_reports_of_one_speaker(nlp):
    text = "Smith said the company closed the plant and added that sales fell 10 pct in January."
    triples = extract_doc(nlp(text), "t").triples
    got = {(t.subject.text, t.relation.text, t.object.text) for t in triples}
    assert ("Smith", "said", "the company closed the plant") in got
    assert ("Smith", "added", "sales fell 10 pct in January") in got
    assert not any(s == "the company" and r == "added" for s, r, _ in got)
    [fell] = [t for t in triples if t.relation.text.startswith("fell")][:1]
    assert fell.attribution is not None and fell.attribution.text == "Smith"


def test_relation_that_holds_its_object_and_the_of_of_its_noun(nlp):
    text = "Iraq rejected its OPEC quota of 1.466 mln bpd."
    assert below(nlp, text, "Iraq", "rejected its OPEC quota of")
    assert ("Iraq", "rejected", "its OPEC quota of 1.466 mln bpd") in graph(nlp, text)


def test_verb_whose_complement_was_lost(nlp):
    assert below(nlp, "Dayton Hudson called the pace of February's sales encouraging.",
                 "Dayton Hudson", "called")
    assert ("Dayton Hudson", "called for", "talks") in graph(nlp, "Dayton Hudson called for talks.")


def test_party_and_member_readings_that_are_no_membership(nlp):
    assert not any(r.startswith("joined") for _, r, _ in graph(nlp, "Japan joined the fray."))
    assert not any(r == "is a party to" for _, r, _ in graph(nlp, "The company is a party to the agreement."))
    assert ("Smith", "joined", "the board") in graph(nlp, "Smith joined the board.")
    assert ("Smith", "is a member of", "the board") in graph(nlp, "Smith is a member of the board.")


def test_reported_clause_that_runs_over_a_bad_split(nlp):
    text = "Enviropact said it purchased facilities in Miami and Tampa, Fla. In Miami it bought a plant."
    got = graph(nlp, text)
    assert not any(s == "Enviropact" and r == "said" and "In Miami" in o for s, r, o in got)
    from kg.extract.confidence import _runs_on
    doc = nlp("Atomika will become part of its division, based in Eden Prairie, Minn., The division is part of its group.")
    assert _runs_on(list(doc))
    assert not _runs_on(list(nlp("Atomika, based in Eden Prairie, Minn., will become part of its group.")))


def test_collective_act_given_to_one_of_its_subjects(nlp):
    text = "Landes and Schwartz had reached an agreement with the company."
    assert below(nlp, text, "Landes", "had reached")
    assert below(nlp, text, "Schwartz", "had reached")
    assert ("Landes", "had reached", "an agreement with the company") in graph(
        nlp, "Landes had reached an agreement with the company.")


def test_a_punctuation_mark_parsed_as_a_conjunct_object_is_no_crash(nlp):
    """The parse makes the final "." a conjunct of "line": completing an object phrase must
    not fail on a head that has no phrase (it crashed a MEANTIME build)."""
    text = ("Apple Computer today introduced the new MacBook line, which includes the Macbook "
            "and Macbook Pro.")
    facts = graph(nlp, text)
    assert any(s == "Apple Computer" and "introduce" in r for s, r, _ in facts)


# prec6: a noun's frame (kg/data/words.tsv roles takes_*) keeps its complement in the object

def test_object_keeps_the_complement_the_parse_hung_on_the_verb(nlp):
    text = ("But Johnson warned against reliance on inflow of foreign capital to finance "
            "investment and the budget deficit and keep interest rates stable.")
    got = graph(nlp, text)
    assert ("Johnson", "warned against", "reliance on inflow of foreign capital") in got
    assert ("Johnson", "warned against", "reliance") not in got
    assert not any(r.startswith("warned on") for _, r, _ in got)  # the PP is the noun's
    # a time is the complement of a noun whose frame takes "for"
    text = ("According to the department's Export Sales Report covering transactions in the week "
            "ended February 26, China has outstanding wheat commitments for the 1986/87 season of "
            "30,000 tonnes and 420,000 tonnes for delivery in the 1987/88 season.")
    assert ("China", "has", "outstanding wheat commitments for the 1986/87 season of 30,000 tonnes"
            ) in graph(nlp, text)


def test_a_firm_the_tagger_took_for_a_place_completes_its_noun(nlp):
    text = ("Eastman Kodak Co said it has acquired an 18.7 pct equity interest in Enzon Inc, a "
            "pharmaceutical company specializing in protein therapy.")
    got = graph(nlp, text)
    assert ("it", "has acquired", "an 18.7 pct equity interest in Enzon Inc") in got
    assert ("it", "has acquired", "an 18.7 pct equity interest") not in got


def test_complement_split_between_relation_and_object(nlp):
    # as the article writes it (its line breaks give the parse that hangs "for" on the noun)
    text = ("The wheat season begins June 1.\n    China has total corn commitments for 1986/87 of "
            "1,011,200\ntonnes and soybeans commitments of 157,500 tonnes.")
    got = graph(nlp, text)
    assert ("China", "has", "total corn commitments for 1986/87 of 1,011,200 tonnes") in got
    assert not any(r == "has total corn commitments for" for _, r, _ in got)  # a PP reading, dropped
    text = ("China has total corn commitments for 1986/87 of 1,011,200 tonnes and soybeans "
            "commitments of 157,500 tonnes.")
    assert ("China", "has", "total corn commitments for 1986/87 of 1,011,200 tonnes") in graph(nlp, text)
    assert not any(r == "has soybeans commitments of" for _, r, _ in graph(nlp, text))  # its value
    # a noun's own PP whose object is no amount stays a reading of its own (BenchIE's gold)
    assert ("Reagan", "took", "full responsibility for his own actions") in graph(
        nlp, "Reagan took full responsibility for his own actions.")


def test_reported_clause_ends_before_the_and_of_the_second_report(nlp):
    # as the article writes it: a line break after "and", which the parse hangs on it
    text = ("The FNV said the actual losses were nearer 17 to 20 mln and\nsaid the employers had "
            "inflated the figures as part of their plan.")
    got = graph(nlp, text)
    assert ("The FNV", "said", "the actual losses were nearer 17 to 20 mln") in got
    assert not any(o.endswith("and") for _, r, o in got if r == "said")


def test_coordinated_noun_without_the_adjective_it_shares(nlp):
    text = ("Tandem Computers Inc said it expects higher earnings and revenues in its second "
            "fiscal quarter.")
    got = graph(nlp, text)
    assert ("it", "expects", "higher earnings") in got
    assert ("it", "expects", "revenues") not in got
    assert ("it", "expects", "lower costs") in graph(
        nlp, "Tandem Computers Inc said it expects higher earnings and lower costs in its second fiscal quarter.")


def test_a_quoted_claim_about_a_name_is_the_speakers(nlp):
    text = ('"Brazil is living through a crisis at the moment, and it is not conceivable that '
            'exports be hit," he said.')
    got = graph(nlp, text)
    assert not any(s == "Brazil" for s, _, _ in got)
    assert any(s == "he" and r == "said" and o.startswith("Brazil is living") for s, r, o in got)
    # a straight quote that closes an earlier sentence's quotation opens nothing
    text = '" He declined to comment on the situation of specific nations.'
    assert ("He", "declined to comment on", "the situation of specific nations") in graph(nlp, text)
    assert ("Brazil", "is living through", "a crisis") in graph(
        nlp, "Brazil is living through a crisis at the moment, the ministry said.")


def test_estimated_without_the_value(nlp):
    # words.tsv: estimate object_pp; the "at" PP on the verb or, as the parse may hang it, on the noun
    assert below(nlp, "Calmon estimated stocks as of January 1 at 18 mln bags.", "Calmon", "estimated")
    text = ("He tentatively estimated the Bank of Ceylon's net profits for calendar 1986 at 163 mln "
            "rupees up from 133 mln the previous year.")
    assert not any(r == "estimated" and o.endswith("1986") for _, r, o in graph(nlp, text))


def test_a_quoted_claim_about_a_name_the_tagger_left_a_common_noun(nlp):
    assert not any(s == "The USDA" for s, _, _ in graph(
        nlp, '"The USDA will have to bite the bullet one way or another ...'))
    assert ("The USDA", "will have to bite", "the bullet") in graph(
        nlp, "The USDA will have to bite the bullet one way or another.")


def test_object_or_relation_that_holds_part_of_a_name(nlp):
    text = ("Witco named Smith Barney, Harris Upham and Co Inc as lead manager and Goldman, Sachs "
            "and Co as co-manager of the offering.")
    got = graph(nlp, text)
    assert not any("Co Inc" in r for _, r, o in got)
    # a name the relation holds whole is no cut
    text = ('"We favor shortening the disclosure period to two days," Shad told members of the '
            'House Telecommunications and Finance subcommittee.')
    assert any(r.startswith("told members of the House") for _, r, _ in graph(nlp, text))


def test_coordinated_modifiers_read_as_two_objects(nlp):
    # as the article writes it (a line break inside the phrase gives the split parse)
    text = "Bishop also said it has opened a new sales and service\noffice in Irvine, Calif."
    got = graph(nlp, text)
    assert not any(s == "it" and r.startswith("has opened") for s, r, _ in got)
    assert any(s == "Bishop" and r == "said" for s, r, _ in got)


def test_a_time_between_a_noun_and_its_complement(nlp):
    text = ("Chrysler Overseas Capital Corp said it authorized redemption on April 17 of its "
            "4-3/4 pct and five pct convertible debentures due 1988.")
    got = graph(nlp, text)
    assert ("it", "authorized", "redemption on April 17 of its 4-3/4 pct and five pct convertible "
            "debentures due 1988") in got
    assert ("it", "authorized", "redemption") not in got


def test_a_unit_per_share_stays_with_its_amount(nlp):
    text = ("Today, USAir rejected Icahn's 52 dlr per share offer and said the bid was a "
            "last-minute effort to interfere in its takeover of Piedmont.")
    got = graph(nlp, text)
    assert ("USAir", "rejected", "Icahn's 52 dlr per share offer") in got
    assert not any(r.endswith(" per") or o == "Icahn's 52 dlr" for _, r, o in got)
    got = graph(nlp, "Piedmont received an offer of 65 dlrs cash per share from USAir.")
    assert ("Piedmont", "received", "an offer of 65 dlrs cash per share") in got
    assert not any(r.endswith(" per") for _, r, _ in got)


# Branch prec7: "it said" / "he noted" continues the nearest earlier report, or has no reading.

def test_it_said_continues_the_report_of_the_department_not_a_country(nlp):
    # 2256: "the department said" is the nearest report; Japan only added tonnes
    text = ("Corn sales gained 2,494,900 tonnes in the week ended February 26, the U.S. Agriculture "
            "Department said.\nIn comments on its Export Sales Report, the department said sales "
            "of 1.0 mln tonnes to the USSR were the first sales.\nJapan added 689,700 tonnes to "
            "previous purchases.\nMajor increases were for Belgium, South Korea, Mexico and Italy, "
            "it said.\n")
    _, labels = _resolved(nlp, text)
    assert labels.get(("d0", text.index("it said"))) == "U.S. Agriculture Department"
    # a definite person noun continues the person who spoke before: "The Chase economist"
    text = ('"Domestic costs have increased," Roldan said.\n    The Chase economist also said '
            'commodities markets were depressed.\n    But he added: "They are always pretty '
            'aggressive."\n')
    _, labels = _resolved(nlp, text)
    assert labels.get(("d0", text.index("he added"))) == "Roldan"


def test_he_noted_is_not_a_speaker_before_the_nearest_report(nlp):
    # 2220: the speaker of the sentence before is Paye (named inside an unrecognised title)
    text = ('"It is vital that we work together to bring more freedom and harmony into the world '
            'agricultural trade," U.S. Department of Agriculture Deputy Administrator William '
            'Bailey said.\n    Bailey said his attendance at the two-day meeting, which ends '
            'tomorrow, demonstrated the U.S. recognises the need to adjust its policies to the '
            'changing market environment.\n    The need for urgent reforms is justified by the '
            '"imbalance and tensions of the world economy," the secretary general of the '
            'Organisation for Economic Cooperation and Development Jean-Claude Paye said.\n    '
            'And the forum for such a reform is the General Agreement on Tariffs and Trade, he '
            'noted.\n')
    _, labels = _resolved(nlp, text)
    assert labels.get(("d0", text.index("he noted"))) in {None, "Jean-Claude Paye"}


def test_it_said_is_not_a_name_inside_its_report(nlp):
    # 2288: REPH is only mentioned inside what "it" (Alpha, five sentences back) said
    text = ("Alpha Health Systems Corp said it submitted a merger proposal to the board of REPH "
            "Acquisition Co.\nThe balance of REPH's common stock is owned by members of Republic "
            "management.\nRepublic currently owns 44 hospitals.\nDetails of the proposal were not "
            "disclosed.\nThe proposal provides that REPH would become a wholly-owned subsidiary of "
            "Alpha, it said.\n")
    _, labels = _resolved(nlp, text)
    assert labels.get(("d0", text.index("it said"))) is None
    # the reported clause's own subject is the speaker, Reuters' style
    text = "Bally Manufacturing Corp acquired the casino last year, it noted.\n"
    _, labels = _resolved(nlp, text)
    assert labels.get(("d0", text.index("it noted"))) == "Bally Manufacturing Corp"


def test_it_said_after_a_person_speaks_is_the_company_before(nlp):
    text = ("Ivey Properties Inc said it raised its quarterly dividend.\nChairman John Smith said "
            "earnings would rise.\nIt said the dividends will be paid April one.\n")
    _, labels = _resolved(nlp, text)
    assert labels.get(("d0", text.index("It said"))) == "Ivey Properties Inc"


def test_apposition_of_a_name_inside_a_role_is_no_copula_object(nlp):
    # 2217: the parse coordinates "a nursing home" and "hotel operator" with "the founder"
    text = ("Manor Care Inc said its chairman and chief executive officer, Stewart Bainum Sr., has "
            "resigned his post.\n    The company said he is being replaced by his son, Stewart "
            "Bainum Jr., who has served as vice chairman the past five years.\n    Bainum Sr. was "
            "the founder of Manor Care, a nursing home and hotel operator.\n")
    got = {(s, o) for s, r, o in graph(nlp, text) if r == "was"}
    assert ("Bainum Sr", "the founder of Manor Care") in got
    assert not any(o in {"a nursing home", "hotel operator"} for _, o in got)


def test_bare_conjuncts_of_a_shared_modifier_are_no_objects(nlp):
    # 2246: "home and automobile products": "home" and "automobile" modify "products"
    got = graph(nlp, "Union Carbide sold its battery products, home and automobile products and "
                     "agricultural products businesses in 1986.")
    objects = {o for s, r, o in got if r == "sold"}
    assert "its battery products" in objects
    assert not objects & {"home", "automobile"}
    # a real list keeps its members
    objects = {o for s, r, o in graph(nlp, "Union Carbide sold apples, pears and plums in 1986.")
               if r == "sold"}
    assert objects == {"apples", "pears", "plums"}


def test_a_pp_relation_over_the_verbs_objects_is_doubted(nlp):
    assert below(nlp, '"He (Foley) is willing to give Mr. Naylor some time in this regard," Moos '
                      'said.', "He", "is willing to give in")


def test_a_rather_than_pp_is_no_argument(nlp):
    # a Reuters sentence (articles < 2300) whose parse makes "than those" an argument of
    # "remaining" when the contrast is not recognised; every reading is checked, not only kept ones
    text = ("He says that while Italy's recent achievements are indeed cause for satisfaction and "
            "optimism, the focus now should be on the problems still remaining rather than those "
            "already solved.")
    assert not any("than" in t.relation.text for t in extract_doc(nlp(text), "t").triples)


def test_a_joint_agreement_is_not_one_members_act(nlp):
    assert below(nlp, "France and Yugoslavia agreed to set up a joint economic commission as part "
                      "of efforts to promote commercial links.", "France", "agreed to set up")


def test_limited_object_needs_its_to_pp_and_a_position_its_clause(nlp):
    text = ("The NYSE said it currently limits penalties to a maximum of 25,000 dlrs per charge "
            "against individuals.")
    assert below(nlp, text, "it", "limits")
    assert ("it", "limits penalties to", "a maximum of 25,000 dlrs") in {
        (t.subject.text, t.relation.text, t.object.text)
        for t in extract_doc(nlp(text), "t").triples if t.confidence >= GRAPH_MIN_CONFIDENCE}
    assert below(nlp, "Williams and Audley have refused to recognize Radtech's position that a "
                      "recission has occurred, it said.", "Audley", "have refused to recognize")


def test_he_said_after_a_quotation_follows_the_unnamed_spokesman(nlp):
    # 2018: an unbalanced quotation mark earlier; "he" is the spokesman, not Ruding
    text = ('Finance Minister Onno Ruding said "he favoured lower Dutch rates. '
            'One analyst said Ruding wanted to bring interest rates down. '
            'A Finance Ministry spokesman said lower interest rates were needed. "The cabinet\'s '
            'policy is steady, the guilder has to stay with the mark," he said.\n')
    _, labels = _resolved(nlp, text)
    assert labels.get(("d0", text.index("he said"))) is None


def test_attributed_without_its_to_pp_is_doubted(nlp):
    # the PP reading "attributed the drop in" + prices leaves out what the drop is attributed to
    # (0.75 without the doubt): it is made, and kept below the graph's threshold
    assert below(nlp, "Analysts attributed the drop in prices to speculation.",
                 "Analysts", "attributed the drop in")


def test_he_told_after_a_quoted_official_is_not_the_speaker_before(nlp):
    # 2338: Habbema "was quoted" last; Leao Franco spoke before him
    text = ("Leao Franco said eight hours of talks in Rio de Janeiro ended today. He said six ships "
            "were idle abroad. The head of the National Merchant Marine Authority, Murilo Rubens "
            "Habbema, was quoted today as saying that if the strike continued foreign ships could "
            'be authorized to transport Brazilian exports. "Brazil is living through a crisis at '
            'the moment," he told the Gazeta Mercantil newspaper.\n')
    _, labels = _resolved(nlp, text)
    assert labels.get(("d0", text.index("he told"))) == "Murilo Rubens Habbema"
