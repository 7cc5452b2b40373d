"""The pages in a real headless browser (Debian's chromium through Selenium and chromedriver): the
example story with its drawn timeline, an entity link, search and paging. Screenshots of the main
pages land in runs/screenshots/ (git-ignored) for a person to look at."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")

from conftest import REPO

from storyline.web.svg import interval

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install 'storyline[dev]')")

CHROMIUM, DRIVER = shutil.which("chromium") or "/usr/bin/chromium", shutil.which("chromedriver") or "/usr/bin/chromedriver"
pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(DRIVER).exists()),
    reason="chromium/chromedriver absent (apt-get install -y chromium chromium-driver; .ci/run does)",
)
SHOTS = REPO / "runs" / "screenshots"
FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --window-size=1280,1400"


@pytest.fixture(scope="module")
def server(small_db: Path) -> Iterator[str]:
    import uvicorn

    from storyline.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(small_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in FLAGS.split():
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def _shot(driver, name: str) -> None:
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def test_example_story_timeline_is_drawn_in_date_order(server, browser, small_sl):
    from selenium.webdriver.common.by import By

    story = next(s for s in small_sl.stories(limit=None, order="size") if (s.start or "").startswith("2018"))
    browser.get(f"{server}/")
    _shot(browser, "home")
    browser.get(f"{server}/stories/{story.id}")
    svg = browser.find_element(By.CSS_SELECTOR, "svg.timeline")
    assert svg.is_displayed() and svg.size["width"] > 500
    entries = svg.find_elements(By.CSS_SELECTOR, "a.entry")
    assert len(entries) >= 8
    rows = sorted(entries, key=lambda e: e.find_element(By.CSS_SELECTOR, "text.date").location["y"])
    starts = [interval(e.get_attribute("data-date").split()[0]) for e in rows]
    assert starts == sorted(starts)  # top to bottom = earliest to latest
    marks = [e.find_element(By.CSS_SELECTOR, ".mark, .bar").rect["x"] for e in rows]
    assert marks[0] < marks[-1]  # and left to right on the time axis
    _shot(browser, "story")


def test_follow_an_entity_link(server, browser, small_sl):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    story = next(s for s in small_sl.stories(limit=None, order="size") if (s.start or "").startswith("2018"))
    browser.get(f"{server}/stories/{story.id}")
    chip = browser.find_element(By.CSS_SELECTOR, "a.chip")
    name = chip.text
    chip.click()
    WebDriverWait(browser, 30).until(lambda d: "/entities/ent_" in d.current_url)  # loads after click
    assert "/entities/ent_" in browser.current_url
    assert name in browser.find_element(By.TAG_NAME, "h1").text
    assert browser.find_element(By.CSS_SELECTOR, "svg.bars").is_displayed()
    _shot(browser, "entity")
    browser.get(f"{server}/articles/{story.article_ids[0]}")
    assert browser.find_elements(By.CSS_SELECTOR, "article.body a.ent")
    _shot(browser, "article")


def test_search_and_page_through_results(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{server}/")
    box = browser.find_element(By.CSS_SELECTOR, "form.quick input[name=q]")
    box.send_keys("der OR die OR und")
    box.submit()
    # the search page loads after ``submit`` returns on a busy machine: wait for it, not for luck
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "li.hit > a"))
    first = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "li.hit > a")]
    assert len(first) == 20
    _shot(browser, "search")
    browser.find_element(By.CSS_SELECTOR, "a[rel=next]").click()
    WebDriverWait(browser, 30).until(lambda d: "page=2" in d.current_url)
    assert "page=2" in browser.current_url
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "li.hit > a"))
    second = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "li.hit > a")]
    assert second and not set(first) & set(second)
    browser.get(f"{server}/quotes")
    _shot(browser, "quotes")
