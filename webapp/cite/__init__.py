"""Legal review (引用核查): citation check, old→new concordance, version diff, citation builder.

Pages under /cite/, JSON under /api/cite/ (check, concordance, diff, build); API errors use the
app's shape {"ok": false, "error", "status"} (webapp.errors). Forms carry the app's CSRF field.
"""

from flask import Blueprint, current_app

bp = Blueprint("cite", __name__)


@bp.context_processor
def _links():
    return {"clause_links": "laws.clause" in current_app.view_functions}


from webapp.cite import api, views  # noqa: E402,F401  (routes register on bp)
