"""Search over the national laws (slow: the session's national corpus with real indexes)."""

from __future__ import annotations

import pytest

from kb.search import SearchFilters
from kb.search.query import run_search
from kb.search.searchers import get_searcher

pytestmark = pytest.mark.slow


def citations(hits):
    return [h.clause.citation(short=True).split("第", 1)[0] + h.clause.article_label for h in hits]


@pytest.mark.parametrize("kind", ["lexical", "hybrid"])
def test_seizure_period_question_finds_the_coercion_law_article(national_corpus, kind):
    hits = get_searcher(national_corpus, kind).search("查封扣押的期限最长多久", top_k=5)
    assert "《行政强制法》第二十五条" in citations(hits)


def test_colloquial_seizure_question_hybrid(national_corpus):
    hits = get_searcher(national_corpus, "hybrid").search("查封扣押设备最长可以多久", top_k=5)
    assert "《行政强制法》第二十五条" in citations(hits)


def test_bureau_jargon_reaches_the_code(national_corpus):
    hits = get_searcher(national_corpus, "hybrid").search("未批先建环评怎么处罚", top_k=5)
    assert all(h.clause.law == "中华人民共和国生态环境法典" for h in hits)


def test_citation_query_is_exact(national_corpus):
    hits = run_search(national_corpus, "行政处罚法33条", top_k=5).hits
    assert [(h.clause.law, h.clause.article, h.match) for h in hits][:1] == [
        ("中华人民共和国行政处罚法", 33, "citation")]


def test_repealed_environment_law_only_with_include_repealed(national_corpus):
    searcher = get_searcher(national_corpus, "lexical")
    default = searcher.search("按日连续处罚", top_k=20)
    assert "中华人民共和国环境保护法" not in {h.clause.law for h in default}
    before = searcher.search("按日连续处罚", top_k=5, filters=SearchFilters(as_of="2026-08-01"))
    assert before[0].clause.law == "中华人民共和国环境保护法"
    everything = searcher.search("按日连续处罚", top_k=20, filters=SearchFilters(include_repealed=True))
    laws = [h.clause.law for h in everything]
    assert "中华人民共和国环境保护法" in laws
    first_repealed = laws.index("中华人民共和国环境保护法")
    assert all(national_corpus.store.in_force_on(h.clause.document) for h in everything[:first_repealed])
    assert not any(national_corpus.store.in_force_on(h.clause.document) for h in everything[first_repealed:])
