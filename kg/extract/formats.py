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


def to_carb(sentence: str, t: Triple) -> str:
    """CaRB system format: sentence, confidence, relation, arg1, arg2, extra arguments."""
    args = _args(t)
    return "\t".join([sentence, f"{t.confidence:.4f}", t.relation.text, *args])


FORMATS: dict[str, Callable[[str, Triple], str]] = {
    "tsv": to_tsv,
    "jsonl": to_jsonl,
    "carb": to_carb,
}
