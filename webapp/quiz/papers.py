"""组卷: generate a paper, look it over (替换本题 / 删除本题, warnings), then download it as DOCX or PDF.

The draft is kept server-side under an unguessable token in its URL; nothing of it is in the cookie.
"""

from __future__ import annotations

import io
import random
import tempfile
from pathlib import Path

from flask import abort, flash, redirect, render_template, request, send_file, url_for

from kb.errors import LawKBError
from kb.quiz.export_docx import write_docx
from kb.quiz.generator import replacement
from kb.quiz.learners import draft, save_draft, update_draft
from kb.quiz.paper import build, default_minutes, points_for
from kb.quiz.paper_check import paper_warnings
from kb.quiz.question import LETTERS, TYPE_NAMES, TYPES
from kb.quiz.scope import Scope
from webapp.quiz import bp
from webapp.quiz.identity import current_learner, records
from webapp.errors import user_message as chinese
from webapp.quiz.views import make_quiz
from webapp.state import state


@bp.route("/papers", methods=["POST"])
def paper_new():
    try:
        scope, result = make_quiz(request.form)
    except LawKBError as exc:
        flash(chinese(exc), "error")
        return redirect(url_for("quiz.index"))
    title = (request.form.get("title") or "").strip()[:80] or f"{scope.describe()}学法测试卷"
    learner = current_learner()
    token = save_draft(records(), title, scope.to_dict(), list(dict.fromkeys(q.type for q in result.questions)),
                       [q.to_dict() for q in result.questions], learner["id"] if learner else None)
    return redirect(url_for("quiz.paper_edit", token=token))


def _draft(token: str) -> dict:
    try:
        return draft(records(), token)
    except LawKBError:
        abort(404, description="没有这份试卷草稿（链接有误或已失效）。")


@bp.route("/papers/<token>")
def paper_edit(token: str):
    found = _draft(token)
    questions = found["questions"]
    counts = {t: sum(q["type"] == t for q in questions) for t in TYPES}
    points = points_for(counts)
    total = sum(points.get(t, 0) * n for t, n in counts.items())
    return render_template("quiz/paper_edit.html", draft=found, token=token, questions=questions, letters=LETTERS,
                           type_names=TYPE_NAMES, warnings=[w.chinese() for w in paper_warnings(questions)],
                           points=points, total=total, minutes=default_minutes(questions))


@bp.route("/papers/<token>/<int:index>/<action>", methods=["POST"])
def paper_change(token: str, index: int, action: str):
    found = _draft(token)
    questions = found["questions"]
    if not 0 <= index < len(questions) or action not in ("replace", "delete"):
        abort(404, description="没有这道题。")
    if action == "delete":
        del questions[index]
        flash(f"已删除第{index + 1}题。", "ok")
    else:
        keep = questions[:index] + questions[index + 1:]
        try:
            new = replacement(state().corpus, Scope.from_dict(found["scope"]), questions[index]["type"], keep,
                              random.randrange(1, 1_000_000), replaced=questions[index])
        except LawKBError as exc:
            flash(chinese(exc), "error")
            return redirect(url_for("quiz.paper_edit", token=token))
        if new is None:
            flash("该范围内没有可替换的同类题目了。", "warning")
        else:
            questions[index] = new.to_dict()
            flash(f"已替换第{index + 1}题。", "ok")
    update_draft(records(), token, questions)
    return redirect(url_for("quiz.paper_edit", token=token) + f"#q{max(index - 1, 0)}")


@bp.route("/papers/<token>/export", methods=["POST"])
def paper_export(token: str):
    found = _draft(token)
    if not found["questions"]:
        flash("试卷中没有题目。", "error")
        return redirect(url_for("quiz.paper_edit", token=token))
    title = (request.form.get("title") or found["title"]).strip()[:80]
    try:
        minutes = int(request.form.get("minutes") or 0) or None
    except ValueError:
        minutes = None
    if minutes is not None and not 1 <= minutes <= 600:
        minutes = None
    paper = build(found["questions"], title, f"范围：{Scope.from_dict(found['scope']).describe()}", minutes=minutes)
    kind = "pdf" if request.form.get("format") == "pdf" else "docx"
    folder = Path(tempfile.mkdtemp(prefix="lawkb-paper-"))
    try:
        if kind == "pdf":
            from kb.quiz.export_pdf import write_pdf

            path = write_pdf(paper, folder / "paper.pdf")
        else:
            path = write_docx(paper, folder / "paper.docx")
        data = path.read_bytes()
    except LawKBError:
        flash("无法生成 PDF：服务器上没有可嵌入的中文字体，请联系管理员安装（或先下载 Word 版）。", "error")
        return redirect(url_for("quiz.paper_edit", token=token))
    finally:
        for item in folder.iterdir():
            item.unlink()
        folder.rmdir()
    mimetype = "application/pdf" if kind == "pdf" else \
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=f"{title}.{kind}")
