"""Search page: one box for questions and citations, with law / level / status / as-of filters."""

from flask import Blueprint

bp = Blueprint("search", __name__)

from webapp.search import views  # noqa: E402,F401  (routes register on bp)
