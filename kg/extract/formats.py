"""Writers for `kg extract`: one triple a line as TSV, JSON Lines or CaRB system output."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict

from ..types import Triple


def _args(t: Triple) -> list[str]:
    return [t.subject.text, *([t.object.text] if t.object else [""]), *(e.text for e in t.extras)]


def to_tsv(sentence: str, t: Triple) -> str:
    return "\t".join([t.doc_id, str(t.sentence), f"{t.confidence:.3f}", t.subject.text,
                      t.relation.text, t.object.text if t.object else "",
                      *(e.text for e in t.extras)])


def to_jsonl(sentence: str, t: Triple) -> str:
    return json.dumps({**asdict(t), "sentence_text": sentence}, ensure_ascii=False)


BE_FORMS = frozenset({"is", "are", "was", "were", "am"})


def carb_relation(t: Triple) -> str:
    """The relation as CaRB writes it: an inserted copula becomes "be" (it matches any be-form)."""
    words = t.relation.text.split()
    for i in t.inserted:
        if words[i] in BE_FORMS:
            words[i] = "be"
    return " ".join(words)


def to_carb(sentence: str, t: Triple) -> str:
    """CaRB system format: sentence, confidence, relation, arg1, arg2, extra arguments."""
    return "\t".join([sentence, f"{t.confidence:.4f}", carb_relation(t), *_args(t)])


FORMATS: dict[str, Callable[[str, Triple], str]] = {
    "tsv": to_tsv,
    "jsonl": to_jsonl,
    "carb": to_carb,
}
