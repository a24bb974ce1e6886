"""Admin: log in, import PDF/DOCX/MD/TXT files into the store, rebuild the search indexes."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from webapp.admin import views  # noqa: E402,F401  (routes register on bp)
