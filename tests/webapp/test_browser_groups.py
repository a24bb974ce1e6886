"""The search page's second block, 配套法规、规章与地方性法规 (issue 11), in headless Chromium at desktop
and phone size: below the national hits, Chinese heading, no sideways scroll, no English, no
serious axe-core violation. The live server runs over a small corpus with local regulations and a
部门规章 (``national_corpus`` is overridden for this module)."""

from __future__ import annotations

import pytest

from kb.search.index_build import build_indexes
from tests.corpus_builders import SMALL_LAWS, build_corpus
from tests.search.test_regions import LOCAL
from tests.webapp.browser_support import browser, live_server, wait  # noqa: F401
from tests.webapp.test_browser_pages import NARROW_TEXT_JS, SIZES, axe_violations, english_on_screen

pytestmark = [pytest.mark.browser, pytest.mark.slow]

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402


@pytest.fixture(scope="module")
def national_corpus(tmp_path_factory):
    corpus = build_corpus(tmp_path_factory.mktemp("groups") / "corpus", SMALL_LAWS + LOCAL)
    build_indexes(corpus)
    return corpus


@pytest.mark.parametrize("size", SIZES)
def test_the_lower_level_group_is_a_second_block_below_the_national_hits(live_server, browser, size):
    browser.set_window_size(*SIZES[size])
    browser.get(live_server + "/search?q=排放污染物的企业事业单位&k=2")
    heading = wait(browser).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".hit-group h2")))
    assert heading.text == "配套法规、规章与地方性法规"
    lists = browser.find_elements(By.CSS_SELECTOR, ".results .hit-list")
    assert len(lists) == 2
    national, group = lists
    assert national.rect["y"] + national.rect["height"] <= heading.rect["y"] < group.rect["y"]
    assert "地方性法规" not in national.text and "地方性法规" in group.text
    overflow = browser.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    problems = [f"scrolls sideways by {overflow}px"] if overflow > 1 else []
    problems += browser.execute_script(NARROW_TEXT_JS, 12)
    problems += [f"English on the page: {english_on_screen(browser)[:10]}"] if english_on_screen(browser) else []
    problems += axe_violations(browser)
    assert not problems, "\n".join(problems)
