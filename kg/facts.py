"""The graph's fact layer: which readings the graph keeps, and as what.

A reading (an extracted triple) enters the graph only at `GRAPH_MIN_CONFIDENCE` confidence or above,
with a subject that is an entity and an object that is a node or a value:

- an entity (the object's head falls on a resolved mention);
- a typed value (spaCy's DATE, MONEY, CARDINAL, PERCENT, QUANTITY on the head): xsd:date,
  xsd:gYearMonth, xsd:gYear, xsd:integer or xsd:decimal; a value kg cannot normalise is dropped;
- a thing without a proper name ("the ceasefire", "Trump's proposal"): a `Node` of kind Thing,
  one per document and normalised head phrase (docs/facts.md);
- what a speaker said (a reporting verb with a clause): a `Node` of kind Claim.

Its property is the canonical one (kg.relations) or one minted from the relation's normal form.
A reading attributed to a speaker (other than a news agency reporting the news), or negated, hypothetical or demanded, is kept as a statement
only (`attributed_to`, `modality`): it never becomes a plain triple. n-ary extras with a
canonical reading ("arrived … in Kyiv": arrive in → visited) are readings too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import Decimal, InvalidOperation

from .data import title_words
from .defaults import GRAPH_MIN_CONFIDENCE
from .relations import Canonical, canonical_relation, inverted_text, minted_relation
from .resolve.ids import local_name, safe_local_name
from .types import Entity, Evidence, Extraction, Fact, Node, Phrase, Triple

EntityAt = Callable[[str, int], "str | None"]
Within = Callable[[str, int, int], "list[tuple[int, int, str]]"]

NEWS_AGENCY = "NewsAgency"
# the value forms of kg.extract.objects.VALUE_LABELS that kg writes as typed literals (TIME and
# ORDINAL have no XSD form here); kg.extract is not imported, it loads spaCy
TYPED_LABELS = frozenset({"DATE", "MONEY", "CARDINAL", "PERCENT", "QUANTITY"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
PRONOUN_OWNERS = frozenset({"his", "her", "its", "their", "our", "my", "your"})
SCALE = {"thousand": 10**3, "million": 10**6, "mln": 10**6, "billion": 10**9, "bln": 10**9,
         "billion-dollar": 10**9, "trillion": 10**12}
_NUMBER = re.compile(r"(?<![\w.])([-+]?\d[\d,]*(?:\.\d+)?|\.\d+)")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def fact_layer(extractions: Iterable[Extraction], entity_at: EntityAt,
               entities: dict[str, Entity], within: Within,
               threshold: float = GRAPH_MIN_CONFIDENCE) -> tuple[tuple[Fact, ...], tuple[Node, ...]]:
    """The facts the graph keeps from `extractions` and the thing and claim nodes they need.

    `entity_at(doc, offset)` is the entity of the mention covering an offset; `within(doc,
    start, end)` lists (start, end, entity) of the mentions inside a span.
    """
    layer = _Layer(entity_at, entities, within)
    for ex in extractions:
        sentences = {s.index: s for s in ex.sentences}
        for t in ex.triples:
            if t.confidence >= threshold and t.object is not None:
                layer.add(t, sentences[t.sentence].text)
    return layer.result()


class _Layer:
    def __init__(self, entity_at: EntityAt, entities: dict[str, Entity], within: Within) -> None:
        self.entity_at = entity_at
        self.entities = entities
        self.within = within
        self.report_verbs = title_words()["report"]
        self.nodes: dict[str, Node] = {}
        self.merged: dict[tuple, list[Evidence]] = defaultdict(list)
        self.texts: dict[tuple, str] = {}

    def add(self, t: Triple, sentence: str) -> None:
        doc = t.doc_id
        subject = self.entity_at(doc, t.subject.head)
        if subject is None:
            return
        speaker = None
        if t.attribution is not None:
            speaker = self.entity_at(doc, t.attribution.head)
            if speaker is None:
                return  # a claim kg cannot attribute to an entity
            if self.entities[speaker].kind == NEWS_AGENCY:
                speaker = None  # "…, TASS reported": an agency's report is the news itself
        evidence = Evidence(doc, sentence, _start(t), _end(t), t.confidence)
        obj = self.object(t, subject)
        if obj is not None:
            obj_id, kind, datatype, classes = obj
            self.reading(subject, normal_form(t), t.relation.text,
                         obj_id, kind, datatype, classes, speaker, t.modality, t.object.text, evidence)
        for extra in t.extras:
            place = self.extra_entity(doc, extra)
            if place is None or place == subject:
                continue
            norm = f"{t.lemma} {extra.text.split()[0].casefold()}"
            classes = self.classes(place)
            canonical = canonical_relation(norm, classes)
            if canonical is not None and not canonical.inverse:
                ev = Evidence(doc, sentence, min(_start(t), extra.start), max(_end(t), extra.end),
                              t.confidence)
                self.reading(subject, norm, f"{t.relation.text} {extra.text.split()[0]}", place,
                             "entity", "", classes, speaker, t.modality, extra.text, ev)

    def object(self, t: Triple, subject: str) -> tuple[str, str, str, frozenset[str]] | None:
        """(object id or lexical value, kind, datatype, classes it has) or None: not a node."""
        doc = t.doc_id
        entity = self.entity_at(doc, t.object.head)
        if entity is not None:
            return (None if entity == subject else (entity, "entity", "", self.classes(entity)))
        if t.object_form in TYPED_LABELS:
            text = t.object_core.text if t.object_core else t.object.text
            value = typed_value(t.object_form, text)
            return None if value is None else (value[0], "value", value[1], frozenset())
        if t.object_form == "NOUN" and t.object_core is not None:
            node = self.thing(doc, t.sentence, t.object_core)
            return None if node is None else (node, "thing", "", frozenset({"Node", "Any"}))
        if t.kind.endswith("ccomp") and t.lemma in self.report_verbs:
            return self.claim(doc, t.object, subject), "claim", "", frozenset({"Any"})
        return None

    def classes(self, entity_id: str) -> frozenset[str]:
        entity = self.entities[entity_id]
        return frozenset({entity.type, entity.kind or entity.type, "Entity", "Node", "Any"})

    def reading(self, subject: str, norm: str, relation: str, obj: str, kind: str, datatype: str,
                classes: frozenset[str], speaker: str | None, modality: str, object_text: str,
                evidence: Evidence) -> None:
        chosen: Canonical = canonical_relation(norm, classes) or minted_relation(
            norm, node_object=kind != "value", reversible=kind == "entity")
        if chosen.inverse:  # only ever with an entity object: subjects are entities
            subject, obj = obj, subject
            relation = inverted_text(relation, norm)  # "is led by" → "leads": read as the triple
        key = (subject, chosen.predicate, relation, obj, kind, datatype, speaker, modality)
        self.merged[key].append(evidence)
        if key not in self.texts or len(object_text) < len(self.texts[key]):
            self.texts[key] = object_text

    def thing(self, doc: str, sentence: int, core: Phrase) -> str | None:
        """The node of a thing without a proper name: one per document and normalised phrase; a
        phrase owned by a pronoun ("his plan") is one per sentence."""
        words = core.text.translate(_QUOTES).split()
        while words and words[0].casefold() in DETERMINERS:
            words = words[1:]
        if not words or not any(c.isalpha() for c in " ".join(words)):
            return None
        label = " ".join(words)
        scope = f"-s{sentence}" if PRONOUN_OWNERS & {w.casefold() for w in words} else ""
        node_id = f"{local_name(label.casefold())}{scope}--{safe_local_name(doc)}"
        if node_id not in self.nodes:
            self.nodes[node_id] = Node(node_id, label, "Thing", doc, self.involves(doc, core))
        return node_id

    def claim(self, doc: str, said: Phrase, speaker: str) -> str:
        """The node of what `speaker` said in the clause `said`: one per document and span."""
        node_id = f"{safe_local_name(doc)}-{said.start}-{said.end}"
        if node_id not in self.nodes:
            self.nodes[node_id] = Node(node_id, said.text, "Claim", doc, self.involves(doc, said),
                                       speaker)
        return node_id

    def involves(self, doc: str, phrase: Phrase) -> tuple[str, ...]:
        """The entities named inside a phrase, sorted."""
        return tuple(sorted({e for _, _, e in self.within(doc, phrase.start, phrase.end)}))

    def extra_entity(self, doc: str, extra: Phrase) -> str | None:
        """The entity a prepositional extra argument names first: "Kyiv" in "in Kyiv Wednesday"."""
        words = extra.text.split()
        if len(words) < 2 or extra.start < 0:
            return None
        after = extra.start + len(words[0]) + 1
        for start, _end, eid in sorted(self.within(doc, after, extra.end)):
            gap = extra_text_between(extra, after, start)
            return eid if all(w.casefold() in DETERMINERS for w in gap.split()) else None
        return None

    def result(self) -> tuple[tuple[Fact, ...], tuple[Node, ...]]:
        facts = []
        for key, evidence in self.merged.items():
            subject, predicate, relation, obj, kind, datatype, speaker, modality = key
            facts.append(Fact(subject, predicate, relation, obj, kind == "entity",
                              tuple(sorted(set(evidence), key=lambda e: (e.doc_id, e.start))),
                              kind, datatype, speaker, modality, self.texts[key]))
        return tuple(facts), tuple(sorted(self.nodes.values(), key=lambda n: n.id))  # kg.resolve sorts the facts


def normal_form(t: Triple) -> str:
    """The relation's normal form as the extractor wrote it; for a record without one, its text
    (a one-word relation as its lemma)."""
    if t.relation_norm:
        return t.relation_norm
    words = t.relation.text.casefold().split()
    return t.lemma if len(words) == 1 and t.lemma else " ".join(words)


def extra_text_between(extra: Phrase, start: int, end: int) -> str:
    return extra.text[max(0, start - extra.start): max(0, end - extra.start)]


def typed_value(label: str, text: str) -> tuple[str, str] | None:
    """(lexical form, XSD datatype) of a value spaCy labelled, or None if kg cannot normalise it:
    "March 11, 2025" → ("2025-03-11", "date"), "10 mln dlrs" → ("10000000", "decimal")."""
    if label == "DATE":
        return _date(text)
    match = _NUMBER.search(text)
    if match is None:
        return None
    try:
        amount = Decimal(match.group(1).replace(",", ""))
    except InvalidOperation:
        return None
    rest = text[match.end():].casefold().split()
    if rest and rest[0] in SCALE:
        amount *= SCALE[rest[0]]
    if label == "CARDINAL" and amount == amount.to_integral_value():
        return str(int(amount)), "integer"
    return _decimal(amount), "decimal"


def _decimal(amount: Decimal) -> str:
    text = format(amount.normalize(), "f")
    return text if "." in text else text + ".0"


def _date(text: str) -> tuple[str, str] | None:
    """An ISO date, year-month or year, when the text gives those parts outright."""
    from dateutil import parser

    try:
        a = parser.parse(text, default=datetime(1904, 1, 1))
        b = parser.parse(text, default=datetime(1908, 2, 2))
    except (ValueError, OverflowError, parser.ParserError):
        return None
    year, month, day = a.year == b.year, a.month == b.month, a.day == b.day
    if year and month and day:
        return a.date().isoformat(), "date"
    if year and month:
        return f"{a.year:04d}-{a.month:02d}", "gYearMonth"
    if year and not day and re.fullmatch(r"\D*\d{4}\D*", text):
        return f"{a.year:04d}", "gYear"
    return None


def _start(t: Triple) -> int:
    return min(p.start for p in (t.subject, t.relation, t.object) if p is not None and p.start >= 0)


def _end(t: Triple) -> int:
    return max(p.end for p in (t.subject, t.relation, t.object) if p is not None)

