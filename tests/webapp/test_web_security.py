"""issue 12, as an attacker would try it: revoked admin cookies, open redirects, password guessing,
CSP on every page, Secure cookies, huge ids."""

from __future__ import annotations

import io
import logging
import re
from html.parser import HTMLParser

import pytest

from lawkb import main as lawkb
from tests.webapp.test_web_admin import REGULATION_MD, csrf_from, login, text
from webapp import create_app
from webapp.admin.throttle import LoginThrottle
from webapp.admin.users import UserStore


@pytest.fixture
def admin_user(corpus):
    UserStore.for_corpus(corpus).add("chen", "correct horse 1", admin=True)
    return "chen"


def import_with(client, token):
    return client.post("/admin/import", data={
        "csrf_token": token, "files": [(io.BytesIO(REGULATION_MD.encode()), "某市大气污染防治条例.md")]},
        content_type="multipart/form-data")


def cookie_of(client) -> str:
    return client.get_cookie("session").value


def test_a_removed_admin_is_locked_out_at_once(app, client, corpus, admin_user):
    login(client)
    token = csrf_from(text(client.get("/admin/")))
    stolen = cookie_of(client)
    UserStore.for_corpus(corpus).remove("chen")  # what `lawkb user remove chen` does, while chen's browser is open
    response = client.get("/admin/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/admin/login")
    other = app.test_client()
    other.set_cookie("session", stolen)
    response = import_with(other, token)
    assert response.status_code == 302
    assert "某市大气污染防治条例" not in corpus.store.titles()


def test_lawkb_user_remove_ends_the_session(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse 1\n"))
    assert lawkb(["--home", str(home), "user", "add", "chen", "--admin", "--password-stdin"]) == 0
    from tests.corpus_builders import build_corpus

    corpus = build_corpus(home / "corpora" / "default")
    app = create_app({"TESTING": True, "CORPUS_DIR": str(corpus.dir), "SECRET_KEY": "k", "REBUILD_INDEXES": False})
    client = app.test_client()
    login(client)
    assert client.get("/admin/").status_code == 200
    assert lawkb(["--home", str(home), "user", "remove", "chen"]) == 0
    assert "user chen removed; their open sessions have ended" in capsys.readouterr().out
    assert client.get("/admin/").status_code == 302


def test_a_cookie_replayed_after_logout_is_refused(app, client, corpus, admin_user):
    login(client)
    token = csrf_from(text(client.get("/admin/")))
    saved = cookie_of(client)
    assert client.post("/admin/logout", data={"csrf_token": token}).status_code == 302
    for attempt in (lambda c: c.get("/admin/"), lambda c: import_with(c, token)):
        replay = app.test_client()
        replay.set_cookie("session", saved)
        response = attempt(replay)
        assert response.status_code == 302 and response.headers["Location"].startswith("/admin/login")
    assert "某市大气污染防治条例" not in corpus.store.titles()
    # a fresh login works again
    login(client)
    assert client.get("/admin/").status_code == 200


def test_a_demoted_admin_and_a_new_password_end_old_sessions(app, client, corpus, admin_user):
    login(client)
    assert client.get("/admin/").status_code == 200
    UserStore.for_corpus(corpus).add("chen", "a new password", admin=True, replace=True)
    assert client.get("/admin/").status_code == 302
    login(client, password="a new password")
    assert client.get("/admin/").status_code == 200
    UserStore.for_corpus(corpus).add("chen", "a new password", admin=False, replace=True)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/" not in response.headers["Location"]


def test_an_old_user_table_gets_session_versions(tmp_path):
    import sqlite3

    path = tmp_path / "webapp.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE users (name TEXT PRIMARY KEY, password_hash TEXT NOT NULL, "
                     "is_admin INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL DEFAULT (datetime('now')))")
        conn.execute("INSERT INTO users (name, password_hash, is_admin) VALUES ('old', 'x', 1)")
    store = UserStore(path)
    assert store.session_state("old") == (True, 0)
    store.end_sessions("old")
    assert store.session_state("old") == (True, 1)
    assert store.session_state("nobody") is None


@pytest.mark.parametrize("raw_next", [  # as an attacker writes them into the link
    "/%09/evil.example", "%2F%2Fevil.example", "///evil.example", "/%5Cevil.example", "/%5C/evil.example",
    "https://evil.example/", "http:/evil.example", "/%0d%0aSet-Cookie:%20x=1", "/%0D%0ALocation:%20http://evil.example",
    "javascript:alert(1)", "%20//evil.example", "/%0A/evil.example", "/%7F/evil.example", "/admin/%00",
])
def test_login_never_redirects_off_site(client, admin_user, raw_next):
    token = csrf_from(text(client.get("/admin/login")))
    response = client.post(f"/admin/login?next={raw_next}",
                           data={"name": "chen", "password": "correct horse 1", "csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"


def test_login_keeps_a_same_site_next(client, admin_user):
    token = csrf_from(text(client.get("/admin/login")))
    response = client.post("/admin/login", query_string={"next": "/laws/?q=环境"},
                           data={"name": "chen", "password": "correct horse 1", "csrf_token": token})
    assert response.headers["Location"] == "/laws/?q=%E7%8E%AF%E5%A2%83"


def test_next_with_cr_lf_on_the_login_page_is_not_a_500(client, admin_user):
    assert client.get("/admin/login?next=/%0d%0aSet-Cookie:x=1").status_code == 200
    assert client.get("/admin/?x=%0d%0a").status_code == 302


def test_two_hundred_wrong_passwords_lock_the_account(client, admin_user, caplog):
    caplog.set_level(logging.INFO)
    token = csrf_from(text(client.get("/admin/login")))
    statuses = []
    for _ in range(200):
        response = client.post("/admin/login", data={"name": "chen", "password": "guess", "csrf_token": token})
        statuses.append(response.status_code)
    assert statuses[:5] == [401] * 5 and set(statuses[5:]) == {429}
    response = client.post("/admin/login", data={"name": "chen", "password": "correct horse 1", "csrf_token": token})
    assert response.status_code == 429
    page = text(response)
    assert "登录失败次数过多" in page and "分钟后再试" in page
    assert int(response.headers["Retry-After"]) > 0
    assert client.get("/admin/").status_code == 302  # not logged in
    assert any("login refused" in r.getMessage() and "locked" in r.getMessage() for r in caplog.records)


def test_many_accounts_from_one_address_lock_the_address(client, corpus, admin_user):
    token = csrf_from(text(client.get("/admin/login")))
    for number in range(20):
        response = client.post("/admin/login", data={"name": f"user{number}", "password": "x", "csrf_token": token})
        assert response.status_code == 401
    response = client.post("/admin/login", data={"name": "chen", "password": "correct horse 1", "csrf_token": token})
    assert response.status_code == 429 and "您所在的地址" in text(response)


def test_a_lock_ends_after_its_window_and_success_clears_failures(tmp_path):
    throttle = LoginThrottle(tmp_path / "w.sqlite", per_account=3, per_address=10, minutes=1)
    for second in range(3):
        throttle.failed("chen", "10.0.0.1", now=1000.0 + second)
    lock = throttle.locked("chen", "10.0.0.2", now=1003.0)
    assert lock is not None and lock.kind == "account" and 0 < lock.seconds_left <= 60
    assert throttle.locked("chen", "10.0.0.2", now=1061.0) is None
    throttle.failed("wang", "10.0.0.3", now=2000.0)
    throttle.failed("wang", "10.0.0.3", now=2001.0)
    throttle.succeeded("wang")
    throttle.failed("wang", "10.0.0.3", now=2002.0)
    assert throttle.locked("wang", "10.0.0.4", now=2003.0) is None


class _Inline(HTMLParser):
    """Collects what a strict CSP blocks: inline scripts, event-handler and style attributes, <style>."""

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if tag == "script" and "src" not in names:
            self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("<style>")
        for name in names:
            if name.startswith("on") or name == "style":
                self.problems.append(f"{tag} {name}=")


@pytest.mark.parametrize("path", ["/", "/?q=听证", "/laws/", "/answer?q=听证", "/cite/", "/cite/concordance",
                                  "/cite/diff", "/cite/builder", "/admin/login", "/quiz/", "/penalty/",
                                  "/penalty/table", "/penalty/rules", "/no-such-page"])
def test_every_page_carries_a_strict_csp_and_works_under_it(client, path):
    response = client.get(path)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in policy
    parser = _Inline()
    parser.feed(text(response))
    assert parser.problems == []


def test_law_and_clause_pages_and_admin_work_under_the_csp(client, ids, admin_user):
    login(client)
    for path in [f"/laws/{next(iter(ids['docs'].values()))}", f"/clauses/{next(iter(ids['clauses'].values()))}",
                 "/admin/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        parser = _Inline()
        parser.feed(text(response))
        assert parser.problems == [], path


def test_the_secure_cookie_setting(corpus, tmp_path, monkeypatch):
    plain = create_app({"TESTING": True, "CORPUS_DIR": str(corpus.dir), "SECRET_KEY": "k"})
    assert "Secure" not in _first_cookie(plain)
    monkeypatch.setenv("LAWKB_SECURE_COOKIES", "1")
    secure = create_app({"TESTING": True, "CORPUS_DIR": str(corpus.dir), "SECRET_KEY": "k"})
    header = _first_cookie(secure)
    assert "Secure" in header and "HttpOnly" in header and "SameSite=Lax" in header
    assert secure.test_client().get("/").headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in plain.test_client().get("/").headers


def _first_cookie(app) -> str:
    response = app.test_client().get("/admin/login")  # the CSRF token starts a session
    return response.headers.get("Set-Cookie", "")


@pytest.mark.parametrize("path", ["/clauses/99999999999999999999", "/laws/99999999999999999999",
                                  "/api/clauses/99999999999999999999", "/api/laws/9223372036854775808"])
def test_huge_integer_ids_are_404_not_500(client, path):
    assert client.get(path).status_code == 404


def test_huge_numbers_in_parameters_are_not_500(client, ids):
    clause = next(iter(ids["clauses"].values()))
    assert client.get(f"/clauses/{clause}?p=99999999999999999999").status_code == 200
    assert client.get(f"/api/clauses/{clause}?p=99999999999999999999").status_code == 404
    assert client.get("/api/cite/build?sel=99999999999999999999").status_code in (400, 404)
    assert client.get("/?q=第99999999999999999999条").status_code == 200
