"""App factory: configuration order, blueprint list, navigation."""

from __future__ import annotations

from importlib import import_module

from flask import Blueprint

from webapp import BLUEPRINTS, NAV, create_app


def test_config_order_defaults_instance_env_test(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text("MAX_UPLOAD_MB = 5\nTOP_K = 7\nTHREADS = 3\n", encoding="utf-8")
    monkeypatch.setenv("LAWKB_TOP_K", "12")
    monkeypatch.setenv("LAWKB_THREADS", "4")
    app = create_app({"THREADS": 6}, instance_path=str(instance))
    assert app.config["PORT"] == 8000                     # default
    assert app.config["MAX_UPLOAD_MB"] == 5               # instance config
    assert app.config["MAX_CONTENT_LENGTH"] == 5 * 1024 * 1024
    assert app.config["TOP_K"] == 12                      # environment beats instance config
    assert app.config["THREADS"] == 6                     # test_config beats environment


def test_secret_key_is_generated_once_and_kept_in_the_data_home(tmp_path):
    home = tmp_path / "home"
    first = create_app({"HOME": str(home)}, instance_path=str(tmp_path / "i"))
    second = create_app({"HOME": str(home)}, instance_path=str(tmp_path / "i"))
    assert len(first.config["SECRET_KEY"]) >= 32
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert (home / "webapp-secret-key").stat().st_mode & 0o077 == 0


def test_every_blueprint_module_exposes_bp():
    for name in BLUEPRINTS:
        assert isinstance(import_module(name).bp, Blueprint), name


def test_nav_hides_blueprints_that_are_not_registered(app, client):
    page = client.get("/").get_data(as_text=True)
    for label in ("搜索", "法规", "管理"):
        assert f">{label}</a>" in page
    for endpoint, label in NAV:
        if endpoint not in app.view_functions:
            assert f">{label}</a>" not in page


def test_nav_shows_a_blueprint_once_registered(corpus, tmp_path, monkeypatch):
    import webapp

    monkeypatch.setattr(webapp, "NAV", [*webapp.NAV, ("demo.index", "演示功能")])
    app = create_app({"TESTING": True, "CORPUS_DIR": str(corpus.dir)}, instance_path=str(tmp_path / "i"))
    assert "演示功能" not in app.test_client().get("/laws/").get_data(as_text=True)
    app = create_app({"TESTING": True, "CORPUS_DIR": str(corpus.dir)}, instance_path=str(tmp_path / "i"))
    demo = Blueprint("demo", __name__, url_prefix="/demo")
    demo.add_url_rule("/", "index", lambda: "demo")
    app.register_blueprint(demo)
    assert '<a href="/demo/">演示功能</a>' in app.test_client().get("/laws/").get_data(as_text=True)


def test_missing_store_says_to_run_ingest(tmp_path):
    app = create_app({"TESTING": True, "CORPUS_DIR": str(tmp_path / "none")}, instance_path=str(tmp_path / "i"))
    client = app.test_client()
    page = client.get("/")
    assert page.status_code == 503
    assert "lawkb ingest" in page.get_data(as_text=True)
    api = client.get("/api/laws")
    assert api.status_code == 503
    assert api.get_json()["ok"] is False and "lawkb ingest" in api.get_json()["error"]


def test_static_assets_are_local(client):
    page = client.get("/").get_data(as_text=True)
    assert "http://" not in page.replace("http://localhost", "") and "https://" not in page
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200


def test_protective_headers(client):
    response = client.get("/laws/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert client.get("/api/laws").headers["Referrer-Policy"] == "same-origin"


def test_pages_say_every_library_error_in_chinese():
    import re

    from kb.errors import IndexMissingError, LawKBError, ModelError, NotFoundError, QueryError, StoreError
    from webapp.errors import user_message

    for kind in (LawKBError, QueryError, NotFoundError, IndexMissingError, StoreError, ModelError):
        message = user_message(kind("the index was built for another state of the store"))
        assert message and not re.search("[A-Za-z]{3}", message.replace("lawkb index", "")), (kind, message)
        assert user_message(kind("english", zh="中文说明")) == "中文说明"
    assert user_message(ValueError("invalid literal for int()")) == "输入的数值无效，请检查后重试。"
