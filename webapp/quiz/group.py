"""Group sessions: the host's page with code and QR code, joining, the one-page paper with autosave,
the live scoreboard."""

from __future__ import annotations

import io

from flask import Response, abort, flash, jsonify, redirect, render_template, request, url_for
import segno

from kb.errors import LawKBError
from kb.quiz.question import LETTERS, TYPE_NAMES
from kb.quiz.records import SessionClosedError, SessionNotFoundError
from webapp.quiz import bp
from webapp.quiz.identity import become, current_learner, hosts, records
from webapp.errors import user_message as chinese
from webapp.quiz.views import make_quiz, participant_for

MAX_ANSWER_ITEMS = 8


@bp.route("/host", methods=["POST"])
def host():
    try:
        minutes = max(0, min(int(request.form.get("minutes") or 0), 240))
    except ValueError:
        minutes = 15
        flash("限时须为整数（分钟），已按 15 分钟设置。", "warning")
    try:
        learner = become(request.form.get("learner") or (current_learner() or {}).get("name") or "主持人")
        scope, result = make_quiz(request.form)
    except LawKBError as exc:
        flash(chinese(exc), "error")
        return redirect(url_for("quiz.index"))
    title = (request.form.get("title") or "").strip()[:80] or f"集体学法测验：{scope.describe()}"
    quiz = records().create_session(title, [q.to_dict() for q in result.questions], scope.to_dict(), result.seed,
                                    time_limit=minutes * 60 if minutes > 0 else None, host_learner_id=learner["id"])
    return redirect(url_for("quiz.host_view", code=quiz.code))


def host_session(code: str):
    quiz = records().session(code)
    if not hosts(quiz):
        abort(403, description="只有创建者或管理员可以管理此测验。")
    return quiz


@bp.route("/host/<code>")
def host_view(code: str):
    quiz = host_session(code)
    return render_template("quiz/host.html", quiz=quiz, board=records().scoreboard(quiz.code),
                           stats=records().question_stats(quiz.code) if not quiz.is_open else [],
                           join_url=url_for("quiz.join", code=quiz.code, _external=True), letters=LETTERS,
                           type_names=TYPE_NAMES)


@bp.route("/host/<code>/close", methods=["POST"])
def host_close(code: str):
    quiz = host_session(code)
    records().close(quiz.code, quiz.host_token)
    flash("测验已结束。", "ok")
    return redirect(url_for("quiz.host_view", code=quiz.code))


@bp.route("/s/<code>/qr.svg")
def qr(code: str):
    """The join link as a QR code, drawn here (no outside service): participants scan it to join."""
    quiz = records().session(code)
    buffer = io.BytesIO()
    segno.make(url_for("quiz.join", code=quiz.code, _external=True), error="m").save(
        buffer, kind="svg", scale=6, border=2, xmldecl=False)
    return Response(buffer.getvalue(), mimetype="image/svg+xml", headers={"Cache-Control": "no-store"})


@bp.route("/s/<code>/scoreboard.json")
def scoreboard(code: str):
    quiz = records().session(code)
    if not hosts(quiz):
        return jsonify({"ok": False, "error": "只有创建者或管理员可以查看成绩榜。", "status": 403}), 403
    return jsonify({"ok": True, "code": quiz.code, "open": quiz.is_open, "seconds_left": quiz.seconds_left(),
                    "board": records().scoreboard(quiz.code)})


@bp.route("/join", methods=["GET", "POST"])
def join():
    code = (request.values.get("code") or "").strip().upper()[:8]
    learner = current_learner()
    if request.method == "POST":
        name = request.form.get("name", "")
        try:
            if not code:
                raise LawKBError("no code")
            existing = records().participant_of(code, learner["id"]) if learner else None
            if existing is None:
                learner = become(name)
                records().join(code, learner["name"], learner_id=learner["id"])
        except LawKBError as exc:
            flash(chinese(exc) if code else "请输入测验码。", "error")
            status = 404 if isinstance(exc, SessionNotFoundError) else 400
            return render_template("quiz/join.html", code=code, name=name), status
        return redirect(url_for("quiz.paper", code=code))
    return render_template("quiz/join.html", code=code, name=learner["name"] if learner else "")


@bp.route("/s/<code>")
def paper(code: str):
    quiz = records().session(code)
    person = participant_for(quiz.code)
    if quiz.mode == "practice":
        return redirect(url_for("quiz.question", code=quiz.code, index=0))
    if person["finished_at"] or not quiz.is_open:
        return redirect(url_for("quiz.done", code=quiz.code))
    return render_template("quiz/paper.html", quiz=quiz, person=person, letters=LETTERS, type_names=TYPE_NAMES,
                           answers=records().answers(person["token"]))


def _bad(message: str, status: int = 400, **extra):
    return jsonify({"ok": False, "error": message, "status": status, **extra}), status


@bp.route("/s/<code>/answer", methods=["POST"])
def save_answer(code: str):
    """Autosave of one answer from the group paper (JSON); correctness is not revealed until the end."""
    quiz = records().session(code)
    learner = current_learner()
    person = records().participant_of(quiz.code, learner["id"]) if learner else None
    if person is None:
        return _bad("请先加入测验。", 403)
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return _bad("保存失败：请求内容不是有效的 JSON 对象。")
    index, answer = data.get("index"), data.get("answer")
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(quiz.questions):
        return _bad("保存失败：题号无效。")
    if isinstance(answer, list):
        if not answer or len(answer) > MAX_ANSWER_ITEMS or not all(isinstance(a, str) for a in answer):
            return _bad("保存失败：答案格式无效。")
    elif not isinstance(answer, str) or not answer.strip() or len(answer) > 200:
        return _bad("保存失败：答案格式无效。")
    try:
        saved = records().answer(person["token"], index, answer)
    except SessionClosedError:
        return _bad("测验已结束，答案未保存。", 409, closed=True)
    return jsonify({"ok": True, "duplicate": saved["duplicate"]})
