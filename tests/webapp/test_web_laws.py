"""Law browser, law page (TOC, anchors, versions, as-of), clause page, friendly 404s."""

from __future__ import annotations

import re
from urllib.parse import unquote


def text(response) -> str:
    return response.get_data(as_text=True)


def header(page: str) -> str:
    return page.split('<header class="law-header">')[1].split("</header>")[0]


def test_law_list_groups_by_level_in_pinyin_order(client, ids):
    page = text(client.get("/laws/"))
    assert re.search(r'<h2 id="level-1-title">法律 <span class="count">（<span data-count>\d+</span> 部）', page)
    shown = re.findall(r'title="中华人民共和国([^"]+)">', page)
    # 行政处罚法 (xing) after 生态环境法典 (sheng) and 环境保护法 (huan): pinyin, not character codes
    assert shown.index("环境保护法") < shown.index("生态环境法典") < shown.index("行政处罚法"), shown
    assert '<h3 class="letter">H</h3>' in page and '<h3 class="letter">X</h3>' in page
    # one entry per title, linking to the version in force today
    assert page.count('data-title="中华人民共和国行政处罚法"') == 1
    assert f'href="/laws/{ids["docs"][("行政处罚法", "2021-01-22")]}"' in page
    assert '<span class="badge badge-repealed">已废止</span>' in page   # 环境保护法


def test_law_list_search_by_title(client):
    page = text(client.get("/laws/", query_string={"q": "环境"}))
    assert "生态环境法典" in page and "行政处罚法" not in page
    assert "没有名称包含" in text(client.get("/laws/", query_string={"q": "海关"}))


def test_law_page_has_toc_anchors_for_articles_and_paragraphs(client, ids):
    doc_id = ids["docs"][("行政处罚法", "2021-01-22")]
    page = text(client.get(f"/laws/{doc_id}"))
    assert re.search(r'<a href="#h1">第一章 总则</a>', page)
    assert '<h2 class="heading" id="h2">第五章 行政处罚的决定</h2>' in page
    assert 'id="第三条"' in page and 'id="第三条-第1款"' in page and 'id="第三条-第2款"' in page
    assert "<li>（一）较大数额罚款；</li>" in page
    assert 'class="banner' not in header(page)


def test_code_toc_nests_parts_and_chapters(client, ids):
    page = text(client.get(f"/laws/{ids['docs'][('生态环境法典', '2026-03-12')]}"))
    assert re.search(r'<a href="#h1">第一编</a>\s*<ul>\s*<li><a href="#h2">第一章 基本规定</a>', page)


def test_repealed_and_superseded_versions_have_a_banner(client, ids):
    page = text(client.get(f"/laws/{ids['docs'][('环境保护法', '2014-04-24')]}"))
    assert 'class="banner banner-repealed"' in page and "2026-08-15 起失效" in page
    old = text(client.get(f"/laws/{ids['docs'][('行政处罚法', '2017-09-01')]}"))
    assert 'class="banner banner-old"' in old and "查看现行版本" in old


def test_law_page_lists_versions_and_shows_the_version_in_force_on_a_date(client, ids):
    new, old = ids["docs"][("行政处罚法", "2021-01-22")], ids["docs"][("行政处罚法", "2017-09-01")]
    page = text(client.get(f"/laws/{new}"))
    assert f'<a href="/laws/{old}">2017-09-01 版</a>' in page and f'<a href="/laws/{new}">2021-01-22 版</a>' in page
    response = client.get(f"/laws/{new}", query_string={"as_of": "2019-05-01"})
    assert response.status_code == 302 and response.headers["Location"] == f"/laws/{old}?as_of=2019-05-01"
    page = text(client.get(f"/laws/{old}", query_string={"as_of": "2019-05-01"}))
    assert 'class="banner' not in header(page)
    page = text(client.get(f"/laws/{new}", query_string={"as_of": "2000-01-01"}))
    assert "2000-01-01 没有有效的" in page


def test_not_yet_in_force_banner(client, ids):
    page = text(client.get(f"/laws/{ids['docs'][('生态环境法典', '2026-03-12')]}", query_string={"as_of": "2026-05-01"}))
    assert "2026-05-01 没有有效的" in page   # not in force then: no version at all


def test_law_by_name_and_article_by_name(client, ids):
    response = client.get("/law/行政处罚法")
    assert response.headers["Location"] == f"/laws/{ids['docs'][('行政处罚法', '2021-01-22')]}"
    response = client.get("/law/行政处罚法/第三条")
    assert response.headers["Location"] == f"/clauses/{ids['clauses'][('行政处罚法', '2021-01-22', 3)]}"
    response = client.get("/law/行政处罚法/3", query_string={"as_of": "2019-01-01"})
    assert unquote(response.headers["Location"]) == f"/clauses/{ids['clauses'][('行政处罚法', '2017-09-01', 3)]}?as_of=2019-01-01"


def test_unknown_law_is_a_404_suggesting_close_titles(client):
    response = client.get("/law/行政处理法")
    assert response.status_code == 404
    page = text(response)
    assert "法规库中没有“行政处理法”" in page and "《中华人民共和国行政处罚法》" in page


def test_unknown_article_is_a_404_with_nearby_articles(client, ids):
    response = client.get("/law/行政处罚法/第五条")
    assert response.status_code == 404
    page = text(response)
    assert "共三条，没有第五条" in page
    assert f'href="/clauses/{ids["clauses"][("行政处罚法", "2021-01-22", 3)]}"' in page
    assert client.get("/laws/99999").status_code == 404
    assert client.get("/clauses/99999").status_code == 404
    assert client.get("/law/行政处罚法/三十三款").status_code == 400


def test_clause_page_copy_buttons_neighbours_and_chapter(client, ids):
    clause_id = ids["clauses"][("行政处罚法", "2021-01-22", 2)]
    page = text(client.get(f"/clauses/{clause_id}"))
    assert 'data-copy="《中华人民共和国行政处罚法》第二条"' in page
    assert 'data-copy="《中华人民共和国行政处罚法》第二条：行政处罚是指' in page
    assert f'href="/clauses/{clause_id - 1}" rel="prev">‹ 第一条</a>' in page
    assert f'href="/clauses/{clause_id + 1}" rel="next">第三条 ›</a>' in page
    assert "本章条文 · 第一章 总则" in page
    assert 'data-fragment="/clauses/%d/related"' % clause_id in page


def test_clause_page_focuses_a_paragraph_and_copies_its_citation(client, ids):
    clause_id = ids["clauses"][("行政处罚法", "2021-01-22", 3)]
    page = text(client.get(f"/clauses/{clause_id}", query_string={"p": 2}))
    assert "<h1>《中华人民共和国行政处罚法》第三条第二款</h1>" in page
    assert 'data-copy="《中华人民共和国行政处罚法》第三条第二款"' in page
    assert '<div class="para focus" id="第三条-第2款" aria-current="true">' in page
    assert 'data-copy="《中华人民共和国行政处罚法》第三条第一款" title="复制本款引用"' in page


def test_clause_page_shows_the_article_in_other_versions(client, ids):
    clause_id = ids["clauses"][("行政处罚法", "2021-01-22", 3)]
    old_id = ids["clauses"][("行政处罚法", "2017-09-01", 3)]
    page = text(client.get(f"/clauses/{clause_id}"))
    assert "其他版本中的第三条" in page and "条文有变化" in page and f'href="/clauses/{old_id}"' in page
    old = text(client.get(f"/clauses/{old_id}"))
    assert "此条文所在版本不是现行版本" in old


def test_related_fragment_lists_nearby_articles_but_not_itself(client, ids, searchers):
    clause_id = ids["clauses"][("生态环境法典", "2026-03-12", 2)]
    page = text(client.get(f"/clauses/{clause_id}/related"))
    assert "意思相近的条文" in page and "用词相近的条文" in page
    assert f'href="/clauses/{clause_id}"' not in page
    assert set(searchers) == {"dense", "lexical"}
