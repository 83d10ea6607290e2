"""Chunked parsing of long texts: pieces cover the text, offsets stay document offsets."""

from __future__ import annotations

import spacy

from kg.extract import extract_doc
from kg.extract.chunks import chunk_spans, pipe_chunked
from kg.types import Document


def test_short_text_is_one_piece():
    assert chunk_spans("Lavrov spoke. Rubio listened.", max_chars=100) == [(0, 29)]


def test_cuts_prefer_line_breaks_then_sentence_ends():
    text = "Lavrov spoke in Riyadh.\nRubio listened. Peskov said nothing. Umerov left."
    spans = chunk_spans(text, max_chars=40, loose_chars=10)
    assert [text[a:b] for a, b in spans] == [
        "Lavrov spoke in Riyadh.\n", "Rubio listened. Peskov said nothing. ", "Umerov left."]


def test_text_without_punctuation_is_cut_at_spaces_every_loose_chars():
    text = " ".join(["word"] * 2000)
    spans = chunk_spans(text, max_chars=1000, loose_chars=100)
    assert "".join(text[a:b] for a, b in spans) == text
    assert max(b - a for a, b in spans) <= 100
    assert all(text[b - 1] == " " for a, b in spans[:-1])


def test_text_without_spaces_is_cut_hard():
    text = "x" * 250
    assert chunk_spans(text, max_chars=100, loose_chars=60) == [(0, 60), (60, 120), (120, 180),
                                                                (180, 240), (240, 250)]


def test_over_max_length_with_a_blank_pipeline():
    nlp = spacy.blank("en")
    nlp.max_length = 5_000
    text = " ".join(f"w{i}" for i in range(10_000))
    ((document, doc),) = pipe_chunked(nlp, [Document("long", text)])
    assert document.id == "long"
    assert doc.text == text
    assert len(doc) == 10_000


def test_offsets_are_document_offsets(nlp):
    text = ("Grigory Karasin led the Russian delegation in Riyadh. Sergey Lavrov praised the talks.\n"
            "Marco Rubio met Lavrov on Tuesday. Keith Kellogg travelled to Kyiv on Wednesday.\n") * 3
    ((_, whole),) = pipe_chunked(nlp, [Document("d", text)], max_chars=100_000)
    ((_, pieces),) = pipe_chunked(nlp, [Document("d", text)], max_chars=120)
    assert pieces.text == text
    extraction = extract_doc(pieces, "d")
    assert len(extraction.sentences) == 12
    assert all(text[s.start:s.end] == s.text for s in extraction.sentences)
    assert all(text[m.start:m.end] == m.text for m in extraction.mentions)
    assert [(m.text, m.start) for m in extraction.mentions] == [
        (m.text, m.start) for m in extract_doc(whole, "d").mentions]
    assert [next(t.subject.text for t in extraction.triples if t.sentence == i)
            for i in (0, 1)] == ["Grigory Karasin", "Sergey Lavrov"]
