"""The miss analysis (benchmarks/research_answer_misses.py) and the abstention study
(benchmarks/research_abstention.py) on synthetic candidates."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks import research_abstention, research_answers
from benchmarks.research_answer_misses import cause_of, misses, search_ranks
from benchmarks.cv_features import Question
from kb.answer.extractive import RANK_DECAY
from kb.answer.scoring import FEATURES

RANK = FEATURES.index("rank")


def _item(ranks: list[int], keys: list[tuple], relevant: set, set_name: str = "staff", qid: str = "q1") -> dict:
    X = np.zeros((len(ranks), len(FEATURES)))
    X[:, RANK] = [1.0 / (1.0 + RANK_DECAY * (r - 1)) for r in ranks]
    return {"set": set_name, "id": qid, "fold": 0, "citation": False, "keys": keys, "X": X,
            "y": np.array([k in relevant for k in keys]), "coverage": np.zeros(len(ranks)), "unknown": 0.0,
            "mass": 1.0}


def test_search_ranks_reads_each_articles_best_rank_from_its_candidates():
    keys = [("法", 5), ("法", 2), ("法", 5), ("法", 9)]
    it = _item([3, 1, 7, 12], keys, set())
    assert search_ranks(it) == {("法", 5): 3, ("法", 2): 1, ("法", 9): 12}


@pytest.mark.parametrize("right,rank,cause", [(True, 1, "abstained"), (False, 1, "rules_lost_rank1"),
                                               (False, 4, "chose_other"), (False, 11, "search_deep"),
                                               (False, None, "search_missed")])
def test_cause_of(right, rank, cause):
    assert cause_of(right, rank) == cause


def test_a_kept_wrong_rank_1_is_told_apart_from_another_wrong_choice():
    keys = [("法", 1), ("法", 2)]
    it = _item([1, 2], keys, {("法", 2)})
    q = Question("staff", "q1", "企业偷排废水怎么罚", {("法", 2)}, 0)
    outcome = {"key": ("法", 1), "confidence": 0.9, "threshold": 0.2, "answered": True}
    [row] = misses([(it, outcome)], {("staff", "q1"): q})
    assert row["cause"] == "kept_wrong_rank1" and row["gold_search_rank"] == 2 and row["consequence"]
    right = {**outcome, "key": ("法", 2)}
    assert misses([(it, right)], {("staff", "q1"): q}) == []         # a right answer is no miss
    refused = {**right, "answered": False}
    assert misses([(it, refused)], {("staff", "q1"): q})[0]["cause"] == "abstained"


def test_the_utility_counts_right_bureau_answers_against_answered_out_of_scope_questions():
    results = [{"set": "staff", "right": True, "answered": True}, {"set": "staff", "right": False, "answered": True},
               {"set": "oos", "right": False, "answered": True}, {"set": "oos", "right": False, "answered": False}]
    research_abstention.PER = "share"
    assert research_abstention.utility(results) == pytest.approx(0.5 - 0.5)
    research_abstention.PER = "count"
    try:
        assert research_abstention.utility(results) == 0
        results[1]["right"] = True
        assert research_abstention.utility(results) == 1
    finally:
        research_abstention.PER = "share"


def test_the_scope_gate_refusal_makes_a_right_answer_wrong():
    keys = [("法", 1)]
    it = _item([1], keys, {("法", 1)})
    rules = {"weights": np.zeros(len(FEATURES)), "calibration": np.zeros(len(research_answers.CALIBRATION_NAMES))}
    [passed] = research_abstention.outcomes([it], rules, 0.0, {})
    [blocked] = research_abstention.outcomes([it], rules, 0.0, {("staff", "q1"): False})
    assert passed["right"] and passed["answered"]
    assert not blocked["right"] and not blocked["answered"] and blocked["conf_answered"]
