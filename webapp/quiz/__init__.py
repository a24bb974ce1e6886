"""学法测验: practice alone, group sessions with a join code and QR code, paper building, wrong-answer book,
records (for hosts and admins)."""

from flask import Blueprint

bp = Blueprint("quiz", __name__, url_prefix="/quiz")

from webapp.quiz import group, papers, records_views, views  # noqa: E402,F401  (routes register on bp)
