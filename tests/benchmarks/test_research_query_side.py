"""The query-side variants of benchmarks/research_query_side.py on toy data (no model, no shared data)."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.cv_features import Question
from benchmarks.research_query_side import TextVariants, family, prf_questions, with_e5

CONFIG = {"method": "weighted", "scope": "rerank", "depth": 400, "alpha": 1.6, "w_lex": 1.0, "w_ppmi": 0.0,
          "w_e5": 0.0, "law_boost": 0.0, "penalty_boost": 0.0}


def toy_question(fold: int = 0) -> Question:
    q = Question("staff", "s1", "偷排", set(), fold)
    q.rows = np.arange(4)
    q.scores = {"lex@1.6": np.array([3.0, 2.0, 1.0, 0.5], np.float32), "e5": np.array([0, 1, 0, 0], np.float32)}
    q.ranks = {"lex@1.6": np.arange(4, dtype=np.int32), "e5": np.array([1, 0, 2, 3], np.int32)}
    q.floors = {"lex@1.6": q.scores["lex@1.6"], "e5": np.array([1, 0, 0, 0], np.float32)}
    return q


def test_family_of_each_variant():
    assert [family(n) for n in ("baseline", "prf5x0.3", "alpha0.8", "cues", "stop", "expand5")] == \
        ["baseline", "prf", "alpha", "text", "text", "text"]


def test_text_variants_drop_the_question_cues_or_the_stopwords_and_never_empty_a_question():
    texts = TextVariants()
    q = Question("staff", "s1", "请问偷排废水怎么罚？", set(), 0)
    assert texts.text("cues", q) == "请问偷排废水？"
    assert "请问" not in texts.text("stop", q) and "偷排" in texts.text("stop", q)
    only_cue = Question("staff", "s2", "怎么罚？", set(), 0)
    assert texts.text("cues", only_cue) == "怎么罚？"   # nothing left: the question as it was


def test_with_e5_replaces_the_scores_and_their_ranks_of_a_copy():
    q = toy_question()
    c = with_e5(q, np.array([0.1, 0.4, 0.3, 0.2]))
    assert c.ranks["e5"].tolist() == [3, 0, 1, 2] and c.floors["e5"][0] == pytest.approx(0.4)
    assert q.scores["e5"].tolist() == [0, 1, 0, 0]     # the cached question is untouched


def test_prf_feeds_back_the_top_fused_rows_vectors():
    q = toy_question()
    matrix = np.eye(4, dtype=np.float32)     # row i's vector is e_i
    shared = {"row_doc": np.array([0, 1, 2, 3]), "penalty": np.zeros(4, np.float32), "e5_have": np.ones(4, bool)}
    priors = {0: (np.zeros(4), np.zeros(4)), None: (np.zeros(4), np.zeros(4))}
    qvecs = {"偷排": np.array([0, 1, 0, 0], np.float32)}
    # the fused top 1 (lexical only here) is row 0: q' = (e1 + e0) / sqrt(2)
    fed, = prf_questions([q], shared, CONFIG, matrix, qvecs, 1, 1.0, priors)
    assert fed.scores["e5"].tolist() == pytest.approx([2 ** -0.5, 2 ** -0.5, 0.0, 0.0])
    none, = prf_questions([q], shared, CONFIG, matrix, qvecs, 1, 0.0, priors)
    assert none.scores["e5"].tolist() == pytest.approx([0.0, 1.0, 0.0, 0.0])
    shared["e5_have"][0] = False                        # a row without a vector keeps the floor score
    assert prf_questions([q], shared, CONFIG, matrix, qvecs, 1, 1.0, priors)[0].scores["e5"][0] == -1.0
