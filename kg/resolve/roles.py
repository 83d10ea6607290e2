"""Titles read beside names → Role records: Umerov – Defense Minister – Ukraine."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from ..data import Lexicon
from ..types import Entity, Evidence, Extraction, Role

TITLE_CONFIDENCE = 0.8


def roles_from_titles(extractions: Iterable[Extraction], link: dict[tuple[str, int], str],
                      entities: dict[str, Entity], lex: Lexicon) -> tuple[Role, ...]:
    """One Role per person, title (spelling folded) and office; evidence from every reading."""
    readings: dict[tuple[str, str, str | None], list[tuple[str, Evidence]]] = defaultdict(list)
    for ex in extractions:
        sentences = {s.index: s for s in ex.sentences}
        for t in ex.titles:
            person = link.get((ex.doc_id, t.person))
            if person is None or entities[person].type != "Person":
                continue
            of = link.get((ex.doc_id, t.of)) if t.of is not None else None
            if of == person:
                of = None
            sentence = sentences[t.sentence].text
            evidence = Evidence(ex.doc_id, sentence, t.start, t.end, TITLE_CONFIDENCE)
            readings[(person, lex.title_key(t.title), of)].append((t.title, evidence))
    _fold_unattached(readings)
    roles = []
    order = sorted(readings, key=lambda k: (k[0], k[1], k[2] or ""))
    for (person, key, of), seen in ((k, readings[k]) for k in order):
        spellings = Counter(title for title, _ in seen)
        title = max(spellings, key=lambda s: (lex.title_key(s) == s.casefold(), spellings[s], s))
        evidence = tuple(sorted({e for _, e in seen}, key=lambda e: (e.doc_id, e.start)))
        roles.append(Role(person, title, of, evidence))
    return tuple(roles)


def _fold_unattached(readings: dict) -> None:
    """'President Donald Trump' joins 'US President Donald Trump' when he holds one such office."""
    for person, key, of in [k for k in readings if k[2] is None]:
        offices = [k for k in readings if k[0] == person and k[1] == key and k[2] is not None]
        if len(offices) == 1:
            readings[offices[0]].extend(readings.pop((person, key, None)))
