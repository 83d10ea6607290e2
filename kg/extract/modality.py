"""Whether a clause is asserted: negated ("did not sign"), hypothetical ("would respond", "if the
tax passed", "agreed to reduce", a purpose "to protect", a noun's "that" clause "a signal that
…"), demanded ("called for Kelly to visit") or
denied ("Denying he was a gangster"). A marked tuple is kept for provenance, not as a plain fact."""

from __future__ import annotations

from enum import Enum

from spacy.tokens import Token

from .parse import Parse, infinitive
from .vocabulary import (
    CONDITIONAL_MARKS,
    DEMANDING_VERBS,
    DENYING_VERBS,
    HYPOTHETICAL_MODALS,
    INTENDING_VERBS,
    NEGATIONS,
    PREDICATE_POS,
)


class Mode(Enum):
    """How a clause stands to the facts; the value is written in `Triple.mode` ("" = asserted)."""

    ASSERTED = ""
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"
    DEMANDED = "demanded"


EMBEDDING = frozenset({"ccomp", "xcomp", "advcl", "conj"})


def mode(p: Parse, verb: Token, relation: list) -> Mode:
    """The mode of the clause headed by `verb` with relation tokens `relation` (its own words,
    chain and shared auxiliaries): its own negation or modal first, then what embeds it."""
    words = [t for t in relation if not isinstance(t, str)]
    if any(t.dep_ == "neg" or t.lower_ in NEGATIONS and t.dep_ in {"neg", "advmod", "det"}
           for t in words):
        return Mode.NEGATED
    if any(c.dep_ == "neg" or c.dep_ == "advmod" and (c.lower_ == "never" or any(
            g.lower_ in NEGATIONS for g in c.children)) for c in p.children(verb)):
        return Mode.NEGATED  # "no longer meets", "never met": the negation outside the relation
    if _yet_to(p, verb, words):
        return Mode.NEGATED  # "has yet to specify": not done
    if any(t.tag_ == "MD" and t.lower_ in HYPOTHETICAL_MODALS for t in words):
        return Mode.HYPOTHETICAL
    node = verb
    for _ in range(6):
        mark = p.first(node, "mark")
        if mark is not None and mark.lower_ in CONDITIONAL_MARKS:
            return Mode.HYPOTHETICAL
        dep, head = node.dep_, node.head
        if dep in {"acl", "ccomp"} and head.pos_ == "NOUN" and mark is not None \
                and mark.lower_ == "that":
            return Mode.HYPOTHETICAL  # "a signal that Moscow was serious": a noun's content
        if dep not in EMBEDDING or head.pos_ not in PREDICATE_POS or head.i == node.i:
            return Mode.ASSERTED
        if dep != "conj" and head not in words:  # "agreed to reduce" says the agreeing
            lemma = head.lemma_
            if lemma in DENYING_VERBS:
                return Mode.NEGATED
            if lemma in DEMANDING_VERBS:
                return Mode.DEMANDED
            if lemma in INTENDING_VERBS or infinitive(p, node) and dep in {"advcl", "xcomp"}:
                return Mode.HYPOTHETICAL
            if dep in {"ccomp", "xcomp"} and _modal(p, head):
                return Mode.HYPOTHETICAL  # "may recommend that the U.S. retaliate": not done
            if any(c.dep_ == "neg" for c in p.children(head)) and dep in {"ccomp", "xcomp"}:
                return Mode.NEGATED  # "did not say that …", "failed … not to"
        node = head
    return Mode.ASSERTED


def _modal(p: Parse, verb: Token) -> bool:
    """The verb has a modal of possibility or obligation ("may recommend", "could say")."""
    return any(c.tag_ == "MD" and c.lower_ in HYPOTHETICAL_MODALS for c in p.children(verb, "aux"))


def _yet_to(p: Parse, verb: Token, words: list[Token]) -> bool:
    """"BankAmerica has yet to specify the types", "is yet to be decided": a "yet" on the verb
    whose infinitive the relation holds says the act has not happened."""
    for t in [verb, *words]:
        if t.lemma_ in {"have", "be"} and any(c.lower_ == "yet" and c.dep_ == "advmod" for c in p.children(t)) \
                and any(c.dep_ == "xcomp" for c in p.children(t)):
            return True
    return False
