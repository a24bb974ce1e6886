"""issue 12, item 2: ingest while serving. The server notices a changed store or a new index build and
switches atomically; the old index answers until the new one is loaded — no 503 window, no
"no document with id …" after an import, and /laws/ lists the new law at once."""

from __future__ import annotations

import io
import re
import shutil
import threading
import time

import pytest

from kb.search.index_build import build_indexes
from kb.store import ClauseStore
from tests.corpus_builders import build_corpus
from webapp import create_app
from webapp.admin.users import UserStore

NEW_LAW = """# 某市机动车排气污染防治条例

2026年10月1日某市人民代表大会常务委员会公布

<!-- INFO END -->

第一条 为了防治机动车排气污染，制定本条例。

第二条 生态环境主管部门应当建立尾气遥感监测制度，对道路行驶机动车的排气状况进行监督抽测。
"""
TITLE = "某市机动车排气污染防治条例"


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    corpus = build_corpus(tmp_path_factory.mktemp("live") / "corpus")
    build_indexes(corpus)
    corpus.store.close()
    return corpus.dir


@pytest.fixture
def corpus_dir(indexed, tmp_path):
    copy = tmp_path / "corpus"
    shutil.copytree(indexed, copy, symlinks=True)
    return copy


def make_app(corpus_dir, tmp_path, **config):
    return create_app({"TESTING": True, "CORPUS_DIR": str(corpus_dir), "SECRET_KEY": "k", "REBUILD_INDEXES": False,
                       "RELOAD_CHECK_SECONDS": 0, **config}, instance_path=str(tmp_path / "instance"))


def add_law_from_another_process_view(corpus_dir, tmp_path):
    """What `lawkb ingest FILE --no-index` beside the server does: a commit by another connection."""
    from ingest.pipeline import ingest_paths

    path = tmp_path / f"{TITLE}.md"
    path.write_text(NEW_LAW, encoding="utf-8")
    store = ClauseStore(corpus_dir / "store.sqlite")
    report = ingest_paths(store, [path])
    store.close()
    assert report.files[0].outcome == "added"


def search_titles(client, query: str) -> list[str]:
    response = client.get("/api/search", query_string={"q": query})
    assert response.status_code == 200, response.get_json()
    return [hit["law"] for hit in response.get_json()["hits"]]


def wait_for(predicate, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_a_law_ingested_beside_the_server_is_listed_at_once_and_searched_when_indexed(corpus_dir, tmp_path):
    app = make_app(corpus_dir, tmp_path)
    client = app.test_client()
    assert search_titles(client, "听证")
    assert TITLE not in client.get("/laws/").get_data(as_text=True)
    add_law_from_another_process_view(corpus_dir, tmp_path)
    # the store changed, the index did not: pages show the new law, search still answers (old index)
    assert wait_for(lambda: TITLE in client.get("/laws/").get_data(as_text=True), 10)
    for query in ("听证", "尾气遥感监测", "罚款"):
        titles = search_titles(client, query)
        assert TITLE not in titles
    response = client.get("/api/search", query_string={"q": "听证"})
    for hit in response.get_json()["hits"]:  # every hit's pages still open (the old bug: 404 for them)
        assert client.get(f"/clauses/{hit['clause_id']}").status_code == 200
        assert client.get(f"/api/laws/{hit['document_id']}").status_code == 200
    # `lawkb index` (here: in this process) builds the new index; the server switches to it
    build_indexes(app.extensions["lawkb"].generation().corpus.__class__(corpus_dir))
    assert wait_for(lambda: TITLE in search_titles(client, "尾气遥感监测"), 60)
    hit = client.get("/api/search", query_string={"q": "尾气遥感监测"}).get_json()["hits"][0]
    assert client.get(f"/api/laws/{hit['document_id']}").status_code == 200
    assert app.extensions["lawkb"].live.switches >= 2


def test_no_request_fails_while_the_server_switches(corpus_dir, tmp_path):
    app = make_app(corpus_dir, tmp_path)
    client = app.test_client()
    assert client.get("/api/search?q=听证").status_code == 200
    stop = threading.Event()
    failures: list[str] = []
    counts = [0]

    def hammer():
        local = app.test_client()
        paths = ["/api/search?q=听证", "/laws/", "/api/search?q=尾气遥感监测", "/?q=罚款"]
        i = 0
        while not stop.is_set():
            path = paths[i % len(paths)]
            i += 1
            response = local.get(path)
            counts[0] += 1
            if response.status_code != 200:
                failures.append(f"{path}: {response.status_code} {response.get_data(as_text=True)[:200]}")

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(0.5)
        add_law_from_another_process_view(corpus_dir, tmp_path)
        time.sleep(1)
        from kb.corpus import Corpus

        build_indexes(Corpus(corpus_dir))
        assert wait_for(lambda: TITLE in search_titles(client, "尾气遥感监测"), 60)
        time.sleep(0.5)
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
    assert counts[0] > 20 and failures == []


def test_a_restored_store_is_served_after_the_restore(corpus_dir, tmp_path):
    from kb.backup import backup, restore
    from kb.corpus import Corpus

    saved = backup(Corpus(corpus_dir), tmp_path / "bk")
    app = make_app(corpus_dir, tmp_path)
    client = app.test_client()
    add_law_from_another_process_view(corpus_dir, tmp_path)
    assert wait_for(lambda: TITLE in client.get("/laws/").get_data(as_text=True), 10)
    restore(Corpus(corpus_dir), saved.folder)
    assert wait_for(lambda: TITLE not in client.get("/laws/").get_data(as_text=True), 10)
    assert client.get("/api/search?q=听证").status_code == 200


@pytest.mark.slow
def test_the_admin_import_has_no_503_window(corpus_dir, tmp_path):
    """The admin import writes the store, rebuilds the index in a child process and switches: every
    search during all of it answers 200, and the new law is found once its index is in."""
    UserStore(corpus_dir / "webapp.sqlite").add("chen", "correct horse 1", admin=True)
    app = make_app(corpus_dir, tmp_path, REBUILD_INDEXES=True)
    client = app.test_client()
    page = client.get("/admin/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    client.post("/admin/login", data={"name": "chen", "password": "correct horse 1", "csrf_token": token})
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/admin/").get_data(as_text=True)).group(1)
    response = client.post("/admin/import", data={"csrf_token": token,
                                                  "files": [(io.BytesIO(NEW_LAW.encode()), f"{TITLE}.md")]},
                           content_type="multipart/form-data")
    assert response.status_code == 200
    reader = app.test_client()
    assert TITLE in reader.get("/laws/").get_data(as_text=True)        # at once
    statuses = set()

    def indexed() -> bool:
        response = reader.get("/api/search", query_string={"q": "尾气遥感监测"})
        statuses.add(response.status_code)
        return response.status_code == 200 and TITLE in [h["law"] for h in response.get_json()["hits"]]

    assert wait_for(indexed, 180)
    assert statuses == {200}


def test_a_server_started_beside_a_stale_index_answers_from_it(corpus_dir, tmp_path, caplog):
    """A restart while a rebuild is pending: the index of the earlier store state answers (with a
    warning in the log) instead of 503; with no index at all the search says to run `lawkb index`."""
    add_law_from_another_process_view(corpus_dir, tmp_path)
    client = make_app(corpus_dir, tmp_path).test_client()
    assert search_titles(client, "听证")
    assert TITLE in client.get("/laws/").get_data(as_text=True)
    assert any("earlier state of the store" in r.getMessage() for r in caplog.records)
    (corpus_dir / "index").unlink()
    fresh = make_app(corpus_dir, tmp_path).test_client()
    response = fresh.get("/api/search?q=听证")
    assert response.status_code == 503 and "lawkb index" in response.get_json()["error"]
