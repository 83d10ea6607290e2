"""Writers for `kg extract`: one triple a line as TSV, JSON Lines or CaRB system output."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict

from ..types import Triple
from .parse import Kind
from .registry import GRAPH_ONLY
from .vocabulary import COPULAS


def _args(t: Triple) -> list[str]:
    return [t.subject.text, *([t.object.text] if t.object else [""]), *(e.text for e in t.extras)]


def to_tsv(sentence: str, t: Triple) -> str:
    return "\t".join([t.doc_id, str(t.sentence), f"{t.confidence:.3f}", t.subject.text,
                      t.relation.text, t.object.text if t.object else "",
                      *(e.text for e in t.extras)])


def to_jsonl(sentence: str, t: Triple) -> str:
    return json.dumps({**asdict(t), "sentence_text": sentence}, ensure_ascii=False)


NOUN_MEDIATED = frozenset(k.value for k in Kind if k.noun_mediated)


def carb_fields(t: Triple) -> list[str]:
    """Relation and arguments as CaRB writes them: an inserted copula becomes "be" (it matches
    any be-form), and a noun-mediated relation "is Chair of" + X becomes "be" + "Chair X"."""
    words = t.relation.text.split()
    args = _args(t)
    if t.kind in NOUN_MEDIATED and t.inserted and t.inserted[0] == 0:
        real = [w for i, w in enumerate(words) if i not in t.inserted]
        return ["be", args[0], " ".join([*real, args[1]]), *args[2:]]
    for i in t.inserted:
        if words[i] in COPULAS:
            words[i] = "be"
    return [" ".join(words), *args]


# A PP's own fact ("handcuffed him to" + the bars) restates an extra argument that CaRB's n-ary
# view already writes with its clause, and an object cut to its noun restates the long one: they
# are not written twice.
RESTATED = frozenset(k.value for k in GRAPH_ONLY)


def to_carb(sentence: str, t: Triple) -> str | None:
    """CaRB system format: sentence, confidence, relation, arg1, arg2, extra arguments; None for
    a tuple that only restates another's extra argument (`RESTATED`)."""
    if t.kind.rsplit(":", 1)[-1] in RESTATED:
        return None
    return "\t".join([sentence, f"{t.confidence:.4f}", *carb_fields(t)])


FORMATS: dict[str, Callable[[str, Triple], str | None]] = {
    "tsv": to_tsv,
    "jsonl": to_jsonl,
    "carb": to_carb,
}
