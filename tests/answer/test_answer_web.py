"""答问 page and /api/answer on the small indexed corpus."""

from __future__ import annotations

import json
import threading
from urllib.parse import quote
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from webapp import create_app

CITED = "《中华人民共和国行政强制法》第三条第一款"


@pytest.fixture
def client(answer_corpus, tmp_path, monkeypatch):
    return _client(answer_corpus, tmp_path, monkeypatch)


@pytest.fixture
def confidence_only_client(answer_corpus, tmp_path, monkeypatch):
    """The app with the scope gate off (LAWKB_ANSWER_MIN_SCOPE=0, read when the app starts)."""
    monkeypatch.setenv("LAWKB_ANSWER_MIN_SCOPE", "0")
    return _client(answer_corpus, tmp_path, monkeypatch)


def _client(answer_corpus, tmp_path, monkeypatch):
    monkeypatch.delenv("LAWKB_LLM_URL", raising=False)
    app = create_app({"TESTING": True, "CORPUS_DIR": str(answer_corpus.dir), "SECRET_KEY": "test-secret",
                      "REBUILD_INDEXES": False, "SEARCHER_KIND": "lexical"}, instance_path=str(tmp_path / "instance"))
    return app.test_client()


def test_page_without_question_shows_examples(client):
    page = client.get("/answer").get_data(as_text=True)
    assert "问法律问题" in page and "查封扣押最长多久" in page
    assert 'href="/answer"' in page  # the nav shows 答问


def test_page_answer_links_the_clause(client, answer_corpus):
    response = client.get("/answer", query_string={"q": "查封扣押最长多久?"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "查封、扣押的期限不得超过三十日" in page and CITED in page
    store = answer_corpus.store
    clause = store.article(store.current_version("中华人民共和国行政强制法").id, 3)
    assert f"/clauses/{clause.id}?p=1#{quote('第三条-第1款')}" in page
    assert 'data-found="true"' in page and "依据条款" in page


def test_page_no_legal_basis(confidence_only_client):
    page = confidence_only_client.get("/answer", query_string={"q": "今天天气怎么样"}).get_data(as_text=True)
    assert 'data-found="false"' in page and "未找到明确的法律依据" in page


def test_page_chatter_is_not_a_legal_question(client):
    page = client.get("/answer", query_string={"q": "今天天气怎么样"}).get_data(as_text=True)
    assert 'data-out-of-scope="true"' in page and "看起来不是法律问题" in page
    assert "请描述具体的违法行为或法律问题" in page
    assert "可能相关的条款" not in page and "相关条文" not in page   # no article of some law


def test_page_bad_date_is_a_message_not_a_crash(client):
    response = client.get("/answer", query_string={"q": "查封", "as_of": "2026-02-30"})
    assert response.status_code == 200 and "日期“2026-02-30”无效" in response.get_data(as_text=True)


def test_api_answer_record(client):
    body = client.get("/api/answer", query_string={"q": "查封扣押最长多久?"}).get_json()
    assert body["ok"] is True and body["found"] is True and body["mode"] == "extractive"
    assert body["citations"][0]["citation"] == CITED
    assert {"answer", "supporting", "related", "verified", "fallback_reason", "as_of"} <= set(body)


@pytest.mark.parametrize("args, status, text", [
    ({}, 400, "parameter q is required"),
    ({"q": "查封", "as_of": "yesterday"}, 400, "not a date"),
    ({"q": "查封", "mode": "poetry"}, 400, "mode must be one of"),
    ({"q": "查封", "law": "不存在的法"}, 404, "no law called"),
    ({"q": "查" * 501}, 400, "longer than 500"),
])
def test_api_errors_have_the_error_shape(client, args, status, text):
    response = client.get("/api/answer", query_string=args)
    body = response.get_json()
    assert response.status_code == status
    assert body["ok"] is False and body["status"] == status and text in body["error"]


def test_api_generative_with_local_endpoint(answer_corpus, tmp_path):
    reply = json.dumps({"choices": [{"message": {"role": "assistant", "content": f"不得超过三十日（{CITED}）。"}}]},
                       ensure_ascii=False).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        app = create_app({"TESTING": True, "CORPUS_DIR": str(answer_corpus.dir), "SECRET_KEY": "s",
                          "REBUILD_INDEXES": False, "LLM_URL": f"http://127.0.0.1:{server.server_address[1]}/v1",
                          "LLM_TIMEOUT": 5.0}, instance_path=str(tmp_path / "instance"))
        body = app.test_client().get("/api/answer", query_string={"q": "查封扣押最长多久?"}).get_json()
        page = app.test_client().get("/answer", query_string={"q": "查封扣押最长多久?"}).get_data(as_text=True)
    finally:
        server.shutdown()
        server.server_close()
    assert body["mode"] == "generative" and body["verified"][0]["ok"] is True
    assert "生成式回答（引用已核实）" in page
