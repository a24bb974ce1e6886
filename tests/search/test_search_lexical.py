"""Lexical search, filters, bad input, index build safety and the CLI on the small corpus."""

from __future__ import annotations

import json

import numpy as np
import pytest

from kb.errors import IndexMissingError, NotFoundError, QueryError
from kb.search import SearchFilters
from kb.search.index_build import build_indexes
from kb.search.query import MAX_QUERY_CHARS, build_filters, run_search
from kb.search.searchers import get_searcher


@pytest.fixture
def indexed(small_corpus):
    build_indexes(small_corpus, dense=False)
    return small_corpus


def summary(hits):
    return [(h.clause.citation(short=True), h.match, h.clause.document.status) for h in hits]


def test_in_force_default_and_as_of_before_code(indexed):
    searcher = get_searcher(indexed, "lexical")
    today = searcher.search("按日连续处罚", top_k=1)
    before = searcher.search("按日连续处罚", top_k=1, filters=SearchFilters(as_of="2026-08-14"))
    after = searcher.search("按日连续处罚", top_k=1, filters=SearchFilters(as_of="2026-08-15"))
    assert summary(today) == [("《生态环境法典》第二条", "lexical", "现行有效")]
    # the hit carries the status on the as-of day: 环境保护法 was in force until 2026-08-15
    assert summary(before) == [("《环境保护法》第二条", "lexical", "现行有效")]
    assert summary(after) == summary(today)


def test_include_repealed_ranks_current_law_first(indexed):
    hits = get_searcher(indexed, "lexical").search("按日连续处罚", top_k=10, filters=SearchFilters(include_repealed=True))
    titles = [h.clause.citation(short=True) for h in hits]
    assert titles[0] == "《生态环境法典》第二条"
    assert titles[-1] == "《环境保护法》第二条"  # repealed, after every in-force hit
    assert hits[-1].score > hits[0].score        # ... even though its BM25 score is higher


def test_law_level_and_chapter_filters(indexed):
    searcher = get_searcher(indexed, "lexical")
    only_penalty = searcher.search("按日连续处罚", filters=SearchFilters(laws=("中华人民共和国行政处罚法",)))
    assert {h.clause.law for h in only_penalty} == {"中华人民共和国行政处罚法"}
    assert searcher.search("按日连续处罚", filters=SearchFilters(levels=("行政法规",))) == []
    chapter = searcher.search("总则", filters=SearchFilters(chapter="总则"))
    assert summary(chapter) == [("《行政处罚法》第一条", "lexical", "现行有效"),
                                ("《行政处罚法》第二条", "lexical", "现行有效")]


def test_hit_points_at_best_paragraph_and_record_shape(indexed):
    hits = get_searcher(indexed, "lexical").search("听证 吊销许可证件", top_k=3)
    assert summary(hits) == [("《行政处罚法》第三条第一款", "lexical", "现行有效")]
    record = hits[0].to_record()
    assert record["paragraph"] == 1 and record["article"] == 3
    assert record["text"].startswith("行政机关拟作出下列行政处罚决定") and "（三）降低资质等级、吊销许可证件；" in record["text"]
    assert record["article_text"].endswith("当事人要求听证的，应当在行政机关告知后五日内提出。")
    json.dumps(record, ensure_ascii=False)


def test_traditional_characters_match(indexed):
    searcher = get_searcher(indexed, "lexical")
    assert summary(searcher.search("聽證", top_k=3)) == summary(searcher.search("听证", top_k=3))
    assert summary(searcher.search("按日連續處罰", top_k=1)) == [("《生态环境法典》第二条", "lexical", "现行有效")]


@pytest.mark.parametrize("query", ["", "   ", "？！。，", "...", None])
def test_bad_queries_raise_query_error(indexed, query):
    with pytest.raises(QueryError) as caught:
        run_search(indexed, query, kind="lexical")
    assert caught.value.zh and "查询" in caught.value.zh or "请输入" in caught.value.zh


@pytest.mark.parametrize("as_of", ["2026/08/15", "yesterday", "2026-02-30", "1900-01-01"])
def test_bad_as_of_raises_query_error(indexed, as_of):
    with pytest.raises(QueryError, match="as-of date") as caught:
        build_filters(indexed, as_of=as_of)
    assert caught.value.zh.startswith(f"日期“{as_of}”无效")
    with pytest.raises(QueryError):
        SearchFilters(as_of=as_of)


def test_filters_from_user_options(indexed):
    filters = build_filters(indexed, laws=["处罚法"], levels="法律", as_of="2026-08-14", include_repealed=None,
                            chapter="  决定 ")
    assert filters == SearchFilters(laws=("中华人民共和国行政处罚法",), levels=("法律",), as_of="2026-08-14",
                                    chapter="决定")
    assert build_filters(indexed, laws="", levels=[], as_of="") == SearchFilters()
    with pytest.raises(NotFoundError, match="did you mean") as caught:
        build_filters(indexed, laws=["行政处罚"])
    assert caught.value.zh.startswith("法规库中没有“行政处罚”")
    with pytest.raises(QueryError, match="unknown level"):
        build_filters(indexed, levels=["省级"])
    with pytest.raises(TypeError, match="region"):
        build_filters(indexed, region="上海")


def test_very_long_query_is_truncated_and_still_works(indexed):
    query = "按日连续处罚" + "污染" * 5000
    assert len(query) > MAX_QUERY_CHARS
    result = run_search(indexed, query, top_k=1)
    assert len(result.query) == MAX_QUERY_CHARS and len(result.hits) == 1


def test_missing_index_and_unknown_kind(small_corpus):
    with pytest.raises(IndexMissingError, match="lawkb index"):
        get_searcher(small_corpus, "lexical")
    build_indexes(small_corpus, dense=False)
    with pytest.raises(QueryError):
        get_searcher(small_corpus, "fuzzy")


def test_stale_index_is_refused(indexed):
    from tests.corpus_builders import make_document

    get_searcher(indexed, "lexical").search("听证")
    document, clauses = make_document("中华人民共和国噪声污染防治法", ["为了防治噪声污染，制定本法。"])
    indexed.store.add_document(document, clauses)
    indexed.refresh()
    with pytest.raises(IndexMissingError, match="lawkb index"):
        get_searcher(indexed, "lexical")
    build_indexes(indexed, dense=False)
    hits = get_searcher(indexed, "lexical").search("噪声污染")
    assert hits[0].clause.law == "中华人民共和国噪声污染防治法"


def test_corrupt_index_file_is_refused(indexed):
    indexed.refresh()
    (indexed.index_dir / "lexical" / "vocab.index.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexMissingError, match="lawkb index"):
        get_searcher(indexed, "lexical")
    (indexed.index_dir / "manifest.json").write_text("garbage", encoding="utf-8")
    with pytest.raises(IndexMissingError, match="lawkb index"):
        get_searcher(indexed, "lexical")


def test_failed_build_keeps_the_last_good_index(indexed, monkeypatch):
    import kb.search.index_build as index_build

    before = summary(get_searcher(indexed, "lexical").search("听证"))
    manifest = json.loads((indexed.index_dir / "manifest.json").read_text(encoding="utf-8"))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(index_build, "build_lexical", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        build_indexes(indexed, dense=False)
    assert json.loads((indexed.index_dir / "manifest.json").read_text(encoding="utf-8")) == manifest
    leftovers = [p.name for p in indexed.index_dir.parent.iterdir() if p.name.startswith("index")]
    assert len(leftovers) == 2  # the `index` link and the one build it points at
    indexed.refresh()
    assert summary(get_searcher(indexed, "lexical").search("听证")) == before


def test_rebuild_swaps_in_new_index(indexed):
    first = (indexed.index_dir / "manifest.json").resolve()
    build_indexes(indexed, dense=False)
    second = (indexed.index_dir / "manifest.json").resolve()
    assert first != second and not first.exists() and second.exists()
    rows = np.load(indexed.index_dir / "rows.npy")
    assert len(rows) == 8


def test_cli_search_on_corpus(indexed, capsys, monkeypatch):
    import lawkb.search_command as command

    monkeypatch.setattr(command, "Corpus", lambda overrides=None: indexed)
    from lawkb import main

    assert main(["search", "聽證", "--json", "--top-k", "2"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["citation"], r["paragraph"]) for r in records] == [("《中华人民共和国行政处罚法》第三条第二款", 2)]
    assert main(["search", "按日连续处罚", "--as-of", "2026-08-01", "--top-k", "1"]) == 0
    out = capsys.readouterr().out
    assert "《中华人民共和国环境保护法》第二条  [法律; 现行有效, 2015-01-01]" in out
    assert main(["search", "听证", "--law", "行政处罚"]) == 5  # not a known name: NotFoundError
    assert "did you mean" in capsys.readouterr().err
    assert main(["search", "听证", "--law", "行政处罚法", "--chapter", "决定"]) == 0
    assert "第三条" in capsys.readouterr().out
    assert main(["search", "？？"]) == 2
    assert main(["search", "听证", "--as-of", "1900-01-01"]) == 2


@pytest.mark.parametrize("kind", ["hybrid", "lexical"])
def test_query_service_answers_citations_exactly_and_searches_otherwise(indexed, kind):
    cited = run_search(indexed, "处罚法第3条第2款", kind=kind)
    assert cited.kind == "citation"
    assert [(h.clause.citation(short=True), h.match) for h in cited.hits] == [("《行政处罚法》第三条第二款", "citation")]
    found = run_search(indexed, "按日連續處罰", top_k=1, kind=kind)
    assert found.kind == "search" and summary(found.hits) == [("《生态环境法典》第二条", "lexical", "现行有效")]
    # searchers only retrieve: a citation given to one directly is searched as words
    assert all(h.match != "citation" for h in get_searcher(indexed, kind).search("处罚法第3条第2款"))


def test_citation_needs_no_index(small_corpus):
    called = []
    result = run_search(small_corpus, "处罚法第3条", searcher=lambda: called.append(1))
    assert result.kind == "citation" and called == []


def test_bureau_jargon_is_expanded(indexed):
    hits = get_searcher(indexed, "lexical").search("按日计罚", top_k=1)
    assert summary(hits) == [("《生态环境法典》第二条", "lexical", "现行有效")]


def test_hybrid_with_dense_index_on_small_corpus(small_corpus):
    manifest = build_indexes(small_corpus)
    assert manifest["dense"]["rows"] == manifest["rows"]
    hits = get_searcher(small_corpus, "hybrid").search("按日连续处罚", top_k=3)
    assert hits[0].clause.citation(short=True) == "《生态环境法典》第二条" and hits[0].match == "hybrid"
    dense_hits = get_searcher(small_corpus, "dense").search("按日连续处罚", top_k=3)
    assert {h.match for h in dense_hits} == {"dense"}
    assert all(h.clause.document.status == "现行有效" for h in dense_hits)
