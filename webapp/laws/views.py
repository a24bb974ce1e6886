"""Law list, law page (TOC + full text + versions + as-of view), law and article by name."""

from __future__ import annotations

from datetime import date

from flask import redirect, render_template, request, url_for

from kb.cite.links import code_replacing, replaced_by
from kb.errors import LawKBError, NotFoundError, QueryError
from kb.numerals import parse_article_label
from kb.search.filters import check_date
from webapp.errors import PageNotFound
from webapp.laws import bp
from webapp.laws.pinyin import spellings
from webapp.laws.structure import blocks_and_toc, group_laws
from webapp.notfound import article_not_found
from webapp.state import state


def aliases() -> dict[str, list[str]]:
    """title -> the other names staff use for it (环保法, 大气法 …), from the law-name index."""
    def build():
        found: dict[str, list[str]] = {}
        for name, titles in state().corpus.law_names.by_name.items():
            for title in titles:
                if name != title:
                    found.setdefault(title, []).append(name)
        return found
    return state().cached_page(("law-aliases",), build)


def names_of(document) -> str:
    """Everything the list's filter matches: titles, abbreviations, pinyin and its initials."""
    return " ".join([document.title, *aliases().get(document.title, []), spellings(document.display_short_title)])


def current_documents(needle: str = ""):
    docs = [current for _title, _versions, current in state().laws()]
    needle = needle.lower()
    return [d for d in docs if not needle or needle in names_of(d).lower()]


@bp.get("/laws/")
def index():
    needle = (request.args.get("q") or "").strip()

    def render() -> str:
        documents = current_documents(needle)
        return render_template("laws/index.html", groups=group_laws(documents), q=needle,
                               total=len(documents), status_of=state().status, names_of=names_of)

    if needle:
        return render()
    return state().cached_page(("law-list", date.today().isoformat()), render)


def document_or_404(doc_id: int):
    try:
        return state().corpus.store.document(doc_id)
    except NotFoundError:
        raise PageNotFound(f"没有编号为 {doc_id} 的法规版本。") from None


@bp.get("/laws/<int:doc_id>")
def law(doc_id: int):
    web = state()
    store = web.corpus.store
    document = document_or_404(doc_id)
    as_of = check_date(request.args.get("as_of") or None)
    missing_on = None
    if as_of:
        in_force = store.version_on(document.title, as_of)
        if in_force is None:
            missing_on = as_of
        elif in_force.id != document.id:
            return redirect(url_for("laws.law", doc_id=in_force.id, as_of=as_of))
    day = as_of or None
    status = web.status(document, day)

    replaced = code_title(document)

    def body() -> dict[str, str]:  # TOC and text, rendered once per version
        clauses = store.clauses(document.id)
        blocks, toc = blocks_and_toc(clauses)
        return {"toc": render_template("laws/_toc.html", toc=toc),
                "text": render_template("laws/_text.html", blocks=blocks, document=document,
                                        successors=successor_ids(clauses) if replaced else {})}

    html = web.cached_page(("law-body", document.id), body)
    return render_template("laws/law.html", document=document, status=status, as_of=as_of,
                           missing_on=missing_on, versions=store.versions(document.title),
                           status_of=web.status, body=html, current=store.current_version(document.title),
                           replaced_by_code=replaced)


def code_title(document) -> str | None:
    """The Code that replaced this statute, if any (a failing concordance only hides the links)."""
    try:
        return code_replacing(state().corpus, document)
    except (LawKBError, OSError, ValueError):
        return None


def successor_ids(clauses) -> dict[int, tuple[int, str]]:
    """clause id -> (Code clause id, its label) for each article of a statute the Code replaced."""
    store = state().corpus.store
    found = {}
    for clause in clauses:
        links = replaced_by(state().corpus, clause)
        new = store.article(links[0].document_id, links[0].article, links[0].suffix) if links else None
        if new is not None:
            found[clause.id] = (new.id, new.article_label)
    return found


def titles_or_404(name: str) -> str:
    names = state().corpus.law_names
    titles = names.resolve(name)
    if len(titles) == 1:
        return titles[0]
    if titles:
        raise PageNotFound(f"“{name}”可能指多部法规，请选择：", suggestions=titles)
    raise PageNotFound(f"法规库中没有“{name}”。", suggestions=names.suggest(name))


@bp.get("/law/<path:name>")
def by_name(name: str):
    """/law/环境保护法 or /law/环保法/第五十九条: names and abbreviations as staff write them."""
    name, _, label = name.partition("/")
    title = titles_or_404(name)
    store = state().corpus.store
    as_of = check_date(request.args.get("as_of") or None)
    document = (store.version_on(title, as_of) if as_of else None) or store.current_version(title)
    if not label:
        return redirect(url_for("laws.law", doc_id=document.id, as_of=as_of))
    return redirect(article_url(document, label, as_of))


def article_url(document, label: str, as_of: str | None = None) -> str:
    try:
        number, suffix = parse_article_label(label if label.startswith("第") else f"第{label}条")
    except ValueError:
        raise QueryError(f"{label!r} is not an article number; write 第三十三条 or 33",
                         zh=f"“{label}”不是条文编号，请写成“第三十三条”或“33”") from None
    clause = state().corpus.store.article(document.id, number, suffix)
    if clause is None:
        raise article_not_found(document, number, suffix)
    return url_for("laws.clause", clause_id=clause.id, as_of=as_of)


@bp.get("/laws/<int:doc_id>/<label>")
def article(doc_id: int, label: str):
    return redirect(article_url(document_or_404(doc_id), label, request.args.get("as_of") or None))
