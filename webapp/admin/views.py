"""Admin pages: login / logout, and the import page (upload, per-file report, index rebuild)."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for

from webapp import csrf
from webapp.admin import bp
from webapp.admin.throttle import LoginThrottle
from webapp.admin.uploads import ALLOWED, IndexRebuild, import_uploads
from webapp.admin.users import UserStore
from webapp.state import state
from webapp.work import heavy_work

MAX_FILES = 20


def users() -> UserStore:
    return UserStore.for_corpus(state().corpus)


def rebuild_job() -> IndexRebuild:
    app = current_app._get_current_object()
    return app.extensions.setdefault("lawkb.rebuild", IndexRebuild())


def throttle() -> LoginThrottle:
    config = current_app.config
    return LoginThrottle(users().path, config["LOGIN_MAX_FAILURES"], config["LOGIN_MAX_FAILURES_PER_ADDRESS"],
                         config["LOGIN_LOCK_MINUTES"])


def current_admin() -> str | None:
    """The name of the logged-in admin, checked against the user table on every call: the user must
    still exist, still be an admin, and the cookie's session version must be the current one."""
    name = session.get("user")
    if not name:
        return None
    found = users().session_state(name)
    if found is None or not found[0] or session.get("session_version") != found[1]:
        return None
    return name


def admin_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not session.get("user"):
            return redirect(url_for("admin.login", next=request.full_path.rstrip("?")))
        if current_admin() is None:
            revoked = users().session_state(session.get("user"))
            session.clear()
            if revoked is not None and not revoked[0]:
                flash("此功能仅限管理员使用。", "error")
                return redirect(url_for("search.index"))
            flash("登录已失效，请重新登录。", "error")
            current_app.logger.warning("admin session refused (user removed, logged out or changed) on %s", request.path)
            return redirect(url_for("admin.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)
    return wrapper


def safe_next(target: str | None) -> str:
    """A same-site path to go to after login; anything else (other hosts, //host, /\\host, control
    characters or spaces a browser would strip, such as /%09/evil.example) gives the admin page."""
    fallback = url_for("admin.index")
    if not target or not target.startswith("/") or target.startswith("//"):
        return fallback
    if any(ch <= " " or ch in "\\\x7f" for ch in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return fallback
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    error, status, headers = None, 200, {}
    if request.method == "POST":
        name = (request.form.get("name") or "").strip()[:64]
        address = request.remote_addr or "unknown"
        limiter = throttle()
        lock = limiter.locked(name, address)
        if lock is not None:
            current_app.logger.warning("login refused: %s %r locked after %d failed logins (user %r from %s)",
                                       lock.kind, lock.key, lock.failures, name, address)
            minutes = (lock.seconds_left + 59) // 60
            who = "该账号" if lock.kind == "account" else "您所在的地址"
            error, status = f"{who}登录失败次数过多，已暂时锁定。请 {minutes} 分钟后再试，或联系管理员。", 429
            headers = {"Retry-After": str(lock.seconds_left)}
        else:
            user = users().authenticate(name, request.form.get("password") or "")
            if user is None:
                limiter.failed(name, address)
                current_app.logger.info("failed login for user %r from %s", name, address)
                error, status = "用户名或密码不正确。", 401
            else:
                limiter.succeeded(name)
                state_now = users().session_state(user.name)
                session.clear()  # new session id material: no fixation, fresh CSRF token
                session["user"], session["admin"] = user.name, user.is_admin
                session["session_version"] = state_now[1] if state_now else 0
                csrf.token()
                current_app.logger.info("login: %s from %s", user.name, address)
                return redirect(safe_next(request.args.get("next")))
    return render_template("admin/login.html", error=error, has_users=bool(users().list())), status, headers


@bp.post("/logout")
def logout():
    name = session.get("user")
    if name:
        users().end_sessions(name)  # a copy of this cookie replayed later is refused
    session.clear()
    flash("已退出登录。", "info")
    return redirect(url_for("search.index"))


@bp.get("/")
@admin_required
def index():
    store = state().corpus.store
    return render_template("admin/import.html", allowed=ALLOWED, results=None, job=rebuild_job(),
                           counts=store.counts(), max_mb=current_app.config["MAX_UPLOAD_MB"], max_files=MAX_FILES,
                           neural=state().neural_progress())


@bp.post("/import")
@admin_required
def import_files():
    files = [f for f in request.files.getlist("files") if f and f.filename]
    if not files:
        flash("请选择要导入的文件。", "error")
        return redirect(url_for("admin.index"))
    if len(files) > MAX_FILES:
        flash(f"一次最多导入 {MAX_FILES} 个文件。", "error")
        return redirect(url_for("admin.index"))
    web = state()
    job = rebuild_job()
    with heavy_work("import", None):  # each file has its own budget (LAWKB_INGEST_TIME_LIMIT)
        results, outcome = import_uploads(web.corpus, files, index=bool(current_app.config.get("REBUILD_INDEXES")),
                                          build=lambda corpus, progress: job.start(corpus, web.invalidate))
    if outcome is not None and outcome.changed:
        web.invalidate()
    current_app.logger.info("import by %s: %s", session.get("user"),
                            ", ".join(f"{r.name}={r.outcome}" for r in results))
    status = 200 if any(r.ok for r in results) else 422
    return render_template("admin/import.html", allowed=ALLOWED, results=results, job=job,
                           counts=web.corpus.store.counts(), max_mb=current_app.config["MAX_UPLOAD_MB"],
                           max_files=MAX_FILES, neural=web.neural_progress()), status
