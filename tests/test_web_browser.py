"""The pages in a real browser (issue 16): headless Chromium from Debian's packages, driven by
selenium. Upload both samples and a broken file, see the findings and the grade, switch to
English, download the checked workbook and open it; the inbox over 20 workbooks, filtered by
grade. A screenshot of each page is saved in the test's temp folder."""
from __future__ import annotations

import io
import shutil
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.xlsx"))
CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="chromium and chromium-driver (Debian) not installed")


@pytest.fixture
def browser(tmp_path: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,1600",
                f"--user-data-dir={tmp_path / 'profile'}"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _serve(tmp_path: Path, **kw):
    from waitress import create_server

    from perf_xlsx.web.app import create_app

    app = create_app(upload_root=tmp_path / "up", **kw)
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    return server, f"http://127.0.0.1:{server.effective_port}"


def _wait(driver, test, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if test():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out on {driver.current_url}")


def _job_done(driver) -> bool:
    """A job page that has finished checking, judged in one script on one loaded document: the
    running page refreshes itself every second, and between two separate reads it may be
    replaced (no #progress seen while the next page is still loading)."""
    return "/job/" in driver.current_url and bool(driver.execute_script(
        "return document.readyState === 'complete' && document.body !== null"
        " && document.getElementById('progress') === null"))


def test_clerk_page_in_a_browser(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    server, base = _serve(tmp_path)
    try:
        broken = tmp_path / "损坏.xlsx"
        broken.write_bytes(b"PK\x03\x04 not a workbook")
        browser.get(base + "/")
        browser.save_screenshot(str(tmp_path / "clerk-home.png"))
        paths = [str(p) for p in SAMPLES] + [str(broken)]
        browser.find_element(By.ID, "files").send_keys("\n".join(paths))
        browser.find_element(By.ID, "check").click()
        _wait(browser, lambda: _job_done(browser))
        text = browser.find_element(By.TAG_NAME, "body").text
        assert "PX406" in text and "优" in text and "无法检查" in text and "PX005" in text
        assert len(browser.find_elements(By.CSS_SELECTOR, ".card")) == 3
        browser.save_screenshot(str(tmp_path / "clerk-results.png"))
        href = browser.find_element(By.CSS_SELECTOR, "a.workbook").get_attribute("href")
        data = urllib.request.urlopen(href, timeout=30).read()
        names = load_workbook(io.BytesIO(data)).sheetnames
        assert "自评表" in names and "检查结果" in names
        browser.find_element(By.ID, "lang").click()
        _wait(browser, lambda: "lang=en" in browser.current_url)
        text = browser.find_element(By.TAG_NAME, "body").text
        assert "Download" in text and "Score" in text
        browser.save_screenshot(str(tmp_path / "clerk-results-en.png"))
    finally:
        server.close()


def test_inbox_page_in_a_browser(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    for i in range(20):
        shutil.copy(SAMPLES[i % 2], inbox / f"{i:02d}-{SAMPLES[i % 2].name}")
    broken = inbox / "20-坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 broken")
    server, base = _serve(tmp_path, inbox=inbox)
    try:
        browser.get(base + "/inbox")
        _wait(browser, lambda: (browser.get(base + "/inbox") or True) and
              "还有文件正在检查" not in browser.find_element(By.TAG_NAME, "body").text)
        rows = browser.find_elements(By.CSS_SELECTOR, "#inbox tbody tr")
        assert len(rows) == 21
        Select(browser.find_element(By.ID, "grade")).select_by_value("优")
        visible = [r for r in browser.find_elements(By.CSS_SELECTOR, "#inbox tbody tr")
                   if r.is_displayed()]
        assert len(visible) == 20
        browser.save_screenshot(str(tmp_path / "inbox.png"))
        browser.find_element(By.CSS_SELECTOR, "#inbox tbody tr a").click()
        _wait(browser, lambda: "/inbox/" in browser.current_url)
        assert "PX" in browser.find_element(By.TAG_NAME, "body").text
    finally:
        server.close()


def test_stage_samples_in_a_browser(browser, tmp_path: Path) -> None:
    """The three seed-000 stage workbooks checked from the page: each card names its stage,
    the 监控 one shows PX722 and its 绩效监控表 preview (issue 17)."""
    from selenium.webdriver.common.by import By

    stages = sorted((ROOT / "samples" / "stages").glob("*.xlsx"))
    server, base = _serve(tmp_path)
    try:
        browser.get(base + "/")
        browser.find_element(By.ID, "files").send_keys("\n".join(str(p) for p in stages))
        browser.find_element(By.ID, "check").click()
        _wait(browser, lambda: _job_done(browser))
        shown = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "span.stage")]
        assert shown == ["申报", "监控", "自评"]
        text = browser.find_element(By.TAG_NAME, "body").text
        assert "PX722" in text and "项目支出绩效目标执行监控表" in text and "PX746" in text
        browser.save_screenshot(str(tmp_path / "stages.png"))
    finally:
        server.close()
