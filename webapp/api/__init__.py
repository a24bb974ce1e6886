"""JSON API under /api/: search, laws, clauses, citation resolving, and its OpenAPI description.

Success: ``{"ok": true, ...}``. Every error: ``{"ok": false, "error": "...", "status": N}``
(see webapp.errors). Hits are ``Hit.to_record()`` records, the same as ``lawkb search --json``.
"""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api")

from webapp.api import views  # noqa: E402,F401  (routes register on bp)
