"""The quiz in headless Chromium, under a strict CSP (script-src 'self', as issue 12 sets on every page):
answering practice questions with 下一题 visible, the 交卷 confirmation, a group session joined by code and
by the QR code's link, the chosen option staying visible, Chinese error messages.

Screenshots go to tests/artifacts/quiz-*.png.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from tests.corpus_builders import build_corpus
from tests.quiz.conftest import QUIZ_LAWS

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'"
ENGLISH = ("already joined", "no quiz session", "is closed", "please give", "--include-repealed", "Traceback")


@pytest.fixture
def server(tmp_path):
    from werkzeug.serving import make_server

    from webapp import create_app

    corpus = build_corpus(tmp_path / "corpus", QUIZ_LAWS)
    app = create_app({"CORPUS_DIR": str(corpus.dir), "SECRET_KEY": "browser-test", "HOME": str(tmp_path / "home"),
                      "REBUILD_INDEXES": False}, instance_path=str(tmp_path / "instance"))

    @app.after_request
    def strict_csp(response):     # what issue 12 adds to every page: inline scripts would not run
        response.headers["Content-Security-Policy"] = CSP
        return response

    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def new_driver(profile):
    """A headless Chromium whose profile lives in ``profile`` (a pytest tmp_path: removed by pytest)."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    if not CHROMIUM or not CHROMEDRIVER:
        pytest.skip("chromium / chromedriver not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--no-first-run", "--window-size=1200,1600",
                 f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def wait_for(driver, condition, timeout=15):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def no_csp_violations(driver):
    errors = [e["message"] for e in driver.get_log("browser") if "Content Security Policy" in e["message"]]
    assert errors == []


def flash_text(driver) -> str:
    from selenium.webdriver.common.by import By

    text = wait_for(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".flash")).text
    assert not any(word in text for word in ENGLISH), text
    return text


def visible_colours(element) -> tuple[str, str]:
    driver = element.parent
    return (driver.execute_script("return getComputedStyle(arguments[0]).color", element),
            driver.execute_script("return getComputedStyle(arguments[0]).backgroundColor", element))


def answer_paper(driver):
    from selenium.webdriver.common.by import By

    sections = driver.find_elements(By.CSS_SELECTOR, "section[data-index]")
    for number, section in enumerate(sections):
        kind = section.get_attribute("data-type")
        inputs = section.find_elements(By.TAG_NAME, "input")
        if kind == "multiple":
            for box in inputs[:2]:
                box.click()
            section.find_element(By.CSS_SELECTOR, "[data-confirm-item]").click()
        elif kind == "fill":
            inputs[0].send_keys("五日\t")
        else:
            inputs[number % len(inputs)].click()
        wait_for(driver, lambda d, s=section: s.find_element(By.CSS_SELECTOR, "[data-saved]").is_displayed())
        chosen = section.find_elements(By.CSS_SELECTOR, ".quiz-option.chosen")
        if kind != "fill":     # the tapped answer stays clearly marked once locked, not faint grey
            assert chosen and chosen[0].value_of_css_property("font-weight") in ("600", "700", "bold")
    return len(sections)


def join_refused(guest, url: str, name: str) -> str:
    """Try to join as `name` at a join URL from a fresh browser session; the (Chinese) flash message shown."""
    from selenium.webdriver.common.by import By

    guest.delete_all_cookies()
    guest.get(url)
    guest.find_element(By.CSS_SELECTOR, "[data-join-name]").send_keys(name)
    guest.find_element(By.CSS_SELECTOR, "[data-join]").click()
    return flash_text(guest)


def fill_quiz_form(driver, server, count: int, **fields) -> None:
    """The 学法测验 form on 行政处罚法 with `count` questions and the given fields (data-attribute -> text)."""
    from selenium.webdriver.common.by import By

    driver.get(f"{server}/quiz/")
    driver.find_element(By.CSS_SELECTOR, "[data-quiz-law]").send_keys("行政处罚法")
    box = driver.find_element(By.NAME, "count")
    box.clear()
    box.send_keys(str(count))
    for selector, text in fields.items():
        driver.find_element(By.CSS_SELECTOR, selector).send_keys(text)


def test_practice_answering_next_button_and_hand_in_confirmation(server, tmp_path):
    from selenium.webdriver.common.by import By

    ARTIFACTS.mkdir(exist_ok=True)
    driver = new_driver(tmp_path / "profile")
    try:
        fill_quiz_form(driver, server, 3, **{"[data-quiz-learner]": "张三"})
        driver.find_element(By.CSS_SELECTOR, "[data-quiz-practice]").click()
        wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "[data-submit]"))
        driver.find_elements(By.CSS_SELECTOR, ".quiz-option input")[0].click()
        driver.find_element(By.CSS_SELECTOR, "[data-submit]").click()
        verdict = wait_for(driver, lambda d: d.find_element(By.CSS_SELECTOR, "[data-verdict]"))
        assert verdict.text in ("回答正确", "回答错误")
        next_button = driver.find_element(By.CSS_SELECTOR, "[data-next]")
        assert next_button.is_displayed()
        colour, background = visible_colours(next_button)
        assert colour != background and background not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
        assert driver.find_element(By.CSS_SELECTOR, ".quiz-option.chosen").is_displayed()
        driver.save_screenshot(str(ARTIFACTS / "quiz-practice-answered.png"))
        next_button.click()
        wait_for(driver, lambda d: "第 2 / 3 题" in d.page_source)

        # 交卷 asks first: dismissing keeps the learner on the question, accepting hands in
        driver.find_element(By.CSS_SELECTOR, "[data-finish]").click()
        alert = wait_for(driver, lambda d: d.switch_to.alert)
        assert "确定交卷吗" in alert.text and "未作答" in alert.text
        alert.dismiss()
        assert "第 2 / 3 题" in driver.page_source
        driver.find_element(By.CSS_SELECTOR, "[data-finish]").click()
        wait_for(driver, lambda d: d.switch_to.alert).accept()
        score = wait_for(driver, lambda d: d.find_element(By.CSS_SELECTOR, "[data-score]")).text
        assert "张三：得分" in score and "/ 100" in score
        no_csp_violations(driver)
    finally:
        driver.quit()


def test_group_session_joined_by_code_and_by_qr_link_in_chinese(server, tmp_path):
    from selenium.webdriver.common.by import By

    ARTIFACTS.mkdir(exist_ok=True)
    host = new_driver(tmp_path / "host")
    guest = new_driver(tmp_path / "guest")
    try:
        fill_quiz_form(host, server, 5, **{"[name=title]": "执法人员培训测验"})
        host.find_element(By.CSS_SELECTOR, "[data-quiz-host]").click()
        code = wait_for(host, lambda d: d.find_element(By.CSS_SELECTOR, "[data-code]")).text.strip()
        assert len(code) == 5
        qr = host.find_element(By.CSS_SELECTOR, "[data-qr]")
        assert host.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", qr)
        join_url = host.find_element(By.CSS_SELECTOR, "[data-join-url]").text.strip()
        assert join_url.endswith(f"/quiz/join?code={code}")
        host.save_screenshot(str(ARTIFACTS / "quiz-host-open.png"))

        # 张三 types the code on the quiz page; 李四 and 王五 open the QR code's link
        for number, name in enumerate(("张三", "李四", "王五")):
            guest.delete_all_cookies()
            if number == 0:
                guest.get(f"{server}/quiz/join")
                guest.find_element(By.CSS_SELECTOR, "[data-join-code]").send_keys(code.lower())
            else:
                guest.get(join_url)
                assert guest.find_element(By.CSS_SELECTOR, "[data-join-code]").get_attribute("value") == code
            guest.find_element(By.CSS_SELECTOR, "[data-join-name]").clear()
            guest.find_element(By.CSS_SELECTOR, "[data-join-name]").send_keys(name)
            guest.find_element(By.CSS_SELECTOR, "[data-join]").click()
            wait_for(guest, lambda d: d.find_elements(By.CSS_SELECTOR, "[data-paper]"))
            assert answer_paper(guest) == 5
            if number == 0:
                guest.save_screenshot(str(ARTIFACTS / "quiz-participant-paper.png"))
            guest.find_element(By.CSS_SELECTOR, "[data-finish]").click()
            wait_for(guest, lambda d: d.switch_to.alert).accept()
            score = wait_for(guest, lambda d: d.find_element(By.CSS_SELECTOR, "[data-score]")).text
            assert name in score and "得分" in score
            no_csp_violations(guest)

        # errors in Chinese: a taken name, an unknown code
        assert "“张三”已加入测验" in join_refused(guest, f"{server}/quiz/join?code={code}", "张三")
        assert "没有测验码为“ZZZZZ”的测验" in join_refused(guest, f"{server}/quiz/join?code=ZZZZZ", "赵六")

        def board_complete(driver):
            rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "[data-board] tbody tr")]
            return len(rows) == 3 and all("5/5" in row and "是" in row for row in rows)

        wait_for(host, board_complete)
        host.save_screenshot(str(ARTIFACTS / "quiz-host-scoreboard.png"))
        host.find_element(By.CSS_SELECTOR, "[data-close]").click()
        wait_for(host, lambda d: d.switch_to.alert).accept()
        wait_for(host, lambda d: "逐题正确率" in d.page_source)
        no_csp_violations(host)

        assert "该测验已结束" in join_refused(guest, join_url, "钱七")
    finally:
        host.quit()
        guest.quit()
