"""Reading pages as staff use them: old law → Code in one click, word-level version changes, a
search box on every article page, the law list in pinyin order with a filter, the home examples."""

from __future__ import annotations

import re
from urllib.parse import quote


def text(response) -> str:
    return response.get_data(as_text=True)


def test_repealed_article_links_to_the_code_article_that_replaced_it(client, ids):
    old_id = ids["clauses"][("环境保护法", "2014-04-24", 2)]
    code_id = ids["clauses"][("生态环境法典", "2026-03-12", 2)]
    page = text(client.get(f"/clauses/{old_id}"))
    # one click from the banner, and a box with the 对照 note and the changes marked word by word
    assert f'<a href="/clauses/{code_id}" data-testid="successor-link">《生态环境法典》第二条</a>' in page
    box = page.split('data-testid="replaced-by"')[1].split("</section>")[0]
    assert "《生态环境法典》中的对应条文" in box and f'href="/clauses/{code_id}"' in box
    assert re.search(r"置信度[高中低]", box) and "对照：" in box
    assert "<ins>" in box and "按日连续处罚" in box
    assert 'href="/cite/concordance?law=' in box and quote("#第二条", safe="#") in box


def test_code_article_lists_the_old_articles_it_replaced(client, ids):
    old_id = ids["clauses"][("环境保护法", "2014-04-24", 2)]
    code_id = ids["clauses"][("生态环境法典", "2026-03-12", 2)]
    page = text(client.get(f"/clauses/{code_id}"))
    box = page.split('data-testid="replaces"')[1].split("</section>")[0]
    assert "本条取代的原法律条文" in box
    assert f'<a href="/clauses/{old_id}">《环境保护法》第二条</a>' in box and "已废止" in box


def test_other_articles_have_no_concordance_box(client, ids):
    page = text(client.get(f"/clauses/{ids['clauses'][('行政处罚法', '2021-01-22', 2)]}"))
    assert 'data-testid="replaced-by"' not in page and 'data-testid="replaces"' not in page


def test_repealed_law_page_links_each_article_to_the_code(client, ids):
    page = text(client.get(f"/laws/{ids['docs'][('环境保护法', '2014-04-24')]}"))
    code_id = ids["clauses"][("生态环境法典", "2026-03-12", 2)]
    assert f'<a class="successor-link" href="/clauses/{code_id}">→ 法典第二条</a>' in page
    assert 'data-testid="concordance-link"' in page


def test_changed_article_shows_the_change_word_by_word(client, ids):
    new_id = ids["clauses"][("行政处罚法", "2021-01-22", 3)]
    page = text(client.get(f"/clauses/{new_id}"))
    block = page.split('data-testid="version-diff"')[1].split("</div>\n        </div>")[0]
    assert "2017-09-01 版 → 2021-01-22 版" in block
    assert "<del>举行</del>听证的权利" in block and "行政机关<ins>拟</ins>作出" in block
    # seen from the old version, the same change runs the same way (old → new)
    old_page = text(client.get(f"/clauses/{ids['clauses'][('行政处罚法', '2017-09-01', 3)]}"))
    assert "<del>举行</del>听证的权利" in old_page.split('data-testid="version-diff"')[1]


def test_every_reading_page_has_a_search_box_scoped_to_its_law(client, ids):
    for path in (f"/clauses/{ids['clauses'][('行政处罚法', '2021-01-22', 2)]}",
                 f"/laws/{ids['docs'][('行政处罚法', '2021-01-22')]}"):
        form = text(client.get(path)).split('<form class="inline-search"')[1].split("</form>")[0]
        assert 'action="/search"' in form and 'name="q"' in form
        assert '<option value="中华人民共和国行政处罚法">在《行政处罚法》中</option>' in form
        assert 'name="status"' not in form          # in force: the default status filter is right
    repealed = text(client.get(f"/clauses/{ids['clauses'][('环境保护法', '2014-04-24', 2)]}"))
    form = repealed.split('<form class="inline-search"')[1].split("</form>")[0]
    assert '<input type="hidden" name="status" value="all">' in form   # or searching a repealed law finds nothing


def test_law_list_filter_matches_abbreviations_and_pinyin(client):
    for needle in ("环保法", "hjbhf", "huanjingbaohu", "HJBHF"):
        page = text(client.get("/laws/", query_string={"q": needle}))
        assert 'data-title="中华人民共和国环境保护法"' in page, needle
        assert 'data-title="中华人民共和国行政处罚法"' not in page, needle
    names = re.search(r'data-title="中华人民共和国环境保护法" data-names="([^"]+)"', text(client.get("/laws/"))).group(1)
    assert "环保法" in names and "huanjingbaohufa" in names and "hjbhf" in names


def test_home_examples_and_placeholder_use_the_code(client):
    page = text(client.get("/"))
    assert "环保法第59条" not in page and "环保法第五十九条" not in page
    assert 'placeholder="输入问题或条文引用，例如：生态环境法典第一千零六十条"' in page
    assert "生态环境法典第1060条" in page


def test_unknown_article_of_a_known_law_lists_its_last_articles_first(client, ids):
    response = client.get("/", query_string={"q": "环保法第九十九条"})
    assert response.status_code == 404
    page = text(response)
    assert "《环境保护法》（2014-04-24版）共二条，没有第九十九条。" in page
    nearest, similar = page.split("本法最接近的条文")[1].split("名称相近的法规")
    assert f'href="/clauses/{ids["clauses"][("环境保护法", "2014-04-24", 2)]}"' in nearest
    assert "企业事业单位和其他生产经营者违法排放污染物" in nearest      # a snippet of each nearest article
    assert "环境保护法" not in similar.split("</ul>")[0].replace("生态环境", "")


def test_cited_paragraph_that_does_not_exist(client, ids):
    response = client.get("/", query_string={"q": "行政处罚法第二条第五款"})
    assert response.status_code == 404
    page = text(response)
    assert "《行政处罚法》第二条共一款，没有第五款。" in page
    assert f'href="/clauses/{ids["clauses"][("行政处罚法", "2021-01-22", 2)]}"' in page
