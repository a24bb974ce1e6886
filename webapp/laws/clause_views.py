"""Clause page: one article with its chapter, neighbours, copy buttons, other versions, related."""

from __future__ import annotations

from flask import current_app, render_template, request

from kb.cite.links import replaced_by, replaces
from kb.clause import Clause
from kb.errors import IndexMissingError, LawKBError, NotFoundError
from kb.search.filters import check_date
from kb.search.query import run_search
from webapp.errors import PageNotFound, user_message
from webapp.laws import bp
from webapp.state import state

RELATED_K = 5


def clause_or_404(clause_id: int) -> Clause:
    try:
        return state().corpus.store.clause(clause_id)
    except NotFoundError:
        raise PageNotFound(f"没有编号为 {clause_id} 的条文。") from None


def copy_text(clause: Clause) -> str:
    return f"{clause.citation()}：{clause.focus_text}"


def other_versions(clause: Clause) -> list[dict]:
    """The same article in every other version; ``older``: that version came before this one (its
    text is the old side of the word-level diff)."""
    store = state().corpus.store
    found = []
    for version in store.versions(clause.law):
        if version.id == clause.document.id:
            continue
        same = store.article(version.id, clause.article, clause.article_suffix) if clause.article else None
        older = (version.version_date or version.effective_date or "") < (
            clause.document.version_date or clause.document.effective_date or "")
        found.append({"document": version, "clause": same, "older": older,
                      "same_text": same is not None and same.text == clause.text})
    return found


def concordance_links(clause: Clause) -> dict:
    """Old law ↔ Code: ``successors`` (the Code articles that replaced this article, with the
    aligned one's clause) and ``predecessors`` (old articles this Code article replaced, with their
    clauses). A concordance that cannot be computed leaves the page without the box, never broken."""
    store = state().corpus.store
    try:
        successors = replaced_by(state().corpus, clause)
        predecessors = replaces(state().corpus, clause)
    except (LawKBError, OSError, ValueError):
        current_app.logger.exception("concordance links for clause %s", clause.id)
        return {"successors": [], "predecessors": []}
    with_clauses = []
    for link in successors:
        with_clauses.append((link, store.article(link.document_id, link.article, link.suffix)))
    olds = [(link, store.article(link.document_id, link.article, link.suffix)) for link in predecessors]
    return {"successors": [pair for pair in with_clauses if pair[1] is not None],
            "predecessors": [pair for pair in olds if pair[1] is not None]}


@bp.get("/clauses/<int:clause_id>")
def clause(clause_id: int):
    web = state()
    base = clause_or_404(clause_id)
    as_of = check_date(request.args.get("as_of") or None)
    try:
        paragraph = int(request.args.get("p") or 0) or None
    except ValueError:
        paragraph = None
    paragraphs = base.paragraphs()
    if paragraph is not None and not 1 <= paragraph <= len(paragraphs):
        paragraph = None
    focused = base.focus(paragraph) if paragraph else base
    outline = web.outline(base.document.id)
    position = next((i for i, row in enumerate(outline) if row[0] == base.id), None)
    previous = outline[position - 1] if position else None
    following = outline[position + 1] if position is not None and position + 1 < len(outline) else None
    chapter = [row for row in outline if row[2] == base.path] if base.path else []
    store = web.corpus.store
    in_force_then = store.version_on(base.law, as_of) if as_of else None
    return render_template(
        "laws/clause.html", clause=base, focused=focused, paragraph=paragraph, as_of=as_of,
        status=web.status(base.document, as_of), previous=previous, following=following,
        chapter=chapter if len(chapter) <= 80 else [], versions=other_versions(base),
        copy_text=copy_text, in_force_then=in_force_then, current=store.current_version(base.law),
        status_of=web.status, **concordance_links(base))


@bp.get("/clauses/<int:clause_id>/related")
def related(clause_id: int):
    """HTML fragment loaded by the clause page: nearest articles by meaning and by shared terms."""
    base = clause_or_404(clause_id)
    web = state()
    sections = []
    for kind, title in (("dense", "意思相近的条文"), ("lexical", "用词相近的条文")):
        try:
            hits = run_search(web.corpus, base.text, RELATED_K + 3, searcher=web.searcher(kind), citations=False).hits
            hits = [h for h in hits if h.clause.id != base.id and
                    not (h.clause.law == base.law and h.clause.article == base.article)][:RELATED_K]
            sections.append({"title": title, "hits": hits, "error": None})
        except IndexMissingError:
            sections.append({"title": title, "hits": [], "error": "检索索引尚未包含这一部分（管理员可运行 lawkb index）。"})
        except LawKBError as exc:
            sections.append({"title": title, "hits": [], "error": user_message(exc)})
    return render_template("laws/_related.html", sections=sections)
