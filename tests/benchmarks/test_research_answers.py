"""The answer-rule fitting of benchmarks/research_answers.py on synthetic candidates."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.research_answers import (CALIBRATION_NAMES, MIN_COVERAGE, TARGETS, apply_rules, choose_target,
                                         fit_ranker, threshold_for, train_rules)
from kb.answer.scoring import FEATURES


def _item(set_name: str, fold: int, relevant_feature: int, rng, relevant: bool = True) -> dict:
    """Five candidates of five articles; the relevant one (first) has feature `relevant_feature` high."""
    X = rng.uniform(0, 0.5, size=(5, len(FEATURES)))
    if relevant:
        X[0, relevant_feature] = 1.0
    y = np.array([relevant, False, False, False, False])
    return {"set": set_name, "id": f"{set_name}-{fold}-{rng.integers(1e9)}", "fold": fold, "citation": False,
            "keys": [("法", i + 1) for i in range(5)], "X": X, "y": y, "coverage": X[:, 0],
            "unknown": 0.0 if relevant else 0.9, "mass": 10.0}


def test_the_ranker_learns_the_feature_that_marks_the_answer():
    rng = np.random.default_rng(0)
    items = [_item("staff", i % 5, 3, rng) for i in range(60)]
    w = fit_ranker(items)
    assert int(np.argmax(w)) == 3
    results = apply_rules(items, {"weights": w, "calibration": np.zeros(len(CALIBRATION_NAMES)), "threshold": 0.0})
    assert sum(r["right"] for r in results) == len(items)


def test_the_threshold_keeps_ninety_percent_of_bureau_questions_answered():
    rng = np.random.default_rng(1)
    items = [_item("staff", i % 5, 3, rng) for i in range(60)]
    items += [_item("oos", i % 5, 3, rng, relevant=False) for i in range(20)]
    rules = train_rules(items)
    results = apply_rules(items, rules)
    bureau = [r for r in results if r["set"] == "staff"]
    assert sum(r["answered"] for r in bureau) / len(bureau) >= MIN_COVERAGE - 1e-9
    assert not any(r["right"] for r in results if r["set"] == "oos")   # out of scope is never right


def test_threshold_for_never_answers_fewer_than_the_target():
    rules = {"oos": np.linspace(0, 1, 11), "bureau": np.linspace(0, 1, 101)}
    assert threshold_for(rules, 0.9) == pytest.approx(0.1)      # refusing 90% of oos (0.9) would answer too few
    assert threshold_for(rules, 0.95) == pytest.approx(0.05)
    rules["oos"] = np.linspace(0, 0.05, 11)
    assert threshold_for(rules, 0.9) == pytest.approx(0.045)    # refusing 90% of oos answers more than 90%


def test_the_nested_target_answers_more_when_held_out_questions_score_lower():
    rng = np.random.default_rng(2)
    items = [_item("staff", i % 5, 3, rng) for i in range(60)]
    items += [_item("oos", i % 5, 3, rng, relevant=False) for i in range(20)]
    target = choose_target(items)
    assert target in TARGETS
    assert train_rules(items, 0.9)["target"] == 0.9
    assert train_rules(items)["target"] == target
