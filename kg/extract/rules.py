"""Clause rules over a dependency parse: one generator per construction family."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
OBJECTS = frozenset({"dobj", "attr", "acomp", "oprd"})
VERB_GROUP = frozenset({"aux", "auxpass", "neg", "prt"})
ARG_CUT = frozenset({"relcl", "appos", "acl", "advcl", "punct", "cc", "conj", "prep"})


@dataclass
class RawTuple:
    subject: list[Token]
    relation: list[Token | str]
    object: list[Token] | None
    extras: list[list[Token]] = field(default_factory=list)
    confidence: float = 0.5
    kind: str = "svo"
    lemma: str = ""


def expand_noun(tok: Token) -> list[Token]:
    """The noun phrase of `tok`: its subtree without clauses, appositions or conjuncts."""
    keep = [tok]
    for child in tok.children:
        if child.dep_ in ARG_CUT and not (child.dep_ == "prep" and child.text == "of"):
            continue
        keep.extend(expand_noun(child) if child.dep_ != "prep" else list(child.subtree))
    return sorted(keep, key=lambda t: t.i)


def verb_group(verb: Token) -> list[Token]:
    return sorted([verb, *(c for c in verb.children if c.dep_ in VERB_GROUP)], key=lambda t: t.i)


def subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        return subject_of(verb.head)
    return None


def clause_tuples(sent: Span) -> Iterator[RawTuple]:
    """All tuples of one sentence."""
    for tok in sent:
        if tok.pos_ in {"VERB", "AUX"} and tok.dep_ not in {"aux", "auxpass"}:
            yield from verb_tuples(tok)
        if tok.dep_ == "appos" and tok.head.pos_ in {"PROPN", "NOUN"}:
            yield RawTuple(expand_noun(tok.head), ["is"], expand_noun(tok), confidence=0.6,
                           kind="appos", lemma="be")


def verb_tuples(verb: Token) -> Iterator[RawTuple]:
    subj = subject_of(verb)
    if subj is None or subj.tag_ in {"WDT", "WP"}:
        return
    rel = verb_group(verb)
    subject = expand_noun(subj)
    lemma = verb.lemma_
    emitted = False
    for child in verb.children:
        if child.dep_ in OBJECTS:
            yield RawTuple(subject, rel, expand_noun(child), confidence=0.7, lemma=lemma)
            emitted = True
        elif child.dep_ == "ccomp":
            yield RawTuple(subject, rel, [t for t in child.subtree if t.dep_ != "mark"],
                           confidence=0.5, kind="ccomp", lemma=lemma)
            emitted = True
    for child in verb.children:
        if child.dep_ in {"prep", "agent"}:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and not emitted:
                yield RawTuple(subject, [*rel, child], expand_noun(pobj), confidence=0.55,
                               kind="svp", lemma=lemma)
                emitted = True
