"""Chunked parsing: long texts go through spaCy in pieces and come back as one Doc.

A text longer than `MAX_CHARS` is cut at a paragraph or line break, else after a sentence end,
and where no sentence end is near (a text without punctuation) at whitespace every `LOOSE_CHARS`,
so no piece reaches `nlp.max_length` and the parser's cost and memory stay linear in the text.
The parsed pieces are joined with `Doc.from_docs` without added whitespace, so the joined Doc's
text is the document text and every offset is a document offset.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..types import Document

MAX_CHARS = 10_000
BATCH_CHARS = 100_000  # at most this much text goes through the parser at once (one process)
LOOSE_CHARS = 2_000
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_FINAL_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_SPACE = re.compile(r"\s+")


def chunk_spans(text: str, max_chars: int = MAX_CHARS, loose_chars: int = LOOSE_CHARS
                ) -> list[tuple[int, int]]:
    """(start, end) pieces covering `text` end to end, each at most `max_chars` long."""
    loose_chars = min(loose_chars, max_chars)
    spans = []
    start = 0
    while len(text) - start > max_chars or (len(text) - start > loose_chars
                                            and not _has_break(text, start)):
        end = _cut(text, start, max_chars, loose_chars)
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _cut(text: str, start: int, max_chars: int, loose_chars: int) -> int:
    """Where the piece from `start` ends: after the last break, sentence end or space in reach."""
    low, high = start + max_chars // 4, start + max_chars
    newline = text.rfind("\n", low, high)
    if newline >= 0:
        return _after_space(text, newline, high)
    last_sentence = None
    for last_sentence in _SENTENCE_END.finditer(text, low, high):
        pass
    if last_sentence is not None:
        return last_sentence.end()
    loose_high = start + loose_chars
    space = max(text.rfind(" ", start + 1, loose_high), text.rfind("\t", start + 1, loose_high))
    if space > start:
        return _after_space(text, space, high)
    return loose_high


def _has_break(text: str, start: int) -> bool:
    return ("\n" in text[start:] or _SENTENCE_END.search(text, start) is not None
            or _FINAL_SENTENCE_END.search(text, start) is not None)


def _after_space(text: str, index: int, high: int) -> int:
    found = _SPACE.match(text, index, high)
    return found.end() if found else index + 1


def pipe_chunked(nlp: Language, documents: Iterable[Document], batch_size: int = 64,
                 n_process: int = 1, max_chars: int = MAX_CHARS) -> Iterator[tuple[Document, Doc]]:
    """Like `nlp.pipe` over the documents' texts, with long texts parsed in pieces and rejoined."""
    max_chars = min(max_chars, nlp.max_length)

    def pieces() -> Iterator[tuple[str, tuple[Document, int]]]:
        for document in documents:
            spans = chunk_spans(document.text, max_chars)
            for number, (start, end) in enumerate(spans):
                yield document.text[start:end], (document, len(spans) - number - 1)

    if n_process == 1:  # batches bounded in characters too: the parser's memory grows with a batch
        parsed_pieces = (pair for batch in _batches(pieces(), batch_size, BATCH_CHARS)
                         for pair in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))
    else:
        parsed_pieces = nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size, n_process=n_process)
    parts: list[Doc] = []
    for parsed, (document, remaining) in parsed_pieces:
        parts.append(parsed)
        if remaining:
            continue
        yield document, parts[0] if len(parts) == 1 else Doc.from_docs(
            parts, ensure_whitespace=False, exclude=["tensor", "user_data"])
        parts = []


def _batches(items: Iterable[tuple[str, object]], size: int, chars: int) -> Iterator[list]:
    """(text, context) pairs in lists of at most `size` pairs and, unless one text is longer,
    `chars` characters."""
    batch: list = []
    total = 0
    for item in items:
        if batch and (len(batch) >= size or total + len(item[0]) > chars):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += len(item[0])
    if batch:
        yield batch
