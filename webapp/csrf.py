"""CSRF protection for every form: a random token in the session, checked on each unsafe request.

Templates put ``{{ csrf_field() }}`` in each form; scripts may send the token in ``X-CSRF-Token``.
Requests with a JSON body (``Content-Type: application/json``) are not checked: a cross-site page
cannot send one without a CORS preflight, which this app never grants.
"""

from __future__ import annotations

import hmac
import secrets

from flask import abort, current_app, request, session
from markupsafe import Markup

SESSION_KEY = "csrf_token"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def token() -> str:
    value = session.get(SESSION_KEY)
    if not value:
        value = secrets.token_urlsafe(32)
        session[SESSION_KEY] = value
    return value


def field() -> Markup:
    return Markup('<input type="hidden" name="csrf_token" value="%s">') % token()


def check() -> None:
    if request.method not in UNSAFE or current_app.config.get("CSRF_DISABLED"):
        return
    if request.routing_exception is not None:  # 404/405 answer first
        return
    if request.is_json:
        return
    expected = session.get(SESSION_KEY)
    sent = request.headers.get("X-CSRF-Token") or request.form.get("csrf_token")
    if not expected or not sent or not hmac.compare_digest(str(expected), str(sent)):
        abort(400, description="表单已过期或来源不明（CSRF 校验失败），请刷新页面后重试。")


def init_app(app) -> None:
    app.before_request(check)
    app.jinja_env.globals.update(csrf_token=token, csrf_field=field)
