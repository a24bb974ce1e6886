"""LawKB web app: ``create_app(test_config=None)``.

Configuration, later sources winning: the defaults of ``kb.settings``, then ``instance/config.py``
(if present), then ``LAWKB_*`` environment variables, then ``test_config``.

Blueprints are listed by module path in ``BLUEPRINTS``; each module exposes ``bp``. A feature adds
itself with one line here. The nav in base.html shows a link only when its endpoint is registered.
"""

from __future__ import annotations

import os
import secrets
from importlib import import_module
from pathlib import Path

from flask import Flask
from werkzeug.routing import IntegerConverter

from kb import settings

BLUEPRINTS = [
    "webapp.search",
    "webapp.laws",
    "webapp.api",
    "webapp.admin",
    "webapp.quiz",
    "webapp.answer",
    "webapp.cite",
    "webapp.penalty",
    # "webapp.answer", "webapp.quiz", "webapp.cite": add yours here (module exposing `bp`)
]

# Every page: scripts and styles from /static only (no inline <script>, on...= handlers, <style> or
# style= attributes), nothing from other hosts, no framing by other sites.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                           "form-action 'self'; frame-ancestors 'self'")

# (endpoint, label) of the top navigation; entries whose endpoint is not registered are hidden
NAV = [
    ("search.index", "搜索"),
    ("laws.index", "法规"),
    ("answer.index", "答问"),
    ("quiz.index", "学法测验"),
    ("cite.index", "引用核查"),
    ("penalty.index", "处罚依据"),
    ("admin.index", "管理"),
]


class BoundedIntConverter(IntegerConverter):
    """``<int:...>`` that matches only ids SQLite can hold: /clauses/99999999999999999999 is a 404."""

    def __init__(self, map, fixed_digits=0, min=None, max=2**63 - 1, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits, min, max, signed)


def _secret_key(home: str | None) -> str:
    """A random key kept in the data home, so sessions survive restarts."""
    if not home:
        return secrets.token_hex(32)
    path = Path(home).expanduser() / "webapp-secret-key"
    try:
        if path.exists():
            key = path.read_text(encoding="ascii").strip()
            if len(key) >= 32:
                return key
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(key)
        return key
    except OSError:
        return secrets.token_hex(32)


def load_config(app: Flask, test_config: dict | None) -> None:
    for setting in settings.SETTINGS:
        app.config[setting.name] = setting.default
    app.config.update(
        CORPUS_DIR=None,          # explicit corpus folder (tests, benchmarks); default HOME/corpora/CORPUS
        SEARCHER_KIND="hybrid",
        SEARCHER_FACTORY=None,    # callable(corpus, kind) -> Searcher; default kb.search.searchers.get_searcher
        REBUILD_INDEXES=True,     # rebuild search indexes after an admin import
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        JSON_AS_ASCII=False,
    )
    app.config.from_pyfile("config.py", silent=True)
    for setting in settings.SETTINGS:
        if os.environ.get(f"LAWKB_{setting.name}"):
            app.config[setting.name] = settings.get(setting.name)
    if app.config.get("HOME") is None:
        app.config["HOME"] = settings.get("HOME")
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(app.config.get("HOME"))
    app.config["MAX_CONTENT_LENGTH"] = int(app.config["MAX_UPLOAD_MB"]) * 1024 * 1024
    app.config["SESSION_COOKIE_SECURE"] = bool(app.config.get("SECURE_COOKIES"))
    app.json.ensure_ascii = False


def create_app(test_config: dict | None = None, instance_path: str | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path)
    app.url_map.converters["int"] = BoundedIntConverter
    load_config(app, test_config)

    from webapp import csrf, errors, render

    csrf.init_app(app)
    render.init_app(app)
    for name in BLUEPRINTS:
        app.register_blueprint(import_module(name).bp)
    errors.init_app(app)

    @app.after_request
    def protective_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        if app.config["SESSION_COOKIE_SECURE"]:  # served over HTTPS: browsers keep to HTTPS for a year
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response

    @app.context_processor
    def nav_links():
        return {"nav_links": [(endpoint, label) for endpoint, label in NAV if endpoint in app.view_functions],
                "has_endpoint": lambda endpoint: endpoint in app.view_functions}

    return app
