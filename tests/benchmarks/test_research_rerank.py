"""The re-ranker's research harness (benchmarks/research_rerank.py), on data that needs no index."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from benchmarks.cv_fusion import ranking
from benchmarks.research_rerank import evaluate, fit, partial_ranking, set_weights
from kb.search.rerank import FEATURES
from tests.benchmarks.test_research_cv import toy_question


def toy_lists(n_questions=60, n=8, seed=0):
    """Questions whose right candidate (never the fused first) is marked by a high 'coverage'."""
    rng = np.random.default_rng(seed)
    lists = SimpleNamespace(x=[], gold=[], rows=[], keys=[], relevant=[], n_rel=np.ones(n_questions))
    for _ in range(n_questions):
        x = rng.normal(size=(n, len(FEATURES)))
        right = int(rng.integers(1, n))
        x[:, FEATURES.index("coverage")] = rng.uniform(0, 0.5, n)
        x[right, FEATURES.index("coverage")] = 0.9
        gold = np.zeros(n, bool)
        gold[right] = True
        lists.x.append(x)
        lists.gold.append(gold)
        lists.rows.append(np.arange(n))
        lists.keys.append(np.arange(n))
        lists.relevant.append({right})

    def metrics(i, model_scores=None):
        from benchmarks.cv_fusion import _metrics

        order = np.arange(n) if model_scores is None else np.argsort(-model_scores, kind="stable")
        return _metrics(order, lists.keys[i], lists.relevant[i], 1)

    lists.metrics = metrics
    return lists


def test_the_reranker_learns_the_feature_that_marks_the_right_article():
    lists = toy_lists()
    sets = np.array(["stard"] * 60)
    train, test = np.arange(40), np.arange(40, 60)
    w = fit(lists, train, set_weights(sets, train), 8, 0.01)
    assert w[FEATURES.index("coverage")] > 0
    assert max(abs(v) for i, v in enumerate(w) if FEATURES[i] != "coverage") < w[FEATURES.index("coverage")]
    before, after = evaluate(lists, test, None, 8), evaluate(lists, test, w, 8)
    assert before[:, 0].mean() == 0.0 and after[:, 0].mean() > 0.9   # R@1 held out


def test_partial_ranking_is_the_fused_ranking_when_every_row_has_a_vector_and_lexical_when_none_has():
    q, shared = toy_question("是什么")
    cfg = {"method": "weighted", "scope": "rerank", "depth": 5, "alpha": 1.6, "w_lex": 0.3, "w_ppmi": 0.0,
           "w_e5": 0.7, "law_boost": 0.4, "penalty_boost": 0.0}
    rows, totals = ranking(q, shared, cfg, 5)
    p_rows, p_totals = partial_ranking(q, shared, cfg, 5, np.ones(5, bool))
    assert p_rows.tolist() == rows.tolist() and p_totals == pytest.approx(totals)
    lexical, _ = ranking(q, shared, {**cfg, "w_lex": 1.0, "w_e5": 0.0}, 5)
    assert partial_ranking(q, shared, cfg, 5, np.zeros(5, bool))[0].tolist() == lexical.tolist()
    assert rows.tolist() != lexical.tolist()   # e5 mattered, so the two checks above differ
