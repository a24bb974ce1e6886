"""Law browser: laws by level and 部门法, a law's TOC and full text, versions, clause pages."""

from flask import Blueprint

bp = Blueprint("laws", __name__)

from webapp.laws import clause_views, views  # noqa: E402,F401  (routes register on bp)
