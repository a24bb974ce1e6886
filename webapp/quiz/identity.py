"""Who the browser is, for the quiz pages: one learner token in the cookie, nothing else.

Participations, hosted sessions and practice settings are found server-side from that token, so the
signed cookie keeps the same size however many quizzes are taken (it used to grow ~37 bytes a quiz).
"""

from __future__ import annotations

from flask import current_app, session

from kb.quiz.learners import learner_by_token, learner_for
from kb.quiz.records import QuizRecords
from webapp.state import state

COOKIE_KEY = "quiz_me"


def records() -> QuizRecords:
    app = current_app._get_current_object()
    corpus = state().corpus
    found = app.extensions.get("lawkb_quiz")
    if found is None or found.path != corpus.dir / "quiz.sqlite":
        found = app.extensions["lawkb_quiz"] = QuizRecords.for_corpus(corpus)
    return found


def current_learner() -> dict | None:
    return learner_by_token(records(), session.get(COOKIE_KEY))


def become(name: str | None) -> dict:
    """The browser's learner (a new one when no learner yet, or another name is given)."""
    learner = learner_for(records(), session.get(COOKIE_KEY), name)
    session[COOKIE_KEY] = learner["token"]
    return learner


def adopt(token: str) -> dict | None:
    """Open a private link: the browser becomes that learner."""
    learner = learner_by_token(records(), token)
    if learner:
        session[COOKIE_KEY] = learner["token"]
    return learner


def is_admin() -> bool:
    return bool(session.get("user") and session.get("admin"))


def hosts(quiz) -> bool:
    """May this browser manage the session? Its host, or an admin."""
    learner = current_learner()
    return is_admin() or bool(learner and quiz.host_learner_id and learner["id"] == quiz.host_learner_id)
