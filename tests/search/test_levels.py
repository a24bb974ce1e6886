"""The 效力层级 rule of hybrid search (kb.search.levels): the first top-k hits are the national laws
ranked as if searched alone, the best lower-level texts follow as a separate group, unless the query
names a lower-level text (one mixed ranking)."""

from __future__ import annotations

import numpy as np
import pytest

from kb.search.index_build import build_indexes
from kb.search.levels import GROUP_LOWER, GROUP_MAIN, asks_for_lower, grouped, lower_group, region_names
from kb.search.query import build_filters
from tests.corpus_builders import build_corpus, make_document

NATIONAL_ARTICLE = "产生工业固体废物的单位应当建立健全工业固体废物产生、收集、贮存、运输、利用、处置全过程的污染环境防治责任制度。"
PROVINCES = ("广东省", "浙江省", "山东省", "河南省", "江苏省", "湖北省", "湖南省", "四川省", "福建省", "安徽省",
             "江西省", "河北省")
LAWS = [
    make_document("中华人民共和国固体废物污染环境防治法", [
        "为了保护和改善生态环境，防治固体废物污染环境，制定本法。",
        NATIONAL_ARTICLE,
        "禁止向江河、湖泊、运河、渠道、水库及其最高水位线以下的滩地和岸坡倾倒、堆放固体废物。",
    ], version_date="2020-04-29"),
    make_document("中华人民共和国大气污染防治法", [
        "企业事业单位和其他生产经营者应当采取措施，防治工业粉尘和扬尘污染。",
        "禁止露天焚烧沥青、油毡、橡胶、塑料、皮革、垃圾以及其他产生有毒有害烟尘和恶臭气体的物质。",
    ], version_date="2018-10-26"),
] + [  # twelve provincial regulations restating the national article, plus the query's words
    make_document(f"{province}固体废物污染环境防治条例", [
        "本省产生工业固体废物的单位应当建立健全工业固体废物产生、收集、贮存、运输、利用、处置全过程的"
        "污染环境防治责任制度，建立工业固体废物管理台账。",
        "县级以上人民政府生态环境主管部门对本行政区域固体废物污染环境防治工作实施统一监督管理。",
    ], level="地方性法规", region=province, version_date="2022-11-30")
    for province in PROVINCES
]
QUERY = "产生工业固体废物的单位要建立什么责任制度和管理台账"


def test_asks_for_lower_names_a_kind_of_text_or_a_region():
    regions = region_names({"广东省", "广东省/广州市", "新疆维吾尔自治区/吐鲁番市"})
    assert {"广东省", "广东", "广州市", "广州", "吐鲁番", "新疆"} <= set(regions)
    assert asks_for_lower("广东省对露天焚烧轮胎怎么罚？", regions)
    assert asks_for_lower("在吐鲁番建坎儿井保护区有什么要求", regions)
    assert asks_for_lower("排污许可管理条例对重点管理的排污单位有什么要求", regions)
    assert asks_for_lower("违反了《个人贷款管理暂行办法》，借款合同有效吗？", ())
    assert not asks_for_lower("未成年人去纹身，有什么解决办法？", regions)
    assert not asks_for_lower("露天焚烧垃圾怎么罚？法律有什么规定", regions)
    assert not asks_for_lower("上海的企业排污怎么罚", regions)        # no local law of 上海 loaded


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    from kb.search.searchers import get_searcher

    corpus = build_corpus(tmp_path_factory.mktemp("levels") / "corpus", LAWS)
    build_indexes(corpus)
    return get_searcher(corpus, "hybrid")


NATIONAL_LAWS = ("中华人民共和国固体废物污染环境防治法", "中华人民共和国大气污染防治法")


def test_lower_group_and_grouped():
    rows = np.array([5, 3, 9, 1, 7])
    lower = np.zeros(10, dtype=bool)
    lower[[5, 9, 1, 7]] = True
    assert lower_group(rows, lower, None, 2).tolist() == [0, 2]              # places of the best two
    preferred = np.ones(10, dtype=bool)
    preferred[5] = False                                                     # e.g. another region's
    assert lower_group(rows, lower, preferred, 2).tolist() == [2, 3]         # the preferred ones first
    assert lower_group(rows, lower, preferred, 9).tolist() == [2, 3, 4, 0]   # then the others, in order
    assert lower_group(rows, lower, None, 0).tolist() == []
    out, scores, start = grouped(np.array([3, 4, 8]), np.array([0.9, 0.8, 0.7]), np.array([5, 9]),
                                 np.array([0.95, 0.5]), 2)
    assert out.tolist() == [3, 4, 5, 9] and scores.tolist() == [0.9, 0.8, 0.95, 0.5] and start == 2
    assert grouped(np.array([3]), np.array([0.9]), np.array([5]), np.array([0.5]), 10)[2] == 1  # fewer national


def search(searcher, query, top_k=10, **params):
    searcher.params.update(params)
    return searcher.search(query, top_k, build_filters(searcher.bundle.corpus))


def test_the_national_hits_come_first_and_the_regulations_follow_as_a_group(searcher):
    off = search(searcher, QUERY, level_group=-1)
    laws = [hit.clause.law for hit in off]
    assert "中华人民共和国固体废物污染环境防治法" not in laws[:10]      # twelve look-alikes push it out
    assert {hit.group for hit in off} == {GROUP_MAIN}
    hits = search(searcher, QUERY, level_group=3, level_intent=True)
    main = [hit for hit in hits if hit.group == GROUP_MAIN]
    group = [hit for hit in hits if hit.group == GROUP_LOWER]
    assert main and all(hit.clause.law in NATIONAL_LAWS for hit in main)
    assert main[0].clause.law == "中华人民共和国固体废物污染环境防治法" and main[0].clause.article == 2
    assert len(group) == 3 and all(hit.clause.law.endswith("固体废物污染环境防治条例") for hit in group)
    assert hits == main + group and hits[0].to_record()["group"] == "main" and group[0].to_record()["group"] == "lower"
    assert len([h for h in search(searcher, QUERY, 1, level_group=3) if h.group == GROUP_MAIN]) == 1  # top_k national
    assert [h.group for h in search(searcher, QUERY, level_group=0)] == [GROUP_MAIN] * len(main)      # no group
    # a query naming a lower-level text: one mixed ranking, the named regulation first, then the group
    named = search(searcher, "广东省" + QUERY, level_group=3, level_intent=True)
    assert named[0].clause.law == "广东省固体废物污染环境防治条例"
    assert [h.group for h in named] == [GROUP_MAIN] * 10 + [GROUP_LOWER] * 3
    assert not {h.clause.id for h in named[:10]} & {h.clause.id for h in named[10:]}
    assert all(h.clause.document.level == "地方性法规" for h in named[10:])
    no_intent = search(searcher, "广东省" + QUERY, level_group=3, level_intent=False)
    assert no_intent[0].clause.law in NATIONAL_LAWS and no_intent[-1].group == GROUP_LOWER
    searcher.params.update(level_group=5, level_intent=True)


def test_a_filter_leaving_only_lower_level_texts_is_one_ranking(searcher):
    filters = build_filters(searcher.bundle.corpus, levels="地方性法规")
    hits = searcher.search(QUERY, 10, filters)
    assert len(hits) == 10 and {h.group for h in hits} == {GROUP_MAIN}
    assert all(h.clause.document.level == "地方性法规" for h in hits)


def national_keys(searcher, query, mask, n=15):
    rows, _ = searcher.candidates(query, mask, n)
    lower = searcher.bundle.lower_level_rows
    return [(searcher.bundle.clauses[r].law, searcher.bundle.clauses[r].article) for r in rows if not lower[r]]


NATIONAL_QUERIES = (QUERY, "禁止露天焚烧垃圾和塑料", "固体废物污染环境防治的监督管理", "防治工业粉尘污染", "工业固体废物管理台账")


def test_the_first_places_are_the_national_only_ranking_exactly(searcher):
    """The invariant of issue 11: whatever the collection holds, the first top_k hits of a query
    that does not name a lower-level text are those of a search of the national texts alone."""
    mask = searcher.bundle.row_filter.mask(build_filters(searcher.bundle.corpus))
    national = mask & (searcher.bundle.lower_level_rows == 0)
    searcher.params.update(level_group=5, level_intent=True, depth=5)   # the regulations fill a pool of 5
    try:
        for depth in (5, 400):
            searcher.params["depth"] = depth
            for query in NATIONAL_QUERIES:
                for k in (1, 3, 10):
                    alone = national_keys(searcher, query, national, k)
                    rows, _ = searcher.candidates(query, mask, k)
                    keys = [(searcher.bundle.clauses[r].law, searcher.bundle.clauses[r].article) for r in rows]
                    assert keys == alone, (query, depth, k)
        searcher.params.update(depth=5, level_group=-1)
        assert national_keys(searcher, QUERY, mask, 5) == []             # one ranking: crowded out of the pool
    finally:
        searcher.params.update(depth=400, level_group=5)


def test_answers_draw_on_the_first_places_only(searcher):
    mask = searcher.bundle.row_filter.mask(build_filters(searcher.bundle.corpus))
    rows, _ = searcher.candidates(QUERY, mask, 10)
    assert not searcher.bundle.lower_level_rows[rows].any()              # the group is search's, not answers'
    rows, _ = searcher.candidates("广东省" + QUERY, mask, 10)
    assert searcher.bundle.lower_level_rows[rows].any()                  # named: the regulation may answer


def test_level_settings_reach_the_searcher(searcher, monkeypatch):
    from kb.corpus import Corpus
    from kb.search.searchers import get_searcher

    assert searcher.params["level_group"] == 5                       # the default
    monkeypatch.setenv("LAWKB_LEVEL_GROUP", "2")
    monkeypatch.setenv("LAWKB_LEVEL_INTENT", "0")
    other = get_searcher(Corpus(searcher.bundle.corpus.dir), "hybrid")
    assert other.params["level_group"] == 2 and other.params["level_intent"] is False


def test_an_answer_cites_a_lower_level_text_only_when_the_question_names_one(searcher):
    from kb.answer import extractive_answer

    corpus = searcher.bundle.corpus

    def levels(answer):
        return {h.clause.document.level for h in answer.citations + answer.supporting + answer.related}

    plain = extractive_answer(corpus, QUERY + "？", searcher=searcher)
    assert plain.citations and levels(plain) == {"法律"}
    assert plain.citations[0].clause.law == "中华人民共和国固体废物污染环境防治法"
    named = extractive_answer(corpus, "广东省" + QUERY + "？", searcher=searcher)
    assert "地方性法规" in levels(named)
