"""The learned re-ranker of the hybrid's top N (kb.search.rerank)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from kb.errors import SettingsError
from kb.search.rerank import FEATURES, RowTraits, features, load_model, reorder, WEIGHTS_PATH


def clause(law, article, path, text):
    return SimpleNamespace(law=law, article=article, path=tuple(path), text=text)


CLAUSES = [
    clause("中华人民共和国甲法", 1, ["第一章 总则"], "为了保护环境，制定本法。"),
    clause("中华人民共和国甲法", 2, ["第一章 总则"], "本法所称排污单位，是指排放污染物的企业事业单位。"),
    clause("中华人民共和国甲法", 10, ["第二章 监督管理"], "排污单位应当安装监测设备，不得篡改监测数据。"),
    clause("中华人民共和国甲法", 20, ["第五章 法律责任"], "违反本法规定，篡改监测数据的，处十万元以上一百万元以下的罚款。"),
    clause("全国人民代表大会常务委员会关于修改《中华人民共和国乙法》的决定", 3, [], "将第十条修改为：排污单位应当安装监测设备。"),
]
ROW_DOC = np.array([0, 0, 0, 0, 1])


def column(x, name):
    return x[:, FEATURES.index(name)]


def make(query, e5=None, rows=None):
    traits = RowTraits(CLAUSES, ROW_DOC)
    rows = np.arange(len(CLAUSES)) if rows is None else np.asarray(rows)
    n = len(rows)
    e5 = np.linspace(0.9, 0.8, n) if e5 is None else np.asarray(e5, float)
    return features(query, rows, np.linspace(1.0, 0.5, n), np.linspace(10, 2, n), e5, np.zeros(n),
                    np.array([0, 0, 0, 1, 0])[rows], traits)


def test_features_read_intent_against_the_articles_kind_and_chapter():
    x = make("篡改监测数据怎么罚？")
    assert column(x, "ask_penalty_x_liability").tolist() == [0, 0, 0, 1, 0]
    assert column(x, "ask_penalty_x_sanction").tolist() == [0, 0, 0, 1, 0]
    assert column(x, "ask_penalty_x_general").tolist() == [1, 1, 0, 0, 0]
    assert column(x, "ask_definition_x_definition").sum() == 0
    assert column(x, "penalty").tolist() == [0, 0, 0, 1, 0]
    assert column(x, "amending").tolist() == [0, 0, 0, 0, 1]
    assert column(x, "coverage")[3] > column(x, "coverage")[0]
    assert column(x, "law_share").tolist() == pytest.approx([0.8, 0.8, 0.8, 0.8, 0.2])
    assert column(x, "law_of_first").tolist() == [1, 1, 1, 1, 0]
    assert column(x, "position").tolist() == pytest.approx([0.05, 0.1, 0.5, 1.0, 1.0])
    d = make("什么是排污单位？")
    assert column(d, "ask_definition_x_definition").tolist() == [0, 1, 0, 0, 0]
    assert column(d, "ask_penalty_x_liability").sum() == 0
    m = make("排污单位能不能不装监测设备？")
    assert column(m, "ask_modal_x_duty").tolist() == [0, 0, 1, 0, 1]
    assert column(make("甲法第一条讲什么"), "law_named")[:4].tolist() == [1, 1, 1, 1]


def test_home_law_marks_the_bureaus_own_laws_and_nothing_without_them():
    traits = RowTraits(CLAUSES, ROW_DOC)

    def home_of(home):
        x = features("监测数据", np.array([4, 0, 3]), np.array([1.0, 0.9, 0.8]), np.array([2.0, 1.0, 3.0]),
                     np.array([0.8, 0.9, 0.7]), np.zeros(3), np.zeros(3), traits, home)
        return column(x, "home_law").tolist()

    assert home_of(frozenset({"中华人民共和国甲法"})) == [0, 1, 1]
    assert home_of(frozenset()) == [0, 0, 0]                                 # LAWKB_ANSWER_HOME_LAWS=none
    assert home_of(frozenset({"中华人民共和国丙法"})) == [0, 0, 0]               # a law not among the candidates
    assert not column(make("篡改监测数据怎么罚？"), "home_law").any()           # the default: no home laws given


def test_sibling_features_tell_an_article_from_the_other_candidates_of_its_law():
    x = make("篡改监测数据要负什么法律责任，罚款多少", e5=[0.9, 0.8, 0.7], rows=[2, 3, 4])
    distinct = column(x, "distinct_cover")
    assert distinct[0] == 0                  # 第10条 holds only words its sibling 第20条 holds too
    assert distinct[1] > 0                   # 第20条 alone holds 罚款 (and 法律责任 in its heading)
    assert distinct[2] == 0                  # 乙法's only candidate holds none of the words
    own = make("安装监测设备", e5=[0.9, 0.8], rows=[2, 4])
    assert column(own, "distinct_cover").tolist() == pytest.approx([1.0, 1.0])   # each alone in its law
    assert column(x, "heading_cover")[1] > 0 and column(x, "heading_cover")[[0, 2]].tolist() == [0, 0]
    alone = make("篡改监测数据要负什么法律责任，罚款多少", e5=[0.9, 0.7], rows=[3, 4])
    assert column(alone, "distinct_cover")[0] > distinct[1]   # without its sibling more of its words are its own
    assert not column(make("？", rows=[2, 3]), "distinct_cover").any()      # a question without words


def test_a_row_without_a_neural_vector_takes_the_cosine_that_agrees_with_its_lexical_place():
    x = make("监测数据", e5=[0.9, np.nan, 0.8, 0.7, 0.6])   # BM25 10, 8, 6, 4, 2: row 1 is 3/4 up the range
    assert column(x, "e5")[1] == pytest.approx(0.6 + 0.75 * 0.3)
    assert column(x, "e5_gap")[1] == pytest.approx(0.825 - 0.9)
    assert column(x, "e5_rank").tolist() == pytest.approx(np.log1p([0, 1, 2, 3, 4]).tolist())
    assert column(x, "e5")[[0, 2, 3, 4]].tolist() == pytest.approx([0.9, 0.8, 0.7, 0.6])
    none = make("监测数据", e5=[np.nan] * 5)  # nothing encoded: no neural evidence for any row
    assert not column(none, "e5").any() and not column(none, "e5_rank").any()


def test_reorder_moves_only_the_head_and_keeps_the_score_scale():
    rows, scores = np.array([7, 3, 5, 9]), np.array([1.0, 0.8, 0.5, 0.1])
    new_rows, new_scores = reorder(rows, scores, np.array([0.1, 0.2, 0.9]))
    assert new_rows.tolist() == [5, 3, 7, 9]
    assert new_scores.tolist() == [1.0, 0.8, 0.5, 0.1]
    tied_rows, _ = reorder(rows, scores, np.zeros(3))  # ties keep the fused order
    assert tied_rows.tolist() == rows.tolist()


def test_load_model_reads_the_table_and_refuses_a_useless_one(tmp_path):
    path = tmp_path / "w.tsv"
    path.write_text("# comment\ntop_n\t30\nfused\t2.5\ncoverage\tx\nunknown\t1\n", encoding="utf-8")
    top_n, weights = load_model(path)
    assert top_n == 30 and weights[FEATURES.index("fused")] == 2.5 and weights[FEATURES.index("coverage")] == 0
    assert load_model(tmp_path / "missing.tsv") is None
    path.write_text("top_n\t1\nfused\t1\n", encoding="utf-8")
    assert load_model(path) is None
    shipped = load_model(WEIGHTS_PATH)
    assert shipped is not None and 10 <= shipped[0] <= 100 and np.count_nonzero(shipped[1]) > len(FEATURES) // 2


def test_hybrid_reranks_the_neural_top_n_with_the_model(small_corpus, monkeypatch):
    """The hook in kb.search.hybrid: only with the neural component, only the top N, the fused scale kept;
    a model weighing only the fused score keeps the fused order, one weighing word coverage follows it;
    rows without a neural vector are still ranked."""
    from kb.search import rerank
    from kb.search.dense import row_text
    from kb.search.filters import SearchFilters
    from kb.search.hybrid import HybridSearcher
    from kb.search.index_build import build_indexes
    from kb.search.neural import NeuralIndex
    from kb.search.searchers import bundle_for
    from kb.search.vector_cache import VectorCache, cache_key, cache_path
    from tests.search.test_neural import MODEL_ID, FixedQueries, HashEncoder

    build_indexes(small_corpus)
    bundle = bundle_for(small_corpus)
    mask = bundle.row_filter.mask(SearchFilters(include_repealed=True))
    encoder = HashEncoder()
    neural = NeuralIndex(MODEL_ID, 384, bundle.clauses, VectorCache(cache_path(small_corpus), readonly=True),
                         FixedQueries(encoder._vector("q")))
    neural.refresh_seconds = 0.0
    query = "行政处罚 听证 罚款"

    def run(weights, top_n=3):
        monkeypatch.setattr(rerank, "default_model", lambda: (top_n, np.array(weights, float)))
        hybrid = HybridSearcher(bundle, bundle.lexical(), bundle.dense_model(), {"rerank": True}, neural=neural)
        plain = HybridSearcher(bundle, bundle.lexical(), bundle.dense_model(), {"rerank": False}, neural=neural)
        return hybrid.candidates(query, mask, 50), plain.candidates(query, mask, 50)

    only_fused = [1.0 if name == "fused" else 0.0 for name in FEATURES]
    (rows, scores), (plain_rows, plain_scores) = run(only_fused)
    assert not neural.active and rows.tolist() == plain_rows.tolist()  # nothing encoded: no re-ranking
    cache = VectorCache(cache_path(small_corpus))
    half = [(cache_key(MODEL_ID, row_text(c)), encoder._vector(c.text)) for c in bundle.clauses[::2]]
    cache.put(half)
    assert neural.refresh() == len(half)
    (rows, scores), (plain_rows, plain_scores) = run(only_fused)
    assert len(plain_rows) >= 4 and rows.tolist() == plain_rows.tolist()
    by_coverage = [5.0 if name == "coverage" else 0.0 for name in FEATURES]
    (rows, scores), (plain_rows, plain_scores) = run(by_coverage)
    assert scores.tolist() == plain_scores.tolist()             # the fused scale is kept
    assert rows[3:].tolist() == plain_rows[3:].tolist()         # only the top N moves
    assert sorted(rows[:3].tolist()) == sorted(plain_rows[:3].tolist())
    traits = RowTraits(bundle.clauses, bundle.row_filter.row_doc)
    head = plain_rows[:3]
    x = features(query, head, plain_scores[:3], np.ones(3), np.full(3, np.nan), np.zeros(3), np.zeros(3), traits)
    expected = head[np.argsort(-column(x, "coverage"), kind="stable")]
    assert rows[:3].tolist() == expected.tolist()
    assert column(x, "coverage").max() > column(x, "coverage").min()  # the model had something to go by
    # home_law: the hybrid passes the ANSWER_HOME_LAWS laws; naming the law of the fused rank 3 puts it first
    laws = [bundle.clauses[r].law for r in plain_rows[:3].tolist()]
    other = next(law for law in laws[::-1] if law != laws[0])
    monkeypatch.setenv("LAWKB_ANSWER_HOME_LAWS", other)
    by_home = [5.0 if name == "home_law" else 0.0 for name in FEATURES]
    (rows, _), (plain_rows, _) = run(by_home)
    assert bundle.clauses[rows[0]].law == other != bundle.clauses[plain_rows[0]].law
    monkeypatch.setenv("LAWKB_ANSWER_HOME_LAWS", "none")
    (rows, _), (plain_rows, _) = run(by_home)
    assert rows.tolist() == plain_rows.tolist()                  # no home laws: the weight moves nothing
    monkeypatch.setenv("LAWKB_ANSWER_HOME_LAWS", "不存在的法")   # a bad setting is named, not ignored
    with pytest.raises(SettingsError, match="LAWKB_ANSWER_HOME_LAWS: '不存在的法' names no law in the corpus"):
        run(by_home)
