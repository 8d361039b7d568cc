"""A saved view in the real Streamlit server, driven by Chromium: saved from the sidebar of the
Overlap page, then opened by its short link in a fresh browser context."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest
from conftest import serving

from scripts.streamlit_browser import CHROMIUM, wait_rendered
from signals_data import views
from signals_data.demo import build_demo
from signals_data.store import open_db

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("views_browser")
    path = folder / "demo.db"
    db = open_db(path)
    build_demo(db, 300)
    db.conn.close()
    with serving(path, folder / "server.log", env={"SIGNALS_USER": "browser"}) as base:
        yield base, path


def fresh_tab(chromium):
    context = chromium.new_context(viewport={"width": 1400, "height": 1600})
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    return context, tab


def open_url(tab, url: str) -> None:
    tab.goto(url)
    tab.wait_for_selector("[data-testid='stSidebar']", timeout=30000)
    wait_rendered(tab)


def shows_the_network(tab) -> bool:
    network = tab.get_by_text("Color circles by").count() > 0
    heatmap = tab.get_by_text("Download the pairs among these").count() > 0
    return network and not heatmap


def theme_filter(tab) -> str:
    box = tab.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").nth(1)
    return box.inner_text()


def test_a_view_saved_in_the_page_opens_from_its_short_link(chromium, server):
    base, path = server
    context, tab = fresh_tab(chromium)
    try:
        open_url(tab, f"{base}/overlap?theme=trade&view=network")
        assert shows_the_network(tab)
        tab.get_by_role("button", name="Save this view").click()
        tab.get_by_label("Name").fill("Trade network")
        tab.get_by_label("Note (optional)").fill("co-citation among trade signals")
        tab.get_by_role("button", name="Save view").click()
        tab.get_by_text("Saved. Its short link:").wait_for(timeout=30000)
        shown_link = tab.locator("[data-testid='stCode']").last.inner_text().strip()
        assert tab.errors == []
    finally:
        context.close()
    db = open_db(path)
    [view] = views.list_views(db)
    db.conn.close()
    assert (view.name, view.author) == ("Trade network", "browser")
    assert view.params == {"theme": ["trade"], "view": ["network"]}
    assert shown_link == f"{base}/?v={view.slug}"

    context, tab = fresh_tab(chromium)
    try:
        open_url(tab, shown_link)
        tab.wait_for_url("**/overlap?**", timeout=30000)
        wait_rendered(tab)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(tab.url).query)
        assert query.get("theme") == ["trade"] and query.get("view") == ["network"]
        assert "v" not in query
        headings = tab.locator("[data-testid='stHeading']").all_inner_texts()
        assert headings[0].strip() == "Overlap"
        assert "for themes: Trade" in tab.locator("[data-testid='stMain']").inner_text()
        assert "trade" in theme_filter(tab)
        assert shows_the_network(tab)
        assert tab.locator("[data-testid='stException']").count() == 0
        assert tab.errors == []
    finally:
        context.close()


def add_view(path: Path, name: str, page_path: str) -> views.SavedView:
    db = open_db(path)
    try:
        return views.save(db, name, page_path, author="browser")
    finally:
        db.conn.close()


def story_titles(tab) -> list[str]:
    """The Stories table's titles, as shown (the grid draws the rows it has room for)."""
    tab.wait_for_selector("[data-testid='stDataFrame']", timeout=30000)
    cells = tab.locator("[data-testid='stDataFrame'] [role='gridcell']").all_inner_texts()
    return cells


def chips(tab) -> list[str]:
    return tab.locator("[data-testid='stSidebar'] [data-tag]:visible").all_inner_texts()


def most_cited_on(path: Path, theme: str) -> str:
    """The outlet credited on most signals of this main theme in the demo (which outlets carry
    which theme follows the themes layer: a fixed name could be left with no row)."""
    db = open_db(path)
    try:
        return db.execute(
            "SELECT o.name FROM signal_outlets so JOIN outlets o ON o.id = so.outlet_id "
            "WHERE so.role = 'credited' AND so.theme = ? AND so.published >= '2023-01-01' "
            "GROUP BY o.name ORDER BY count(*) DESC, o.name LIMIT 1",
            [theme],
        ).fetchone()[0]
    finally:
        db.conn.close()


def test_a_short_link_gives_the_heading_filters_and_rows_of_the_page(chromium, server):
    base, path = server
    outlet = most_cited_on(path, "economy")
    page_path = f"/stories?outlet={urllib.parse.quote(outlet)}&theme=economy&start=2023-01-01"
    view = add_view(path, f"{outlet} on the economy", page_path)
    context, tab = fresh_tab(chromium)
    try:
        open_url(tab, base + page_path)
        direct = (tab.locator("[data-testid='stMain']").inner_text(), story_titles(tab))
        assert direct[1]  # the view has rows to compare
    finally:
        context.close()
    context, tab = fresh_tab(chromium)
    try:
        open_url(tab, f"{base}/?v={view.slug}")
        tab.wait_for_url("**/stories?**", timeout=30000)
        wait_rendered(tab)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(tab.url).query)
        assert query == {"outlet": [outlet], "theme": ["economy"], "start": ["2023-01-01"]}
        assert tab.locator("[data-testid='stHeading']").first.inner_text().strip() == "Stories"
        assert chips(tab) == [outlet, "economy"]
        shown = (tab.locator("[data-testid='stMain']").inner_text(), story_titles(tab))
        assert shown == direct
        assert f"outlets: {outlet}; themes: Economy; dates: 2023-01-01" in shown[0]
        assert tab.errors == []
    finally:
        context.close()


def test_open_on_the_views_page_wins_over_the_sessions_filters(chromium, server):
    base, path = server
    view = add_view(path, "Trade network again", "/overlap?theme=trade&view=network")
    context, tab = fresh_tab(chromium)
    try:
        open_url(tab, f"{base}/views?outlet=Bloomberg&theme=economy")
        tab.get_by_role("combobox").last.click()
        tab.get_by_role("option", name=f"Trade network again ({view.slug})").click()
        wait_rendered(tab)
        tab.get_by_text("Open Trade network again").click()
        tab.wait_for_url("**/overlap?**", timeout=30000)
        wait_rendered(tab)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(tab.url).query)
        assert query == {"theme": ["trade"], "view": ["network"]}
        assert chips(tab) == ["trade"] and shows_the_network(tab)
        assert tab.errors == []
    finally:
        context.close()


@pytest.mark.parametrize(
    ("slug", "words"),
    [("zzzz9999", "There is no saved view “zzzz9999”"), ("<b>x</b>", "is not a saved view's code")],
)
def test_a_bad_short_link_is_a_notice_on_the_overview(chromium, server, slug, words):
    base, _ = server
    context, tab = fresh_tab(chromium)
    try:
        open_url(tab, f"{base}/?v={urllib.parse.quote(slug)}")
        text = tab.locator("[data-testid='stMain']").inner_text()
        assert words in text and "Overview" in text
        assert "v" not in urllib.parse.parse_qs(urllib.parse.urlsplit(tab.url).query)
        assert tab.errors == []
    finally:
        context.close()


def test_a_view_whose_outlet_is_gone_opens_without_it_and_says_so(chromium, server):
    base, path = server
    view = add_view(path, "Merged away", "/outlets?outlet=Gone%20Gazette&outlet=Bloomberg")
    context, tab = fresh_tab(chromium)
    try:
        open_url(tab, f"{base}/?v={view.slug}")
        tab.wait_for_url("**/outlets?**", timeout=30000)
        wait_rendered(tab)
        sidebar = tab.locator("[data-testid='stSidebar']").inner_text()
        assert "Ignored from the link (not in this database)" in sidebar
        assert "Gone Gazette" in sidebar
        assert chips(tab) == ["Bloomberg"]
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(tab.url).query)
        assert query == {"outlet": ["Bloomberg"]}
    finally:
        context.close()


@pytest.mark.parametrize(
    ("name", "words"),
    [("   ", "a view needs a name"), ("x" * (views.NAME_LIMIT + 1), "at most 120 characters")],
)
def test_an_empty_or_too_long_name_saves_nothing(chromium, server, name, words):
    base, path = server
    db = open_db(path)
    before = views.list_views(db)
    db.conn.close()
    context, tab = fresh_tab(chromium)
    try:
        open_url(tab, f"{base}/?theme=trade")
        tab.get_by_role("button", name="Save this view").click()
        tab.get_by_label("Name").fill(name)
        tab.get_by_role("button", name="Save view").click()
        tab.get_by_text("Not saved:").wait_for(timeout=30000)
        assert words in tab.locator("[data-testid='stPopoverBody']").inner_text()
    finally:
        context.close()
    db = open_db(path)
    assert views.list_views(db) == before
    db.conn.close()
