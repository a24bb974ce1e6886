"""答问: a question box answered with the clause that answers it (page /answer, JSON /api/answer)."""

from flask import Blueprint

bp = Blueprint("answer", __name__)

from webapp.answer import views  # noqa: E402,F401  (routes register on bp)
