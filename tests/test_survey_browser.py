"""The page of ``yakugo survey --html`` in headless Chromium: charts drawn with nothing fetched,
links from a concept to the documents that deviate, and archive text that stays text.

Skips, as the annotate browser tests do, without selenium, chromium or chromedriver.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from support import ROOT
from yakugo.cli.app import app

pytestmark = pytest.mark.browser

pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install '.[test]')")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from test_annotate_browser import WAIT_SECONDS, browser  # noqa: E402,F401  (the headless Chromium fixture)

ARTIFACTS = ROOT / "tests" / "artifacts"
HOSTILE_ID = '<img src=x onerror="window.pwned=1">'
HOSTILE_GROUP = "</script><script>window.pwned=2</script>"


@pytest.fixture(scope="module")
def survey_page(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("survey-page")
    records = [
        {"id": "r1", "date": "2020-05-01", "text": "米露首脳会談。米ロの対話。米露関係。"},
        {"id": "r2", "date": "2020-11-30", "text": "米露の協議。"},
        {"id": "r3", "date": "2021-02-01", "text": "米ロの協議。米ロ関係の改善。"},
        {"id": HOSTILE_ID, "date": "2021-07-07", "text": "グルジア情勢。"},
    ]
    archive = folder / "archive.jsonl"
    archive.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    page = folder / "survey.html"
    result = CliRunner().invoke(app, ["survey", str(archive), "--by", "date", "--period", "year", "--html", str(page), "-f", "json", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps({"id": "h1", "desk": HOSTILE_GROUP, "text": "米露と米ロ。"}) + "\n", encoding="utf-8")
    return page


def open_page(browser, page: Path) -> None:
    browser.get(page.as_uri())
    WebDriverWait(browser, WAIT_SECONDS).until(lambda driver: driver.execute_script("return document.readyState") == "complete")


def test_the_charts_draw_from_the_inlined_library_with_nothing_fetched(browser, survey_page):
    browser.get_log("browser")
    open_page(browser, survey_page)
    assert browser.execute_script("return document.querySelectorAll('script[src], link[href], img[src]').length") == 0
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda driver: driver.execute_script("return document.querySelectorAll('.js-plotly-plot .main-svg').length") >= 2
    )
    assert browser.execute_script("return typeof Plotly") == "object"
    fetched = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert [name for name in fetched if not name.startswith(("file:", "data:", "blob:"))] == []
    # The per-year chart of 米露/米ロ: one bar trace per form, the two years on its axis.
    chart = browser.find_element(By.CSS_SELECTOR, "[id$='-chart'].js-plotly-plot:not(#ranking-chart)")
    ticks = [tick.text for tick in chart.find_elements(By.CSS_SELECTOR, ".xtick text")]
    assert ticks == ["2020", "2021"]
    assert browser.execute_script("return arguments[0].data.map(t => t.name)", chart) == ["米ロ", "米露"]
    ARTIFACTS.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / "survey_page.png"))
    assert not [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def test_a_concept_links_to_its_deviating_documents(browser, survey_page):
    open_page(browser, survey_page)
    rows = browser.find_elements(By.CSS_SELECTOR, "#ranking-table tbody tr")
    first = rows[0].find_elements(By.TAG_NAME, "td")
    assert first[1].text == "georgia" and first[-1].text == "100%"
    first[4].find_element(By.TAG_NAME, "a").click()
    target = browser.execute_script("return document.querySelector(location.hash)")
    assert browser.execute_script("return location.hash").endswith("-deviating")
    assert HOSTILE_ID in target.text  # the id is shown as text
    assert "Documents using deprecated forms (1)" in target.text
    assert browser.execute_script("return arguments[0].getBoundingClientRect().top", target) < 200  # scrolled to


def test_archive_text_is_never_markup(browser, survey_page, tmp_path):
    open_page(browser, survey_page)
    assert browser.execute_script("return window.pwned") is None
    assert browser.find_elements(By.CSS_SELECTOR, "section img") == []
    hostile = survey_page.parent / "hostile.jsonl"
    page = tmp_path / "hostile.html"
    result = CliRunner().invoke(app, ["survey", str(hostile), "--by", "desk", "--html", str(page), "-f", "json", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    open_page(browser, page)
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda driver: driver.execute_script("return document.querySelectorAll('.js-plotly-plot .main-svg').length") >= 1
    )
    assert browser.execute_script("return window.pwned") is None
    ticks = [tick.text for tick in browser.find_elements(By.CSS_SELECTOR, ".js-plotly-plot .xtick text")]
    assert HOSTILE_GROUP in ticks  # the group name is a label, shown as written
