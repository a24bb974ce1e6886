"""Shared by the browser tests: the app on waitress over a copy of the national corpus, headless
Chromium (Debian's chromium + chromium-driver) via selenium, screenshots, waits.

Import the fixtures into a test module (``from tests.webapp.browser_support import browser,
live_server``); each module gets its own server and browser. A module importing this is skipped
when Chromium or selenium is missing.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else shutil.which("chromedriver")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ADMIN = ("admin", "browser-test-pass")

if not CHROMIUM or not CHROMEDRIVER:
    pytest.skip("chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)",
                allow_module_level=True)

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e .[test])")
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def live_server(request, tmp_path_factory):
    """The app on waitress (4 threads) on a free localhost port, over a copy of the national corpus
    (the import test changes it). LAWKB_TEST_CORPUS_DIR may name an ingested and indexed corpus
    folder to use instead (saves the national ingest + index build when iterating on the web app)."""
    import waitress

    from kb.corpus import Corpus
    from webapp import create_app
    from webapp.state import warm_up
    from webapp.admin.users import UserStore

    source = os.environ.get("LAWKB_TEST_CORPUS_DIR")
    if not source:
        from kb.penalty.table import load

        national = request.getfixturevalue("national_corpus")
        load(national)  # as `lawkb ingest` (make run) leaves the store: its penalty table built, once per session
        source = national.dir
    folder = tmp_path_factory.mktemp("browser") / "corpus"
    shutil.copytree(source, folder, symlinks=True, ignore=shutil.ignore_patterns("webapp.sqlite", "index-*"))
    live = folder / "index"  # copy only the live index build, not old or half-built ones
    if live.is_symlink():
        live.unlink()
    if (Path(source) / "index").exists():
        shutil.copytree((Path(source) / "index").resolve(), live)
    corpus = Corpus(folder)
    UserStore.for_corpus(corpus).add(*ADMIN, admin=True)
    app = create_app({"CORPUS_DIR": str(folder), "SECRET_KEY": "browser-tests", "REBUILD_INDEXES": False,
                      "WARM_PENALTY": True},  # as in production: the penalty table loads in the background
                     instance_path=str(folder / "instance"))
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    # as `lawkb serve` does: the warm-up opens the first generation, which starts the penalty table's load
    threading.Thread(target=warm_up, args=(app,), daemon=True).start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,1000", "--lang=zh-CN",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def shot(driver, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return Math.min(document.documentElement.scrollHeight, 4000)")
    width = driver.get_window_size()["width"]
    driver.set_window_size(width, max(height, 800))
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))
    driver.set_window_size(width, 1000)


def wait(driver, seconds: float = 20) -> WebDriverWait:
    return WebDriverWait(driver, seconds)


