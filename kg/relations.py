"""Canonical relations: map an open relation (text + verb lemma) onto an ontology property.

The table is data (kg/data/relations.tsv): verb lemma and the relation's last word select a
property and a direction; passive "is led by" is `leads` with subject and object swapped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import KgError
from .vocab import KGO

GENERIC = "relatedTo"
TABLE = Path(__file__).with_name("data") / "relations.tsv"
NEGATIONS = frozenset({"not", "n't", "never", "no", "cannot", "nor"})
TAILS = frozenset({"about", "against", "at", "by", "for", "from", "in", "into", "of", "on",
                   "over", "to", "with"})


@dataclass(frozen=True)
class Canonical:
    """The property a relation maps to; `inverse` when the object is the property's subject."""

    predicate: str
    inverse: bool = False


@lru_cache(maxsize=1)
def relation_table(path: Path = TABLE) -> dict[tuple[str, str], Canonical]:
    """(lemma, tail) → Canonical, read from the TSV; every property must be an ontology term."""
    table = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        row = line.split("\t")
        if len(row) != 4 or not all(f.strip() for f in row):
            raise KgError(f"{path}:{number}: expected 4 non-empty tab-separated fields, "
                          f"got {len(row)}: {line!r}")
        lemma, tail, prop, direction = row
        if direction not in {"forward", "inverse"}:
            raise KgError(f"{path}:{number}: direction must be forward or inverse, not {direction!r}")
        try:
            KGO[prop]
        except AttributeError:
            raise KgError(f"{path}:{number}: {prop!r} is not a property of the ontology") from None
        table[(lemma, tail)] = Canonical(prop, direction == "inverse")
    return table


def relation_tail(relation: str) -> str:
    """The relation's last word if it is a preposition ("met with" → "with"), else "-"."""
    words = relation.casefold().split()
    return words[-1] if len(words) > 1 and words[-1] in TAILS else "-"


def canonical_relation(relation: str, lemma: str) -> Canonical:
    """The property for a relation and whether it reads backwards; the generic one if none fits.

    A negated relation ("will never accept", "did not meet") stays generic: it states no fact.
    """
    if NEGATIONS & set(relation.casefold().replace("n't", " n't").split()):
        return Canonical(GENERIC)
    return relation_table().get((lemma.casefold(), relation_tail(relation)), Canonical(GENERIC))


def canonical_key(subject: str, relation: str, lemma: str, obj: str,
                  object_is_entity: bool) -> tuple[str, str, str, str]:
    """(subject, predicate, relation text, object) of a fact, swapped for an inverse relation."""
    canonical = canonical_relation(relation, lemma)
    if not canonical.inverse:
        return subject, canonical.predicate, relation, obj
    if object_is_entity:
        return obj, canonical.predicate, relation, subject
    return subject, GENERIC, relation, obj
