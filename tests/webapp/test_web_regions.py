"""The search page and API with level and region: shown on every hit, filterable, binding marked."""

from __future__ import annotations

import pytest

from kb.search.index_build import build_indexes
from tests.corpus_builders import SMALL_LAWS, build_corpus
from tests.search.test_regions import BUREAU, LOCAL
from webapp import create_app


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setenv("LAWKB_REGION", BUREAU)
    corpus = build_corpus(tmp_path / "corpus", SMALL_LAWS + LOCAL)
    build_indexes(corpus, dense=False)
    app = create_app({"TESTING": True, "CORPUS_DIR": str(corpus.dir), "SEARCHER_KIND": "lexical",
                      "SECRET_KEY": "test-secret", "REBUILD_INDEXES": False}, instance_path=str(tmp_path / "instance"))
    return app.test_client()


def test_search_page_shows_level_region_and_other_regions_as_not_binding(client):
    page = client.get("/", query_string={"q": "排放污染物"}).get_data(as_text=True)
    assert 'name="region"' in page and '<option value="上海市">' in page
    hits = page.split('class="hit-list"')[1]
    assert "新疆维吾尔自治区/吐鲁番市" in hits and "部门规章" in hits and "生态环境部" in hits
    assert "上海市环境保护条例" not in hits          # another region's local law is left out
    hits = client.get("/", query_string={"q": "排放污染物", "region": "上海"}).get_data(as_text=True).split(
        'class="hit-list"')[1]
    assert "上海市环境保护条例" in hits and "非本地区，不具约束力" in hits
    page = client.get("/", query_string={"q": "排放污染物", "region": "火星"}).get_data(as_text=True)
    assert "法规库中没有“火星”的地方性法规" in page


def test_api_search_region_parameter(client):
    body = client.get("/api/search", query_string={"q": "排放污染物", "region": "全部", "k": 20}).get_json()
    records = {h["law"]: (h["level"], h["region"], h["binding"]) for h in body["hits"]}
    assert records["上海市环境保护条例"] == ("地方性法规", "上海市", False)
    assert records["吐鲁番市坎儿井保护条例"] == ("地方性法规", "新疆维吾尔自治区/吐鲁番市", True)
    assert body["query"]["region"] == "全部"
    bad = client.get("/api/search", query_string={"q": "排放污染物", "region": "火星"})
    assert bad.status_code == 400 and bad.get_json()["ok"] is False and "火星" in bad.get_json()["error"]


@pytest.fixture
def hybrid_client(tmp_path):
    corpus = build_corpus(tmp_path / "corpus", SMALL_LAWS + LOCAL)
    build_indexes(corpus)
    app = create_app({"TESTING": True, "CORPUS_DIR": str(corpus.dir), "SEARCHER_KIND": "hybrid",
                      "SECRET_KEY": "test-secret", "REBUILD_INDEXES": False}, instance_path=str(tmp_path / "instance"))
    return app.test_client()


def test_search_page_shows_the_lower_level_group_as_a_second_block(hybrid_client):
    page = hybrid_client.get("/", query_string={"q": "排放污染物的企业事业单位", "k": 2}).get_data(as_text=True)
    main, _, group = page.partition('<section class="hit-group"')
    assert '<h2 id="hit-group-title">配套法规、规章与地方性法规</h2>' in group
    hits = main.split('class="hit-list"')[1]
    shown = hits.count('class="card hit"')
    assert 1 <= shown <= 2 and f"最相关的 {shown} 条条文" in main and "地方性法规" not in hits
    assert group.count('class="card hit"') >= 1 and "地方性法规" in group
    named = hybrid_client.get("/", query_string={"q": "上海市排放污染物的企业事业单位", "k": 2}).get_data(as_text=True)
    first = named.split('class="hit-list"')[1]
    assert first.index("上海市环境保护条例") < first.index("</ol>")      # asked for: in the first places


def test_api_search_hits_carry_their_group(hybrid_client):
    body = hybrid_client.get("/api/search", query_string={"q": "排放污染物的企业事业单位", "k": 2}).get_json()
    groups = [h["group"] for h in body["hits"]]
    assert groups[:1] == ["main"] and "lower" in groups and groups.count("main") <= 2
    assert all(h["level"] in ("宪法", "法律") for h in body["hits"] if h["group"] == "main")
    assert all(h["level"] not in ("宪法", "法律") for h in body["hits"] if h["group"] == "lower")
    clause = hybrid_client.get(f"/api/clauses/{body['hits'][0]['clause_id']}").get_json()
    assert clause["ok"] and "group" not in clause["clause"]
