"""Resolve: mentions → entities (one node per thing), titles → roles, triples → facts."""

from __future__ import annotations

import dataclasses

import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable

from ..data import Lexicon, lexicon
from ..types import Entity, Evidence, Extraction, Fact, Mention, Resolution
from .admit import admitted
from .ids import assign_ids
from .clusters import (NO_CLASS, Cluster, acronym_definitions, corpus_names, local_clusters,
                       merge_clusters)
from .names import clean_label, fold, name_key, normalise_name, person_name, surname
from .pairs import glue_pairs
from .roles import roles_from_titles

__all__ = ["clean_label", "entity_id", "normalise_name", "resolve"]

SIDE_RELATION = "{head} of"  # "the Russian delegation" is the delegation of Russia


def entity_id(type_: str, label: str) -> str:
    """The resolver's working id; `assign_ids` gives the final, type-free name at the end."""
    slug = re.sub(r"[^\w]+", "_", unicodedata.normalize("NFKC", label)).strip("_")
    return f"{type_}/{slug}"


def resolve(extractions: Iterable[Extraction], lex: Lexicon | None = None) -> Resolution:
    """Group mentions into entities, link pronouns and sides, map triples and titles onto them."""
    lex = lex or lexicon()
    extractions = sorted(extractions, key=lambda e: e.doc_id)
    extractions, moved = glue_pairs(extractions, lex)
    acronyms = acronym_definitions(extractions, lex)
    corpus = corpus_names(extractions)
    local = [c for ex in extractions for c in local_clusters(ex, lex, corpus)]
    clusters = merge_clusters(local, lex, acronyms, corpus)
    from ..digests import extract_vocabulary  # kg.extract loads spaCy: its word lists are read alone

    vocabulary = extract_vocabulary()
    MASCULINE, FEMININE = vocabulary.MASCULINE, vocabulary.FEMININE  # noqa: N806

    book = _Book(lex)
    gendered_words = MASCULINE | FEMININE
    gendered = {(m.doc_id, m.antecedent) for ex in extractions for m in ex.mentions
                if m.label == "PRON" and m.antecedent is not None and m.text.lower() in MASCULINE | FEMININE}
    surnames = {pn.last for c in clusters if c.klass() == "Person" for f in c.forms
                if (pn := person_name(f, lex)) is not None}
    given = given_names(clusters, lex)
    # people's full names and given names in the corpus (the tagger's two-word persons: "Robin"
    # of "Robin Taylor"), for a thing's form that runs on into a person's name
    people = frozenset(f for c in clusters if c.klass() == "Person" for f in c.forms if " " in f)
    firsts = given | {fold(f.split()[0]) for f in people if person_name(f, lex) is not None}
    for c in admitted(clusters, extractions, lex):  # a cluster none of whose names is read whole: no node
        if not _unsupported_person(c, gendered, surnames, lex) and not _unnamed_person(c, gendered, given):
            book.add_cluster(c, firsts, people)
    book.repoint_run_on()
    offices = {(ex.doc_id, t.of) for ex in extractions for t in ex.titles}
    for ex in extractions:
        for m in sorted(ex.mentions, key=lambda m: m.start):
            if m.label == "NAT":
                book.add_nationality(m, create=(m.doc_id, m.start) in offices)
            elif m.label == "SIDE":
                book.add_side(m, ex)
    for (doc_id, start), whole in moved.items():  # the second half of a name cut in two
        if (doc_id, whole) in book.link:
            book.link[(doc_id, start)] = book.link[(doc_id, whole)]
    for ex in extractions:
        for m in ex.mentions:
            if m.label == "PRON" and m.antecedent is not None:
                target = book.link.get((m.doc_id, m.antecedent))
                if target is not None and _fits_pronoun(m.text, book.entities[target], gendered_words):
                    book.link[(m.doc_id, m.start)] = target
                    book.spans[m.doc_id].append((m.start, m.end, target))
    roles = roles_from_titles(extractions, book.link, book.entities, lex)
    book.add_titles(extractions)
    from ..facts import fact_layer  # kg.facts reads kg.resolve.ids: imported here, not at the top

    kinds = {eid: dataclasses.replace(e, kind=lex.kind(e.type, e.label)) for eid, e in book.entities.items()}
    read, nodes = fact_layer(extractions, book.entity_at, kinds, book.within)
    facts = read + tuple(book.side_facts())
    entities = tuple(sorted(kinds.values(), key=lambda e: e.id))
    facts = tuple(sorted(facts, key=Fact.order))
    return assign_ids(Resolution(entities, facts, roles, nodes, mentions=dict(book.link)))


class _Book:
    """The entities being built, their ids, and which mention points at which entity."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.entities: dict[str, Entity] = {}
        self.by_key: dict[str, str] = {}
        self.link: dict[tuple[str, int], str] = {}
        self.spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        self.sides: dict[str, tuple[str, list[Evidence]]] = {}
        self.title_spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        self.run_on: list[tuple[Mention, str]] = []  # a thing's mention that ends on a person's name
        self.person_forms: dict[str, set[str]] = {}  # a person's form → its entities

    def repoint_run_on(self) -> None:
        """A mention of a thing that ends on a person's name ("Secretary of Commerce Malcolm
        Baldrige" read as one name) stands for that person, when one person has that name: the
        head of a phrase written so is the person's surname."""
        for m, person in self.run_on:
            found = self.person_forms.get(person, set())
            if len(found) == 1:
                eid = next(iter(found))
                self.link[(m.doc_id, m.start)] = eid
                spans = self.spans[m.doc_id]
                spans[:] = [(a, b, e) for a, b, e in spans if (a, b) != (m.start, m.end)]
                spans.append((m.start, m.end, eid))

    def _new(self, type_: str, label: str, forms: Iterable[str]) -> str:
        base = entity_id(type_, label)
        eid, n = base, 2
        while eid in self.entities:
            eid, n = f"{base}_{n}", n + 1
        self.entities[eid] = Entity(eid, label, type_, tuple(sorted(set(forms))))
        return eid

    def _point(self, m: Mention, eid: str) -> None:
        self.link[(m.doc_id, m.start)] = eid
        self.spans[m.doc_id].append((m.start, m.end, eid))

    def add_cluster(self, c: Cluster, given: frozenset[str] = frozenset(),
                    people: frozenset[str] = frozenset()) -> None:
        type_ = c.klass()
        forms = c.forms
        if type_ is None or type_ == NO_CLASS or not forms:
            return
        if type_ == "Person" and any(ch.isdigit() for f in forms for ch in f):
            return
        seen = Counter(clean_label(m.text) for m in c.mentions)
        tails: dict[str, str] = {}
        if type_ != "Person":
            seen, tails = _without_trailing_people(seen, given, people)
        eid = self._new(type_, _fullest(seen, type_, self.lex), forms)
        for m in c.mentions:
            self._point(m, eid)
            if clean_label(m.text) in tails:  # its words end on a person: they name him
                self.run_on.append((m, tails[clean_label(m.text)]))
        if type_ == "Person":
            for f in forms:
                self.person_forms.setdefault(f, set()).add(eid)
        if type_ != "Person":
            for f in forms:
                self.by_key.setdefault(name_key(f, self.lex), eid)

    def country(self, word: str, create: bool = True) -> str | None:
        """The entity of the country a word names; made (if `create`) when never named outright."""
        country = self.lex.country_of(word)
        if country is None:
            return None
        key = name_key(country, self.lex)
        if key not in self.by_key:
            if not create:
                return None
            self.by_key[key] = self._new("Place", country, [country])
        return self.by_key[key]

    def add_nationality(self, m: Mention, create: bool) -> None:
        eid = self.country(m.text, create)
        if eid is not None:
            self._point(m, eid)

    def add_side(self, m: Mention, ex: Extraction) -> None:
        *modifier, head = clean_label(m.text).split()
        head = self.lex.side_heads.get(fold(head), head)
        country_id = self.country(" ".join(modifier))
        if country_id is None:
            return
        country = self.entities[country_id].label
        head_class = self.lex.sides.get(fold(head), "Group")
        key = f"side:{country_id}:{fold(head)}"
        if key not in self.sides:
            label = f"{self.lex.adjective.get(country, country)} {head.lower()}"
            self.sides[key] = (self._new(head_class, label, [label]), [])
        eid, evidence = self.sides[key]
        form = clean_label(m.text)
        form = form[0].upper() + form[1:]
        ent = self.entities[eid]
        if form not in ent.aliases:
            aliases = tuple(sorted({*ent.aliases, form}))
            self.entities[eid] = Entity(ent.id, ent.label, ent.type, aliases)
        self._point(m, eid)
        sentence = next((s for s in ex.sentences if s.index == m.sentence), None)
        if sentence is not None:
            evidence.append(Evidence(m.doc_id, sentence.text, m.start, m.end, 0.8))

    def side_facts(self) -> Iterable[Fact]:
        for key, (eid, evidence) in sorted(self.sides.items()):
            _, country_id, head = key.split(":", 2)
            yield Fact(eid, "relatedTo", SIDE_RELATION.format(head=head), country_id, True,
                       tuple(sorted(set(evidence), key=lambda e: (e.doc_id, e.start))), "entity")

    def add_titles(self, extractions: list[Extraction]) -> None:
        """A title before or beside a name stands for its holder when a triple's head falls on it:
        'led by chairman of the … Committee Grigory Karasin' is led by Karasin."""
        for ex in extractions:
            for t in ex.titles:
                person = self.link.get((ex.doc_id, t.person))
                if person is not None and self.entities[person].type == "Person":
                    self.title_spans[ex.doc_id].append((t.start, t.end, person))

    def within(self, doc_id: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, entity) of the mentions lying inside [start, end) of a document."""
        return [span for span in self.spans.get(doc_id, ()) if start <= span[0] and span[1] <= end]

    def entity_at(self, doc_id: str, offset: int) -> str | None:
        """The entity of the mention covering `offset`, else of the title covering it."""
        for table in (self.spans, self.title_spans):
            spans = table.get(doc_id)
            if not spans:
                continue
            if not isinstance(spans, _SortedSpans):
                spans = table[doc_id] = _SortedSpans(spans)
            found = spans.at(offset)
            if found is not None:
                return found
        return None


class _SortedSpans(list):
    """Spans of one document sorted by start, for offset lookup; the latest-starting span wins."""

    LONGEST = 500  # characters; no mention or title is longer

    def __init__(self, spans) -> None:
        super().__init__(sorted(spans))
        self.starts = [s for s, _, _ in self]

    def at(self, offset: int) -> str | None:
        i = bisect_right(self.starts, offset) - 1
        while i >= 0 and self[i][0] > offset - self.LONGEST:
            start, end, eid = self[i]
            if start <= offset < end:
                return eid
            i -= 1
        return None


def _fits_pronoun(word: str, entity: Entity, gendered_words: frozenset[str]) -> bool:
    """he/she stand for a person, it/its for anything else: the antecedent's mention may carry a
    cue its entity's class overrules ("FCOJ, a spokesman for …" is orange juice, not "He")."""
    return (entity.type == "Person") == (word.lower() in gendered_words)


def _unsupported_person(c: Cluster, gendered: set[tuple[str, int]], surnames: set[str],
                        lex: Lexicon) -> bool:
    """One word that only the tagger calls a person ("Cedel", "Hurriyet", "Valencia" oranges): no
    full name of the corpus has it for a surname, no title or first name beside it, no "he" or
    "she" for it. News names a person in full first, so such a word is rarely one; no node."""
    if c.klass() != "Person" or c.surname_linked or any(len(f.split()) > 1 for f in c.forms):
        return False
    if any(surname(f, lex) in surnames for f in c.forms):
        return False
    return not any(m.cue == "Person" or (m.doc_id, m.start) in gendered for m in c.mentions)


def given_names(clusters: list[Cluster], lex: Lexicon) -> frozenset[str]:
    """Given names: our table, the `nicknames` package's English names, and the first words of
    names the corpus gives a person's title or honorific ("Karl" of "Bundesbank President Karl
    Otto Poehl")."""
    from .variants import _nicknamer
    nn = _nicknamer()
    found = set(lex.first_names) | set(nn.canonical_lookup) | set(nn.nickname_lookup)
    for c in clusters:
        for m in c.mentions:
            words = clean_label(m.text).split()
            if m.cue == "Person" and len(words) > 1:
                found.add(fold(words[0]))
    return frozenset(found)


def _unnamed_person(c: Cluster, gendered: set[tuple[str, int]], given: frozenset[str]) -> bool:
    """Words only the tagger calls a person and no given name starts ("Chiyoda Fire", "Stauffer
    Seeds", "Graven Block"): no title, honorific or "he"/"she" for them either; no node."""
    if c.klass() != "Person" or c.surname_linked or any(
            m.cue == "Person" or (m.doc_id, m.start) in gendered for m in c.mentions):
        return False
    firsts = [f.split()[0] for f in c.forms if len(f.split()) > 1]
    return bool(firsts) and not any(fold(w) in given or "." in w or len(w) == 1 for w in firsts)


def _without_trailing_people(forms: Counter, given: frozenset[str], people: frozenset[str]
                             ) -> tuple[Counter, dict[str, str]]:
    """The forms of a thing without those that run on into a person's name ("Bank of England
    Robin Leigh-Pemberton" of "Governor of the Bank of England Robin Leigh-Pemberton" beside
    "Bank of England"; "Commerce Malcolm Baldrige"): words that are a person's full name in the
    corpus, or another of its forms followed by a given name and capitalised words, with no legal
    form ("McDonnell Douglas Corp" stays). Such a form is no label when another is left; and
    {form: the person's name} for the forms that end on a person of the corpus."""
    from ..data import LEGAL_WORDS
    from ..extract.vocabulary import NAME_PARTICLES
    kept = Counter(forms)
    tails: dict[str, str] = {}
    for form in forms:
        words = form.split()
        for k in range(1, len(words) - 1):
            tail = words[k:]
            if any(fold(w).rstrip(".") in LEGAL_WORDS for w in tail):
                break
            if " ".join(tail) in people:
                tails[form] = " ".join(tail)
                del kept[form]
                break
            head = " ".join(words[:k])
            if (head in forms and fold(tail[0]) in given and fold(tail[0]) not in NAME_PARTICLES
                    and all(w[:1].isupper() for w in tail)):  # not "Banca Nazionale Del Lavoro"
                del kept[form]
                break
    return (kept, tails) if kept else (forms, tails)


def _fullest(forms: Counter, type_: str, lex: Lexicon) -> str:
    """The label: a known canonical name, else the form with most words, then letters, then uses."""
    for f in sorted(forms):
        alias = lex.aliases.get(fold(f))
        if alias is not None and alias[1] == type_ != "Person":
            return alias[0]
    if type_ == "Place":
        # a place is named by its gazetteer name, not by a longer form a merge brought in
        # ("Quebec", not "Province of Quebec"; "Canada", not "Canada Deposit Insurance Act")
        known = [f for f in forms if fold(f) in lex.places or fold(f) in lex.countries
                 or fold(f) in lex.regions or fold(f) in lex.cities]
        if known:
            return max(known, key=lambda f: (forms[f], len(f), f))
    if type_ == "Person":
        def fullness(form: str) -> tuple:
            name = person_name(form, lex)
            # uses before letters: "Reagan" named fifty times, not "the Reagans" once
            return (len(form.split()), bool(name and name.middle), forms[form], len(form), form)
        return max(forms, key=fullness)
    return max(forms, key=lambda f: (len(f.split()), len(f), forms[f], f))
