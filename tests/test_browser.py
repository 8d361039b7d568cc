"""The real Streamlit server, started on a free port, driven by Debian's Chromium."""

from __future__ import annotations

import shutil
import urllib.parse
from pathlib import Path

import pytest
from conftest import Page, serving

from scripts.streamlit_browser import (
    CHROMIUM,
)
from signals_data.ingest import ingest
from signals_data.store import open_db

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
HOSTILE_TITLE = '<img src=x onerror="alert(1)"> Ports <script>alert(2)</script> reopen'
HOSTILE_PAGE = f"""---
url: https://www.semafor.com/article/03/03/2025/hostile-markup
---
Semafor Signals
{HOSTILE_TITLE}
The News
Harbors reopened on Monday <b onmouseover="alert(3)">after</b> a storm.
SIGNALS
<svg onload=alert(4)> Shipping resumes
Source: Reuters
Cargo moved again, Reuters reported. [click](javascript:alert(5))
"""


@pytest.fixture(scope="session")
def browser_db(corpus_db, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    path = folder / "browser.db"
    shutil.copy(corpus_db, path)
    page = folder / "hostile.txt"
    page.write_text(HOSTILE_PAGE, "utf-8")
    db = open_db(path)
    assert ingest(db, [str(page)]).counts["ok"] == 1
    db.conn.close()
    return path


@pytest.fixture(scope="session")
def server(browser_db):
    with serving(browser_db, browser_db.parent / "server.log") as base:
        yield base


def titles_crediting(db_path: Path, outlet: str) -> set[str]:
    db = open_db(db_path)
    rows = db.execute(
        "SELECT DISTINCT s.title FROM stories s JOIN signal_outlets so ON so.story_id = s.id "
        "JOIN outlets o ON o.id = so.outlet_id WHERE o.name = ? AND so.role = 'credited'",
        [outlet],
    ).fetchall()
    return {r[0] for r in rows}


def all_titles(db_path: Path) -> set[str]:
    db = open_db(db_path)
    return {r[0] for r in db.execute("SELECT title FROM stories")}


@pytest.mark.parametrize(
    "path",
    [
        "",
        "stories",
        "outlets",
        "overlap",
        "themes",
        "search?q=grain",
        "ingest",
        "stories?story=1",
        "outlets?outlet=Reuters",
        "?theme=trade&start=2024-01-01",
    ],
)
def test_every_page_renders(tab, path):
    page = tab()
    page.open(path)
    assert page.exceptions() == 0
    assert page.errors == []


def test_outlet_link_lists_only_its_stories(tab, browser_db):
    page = tab()
    page.open("stories?outlet=Nikkei+Asia")
    expected = titles_crediting(browser_db, "Nikkei Asia")
    assert expected == {"Putin and Xi meet in Beijing as countries deepen ties"}
    assert page.table_titles(all_titles(browser_db), expect=expected) == expected


def test_filter_set_by_clicking_is_a_shareable_link(tab, browser_db):
    page = tab()
    page.open("stories")
    box = page.page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    box.click()
    page.page.keyboard.type("Reuters")
    page.page.keyboard.press("Enter")
    page.page.keyboard.press("Escape")
    page.page.wait_for_function("() => location.search.includes('outlet=Reuters')")
    page.wait()
    expected = titles_crediting(browser_db, "Reuters")
    shown = page.table_titles(all_titles(browser_db), expect=expected)
    assert shown == expected and len(shown) >= 3
    link = page.page.url

    colleague = tab()  # a fresh browser context: no cookies, no session
    colleague.page.goto(link)
    colleague.wait()
    assert page.chips() == colleague.chips() and len(colleague.chips()) == 1
    # A bound widget shows what its URL parameter holds: the outlet's name, without a count.
    assert colleague.chips() == ["Reuters"]
    assert colleague.table_titles(all_titles(browser_db), expect=shown) == shown


def test_switching_pages_keeps_the_filters(tab):
    page = tab()
    page.open("?theme=trade&start=2024-01-01")
    page.page.locator("[data-testid='stSidebarNav'] a", has_text="Outlets").click()
    page.page.wait_for_url("**/outlets**")
    page.wait()
    params = page.params()
    assert params.get("theme") == ["trade"] and params.get("start") == ["2024-01-01"]
    assert page.chips() == ["trade"]  # the theme's URL value, as the bound widget shows it


def test_markup_in_a_headline_never_runs(tab, browser_db):
    db = open_db(browser_db)
    story_id = db.execute("SELECT id FROM stories WHERE title LIKE '%onerror%'").fetchone()[0]
    page = tab()
    for path in (
        f"stories?story={story_id}",
        "stories",
        "",
        "search?q=ports",
        "outlets?outlet=Reuters",
    ):
        page.open(path)
        page.page.mouse.move(400, 400)
        assert page.dialogs == [], path
    page.open(f"stories?story={story_id}")
    assert "<script>alert(2)</script>" in page.page.inner_text("[data-testid='stMain']")
    assert page.exceptions() == 0


def drilled_rows(page: Page) -> list[str]:
    grid = page.page.locator("[data-testid='stDataFrame']").last
    return grid.locator("[role='gridcell']").all_inner_texts()


def test_clicked_heatmap_cell_is_a_shareable_drill_down(tab):
    page = tab()
    page.open("overlap")
    point = page.page.locator("[data-testid='stPlotlyChart'] .scatterlayer .point").first
    point.click(force=True)
    page.page.wait_for_function("() => location.search.includes('drill=')", timeout=30000)
    page.wait()
    params = page.params()
    assert params["drill"][0].startswith("pair|")
    heading = page.page.locator("[data-testid='stMain'] h3").last.inner_text()
    assert "co-cited" in heading
    rows = drilled_rows(page)
    assert rows

    colleague = tab()
    colleague.page.goto(page.page.url)
    colleague.wait()
    assert colleague.page.locator("[data-testid='stMain'] h3").last.inner_text() == heading
    assert drilled_rows(colleague) == rows


def test_drill_down_link_for_each_chart_kind(tab):
    page = tab()
    for drill, words in [
        ("outlet|Reuters", "Signals citing Reuters"),
        ("set|Reuters|Financial Times", "exactly Reuters + Financial Times"),
        ("cell|Reuters|economy", "main theme is Economy"),
    ]:
        page.open("overlap?" + urllib.parse.urlencode({"drill": drill}))
        assert words in page.page.locator("[data-testid='stMain']").inner_text()
        assert page.exceptions() == 0


UPLOAD_PAGE = """Semafor Signals
Lisbon trams return to the hills
The News
Trams returned to three hilly routes in Lisbon on Monday after a two-year repair programme.
SIGNALS
Tourists and residents share the ride
Source: Le Monde
Ridership is expected to climb again, Le Monde reported.
"""


def test_uploaded_pages_are_ingested_and_shown(tab, tmp_path):
    good = tmp_path / "lisbon-trams.txt"
    good.write_text(UPLOAD_PAGE, "utf-8")
    bad = tmp_path / "newsletter.md"
    bad.write_text("The World Today\n1. A summit\nDelegates arrived.\n", "utf-8")
    page = tab()
    page.open("ingest")
    page.page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        [str(good), str(bad)]
    )
    page.page.get_by_role("button", name="Ingest", exact=True).click()
    page.page.get_by_text("The other pages show the new data now").wait_for(timeout=30000)
    page.wait()
    results = " ".join(
        page.page.locator("[data-testid='stDataFrame'] [role='gridcell']").all_inner_texts()
    )
    assert "lisbon-trams.txt" in results and "ok" in results
    assert "rejected" in results and "The World Today" in results
    page.open("stories?" + urllib.parse.urlencode({"outlet": "Le Monde"}))
    assert "Lisbon trams return to the hills" in page.table_titles(
        {"Lisbon trams return to the hills"}, expect={"Lisbon trams return to the hills"}
    )


def test_only_the_shared_fixture_starts_playwright():
    """Playwright's sync API runs one loop per process: a test module starting its own would
    fail once another browser test has run (use the ``chromium`` fixture of conftest.py)."""
    starts = "with sync_" + "playwright() as"  # written in two parts so this file has none
    own = [
        path.name
        for path in Path(__file__).parent.glob("*.py")
        if path.name != "conftest.py" and starts in path.read_text("utf-8")
    ]
    assert own == []
