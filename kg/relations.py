"""Canonical relations: map a relation's normal form onto an ontology property, or mint one.

The table is data (kg/data/relations.tsv): the normal form ("be lead by", see
kg.extract.objects.relation_norm) selects a property, a direction and the class the object
must have (`locatedIn` only to a Place, `memberOf` only to an Organization). Any other relation
gets a property of its own, minted from its normal form under the `kgr:` namespace and declared
`rdfs:subPropertyOf kgo:relatedTo` (`kgo:relatedValue` for a typed value) in the output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import KgError
from .terms import KGO

GENERIC = "relatedTo"
MINTED = "kgr:"  # prefix of minted property names in Fact.predicate
VALUE_SUFFIX = "-value"
TABLE = Path(__file__).with_name("data") / "relations.tsv"
OBJECT_CLASSES = frozenset({"Place", "Organization", "Person", "Entity", "Node", "Any"})
_PASSIVE_BY = re.compile(r"be (.+) by")


@dataclass(frozen=True)
class Canonical:
    """The property a relation maps to; `inverse` when the object is the property's subject."""

    predicate: str
    inverse: bool = False


@lru_cache(maxsize=1)
def relation_table(path: Path = TABLE) -> dict[str, tuple[Canonical, str]]:
    """normal form → (Canonical, object class), read from the TSV; every property must be an
    ontology term."""
    table = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        row = line.split("\t")
        if len(row) != 4 or not all(f.strip() for f in row):
            raise KgError(f"{path}:{number}: expected 4 non-empty tab-separated fields, "
                          f"got {len(row)}: {line!r}")
        relation, prop, direction, object_class = row
        if direction not in {"forward", "inverse"}:
            raise KgError(f"{path}:{number}: direction must be forward or inverse, not {direction!r}")
        if object_class not in OBJECT_CLASSES:
            raise KgError(f"{path}:{number}: object class must be one of "
                          f"{', '.join(sorted(OBJECT_CLASSES))}, not {object_class!r}")
        try:
            KGO[prop]
        except AttributeError:
            raise KgError(f"{path}:{number}: {prop!r} is not a property of the ontology") from None
        table[relation] = (Canonical(prop, direction == "inverse"), object_class)
    return table


def canonical_relation(norm: str, object_classes: frozenset[str] | set[str]) -> Canonical | None:
    """The ontology property of a relation's normal form, if the object has the class it needs."""
    found = relation_table().get(norm)
    if found is None or found[1] not in object_classes:
        return None
    return found[0]


def minted_relation(norm: str, node_object: bool, reversible: bool = False) -> Canonical:
    """A property of its own for a relation outside the canonical set: "kgr:meet_at"; with a
    `reversible` (entity) object, a passive with its agent ("be praise by") reads backwards, as
    the active verb. A value's property ends in "-value" (a datatype property)."""
    passive = _PASSIVE_BY.fullmatch(norm)
    if passive and reversible:
        return Canonical(MINTED + property_name(passive.group(1)), inverse=True)
    if node_object:
        return Canonical(MINTED + property_name(norm))
    return Canonical(MINTED + property_name(norm) + VALUE_SUFFIX)


def property_name(norm: str) -> str:
    """The flat local name of a minted property: ASCII words joined by `_`, lower case."""
    from .resolve.ids import local_name

    return local_name(norm.casefold()) or "related"


def is_minted(predicate: str) -> bool:
    return predicate.startswith(MINTED)


def minted_label(predicate: str) -> str:
    """The English label of a minted property: its words ("meet at"), "… (value)" for values."""
    name = predicate[len(MINTED):]
    value = name.endswith(VALUE_SUFFIX)
    words = name[: -len(VALUE_SUFFIX)] if value else name
    return words.replace("_", " ") + (" (value)" if value else "")


# The passive's be-form (or the auxiliary before it) decides the active verb's form: "is led by"
# → "leads", "was captured by" → "captured", "has been approved by" → "has approved",
# "will be built by" → "will build", "is being led by" → "is leading".
_PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re"})
_PAST_BE = frozenset({"was", "were"})
_BE = _PRESENT_BE | _PAST_BE | {"be", "been", "being"}
_NOT = frozenset({"not", "n't"})
_HAVE = {"has": "has", "have": "has", "had": "had", "'s": "has", "'ve": "has"}


def inverted_text(relation: str, norm: str) -> str:
    """The relation text of a reading `Canonical.inverse` turned round (normal form "be X by"):
    the active verb ("is led by" → "leads"), or its present form when the text is no plain
    passive ("the delegation led by Karasin" → "leads")."""
    passive = _PASSIVE_BY.fullmatch(norm)
    if passive is None:
        return relation
    lemma = passive.group(1)
    return active_text(relation, lemma) or _inflect(lemma, "VBZ")


def active_text(passive: str, lemma: str) -> str | None:
    """The text of a passive relation ("X is succeeded by Y") read from its agent, as the active
    verb in the same tense ("Y succeeds X"), so an inverted triple's relation text reads in the
    triple's direction; None when the text is not a plain "… be VERB-ed by" (the caller keeps the
    property's label instead). Only called for relations the table or `minted_relation` invert."""
    words, verb_words = passive.split(), len(lemma.split())  # "take over": "was taken over by"
    if len(words) < 2 + verb_words or words[-1].casefold() != "by":
        return None
    be = max((i for i, w in enumerate(words[:-1 - verb_words]) if w.casefold() in _BE),
             default=None)
    if be is None:
        return None
    before, be_word = [w.casefold() for w in words[:be]], words[be].casefold()
    adverbs = words[be + 1:-1 - verb_words]  # "was jointly owned by" → "jointly owned"
    negated = any(w.casefold() in _NOT for w in [*before, *adverbs])
    before = [w for w in before if w not in _NOT]
    adverbs = [w for w in adverbs if w.casefold() not in _NOT]
    no = ["not"] if negated else []
    if be_word in _PRESENT_BE | _PAST_BE and not before:
        if negated:
            verb = ["does" if be_word in _PRESENT_BE else "did", "not", lemma]
        else:
            verb = [_inflect(lemma, "VBZ" if be_word in _PRESENT_BE else "VBD")]
    elif be_word == "been" and before and before[-1] in _HAVE:
        have = _HAVE[before[-1]] if len(before) == 1 else "have"  # "will have", not "will has"
        verb = [*before[:-1], have, *no, _inflect(lemma, "VBN")]
    elif be_word == "be" and before:
        verb = [*before, *no, lemma]
    elif be_word == "being" and before and before[-1] in _PRESENT_BE | _PAST_BE:
        aux = "is" if before[-1] in _PRESENT_BE else "was"
        verb = [*before[:-1], aux, *no, _inflect(lemma, "VBG")]
    else:
        return None
    return " ".join([*verb[:-1], *adverbs, verb[-1]])


def _inflect(lemma: str, tag: str) -> str:
    from lemminflect import getInflection  # loads its inflection table once, on first use

    head, *rest = lemma.split()
    forms = getInflection(head, tag=tag)
    return " ".join([forms[0] if forms else head, *rest])
