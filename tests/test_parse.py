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
