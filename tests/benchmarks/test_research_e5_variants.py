"""The e5 variants of benchmarks/research_e5_variants.py on a toy matrix (no model, no shared data)."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.cv_features import Question
from benchmarks.research_e5_variants import Scorer, parse


def toy():
    matrix = np.eye(4, dtype=np.float32)  # four articles, orthogonal vectors
    row_doc = np.array([0, 0, 0, 1])
    return Scorer(matrix, np.ones(4, bool), row_doc)


def test_parse_reads_every_variant_and_refuses_unknown_ones():
    assert parse("prf10x0.5+doc0.2") == {"prf": (10, 0.5), "doc": 0.2}
    assert parse("nb1.0") == {"nb": 1.0} and parse("pop0.1") == {"pop": 0.1} and parse("lawpop0.2") == {"lawpop": 0.2}
    assert parse("nopunct+tok32") == {"nopunct": True, "tok": 32}
    with pytest.raises(ValueError, match="unknown variant"):
        parse("bm25")


def test_prf_doc_prior_and_neighbours():
    scorer = toy()
    query = np.array([1.0, 0.0, 0.0, 0.0], np.float32)
    assert scorer(query, {}).tolist() == [1.0, 0.0, 0.0, 0.0]
    fed = scorer(query, {"prf": (2, 1.0)})  # query + mean(row 0, one more) = 1.5 e0 + 0.5 ej, normalised
    assert fed[0] == pytest.approx(1.5 / np.sqrt(2.5))
    assert sorted(fed.tolist()[1:]) == pytest.approx([0.0, 0.0, 0.5 / np.sqrt(2.5)])
    # law prior: rows of law 0 share the mean of its best three scores (1 + 0 + 0) / 3
    assert scorer(query, {"doc": 3.0}).tolist() == pytest.approx([2.0, 1.0, 1.0, 0.0])
    # neighbours in the same law: row 1 sits next to row 0; row 3 (another law) has none but itself
    assert scorer(query, {"nb": 1.0}).tolist() == pytest.approx([1.0, 0.5, 0.0, 0.0])


def test_article_prior_of_a_question_never_counts_its_own_fold():
    scorer = toy()
    keys = [("甲法", 1), ("甲法", 2), ("甲法", 3), ("乙法", 1)]
    questions = [Question("stard", "a", "x", {("甲法", 1)}, 0), Question("stard", "b", "y", {("甲法", 1)}, 1),
                 Question("stard", "c", "z", {("乙法", 1)}, 0)]
    scorer.priors(questions, keys)
    art0, _ = scorer.prior_for(questions[0])     # fold 0: counted from fold 1 only
    assert art0.tolist() == [1.0, 0.0, 0.0, 0.0]
    art1, law1 = scorer.prior_for(questions[1])  # fold 1: from fold 0 (甲法 1 once, 乙法 1 once)
    assert art1.tolist() == [1.0, 0.0, 0.0, 1.0] and law1.tolist() == [1.0, 1.0, 1.0, 1.0]
    staff4 = Question("staff", "s", "w", set(), 4)  # reporting fold: every STARD question
    assert scorer.prior_for(staff4)[0].tolist() == pytest.approx([1.0, 0.0, 0.0, np.log(2) / np.log(3)])
