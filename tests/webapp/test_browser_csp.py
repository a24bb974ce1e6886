"""issue 12: every page works under the strict Content-Security-Policy in a real browser — Chromium
reports no CSP violation on any main page, and the pages' scripts (static files) still run."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.webapp.test_browser import browser, live_server  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def csp_violations(driver) -> list[str]:
    """CSP violations Chromium logged since the last call (it logs them as errors, kept by default)."""
    return [entry["message"] for entry in driver.get_log("browser")
            if "Content Security Policy" in entry["message"] or "Refused to" in entry["message"]]


def test_no_page_breaks_the_csp_and_scripts_still_run(live_server, browser):  # noqa: F811
    driver, base = browser, live_server
    q = lambda text: quote(text, safe="")  # noqa: E731
    pages = ["/", "/?q=" + q("超标排放如何处罚"), "/laws/", "/law/" + q("环保法"), "/law/" + q("环保法") + "/" + q("第五十九条"),
             "/answer?q=" + q("查封扣押最长多久"), "/cite/", "/cite/concordance?law=" + q("环保法"),
             "/cite/diff?law=" + q("宪法"), "/cite/builder?refs=" + q("行政处罚法第三十三条"), "/admin/login", "/quiz/",
             "/no-such-page"]
    driver.get_log("browser")
    found = {}
    for path in pages:
        driver.get(base + path)
        WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.readyState") == "complete")
        violations = csp_violations(driver)
        if violations:
            found[path] = violations
    assert found == {}
    # app.js runs: a copy button on an article page copies (the script's test hook records it)
    driver.get(base + "/law/" + q("环保法") + "/" + q("第五十九条"))
    button = driver.find_element(By.CSS_SELECTOR, "[data-copy]")
    driver.execute_script("arguments[0].click()", button)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return window.lawkbLastCopied"))
    assert driver.execute_script("return window.lawkbLastCopied") == button.get_attribute("data-copy")
    assert csp_violations(driver) == []
