"""Resolve: mentions → entities, triples → facts between entities."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from .relations import canonical_predicate
from .types import Entity, Evidence, Extraction, Fact, Mention, Resolution, Triple

ENTITY_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "NORP": "Group",
    "EVENT": "Event",
}

_LEADING = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(’s|'s)$")


def normalise_name(text: str) -> str:
    """The key under which two surface forms count as the same name."""
    text = unicodedata.normalize("NFKC", text)
    text = _POSSESSIVE.sub("", _LEADING.sub("", " ".join(text.split())))
    return text.strip(" .,;:").casefold()


def clean_label(text: str) -> str:
    return _POSSESSIVE.sub("", _LEADING.sub("", " ".join(text.split()))).strip(" .,;:")


def entity_id(type_: str, label: str) -> str:
    slug = re.sub(r"[^\w]+", "_", unicodedata.normalize("NFKC", label)).strip("_")
    return f"{type_}/{slug}"


def resolve(extractions: Iterable[Extraction]) -> Resolution:
    """Group named mentions into entities and map triples onto them."""
    extractions = sorted(extractions, key=lambda e: e.doc_id)
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    link: dict[tuple[str, int], tuple[str, str]] = {}
    for ex in extractions:
        full_names: dict[tuple[str, str], tuple[str, str]] = {}
        for m in sorted(ex.mentions, key=lambda m: m.start):
            type_ = ENTITY_TYPES.get(m.label)
            key = normalise_name(m.text)
            if type_ is None or not key:
                continue
            words = key.split()
            if len(words) == 1 and (type_, words[0]) in full_names:
                group = full_names[(type_, words[0])]
            else:
                group = (type_, key)
                if type_ == "Person" and len(words) > 1:
                    full_names[(type_, words[-1])] = group
            groups[group].append(m)
            link[(m.doc_id, m.start)] = group
    entities: dict[tuple[str, str], Entity] = {}
    for group, members in sorted(groups.items()):
        forms = sorted({clean_label(m.text) for m in members})
        label = max(forms, key=lambda f: (len(f.split()), len(f), f))
        entities[group] = Entity(entity_id(group[0], label), label, group[0], tuple(forms))
    spans = _mention_spans(extractions, link)
    facts = _facts(extractions, spans, entities)
    mention_ids = {k: entities[g].id for k, g in link.items()}
    return Resolution(tuple(entities[g] for g in sorted(entities)), facts, mentions=mention_ids)


def _mention_spans(extractions, link) -> dict[str, list[tuple[int, int, tuple[str, str]]]]:
    spans: dict[str, list[tuple[int, int, tuple[str, str]]]] = defaultdict(list)
    for ex in extractions:
        for m in ex.mentions:
            group = link.get((m.doc_id, m.start))
            if group is not None:
                spans[ex.doc_id].append((m.start, m.end, group))
    return spans


def _entity_at(spans, head: int):
    for start, end, group in spans:
        if start <= head < end:
            return group
    return None


def _facts(extractions, spans, entities) -> tuple[Fact, ...]:
    merged: dict[tuple[str, str, str, str], list[Evidence]] = defaultdict(list)
    kinds: dict[tuple[str, str, str, str], bool] = {}
    for ex in extractions:
        sentences = {s.index: s for s in ex.sentences}
        doc_spans = spans.get(ex.doc_id, [])
        for t in ex.triples:
            subj = _entity_at(doc_spans, t.subject.head)
            if subj is None or t.object is None:
                continue
            obj = _entity_at(doc_spans, t.object.head)
            obj_value = entities[obj].id if obj else t.object.text
            key = (entities[subj].id, canonical_predicate(t.relation.text, t.lemma), t.relation.text,
                   obj_value)
            kinds[key] = obj is not None
            s = sentences[t.sentence]
            merged[key].append(Evidence(ex.doc_id, s.text, _start(t), _end(t), t.confidence))
    return tuple(
        Fact(s, p, r, o, kinds[(s, p, r, o)], tuple(sorted(set(ev), key=lambda e: (e.doc_id, e.start))))
        for (s, p, r, o), ev in sorted(merged.items())
    )


def _start(t: Triple) -> int:
    return min(p.start for p in (t.subject, t.relation, t.object) if p is not None and p.start >= 0)


def _end(t: Triple) -> int:
    return max(p.end for p in (t.subject, t.relation, t.object) if p is not None)
