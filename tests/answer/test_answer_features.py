"""Article-level features of the answer scorer (issue 14): law share, amendment, article coverage, home law."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from kb.answer import extractive_answer, scoring
from kb.answer.articles import article_features, home_laws
from kb.answer.extractive import Candidate
from kb.errors import SettingsError

SHARE, AMENDMENT, ARTICLE_COVERAGE, HOME = (scoring.FEATURES.index(n) for n in
                                            ("law_share", "amendment", "article_coverage", "home_law"))


def test_features_weights_and_settings_agree():
    assert set(scoring.WEIGHTS) == set(scoring.FEATURES)
    assert len(scoring.FEATURES) == len(set(scoring.FEATURES)) == 14


def test_home_laws_default_keeps_the_laws_the_corpus_has(answer_corpus, monkeypatch):
    monkeypatch.delenv("LAWKB_ANSWER_HOME_LAWS", raising=False)
    titles = home_laws(answer_corpus)
    assert "中华人民共和国行政强制法" in titles
    assert "中华人民共和国大气污染防治法" not in titles       # not in the default list
    assert all(t.startswith("中华人民共和国") for t in titles)


def test_home_laws_setting_is_read_and_can_be_turned_off(answer_corpus, monkeypatch):
    monkeypatch.setenv("LAWKB_ANSWER_HOME_LAWS", "大气污染防治法，气象法")
    assert home_laws(answer_corpus) == {"中华人民共和国大气污染防治法", "中华人民共和国气象法"}
    monkeypatch.setenv("LAWKB_ANSWER_HOME_LAWS", "none")
    assert home_laws(answer_corpus) == frozenset()


def test_unknown_home_law_is_a_settings_error(answer_corpus, monkeypatch):
    monkeypatch.setenv("LAWKB_ANSWER_HOME_LAWS", "行政强制法,不存在的法")
    with pytest.raises(SettingsError, match="LAWKB_ANSWER_HOME_LAWS: '不存在的法' names no law in the corpus"):
        extractive_answer(answer_corpus, "查封扣押最长多久?")


def test_home_law_feature_follows_the_setting(answer_corpus, monkeypatch):
    from kb.answer import searcher_for, word_weights_for
    from kb.answer.extractive import candidates_for

    monkeypatch.setenv("LAWKB_ANSWER_HOME_LAWS", "行政强制法")
    found = candidates_for(answer_corpus, searcher_for(answer_corpus), word_weights_for(answer_corpus), "查封扣押最长多久?")
    home = {c.clause.law: c.features[HOME] for c in found.candidates}
    assert home["中华人民共和国行政强制法"] == 1.0
    assert all(v == 0.0 for law, v in home.items() if law != "中华人民共和国行政强制法")


def _cand(clause, rank, coverage):
    cand = Candidate(clause, clause.text, rank)
    cand.coverage = coverage
    return cand


def test_law_share_amendment_and_article_coverage(answer_corpus):
    from kb.answer import searcher_for

    hits = searcher_for(answer_corpus).search("查封 扣押 期限 大气 排放", 10)
    by_law: dict[str, list] = {}
    for hit in hits:
        by_law.setdefault(hit.clause.law, []).append(hit.clause.focus(None))
    laws = sorted(by_law, key=lambda law: -len(by_law[law]))
    assert len(laws) >= 2 and len(by_law[laws[0]]) >= 2
    a1, a2 = by_law[laws[0]][:2]
    b1 = by_law[laws[1]][0]
    # two units of a1 (coverage 0.2 and 0.6), one of a2 and one of b1; retrieval 1.0, 0.5, 0.5
    cands = [_cand(a1, 0, 0.2), _cand(a1, 0, 0.6), _cand(a2, 1, 0.1), _cand(b1, 2, 0.3)]
    features = article_features(cands, np.array([1.0, 1.0, 0.5, 0.5]), frozenset({laws[1]}))
    assert features.shape == (4, 4)
    assert features[0, 0] == pytest.approx(1.5 / 2.0) and features[3, 0] == pytest.approx(0.5 / 2.0)
    assert list(features[:, 2]) == pytest.approx([0.6, 0.6, 0.1, 0.3])       # best unit of the article
    assert list(features[:, 3]) == [0.0, 0.0, 0.0, 1.0]
    assert not features[:, 1].any()                                          # no 修正案 here


def test_amendment_is_flagged(answer_corpus):
    clause = next(answer_corpus.store.iter_clauses())
    amended = replace(clause, document=replace(clause.document, title="中华人民共和国宪法修正案（2018年）"))
    features = article_features([_cand(clause, 0, 0.5), _cand(amended, 1, 0.5)], np.array([1.0, 0.5]), frozenset())
    assert list(features[:, 1]) == [0.0, 1.0]


def test_the_rule_set_follows_the_search():
    class Neural:
        def __init__(self, active):
            self.active = active

        def neural_active(self):
            return self.active

    assert scoring.rules_for(Neural(True)) == "neural"
    assert scoring.rules_for(Neural(False)) == "plain"
    assert scoring.rules_for(object()) == "plain"
    row = np.ones((1, len(scoring.FEATURES)))
    assert scoring.scores(row, rules="neural")[0] != scoring.scores(row, rules="plain")[0]
    assert scoring.confidence(0.5, 0.5, rules="neural") != scoring.confidence(0.5, 0.5, rules="plain")
