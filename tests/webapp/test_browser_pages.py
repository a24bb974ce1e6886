"""Every main page in headless Chromium at desktop (1280 px) and phone (390×844) size.

Per page and size: no horizontal scroll, no text column narrower than 12 characters, nothing a
reader sees in English, and an axe-core audit (the axe.min.js shipped in the PyPI package
axe-core-python) with no serious or critical violation. Screenshots go to
tests/artifacts/page-<size>-<name>.png (the first screen) and …-full.png (the whole page, up to
4000 px). Then the issue's points one by one: old law → Code in one click, word-level version
changes, the 版本比较 date fields on a phone, the law list, a search box on article pages,
citation cards on a phone, helpful 404s, keyboard focus.
"""

from __future__ import annotations

import re

import pytest

from tests.webapp.browser_support import ADMIN, ARTIFACTS, browser, live_server, wait  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.slow]

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402

SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
MIN_COLUMN_CHARS = 12
ALLOWED_LATIN = {"LawKB", "PDF", "DOCX", "TXT", "MD", "CSV", "MB", "Markdown", "Word", "Excel", "YYYY", "MM", "DD", "hjbhf"}
DRAFT = ("经查，你单位未依法报批建设项目环境影响评价文件即开工建设，违反了《中华人民共和国环境影响评价法》第二十五条的规定。"
         "依据《中华人民共和国生态环境法典》第一千零八十三条、《中华人民共和国行政处罚法》第三十三条第一款，"
         "并参照环保法第九十九条、《某省扬尘污染防治条例》第十条，决定责令停止建设，处罚款人民币五十万元。\n"
         "某某市生态环境局\n二〇二六年九月三日")

# (name, path or a function that opens the page) — the pages bureau staff use every day
def _check_draft(driver, base):
    driver.get(base + "/cite/")
    driver.execute_script("document.querySelector('textarea[name=text]').value = arguments[0]", DRAFT)
    driver.find_element(By.CSS_SELECTOR, ".cite-form button[type=submit]").click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".cite-results")))


def _builder(driver, base):
    driver.get(base + "/cite/builder")
    driver.find_element(By.NAME, "refs").send_keys("行政处罚法第三十三条第二款\n生态环境法典第一千零六十条")
    driver.find_element(By.CSS_SELECTOR, ".cite-form button[type=submit]").click()
    wait(driver).until(EC.presence_of_element_located((By.ID, "built-citation")))


def _admin(driver, base):
    driver.get(base + "/admin/")
    if "/admin/login" in driver.current_url:
        driver.find_element(By.NAME, "name").send_keys(ADMIN[0])
        driver.find_element(By.NAME, "password").send_keys(ADMIN[1])
        driver.find_element(By.CSS_SELECTOR, "form .button").click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "input[type=file]")))


RULES_CSV = ("类型,违法行为,处罚依据,情形,裁量档次,罚款比例,备注\n"
             "裁量基准,未取得排污许可证排放污染物,生态环境法典第一千一百零二条,首次被发现，排放时间不超过一个月,较轻,0%-30%,\n"
             "不予处罚,未按规定公开环境信息,,初次违法且危害后果轻微并及时改正,,,免罚清单第3项\n")


def _penalty_rules(driver, base):
    """The rules page as an admin sees it, with one imported file (uploaded here when missing)."""
    _admin(driver, base)
    driver.get(base + "/penalty/rules")
    if "浏览器测试基准.csv" not in driver.page_source:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        upload = ARTIFACTS / "浏览器测试基准.csv"
        upload.write_text(RULES_CSV, encoding="utf-8")
        driver.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(upload))
        driver.find_element(By.CSS_SELECTOR, ".rule-upload button[type=submit]").click()
        wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".rule-sources")))


def _penalty_remove(driver, base):
    _penalty_rules(driver, base)
    driver.find_element(By.PARTIAL_LINK_TEXT, "删除").click()
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".confirm-remove")))


PAGES = [
    ("home", "/"),
    ("search", "/?q=企业超标排放污染物按日连续处罚"),
    ("law-list", "/laws/"),
    ("law-repealed", "/law/环保法"),
    ("clause-repealed", "/law/环保法/第五十九条"),
    ("clause-code", "/law/生态环境法典/第一千零六十条"),
    ("clause-versions", "/law/宪法/第三条"),
    ("not-found", "/?q=环保法第九十九条"),
    ("answer", "/answer?q=查封扣押最长多久"),
    ("cite-check", _check_draft),
    ("concordance", "/cite/concordance?law=环境保护法"),
    ("diff", "/cite/diff?law=宪法"),
    ("builder", _builder),
    ("admin-login", "/admin/login"),
    ("admin-import", _admin),
    ("quiz", "/quiz/"),
    ("penalty", "/penalty/?q=未取得排污许可证排放污染物"),
    ("penalty-table", "/penalty/table?law=生态环境法典"),
    ("penalty-rules", _penalty_rules),
    ("penalty-remove", _penalty_remove),
]

NARROW_TEXT_JS = """
// Text squeezed into a column narrower than `need` characters: a box whose own text wraps onto
// several lines although the box is less than `need` em (one CJK character each) wide.
const need = arguments[0], boxes = new Map(), found = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode;
  if (node.textContent.replace(/\\s+/g, '').length < 2 || node.parentElement.closest('[hidden], select')) continue;
  let box = node.parentElement;
  while (box && ['inline', 'contents'].includes(getComputedStyle(box).display)) box = box.parentElement;
  if (!box) continue;
  const range = document.createRange();
  range.selectNodeContents(node);
  const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
  const size = parseFloat(getComputedStyle(node.parentElement).fontSize);
  const entry = boxes.get(box) || {rects: [], size: 0};
  entry.rects.push(...rects);
  entry.size = Math.max(entry.size, size);
  boxes.set(box, entry);
}
for (const [box, {rects, size}] of boxes) {
  const style = getComputedStyle(box);
  if (style.visibility === 'hidden' || box.getBoundingClientRect().width < 2) continue;
  const width = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  if (width >= need * size - 0.5) continue;
  rects.sort((a, b) => a.top - b.top);
  let lines = 0, bottom = -Infinity;       // rects overlapping vertically are one line
  for (const r of rects) { if (r.top >= bottom - 2) { lines += 1; bottom = r.bottom; } else bottom = Math.max(bottom, r.bottom); }
  if (lines > 1)
    found.push(`${box.tagName}.${box.className}: ${(width / size).toFixed(1)} characters wide, ${lines} lines: “${box.innerText.slice(0, 24)}”`);
}
return found;
"""


UNLABELLED_JS = """
return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
  .map(e => e.outerHTML.slice(0, 80));
"""


def open_page(driver, base: str, target) -> None:
    if callable(target):
        target(driver, base)
    else:
        driver.get(base + target)
    wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")
    fragments = driver.find_elements(By.CSS_SELECTOR, "[data-fragment]")
    if fragments:  # related articles load after the page
        wait(driver, 60).until(lambda d: "正在查找" not in fragments[0].text)


def axe_violations(driver) -> list[str]:
    """Serious and critical axe-core violations of the page, one line each."""
    base = pytest.importorskip("axe_core_python.base", reason="axe-core-python is not installed (pip install -e .[test])")
    driver.set_script_timeout(120)
    driver.execute_script(base.AXE_SCRIPT)
    violations = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({"
        "  id: v.id, impact: v.impact, help: v.help,"
        "  nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').slice(0, 160))}))));")
    return [f"{v['impact']} {v['id']} ({v['help']}): {v['nodes']}" for v in violations
            if v["impact"] in ("serious", "critical")]


def english_on_screen(driver) -> list[str]:
    """Latin words a reader sees (text, placeholders, labels, tooltips), leaving out commands in
    <code>, what the user typed (textareas, “quoted” input), file names and the signed-in user."""
    shown = driver.execute_script(
        "const parts = [document.body.innerText];"
        "document.querySelectorAll('[placeholder], [aria-label], [title]').forEach(e => parts.push("
        "  e.getAttribute('placeholder') || '', e.getAttribute('aria-label') || '', e.getAttribute('title') || ''));"
        "return parts.join(' ');")
    for code in driver.execute_script("return [...document.querySelectorAll('code, textarea')].map(e => e.innerText)"):
        shown = shown.replace(code, " ")
    shown = re.sub(r"“[^”]*”|[^\s：，、]+\.(?:txt|pdf|docx|md|csv)\b", " ", shown)   # echoed input, file names
    return [w for w in re.findall(r"[A-Za-z]{2,}", shown) if w not in ALLOWED_LATIN and w != ADMIN[0]]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name,target", PAGES, ids=[p[0] for p in PAGES])
def test_main_page(live_server, browser, size, name, target):
    width, height = SIZES[size]
    browser.set_window_size(width, height)
    open_page(browser, live_server, target)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / f"page-{size}-{name}.png"))
    problems = []
    overflow = browser.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 1:
        problems.append(f"scrolls sideways by {overflow}px")
    problems += browser.execute_script(NARROW_TEXT_JS, MIN_COLUMN_CHARS)
    english = english_on_screen(browser)
    if english:
        problems.append(f"English on the page: {english[:10]}")
    problems += [f"field without a label: {field}" for field in browser.execute_script(UNLABELLED_JS)]
    problems += axe_violations(browser)
    full = browser.execute_script("return Math.min(document.documentElement.scrollHeight, 4000)")
    browser.set_window_size(width, max(full, height))
    browser.save_screenshot(str(ARTIFACTS / f"page-{size}-{name}-full.png"))
    browser.set_window_size(width, height)
    assert not problems, f"{name} at {size} ({width}px): " + "\n".join(problems)


# -- the points one by one -------------------------------------------------------------------
def size(driver, name: str) -> None:
    driver.set_window_size(*SIZES[name])


def heading(driver) -> str:
    return wait(driver).until(EC.presence_of_element_located((By.TAG_NAME, "h1"))).text


def test_old_article_to_code_article_in_one_click_and_back(live_server, browser):
    size(browser, "desktop")
    browser.get(live_server + "/law/环保法/第五十九条")
    box = browser.find_element(By.CSS_SELECTOR, "[data-testid=replaced-by]")
    assert re.search("置信度[高中低]", box.text) and "对照：" in box.text
    assert box.find_elements(By.CSS_SELECTOR, ".diff-text ins") and box.find_elements(By.CSS_SELECTOR, ".diff-text del")
    link = browser.find_element(By.CSS_SELECTOR, "[data-testid=successor-link]")
    assert link.text == "《生态环境法典》第一千零六十条"
    link.click()
    wait(browser).until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "《中华人民共和国生态环境法典》第一千零六十条")
    replaced = browser.find_element(By.CSS_SELECTOR, "[data-testid=replaces]")
    olds = [a.text for a in replaced.find_elements(By.CSS_SELECTOR, "li > a:first-child")]
    assert "《环境保护法》第五十九条" in olds, olds
    replaced.find_element(By.LINK_TEXT, "《环境保护法》第五十九条").click()
    assert heading(browser) == "《中华人民共和国环境保护法》第五十九条"
    # the home page's examples and placeholder are the Code, and an example opens its article
    browser.get(live_server + "/")
    assert "生态环境法典" in browser.find_element(By.NAME, "q").get_attribute("placeholder")
    browser.find_element(By.LINK_TEXT, "生态环境法典第1060条").click()
    assert heading(browser) == "《中华人民共和国生态环境法典》第一千零六十条"


def test_changed_article_is_marked_word_by_word(live_server, browser):
    size(browser, "desktop")
    browser.get(live_server + "/law/宪法/第三条")
    diff = browser.find_element(By.CSS_SELECTOR, "[data-testid=version-diff]")
    assert "1982-12-04 版 → 2018-03-11 版" in diff.text
    inserted = [e.text for e in diff.find_elements(By.CSS_SELECTOR, ".diff-text ins")]
    assert any("监察机关" in text for text in inserted), inserted        # whole words, not single characters
    assert diff.find_element(By.CSS_SELECTOR, ".diff-legend del").text == "删去的文字"


MEASURE_SELECT_JS = """
const select = arguments[0], style = getComputedStyle(select);
const context = document.createElement('canvas').getContext('2d');
context.font = style.font;
const text = select.options[select.selectedIndex].text;
return [text, context.measureText(text).width, select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)];
"""


def test_version_dates_are_whole_on_a_phone(live_server, browser):
    size(browser, "phone")
    browser.get(live_server + "/cite/diff?law=宪法")
    for name in ("from", "to"):
        text, needed, room = browser.execute_script(MEASURE_SELECT_JS, browser.find_element(By.NAME, name))
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", text)
        assert needed + 16 <= room, f"{name}: “{text}” needs {needed:.0f}px + the arrow, the field has {room:.0f}px"


def test_law_list_in_pinyin_order_with_a_filter_box(live_server, browser):
    size(browser, "desktop")
    browser.get(live_server + "/laws/")
    laws = browser.find_element(By.CSS_SELECTOR, "#level-2")
    titles = [a.text for a in laws.find_elements(By.CSS_SELECTOR, ".law-grid a")]
    assert titles.index("人口与计划生育法") < titles.index("义务教育法") < titles.index("中医药法")
    letters = [h.text for h in laws.find_elements(By.CSS_SELECTOR, "h3.letter")]
    assert letters == sorted(letters) and letters[0] == "A"
    box = browser.find_element(By.CSS_SELECTOR, "[data-law-filter]")
    box.send_keys("hjbhf")
    shown = [li for li in browser.find_elements(By.CSS_SELECTOR, "[data-names]") if li.is_displayed()]
    assert "中华人民共和国环境保护法" in [li.get_attribute("data-title") for li in shown]
    assert all("hjbhf" in li.get_attribute("data-names") for li in shown)
    assert browser.find_element(By.CSS_SELECTOR, "[data-total]").text == str(len(shown))
    box.clear()
    box.send_keys("大气法")
    shown = [li.get_attribute("data-title") for li in browser.find_elements(By.CSS_SELECTOR, "[data-names]") if li.is_displayed()]
    assert shown == ["中华人民共和国大气污染防治法"]


def test_article_page_search_box_searches_its_law(live_server, browser):
    size(browser, "phone")
    browser.get(live_server + "/law/环保法/第五十九条")
    box = browser.find_element(By.CSS_SELECTOR, ".inline-search input[name=q]")
    box.send_keys("按日连续处罚")
    box.submit()
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".results")))
    assert "限于《中华人民共和国环境保护法》" in browser.find_element(By.CSS_SELECTOR, ".results-meta").text
    cited = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".hit-citation")]
    assert cited and all(c.startswith("《中华人民共和国环境保护法》") for c in cited), cited


def test_citation_check_is_one_card_per_citation_on_a_phone(live_server, browser):
    size(browser, "phone")
    _check_draft(browser, live_server)
    cards = browser.find_elements(By.CSS_SELECTOR, ".cite-card")
    assert [c.get_attribute("data-verdict") for c in cards] == ["not_in_force", "ok", "ok", "no_such_article", "unknown_law"]
    main = browser.find_element(By.ID, "main").rect["width"]
    for card in cards:
        assert card.rect["width"] >= 0.85 * main
        for field in card.find_elements(By.CSS_SELECTOR, ".cite-field"):
            size_px = float(browser.execute_script("return parseFloat(getComputedStyle(arguments[0]).fontSize)", field))
            assert field.rect["width"] >= 12 * size_px
    first = cards[0].find_elements(By.CSS_SELECTOR, ".cite-field")
    assert first[1].rect["y"] > first[0].rect["y"]          # stacked on a phone …
    size(browser, "desktop")
    first = browser.find_elements(By.CSS_SELECTOR, ".cite-card")[0].find_elements(By.CSS_SELECTOR, ".cite-field")
    assert first[1].rect["y"] == first[0].rect["y"]         # … side by side on a desk


def test_not_found_offers_the_nearest_articles_of_the_same_law(live_server, browser):
    size(browser, "phone")
    browser.get(live_server + "/?q=环保法第九十九条")
    assert "《环境保护法》（2014-04-24版）共七十条，没有第九十九条。" in browser.find_element(By.CSS_SELECTOR, ".error-message").text
    sections = browser.find_elements(By.CSS_SELECTOR, ".error-page h2")
    assert [s.text for s in sections][:2] == ["本法最接近的条文", "名称相近的法规"]
    nearest = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".suggestion-list")[0].find_elements(By.TAG_NAME, "a")]
    assert nearest == [f"《环境保护法》第{n}条" for n in ("六十六", "六十七", "六十八", "六十九", "七十")]
    browser.find_element(By.LINK_TEXT, "《环境保护法》第七十条").click()
    assert heading(browser) == "《中华人民共和国环境保护法》第七十条"


FOCUS_JS = """
const e = document.activeElement, s = getComputedStyle(e);
const name = (e.labels && e.labels.length ? e.labels[0].innerText : '') || e.getAttribute('aria-label') || e.innerText || '';
return [e.tagName, name.trim().slice(0, 20),
        s.outlineStyle, parseFloat(s.outlineWidth) || 0];
"""


def test_keyboard_reaches_every_control_with_a_visible_focus_ring(live_server, browser):
    from selenium.webdriver.common.action_chains import ActionChains

    size(browser, "desktop")
    browser.get(live_server + "/law/环保法/第五十九条")
    reached = []
    for _ in range(80):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        tag, label, style, width = browser.execute_script(FOCUS_JS)
        if tag == "BODY":       # past the last control of the page
            break
        reached.append(label)
        assert style != "none" and width >= 2, f"{tag} “{label}” has no visible focus ring ({style} {width}px)"
    for wanted in ("跳到正文", "法规", "引用核查", "搜索条文", "搜索范围", "搜索", "复制引用", "《生态环境法典》第一千零六十条"):
        assert wanted in reached, (wanted, reached)
    copy = browser.find_element(By.CSS_SELECTOR, "[data-testid=copy-citation]")
    while browser.switch_to.active_element != copy:
        ActionChains(browser).send_keys(Keys.TAB).perform()
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert browser.execute_script("return window.lawkbLastCopied") == "《中华人民共和国环境保护法》第五十九条"
    # on a phone the menu opens from the keyboard too
    size(browser, "phone")
    browser.get(live_server + "/")
    toggle = browser.find_element(By.CSS_SELECTOR, "[data-nav-toggle]")
    while browser.switch_to.active_element != toggle:
        ActionChains(browser).send_keys(Keys.TAB).perform()
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert browser.find_element(By.LINK_TEXT, "引用核查").is_displayed()
