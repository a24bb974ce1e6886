"""Level and region: filters in search, API, quiz and citation check; the bureau's region ranks and binds."""

from __future__ import annotations

import json

import pytest

from kb.errors import QueryError
from kb.regions import binds, normalize_region, region_matches, region_of_title
from kb.search.index_build import build_indexes
from kb.search.query import build_filters, run_search
from tests.corpus_builders import SMALL_LAWS, build_corpus, make_document

LOCAL = [
    make_document("上海市环境保护条例", ["排放污染物的企业事业单位，应当采取措施防治环境污染。"], level="地方性法规",
                  region="上海市", version_date="2022-07-21"),
    make_document("新疆维吾尔自治区环境保护条例", ["排放污染物的企业事业单位，应当建立环境保护责任制度。"], level="地方性法规",
                  region="新疆维吾尔自治区", version_date="2018-09-21"),
    make_document("吐鲁番市坎儿井保护条例", ["坎儿井保护范围内禁止排放污染物。"], level="地方性法规",
                  region="新疆维吾尔自治区/吐鲁番市", version_date="2020-01-01"),
    make_document("乌鲁木齐市大气污染防治条例", ["排放污染物的企业事业单位，应当减少大气污染物排放。"], level="地方性法规",
                  region="新疆维吾尔自治区/乌鲁木齐市", version_date="2019-01-01"),
    make_document("环境行政处罚办法", ["排放污染物违法行为的行政处罚适用本办法。"], level="部门规章",
                  issuing_body="生态环境部", version_date="2023-05-08"),
]
BUREAU = "新疆维吾尔自治区/吐鲁番市"


@pytest.fixture
def corpus(tmp_path):
    corpus = build_corpus(tmp_path / "home" / "corpora" / "default", SMALL_LAWS + LOCAL)
    build_indexes(corpus, dense=False)
    return corpus


def found(corpus, query="排放污染物", **options):
    result = run_search(corpus, query, 20, build_filters(corpus, **options), kind="lexical")
    return [(h.to_record()["law"], h.to_record()["region"], h.to_record()["binding"]) for h in result.hits]


def test_without_a_bureau_region_every_text_counts_and_records_show_level_and_region(corpus):
    hits = found(corpus)
    assert {law for law, _, _ in hits} >= {"上海市环境保护条例", "乌鲁木齐市大气污染防治条例", "环境行政处罚办法"}
    assert {binding for _, _, binding in hits} == {None}
    record = run_search(corpus, "坎儿井", 1, build_filters(corpus), kind="lexical").hits[0].to_record()
    assert (record["level"], record["region"]) == ("地方性法规", "新疆维吾尔自治区/吐鲁番市")


def test_bureau_region_leaves_other_regions_out_and_marks_binding(corpus, monkeypatch):
    monkeypatch.setenv("LAWKB_REGION", BUREAU)
    hits = found(corpus)
    laws = {law for law, _, _ in hits}
    assert {"新疆维吾尔自治区环境保护条例", "吐鲁番市坎儿井保护条例", "环境行政处罚办法"} <= laws
    assert not laws & {"上海市环境保护条例", "乌鲁木齐市大气污染防治条例"}
    assert {binding for _, _, binding in hits} == {True}


def test_asking_for_other_regions_shows_them_as_not_binding_after_the_binding_ones(corpus, monkeypatch):
    monkeypatch.setenv("LAWKB_REGION", BUREAU)
    assert found(corpus, regions=["上海"]) == [("上海市环境保护条例", "上海市", False)]
    everything = found(corpus, regions=["全部"])
    bindings = [binding for _, _, binding in everything]
    assert False in bindings and True in bindings
    assert bindings == sorted(bindings, reverse=True)  # binding first, then the rest
    assert {law for law, _, _ in found(corpus, regions=["全国"])} <= {t.title for t, _ in SMALL_LAWS} | {"环境行政处罚办法"}
    assert {law for law, _, _ in found(corpus, regions=["新疆"])} == {
        "新疆维吾尔自治区环境保护条例", "吐鲁番市坎儿井保护条例", "乌鲁木齐市大气污染防治条例"}
    assert found(corpus, levels=["部门规章"]) == [("环境行政处罚办法", None, True)]


def test_unknown_region_is_refused_with_the_known_ones(corpus):
    with pytest.raises(QueryError, match="no local law of region '浙江' in the store .*上海市"):
        build_filters(corpus, regions=["浙江"])


def test_cli_search_shows_level_region_and_binding(corpus, capsys, monkeypatch):
    from lawkb import main

    monkeypatch.setenv("LAWKB_HOME", str(corpus.dir.parent.parent))
    monkeypatch.setenv("LAWKB_REGION", BUREAU)
    assert main(["search", "排放污染物", "--kind", "lexical", "--region", "上海"]) == 0
    out = capsys.readouterr().out
    assert "《上海市环境保护条例》第一条  [地方性法规 上海市 not binding in LAWKB_REGION; 现行有效" in out
    assert main(["search", "排放污染物", "--kind", "lexical", "--level", "部门规章", "--json"]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert (record["level"], record["issuing_body"], record["region"], record["binding"]) == (
        "部门规章", "生态环境部", None, True)
    assert main(["search", "排放污染物", "--region", "火星"]) == 2
    assert "no local law of region '火星'" in capsys.readouterr().err


def test_citation_check_flags_another_regions_law_and_filters_by_level(corpus, monkeypatch):
    from kb.cite.check import check_text

    text = "依据《上海市环境保护条例》第一条、《环境行政处罚办法》第一条和《吐鲁番市坎儿井保护条例》第一条的规定。2026年9月1日"
    monkeypatch.setenv("LAWKB_REGION", BUREAU)
    verdicts = [(r.to_record()["law"], r.verdict) for r in check_text(corpus, text).results]
    assert verdicts == [("上海市环境保护条例", "not_binding"), ("环境行政处罚办法", "ok"), ("吐鲁番市坎儿井保护条例", "ok")]
    record = check_text(corpus, text).results[0].to_record()
    assert "不具约束力" in record["message"]
    assert [r.to_record()["law"] for r in check_text(corpus, text, levels=["部门规章"]).results] == ["环境行政处罚办法"]
    assert [r.to_record()["law"] for r in check_text(corpus, text, regions=["新疆"]).results] == ["吐鲁番市坎儿井保护条例"]


def test_quiz_scope_by_level_and_region(corpus):
    from kb.quiz.scope import Scope, resolve

    scope = resolve(corpus, Scope(levels=("地方性法规",), regions=("新疆",)))
    assert sorted(d.title for d in scope.documents) == ["乌鲁木齐市大气污染防治条例", "吐鲁番市坎儿井保护条例",
                                                         "新疆维吾尔自治区环境保护条例"]
    assert [d.title for d in resolve(corpus, Scope(levels=("部门规章",))).documents] == ["环境行政处罚办法"]
    assert "新疆" in Scope(regions=("新疆",)).describe()


def test_region_names():
    assert region_of_title("广州市扬尘污染防治管理规定", "广东省") == "广东省/广州市"
    assert region_of_title("深圳经济特区绿色建筑条例", "广东省") == "广东省/深圳市"
    assert region_of_title("上海市环境保护条例") == "上海市"
    assert region_of_title("某某市生态环境保护条例") is None
    assert normalize_region("新疆/吐鲁番市") == BUREAU and normalize_region("上海") == "上海市"
    assert binds("新疆维吾尔自治区", BUREAU) and binds(BUREAU, BUREAU) and binds(None, BUREAU)
    assert not binds("上海市", BUREAU) and not binds("新疆维吾尔自治区/乌鲁木齐市", BUREAU)
    assert region_matches("广东省/广州市", "广东") and region_matches("广东省", "广东省/广州市")
    assert not region_matches("广东省/深圳市", "广东省/广州市") and region_matches(None, "全国")


def test_national_hits_first_then_the_lower_level_group_binding_ones_first(tmp_path, monkeypatch):
    from kb.search.levels import GROUP_LOWER

    corpus = build_corpus(tmp_path / "home" / "corpora" / "default", SMALL_LAWS + LOCAL)
    build_indexes(corpus)
    query = "排放污染物的企业事业单位"

    def hits(**options):
        result = run_search(corpus, query, 3, build_filters(corpus, **options))
        return [(h.clause.document.level, h.clause.law, h.binding, h.group) for h in result.hits]

    plain = hits()
    head = [h for h in plain if h[3] != GROUP_LOWER]
    group = [h for h in plain if h[3] == GROUP_LOWER]
    assert 1 <= len(head) <= 3 and {level for level, *_ in head} <= {"宪法", "法律"}   # the national laws first
    assert plain == head + group and group and {level for level, *_ in group} <= {"地方性法规", "部门规章"}
    monkeypatch.setenv("LAWKB_REGION", BUREAU)
    group = [h for h in hits(regions=["全部"]) if h[3] == GROUP_LOWER]
    bindings = [binding for *_, binding, _ in group]
    assert True in bindings and False in bindings and bindings == sorted(bindings, reverse=True)  # own region first
    assert {law for _, law, binding, _ in group if binding is False} <= {"上海市环境保护条例", "乌鲁木齐市大气污染防治条例"}
    assert not {law for _, law, _, _ in hits()} & {"上海市环境保护条例", "乌鲁木齐市大气污染防治条例"}


def test_cli_search_prints_the_group_as_a_second_section(tmp_path, capsys, monkeypatch):
    from lawkb import main

    corpus = build_corpus(tmp_path / "home" / "corpora" / "default", SMALL_LAWS + LOCAL)
    build_indexes(corpus)
    monkeypatch.setenv("LAWKB_HOME", str(corpus.dir.parent.parent))
    assert main(["search", "排放污染物的企业事业单位", "-k", "2"]) == 0
    out = capsys.readouterr().out
    head, _, group = out.partition("-- 配套法规、规章与地方性法规 (regulations, rules and local law)\n")
    assert group and "[法律;" in head and "[地方性法规" not in head and "[地方性法规" in group
    assert main(["search", "排放污染物的企业事业单位", "-k", "2", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    groups = [r["group"] for r in records]
    assert groups[0] == "main" and "lower" in groups and groups == sorted(groups, key=["main", "lower"].index)
    assert all(r["level"] in ("宪法", "法律") for r in records if r["group"] == "main")
    assert main(["search", "上海市排放污染物的企业事业单位", "-k", "2", "--json"]) == 0   # names a region: mixed
    assert json.loads(capsys.readouterr().out)[0]["law"] == "上海市环境保护条例"
