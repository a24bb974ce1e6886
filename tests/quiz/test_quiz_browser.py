"""A group session end to end in headless Chromium: a host and three participants.

Screenshots go to tests/artifacts/quiz-*.png.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path

import pytest

from tests.corpus_builders import build_corpus
from tests.quiz.conftest import QUIZ_LAWS

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture
def server(tmp_path):
    from werkzeug.serving import make_server

    from webapp import create_app

    corpus = build_corpus(tmp_path / "corpus", QUIZ_LAWS)
    app = create_app({"CORPUS_DIR": str(corpus.dir), "SECRET_KEY": "browser-test", "HOME": str(tmp_path / "home"),
                      "REBUILD_INDEXES": False}, instance_path=str(tmp_path / "instance"))
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def new_driver():
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    if not CHROMIUM or not CHROMEDRIVER:
        pytest.skip("chromium / chromedriver not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--no-first-run", "--window-size=1200,1600",
                 f"--user-data-dir={tempfile.mkdtemp(prefix='lawkb-chrome-')}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def wait_for(driver, condition, timeout=15):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def answer_paper(driver):
    from selenium.webdriver.common.by import By

    sections = driver.find_elements(By.CSS_SELECTOR, "section[data-index]")
    for number, section in enumerate(sections):
        kind = section.get_attribute("data-type")
        inputs = section.find_elements(By.TAG_NAME, "input")
        if kind == "multiple":
            for box in inputs[:2]:
                box.click()
            section.find_element(By.CSS_SELECTOR, "[data-confirm]").click()
        elif kind == "fill":
            inputs[0].send_keys("五日\t")
        else:
            inputs[number % len(inputs)].click()
        wait_for(driver, lambda d, s=section: s.find_element(By.CSS_SELECTOR, "[data-saved]").is_displayed())
    return len(sections)


def join_refused(guest, server, code: str, name: str) -> str:
    """Try to join as `name` from a fresh browser session; the flash message shown."""
    guest.delete_all_cookies()
    guest.get(f"{server}/quiz/join?code={code}")
    guest.find_element(By.CSS_SELECTOR, "[data-join-name]").send_keys(name)
    guest.find_element(By.CSS_SELECTOR, "[data-join]").click()
    return wait_for(guest, lambda d: d.find_element(By.CSS_SELECTOR, ".flash")).text


def test_group_session_with_three_participants(server):
    from selenium.webdriver.common.by import By

    ARTIFACTS.mkdir(exist_ok=True)
    host = new_driver()
    guest = new_driver()
    try:
        host.get(f"{server}/quiz/")
        host.find_element(By.CSS_SELECTOR, "[data-quiz-law]").send_keys("行政处罚法")
        count = host.find_element(By.NAME, "count")
        count.clear()
        count.send_keys("5")
        host.find_element(By.NAME, "title").send_keys("执法人员培训测验")
        host.find_element(By.CSS_SELECTOR, "[data-quiz-host]").click()
        code = wait_for(host, lambda d: d.find_element(By.CSS_SELECTOR, "[data-code]")).text.strip()
        assert len(code) == 5
        host.save_screenshot(str(ARTIFACTS / "quiz-host-open.png"))

        for number, name in enumerate(("张三", "李四", "王五")):
            guest.delete_all_cookies()
            guest.get(f"{server}/quiz/join?code={code}")
            guest.find_element(By.CSS_SELECTOR, "[data-join-name]").clear()
            guest.find_element(By.CSS_SELECTOR, "[data-join-name]").send_keys(name)
            guest.find_element(By.CSS_SELECTOR, "[data-join]").click()
            wait_for(guest, lambda d: d.find_elements(By.CSS_SELECTOR, "[data-paper]"))
            if number == 0:
                guest.save_screenshot(str(ARTIFACTS / "quiz-participant-paper.png"))
            assert answer_paper(guest) == 5
            guest.find_element(By.CSS_SELECTOR, "[data-finish]").click()
            score = wait_for(guest, lambda d: d.find_element(By.CSS_SELECTOR, "[data-score]")).text
            assert name in score and "得分" in score
            if number == 0:
                guest.save_screenshot(str(ARTIFACTS / "quiz-participant-result.png"))

        # the same name again is refused
        assert "已加入测验" in join_refused(guest, server, code, "张三")

        # the host's scoreboard fills in by polling, without a reload
        def board_complete(driver):
            rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "[data-board] tbody tr")]
            return len(rows) == 3 and all("5/5" in row and "是" in row for row in rows)

        wait_for(host, board_complete)
        host.save_screenshot(str(ARTIFACTS / "quiz-host-scoreboard.png"))
        host.find_element(By.CSS_SELECTOR, "[data-close]").click()
        wait_for(host, lambda d: "逐题正确率" in d.page_source)
        host.save_screenshot(str(ARTIFACTS / "quiz-host-results.png"))

        # after closing nobody else gets in
        assert "已结束" in join_refused(guest, server, code, "赵六")
    finally:
        host.quit()
        guest.quit()
