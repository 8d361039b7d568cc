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
        assert "Trade" in theme_filter(tab)
        assert shows_the_network(tab)
        assert tab.locator("[data-testid='stException']").count() == 0
        assert tab.errors == []
    finally:
        context.close()
