"""The HTML of ``yakugo annotate`` in a real browser: headless Chromium via selenium.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs
them when missing) and skips, saying so, without them. Screenshots are kept
under ``tests/artifacts/`` (ignored by git) for a person to look at.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from yakugo.aligner.annotate.model import annotate_document
from yakugo.cli.app import app
from yakugo.glossary import load_glossary
from yakugo.glossary.textfile import read_text
from support import ROOT, SEED_000, need_shared

pytestmark = pytest.mark.browser

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install '.[test]')")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
)
# Long enough for a slow shared machine; the waits end as soon as the page is ready.
WAIT_SECONDS = 30


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.skip("headless Chromium needs the Debian packages chromium and chromium-driver (apt-get install -y chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    # Both paths given, so selenium never looks for (or downloads) a browser or driver itself.
    options.binary_location = chromium
    profile = tempfile.mkdtemp(prefix="yakugo-chromium-")
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory) -> Path:
    seed = need_shared("seeds", SEED_000)
    page = tmp_path_factory.mktemp("annotate") / "seed000.html"
    result = CliRunner().invoke(app, ["annotate", str(seed), "--html", str(page)])
    assert result.exit_code == 0, result.output
    return page


def seed_counts() -> tuple[int, int]:
    """Concepts and lint findings of the seed article with the bundled glossary (which grows)."""
    annotation = annotate_document(read_text(need_shared("seeds", SEED_000)), load_glossary())
    return len(annotation.concepts), len(annotation.findings)


def open_page(browser, page: Path) -> None:
    browser.get(page.as_uri())
    WebDriverWait(browser, WAIT_SECONDS).until(lambda b: b.execute_script("return document.readyState") == "complete")
    browser.get_log("browser")  # start each test with an empty console log


def visible_tooltip(browser):
    return WebDriverWait(browser, WAIT_SECONDS).until(expected_conditions.visibility_of_element_located((By.ID, "tooltip")))


def screenshot(browser, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / name))


def test_hovering_a_term_shows_its_english(browser, seed_page):
    open_page(browser, seed_page)
    tooltip = browser.find_element(By.ID, "tooltip")
    assert not tooltip.is_displayed()
    term = browser.find_element(By.CSS_SELECTOR, 'main .term[data-concept="budapest-memorandum"]')
    assert term.text == "ブダペスト覚書"
    ActionChains(browser).move_to_element(term).perform()
    tooltip = visible_tooltip(browser)
    screenshot(browser, "annotate_seed000_hover.png")
    assert "ブダペスト覚書 = Budapest Memorandum" in tooltip.text
    assert "note" in tooltip.text
    # Just below the term, and inside the window.
    term_box, tip_box = term.rect, tooltip.rect
    assert term_box["y"] + term_box["height"] <= tip_box["y"] <= term_box["y"] + term_box["height"] + 20
    assert 0 <= tip_box["x"] and tip_box["x"] + tip_box["width"] <= browser.execute_script("return innerWidth")
    assert not [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def test_a_flagged_term_shows_its_lint_message(browser, seed_page):
    open_page(browser, seed_page)
    # Seed 000 misspells 主要7カ国 with the katakana 力 (a deprecated form of the G7).
    flagged = browser.find_element(By.CSS_SELECTOR, 'main .term.flag[data-concept="g7"]')
    assert flagged.text == "主要7力国"
    ActionChains(browser).move_to_element(flagged).perform()
    tooltip = visible_tooltip(browser)
    screenshot(browser, "annotate_seed000_finding.png")
    assert "主要7カ国 = Group of Seven" in tooltip.text
    assert "warning · deprecated-variant: 主要7力国 is deprecated" in tooltip.text


def test_keyboard_focus_shows_the_tooltip_and_escape_hides_it(browser, seed_page):
    open_page(browser, seed_page)
    concepts, findings = seed_counts()
    assert findings > 0
    # The header's two links to the side panel come first, then the glosses switch.
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element.text == f"{concepts} concepts"
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element.text == f"{findings} lint findings"
    ActionChains(browser).send_keys(Keys.TAB).perform()  # then the switch that shows every gloss
    assert browser.switch_to.active_element.get_attribute("id") == "show-glosses"
    ActionChains(browser).send_keys(Keys.TAB).perform()
    focused = browser.switch_to.active_element
    assert "term" in focused.get_attribute("class").split()
    assert focused.text == "ブダペスト覚書"
    tooltip = visible_tooltip(browser)
    concept = focused.get_attribute("data-concept")
    english = browser.execute_script(
        "return document.getElementById(arguments[0]).querySelector('.en').textContent", f"c-{concept}"
    )
    assert english and english in tooltip.text
    screenshot(browser, "annotate_seed000_focus.png")
    focused.send_keys(Keys.ESCAPE)
    WebDriverWait(browser, WAIT_SECONDS).until(expected_conditions.invisibility_of_element_located((By.ID, "tooltip")))


def test_the_side_panel_highlights_a_concept(browser, seed_page):
    open_page(browser, seed_page)
    button = browser.find_element(By.CSS_SELECTOR, '.concepts button[data-concept="russia"]')
    assert button.text.split() == ["ロシア", "Russia", "34"]
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    highlighted = browser.find_elements(By.CSS_SELECTOR, "main .term.hl")
    assert len(highlighted) == 34
    assert {term.get_attribute("data-concept") for term in highlighted} == {"russia"}
    screenshot(browser, "annotate_seed000_panel.png")


def test_the_keyboard_reaches_the_side_panel_and_sees_where_it_is(browser, seed_page):
    open_page(browser, seed_page)
    ActionChains(browser).send_keys(Keys.TAB).perform()
    link = browser.switch_to.active_element
    assert link.text == f"{seed_counts()[0]} concepts"
    link.send_keys(Keys.ENTER)
    # The next Tab goes on from the panel's heading, not through the article's terms.
    ActionChains(browser).send_keys(Keys.TAB).perform()
    button = browser.switch_to.active_element
    assert button == browser.find_element(By.CSS_SELECTOR, ".concepts button")  # the most frequent concept
    outline = browser.execute_script(
        "var s = getComputedStyle(arguments[0]); return [s.outlineStyle, parseFloat(s.outlineWidth)]", button
    )
    assert outline[0] != "none" and outline[1] >= 2  # a visible focus ring, not lost to the button's reset
    screenshot(browser, "annotate_seed000_panel_focus.png")
    button.send_keys(Keys.ENTER)
    assert button.get_attribute("aria-pressed") == "true"


def test_line_numbers_are_inside_the_window(browser, seed_page):
    open_page(browser, seed_page)
    lefts = browser.execute_script(
        """return Array.from(document.querySelectorAll('main p')).map(function (p) {
             var before = getComputedStyle(p, '::before');
             return p.getBoundingClientRect().left + parseFloat(before.left);
           });"""
    )
    assert len(lefts) > 50 and min(lefts) >= 0
    # Room for five right-aligned digits at the numbers' size.
    width = browser.execute_script("return parseFloat(getComputedStyle(document.querySelector('main p'), '::before').width)")
    assert width >= 5 * 0.7 * 16 * 0.6


def long_note_page(tmp_path: Path, terms_tsv: str, sentence: str) -> Path:
    """The page of an article with ``sentence`` between 12 lines before and after, and the glossary ``terms_tsv``."""
    (tmp_path / "terms.tsv").write_text(terms_tsv, encoding="utf-8")
    lines = ["前置きの文章がここに続く。"] * 12 + [sentence] + ["後書きの文章がここに続く。"] * 12
    (tmp_path / "article.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    page = tmp_path / "article.html"
    result = CliRunner().invoke(app, ["annotate", str(tmp_path / "article.txt"), "--glossary", str(tmp_path / "terms.tsv"), "--html", str(page)])
    assert result.exit_code == 0, result.output
    return page


def test_a_long_note_stays_inside_a_small_window(browser, tmp_path):
    """A focused term whose note is longer than the window: the tooltip fits and scrolls."""
    note = "長い注記。" + "This note goes on and on about the history of the term. " * 40
    page = long_note_page(
        tmp_path, f"id\tja\ten\tnote\nextended-deterrence\t拡大抑止\textended deterrence\t{note}\n", "同盟国は拡大抑止の強化を求めた。"
    )
    browser.set_window_size(360, 520)
    try:
        open_page(browser, page)
        term = browser.find_element(By.CSS_SELECTOR, 'main .term[data-concept="extended-deterrence"]')
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", term)
        visible_tooltip(browser)
        screenshot(browser, "annotate_long_note_small_window.png")
        tip, box, height, scroll = browser.execute_script(
            """var tip = document.getElementById('tooltip');
               return [tip.getBoundingClientRect().toJSON(), arguments[0].getBoundingClientRect().toJSON(),
                       innerHeight, [tip.scrollHeight, tip.clientHeight]];""",
            term,
        )
        assert 0 <= tip["top"] and tip["bottom"] <= height  # inside the window
        assert tip["top"] >= box["bottom"] or tip["bottom"] <= box["top"]  # the term stays visible
        assert scroll[0] > scroll[1]  # the rest of the note is a scroll away
    finally:
        browser.set_window_size(1280, 900)


def test_a_long_tooltip_shows_the_finding_first_and_scrolls_by_keyboard(browser, tmp_path):
    """A deprecated spelling of a term with a very long note, in a phone-sized window:
    the lint message is in view at once, and the arrow and page keys scroll the rest."""
    note = "Long note. " + "This note goes on and on about the history of the term. " * 40
    page = long_note_page(
        tmp_path,
        f"id\tja\ten\tja_deprecated\tnote\nextended-deterrence\t拡大抑止\textended deterrence\t拡大核抑止\t{note}\n",
        "同盟国は拡大核抑止の強化を求めた。",
    )
    browser.set_window_size(360, 520)
    try:
        open_page(browser, page)
        term = browser.find_element(By.CSS_SELECTOR, "main .term.flag")
        assert term.text == "拡大核抑止"
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", term)
        tooltip = visible_tooltip(browser)
        screenshot(browser, "annotate_long_note_finding_first.png")
        message, tip = browser.execute_script(
            """var tip = document.getElementById('tooltip');
               var message = Array.from(tip.children).find(function (part) { return part.classList.contains('msg'); });
               return [message.getBoundingClientRect().toJSON(), tip.getBoundingClientRect().toJSON()];"""
        )
        assert tip["top"] <= message["top"] and message["bottom"] <= tip["bottom"]  # no scrolling needed to read it
        assert "deprecated-variant: 拡大核抑止 is deprecated" in tooltip.text
        page_scroll = browser.execute_script("return scrollY")
        term.send_keys(Keys.PAGE_DOWN)
        term.send_keys(Keys.ARROW_DOWN)
        scrolled = browser.execute_script("return [document.getElementById('tooltip').scrollTop, scrollY]")
        assert scrolled[0] > 0 and scrolled[1] == page_scroll  # the tooltip scrolled, not the page
        assert browser.switch_to.active_element == term and tooltip.is_displayed()
        term.send_keys(Keys.ESCAPE)
        WebDriverWait(browser, WAIT_SECONDS).until(expected_conditions.invisibility_of_element_located((By.ID, "tooltip")))
    finally:
        browser.set_window_size(1280, 900)


# --- the reading view: Markdown rendered, every gloss shown at once ---------------------------

MARKDOWN_ARTICLE = """# 北大西洋条約機構の首脳会議

1993年、*イェルツィン*大統領は`NATO拡大`に反対した。

- 一つ目の項目
- [外務省の資料](https://example.org/?q=<b>)

<script>document.title = 'owned'</script>
"""


def markdown_page(tmp_path: Path, *options: str) -> Path:
    (tmp_path / "article.md").write_text(MARKDOWN_ARTICLE, encoding="utf-8")
    page = tmp_path / "article.html"
    result = CliRunner().invoke(app, ["annotate", str(tmp_path / "article.md"), "--html", str(page), *options])
    assert result.exit_code == 0, result.output
    return page


def test_a_markdown_heading_is_rendered_with_its_term_still_marked(browser, tmp_path):
    open_page(browser, markdown_page(tmp_path))
    heading = browser.find_element(By.CSS_SELECTOR, "main h1")
    assert heading.text == "北大西洋条約機構の首脳会議"  # no '#' shown
    term = heading.find_element(By.CSS_SELECTOR, '.term[data-concept="nato"]')
    assert term.text == "北大西洋条約機構"
    assert float(browser.execute_script("return parseFloat(getComputedStyle(arguments[0]).fontSize)", heading)) > 20
    # Emphasis and a list rendered, the raw HTML shown as text and never run.
    assert browser.find_element(By.CSS_SELECTOR, "main p em .term").get_attribute("data-concept") == "boris-yeltsin"
    assert [item.text for item in browser.find_elements(By.CSS_SELECTOR, "main ul li")] == [
        "一つ目の項目", "外務省の資料 <https://example.org/?q=%3Cb%3E>"
    ]
    assert "<script>" in browser.find_element(By.ID, "article").text and browser.title != "owned"
    ActionChains(browser).move_to_element(term).perform()
    assert "North Atlantic Treaty Organization" in visible_tooltip(browser).text
    screenshot(browser, "annotate_markdown_heading.png")
    assert not [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def test_the_switch_shows_every_gloss_above_its_term(browser, tmp_path):
    open_page(browser, markdown_page(tmp_path))
    terms = browser.find_elements(By.CSS_SELECTOR, "main .term")
    glosses_of = "return Array.from(document.querySelectorAll('main .term')).map(t => getComputedStyle(t, '::before').content)"
    assert set(browser.execute_script(glosses_of)) == {"none"}
    switch = browser.find_element(By.ID, "show-glosses")
    assert switch.get_attribute("aria-pressed") == "false"
    switch.click()
    assert switch.get_attribute("aria-pressed") == "true"
    assert browser.execute_script(glosses_of) == ['"North Atlantic Treaty Organization"', '"Boris Yeltsin"', '"Foreign Ministry"']
    # Each gloss sits above its term's text, inside the window.
    for term in terms:
        gloss_height = browser.execute_script("return parseFloat(getComputedStyle(arguments[0], '::before').height)", term)
        assert gloss_height > 5 and term.rect["height"] > gloss_height
    screenshot(browser, "annotate_markdown_all_glosses.png")
    switch.click()
    assert set(browser.execute_script(glosses_of)) == {"none"}


def test_show_glosses_opens_the_page_with_the_switch_on(browser, tmp_path):
    open_page(browser, markdown_page(tmp_path, "--show-glosses"))
    assert browser.find_element(By.ID, "show-glosses").get_attribute("aria-pressed") == "true"
    assert "glosses-shown" in browser.find_element(By.TAG_NAME, "body").get_attribute("class")
    first = browser.find_element(By.CSS_SELECTOR, "main .term")
    assert browser.execute_script("return getComputedStyle(arguments[0], '::before').content", first) == '"North Atlantic Treaty Organization"'
