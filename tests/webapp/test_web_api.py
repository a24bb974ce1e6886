"""JSON API: whole records, one error shape, OpenAPI description in step with the routes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kb.clause import Hit

OPENAPI = Path(__file__).resolve().parents[2] / "webapp" / "openapi.json"


def penalty_article_3(corpus, ids):
    return corpus.store.clause(ids["clauses"][("行政处罚法", "2021-01-22", 3)])


def test_search_returns_hit_records(client, corpus, ids):
    body = client.get("/api/search", query_string={"q": "听证", "k": 5}).get_json()
    expected_hit = Hit(penalty_article_3(corpus, ids).focus(1), 2.0, "lexical").to_record()
    assert body == {
        "ok": True, "kind": "search", "as_of": body["as_of"], "count": 1,
        "query": {"q": "听证", "law": "", "level": "", "region": "", "status": "in_force", "as_of": "", "k": 5},
        "hits": [expected_hit],
    }
    assert expected_hit["citation"] == "《中华人民共和国行政处罚法》第三条第一款"
    assert expected_hit["path"] == ["第五章 行政处罚的决定"] and expected_hit["paragraph"] == 1


def test_search_with_a_citation_resolves_it(client, corpus, ids):
    body = client.get("/api/search", query_string={"q": "行政处罚法第三条第二款"}).get_json()
    assert body["kind"] == "citation"
    assert body["hits"] == [Hit(penalty_article_3(corpus, ids).focus(2), 1.0, "citation").to_record()]


def test_laws_lists_titles_with_versions(client, ids):
    body = client.get("/api/laws", query_string={"q": "行政处罚"}).get_json()
    assert body["ok"] is True and body["count"] == 1
    law = body["laws"][0]
    assert {k: v for k, v in law.items() if k != "versions"} == {
        "title": "中华人民共和国行政处罚法", "short_title": "行政处罚法", "level": "法律", "department": None,
        "current_id": ids["docs"][("行政处罚法", "2021-01-22")], "status": "现行有效"}
    assert law["versions"] == [
        {"id": ids["docs"][("行政处罚法", "2017-09-01")], "title": "中华人民共和国行政处罚法", "short_title": "行政处罚法",
         "level": "法律", "department": None, "issuing_body": None, "promulgation_date": "2017-09-01",
         "effective_date": "2018-01-01", "version_date": "2017-09-01", "repeal_date": "2021-07-15",
         "source_status": "历史版本", "status": "历史版本"},
        {"id": ids["docs"][("行政处罚法", "2021-01-22")], "title": "中华人民共和国行政处罚法", "short_title": "行政处罚法",
         "level": "法律", "department": None, "issuing_body": None, "promulgation_date": "2021-01-22",
         "effective_date": "2021-07-15", "version_date": "2021-01-22", "repeal_date": None,
         "source_status": "现行有效", "status": "现行有效"},
    ]
    assert client.get("/api/laws").get_json()["count"] == 3


def test_law_detail_has_every_clause(client, corpus, ids):
    doc_id = ids["docs"][("环境保护法", "2014-04-24")]
    body = client.get(f"/api/laws/{doc_id}", query_string={"as_of": "2020-01-01"}).get_json()
    assert body["document"]["status"] == "现行有效"          # judged on as_of
    assert [v["id"] for v in body["versions"]] == [doc_id]
    first = corpus.store.clauses(doc_id)[0]
    record = Hit(first, 0.0).to_record()
    del record["score"], record["match"], record["group"]
    assert body["clauses"][0] == {**record, "kind": "article", "anchor": "第一条"}
    assert [c["article_label"] for c in body["clauses"]] == ["第一条", "第二条"]


def test_clause_detail_with_paragraphs(client, corpus, ids):
    clause = penalty_article_3(corpus, ids)
    body = client.get(f"/api/clauses/{clause.id}", query_string={"p": 2}).get_json()
    assert body["clause"]["citation"] == "《中华人民共和国行政处罚法》第三条第二款"
    assert body["clause"]["text"] == "当事人要求听证的，应当在行政机关告知后五日内提出。"
    assert body["clause"]["anchor"] == "第三条-第2款"
    assert body["clause"]["paragraphs"] == [
        {"index": 1, "text": "行政机关拟作出下列行政处罚决定，应当告知当事人有要求听证的权利：",
         "items": ["（一）较大数额罚款；", "（二）没收较大数额违法所得；", "（三）降低资质等级、吊销许可证件；",
                   "（四）责令停产停业、责令关闭、限制从业。"],
         "citation": "《中华人民共和国行政处罚法》第三条第一款"},
        {"index": 2, "text": "当事人要求听证的，应当在行政机关告知后五日内提出。", "items": [],
         "citation": "《中华人民共和国行政处罚法》第三条第二款"},
    ]
    assert body["document"]["title"] == "中华人民共和国行政处罚法"


def test_cite_resolve(client, corpus, ids):
    body = client.get("/api/cite/resolve", query_string={"q": "《行政处罚法》第三条"}).get_json()
    assert body == {"ok": True, "query": "《行政处罚法》第三条", "as_of": None, "citation": True,
                    "hits": [Hit(penalty_article_3(corpus, ids), 1.0, "citation").to_record()]}
    body = client.get("/api/cite/resolve", query_string={"q": "超标排放怎么罚"}).get_json()
    assert body == {"ok": True, "query": "超标排放怎么罚", "as_of": None, "citation": False, "hits": []}


@pytest.mark.parametrize("method, url, status", [
    ("get", "/api/nothing-here", 404),
    ("get", "/api/laws/424242", 404),
    ("get", "/api/clauses/424242", 404),
    ("get", "/api/clauses/1?p=9", 404),
    ("get", "/api/clauses/1?p=x", 400),
    ("get", "/api/search", 400),
    ("get", "/api/search?q=x&as_of=2026-02-30", 400),
    ("get", "/api/search?q=x&as_of=1900-01-01", 400),
    ("get", "/api/search?q=x&status=maybe", 400),
    ("get", "/api/search?q=x&k=ten", 400),
    ("get", "/api/search?q=x&law=无此法", 404),
    ("get", "/api/search?q=行政处罚法第九十九条", 404),
    ("get", "/api/cite/resolve", 400),
    ("get", "/api/cite/resolve?q=《无此法》第一条", 404),
    ("post", "/api/search?q=x", 405),
    ("delete", "/api/laws", 405),
])
def test_every_api_error_has_one_shape(client, method, url, status):
    response = getattr(client, method)(url)
    assert response.status_code == status
    body = response.get_json()
    assert set(body) - {"suggestions"} == {"ok", "error", "status"}
    assert body["ok"] is False and body["status"] == status and body["error"]
    assert "Traceback" not in body["error"]


def test_unexpected_errors_are_a_plain_500(app, client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals /etc/passwd")

    app.config["SEARCHER_FACTORY"] = broken
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/api/search", query_string={"q": "超标排放怎么罚"})
    assert response.status_code == 500
    assert response.get_json() == {"ok": False, "error": "internal server error", "status": 500}
    page = client.get("/", query_string={"q": "超标排放怎么罚"})
    assert page.status_code == 500 and "secret internals" not in page.get_data(as_text=True)


def test_openapi_document_parses_and_covers_every_route(app, client):
    document = json.loads(OPENAPI.read_text(encoding="utf-8"))
    assert document["openapi"].startswith("3.")
    assert client.get("/api/openapi.json").get_json() == document
    def openapi_path(rule):
        return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: "{id}" if m.group(1).endswith("_id") else "{%s}" % m.group(1),
                      rule.rule)

    ours = {openapi_path(rule) for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api.")}
    everything = {openapi_path(rule) for rule in app.url_map.iter_rules()}
    assert ours <= set(document["paths"]), "document every route of the api blueprint"
    assert set(document["paths"]) <= everything, "openapi.json documents a route that does not exist"
    refs = {m for m in json.dumps(document).split('"') if m.startswith("#/components/schemas/")}
    assert {r.rsplit("/", 1)[1] for r in refs} <= set(document["components"]["schemas"])
    for path, item in document["paths"].items():
        for operation in item.values():
            assert operation["responses"] and operation["operationId"]
    try:
        from openapi_spec_validator import validate
    except ImportError:
        return
    validate(document)
