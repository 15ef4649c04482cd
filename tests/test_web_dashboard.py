"""The dashboard in a real headless Chromium (Selenium), served by `vigil serve` on a real ingested database.

The database is built by ingesting the example and seed articles plus one article whose title and text
carry markup (<script>, <img onerror>) that must show as text. Screenshots go to a temporary folder, or
to $VIGIL_SCREENSHOTS when set (docs/img/ is made that way).
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import _require

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
XSS_TITLE = "Attack in Mosul <img src=x onerror=\"window.__vigil_xss='title'\">"
XSS_SCRIPT = "<script>window.__vigil_xss='script'</script>"
XSS_TEXT = ("Islamic State militants attacked an army checkpoint in Mosul on Monday, killing three soldiers, "
            f"Iraqi officials said. {XSS_SCRIPT} The militants fled towards the desert west of the city. "
            "<img src=x onerror=\"window.__vigil_xss='img'\"> "
            "\"We will hunt them down,\" said Yahya Rasool, spokesman for the Iraqi military.")
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,860")


@pytest.fixture(scope="session")
def dashboard_db(tmp_path_factory):
    from vigil.api import Vigil

    folder = tmp_path_factory.mktemp("dashboard")
    untrusted = folder / "untrusted.jsonl"
    untrusted.write_text(json.dumps({"title": XSS_TITLE, "text": XSS_TEXT, "published": "2024-03-04",
                                     "source": "Test Wire", "url": "javascript:alert(1)"}) + "\n", encoding="utf-8")
    path = folder / "dashboard.db"
    with Vigil(str(path)) as vigil:
        vigil.ingest([str(ROOT / "examples"), str(ROOT / "tests" / "fixtures" / "seeds"), str(untrusted)])
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture(scope="session")
def server(dashboard_db):
    from vigil.server import dashboard_missing

    if dashboard_missing() is not None:
        _require("the dashboard's vendor files (make install runs npm)")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen([sys.executable, "-m", "vigil.cli", "serve", "--db", str(dashboard_db),
                                "--host", "127.0.0.1", "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(150):
            try:
                _get_json(base + "api/stats")
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"vigil serve exited: {process.stderr.read().decode()}")
                time.sleep(0.2)
        else:
            pytest.fail("vigil serve did not answer within 30 s")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        _require("Chromium and chromedriver (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="vigil-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def shots(tmp_path_factory):
    folder = Path(os.environ.get("VIGIL_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _wait_rendered(driver, expect: str = "", timeout=30):
    """Until the dashboard has drawn the page of its current address (which contains `expect`)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(
        "const r = document.documentElement.dataset.rendered;"
        "return r && r === (location.hash || '#/') && r.includes(arguments[0])", expect))


def _open(driver, url):
    driver.get(url)
    _wait_rendered(driver)


def _go(driver, fragment):
    driver.execute_script("location.hash = arguments[0]", fragment)
    _wait_rendered(driver)


def _list_rows(driver):
    return driver.find_elements("css selector", "#event-list .event-row")


def _list_total(driver) -> int:
    title = driver.find_element("css selector", "#event-list-title").text  # "Events (26)"
    return int(title.split("(")[1].split(")")[0])


def _csp_violations(driver):
    return [e for e in driver.get_log("browser") if "Content Security Policy" in e["message"]]


def test_dashboard_map_draws_points_and_shades_countries(server, browser, shots):
    _open(browser, server)
    countries = _get_json(server + "api/map/countries")["rows"]
    cells = _get_json(server + "api/map?zoom=2")["rows"]
    assert countries and cells
    markers = browser.find_elements("css selector", ".leaflet-marker-pane .leaflet-marker-icon")
    assert markers, "no event point drawn on the map"
    drawn = sum(int(m.text or 1) for m in markers)  # clusters show their count, single events a dot
    assert drawn == sum(c["events"] for c in cells)
    shaded = browser.find_elements("css selector", "path.country.shaded")
    assert len(shaded) == len({c["numeric"] for c in countries if c["numeric"]})
    assert len(browser.find_elements("css selector", "path.country")) > 150  # every country's shape, no tiles
    timeline_bars = browser.find_elements("css selector", "#timeline rect.bar")
    assert timeline_bars and _list_total(browser) == _get_json(server + "api/map/events?limit=1")["total"]
    assert not _csp_violations(browser)
    browser.save_screenshot(str(shots / "dashboard-map.png"))


def test_dashboard_filters_by_country_type_and_actor(server, browser, shots):
    from selenium.webdriver.support.ui import Select

    _open(browser, server)
    everything = _list_total(browser)
    Select(browser.find_element("css selector", "#filters select[name=country]")).select_by_value("LY")
    _wait_rendered(browser, "country=LY")
    libya = _get_json(server + "api/map/events?country=LY&limit=500")
    assert 0 < _list_total(browser) == libya["total"] < everything
    assert all("(LY)" in row.text for row in _list_rows(browser))
    assert browser.execute_script("return document.documentElement.dataset.mapEvents") == str(libya["total"])

    Select(browser.find_element("css selector", "#filters select[name=type]")).select_by_value("ASSAULT")
    _wait_rendered(browser, "type=ASSAULT")
    assaults = _get_json(server + "api/map/events?country=LY&type=ASSAULT&limit=500")
    assert _list_total(browser) == assaults["total"] > 0
    assert all(row.find_element("css selector", "a").text == "ASSAULT" for row in _list_rows(browser))

    browser.find_element("css selector", "#filters button[type=reset]").click()
    _wait_rendered(browser)
    assert _list_total(browser) == everything
    actor = browser.find_element("css selector", "#filters input[name=actor]")
    actor.send_keys("Islamic State")
    browser.find_element("css selector", "#filters button[type=submit]").click()
    _wait_rendered(browser, "actor=Islamic")
    by_actor = _get_json(server + "api/map/events?actor=Islamic%20State&limit=500")
    assert 0 < _list_total(browser) == by_actor["total"] < everything
    assert all("Islamic State" in f"{r['actor1']} {r['actor2']}" for r in by_actor["rows"])
    browser.save_screenshot(str(shots / "dashboard-filtered.png"))


def _untrusted_event(server):
    rows = _get_json(server + "api/map/events?country=IQ&type=ASSAULT&limit=500")["rows"]
    return next(r for r in rows if "checkpoint in Mosul" in r["sentence"])


def test_dashboard_event_page_highlights_the_sentence_in_each_source(server, browser, shots):
    event = _untrusted_event(server)
    detail = _get_json(server + f"api/events/{event['id']}")
    _open(browser, server + f"#/event/{event['id']}")
    sources = browser.find_elements("css selector", "article.source")
    assert len(sources) == len(detail["documents"]) >= 1
    current = browser.find_element("css selector", "mark.sentence.current")
    assert current.text.strip() == event["sentence"].strip()
    doc = next(d for d in detail["documents"] if d["id"] == event["doc_id"])
    trigger = current.find_element("css selector", "strong.trigger").text
    assert trigger == doc["text"][detail["event"]["start"]:detail["event"]["end"]]
    browser.save_screenshot(str(shots / "dashboard-event.png"))


def test_dashboard_shows_article_markup_as_text_and_runs_none_of_it(server, browser, shots):
    event = _untrusted_event(server)
    _open(browser, server + f"#/event/{event['id']}")
    _go(browser, f"#/doc/{event['doc_id']}")
    assert browser.find_element("css selector", "h1.doc-title").text == XSS_TITLE
    text = browser.find_element("css selector", "#view-doc .article-text").text
    assert XSS_SCRIPT in text and "onerror" in text.replace(" ", "")
    assert not browser.find_elements("css selector", "#view-doc .article-text img, #view-doc .article-text script, "
                                                     "h1.doc-title img, #view-event img")
    assert browser.find_elements("css selector", "#view-doc a[href^='javascript']") == []
    _go(browser, "#/search?q=checkpoint")
    result = browser.find_element("css selector", ".results li a")
    assert result.text == XSS_TITLE
    assert browser.execute_script("return window.__vigil_xss === undefined")
    assert not _csp_violations(browser)  # nothing of the dashboard's own breaks the policy
    inline_ran = browser.execute_script("""
        const s = document.createElement('script'); s.textContent = 'window.__vigil_inline = 1';
        document.body.append(s); return window.__vigil_inline === 1""")
    assert not inline_ran, "the Content-Security-Policy should stop inline script"
    browser.save_screenshot(str(shots / "dashboard-untrusted-article.png"))


def test_dashboard_spread_view_lists_areas_of_an_actor(server, browser, shots):
    _open(browser, server + "#/spread?actor=Islamic%20State")
    spread = _get_json(server + "api/spread?actor=Islamic%20State")
    assert spread["areas"]
    all_areas = browser.find_element("xpath", "//*[@id='view-spread']//h2[starts-with(., 'All areas')]"
                                              "/following-sibling::table[1]")
    areas = all_areas.find_elements("css selector", "tbody tr")
    assert len(areas) == len(spread["areas"])
    assert areas[0].find_elements("css selector", "td")[0].text == spread["areas"][0]["country"]
    browser.save_screenshot(str(shots / "dashboard-spread.png"))


def test_dashboard_quotes_by_speaker(server, browser, shots):
    _open(browser, server + "#/quotes")
    speakers = browser.find_elements("css selector", ".speakers li a")
    assert speakers
    name = speakers[0].text
    speakers[0].click()
    _wait_rendered(browser, "speaker=")
    cards = browser.find_elements("css selector", ".quote-card footer")
    expected = _get_json(server + "api/quotes?" + urllib.parse.urlencode({"speaker": name, "limit": 100}))["count"]
    assert len(cards) == expected > 0 and all(name in c.text for c in cards)
    browser.save_screenshot(str(shots / "dashboard-quotes.png"))
