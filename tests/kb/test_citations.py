"""Citation finding and resolution."""

import re

import pytest

from kb.citations import finder_for, resolve, resolve_query
from kb.errors import NotFoundError
from kb.numerals import int_to_cn


def test_find_lists_ranges_items_and_bare_articles(small_corpus):
    text = "依据《行政处罚法》第三条、第二条和环保法第2条第1款的规定，参照第一条至第三条"
    refs = finder_for(small_corpus).find(text)
    assert [(r.text, r.law_name, r.article, r.paragraph, r.item, r.article_end) for r in refs] == [
        ("《行政处罚法》第三条", "行政处罚法", 3, None, None, None),
        ("第二条", "行政处罚法", 2, None, None, None),
        ("环保法第2条第1款", "环保法", 2, 1, None, None),
        ("第一条至第三条", None, 1, None, None, 3),
    ]
    for ref in refs:
        assert text[ref.span[0]:ref.span[1]] == ref.text


def test_resolve_query_by_every_written_form(small_corpus):
    forms = ["《中华人民共和国行政处罚法》第三条", "中华人民共和国行政处罚法第三条", "行政处罚法第3条",
             "行政处罚法3条", "《行政处罚法》第三条的规定", "處罰法第三條"]
    for form in forms:
        hits = resolve_query(small_corpus, form)
        assert [(h.clause.law, h.clause.article, h.match) for h in hits] == [
            ("中华人民共和国行政处罚法", 3, "citation")], form


def test_paragraph_and_item_focus(small_corpus):
    [hit] = resolve_query(small_corpus, "行政处罚法第三条第一款第（二）项")
    assert hit.clause.citation() == "《中华人民共和国行政处罚法》第三条第一款第（二）项"
    assert hit.to_record()["text"] == "（二）没收较大数额违法所得；"
    [hit] = resolve_query(small_corpus, "行政处罚法第三条第二款")
    assert hit.to_record()["text"] == "当事人要求听证的，应当在行政机关告知后五日内提出。"


def test_repealed_law_resolves_with_verdict_by_date(small_corpus):
    finder = finder_for(small_corpus)
    [ref] = finder.find("环保法第二条")
    before = resolve(small_corpus, ref, "2026-08-14")
    after = resolve(small_corpus, ref, "2026-08-15")
    assert (before.verdict, after.verdict) == ("ok", "not_in_force")
    assert "已废止" in after.message
    [hit] = resolve_query(small_corpus, "环保法第二条", as_of="2026-09-01")
    assert hit.match == "citation:not_in_force"
    with pytest.raises(NotFoundError, match="is repealed on 2026-09-01") as caught:
        resolve_query(small_corpus, "环保法第二条", as_of="2026-09-01", include_repealed=False)
    assert "已废止" in caught.value.zh
    assert after.message_en == "中华人民共和国环境保护法 is repealed on 2026-08-15"


def test_not_yet_in_force(small_corpus):
    [ref] = finder_for(small_corpus).find("生态环境法典第二条")
    resolution = resolve(small_corpus, ref, "2026-01-01")
    assert (resolution.verdict, resolution.message) == ("not_in_force", "《中华人民共和国生态环境法典》在2026-01-01尚未生效")


@pytest.mark.parametrize("query, message, english", [
    ("行政处罚法第九千九百九十九条", "没有第九千九百九十九条（共3条）", "has no 第九千九百九十九条 (3 articles)"),
    ("行政处罚法第三条第五款", "第三条共二款，没有第五款", "第三条 has 2 款, not 第五款"),
    ("行政处罚法第三条第一款第（九）项", "第三条第一款共四项，没有第（九）项", "第三条第一款 has 4 项, not 第（九）项"),
    ("行政处罚法第一条第二款", "第一条共一款，没有第二款", "第一条 has 1 款, not 第二款"),   # a 款 of a one-款 article
    ("《行政许可法》第一条", "法规库中没有《行政许可法》", "'行政许可法' is not in the store"),
])
def test_no_such_article_is_a_clear_answer(small_corpus, query, message, english):
    """One language per message: Chinese for pages and legal review, English for the command line."""
    with pytest.raises(NotFoundError) as caught:
        resolve_query(small_corpus, query)
    assert message in caught.value.zh and english in str(caught.value)
    assert not re.search("[A-Za-z]{3}", caught.value.zh.replace("lawkb ingest", ""))  # no English in the Chinese


def test_plain_question_is_not_a_citation(small_corpus):
    assert resolve_query(small_corpus, "企业没做环评就开工了怎么罚") is None
    assert resolve_query(small_corpus, "依据行政处罚法第三条可以罚款吗") is None


@pytest.mark.slow
@pytest.mark.parametrize("title, short", [
    ("中华人民共和国行政处罚法", "行政处罚法"),
    ("中华人民共和国民法典", "民法典"),
    ("中华人民共和国生态环境法典", "生态环境法典"),
])
def test_every_article_reachable_by_citation(national_corpus, title, short):
    store = national_corpus.store
    document = store.current_version(title)
    clauses = store.clauses(document.id, kinds=("article",))
    failures = []
    for clause in clauses:
        number = clause.article
        forms = [f"《{title}》第{int_to_cn(number)}条", f"{short}第{number}条", f"{title}第{int_to_cn(number)}条",
                 f"{short}{number}条"]
        paragraphs = clause.paragraphs()
        if len(paragraphs) > 1:
            forms.append(f"《{short}》第{int_to_cn(number)}条第{int_to_cn(len(paragraphs))}款")
        for form in forms:
            hits = resolve_query(national_corpus, form)
            if not hits or hits[0].clause.id != clause.id:
                failures.append(form)
    assert failures == []
    assert len(clauses) == {"行政处罚法": 86, "民法典": 1260, "生态环境法典": 1240}[short]


def test_citation_hit_status_is_the_status_on_the_as_of_day(small_corpus):
    [before] = resolve_query(small_corpus, "环保法第二条", as_of="2026-08-14")
    [after] = resolve_query(small_corpus, "环保法第二条", as_of="2026-08-15")
    assert (before.to_record()["status"], after.to_record()["status"]) == ("现行有效", "已废止")
