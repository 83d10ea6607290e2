"""The CaRB scorer in benchmarks/carb.py against hand-computed cases, and the pretokenized path."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from kg.api import extract_file
from kg.extract.formats import to_carb

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("carb_bench", ROOT / "benchmarks" / "carb.py")
carb = importlib.util.module_from_spec(_spec)
sys.modules["carb_bench"] = carb
_spec.loader.exec_module(carb)
T = carb.Tuple


def test_pair_score_counts_words_of_each_slot():
    gold = T("was born in", ("Hofmann", "Salt Lake City , Utah"))
    pred = T("was born in", ("Hofmann", "Salt Lake City"))
    # matched 3 + 1 + 3 = 7 of 7 predicted words and of 3 + 1 + 5 = 9 gold words
    assert carb.pair_score(gold, pred) == (1.0, pytest.approx(7 / 9))


def test_predicted_be_matches_any_be_form_but_is_does_not_match_was():
    gold = T("is", ("Bush", "President"))
    assert carb.pair_score(gold, T("be", ("Bush", "President"))) == (1.0, 1.0)
    assert carb.pair_score(gold, T("was", ("Bush", "President"))) == (0.0, 0.0)


def test_missing_object_or_no_relation_word_scores_zero():
    gold = T("leads", ("Karasin", "the delegation"))
    assert carb.pair_score(gold, T("leads", ("Karasin",))) == (0.0, 0.0)
    assert carb.pair_score(gold, T("heads", ("Karasin", "the delegation"))) == (0.0, 0.0)


def test_extra_arguments_join_the_object_in_the_binary_view():
    gold = T("taught at", ("Rodan", "the University", "From 1970"))
    pred = T("taught at", ("Rodan", "the University From 1970"))
    assert carb.pair_score(gold, pred) == (1.0, 1.0)


def test_argument_words_match_as_a_multiset():
    gold = T("met", ("the the", "him"))
    # relation 1 + arg1 1 ("the" once) + arg2 1 = 3; predicted 1 + 1 + 1 = 3; gold 1 + 2 + 1 = 4
    assert carb.pair_score(gold, T("met", ("the", "him"))) == (1.0, 0.75)


def test_said_type_gold_may_match_swapped_arguments_others_may_not():
    said = T("said", ("Karasin", "the talks went well"))
    assert carb.pair_score(said, T("said", ("the talks went well", "Karasin"))) == (1.0, 1.0)
    met = T("met", ("Karasin", "Witkoff"))
    assert carb.pair_score(met, T("met", ("Witkoff", "Karasin"))) == (pytest.approx(1 / 3),
                                                                      pytest.approx(1 / 3))


def test_gold_reader_drops_context_arguments_and_empty_trailing_slots(tmp_path):
    path = tmp_path / "gold.tsv"
    path.write_text("S one .\tis heating up\tCompetition\t\n"
                    "S two . \tgetting\tThey\tsome wins\tC: she added\n", encoding="utf-8")
    assert carb.read_gold(path) == {"S one .": [T("is heating up", ("Competition",))],
                                    "S two .": [T("getting", ("They", "some wins"))]}


def _case():
    gold = {"S": [T("leads", ("Karasin", "the delegation")), T("is", ("Karasin", "a diplomat"))],
            "G": [T("met", ("Umerov", "Witkoff"))]}
    predicted = {
        "S": [T("leads", ("Karasin", "the delegation"), 0.9),   # g1 (1, 1)
              T("be", ("Karasin", "a diplomat"), 0.5),          # g2 (1, 1)
              T("leads", ("Karasin", "Moscow"), 0.2)],          # g1 (2/3, 2/4)
        "U": [T("met", ("Umerov", "Witkoff"), 0.7)],            # no gold for U: ignored
    }
    return gold, predicted


def test_aggregate_precision_recall_per_threshold():
    # threshold 0.2: recall (1 + 1 + 0) / 3, precision greedy 1 + 1 over 3 kept
    # threshold 0.5: recall 2/3, precision 2/2; 0.7 and 0.9: recall 1/3, precision 1/1
    score = carb.score(*_case())
    assert [(t, round(p, 4), round(r, 4)) for t, p, r in score.curve] == [
        (0.2, 0.6667, 0.6667), (0.5, 1.0, 0.6667), (0.7, 1.0, 0.3333), (0.9, 1.0, 0.3333)]


def test_best_f1_threshold_and_auc_with_tied_recall_ordered_by_threshold():
    score = carb.score(*_case())
    assert (score.threshold, score.precision, score.recall) == (0.5, 1.0, pytest.approx(2 / 3))
    assert score.f1 == pytest.approx(0.8)
    # points (2/3, 2/3), (2/3, 1), (1/3, 1), (1/3, 1), (0, 1): area 0 + 1/3 + 0 + 1/3
    assert score.auc == pytest.approx(2 / 3)


def test_greedy_precision_is_one_to_one():
    gold = {"S": [T("leads", ("Karasin", "the delegation"))]}
    twice = {"S": [T("leads", ("Karasin", "the delegation"), 0.5)] * 2}
    score = carb.score(gold, twice)
    assert (score.precision, score.recall) == (0.5, 1.0)


def test_pretokenized_lines_keep_their_tokens(nlp, tmp_path):
    line = "Hofmann was born in Salt Lake City , Utah ."
    path = tmp_path / "dev.txt"
    path.write_text(line + "\n", encoding="utf-8")
    rows = [row.split("\t") for s, t in extract_file(path, nlp=nlp, pretokenized=True)
            if (row := to_carb(s, t)) is not None]
    assert [line, "was born in", "Hofmann", "Salt Lake City , Utah"] in [[r[0], *r[2:5]] for r in rows]
