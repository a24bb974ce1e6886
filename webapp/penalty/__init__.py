"""处罚依据 (违法行为 → 法律依据): the description search, the 违法行为与法律责任对照表 with CSV/DOCX
export, the bureau's 裁量基准/免罚清单 (admins import them), and the JSON API under /api/penalty.
Pages use static/penalty.css and no script."""

from flask import Blueprint, current_app

bp = Blueprint("penalty", __name__)


@bp.context_processor
def _links():
    return {"clause_links": "laws.clause" in current_app.view_functions}


from webapp.penalty import views  # noqa: E402,F401  (routes register on bp)
