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


def test_coverage_of_staff_keeps_the_staff_share_when_the_52_are_always_answered(monkeypatch):
    """Pooled with bureau questions that are always confidently right, a threshold can answer < 90% of the staff
    questions; --coverage-of staff chooses the target on the staff questions alone."""
    import benchmarks.research_answers as ra

    rng = np.random.default_rng(3)
    items = [_item("staff", i % 5, 3, rng) for i in range(40)]
    items += [_item("staff", i % 5, 3, rng, relevant=False) for i in range(20)]     # hard staff questions
    items += [_item("bureau52", i % 5, 3, rng) for i in range(60)]
    items += [_item("oos", i % 5, 3, rng, relevant=False) for i in range(20)]
    pooled = choose_target(items)
    monkeypatch.setattr(ra, "COVERAGE_OF", ("staff",))
    staff = choose_target(items)
    assert staff > pooled
    rules = train_rules(items)
    answered = [r["answered"] for r in apply_rules(items, rules) if r["set"] == "staff"]
    assert np.mean(answered) >= MIN_COVERAGE - 0.05


def test_threshold_on_other_items_is_taken_from_their_confidences():
    rng = np.random.default_rng(4)
    items = [_item("staff", i % 5, 3, rng) for i in range(60)]
    items += [_item("oos", i % 5, 3, rng, relevant=False) for i in range(20)]
    doubtful = [{**it, "unknown": 0.9} for it in items]     # the same questions, less sure on another search
    assert train_rules(items, 0.9, doubtful)["threshold"] < train_rules(items, 0.9)["threshold"]


def test_a_variant_report_other_than_the_plain_e5_is_refused(tmp_path, capsys):
    from benchmarks.research_answers import main

    config = {"variant": "prf10x0.5", "alpha": 1.6}
    path = tmp_path / "cv.json"
    path.write_text('{"chosen among all": {"folds": [%s], "shipped": %s}}' % (
        __import__("json").dumps(config), __import__("json").dumps(config)), encoding="utf-8")
    assert main(["--cv-json", str(path), "--items", str(tmp_path / "none.pkl")]) == 2
    assert "only the plain e5 slot" in capsys.readouterr().err


def test_coverage_of_refuses_an_unknown_set(tmp_path, capsys):
    from benchmarks.research_answers import main

    with pytest.raises(SystemExit):
        main(["--cv-json", str(tmp_path / "cv.json"), "--coverage-of", "stard"])
    assert "--coverage-of" in capsys.readouterr().err
