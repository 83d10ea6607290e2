"""The extraction rules, declared: each is a function over one sentence's `Parse` with the base
confidence of every construction it builds (tiered by the rule's precision on CaRB dev).
Adding a rule is one function and one line in `RULES`; rules run in this order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from spacy.tokens import Span

from ..defaults import GRAPH_MIN_CONFIDENCE
from . import clauses, implicit
from .confidence import adjust, doubts
from .parse import Kind, Parse, RawTuple, Source


@dataclass(frozen=True)
class Rule:
    name: str
    apply: Callable[[Parse], Iterable[RawTuple]]
    confidence: Mapping[Kind, float]  # base confidence of each construction the rule builds


RULES: tuple[Rule, ...] = (
    Rule("clause", clauses.verbal_tuples,
         {Kind.OBJ: 0.76, Kind.CCOMP: 0.75, Kind.CLAUSE: 0.6, Kind.PP: 0.79, Kind.NONE: 0.5,
          Kind.LIGHT: 0.72, Kind.PP_ARG: 0.72,
          Kind.OBJ_HEAD: 0.76, Kind.PP_HEAD: 0.79}),  # the light-verb reading "attributed the decline to" + demand
    Rule("title_before_name", implicit.titled, {Kind.TITLE_OF: 0.55}),
    Rule("apposition", implicit.appositions, {Kind.APPOS: 0.64, Kind.APPOS_OF: 0.64,
                                            Kind.PLACE_IN: 0.7}),
    Rule("compound", implicit.compounds,
         {Kind.TITLE: 0.55, Kind.TITLE_OF: 0.55, Kind.COMPOUND: 0.46}),
    Rule("possessive", implicit.possessives, {Kind.POSS: 0.2}),
    Rule("meeting", implicit.meetings, {Kind.MEETING: 0.7}),
    Rule("noun_pp", implicit.noun_pps, {Kind.NOUN_PP: 0.35, Kind.NOUN_OF: 0.22, Kind.SUCH_AS: 0.5}),
    Rule("adjective", implicit.adjectives, {Kind.AMOD: 0.3}),
)

# Readings made for the graph only (a PP's own fact, an object cut to its noun): CaRB's n-ary view
# never writes them (kg.extract.formats) and below the graph's threshold nothing reads them.
GRAPH_ONLY = frozenset({Kind.PP_ARG, Kind.OBJ_HEAD, Kind.PP_HEAD})

# A clause's confidence by how it got its subject (borrowed subjects are less reliable).
SOURCE_CONFIDENCE: Mapping[Source, float] = {
    Source.OWN: 0.0, Source.RELCL: -0.04, Source.CONJ: -0.02, Source.ACL: -0.25,
    Source.CONTROL: -0.25}


def clause_tuples(sent: Span, heads: list[int] | None = None,
                  rules: Iterable[Rule] = RULES) -> Iterator[RawTuple]:
    """All tuples of one sentence, rule by rule, each with its final confidence."""
    p = Parse(sent, heads)
    n = len(sent)
    for rule in rules:
        for raw in rule.apply(p):
            base = rule.confidence[raw.kind]
            if raw.source is not None:
                base = round(base + SOURCE_CONFIDENCE[raw.source], 3)
            raw.confidence = base
            raw.doubts = doubts(p, raw)
            raw.confidence = adjust(raw, n)
            if raw.kind in GRAPH_ONLY and raw.confidence < GRAPH_MIN_CONFIDENCE:
                continue
            yield raw
