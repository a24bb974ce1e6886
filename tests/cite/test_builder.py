"""Citation builder: merged citations and the ready sentence."""

import pytest

from kb.cite.builder import Selection, build, parse_selection
from kb.errors import NotFoundError, QueryError
from tests.cite.drafts import CODE, HBF, XZCF


def clause_id(corpus, title, article, suffix=0):
    store = corpus.store
    return store.article(store.versions(title)[-1].id, article, suffix).id


def test_merges_same_law(cite_corpus):
    ids = {n: clause_id(cite_corpus, XZCF, n) for n in (28, 33, 34)}
    built = build(cite_corpus.store, [Selection(ids[33], 2), Selection(ids[34]), Selection(ids[33], 2)])
    assert built.citation == "《中华人民共和国行政处罚法》第三十三条第二款、第三十四条"
    assert built.sentence == "依据《中华人民共和国行政处罚法》第三十三条第二款、第三十四条的规定"
    built = build(cite_corpus.store, [Selection(ids[33], 1), Selection(ids[33], 3), Selection(ids[28])], short=True)
    assert built.citation == "《行政处罚法》第三十三条第一款、第三款、第二十八条"


def test_several_laws_and_items(cite_corpus):
    selections = [Selection(clause_id(cite_corpus, HBF, 63), 1, 3), Selection(clause_id(cite_corpus, HBF, 63), 1, 4),
                  Selection(clause_id(cite_corpus, CODE, 1060), 1), Selection(clause_id(cite_corpus, XZCF, 30, 1))]
    built = build(cite_corpus.store, selections)
    assert built.citation == ("《中华人民共和国环境保护法》第六十三条第一款第（三）项、第（四）项、"
                              "《中华人民共和国生态环境法典》第一千零六十条第一款和《中华人民共和国行政处罚法》第三十条之一")
    assert [r["citation"] for r in built.to_record()["clauses"]][-1] == "《中华人民共和国行政处罚法》第三十条之一"


def test_bad_selections(cite_corpus):
    cid = clause_id(cite_corpus, XZCF, 33)
    with pytest.raises(NotFoundError, match="has 3 款, not 第九款") as caught:
        build(cite_corpus.store, [Selection(cid, 9)])
    assert caught.value.zh.endswith("只有3款，没有第九款")
    with pytest.raises(QueryError):
        build(cite_corpus.store, [])
    with pytest.raises(QueryError):
        parse_selection("abc")
    assert parse_selection(f"{cid}:2") == Selection(cid, 2) == parse_selection([cid, 2])
    assert parse_selection({"clause_id": cid, "paragraph": 1, "item": 3}) == Selection(cid, 1, 3)
