"""Browser tests: the real app on waitress, driven by Debian's headless Chromium via selenium.

Screenshots of every page go to tests/artifacts/ (gitignored; kept by CI as an artifact).
The server and browser fixtures live in tests/webapp/browser_support.py.
"""

from __future__ import annotations

import pytest

from tests.webapp.browser_support import ADMIN, browser, live_server, shot, wait  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]
REGULATION_MD = """# 某市扬尘污染防治条例

2026年5月20日某市人民代表大会常务委员会公布

<!-- INFO END -->

## 第一章 总则

第一条 为了防治扬尘污染，改善大气环境质量，制定本条例。

## 第二章 法律责任

第二条 施工单位未采取扬尘污染防治措施的，由主管部门责令改正，处一万元以上十万元以下的罚款。
"""

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402


def search(driver, base: str, query: str) -> None:
    driver.get(base + "/")
    box = driver.find_element(By.NAME, "q")
    box.clear()
    box.send_keys(query)
    box.submit()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".results")))


def test_search_by_question_and_open_a_result(live_server, browser):
    browser.get(live_server + "/")
    shot(browser, "01-home")
    search(browser, live_server, "企业超标排放污染物被责令改正拒不改正按日连续处罚")
    hits = browser.find_elements(By.CSS_SELECTOR, ".hit")
    assert hits, "no search results"
    citations = [h.find_element(By.CSS_SELECTOR, ".hit-citation").text for h in hits]
    assert any("按日连续处罚" in h.text for h in hits[:3]), citations
    assert browser.find_elements(By.CSS_SELECTOR, ".hit mark")
    shot(browser, "02-search-results")
    first = hits[0].find_element(By.CSS_SELECTOR, ".hit-citation")
    cited = first.text
    first.click()
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".clause-card h1")))
    assert browser.find_element(By.CSS_SELECTOR, ".clause-card h1").text == cited
    wait(browser).until(lambda d: "正在查找" not in d.find_element(By.CSS_SELECTOR, "[data-fragment]").text)
    shot(browser, "03-clause")


def test_citation_query_opens_the_clause_and_copy_buttons_work(live_server, browser):
    search_box_query = "行政处罚法第六十三条第二款"
    browser.get(live_server + "/")
    box = browser.find_element(By.NAME, "q")
    box.send_keys(search_box_query)
    box.submit()
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".clause-card h1")))
    assert "/clauses/" in browser.current_url
    assert browser.find_element(By.CSS_SELECTOR, ".clause-card h1").text == "《中华人民共和国行政处罚法》第六十三条第二款"
    button = browser.find_element(By.CSS_SELECTOR, "[data-testid=copy-citation]")
    button.click()
    wait(browser, 5).until(lambda d: button.text == "已复制")
    assert "copied" in button.get_attribute("class")
    assert browser.execute_script("return window.lawkbLastCopied") == "《中华人民共和国行政处罚法》第六十三条第二款"
    shot(browser, "04-clause-copied")
    with_text = browser.find_element(By.CSS_SELECTOR, "[data-testid=copy-citation-text]")
    with_text.click()
    copied = browser.execute_script("return window.lawkbLastCopied")
    assert copied.startswith("《中华人民共和国行政处罚法》第六十三条第二款：当事人不承担")


def test_filter_by_status(live_server, browser):
    search(browser, live_server, "按日连续处罚")
    badges = {b.text for b in browser.find_elements(By.CSS_SELECTOR, ".hit .badge")}
    assert badges == {"现行有效"}
    browser.find_element(By.CSS_SELECTOR, ".filters summary").click()
    Select(browser.find_element(By.NAME, "status")).select_by_value("all")
    browser.find_element(By.CSS_SELECTOR, ".search-box .button").click()
    wait(browser).until(EC.url_contains("status=all"))
    badges = [b.text for b in browser.find_elements(By.CSS_SELECTOR, ".hit .badge")]
    assert "已废止" in badges or "历史版本" in badges, badges
    shot(browser, "05-search-include-repealed")


def test_law_list_toc_and_jump_to_an_article(live_server, browser):
    browser.get(live_server + "/laws/")
    filter_box = browser.find_element(By.CSS_SELECTOR, "[data-law-filter]")
    filter_box.send_keys("大气污染防治法")
    visible = [li for li in browser.find_elements(By.CSS_SELECTOR, "[data-title]") if li.is_displayed()]
    assert visible and all("大气污染防治法" in li.get_attribute("data-title") for li in visible)
    assert browser.find_element(By.CSS_SELECTOR, "[data-total]").text == str(len(visible))
    shot(browser, "06-law-list-filtered")
    visible[0].find_element(By.TAG_NAME, "a").click()
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".toc a")))
    shot(browser, "07-law-page")
    chapter = [a for a in browser.find_elements(By.CSS_SELECTOR, ".toc a") if "法律责任" in a.text][0]
    chapter.click()
    wait(browser, 5).until(lambda d: d.execute_script("return location.hash") == chapter.get_attribute("hash"))
    heading = browser.find_element(By.ID, chapter.get_attribute("hash")[1:])
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top", heading)
    assert 0 <= top < 400, top
    article = browser.find_element(By.CSS_SELECTOR, ".article .article-label a")
    article_id = article.find_element(By.XPATH, "./ancestor::section").get_attribute("id")
    browser.get(browser.current_url.split("#")[0] + "#" + article_id + "-第1款")
    target = browser.execute_script("return document.querySelector(':target') && document.querySelector(':target').id")
    assert target == article_id + "-第1款"


def test_unknown_law_page_suggests_close_matches(live_server, browser):
    browser.get(live_server + "/law/大气污染防止法")
    assert "没有找到" in browser.find_element(By.TAG_NAME, "h1").text
    links = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".suggestions a")]
    assert "《中华人民共和国大气污染防治法》" in links
    shot(browser, "08-not-found")


def test_log_in_and_import_a_file(live_server, browser, tmp_path):
    browser.get(live_server + "/admin/")
    assert "/admin/login" in browser.current_url
    shot(browser, "11-login")
    browser.find_element(By.NAME, "name").send_keys(ADMIN[0])
    browser.find_element(By.NAME, "password").send_keys(ADMIN[1])
    browser.find_element(By.CSS_SELECTOR, "form .button").click()
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, "input[type=file]")))
    shot(browser, "12-import")
    wrong = tmp_path / "名单.xlsx"
    wrong.write_bytes(b"PK\x03\x04 not a law")
    browser.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(wrong))
    browser.find_element(By.CSS_SELECTOR, "form[data-max-bytes] .button").click()
    message = wait(browser, 5).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".form-error")))
    assert "不支持的文件类型：名单.xlsx" in message.text
    browser.find_element(By.CSS_SELECTOR, "input[type=file]").clear()
    upload = tmp_path / "某市扬尘污染防治条例.md"
    upload.write_text(REGULATION_MD, encoding="utf-8")
    browser.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(upload))
    browser.find_element(By.CSS_SELECTOR, "form[data-max-bytes] .button").click()
    wait(browser, 60).until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.report")))
    row = browser.find_element(By.CSS_SELECTOR, "table.report tbody tr")
    assert row.get_attribute("data-outcome") == "added", row.text
    assert "某市扬尘污染防治条例" in row.text
    shot(browser, "13-import-result")
    browser.get(live_server + "/law/某市扬尘污染防治条例")
    assert "某市扬尘污染防治条例" in browser.find_element(By.TAG_NAME, "h1").text
