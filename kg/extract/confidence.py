"""Confidence: a construction's base score (set by its rule, tiered by the rule's precision on
CaRB dev), raised for main clauses and lowered for what makes parses and arguments less reliable:
long sentences, long or pronoun subjects, a missing object."""

from __future__ import annotations

from .parse import RawTuple
from .vocabulary import PRONOUN_TAGS


def adjust(raw: RawTuple, sentence_length: int) -> float:
    """The tuple's final confidence, in (0, 1)."""
    conf = raw.confidence
    if raw.source is not None:  # verbal clauses: parse quality falls with sentence length
        conf -= min(0.15, 0.005 * max(0, sentence_length - 15))
    n_subj = len(raw.subject)
    if n_subj > 10:
        conf -= 0.1
    elif n_subj > 6:
        conf -= 0.05
    if n_subj == 1 and raw.subject[0].tag_ in PRONOUN_TAGS:
        conf -= 0.03
    if not raw.object:
        conf -= 0.05
    if raw.shortened:  # its object runs on over PPs that may not be the noun's: its twin is kept
        conf -= 0.15
    if raw.source is not None and any(not isinstance(t, str) and t.dep_ == "ROOT" for t in raw.relation):
        conf += 0.03  # main clause
    return round(min(0.99, max(0.01, conf)), 4)
