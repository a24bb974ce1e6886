"""The 效力层级 rule of hybrid search (kb.search.levels): a lower-level text that nearly restates a
national article gives way to it, unless the query names the lower-level text."""

from __future__ import annotations

import numpy as np
import pytest

from kb.search.index_build import build_indexes
from kb.search.levels import asks_for_lower, level_order, national_order, region_names
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


def test_level_order_prior_and_slots():
    scores = np.array([0.95, 0.90, 0.80, 0.60])
    lower = np.array([1, 0, 1, 0])
    assert level_order(scores, lower, 0.0)[0].tolist() == [0, 1, 2, 3]             # off: fused order
    assert level_order(scores, lower, 0.1)[0].tolist() == [1, 0, 2, 3]             # 0.85 < 0.90
    assert level_order(scores, lower, 0.3)[0].tolist() == [1, 0, 3, 2]             # 0.50 < 0.60
    assert level_order(scores, lower, 0.0, slots=1)[0].tolist() == [0, 1, 3, 2]    # one lower hit in the first 10
    assert level_order(scores, lower, 0.0, slots=0)[0].tolist() == [1, 3, 0, 2]
    assert level_order(scores, lower, 0.3, slots=0, asked=True)[0].tolist() == [0, 1, 2, 3]
    order, adjusted = level_order(scores, lower, 0.1)
    assert adjusted.tolist() == pytest.approx([0.85, 0.90, 0.70, 0.60])
    assert level_order(np.array([0.5, 0.4]), np.array([1, 1]), 0.2, slots=0)[0].tolist() == [0, 1]  # no national hit
    # twelve lower-level hits ahead of a national one: with 3 slots it moves up to the 4th place
    many = np.linspace(1.0, 0.5, 13)
    flags = np.array([1] * 12 + [0])
    order = level_order(many, flags, 0.0, slots=3)[0].tolist()
    assert order[:4] == [0, 1, 2, 12] and order[4:] == list(range(3, 12))


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


def ranked_laws(searcher, query, **params):
    searcher.params.update(params)
    mask = searcher.bundle.row_filter.mask(build_filters(searcher.bundle.corpus))
    rows, _ = searcher.candidates(query, mask, 15)
    return [searcher.bundle.clauses[r].law for r in rows]


def test_regulations_restating_a_national_article_do_not_push_it_off_the_first_page(searcher):
    off = ranked_laws(searcher, QUERY, level_prior=0.0, level_slots=10)
    assert "中华人民共和国固体废物污染环境防治法" not in off[:10]              # twelve look-alikes push it out
    assert off[0].endswith("固体废物污染环境防治条例")
    for params in ({"level_prior": 0.0, "level_slots": 3}, {"level_prior": 0.3, "level_slots": 10},
                   {"level_prior": 0.3, "level_slots": 3}):
        on = ranked_laws(searcher, QUERY, level_intent=True, **params)
        assert "中华人民共和国固体废物污染环境防治法" in on[:10], params
        assert any(law.endswith("固体废物污染环境防治条例") for law in on[:10]), params  # regulations still shown
    named = ranked_laws(searcher, "广东省" + QUERY, level_prior=0.3, level_slots=3, level_intent=True)
    assert named[0] == "广东省固体废物污染环境防治条例"                # asked for: the fused order, unchanged
    assert named == ranked_laws(searcher, "广东省" + QUERY, level_prior=0.0, level_slots=10)
    no_intent = ranked_laws(searcher, "广东省" + QUERY, level_prior=0.3, level_slots=3, level_intent=False)
    last_national = max(i for i, law in enumerate(no_intent[:10]) if law.endswith("法"))
    assert no_intent != named and sum(law.endswith("条例") for law in no_intent[:last_national]) <= 3


def test_national_order_refills_the_national_places():
    rows = np.array([10, 20, 30, 40, 50])
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5])
    lower = np.array([1, 0, 1, 0, 0])
    out, kept = national_order(rows, scores, lower, np.array([50, 40]))
    assert out.tolist() == [10, 50, 30, 40, 20] and kept.tolist() == scores.tolist()  # scores stay with places
    # the lower-level rows filled the mixed pool: the national tier's rows follow at the last score
    out, kept = national_order(np.array([1, 2]), np.array([0.9, 0.8]), np.array([1, 1]), np.array([7, 8]))
    assert out.tolist() == [1, 2, 7, 8] and kept.tolist() == [0.9, 0.8, 0.8, 0.8]
    assert national_order(rows, scores, lower, np.array([], dtype=np.int64))[0].tolist() == rows.tolist()


def national_keys(searcher, query, mask, n=15):
    rows, _ = searcher.candidates(query, mask, n)
    lower = searcher.bundle.lower_level_rows
    return [(searcher.bundle.clauses[r].law, searcher.bundle.clauses[r].article) for r in rows if not lower[r]]


NATIONAL_QUERIES = (QUERY, "禁止露天焚烧垃圾和塑料", "固体废物污染环境防治的监督管理", "防治工业粉尘污染", "工业固体废物管理台账")


def test_a_big_lower_level_tier_does_not_change_how_national_articles_rank_among_themselves(searcher):
    mask = searcher.bundle.row_filter.mask(build_filters(searcher.bundle.corpus))
    national = mask & (searcher.bundle.lower_level_rows == 0)
    # a candidate pool of 5: the twelve regulations fill the mixed one, as 127k lower-level rows fill 400
    searcher.params.update(level_prior=0.0, level_slots=3, level_intent=True, depth=5)
    try:
        alone = national_keys(searcher, QUERY, national, 5)
        assert alone[0] == ("中华人民共和国固体废物污染环境防治法", 2)
        searcher.params["level_tiers"] = False
        assert national_keys(searcher, QUERY, mask, 5) == []                # crowded out of the pool
        searcher.params["level_tiers"] = True
        assert national_keys(searcher, QUERY, mask, 5) == alone[:2]        # its own pool: ranked as alone
        searcher.params["depth"] = 400   # the whole index: only the min-max scale and the law boost shift
        shifted = []
        for query in NATIONAL_QUERIES:
            alone = national_keys(searcher, query, national)
            mixed = national_keys(searcher, query, mask)
            assert mixed == alone[:len(mixed)], query
            searcher.params["level_tiers"] = False
            mixed = national_keys(searcher, query, mask)
            shifted += [query] if mixed != alone[:len(mixed)] else []
            searcher.params["level_tiers"] = True
        assert shifted == ["工业固体废物管理台账"]   # the regulations' 台账 sentence sets the lexical scale
    finally:
        searcher.params.update(depth=400, level_tiers=True)


def test_level_tiers_setting_reaches_the_searcher(searcher, monkeypatch):
    from kb.corpus import Corpus
    from kb.search.searchers import get_searcher

    assert searcher.params["level_tiers"] is True                     # the default: on
    monkeypatch.setenv("LAWKB_LEVEL_TIERS", "0")
    off = get_searcher(Corpus(searcher.bundle.corpus.dir), "hybrid")
    assert off.params["level_tiers"] is False
