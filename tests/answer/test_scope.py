"""The scope score (kb.answer.scope): chatter is refused as not a legal question, separately from the
which-article confidence; the threshold is a setting; bad values are refused with a clear message."""

from __future__ import annotations

import json

import numpy as np
import pytest

from kb.answer import extractive_answer, scope
from kb.errors import SettingsError
from kb.settings import BY_NAME


def test_the_scope_threshold_is_a_setting_with_a_default():
    setting = BY_NAME["ANSWER_MIN_SCOPE"]
    assert 0 < setting.default < 1 and setting.kind is float
    assert "not a legal question" in setting.help or "legal question" in setting.help


def test_both_searches_have_weights_for_every_feature():
    for rules in ("neural", "plain"):
        assert set(scope.SCOPE[rules]) == set(scope.FEATURES) | {"bias"}
    assert all(scope.SCOPE["plain"][f] == 0 for f in ("e5_top", "e5_domain"))  # no vectors, no e5 signal


@pytest.mark.parametrize("question, cues", [("食堂中午几点开饭", 0), ("明天股市会涨吗", 0),
                                            ("股市内幕交易怎么处罚", 1), ("企业未批先建应当承担什么法律责任", 3)])
def test_legal_cue_words(question, cues):
    assert scope.cue_score(question) == pytest.approx(cues / 3)


def test_foreign_law_is_told_from_foreign_parties_in_china():
    assert scope.is_foreign("美国的清洁空气法是怎么规定排放标准的")
    assert scope.is_foreign("日本的垃圾分类法律有哪些要求")
    assert not scope.is_foreign("外国企业在中国排污违法适用中国法律吗")
    assert not scope.is_foreign("查封扣押最长多久")


@pytest.mark.parametrize("rules", ["neural", "plain"])
def test_legal_signals_raise_the_scope_probability(rules):
    base = np.array([0.3, 0.7, 2.0, 1.5, 2.0, 0.0, 0.0, 0.0, 0.85, 0.80])
    legal = base.copy()
    legal[scope.FEATURES.index("known")] = 1.0
    legal[scope.FEATURES.index("cue")] = 1.0
    foreign = legal.copy()
    foreign[scope.FEATURES.index("foreign")] = 1.0
    p_base, p_legal = scope.probability(base, rules), scope.probability(legal, rules)
    assert 0 < p_base < p_legal < 1
    assert scope.probability(foreign, rules) < p_legal


def test_chatter_is_refused_as_not_a_legal_question(answer_corpus):
    record = extractive_answer(answer_corpus, "食堂中午几点开饭？").to_record()
    assert record["found"] is False and record["out_of_scope"] is True
    assert record["answer"] == scope.REFUSAL_TEXT and "请描述具体的违法行为或法律问题" in record["answer"]
    assert record["citations"] == record["supporting"] == record["related"] == []   # no article of some law
    assert 0 <= record["scope"] < BY_NAME["ANSWER_MIN_SCOPE"].default


def test_a_legal_question_is_in_scope(answer_corpus):
    record = extractive_answer(answer_corpus, "查封扣押最长多久?").to_record()
    assert record["found"] is True and record["out_of_scope"] is False
    assert record["scope"] >= BY_NAME["ANSWER_MIN_SCOPE"].default


def test_scope_zero_never_refuses_and_one_always_does(answer_corpus, monkeypatch):
    monkeypatch.setenv("LAWKB_ANSWER_MIN_SCOPE", "0")
    monkeypatch.setenv("LAWKB_ANSWER_MIN_CONFIDENCE", "0")
    assert extractive_answer(answer_corpus, "食堂中午几点开饭？").to_record()["out_of_scope"] is False
    monkeypatch.setenv("LAWKB_ANSWER_MIN_SCOPE", "1")
    record = extractive_answer(answer_corpus, "查封扣押最长多久?").to_record()
    assert record["found"] is False and record["out_of_scope"] is True and record["citations"] == []


@pytest.mark.parametrize("value, message", [("1.5", "LAWKB_ANSWER_MIN_SCOPE=1.5 is not a probability"),
                                            ("-0.1", "is not a probability"), ("abc", "is not valid")])
def test_bad_scope_setting_is_refused(answer_corpus, monkeypatch, value, message):
    monkeypatch.setenv("LAWKB_ANSWER_MIN_SCOPE", value)
    with pytest.raises(SettingsError, match=message):
        extractive_answer(answer_corpus, "查封扣押最长多久?")


def test_cli_reports_the_scope_and_refuses_a_bad_min_scope(answer_corpus, monkeypatch, capsys):
    from lawkb import main

    monkeypatch.setenv("LAWKB_HOME", str(answer_corpus.dir.parent.parent))
    assert main(["ask", "食堂中午几点开饭", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["out_of_scope"] is True and record["citations"] == []
    assert main(["ask", "今天天气怎么样", "--json", "--min-scope", "0", "--min-confidence", "0"]) == 0
    assert json.loads(capsys.readouterr().out)["found"] is True
    assert main(["ask", "查封扣押最长多久", "--min-scope", "2"]) != 0
    assert "--min-scope 2 is not a probability" in capsys.readouterr().err
