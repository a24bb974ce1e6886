"""Generative answers against small local servers speaking the OpenAI chat-completions protocol."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kb.answer import answer
from kb.answer.chat_client import ChatClient, ChatError, parse_reply
from kb.answer.generative import UNVERIFIED_MARK
from kb.errors import SettingsError

QUESTION = "查封扣押最长多久?"
CITED = "《中华人民共和国行政强制法》第三条第一款"


def completion(content: str) -> bytes:
    return json.dumps({"id": "x", "object": "chat.completion", "model": "local",
                       "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                    "finish_reason": "stop"}]}, ensure_ascii=False).encode("utf-8")


class ChatServer:
    """http.server in a thread on 127.0.0.1; `respond(handler, body)` writes the response."""

    def __init__(self, respond):
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server API
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length).decode("utf-8"))
                server.requests.append({"path": self.path, **body})
                server.headers.append(dict(self.headers))
                respond(self, body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def reply_with(status: int, payload: bytes, content_type: str = "application/json"):
    def respond(handler, body):
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)
    return respond


def ask(corpus, server: ChatServer, monkeypatch, timeout: float = 5.0):
    monkeypatch.setenv("LAWKB_LLM_URL", server.url)
    monkeypatch.setenv("LAWKB_LLM_MODEL", "qwen-local")
    monkeypatch.setenv("LAWKB_LLM_KEY", "test-key")
    monkeypatch.setenv("LAWKB_LLM_TIMEOUT", str(timeout))
    return answer(corpus, QUESTION).to_record()


def test_good_reply_citing_supplied_clauses(answer_corpus, monkeypatch):
    text = f"查封、扣押的期限不得超过三十日；情况复杂的，经批准可以延长，但延长不得超过三十日（{CITED}）。"
    with ChatServer(reply_with(200, completion(text))) as server:
        record = ask(answer_corpus, server, monkeypatch)
    assert record["mode"] == "generative" and record["fallback_reason"] is None and record["found"] is True
    assert record["answer"] == text
    assert [c["citation"] for c in record["citations"]] == [CITED]
    assert record["verified"] == [{"citation": CITED, "ok": True, "reason": "resolves in the store and is a supplied clause"}]
    request = server.requests[0]
    assert request["path"] == "/v1/chat/completions" and request["model"] == "qwen-local"
    assert server.headers[0]["Authorization"] == "Bearer test-key"
    user = request["messages"][-1]["content"]
    assert QUESTION in user and f"[1] {CITED}：查封、扣押的期限不得超过三十日" in user
    assert "只能" in request["messages"][0]["content"]


def test_numbered_references_become_citations(answer_corpus, monkeypatch):
    with ChatServer(reply_with(200, completion("不得超过三十日[1]。"))) as server:
        record = ask(answer_corpus, server, monkeypatch)
    assert record["mode"] == "generative"
    assert record["answer"] == f"不得超过三十日（{CITED}）。"
    assert record["citations"][0]["citation"] == CITED
    assert record["verified"] == [{"citation": f"[1] {CITED}", "ok": True, "reason": "supplied clause"}]


def test_numbered_reference_to_no_supplied_clause_is_flagged(answer_corpus, monkeypatch):
    with ChatServer(reply_with(200, completion("不得超过三十日[1]，另见[9]。"))) as server:
        record = ask(answer_corpus, server, monkeypatch)
    assert record["answer"] == f"不得超过三十日（{CITED}），另见{UNVERIFIED_MARK}。"
    assert record["verified"][1] == {"citation": "[9]", "ok": False, "reason": "no supplied clause numbered 9"}


def test_invented_citations_are_flagged(answer_corpus, monkeypatch):
    text = (f"不得超过三十日（{CITED}）。另见《中华人民共和国行政强制法》第九十九条，"
            "以及《中华人民共和国气象法》第一条。")
    with ChatServer(reply_with(200, completion(text))) as server:
        record = ask(answer_corpus, server, monkeypatch)
    assert record["mode"] == "generative"
    verdicts = {v["citation"]: v for v in record["verified"]}
    assert verdicts[CITED]["ok"] is True
    invented = verdicts["《中华人民共和国行政强制法》第九十九条"]
    assert invented["ok"] is False and "没有第九十九条" in invented["reason"]
    unsupplied = verdicts["《中华人民共和国气象法》第一条"]
    assert unsupplied["ok"] is False and "not among the clauses supplied" in unsupplied["reason"]
    assert record["answer"].count(UNVERIFIED_MARK) == 2
    assert f"第九十九条{UNVERIFIED_MARK}" in record["answer"]
    assert [c["citation"] for c in record["citations"]] == [CITED]


def test_citing_an_unsupplied_paragraph_of_a_supplied_article_is_flagged(answer_corpus, monkeypatch):
    other = "《中华人民共和国行政强制法》第三条第三款"
    text = f"不得超过三十日（{CITED}）；检测期间不计入（{other}）。"
    with ChatServer(reply_with(200, completion(text))) as server:
        record = ask(answer_corpus, server, monkeypatch)
    verdicts = {v["citation"]: v["ok"] for v in record["verified"]}
    assert verdicts == {CITED: True, other: False}
    assert f"{other}{UNVERIFIED_MARK}" in record["answer"]


def test_reply_without_any_verified_citation_falls_back(answer_corpus, monkeypatch):
    with ChatServer(reply_with(200, completion("依据《中华人民共和国行政强制法》第九十九条，最长六十日。"))) as server:
        record = ask(answer_corpus, server, monkeypatch)
    assert record["mode"] == "extractive"
    assert "cites none of the supplied clauses" in record["fallback_reason"]
    assert record["citations"][0]["citation"] == CITED
    assert any(v["ok"] is False for v in record["verified"])


@pytest.mark.parametrize("status, payload, reason", [
    (200, b"{not json", "not valid JSON"),
    (200, json.dumps({"choices": []}).encode(), "no choices[0].message.content"),
    (200, completion("   "), "empty reply"),
    (500, b'{"error": "boom"}', "HTTP 500"),
    (401, b'{"error": "no key"}', "HTTP 401"),
])
def test_bad_replies_fall_back_to_extractive(answer_corpus, monkeypatch, status, payload, reason):
    with ChatServer(reply_with(status, payload)) as server:
        record = ask(answer_corpus, server, monkeypatch)
    assert record["mode"] == "extractive" and reason in record["fallback_reason"]
    assert record["found"] is True and record["citations"][0]["citation"] == CITED


def test_hanging_endpoint_times_out(answer_corpus, monkeypatch):
    release = threading.Event()

    def hang(handler, body):
        release.wait(10)

    with ChatServer(hang) as server:
        started = time.perf_counter()
        record = ask(answer_corpus, server, monkeypatch, timeout=0.5)
        elapsed = time.perf_counter() - started
        release.set()
    assert record["mode"] == "extractive" and "timed out after 0.5 s" in record["fallback_reason"]
    assert elapsed < 5
    assert record["citations"][0]["citation"] == CITED


def test_connection_refused_falls_back(answer_corpus, monkeypatch):
    with ChatServer(reply_with(200, completion("x"))) as server:
        url = server.url
    monkeypatch.setenv("LAWKB_LLM_URL", url)
    record = answer(answer_corpus, QUESTION).to_record()
    assert record["mode"] == "extractive" and "cannot reach chat endpoint" in record["fallback_reason"]


def test_extractive_mode_never_calls_the_endpoint(answer_corpus, monkeypatch):
    with ChatServer(reply_with(200, completion("x"))) as server:
        monkeypatch.setenv("LAWKB_LLM_URL", server.url)
        record = answer(answer_corpus, QUESTION, mode="extractive").to_record()
    assert server.requests == [] and record["mode"] == "extractive" and record["fallback_reason"] is None


def test_settings_checked():
    with pytest.raises(SettingsError):
        ChatClient.from_settings({"LLM_URL": "ftp://x"})
    with pytest.raises(SettingsError):
        ChatClient.from_settings({"LLM_URL": "http://x", "LLM_TIMEOUT": 0})
    assert ChatClient("http://h/v1/").endpoint == "http://h/v1/chat/completions"
    assert ChatClient("http://h/v1/chat/completions").endpoint == "http://h/v1/chat/completions"


def test_parse_reply():
    assert parse_reply(completion(" 好 ")) == "好"
    with pytest.raises(ChatError):
        parse_reply(b"\xff\xfe")


def test_a_redirect_is_not_followed_and_the_key_is_not_resent():
    """issue 12: a 307 to another host must not carry the API key (or the question) there."""
    with ChatServer(reply_with(200, completion("不应到达这里"))) as other:
        def redirect(handler, body):
            handler.send_response(307)
            handler.send_header("Location", f"{other.url}/chat/completions")
            handler.send_header("Content-Length", "0")
            handler.end_headers()

        with ChatServer(redirect) as first:
            client = ChatClient(first.url, "m", "secret-key", timeout=5)
            with pytest.raises(ChatError, match="307.*not followed"):
                client.complete([{"role": "user", "content": "问题"}])
            assert first.headers[0].get("Authorization") == "Bearer secret-key"
        assert other.requests == [] and other.headers == []
