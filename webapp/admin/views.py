"""Admin pages: login / logout, and the import page (upload, per-file report, index rebuild)."""

from __future__ import annotations

from functools import wraps

from flask import current_app, flash, redirect, render_template, request, session, url_for

from webapp import csrf
from webapp.admin import bp
from webapp.admin.uploads import ALLOWED, IndexRebuild, import_uploads
from webapp.admin.users import UserStore
from webapp.state import state

MAX_FILES = 20


def users() -> UserStore:
    return UserStore.for_corpus(state().corpus)


def rebuild_job() -> IndexRebuild:
    app = current_app._get_current_object()
    return app.extensions.setdefault("lawkb.rebuild", IndexRebuild())


def admin_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not session.get("user"):
            return redirect(url_for("admin.login", next=request.full_path.rstrip("?")))
        if not session.get("admin"):
            flash("此功能仅限管理员使用。", "error")
            return redirect(url_for("search.index"))
        return view(*args, **kwargs)
    return wrapper


def safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("admin.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    error = None
    if request.method == "POST":
        name = (request.form.get("name") or "").strip()
        user = users().authenticate(name, request.form.get("password") or "")
        if user is None:
            error = "用户名或密码不正确。"
        else:
            session.clear()  # new session id material: no fixation, fresh CSRF token
            session["user"], session["admin"] = user.name, user.is_admin
            csrf.token()
            return redirect(safe_next(request.args.get("next")))
    return render_template("admin/login.html", error=error, has_users=bool(users().list())), (401 if error else 200)


@bp.post("/logout")
def logout():
    session.clear()
    flash("已退出登录。", "info")
    return redirect(url_for("search.index"))


@bp.get("/")
@admin_required
def index():
    store = state().corpus.store
    return render_template("admin/import.html", allowed=ALLOWED, results=None, job=rebuild_job(),
                           counts=store.counts(), max_mb=current_app.config["MAX_UPLOAD_MB"], max_files=MAX_FILES)


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
    results, outcome = import_uploads(web.corpus, files, index=bool(current_app.config.get("REBUILD_INDEXES")),
                                      build=lambda corpus, progress: job.start(corpus, web.invalidate))
    if outcome is not None and outcome.changed:
        web.invalidate()
    current_app.logger.info("import by %s: %s", session.get("user"),
                            ", ".join(f"{r.name}={r.outcome}" for r in results))
    status = 200 if any(r.ok for r in results) else 422
    return render_template("admin/import.html", allowed=ALLOWED, results=results, job=job,
                           counts=web.corpus.store.counts(), max_mb=current_app.config["MAX_UPLOAD_MB"],
                           max_files=MAX_FILES), status
