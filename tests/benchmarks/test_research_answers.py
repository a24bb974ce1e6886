"""The answer-rule fitting of benchmarks/research_answers.py on synthetic candidates."""

from __future__ import annotations

import numpy as np

from benchmarks.research_answers import MIN_COVERAGE, apply_rules, fit_ranker, train_rules


def _item(set_name: str, fold: int, relevant_feature: int, rng, relevant: bool = True) -> dict:
    """Five candidates of five articles; the relevant one (first) has feature `relevant_feature` high."""
    X = rng.uniform(0, 0.5, size=(5, 10))
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
    results = apply_rules(items, {"weights": w, "calibration": np.zeros(5), "threshold": 0.0})
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
