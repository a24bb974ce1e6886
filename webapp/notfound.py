"""Helpful 404s for citations that point nowhere: 环保法第九十九条, 《大气污染防止法》第十条.

First what is true (“《环境保护法》共七十条”), then the nearest articles of the same law, then
laws with similar titles — linking straight to the same article number where that law has it.
"""

from __future__ import annotations

from flask import url_for

from kb.citations import CitationRef, finder_for, resolve
from kb.clause import Document
from kb.numerals import int_to_cn, parse_article_label
from webapp.errors import PageNotFound
from webapp.state import state

NEAREST = 5
SIMILAR = 5
SNIPPET = 36


def _number(label: str) -> int:
    try:
        return parse_article_label(label)[0]
    except ValueError:
        return -1


def nearest_articles(document: Document, number: int) -> list[tuple[str, str, str]]:
    """(label, url, snippet) of the articles numbered closest to ``number``, in reading order."""
    web = state()
    outline = web.outline(document.id)
    closest = sorted(outline, key=lambda row: (abs(_number(row[1]) - number), _number(row[1])))[:NEAREST]
    wanted = {row[0] for row in closest}
    found = []
    for clause_id, label, _path in outline:
        if clause_id in wanted:
            clause = web.corpus.store.clause(clause_id)
            text = clause.text.replace("\n", " ")
            found.append((f"《{document.display_short_title}》{label}", url_for("laws.clause", clause_id=clause_id),
                          text[:SNIPPET] + ("…" if len(text) > SNIPPET else "")))
    return found


def similar_titles(name: str, number: int | None, suffix: int = 0, exclude: str | None = None) -> list[tuple[str, str, str]]:
    """(label, url, note) of laws whose titles resemble ``name``; the article itself when that law has it."""
    web = state()
    store = web.corpus.store
    found = []
    for title in web.corpus.law_names.suggest(name, limit=SIMILAR + 1):
        if title == exclude:
            continue
        document = store.current_version(title)
        clause = store.article(document.id, number, suffix) if document is not None and number else None
        if clause is not None:
            found.append((f"《{document.display_short_title}》{clause.article_label}",
                          url_for("laws.clause", clause_id=clause.id), title))
        else:
            found.append((f"《{title}》", url_for("laws.by_name", name=title), ""))
    return found[:SIMILAR]


def article_not_found(document: Document, number: int, suffix: int = 0, label: str | None = None,
                      name: str | None = None) -> PageNotFound:
    """404 for an article the law does not have: the count, the nearest articles, similar titles."""
    count = len(state().outline(document.id))
    label = label or f"第{int_to_cn(number)}条"
    version = document.version_date or document.effective_date
    message = (f"《{document.display_short_title}》{f'（{version}版）' if version else ''}"
               f"共{int_to_cn(count)}条，没有{label}。")
    sections = [("本法最接近的条文", nearest_articles(document, number)),
                ("名称相近的法规", similar_titles(name or document.display_short_title, number, suffix,
                                           exclude=document.title))]
    return PageNotFound(message, sections=[s for s in sections if s[1]])


def law_not_found(name: str, number: int | None = None, suffix: int = 0) -> PageNotFound:
    sections = [("名称相近的法规", similar_titles(name, number, suffix))]
    return PageNotFound(f"法规库中没有“{name}”。", sections=[s for s in sections if s[1]])


def citation_not_found(query: str, as_of: str | None, fallback: str) -> PageNotFound:
    """404 for a search query that is a citation to nothing (see the module docstring)."""
    corpus = state().corpus
    refs: list[CitationRef] = [r for r in finder_for(corpus).find(query) if r.law_name]
    for ref in refs:
        resolution = resolve(corpus, ref, as_of)
        if resolution.verdict == "unknown_law":
            return law_not_found(ref.law_name, ref.article, ref.suffix)
        if resolution.verdict == "ambiguous":
            sections = [("您要找的是哪一部", [(f"《{t}》{ref.article_label}", _article_or_law(t, ref), "")
                                         for t in resolution.titles])]
            return PageNotFound(f"“{ref.law_name}”可能指多部法规，请选择：", sections=sections)
        if resolution.verdict == "no_such_article" and resolution.document is not None:
            document = resolution.document
            if corpus.store.article(document.id, ref.article, ref.suffix) is None:
                return article_not_found(document, ref.article, ref.suffix, ref.article_label, ref.law_name)
            clause = corpus.store.article(document.id, ref.article, ref.suffix)
            count = len(clause.paragraphs())
            missing = (f"第{int_to_cn(ref.paragraph)}款" if ref.paragraph and ref.paragraph > count
                       else f"所引的第（{int_to_cn(ref.item or 0)}）项")
            return PageNotFound(f"《{document.display_short_title}》{clause.article_label}共{int_to_cn(count)}款，"
                                f"没有{missing}。",
                                sections=[("这一条的全文", [(clause.citation(short=True),
                                                              url_for("laws.clause", clause_id=clause.id), "")])])
    return PageNotFound(fallback)


def _article_or_law(title: str, ref: CitationRef) -> str:
    store = state().corpus.store
    document = store.current_version(title)
    clause = store.article(document.id, ref.article, ref.suffix) if document is not None else None
    return url_for("laws.clause", clause_id=clause.id) if clause else url_for("laws.by_name", name=title)
