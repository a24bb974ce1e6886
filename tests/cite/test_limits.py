"""issue 12: one unauthenticated upload to /cite/ cannot stall the server.

Drafts are capped in bytes (LAWKB_CITE_MAX_MB, a 413 before the body is read), in paragraphs (a
DOCX bomb is refused before parsing) and in characters (LAWKB_CITE_MAX_CHARS); a check runs in one
of LAWKB_WORK_SLOTS slots under a time budget (LAWKB_CITE_TIME_LIMIT), and pages and searches need
no slot, so they answer while checks run. `lawkb cite check -` refuses empty or binary input.
"""

from __future__ import annotations

import io
import threading
import time

import pytest

from tests.bombs import docx_bomb
from tests.cite.drafts import DRAFTS
from tests.cite.test_cli import run  # noqa: F401  (fixture)
from tests.cite.test_web import make_app


def page(response) -> str:
    return response.get_data(as_text=True)


def test_an_oversize_draft_is_refused_before_it_is_read(cite_corpus, tmp_path):
    client = make_app(cite_corpus, tmp_path, CITE_MAX_MB=1).test_client()
    body = {"file": (io.BytesIO(b"x" * (1024 * 1024 + 10)), "big.txt")}
    response = client.post("/cite/", data=body, content_type="multipart/form-data")
    assert response.status_code == 413 and "单次上传不能超过 1 MB" in page(response)
    response = client.post("/api/cite/check", data={"file": (io.BytesIO(b"x" * (1024 * 1024 + 10)), "big.txt")},
                           content_type="multipart/form-data")
    assert response.status_code == 413 and response.get_json()["ok"] is False
    # the admin import keeps its own, larger limit
    assert client.application.config["MAX_CONTENT_LENGTH"] == 20 * 1024 * 1024


def test_a_docx_bomb_draft_is_refused_in_chinese_within_seconds(cite_corpus, tmp_path):
    client = make_app(cite_corpus, tmp_path).test_client()
    started = time.perf_counter()
    response = client.post("/cite/", data={"file": (io.BytesIO(docx_bomb(1_500_000)), "决定书.docx")},
                           content_type="multipart/form-data")
    assert time.perf_counter() - started < 15
    assert response.status_code == 413
    assert "段落超过 50,000 段" in page(response) and "paragraphs" not in page(response)
    api = client.post("/api/cite/check", data={"file": (io.BytesIO(docx_bomb(60_000)), "d.docx")},
                      content_type="multipart/form-data")
    assert api.status_code == 413 and "LAWKB_MAX_PARAGRAPHS" in api.get_json()["error"]


def test_too_much_text_is_refused_and_not_echoed(cite_corpus, tmp_path):
    client = make_app(cite_corpus, tmp_path, CITE_MAX_CHARS=2000).test_client()
    long_text = DRAFTS[0].text * 20
    assert len(long_text) > 2000
    response = client.post("/cite/", data={"text": long_text})
    assert response.status_code == 413
    html = page(response)
    assert "超过引用核查的上限 2,000 字" in html and DRAFTS[0].text[:40] not in html
    response = client.post("/api/cite/check", json={"text": long_text})
    assert response.status_code == 413 and "LAWKB_CITE_MAX_CHARS" in response.get_json()["error"]
    assert client.post("/api/cite/check", json={"text": DRAFTS[0].text}).status_code == 200


def test_a_check_past_its_time_budget_is_stopped(cite_corpus, tmp_path, monkeypatch):
    import kb.cite.check as check

    real = check.resolve

    def slow(*args, **kwargs):
        time.sleep(0.05)
        return real(*args, **kwargs)

    monkeypatch.setattr(check, "resolve", slow)
    client = make_app(cite_corpus, tmp_path, CITE_TIME_LIMIT=0.2).test_client()
    started = time.perf_counter()
    response = client.post("/cite/", data={"text": DRAFTS[0].text * 4})
    assert time.perf_counter() - started < 2
    assert response.status_code == 503 and "处理超时：超过 0.2 秒" in page(response)
    response = client.post("/api/cite/check", json={"text": DRAFTS[0].text * 4})
    assert response.status_code == 503 and "0.2 s" in response.get_json()["error"]


def test_when_every_slot_is_busy_a_check_waits_then_gets_503_and_searches_still_answer(cite_corpus, tmp_path):
    app = make_app(cite_corpus, tmp_path, WORK_SLOTS=2, WORK_WAIT=0.2)
    client = app.test_client()
    with app.app_context():
        from webapp.work import slots

        pool = slots()
    assert pool.semaphore.acquire(timeout=1) and pool.semaphore.acquire(timeout=1)  # two long checks running
    try:
        started = time.perf_counter()
        response = client.post("/cite/", data={"text": DRAFTS[0].text})
        assert 0.15 < time.perf_counter() - started < 2
        assert response.status_code == 503 and "服务器正忙" in page(response)
        assert int(response.headers["Retry-After"]) > 0
        assert client.get("/laws/").status_code == 200         # pages need no slot
        assert client.get("/api/cite/resolve?q=环保法第五十九条").status_code == 200
        assert client.get("/cite/concordance").status_code == 200
    finally:
        pool.semaphore.release()
        pool.semaphore.release()
    assert client.post("/cite/", data={"text": DRAFTS[0].text}).status_code == 200


def test_slots_bound_concurrent_checks(cite_corpus, tmp_path, monkeypatch):
    """Eight checks at once never run more than LAWKB_WORK_SLOTS at a time; the ones that find the
    slots and the waiting line full are told the server is busy."""
    import kb.cite.check as check

    real, running, peak, lock = check.resolve, [0], [0], threading.Lock()

    def tracked(*args, **kwargs):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.01)
        with lock:
            running[0] -= 1
        return real(*args, **kwargs)

    monkeypatch.setattr(check, "resolve", tracked)
    app = make_app(cite_corpus, tmp_path, WORK_SLOTS=2, WORK_WAIT=30)
    statuses = []

    def post():
        statuses.append(app.test_client().post("/api/cite/check", json={"text": DRAFTS[0].text}).status_code)

    threads = [threading.Thread(target=post) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(statuses) == 8 and set(statuses) <= {200, 503} and statuses.count(200) >= 4 and peak[0] <= 2


@pytest.mark.parametrize("stdin, message", [
    (b"", "the document has no text"),
    (b"   \n\n", "the document has no text"),
    (bytes(range(256)) * 40, "binary data, not text"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 40, "neither UTF-8 nor GB18030"),
])
def test_cite_check_stdin_refuses_empty_or_binary_input(run, monkeypatch, stdin, message):  # noqa: F811
    class Stdin:
        buffer = io.BytesIO(stdin)

    monkeypatch.setattr("sys.stdin", Stdin())
    code, out, err = run("cite", "check", "-")
    assert code == 7 and out == "" and message in err and err.startswith("lawkb: error: <stdin>")


def test_cite_check_stdin_reads_a_piped_docx(run, monkeypatch):  # noqa: F811
    from tests.cite.test_reader import docx_bytes

    class Stdin:
        buffer = io.BytesIO(docx_bytes(DRAFTS[0].text))

    monkeypatch.setattr("sys.stdin", Stdin())
    code, out, _ = run("cite", "check", "-", "--json")
    assert code == 0 and '"kind": "docx"' in out


def test_cite_check_cli_applies_the_character_limit(run, monkeypatch, tmp_path):  # noqa: F811
    monkeypatch.setenv("LAWKB_CITE_MAX_CHARS", "100")
    path = tmp_path / "long.txt"
    path.write_text(DRAFTS[0].text, encoding="utf-8")
    code, _, err = run("cite", "check", str(path))
    assert code == 8 and "LAWKB_CITE_MAX_CHARS" in err


def test_eight_uploads_at_once_hold_at_most_twice_the_slots(cite_corpus, tmp_path, monkeypatch):
    """issue 12: eight checks at once took all eight server threads. With 2 slots, 2 run, 2 wait, and
    the other 4 are answered 503 at once — so at least 4 of 8 threads stay free for searches."""
    import kb.cite.check as check

    real, gate = check.resolve, threading.Event()

    def slow(*args, **kwargs):
        gate.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(check, "resolve", slow)
    app = make_app(cite_corpus, tmp_path, WORK_SLOTS=2, WORK_WAIT=30)
    results: list[tuple[int, float]] = []

    def post():
        started = time.perf_counter()
        status = app.test_client().post("/api/cite/check", json={"text": DRAFTS[0].text}).status_code
        results.append((status, time.perf_counter() - started))

    threads = [threading.Thread(target=post) for _ in range(8)]
    for thread in threads:
        thread.start()
        time.sleep(0.05)
    assert wait_until(lambda: len(results) == 4, 10)       # four refused without waiting
    assert all(status == 503 and seconds < 2 for status, seconds in results)
    gate.set()
    for thread in threads:
        thread.join(60)
    assert sorted(status for status, _ in results) == [200] * 4 + [503] * 4


def wait_until(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False
