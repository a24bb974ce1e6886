"""Web app fixtures: a small corpus (with two versions of one law), the app, a deterministic searcher."""

from __future__ import annotations

import pytest

from kb.clause import Hit
from kb.search import SearchFilters
from tests.corpus_builders import SMALL_LAWS, build_corpus, make_document
from webapp import create_app
from webapp.render import query_terms

OLD_PENALTY_LAW = make_document("中华人民共和国行政处罚法", [
    "第一章 总则|为了规范行政处罚的设定和实施，保障和监督行政机关有效实施行政管理，制定本法。",
    "第一章 总则|行政处罚的设定和实施，适用本法。",
    "第五章 行政处罚的决定|行政机关作出责令停产停业、吊销许可证或者执照、较大数额罚款等行政处罚决定之前，应当告知当事人有要求举行听证的权利。",
], status="历史版本", effective_date="2018-01-01", promulgation_date="2017-09-01", version_date="2017-09-01")

WEB_LAWS = [OLD_PENALTY_LAW, *SMALL_LAWS]


class TermSearcher:
    """Stands in for kb.search.searchers: clauses sharing a query term, filters honoured, stable order."""

    name = "terms"

    def __init__(self, corpus, kind="hybrid"):
        self.corpus, self.kind = corpus, kind
        self.calls: list[tuple[str, SearchFilters]] = []

    def search(self, query, top_k=10, filters=None):
        filters = filters or SearchFilters()
        self.calls.append((query, filters))
        store = self.corpus.store
        terms = query_terms(query) or (query,)
        hits = []
        for clause in store.iter_clauses():
            doc = clause.document
            if filters.laws and doc.title not in filters.laws:
                continue
            if filters.levels and doc.level not in filters.levels:
                continue
            if not filters.include_repealed and not store.in_force_on(doc, filters.day):
                continue
            score = sum(clause.text.count(t) for t in terms)
            if score:
                para = next((p.index for p in clause.paragraphs() if any(t in p.full_text for t in terms)), None)
                hits.append(Hit(clause.focus(para) if len(clause.paragraphs()) > 1 else clause, float(score),
                                "dense" if self.kind == "dense" else "lexical"))
        hits.sort(key=lambda h: (-h.score, h.clause.id))
        return hits[:top_k]


@pytest.fixture
def corpus(tmp_path):
    return build_corpus(tmp_path / "corpus", WEB_LAWS)


@pytest.fixture
def searchers():
    return {}


@pytest.fixture
def app(corpus, tmp_path, searchers):
    def factory(found_corpus, kind="hybrid"):
        return searchers.setdefault(kind, TermSearcher(found_corpus, kind))

    return create_app({"TESTING": True, "CORPUS_DIR": str(corpus.dir), "SEARCHER_FACTORY": factory,
                       "SECRET_KEY": "test-secret", "REBUILD_INDEXES": False},
                      instance_path=str(tmp_path / "instance"))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def ids(corpus):
    """Handy ids: documents by (short title, version date), clauses by (short title, version, article)."""
    store = corpus.store
    docs = {(d.display_short_title, d.version_date): d.id for d in store.documents()}
    clauses = {}
    for d in store.documents():
        for c in store.clauses(d.id):
            clauses[(d.display_short_title, d.version_date, c.article)] = c.id
    return {"docs": docs, "clauses": clauses}
