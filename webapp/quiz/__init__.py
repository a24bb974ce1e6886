"""学法测验: practice alone, group sessions with a join code and live scoreboard, wrong-answer book, records."""

from flask import Blueprint

bp = Blueprint("quiz", __name__, url_prefix="/quiz")

from webapp.quiz import views  # noqa: E402,F401  (routes register on bp)
