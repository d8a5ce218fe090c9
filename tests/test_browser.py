"""End to end in a real browser: `streamlit run app.py` on 127.0.0.1, driven by headless Chromium
through Selenium and the Debian chromedriver (Selenium never downloads a driver or a browser).

Asks the canonical question in the chat box, waits for the rendered answer card, checks the
citation, and keeps a full-page screenshot: artifacts/browser-answer.png (copied to
docs/screenshot-answer.png only when UPDATE_DOCS_SCREENSHOT=1, so a test run never dirties the
repository) and artifacts/browser-viewer.png after jumping to the clause in the document viewer.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CANONICAL = "Ai chịu trách nhiệm phát triển đoàn viên trong các tổ chức kinh tế tập thể?"
DOC_48 = "ke-hoach-48-KH-DDTLD-nghi-quyet-20-kinh-te-tap-the.txt"
ARTIFACTS = ROOT / "artifacts"
DOCS = ROOT / "docs"
HOST = "127.0.0.1"

# Bounded waits; generous because the CPU is shared with other jobs.
SERVER_START_S = 90
PAGE_READY_S = 120
ANSWER_S = 120

if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
    pytest.skip(
        f"needs {CHROMIUM} and {CHROMEDRIVER} (Debian packages chromium, chromium-driver)",
        allow_module_level=True,
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode().strip() == "ok"
    except OSError:
        return False


@pytest.fixture(scope="module")
def index_48(tmp_path_factory, embedder) -> Path:
    from ingest.build import update_index

    directory = tmp_path_factory.mktemp("browser") / "index"
    report = update_index([ROOT / "corpus" / DOC_48], directory, embedder)
    assert report.documents == 1 and not report.skipped
    return directory


@pytest.fixture(scope="module")
def server(index_48, tmp_path_factory):
    """`streamlit run app.py` on a free localhost port; yields its base URL."""
    tmp = tmp_path_factory.mktemp("streamlit")
    port = _free_port()
    env = dict(os.environ)
    env.update(
        HOIDAP_INDEX=str(index_48),
        HOIDAP_UPLOADS=str(tmp / "uploads"),
        HOIDAP_FEEDBACK=str(tmp / "feedback.sqlite"),
        STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
    )
    log_path = tmp / "streamlit.log"
    cmd = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--server.address", HOST,
        "--server.port", str(port),
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_S
        while not _healthy(f"{base}/_stcore/health"):
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                pytest.fail(
                    f"streamlit not healthy after {SERVER_START_S} s:\n{log_path.read_text()[-3000:]}"
                )
            time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture()
def browser(tmp_path, monkeypatch):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common import selenium_manager

    def no_manager(*args, **kwargs):
        raise AssertionError("Selenium Manager must not run: the driver and browser paths are given")

    # Belt and braces: Selenium only consults Selenium Manager when a path is missing; make sure
    # it can never download anything.
    monkeypatch.setattr(selenium_manager.SeleniumManager, "binary_paths", no_manager, raising=False)
    monkeypatch.setenv("SE_OFFLINE", "true")

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--window-size=1400,1000",
        "--lang=vi-VN",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(
        service=Service(executable_path=str(CHROMEDRIVER), log_output=str(tmp_path / "chromedriver.log")),
        options=options,
    )
    driver.set_page_load_timeout(PAGE_READY_S)
    try:
        yield driver
    finally:
        driver.quit()


def _full_page_screenshot(driver, path: Path) -> None:
    """Streamlit scrolls inside its own container, so grow the window to the content's height
    (capped) and screenshot that."""
    height = driver.execute_script(
        "const m = document.querySelector('[data-testid=\"stAppScrollToBottomContainer\"]');"
        "const s = document.querySelector('[data-testid=\"stSidebarContent\"]');"
        "return Math.max(m ? m.scrollHeight : 0, s ? s.scrollHeight : 0, document.body.scrollHeight);"
    )
    driver.set_window_size(1400, min(max(int(height) + 200, 1000), 8000))
    time.sleep(1.5)  # let the layout settle at the new size
    driver.execute_script(
        "for (const id of ['stAppScrollToBottomContainer', 'stSidebarContent']) {"
        '  const e = document.querySelector(`[data-testid="${id}"]`); if (e) e.scrollTop = 0; }'
    )
    time.sleep(0.5)
    path.parent.mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(path)), f"screenshot not written: {path}"


def _click(driver, element) -> None:
    """A real click, retried while Streamlit's layout is still moving (resize, auto-scroll)."""
    from selenium.common.exceptions import ElementClickInterceptedException
    from selenium.webdriver.support.ui import WebDriverWait

    def attempt(driver) -> bool:
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        try:
            element.click()
        except ElementClickInterceptedException:
            return False
        return True

    WebDriverWait(driver, 30, poll_frequency=0.5).until(attempt, message="button never clickable")


def test_ask_in_browser_shows_cited_answer(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server)
    box = WebDriverWait(browser, PAGE_READY_S).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, '[data-testid="stChatInputTextArea"]'))
    )
    # The index is loaded before the chat box is drawn; wait for the script run to finish too.
    WebDriverWait(browser, PAGE_READY_S).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, ".st-key-example_0"))
    )
    box.click()
    box.send_keys(CANONICAL)
    assert box.get_attribute("value") == CANONICAL
    box.send_keys(Keys.ENTER)

    answer = (By.CSS_SELECTOR, '[data-testid="stChatMessage"] .hoidap-passage')
    WebDriverWait(browser, ANSWER_S).until(ec.text_to_be_present_in_element(answer, "Ban Tổ chức"))
    # The feedback buttons come last: once they are drawn the whole answer is on the page.
    WebDriverWait(browser, ANSWER_S).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, ".st-key-fb_up_1 button"))
    )
    first_card = browser.find_element(*answer)
    assert first_card.is_displayed()
    assert "Ban Tổ chức" in first_card.text
    highlighted = first_card.find_elements(By.TAG_NAME, "mark")
    assert highlighted and any("Ban Tổ chức" in m.text for m in highlighted)

    def cited(driver):
        codes = driver.find_elements(By.CSS_SELECTOR, '[data-testid="stChatMessage"] [data-testid="stCode"]')
        return [c for c in codes if "48-KH/ĐĐTLD" in c.text and c.is_displayed()]

    citations = WebDriverWait(browser, 30).until(cited, message="no visible 48-KH/ĐĐTLD citation")
    assert citations[0].text.startswith("Kế hoạch 48-KH/ĐĐTLD")

    shot = ARTIFACTS / "browser-answer.png"
    _full_page_screenshot(browser, shot)
    if os.environ.get("UPDATE_DOCS_SCREENSHOT") == "1":
        shutil.copyfile(shot, DOCS / "screenshot-answer.png")

    # Jump from the first card to its clause in the document viewer.
    browser.set_window_size(1400, 1000)
    button = browser.find_element(By.CSS_SELECTOR, ".st-key-view_1_0 button")
    assert button.text.strip() == "Xem trong văn bản"
    _click(browser, button)
    focus = (By.CSS_SELECTOR, '[data-testid="stSidebar"] .hoidap-focus')
    WebDriverWait(browser, ANSWER_S).until(ec.visibility_of_element_located(focus))
    focus_el = browser.find_element(*focus)
    assert any("Ban Tổ chức" in m.text for m in focus_el.find_elements(By.TAG_NAME, "mark"))
    _full_page_screenshot(browser, ARTIFACTS / "browser-viewer.png")
