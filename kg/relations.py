"""Canonical relations: map an open relation (text + verb lemma) onto an ontology property."""

from __future__ import annotations

GENERIC = "relatedTo"

_BY_LEMMA = {
    "lead": "leads",
    "head": "leads",
    "say": "said",
    "tell": "said",
    "add": "said",
    "state": "said",
    "meet": "met",
    "criticize": "criticized",
    "criticise": "criticized",
}


def canonical_predicate(relation: str, lemma: str) -> str:
    """The ontology property for a relation, or the generic one; passive "is led by" is not "leads"."""
    words = relation.split()
    if words and words[-1] == "by":
        return GENERIC
    return _BY_LEMMA.get(lemma, GENERIC)
