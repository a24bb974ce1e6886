"""Routes of the quiz blueprint.

Practice and group quizzes are both stored as sessions (kb.quiz.records): a practice quiz is a
session with one participant, so reloads, back buttons and double submits are handled the same way.
The browser keeps participant and host tokens in the signed Flask session cookie.
"""

from __future__ import annotations

import io

from flask import (Response, abort, current_app, flash, jsonify, redirect, render_template, request, session,
                   url_for)

from kb.clause import LEVELS
from kb.errors import LawKBError, QueryError
from kb.quiz.generator import generate
from kb.quiz.question import LETTERS, TYPE_NAMES
from kb.quiz.records import DuplicateNameError, QuizRecords, SessionClosedError
from kb.quiz.review import WrongBook
from kb.quiz.scope import Scope
from webapp.errors import user_message
from webapp.quiz import bp
from webapp.state import state

TYPE_CHOICES = [("single", "单选"), ("multiple", "多选"), ("judge", "判断"), ("fill", "填空"), ("source", "出处")]


def records() -> QuizRecords:
    app = current_app._get_current_object()
    corpus = state().corpus
    found = app.extensions.get("lawkb_quiz")
    if found is None or found.path != corpus.dir / "quiz.sqlite":
        found = app.extensions["lawkb_quiz"] = QuizRecords.for_corpus(corpus)
    return found


def learner() -> str:
    return session.get("user") or session.get("quiz_learner") or ""


def tokens() -> dict:
    return dict(session.get("quiz_tokens") or {})


def remember(key: str, code: str, token: str) -> None:
    found = dict(session.get(key) or {})
    found[code] = token
    session[key] = found


def scope_from(form) -> Scope:
    laws = tuple(x.strip() for x in form.get("law", "").replace("，", ",").split(",") if x.strip())
    level, region = (form.get("level") or "").strip(), (form.get("region") or "").strip()
    return Scope(laws=laws, chapter=form.get("chapter") or None, articles=form.get("articles") or None,
                 topic=form.get("topic") or None, levels=(level,) if level else (), regions=(region,) if region else ())


def make_quiz(form) -> tuple[Scope, object]:
    scope = scope_from(form)
    try:
        count = max(1, min(int(form.get("count") or 10), 100))
        seed = int(form.get("seed") or 0) or None
    except ValueError:
        raise QueryError("count and seed must be whole numbers", zh="题量和随机种子须为整数") from None
    types = ",".join(form.getlist("types")) or None
    import random

    seed = seed if seed is not None else random.randrange(1, 1_000_000)
    result = generate(state().corpus, scope, count, types, seed=seed)
    if result.shortfall:
        flash(f"该范围只能生成 {len(result.questions)} 道合格题目（要求 {result.requested} 道）。", "warning")
    return scope, result


@bp.route("/")
def index():
    book = WrongBook(records())
    due = len(book.due(learner())) if learner() else 0
    return render_template("quiz/index.html", types=TYPE_CHOICES, learner=learner(), due=due,
                           titles=state().corpus.store.titles(), levels=LEVELS)


@bp.route("/practice", methods=["POST"])
def practice():
    name = (request.form.get("learner") or learner()).strip()[:40]
    if not name:
        flash("请填写姓名，以便记录成绩和错题。", "error")
        return redirect(url_for("quiz.index"))
    session["quiz_learner"] = name
    try:
        scope, result = make_quiz(request.form)
    except LawKBError as exc:
        flash(user_message(exc), "error")
        return redirect(url_for("quiz.index"))
    quiz = records().create_session(f"个人练习：{scope.describe()}", [q.to_dict() for q in result.questions],
                                    scope.to_dict(), result.seed, mode="practice")
    person = records().join(quiz.code, name)
    remember("quiz_tokens", quiz.code, person["token"])
    session["quiz_feedback_" + quiz.code] = request.form.get("feedback", "each")
    return redirect(url_for("quiz.question", code=quiz.code, index=0))


def participant_for(code: str) -> dict:
    token = tokens().get(code.upper())
    if not token:
        flash("请先加入测验。", "warning")
        abort(redirect(url_for("quiz.join", code=code)))
    return records().participant(token)


@bp.route("/s/<code>/q/<int:index>", methods=["GET", "POST"])
def question(code: str, index: int):
    quiz = records().session(code)
    person = participant_for(quiz.code)
    if not 0 <= index < len(quiz.questions):
        return redirect(url_for("quiz.done", code=quiz.code))
    given_map = records().answers(person["token"])
    feedback = session.get("quiz_feedback_" + quiz.code, "each")
    if request.method == "POST":
        given = request.form.getlist("answer") if quiz.questions[index]["type"] == "multiple" \
            else request.form.get("answer", "")
        try:
            records().answer(person["token"], index, given)
        except SessionClosedError as exc:
            flash(user_message(exc), "warning")
            return redirect(url_for("quiz.done", code=quiz.code))
        if feedback == "end":
            return redirect(url_for("quiz.question", code=quiz.code, index=index + 1))
        return redirect(url_for("quiz.question", code=quiz.code, index=index))
    return render_template("quiz/question.html", quiz=quiz, q=quiz.questions[index], index=index,
                           answered=given_map.get(index), letters=LETTERS, type_names=TYPE_NAMES,
                           feedback=feedback, total=len(quiz.questions))


@bp.route("/s/<code>/done", methods=["GET", "POST"])
def done(code: str):
    quiz = records().session(code)
    person = participant_for(quiz.code)
    if request.method == "POST":
        if quiz.mode == "group":
            for index, q in enumerate(quiz.questions):
                key = f"q{index}"
                given = request.form.getlist(key) if q["type"] == "multiple" else request.form.get(key)
                if given:
                    try:
                        records().answer(person["token"], index, given)
                    except SessionClosedError:
                        flash("测验已结束，交卷后提交的答案未计分。", "warning")
                        break
        records().finish(person["token"])
        return redirect(url_for("quiz.done", code=quiz.code))
    answers = records().answers(person["token"])
    board = records().scoreboard(quiz.code)
    mine = next((row for row in board if row["name"] == person["name"]), None)
    return render_template("quiz/done.html", quiz=quiz, answers=answers, mine=mine, letters=LETTERS,
                           type_names=TYPE_NAMES, person=person)


# -- group sessions ------------------------------------------------------------------------------
@bp.route("/host", methods=["POST"])
def host():
    try:
        scope, result = make_quiz(request.form)
        minutes = int(request.form.get("minutes") or 0)
    except (LawKBError, ValueError) as exc:
        flash(user_message(exc), "error")
        return redirect(url_for("quiz.index"))
    title = (request.form.get("title") or "").strip()[:80] or f"集体学法测验：{scope.describe()}"
    quiz = records().create_session(title, [q.to_dict() for q in result.questions], scope.to_dict(), result.seed,
                                    time_limit=minutes * 60 if minutes > 0 else None)
    remember("quiz_hosts", quiz.code, quiz.host_token)
    return redirect(url_for("quiz.host_view", code=quiz.code))


def host_session(code: str):
    quiz = records().session(code)
    if (session.get("quiz_hosts") or {}).get(quiz.code) != quiz.host_token:
        abort(403, description="只有创建者可以管理此测验。")
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


@bp.route("/s/<code>/scoreboard.json")
def scoreboard(code: str):
    quiz = records().session(code)
    return jsonify({"ok": True, "code": quiz.code, "open": quiz.is_open, "seconds_left": quiz.seconds_left(),
                    "board": records().scoreboard(quiz.code)})


@bp.route("/join", methods=["GET", "POST"])
def join():
    code = (request.values.get("code") or "").strip().upper()
    if request.method == "POST":
        name = request.form.get("name", "")
        try:
            person = records().join(code, name, tokens().get(code))
        except (DuplicateNameError, SessionClosedError, QueryError) as exc:
            flash(user_message(exc), "error")
            return render_template("quiz/join.html", code=code, name=name), 400
        except LawKBError as exc:
            flash(user_message(exc), "error")
            return render_template("quiz/join.html", code=code, name=name), 404
        remember("quiz_tokens", code, person["token"])
        session["quiz_learner"] = person["name"]
        return redirect(url_for("quiz.paper", code=code))
    return render_template("quiz/join.html", code=code, name=learner())


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


# -- wrong-answer book and records ------------------------------------------------------------------
@bp.route("/review", methods=["GET", "POST"])
def review():
    name = learner()
    if not name:
        flash("请先在练习页填写姓名。", "warning")
        return redirect(url_for("quiz.index"))
    book = WrongBook(records())
    result = None
    if request.method == "POST":
        entry = next((e for e in book.entries(name) if e["question"].get("id") == request.form.get("qid")), None)
        if entry:
            q = entry["question"]
            given = request.form.getlist("answer") if q["type"] == "multiple" else request.form.get("answer", "")
            result = {"question": q, "correct": records().record_practice(name, q, given)}
    return render_template("quiz/review.html", due=book.due(name), entries=book.entries(name), result=result,
                           letters=LETTERS, type_names=TYPE_NAMES, learner=name)


@bp.route("/records")
def records_page():
    return render_template("quiz/records.html", summary=records().summary())


@bp.route("/records.csv")
def records_csv():
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(QuizRecords.CSV_HEADER)
    writer.writerows(records().csv_rows())
    return Response("\ufeff" + buffer.getvalue(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": "attachment; filename=quiz-records.csv"})


@bp.route("/s/<code>/answer", methods=["POST"])
def save_answer(code: str):
    """Autosave of one answer from the group paper (JSON); correctness is not revealed until the end."""
    quiz = records().session(code)
    token = tokens().get(quiz.code)
    if not token:
        return jsonify({"ok": False, "error": "not joined"}), 403
    data = request.get_json(silent=True) or {}
    try:
        saved = records().answer(token, int(data.get("index", -1)), data.get("answer"))
    except SessionClosedError as exc:
        return jsonify({"ok": False, "error": user_message(exc), "closed": True}), 409
    except (LawKBError, ValueError) as exc:
        return jsonify({"ok": False, "error": user_message(exc)}), 400
    return jsonify({"ok": True, "duplicate": saved["duplicate"]})
