"""What a tuple's parts are, for the graph's fact layer: the object's form (a value, a common
noun, a clause…) and its head phrase, and the relation's normal form."""

from __future__ import annotations

from spacy.tokens import Token

from .parse import Kind, RawTuple, span_head
from .vocabulary import ADDRESSING_VERBS, PREDICATE_POS

# spaCy entity labels of values: they become typed literals (kg.facts)
VALUE_LABELS = frozenset({"DATE", "TIME", "MONEY", "CARDINAL", "PERCENT", "QUANTITY", "ORDINAL"})
CORE_LEFT = frozenset({"det", "predet", "poss", "amod", "compound", "nummod", "nmod", "quantmod",
                       "case", "npadvmod"})
DROPPED = frozenset({"aux", "neg", "advmod", "npadvmod", "det", "punct", "poss", "predet",
                     "nummod", "quantmod", "cc", "intj", "dep", "mark", "amod"})
INSERTED = {"is": "be", "are": "be", "was": "be", "were": "be", "am": "be", "has": "have",
            "had": "have", "have": "have"}


def _head(tokens: list[Token]) -> Token:
    return span_head(tokens) or tokens[0]


def object_form(raw: RawTuple) -> tuple[str, list[Token]]:
    """The object head's value label (DATE, MONEY…) with the value's tokens, or its part of
    speech with, for a common noun, its head phrase ("the exclusion of Ukraine" of "the
    exclusion of Ukraine from the talks"); ("", []) without an object."""
    tokens = [t for t in raw.object or () if not isinstance(t, str)]
    if not tokens:
        return "", []
    inside = {t.i for t in tokens}
    head = _head(tokens)
    if head.ent_type_ in VALUE_LABELS:
        return head.ent_type_, [t for t in _entity(head) if t.i in inside]
    if head.pos_ == "NOUN":
        amount = _amount(head, inside)
        if amount:  # "4,073,000 dlrs", "13 cts", "1,616,101 quintales": spaCy often leaves them untagged
            return "QUANTITY", amount
        return "NOUN", _core(head, inside, of_phrases=1)
    return head.pos_, []


def _entity(tok: Token) -> list[Token]:
    """The tokens of the entity `tok` is in, read from the IOB tags (not by building doc.ents)."""
    doc = tok.doc
    start, end = tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return list(doc[start:end])


def _amount(head: Token, inside: set[int]) -> list[Token]:
    """A number written in digits and its unit noun, when nothing else modifies the unit."""
    lefts = [c for c in head.lefts if c.i in inside and not c.is_punct]
    numbers = [c for c in lefts if c.dep_ == "nummod" and any(ch.isdigit() for t in c.subtree for ch in t.text)]
    if not numbers or any(c.dep_ not in {"nummod", "quantmod", "compound"} for c in lefts):
        return []
    tokens = [t for c in lefts for t in c.subtree if t.i in inside]
    if any(t.is_alpha and t.dep_ == "compound" and not t.like_num for t in tokens):
        return []
    return sorted({*tokens, head}, key=lambda t: t.i)


def _core(head: Token, inside: set[int], of_phrases: int) -> list[Token]:
    """The head with its determiners, possessor and modifiers, and one "of" phrase after it."""
    core = [head]
    for left in head.lefts:
        if left.dep_ in CORE_LEFT:
            core.extend(t for t in left.subtree if t.i in inside)
    if of_phrases:
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i in inside:
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.i in inside:
                    core.append(prep)
                    core.extend(_core(pobj, inside, of_phrases - 1))
                break
    return sorted(set(core), key=lambda t: t.i)


def relation_norm(raw: RawTuple) -> str:
    """The relation's content words, verbs lemmatised, without auxiliaries, negation, adverbs and
    determiners; a passive keeps its "be": "has been involved in" → "be involve in",
    "spoke separately with" → "speak with", "is Chair of" (inserted "is") → "be chair of"."""
    words = []
    addressee = _addressee(raw) | _verb_pp_object(raw)
    for t in raw.relation:
        if not isinstance(t, str) and t.i in addressee:
            continue  # "told TASS (that) …" is a telling: the addressee is not part of the relation
        if isinstance(t, str):
            words.append(INSERTED.get(t.lower(), t.lower()))
        elif t.dep_ == "auxpass":
            words.append("be")
        elif raw.kind is Kind.MEETING and t.pos_ == "NOUN":
            words.append(raw.lemma)  # "meeting with" → "meet with"
        elif t.tag_ == "TO" and words:  # "agreed to appoint" keeps its "to"; a bare "to visit" not
            words.append("to")
        elif t.dep_ in DROPPED or t.tag_ == "MD" or t.is_punct:
            continue
        elif t.pos_ in PREDICATE_POS:
            words.append((t.lemma_ or t.lower_).lower())
        else:
            words.append(t.lower_)
    return " ".join(words)


def _verb_pp_object(raw: RawTuple) -> set[int]:
    """Token indexes of the object words a verb's own PP fact carries in its relation ("met Steve
    Witkoff in" + Riyadh is a meeting in Riyadh: "meet in"); a noun's PP keeps them ("served as
    Prime Minister of" + Australia)."""
    tokens = [t for t in raw.relation if not isinstance(t, str)]
    if raw.kind is not Kind.PP_ARG or not tokens:
        return set()
    if isinstance(raw.relation[-1], str):  # a fronted PP's preposition: the verb's ("In 1879")
        before = tokens
    elif tokens[-1].head.pos_ in PREDICATE_POS:
        before = tokens[:-1]
    else:
        return set()
    return {t.i for t in before if t.pos_ not in PREDICATE_POS and t.tag_ != "TO"
            and t.dep_ not in {"aux", "auxpass", "neg", "prt", "acomp"}}


def _addressee(raw: RawTuple) -> set[int]:
    """Token indexes of the addressee that an addressing verb keeps in its relation ("told reporters",
    "urged Kyiv"; kg.extract.clauses): its object's whole phrase."""
    found: set[int] = set()
    for t in raw.relation:
        if not isinstance(t, str) and t.dep_ == "dobj" and t.head.lemma_ in ADDRESSING_VERBS:
            found.update(w.i for w in t.subtree)
    return found
