"""Modality: whether a clause states a fact, or one that is negated, hypothetical or demanded.

Read from the parse: a negation (dep `neg`) or modal auxiliary (tag `MD`) in the relation or on
its verb, a conditional subordinator ("if", "unless") on the clause or a clause above it, or a
governing verb that denies, wishes or demands what its clause says ("refused to", "wants to",
"called for … to visit"); words in kg/data/modality.tsv. Implicit facts of noun phrases assert.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..data import modality_words
from .parse import RawTuple
from .vocabulary import PREDICATE_POS

GOVERNED = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "acl", "relcl"})
CLIMB = 5


def modality(raw: RawTuple) -> str:
    """"" for an asserted clause, else negated, hypothetical or demanded."""
    if raw.source is None:
        return ""
    relation = [t for t in raw.relation if not isinstance(t, str)]
    inside = {t.i for t in relation}
    verbs = [t for t in relation if t.pos_ in PREDICATE_POS and t.dep_ not in {"aux", "auxpass"}]
    if not verbs:
        return ""
    top = next((v for v in verbs if v.head.i not in inside or v.head.i == v.i), verbs[0])
    own = relation + [c for v in verbs for c in v.children if c.dep_ in {"aux", "auxpass", "neg"}]
    if any(t.dep_ == "neg" for t in own):
        return "negated"
    if any(t.tag_ == "MD" for t in own):
        return "hypothetical"
    return _from_above(top)


def _from_above(verb: Token) -> str:
    """The modality a clause takes from its subordinator and the verbs it sits under."""
    words = modality_words()
    node = verb
    for _ in range(CLIMB):
        for mark in (c for c in node.children if c.dep_ == "mark"):
            if words.get(mark.lower_) == "hypothetical":
                return "hypothetical"
        if node.dep_ == "conj":
            node = node.head
            continue
        if node.dep_ not in GOVERNED or node.head.i == node.i:
            return ""
        governor = node.head
        if governor.dep_ == "prep" and governor.head.pos_ in PREDICATE_POS:  # "called for X to visit"
            governor = governor.head
        if governor.pos_ not in PREDICATE_POS:
            return ""
        found = words.get(governor.lemma_.lower())
        if found and node.dep_ != "relcl":
            return found
        if node.dep_ in {"xcomp", "ccomp"}:
            kids = list(governor.children)
            if any(c.dep_ == "neg" for c in kids):
                return "negated"
            if any(c.tag_ == "MD" for c in kids):
                return "hypothetical"
        node = governor
    return ""
