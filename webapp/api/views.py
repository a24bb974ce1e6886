"""Routes of the JSON API. Keep webapp/openapi.json in step with this file."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from flask import jsonify, request

from kb.clause import Clause, Document, Hit
from kb.errors import NotFoundError, QueryError
from kb.search.filters import SearchFilters, check_date
from kb.search.query import citation_hits
from webapp.api import bp
from webapp.search.query import SearchForm, run_form
from webapp.state import state

OPENAPI = Path(__file__).resolve().parent.parent / "openapi.json"


def document_record(doc: Document, day: str | None = None) -> dict:
    return {"id": doc.id, "title": doc.title, "short_title": doc.display_short_title, "level": doc.level,
            "department": doc.department, "issuing_body": doc.issuing_body,
            "promulgation_date": doc.promulgation_date, "effective_date": doc.effective_date,
            "version_date": doc.version_date, "repeal_date": doc.repeal_date,
            "source_status": doc.status, "status": state().status(doc, day)}


def clause_record(clause: Clause) -> dict:
    record = Hit(clause, 0.0).to_record()
    del record["score"], record["match"], record["group"]
    record["kind"] = clause.kind
    record["anchor"] = clause.anchor
    return record


@bp.get("/search")
def search():
    form = SearchForm.from_args(request.args)
    if not form.q:
        raise QueryError("parameter q is required (a question or a citation)")
    outcome = run_form(form)
    return jsonify({"ok": True, "query": form.to_dict(), "kind": outcome.kind, "as_of": outcome.filters.day,
                    "count": len(outcome.hits), "hits": [hit.to_record() for hit in outcome.hits]})


@bp.get("/laws")
def laws():
    needle = (request.args.get("q") or "").strip()
    level = (request.args.get("level") or "").strip()
    result = []
    for title, versions, current in state().laws():
        if needle and needle not in title:
            continue
        if level and current.level != level:
            continue
        result.append({"title": title, "short_title": current.display_short_title, "level": current.level,
                       "department": current.department, "current_id": current.id,
                       "status": state().status(current),
                       "versions": [document_record(v) for v in versions]})
    return jsonify({"ok": True, "count": len(result), "laws": result})


@bp.get("/laws/<int:doc_id>")
def law(doc_id: int):
    store = state().corpus.store
    day = check_date(request.args.get("as_of") or None)
    document = store.document(doc_id)
    articles = store.clauses(doc_id)
    return jsonify({"ok": True, "document": document_record(document, day),
                    "versions": [document_record(v, day) for v in store.versions(document.title)],
                    "clauses": [clause_record(c) for c in articles]})


@bp.get("/clauses/<int:clause_id>")
def clause(clause_id: int):
    found = state().corpus.store.clause(clause_id)
    try:
        paragraph = int(request.args["p"]) if request.args.get("p") else None
    except ValueError:
        raise QueryError("p must be a paragraph number (款), e.g. 2") from None
    if paragraph is not None:
        if not 1 <= paragraph <= len(found.paragraphs()):
            raise NotFoundError(f"{found.citation()} has {len(found.paragraphs())} paragraph(s), not {paragraph}")
        found = found.focus(paragraph)
    record = clause_record(found)
    record["paragraphs"] = [{"index": p.index, "text": p.text, "items": list(p.items),
                             "citation": found.focus(p.index).citation()} for p in found.paragraphs()]
    return jsonify({"ok": True, "clause": record, "document": document_record(found.document)})


@bp.get("/cite/resolve")
def cite_resolve():
    query = (request.args.get("q") or "").strip()
    if not query:
        raise QueryError("parameter q is required, e.g. 环保法第59条")
    as_of = check_date(request.args.get("as_of") or None)
    hits = citation_hits(state().corpus, query, SearchFilters(as_of=as_of))
    return jsonify({"ok": True, "query": query, "as_of": as_of, "citation": hits is not None,
                    "hits": [hit.to_record() for hit in hits or []]})


@lru_cache(maxsize=1)
def openapi_document() -> dict:
    return json.loads(OPENAPI.read_text(encoding="utf-8"))


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document())
