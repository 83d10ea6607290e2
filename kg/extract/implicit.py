"""Implicit facts carried by noun phrases: apposition, titles before names, possessives, noun + PP
and adjectives. Inserted words ("is", "has", "of") are str items in the relation."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from .modality import Mode, mode
from .parse import Kind, Parse, RawTuple, conjuncts, noun_phrase, place_apposition, trim, verb_group
from .vocabulary import (
    CLAUSAL,
    DEMANDING_VERBS,
    DENYING_VERBS,
    INTENDING_VERBS,
    MEETING_NOUNS,
    NOT_TAKEN_PLACE,
    PREDICATE_POS,
    HONORIFICS,
    LEGAL_FORMS,
    LOCATIVE_PREPS,
    NOMINAL,
    NOT_PROPERTIES,
    ORG_ENTS,
    TITLES,
)


def titled(p: Parse) -> Iterator[RawTuple]:
    """"chairman of the Federation Council Committee Grigory Karasin" → (Grigory Karasin; is
    chairman of; the Federation Council Committee)."""
    for i, (name, prep, of) in p.titled.items():
        title_tok = p.sent.doc[i]
        rel: list[Token | str] = ["is", title_tok, *([prep] if prep is not None else [])]
        yield RawTuple(name, rel, of or None, Kind.TITLE_OF, lemma="be")


def appositions(p: Parse) -> Iterator[RawTuple]:
    for tok in p.by_dep.get("appos", ()):
        if tok.pos_ in NOMINAL and tok.head.pos_ in NOMINAL:
            yield from apposition(p, tok)


def compounds(p: Parse) -> Iterator[RawTuple]:
    """Names and nouns with compounds before them: a title before a name, a name before a noun."""
    named: set[int] = set()
    for comp in p.by_dep.get("compound", ()):
        name = comp.head
        if name.i not in named and name.pos_ == "PROPN" and name.dep_ != "compound":
            named.add(name.i)
            yield from title(p, name)
        elif name.i not in named and name.pos_ == "NOUN" and name.dep_ != "compound":
            named.add(name.i)
            yield from name_compound(p, name)


def possessives(p: Parse) -> Iterator[RawTuple]:
    for tok in p.by_dep.get("poss", ()):
        if tok.pos_ in NOMINAL and tok.head.dep_ != "compound":
            yield from possessive(p, tok)


def _on_nouns(dep: str, rule):
    def apply(p: Parse) -> Iterator[RawTuple]:
        for tok in p.by_dep.get(dep, ()):
            noun = tok.head
            if noun.pos_ in NOMINAL and noun.dep_ not in {"compound", "appos"}:
                yield from rule(p, noun, tok)
    apply.__doc__ = rule.__doc__
    return apply


def _be(tok: Token) -> str:
    """"is" or "was", from the tense of the clause the noun sits in."""
    node = tok
    for _ in range(6):
        if node.pos_ in {"VERB", "AUX"}:
            return "was" if node.tag_ == "VBD" or any(
                c.tag_ == "VBD" and c.dep_ in {"aux", "auxpass"} for c in node.children) else "is"
        if node.head.i == node.i:
            break
        node = node.head
    return "is"


def apposition(p: Parse, appos: Token) -> Iterator[RawTuple]:
    """"Grigory Karasin, Chair of the Federation Council" → (Karasin; is Chair of; …)."""
    if appos.head.i in p.titled:
        return
    owners = [c for c in conjuncts(p, appos.head) if c.i < appos.i]  # "Mark and Marisa, the hosts"
    be = "is"
    prep = next((c for c in p.children(appos, "prep") if c.lower_ in {"of", "to", "at", "for"}),
                None)
    pobj = p.first(prep, "pobj") if prep is not None else None
    if appos.lower_ in LEGAL_FORMS or appos.lower_.rstrip(".") in LEGAL_FORMS:
        return  # "Hunter Helicopter of Nevada, Inc": the name's legal form, not a thing
    place = place_apposition(appos)
    for owner in owners:
        subject = noun_phrase(p, owner)
        if place:  # "Old Tappan, N.J.": the town is in the state, it is not the state
            town = [t for t in subject if not appos.left_edge.i - 1 <= t.i <= appos.right_edge.i]
            yield RawTuple(trim(town), [_be(owner), "in"], trim(p.subtree(appos)), Kind.PLACE_IN,
                           lemma="be")  # "New Jersey", not "Jersey"
            continue
        if pobj is not None:
            noun = [t for t in noun_phrase(p, appos) if not (prep.i <= t.i <= prep.right_edge.i)]
            yield RawTuple(subject, [be, *noun, prep], noun_phrase(p, pobj), Kind.APPOS_OF,
                           lemma="be")
            continue
        yield RawTuple(subject, [be], noun_phrase(p, appos), Kind.APPOS, lemma="be")


def _names_an_owner(c: Token, title_tok: Token) -> bool:
    """A compound naming whose title it is: "Kremlin" in "Kremlin spokesperson"."""
    if c.ent_type_ in ORG_ENTS and c.ent_iob_ == "B":
        return True
    return c.i == title_tok.left_edge.i and c.pos_ == "PROPN" and c.lower_ not in TITLES


def _title_of(p: Parse, title_tok: Token) -> tuple[list[Token], list[Token]]:
    """Split a title phrase into its own words and the organisation or place it belongs to."""
    words = [title_tok]
    of: list[Token] = []
    has_poss = p.first(title_tok, "poss") is not None
    for c in p.kids.get(title_tok.i, []):
        if p.dep[c.i] == "poss" or (not has_poss and p.dep[c.i] == "compound"
                                and _names_an_owner(c, title_tok)):
            of.extend(t for t in p.subtree(c) if t.dep_ != "case")
        elif p.dep[c.i] in {"compound", "amod"}:
            words.extend(p.subtree(c))
    return trim(words), trim(of)


def title(p: Parse, name: Token) -> Iterator[RawTuple]:
    """"Kremlin spokesperson Dmitry Peskov" → (Dmitry Peskov; is spokesperson of; Kremlin)."""
    comps = [c for c in p.kids.get(name.i, []) if p.dep[c.i] == "compound" and c.i < name.i]
    if not comps:
        return
    titles = [c for c in comps if c.lower_ in TITLES or (c.pos_ == "NOUN" and c.is_lower)
              and c.lower_ not in HONORIFICS]
    if not titles:
        return
    last = max(titles, key=lambda t: t.i)
    name_toks = [name]
    for c in comps:
        if c.i > last.i:
            name_toks.extend(p.subtree(c))
    name_toks = trim(name_toks)
    if not name_toks or name_toks[0].i <= last.i:
        return
    words, of = _title_of(p, last)
    be = "is"
    if of:
        yield RawTuple(name_toks, [be, *words, "of"], of, Kind.TITLE_OF, lemma="be")
    else:
        yield RawTuple(name_toks, [be], words, Kind.TITLE, lemma="be")


def name_compound(p: Parse, noun: Token) -> Iterator[RawTuple]:
    """"The Aura spacecraft" → (The Aura; is; spacecraft)."""
    comps = [c for c in p.kids.get(noun.i, []) if p.dep[c.i] == "compound" and c.pos_ == "PROPN"]
    if not comps or any(c.i > noun.i or c.ent_type_ in {"DATE", "TIME"} for c in comps):
        return
    name: list[Token] = []
    for c in comps:
        name.extend(p.subtree(c))
    det = p.first(noun, "det")
    yield RawTuple(trim(([det] if det is not None else []) + name), [_be(noun)], [noun],
                   Kind.COMPOUND, lemma="be")


def possessive(p: Parse, owner: Token) -> Iterator[RawTuple]:
    """"Britain 's relationship with Spain" → (Britain; has; relationship with Spain)."""
    owned = owner.head
    if owned.pos_ not in {"NOUN", "PROPN"}:
        return
    owner_toks = [t for t in noun_phrase(p, owner) if t.dep_ != "case"]
    thing = [t for t in noun_phrase(p, owned)
             if not (owner.left_edge.i <= t.i <= owner.right_edge.i)
             and not (t.dep_ == "case" and t.head is owner)]
    verb = "had" if _be(owned) == "was" else "has"
    if owner_toks and thing:
        yield RawTuple(owner_toks, [verb], trim(thing), Kind.POSS, lemma="have")


def meetings(p: Parse) -> Iterator[RawTuple]:
    """"Umerov described his meeting with Kellogg" → (his; meeting with; Kellogg), read "met
    with": a meeting its owner had, unless the clause it sits in says it did not take place
    ("cancelled his meeting", "his planned meeting", "wants his meeting") or is not asserted."""
    for owner in p.by_dep.get("poss", ()):
        noun = owner.head
        if noun.pos_ != "NOUN" or noun.lower_ not in MEETING_NOUNS or owner.pos_ not in {
                "PRON", "PROPN", "NOUN"}:
            continue
        if any(c.lower_ in NOT_TAKEN_PLACE for c in p.children(noun, "amod", "compound")):
            continue
        prep = next((c for c in p.children(noun, "prep") if c.lower_ == "with"), None)
        pobj = p.first(prep, "pobj") if prep is not None else None
        if pobj is None:
            continue
        verb = noun.head
        for _ in range(4):
            if verb.pos_ in PREDICATE_POS or verb.head.i == verb.i:
                break
            verb = verb.head
        stance = Mode.ASSERTED
        if verb.pos_ in PREDICATE_POS:
            if verb.lemma_ in NOT_TAKEN_PLACE | INTENDING_VERBS | DEMANDING_VERBS | DENYING_VERBS:
                continue
            stance = mode(p, verb, verb_group(p, verb))
        subject = [t for t in noun_phrase(p, owner) if t.dep_ != "case"]
        for other in conjuncts(p, pobj):
            yield RawTuple(subject, [noun, prep], noun_phrase(p, other), Kind.MEETING,
                           lemma="meet", mode=stance.value)


def noun_pp(p: Parse, noun: Token, prep: Token) -> Iterator[RawTuple]:
    """"Four other countries in Europe" → (Four other countries; are in; Europe)."""
    if noun.i in p.titled:
        return
    such = p.first(prep, "amod", "advmod") if prep.lower_ == "as" else None
    if such is not None and such.lower_ != "such":
        such = None
    if prep.lower_ not in LOCATIVE_PREPS and such is None:
        return
    pobj = p.first(prep, "pobj")
    if pobj is None or prep.ent_iob_ == "I":  # a name's own PP: "University of Florida"
        return
    subject = trim([t for t in noun_phrase(p, noun)
                    if not (prep.left_edge.i <= t.i <= prep.right_edge.i)])
    be = _be_agreeing(noun)
    if such is not None:  # "projects , such as literacy and oceanographic research"
        for item in conjuncts(p, pobj):
            yield RawTuple(subject, [be, such, prep], noun_phrase(p, item), Kind.SUCH_AS,
                           lemma="be")
        return
    kind = Kind.NOUN_OF if prep.lower_ == "of" else Kind.NOUN_PP
    yield RawTuple(subject, [be, prep], noun_phrase(p, pobj), kind, lemma="be")


def adjective(p: Parse, noun: Token, amod: Token) -> Iterator[RawTuple]:
    """"a fume - filled coal mine" → (a coal mine; is; fume - filled)."""
    if amod.i > noun.i or amod.tag_ in {"JJR", "JJS", "CD"} or amod.ent_type_ in ORG_ENTS \
            or amod.lower_ in NOT_PROPERTIES:
        return
    adj = trim(p.subtree(amod, CLAUSAL))
    rest = [t for t in p.subtree(noun, CLAUSAL | {"prep", "conj", "cc"})
            if not (amod.left_edge.i <= t.i <= amod.right_edge.i) and t.dep_ != "poss"
            and not (t.head.dep_ == "poss")]
    if adj and rest:
        yield RawTuple(trim(rest), [_be_agreeing(noun)], adj, Kind.AMOD, lemma="be")


def _be_agreeing(noun: Token) -> str:
    be = _be(noun)
    return "are" if be == "is" and noun.tag_ in {"NNS", "NNPS"} else be


noun_pps = _on_nouns("prep", noun_pp)
adjectives = _on_nouns("amod", adjective)
