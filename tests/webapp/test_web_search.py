"""Search page: filters, highlighting, status badges, citation redirect, escaping."""

from __future__ import annotations

from urllib.parse import unquote

from markupsafe import Markup

from webapp.render import highlight, query_terms


def text(response) -> str:
    return response.get_data(as_text=True)


def test_landing_page_has_the_box_and_filters(client):
    page = text(client.get("/"))
    assert 'name="q"' in page and 'name="law"' in page and 'name="level"' in page
    assert 'name="status"' in page and 'name="as_of"' in page
    assert '<option value="中华人民共和国行政处罚法">' in page


def test_results_show_citation_law_path_paragraph_status_and_date(client, ids):
    page = text(client.get("/", query_string={"q": "听证"}))
    clause_id = ids["clauses"][("行政处罚法", "2021-01-22", 3)]
    assert f'href="/clauses/{clause_id}?p=1#' in page
    assert "《中华人民共和国行政处罚法》第三条第一款" in page
    assert "第五章 行政处罚的决定" in page
    assert "<mark>听证</mark>" in page
    assert '<span class="badge badge-ok">现行有效</span>' in page
    assert "2021-07-15 施行" in page
    # the superseded 2017 version is not in force today: hidden by default
    assert "举行听证" not in page


def test_status_filter_includes_repealed_laws_with_their_badge(client):
    default = text(client.get("/", query_string={"q": "按日连续处罚"}))
    assert "生态环境法典" in default and "《中华人民共和国环境保护法》" not in default
    everything = text(client.get("/", query_string={"q": "按日连续处罚", "status": "all"}))
    assert "《中华人民共和国环境保护法》第二条" in everything
    assert '<span class="badge badge-repealed">已废止</span>' in everything


def test_as_of_date_shows_the_law_in_force_then(client, searchers):
    page = text(client.get("/", query_string={"q": "按日连续处罚", "as_of": "2020-01-01"}))
    assert "《中华人民共和国环境保护法》第二条" in page
    assert "以 2020-01-01 的效力为准" in page
    assert searchers["hybrid"].calls[-1][1].as_of == "2020-01-01"


def test_law_and_level_filters_reach_the_searcher(client, searchers):
    client.get("/", query_string={"q": "处罚", "law": "行政处罚法", "level": "法律"})
    filters = searchers["hybrid"].calls[-1][1]
    assert filters.laws == ("中华人民共和国行政处罚法",) and filters.levels == ("法律",)
    assert filters.include_repealed is False


def test_bad_filters_give_a_clear_message(client):
    page = text(client.get("/", query_string={"q": "处罚", "as_of": "2026-13-45"}))
    assert "日期“2026-13-45”无效" in page
    page = text(client.get("/", query_string={"q": "处罚", "law": "行政处法"}))
    assert "法规库中没有“行政处法”" in page and "中华人民共和国行政处罚法" in page


def test_citation_query_redirects_to_the_clause_page(client, ids):
    response = client.get("/", query_string={"q": "行政处罚法第三条第二款"})
    assert response.status_code == 302
    clause_id = ids["clauses"][("行政处罚法", "2021-01-22", 3)]
    assert unquote(response.headers["Location"]) == f"/clauses/{clause_id}?p=2#第三条-第2款"


def test_unknown_cited_article_is_a_404_with_suggestions(client, ids):
    response = client.get("/", query_string={"q": "行政处罚法第九十九条"})
    assert response.status_code == 404
    page = text(response)
    assert "《行政处罚法》（2021-01-22版）共三条，没有第九十九条。" in page
    # the nearest articles of the same law come first, each linking to its clause page
    nearest = page.split("本法最接近的条文")[1]
    assert f'href="/clauses/{ids["clauses"][("行政处罚法", "2021-01-22", 3)]}"' in nearest
    response = client.get("/", query_string={"q": "《行政处理法》第三条"})
    assert response.status_code == 404
    page = text(response)
    assert "法规库中没有“行政处理法”" in page and "名称相近的法规" in page
    # a similar title that has the cited article links straight to it
    assert f'href="/clauses/{ids["clauses"][("行政处罚法", "2021-01-22", 3)]}">《行政处罚法》第三条</a>' in page


def test_html_in_a_query_is_escaped_everywhere(client):
    evil = '<script>alert("x")</script>处罚'
    page = text(client.get("/", query_string={"q": evil}))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;处罚" in page
    page = text(client.get("/", query_string={"q": "处罚", "law": evil}))
    assert "<script>alert" not in page


def test_highlight_escapes_before_marking():
    assert highlight('a<b>污染</b> & "污染"', ["污染"]) == Markup(
        'a&lt;b&gt;<mark>污染</mark>&lt;/b&gt; &amp; &#34;<mark>污染</mark>&#34;')
    # a term that is itself markup never injects markup, and never matches inside an entity
    assert highlight("x < y & amp", ["<", "amp"]) == Markup("x <mark>&lt;</mark> y &amp; <mark>amp</mark>")
    # adjacent terms become one mark
    assert highlight("按日连续处罚", ["按日", "连续", "处罚"]) == Markup("<mark>按日连续处罚</mark>")


def test_query_terms_drop_stopwords_and_citation_numbers():
    terms = query_terms("企业超标排放的如何处罚")
    assert "处罚" in terms and "如何" not in terms and "的" not in terms
    assert "第五十九条" not in query_terms("环保法第五十九条")


def test_overlong_query_is_refused(client):
    page = text(client.get("/", query_string={"q": "处" * 2100}))
    assert "查询过长" in page


def test_results_offer_the_answer_page_when_it_is_registered(app, client):
    page = text(client.get("/", query_string={"q": "听证"}))
    if "answer.index" in app.view_functions:
        assert 'class="ask-link" href="/answer?q=%E5%90%AC%E8%AF%81"' in page
    else:
        assert "ask-link" not in page


def test_more_results_link_keeps_the_filters(client):
    page = text(client.get("/", query_string={"q": "处罚", "k": 1, "status": "all", "as_of": "2024-01-01"}))
    assert "最相关的 1 条条文" in page
    assert 'href="/search?q=%E5%A4%84%E7%BD%9A&amp;status=all&amp;as_of=2024-01-01&amp;k=11">显示更多结果</a>' in page
    page = text(client.get("/", query_string={"q": "处罚", "k": 50}))
    assert "显示更多结果" not in page


def test_search_path_is_the_search_page_and_root_still_works(client):
    at_search = client.get("/search", query_string={"q": "听证"})
    at_root = client.get("/", query_string={"q": "听证"})
    assert at_search.status_code == at_root.status_code == 200
    assert "《中华人民共和国行政处罚法》第三条第一款" in text(at_search)
    assert text(at_search) == text(at_root)
    assert 'action="/search"' in text(client.get("/"))
    citation = client.get("/search", query_string={"q": "行政处罚法第三条"})
    assert citation.status_code == 302 and "/clauses/" in citation.headers["Location"]


def test_library_errors_are_chinese_on_pages_and_english_in_the_api(client):
    page = text(client.get("/search", query_string={"q": "？！。"}))
    assert "查询内容只有标点或符号" in page and "punctuation" not in page
    api = client.get("/api/search", query_string={"q": "？！。"})
    assert api.status_code == 400 and "punctuation" in api.get_json()["error"]
    page = text(client.get("/search", query_string={"q": "处罚", "level": "省级"}))
    assert "效力层级只能是" in page and "unknown level" not in page
    missing = client.get("/search", query_string={"q": "行政处罚法第九十九条"})
    assert missing.status_code == 404 and "没有第九十九条" in text(missing) and "has no" not in text(missing)
    api = client.get("/api/search", query_string={"q": "行政处罚法第九十九条"})
    assert api.status_code == 404 and "has no 第九十九条" in api.get_json()["error"]
