"""The parse runs only what the extractor reads, with the same results as the full pipeline."""

from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from kg.extract import DEFAULT_MODEL

TRICKY = ("There is a man who ain't gonna go. Let's go, y'all! I gave it to you and you gave it "
          "to me.  \n\n  I ain't gotta tell you nothin' . C'mon, we're gonna win. It isn't that I "
          "don't care, but he'd have had it. Whether or not, though, that is what they do.")


@pytest.fixture(scope="module")
def full_nlp():
    return spacy.load(DEFAULT_MODEL)


def test_cached_attribute_ruler_equals_spacys(nlp, full_nlp):
    ours, theirs = nlp(TRICKY), full_nlp(TRICKY)
    columns = [TAG, POS, MORPH, DEP, HEAD]
    assert numpy.array_equal(ours.to_array(columns), theirs.to_array(columns))
    assert [t.pos_ for t in ours if t.lower_ in {"there", "is", "gon", "na"}][:4] == [
        "PRON", "VERB", "VERB", "PART"]


def test_verbs_keep_their_lemmas_and_other_words_get_none(nlp, full_nlp):
    text = "The minister led the talks, met reporters and is leading the party."
    ours, theirs = nlp(text), full_nlp(text)
    assert {t.text: t.lemma_ for t in ours if t.pos_ in {"VERB", "AUX"}} == {
        "led": "lead", "met": "meet", "is": "be", "leading": "lead"}
    assert all(a.lemma_ == b.lemma_ for a, b in zip(ours, theirs) if a.pos_ in {"VERB", "AUX"})
    assert ours.to_array([LEMMA])[[t.i for t in ours if t.text == "talks"]].tolist() == [0]


TREES = TRICKY + (" Grigory Karasin, chairman of the Federation Council Committee, said on Monday"
                  " that the talks in Van Nuys, Calif., which lasted \"hours\", left him hopeful."
                  " Shares of Pepsico Inc rose 5.5 pct to 22 billion dlrs in revenue.")
READ = ("i", "idx", "text", "whitespace_", "lower_", "lemma_", "pos_", "tag_", "dep_", "ent_type_",
        "ent_iob_", "is_lower", "is_punct", "is_space", "like_num", "is_alpha", "is_title",
        "text_with_ws")


def test_tokens_read_once_equal_spacys_tokens(nlp):
    from kg.extract.parse import TokDoc

    doc = nlp(TREES)
    toks = TokDoc(doc)
    assert len(toks) == len(doc) and toks.doc is doc
    for tok, ref in zip(toks, doc):
        assert [getattr(tok, a) for a in READ] == [getattr(ref, a) for a in READ]
        for walk in ("lefts", "rights", "children", "subtree", "ancestors"):
            assert [t.i for t in getattr(tok, walk)] == [t.i for t in getattr(ref, walk)], walk
        assert (tok.head.i, tok.left_edge.i, tok.right_edge.i) == (
            ref.head.i, ref.left_edge.i, ref.right_edge.i)
        assert tok.head is toks[ref.head.i]  # one object per token
        assert hash(tok) == hash(ref) and len(tok) == len(ref) and str(tok) == str(ref)
        assert tok.morph == ref.morph  # any other attribute is the spaCy Token's
    a, b = toks[0], toks[1]
    assert a == toks[0] and a != b and a < b and not a > b and a != None  # noqa: E711
    assert [t.i for t in toks[2:5]] == [2, 3, 4]
    assert toks.text == doc.text and toks.ents == doc.ents
    toks.release()
    assert len(toks) == 0
