"""Relation text of inverted passives: read from the agent, in the passive's tense."""

from __future__ import annotations

import pytest

from kg.relations import inverted_text


@pytest.mark.parametrize(("passive", "norm", "active"), [
    ("is led by", "be lead by", "leads"),
    ("are led by", "be lead by", "leads"),
    ("was succeeded by", "be succeed by", "succeeded"),
    ("was taken over by", "be take over by", "took over"),
    ("has been approved by", "be approve by", "has approved"),
    ("will have been written by", "be write by", "will have written"),
    ("will be built by", "be build by", "will build"),
    ("is being led by", "be lead by", "is leading"),
    ("were not supported by", "be support by", "did not support"),
    ("was jointly owned by", "be own by", "jointly owned"),
    ("led by", "be lead by", "leads"),  # "the delegation led by Karasin": no tense of its own
    ("agreed to be acquired by", "agree to be acquire by", "agreed to be acquired by"),  # not inverted
])
def test_an_inverted_passive_reads_as_its_triple(passive, norm, active):
    assert inverted_text(passive, norm) == active
