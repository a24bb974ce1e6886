"""Personal practice, answering one question at a time, handing in, the wrong-answer book, private links.

Practice and group quizzes are both stored as sessions (kb.quiz.records): a practice quiz is a session
with one participant, so reloads, back buttons and double submits are handled the same way. The browser
keeps only its learner token (webapp.quiz.identity); everything else is looked up server-side.
"""

from __future__ import annotations

import random

from flask import abort, flash, redirect, render_template, request, url_for

from kb.clause import LEVELS
from kb.errors import LawKBError
from kb.quiz.generator import generate
from kb.quiz.question import LETTERS, TYPE_NAMES
from kb.quiz.records import SessionClosedError
from kb.quiz.review import WrongBook
from kb.quiz.scope import Scope
from kb import settings
from webapp.quiz import bp
from webapp.quiz.identity import adopt, become, current_learner, records
from webapp.errors import user_message as chinese
from webapp.state import state

TYPE_CHOICES = [("single", "单选"), ("multiple", "多选"), ("judge", "判断"), ("fill", "填空"), ("source", "出处"),
                ("case", "情景")]
DEFAULT_TYPES = ("single", "multiple", "judge", "case")


def scope_from(form) -> Scope:
    laws = tuple(x.strip() for x in form.get("law", "").replace("，", ",").split(",") if x.strip())
    level, region = (form.get("level") or "").strip(), (form.get("region") or "").strip()
    return Scope(laws=laws, chapter=form.get("chapter") or None, articles=form.get("articles") or None,
                 topic=form.get("topic") or None, levels=(level,) if level else (), regions=(region,) if region else ())


def make_quiz(form):
    """(scope, result) for the form; LawKBError on a bad scope (shown in Chinese by the caller)."""
    scope = scope_from(form)
    limit = min(100, settings.get("QUIZ_MAX_COUNT"))
    try:
        asked = int(form.get("count") or 10)
        seed = int(form.get("seed") or 0) or random.randrange(1, 1_000_000)
    except ValueError:
        asked, seed = 10, random.randrange(1, 1_000_000)
        flash("题量和随机种子须为整数，已按 10 题出题。", "warning")
    count = max(1, min(asked, limit))
    if asked > limit:
        flash(f"每次最多出 {limit} 题，已按 {limit} 题出题。", "warning")
    types = ",".join(form.getlist("types")) or ",".join(DEFAULT_TYPES)
    result = generate(state().corpus, scope, count, types, seed=seed)
    if result.shortfall:
        flash(f"该范围只能生成 {len(result.questions)} 道合格题目（要求 {result.requested} 道）。", "warning")
    return scope, result


@bp.route("/")
def index():
    learner = current_learner()
    due = len(WrongBook(records()).due(book_of(learner))) if learner else 0
    return render_template("quiz/index.html", types=TYPE_CHOICES, default_types=DEFAULT_TYPES, learner=learner,
                           due=due, titles=state().corpus.store.titles(), levels=LEVELS)


def book_of(learner: dict) -> str:
    return f"#{learner['id']}"


@bp.route("/practice", methods=["POST"])
def practice():
    try:
        learner = become(request.form.get("learner") or (current_learner() or {}).get("name"))
        scope, result = make_quiz(request.form)
    except LawKBError as exc:
        flash(chinese(exc), "error")
        return redirect(url_for("quiz.index"))
    quiz = records().create_session(f"个人练习：{scope.describe()}", [q.to_dict() for q in result.questions],
                                    scope.to_dict(), result.seed, mode="practice", host_learner_id=learner["id"],
                                    feedback=request.form.get("feedback", "each"))
    records().join(quiz.code, learner["name"], learner_id=learner["id"])
    return redirect(url_for("quiz.question", code=quiz.code, index=0))


def participant_for(code: str) -> dict:
    learner = current_learner()
    person = records().participant_of(code, learner["id"] if learner else None)
    if person is None:
        flash("请先加入测验。", "warning")
        abort(redirect(url_for("quiz.join", code=code)))
    return person


@bp.route("/s/<code>/q/<int:index>", methods=["GET", "POST"])
def question(code: str, index: int):
    quiz = records().session(code)
    person = participant_for(quiz.code)
    if not 0 <= index < len(quiz.questions):
        return redirect(url_for("quiz.done", code=quiz.code))
    given_map = records().answers(person["token"])
    if request.method == "POST":
        given = request.form.getlist("answer") if quiz.questions[index]["type"] == "multiple" \
            else request.form.get("answer", "")
        try:
            records().answer(person["token"], index, given)
        except SessionClosedError as exc:
            flash(chinese(exc), "warning")
            return redirect(url_for("quiz.done", code=quiz.code))
        if quiz.feedback == "end":
            return redirect(url_for("quiz.question", code=quiz.code, index=index + 1))
        return redirect(url_for("quiz.question", code=quiz.code, index=index))
    return render_template("quiz/question.html", quiz=quiz, q=quiz.questions[index], index=index,
                           answered=given_map.get(index), letters=LETTERS, type_names=TYPE_NAMES,
                           feedback=quiz.feedback, total=len(quiz.questions), unanswered=len(quiz.questions) - len(given_map))


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


# -- the wrong-answer book and the private link ---------------------------------------------------------
@bp.route("/review", methods=["GET", "POST"])
def review():
    learner = current_learner()
    if not learner:
        flash("请先在练习页填写姓名开始练习；在其他设备上请打开您的专属链接。", "warning")
        return redirect(url_for("quiz.index"))
    book = WrongBook(records())
    key = book_of(learner)
    result = None
    if request.method == "POST":
        entry = next((e for e in book.entries(key) if e["question"].get("id") == request.form.get("qid")), None)
        if entry:
            q = entry["question"]
            given = request.form.getlist("answer") if q["type"] == "multiple" else request.form.get("answer", "")
            correct = records().record_practice(learner["name"], q, given, learner_id=learner["id"])
            result = {"question": q, "correct": correct}
    return render_template("quiz/review.html", due=book.due(key), entries=book.entries(key), result=result,
                           letters=LETTERS, type_names=TYPE_NAMES, learner=learner,
                           private_url=url_for("quiz.me", token=learner["token"], _external=True))


@bp.route("/me/<token>")
def me(token: str):
    """A learner's private link: opens their 错题本 (and their quizzes) on this device."""
    if adopt(token) is None:
        abort(404, description="这个专属链接无效或已失效。")
    flash("已打开您的错题本。请勿把专属链接转发给他人。", "ok")
    return redirect(url_for("quiz.review"))
