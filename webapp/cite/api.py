"""JSON: POST /api/cite/check, GET /api/cite/concordance/<law>, GET /api/cite/diff, GET|POST /api/cite/build.

Errors are raised as library errors and answered by webapp.errors as {"ok": false, "error", "status"}.
POST needs the app's CSRF token (X-CSRF-Token header), like every POST of this app.
"""

from __future__ import annotations

from flask import jsonify, request

from kb.cite import concordance as concordance_mod
from kb.cite.builder import build, parse_selection
from kb.cite.version_diff import diff_law
from kb.errors import QueryError
from webapp.cite import bp
from webapp.cite.views import checked_draft, selections_from
from webapp.state import state


@bp.post("/api/cite/check")
def api_check():
    if request.is_json:
        body = request.get_json(silent=True) or {}
        as_of, level, region = body.get("as_of") or None, body.get("level") or (), body.get("region") or ()
    else:
        as_of = request.form.get("as_of") or None
        level, region = request.form.getlist("level"), request.form.getlist("region")
    _draft, report = checked_draft(as_of, levels=level, regions=region)
    include_text = str(request.args.get("text", "1")) not in ("0", "false")
    return jsonify({"ok": True, **report.to_record(include_text=include_text)})


@bp.get("/api/cite/concordance")
def api_concordance_list():
    laws = concordance_mod.load(state().corpus)
    return jsonify({"ok": True, "laws": [{k: v for k, v in law.to_record().items() if k != "pairs"} | {"articles": len(law.pairs)}
                                         for law in laws]})


@bp.get("/api/cite/concordance/<path:law>")
def api_concordance(law: str):
    return jsonify({"ok": True, **concordance_mod.for_law(state().corpus, law).to_record()})


@bp.get("/api/cite/diff")
def api_diff():
    law = (request.args.get("law") or "").strip()
    if not law:
        raise QueryError("parameter law is required (e.g. 宪法)")
    result = diff_law(state().corpus, law, request.args.get("from") or None, request.args.get("to") or None)
    return jsonify({"ok": True, **result.to_record(include_unchanged=request.args.get("all") == "1")})


@bp.route("/api/cite/build", methods=["GET", "POST"])
def api_build():
    if request.method == "POST" and request.is_json:
        payload = request.get_json(silent=True) or {}
        values, refs, short = [str(v) if not isinstance(v, (list, dict)) else v for v in payload.get("selections", [])], \
            payload.get("refs", ""), bool(payload.get("short"))
    else:
        source = request.form if request.method == "POST" else request.args
        values, refs, short = source.getlist("sel"), source.get("refs", ""), bool(source.get("short"))
    selections = [parse_selection(v) for v in values] + selections_from([], refs)
    return jsonify({"ok": True, **build(state().corpus.store, selections, short=short).to_record()})
