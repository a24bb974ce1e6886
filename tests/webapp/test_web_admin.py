"""Admin: login with hashed passwords, CSRF on every form, import with per-file results, limits."""

from __future__ import annotations

import io
import re

import pytest

from lawkb import main as lawkb
from webapp.admin.users import UserStore

REGULATION_MD = """# 某市大气污染防治条例

2026年3月1日某市人民代表大会常务委员会公布

<!-- INFO END -->

## 第一章 总则

第一条 为了防治大气污染，保护和改善生态环境，制定本条例。

第二条 本市行政区域内大气污染防治工作，适用本条例。

## 第二章 法律责任

第三条 违反本条例规定，超标排放大气污染物的，由生态环境主管部门责令改正，处十万元以上一百万元以下的罚款。
"""


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def admin_user(corpus):
    UserStore.for_corpus(corpus).add("chen", "correct horse 1", admin=True)
    UserStore.for_corpus(corpus).add("li", "staff password", admin=False)
    return "chen"


def csrf_from(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def login(client, name="chen", password="correct horse 1"):
    token = csrf_from(text(client.get("/admin/login")))
    return client.post("/admin/login?next=/admin/", data={"name": name, "password": password, "csrf_token": token})


def test_admin_pages_need_a_login(client, admin_user):
    response = client.get("/admin/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/admin/login?next=/admin/")


def test_login_rejects_wrong_password_and_staff_without_admin_role(client, admin_user):
    response = login(client, password="wrong password")
    assert response.status_code == 401 and "用户名或密码不正确" in text(response)
    response = login(client, name="nobody")
    assert response.status_code == 401
    login(client, name="li", password="staff password")
    assert client.get("/admin/").status_code == 302


def test_passwords_are_stored_hashed(corpus, admin_user):
    raw = (corpus.dir / "webapp.sqlite").read_bytes()
    assert b"correct horse 1" not in raw
    assert b"scrypt:" in raw or b"pbkdf2:" in raw


def test_login_then_import_a_markdown_file(client, corpus, admin_user):
    response = login(client)
    assert response.status_code == 302 and response.headers["Location"] == "/admin/"
    page = text(client.get("/admin/"))
    assert "法规库现有 4 个法规版本" in page
    token = csrf_from(page)
    response = client.post("/admin/import", data={
        "csrf_token": token,
        "files": [(io.BytesIO(REGULATION_MD.encode()), "某市大气污染防治条例.md"),
                  (io.BytesIO(b"MZ\x90\x00"), "virus.exe")],
    }, content_type="multipart/form-data")
    assert response.status_code == 200
    page = text(response)
    rows = re.findall(r'<tr data-outcome="(\w+)">\s*<td>([^<]+)</td>', page)
    assert rows == [("added", "某市大气污染防治条例.md"), ("failed", "virus.exe")]
    assert "某市大气污染防治条例" in page and "不支持的文件类型“.exe”" in page
    assert "某市大气污染防治条例" in corpus.store.titles()
    # the app sees the new law at once
    assert "某市大气污染防治条例" in text(client.get("/laws/"))
    again = client.post("/admin/import", data={
        "csrf_token": token, "files": [(io.BytesIO(REGULATION_MD.encode()), "某市大气污染防治条例.md")]},
        content_type="multipart/form-data")
    assert re.findall(r'<tr data-outcome="(\w+)">', text(again)) == ["unchanged"]


def test_content_must_match_the_extension(client, admin_user):
    login(client)
    token = csrf_from(text(client.get("/admin/")))
    response = client.post("/admin/import", data={
        "csrf_token": token, "files": [(io.BytesIO(b"not a pdf at all"), "fake.pdf"),
                                       (io.BytesIO(b"plain text"), "fake.docx")]},
        content_type="multipart/form-data")
    assert response.status_code == 422
    page = text(response)
    assert "内容不是 PDF" in page and "内容不是 Word 文档" in page


def test_forms_without_the_csrf_token_are_refused(client, admin_user):
    response = client.post("/admin/login", data={"name": "chen", "password": "correct horse 1"})
    assert response.status_code == 400 and "CSRF" in text(response)
    login(client)
    response = client.post("/admin/import", data={"csrf_token": "forged",
                                                  "files": [(io.BytesIO(b"x"), "a.md")]},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert client.post("/admin/logout").status_code == 400


def test_oversize_upload_gets_a_friendly_413(app, client, admin_user):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    login(client)
    token = csrf_from(text(client.get("/admin/")))
    response = client.post("/admin/import", data={
        "csrf_token": token, "files": [(io.BytesIO(b"x" * 4096), "big.txt")]}, content_type="multipart/form-data")
    assert response.status_code == 413
    assert "上传文件过大" in text(response) and "<html" in text(response)


def test_open_redirect_after_login_is_refused(client, admin_user):
    token = csrf_from(text(client.get("/admin/login")))
    response = client.post("/admin/login?next=//evil.example/", data={
        "name": "chen", "password": "correct horse 1", "csrf_token": token})
    assert response.headers["Location"] == "/admin/"


def test_logout(client, admin_user):
    login(client)
    token = csrf_from(text(client.get("/admin/")))
    assert client.post("/admin/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/admin/").status_code == 302


def test_lawkb_user_add_with_password_stdin(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    monkeypatch.setattr("sys.stdin", io.StringIO("a long password\n"))
    assert lawkb(["--home", str(home), "user", "add", "wang", "--admin", "--password-stdin"]) == 0
    assert "user wang (admin) saved" in capsys.readouterr().out
    users = UserStore(home / "corpora" / "default" / "webapp.sqlite")
    assert users.authenticate("wang", "a long password").is_admin is True
    assert users.authenticate("wang", "wrong") is None
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert lawkb(["--home", str(home), "user", "add", "zhao", "--password-stdin"]) == 2
    assert "at least 8 characters" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("another password\n"))
    assert lawkb(["--home", str(home), "user", "add", "wang", "--password-stdin"]) == 2
    assert lawkb(["--home", str(home), "user", "list", "--json"]) == 0
    assert '"name": "wang"' in capsys.readouterr().out


def test_lawkb_user_add_prompts_twice(tmp_path, monkeypatch, capsys):
    answers = iter(["first password", "other password"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert lawkb(["--home", str(tmp_path), "user", "add", "zhou"]) == 2
    assert "differ" in capsys.readouterr().err


def test_index_rebuild_runs_in_the_background_and_reports(corpus):
    from webapp.admin.uploads import IndexRebuild

    calls = []
    job = IndexRebuild()
    assert job.start(corpus, lambda: calls.append("refreshed"), build=lambda c: calls.append(c.dir)) == "running"
    job.thread.join(10)
    assert job.state == "done" and calls == [corpus.dir, "refreshed"]

    def broken(_corpus):
        raise RuntimeError("disk full")

    job.start(corpus, lambda: None, build=broken)
    job.thread.join(10)
    assert job.state == "failed" and "disk full" in job.message


@pytest.mark.slow
def test_index_rebuild_subprocess_builds_a_usable_index(corpus):
    from kb.search import SearchFilters
    from kb.search.searchers import get_searcher
    from ingest.service import rebuild_index_in_child

    rebuild_index_in_child(corpus)
    hits = get_searcher(corpus, "lexical").search("听证", 3, SearchFilters())
    assert hits and "听证" in hits[0].clause.text


def test_json_posts_need_no_form_token_but_forms_do(app, client):
    from flask import Blueprint

    probe = Blueprint("probe", __name__)
    probe.add_url_rule("/probe", "probe", lambda: "ok", methods=["POST"])
    app.register_blueprint(probe)
    assert client.post("/probe", json={"q": 1}).status_code == 200
    assert client.post("/probe", data="{}", content_type="text/plain").status_code == 400
    assert client.post("/probe", data={"q": "1"}).status_code == 400
