"""One way to fail: HTML error pages for people, ``{"ok": false, "error", "status"}`` for /api/.

Library errors map to HTTP codes (NotFoundError 404, QueryError 400, StoreError and
IndexMissingError 503); anything unexpected is logged and answered with a plain 500, never a
traceback. One language per surface: pages say ``user_message(exc)`` (the error's Chinese message,
or what kind of problem it is, in Chinese); the JSON API says the English ``str(exc)``, as the
command line does.
"""

from __future__ import annotations

import sqlite3

from flask import current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, NotFound

from ingest.errors import TooLargeError
from kb.errors import IndexMissingError, LawKBError, NotFoundError, QueryError, StoreError
from kb.integrity import STORE_DAMAGED_ZH, StoreDamaged
from kb.limits import BudgetExceeded, LimitError

TITLES = {400: "请求有误", 403: "没有权限", 404: "没有找到", 405: "不支持的请求方法", 413: "文件过大",
          415: "不支持的文件类型", 500: "服务器内部错误", 503: "暂时无法提供服务"}


# what a page says for a library error that has no Chinese message of its own
KIND_MESSAGES = (
    (NotFoundError, "没有找到所要的法规或条文。"),
    (QueryError, "请求有误，请检查输入后重试。"),
    (IndexMissingError, "检索索引不可用或已过期，请管理员运行 lawkb index 重建。"),
    (StoreError, "法规库暂时无法使用，请联系管理员。"),
)


def user_message(exc: Exception) -> str:
    """The Chinese message a page shows for an error (a library error's own, or its kind's)."""
    if isinstance(exc, LawKBError) and exc.zh:
        return exc.zh
    if isinstance(exc, ValueError) and not isinstance(exc, LawKBError):
        return "输入的数值无效，请检查后重试。"
    return next((text for kind, text in KIND_MESSAGES if isinstance(exc, kind)), "操作未能完成，请稍后重试或联系管理员。")


class PageNotFound(NotFound):
    """404 with the closest matches to offer: law titles, (label, url) pairs, or titled sections of
    (label, url, note) links (webapp.notfound builds these for citations)."""

    def __init__(self, description: str, suggestions=None, links=None, sections=None):
        super().__init__(description)
        self.suggestions = list(suggestions or [])
        self.links = list(links or [])
        self.sections = list(sections or [])


def code_for(exc: LawKBError) -> int:
    if isinstance(exc, (LimitError, TooLargeError)):
        return 413
    if isinstance(exc, BudgetExceeded):
        return 503
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, QueryError):
        return 400
    if isinstance(exc, (StoreError, IndexMissingError)):
        return 503
    return 400


def wants_json() -> bool:
    return request.path.startswith("/api/")


def respond(status: int, message: str, suggestions=(), links=(), sections=()):
    if wants_json():
        body = {"ok": False, "error": message, "status": status}
        if suggestions:
            body["suggestions"] = list(suggestions)
        return jsonify(body), status
    return render_template("errors/error.html", status=status, title=TITLES.get(status, "出错了"),
                           message=message, suggestions=suggestions, links=links, sections=sections), status


def init_app(app) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        message = exc.description or TITLES.get(status, "出错了")
        if status == 404 and not isinstance(exc, PageNotFound):
            message = "没有这个页面。" if not wants_json() else f"no such resource: {request.path}"
        elif status == 405:
            message = f"{request.method} is not allowed here" if wants_json() else "不支持这种请求方法。"
        elif status == 413:
            limit = (request.max_content_length or 0) / (1024 * 1024) or current_app.config.get("MAX_UPLOAD_MB")
            message = f"上传文件过大：单次上传不能超过 {limit:g} MB。请拆分文件后重试。"
        response = respond(status, message, getattr(exc, "suggestions", ()), getattr(exc, "links", ()),
                           getattr(exc, "sections", ()))
        if status in (429, 503):
            retry = dict(exc.get_headers()).get("Retry-After", "10")
            return response[0], response[1], {"Retry-After": retry}
        return response

    @app.errorhandler(LawKBError)
    def library_error(exc: LawKBError):
        if isinstance(exc, StoreDamaged):
            current_app.logger.error("clause store damaged: %s", exc)
        return respond(code_for(exc), str(exc) if wants_json() else user_message(exc))

    @app.errorhandler(sqlite3.DatabaseError)
    def database_error(exc: sqlite3.DatabaseError):
        current_app.logger.error("database error on %s: %s", request.path, exc)
        return respond(503, f"a database of this corpus is damaged ({exc}); restore a backup or re-ingest"
                       if wants_json() else STORE_DAMAGED_ZH)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        if isinstance(exc, HTTPException):  # pragma: no cover - handled above
            return http_error(exc)
        current_app.logger.exception("unhandled error on %s", request.path)
        return respond(500, "服务器内部错误，请稍后重试或联系管理员。" if not wants_json() else "internal server error")
