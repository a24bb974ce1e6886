"""Old article ↔ Code article links on the cite test corpus (环保法 and two more statutes → the Code)."""

from kb.cite import links
from tests.cite.drafts import CODE, HBF, XZCF


def test_old_article_links_to_the_code_and_back(cite_corpus):
    store = cite_corpus.store
    old = store.article(store.versions(HBF)[-1].id, 59)
    found = links.replaced_by(cite_corpus, old)
    assert found and found[0].primary and found[0].law == CODE and found[0].article == 1060
    assert found[0].band in ("high", "medium", "low") and all(not link.primary for link in found[1:])
    code_article = store.article(store.versions(CODE)[-1].id, 1060)
    back = links.replaces(cite_corpus, code_article)
    assert (HBF, 59) in [(link.law, link.article) for link in back]
    assert [link.confidence for link in back] == sorted((link.confidence for link in back), reverse=True)
    assert links.code_replacing(cite_corpus, old.document) == CODE


def test_other_laws_have_no_links(cite_corpus):
    store = cite_corpus.store
    clause = store.article(store.versions(XZCF)[-1].id, 33)
    assert links.replaced_by(cite_corpus, clause) == [] and links.replaces(cite_corpus, clause) == []
    assert links.code_replacing(cite_corpus, clause.document) is None
