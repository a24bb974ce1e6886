"""Answer confidence and abstention: the threshold comes from the settings, bad values are refused."""

from __future__ import annotations

import pytest

from kb.answer import extractive_answer, scoring
from kb.errors import SettingsError
from kb.settings import BY_NAME


def test_the_threshold_is_a_setting_with_a_default():
    setting = BY_NAME["ANSWER_MIN_CONFIDENCE"]
    assert 0 < setting.default < 1 and setting.kind is float


def test_confidence_grows_with_probability_and_coverage():
    low, high = scoring.confidence(0.2, 0.6), scoring.confidence(0.9, 0.6)
    assert 0 < low < high < 1
    assert scoring.confidence(0.9, 0.3) < scoring.confidence(0.9, 0.9)


def test_features_and_weights_agree():
    assert set(scoring.WEIGHTS) == set(scoring.FEATURES)


def test_threshold_one_refuses_and_zero_answers(answer_corpus, monkeypatch):
    monkeypatch.setenv("LAWKB_ANSWER_MIN_CONFIDENCE", "1")
    refused = extractive_answer(answer_corpus, "查封扣押最长多久?").to_record()
    assert refused["found"] is False and refused["citations"] == []
    assert 0 < refused["score"] < 1          # the confidence is reported even when refused
    monkeypatch.setenv("LAWKB_ANSWER_MIN_CONFIDENCE", "0")
    answered = extractive_answer(answer_corpus, "查封扣押最长多久?").to_record()
    assert answered["found"] is True and answered["score"] == refused["score"]


def test_default_threshold_answers_a_bureau_question_and_refuses_chatter(answer_corpus):
    assert extractive_answer(answer_corpus, "查封扣押最长多久?").found
    assert not extractive_answer(answer_corpus, "今天天气怎么样？").found


@pytest.mark.parametrize("value, message", [("2", "is not a probability"), ("abc", "is not valid")])
def test_bad_threshold_setting_is_refused(answer_corpus, monkeypatch, value, message):
    monkeypatch.setenv("LAWKB_ANSWER_MIN_CONFIDENCE", value)
    with pytest.raises(SettingsError, match=message):
        extractive_answer(answer_corpus, "查封扣押最长多久?")


def test_cli_min_confidence_option(answer_corpus, monkeypatch, capsys):
    import json

    from lawkb import main

    home = answer_corpus.dir.parent.parent
    monkeypatch.setenv("LAWKB_HOME", str(home))
    assert main(["ask", "查封扣押最长多久", "--json", "--min-confidence", "1"]) == 0
    assert json.loads(capsys.readouterr().out)["found"] is False
    assert main(["ask", "查封扣押最长多久", "--min-confidence", "1.5"]) != 0
    assert "--min-confidence 1.5 is not a probability" in capsys.readouterr().err
