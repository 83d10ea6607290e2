"""Mentions: named entities, proper-noun chunks and pronouns of a parsed Doc."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from ..types import Mention

PRONOUN_TAGS = frozenset({"PRP", "PRP$", "WP", "WP$", "WDT"})


def _sentence_index(doc: Doc) -> dict[int, int]:
    return {sent.start: i for i, sent in enumerate(doc.sents)}


def mentions(doc: Doc, doc_id: str) -> Iterator[Mention]:
    starts = _sentence_index(doc)
    sent_of = {}
    for sent in doc.sents:
        for tok in sent:
            sent_of[tok.i] = starts[sent.start]
    covered: set[int] = set()
    for ent in doc.ents:
        covered.update(range(ent.start, ent.end))
        yield _mention(ent, ent.label_, doc_id, sent_of)
    for tok in doc:
        if tok.tag_ in PRONOUN_TAGS and tok.i not in covered:
            yield _mention(doc[tok.i:tok.i + 1], "PRON", doc_id, sent_of)
        elif tok.pos_ == "PROPN" and tok.i not in covered and tok.dep_ != "compound":
            span = _propn_chunk(tok)
            if not covered.intersection(range(span.start, span.end)):
                covered.update(range(span.start, span.end))
                yield _mention(span, "PROPN", doc_id, sent_of)


def _propn_chunk(tok: Token) -> Span:
    left = tok.i
    for child in reversed(list(tok.lefts)):
        if child.dep_ == "compound" and child.pos_ == "PROPN" and child.i == left - 1:
            left = child.i
        else:
            break
    return tok.doc[left:tok.i + 1]


def _mention(span: Span, label: str, doc_id: str, sent_of: dict[int, int]) -> Mention:
    return Mention(doc_id, sent_of[span.start], span.text, span.start_char, span.end_char, label,
                   span.root.dep_)
