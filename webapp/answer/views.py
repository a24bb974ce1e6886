"""GET /answer (page) and GET /api/answer?q= (JSON answer record).

Parameters: q (the question), as_of (YYYY-MM-DD), law (a law name; repeatable), mode
(auto | extractive | generative). The chat endpoint is the app's LLM_URL / LLM_MODEL / LLM_KEY /
LLM_TIMEOUT configuration (LAWKB_LLM_* by default). API errors use the shape
{"ok": false, "error", "status"} (webapp.errors).
"""

from __future__ import annotations

from flask import current_app, jsonify, render_template, request

from kb.answer import MODES, answer
from kb.errors import IndexMissingError, NotFoundError, QueryError
from kb.search.query import build_filters
from webapp.answer import bp
from webapp.errors import user_message
from webapp.state import state

EXAMPLES = ["查封扣押最长多久？", "超标排污罚多少？", "当事人要求听证应当在几日内提出？",
            "排污许可证有效期几年？", "申请行政复议的期限是多久？"]
MAX_QUESTION = 500


def _ask(question: str):
    """The answer record for the request's parameters (typed errors propagate)."""
    if not question:
        raise QueryError("parameter q is required (a question, e.g. 查封扣押最长多久)", zh="请输入问题，例如：查封扣押最长多久")
    if len(question) > MAX_QUESTION:
        raise QueryError(f"the question is longer than {MAX_QUESTION} characters",
                         zh=f"问题超过 {MAX_QUESTION} 字，请缩短")
    mode = request.args.get("mode") or "auto"
    if mode not in MODES:
        raise QueryError(f"mode must be one of {', '.join(MODES)}", zh=f"回答方式只能是 {'、'.join(MODES)} 之一")
    corpus = state().corpus
    filters = build_filters(corpus, as_of=request.args.get("as_of") or None, laws=request.args.getlist("law"))
    config = current_app.config
    overrides = {name: config.get(name) for name in ("LLM_URL", "LLM_MODEL", "LLM_KEY", "LLM_TIMEOUT")}
    result = answer(corpus, question, filters, state().searcher(), mode, overrides)
    return result, filters


@bp.get("/answer")
def index():
    question = (request.args.get("q") or "").strip()
    record, error, day = None, None, None
    if question:
        try:
            result, filters = _ask(question)
            record, day = result.to_record(), filters.day
        except (QueryError, NotFoundError, IndexMissingError) as exc:
            error = user_message(exc)
    return render_template("answer/index.html", q=question, as_of=request.args.get("as_of") or "",
                           record=record, error=error, examples=EXAMPLES, day=day)


@bp.get("/api/answer")
def api():
    result, filters = _ask((request.args.get("q") or "").strip())
    return jsonify({"ok": True, "as_of": filters.day, **result.to_record()})
