"""The Compare page in the real server and Debian's Chromium: a comparison opened from a fresh
link, a preset clicked, a bar clicked to drill down, the page reloaded and the link shared."""

from __future__ import annotations

import shutil
import urllib.parse
from pathlib import Path

import pytest
from conftest import Page, serving

from scripts.streamlit_browser import CHROMIUM
from signals_data import compare
from signals_data.store import open_db

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture(scope="module")
def compare_db(corpus_db, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("browser_compare") / "compare.db"
    shutil.copy(corpus_db, path)
    return path


@pytest.fixture(scope="module")
def server(compare_db):
    with serving(compare_db, compare_db.parent / "server.log") as base:
        yield base


def main_text(page: Page) -> str:
    return page.page.locator("[data-testid='stMain']").inner_text()


def drilled_cells(page: Page) -> list[str]:
    grid = page.page.locator("[data-testid='stDataFrame']").last
    return grid.locator("[role='gridcell']").all_inner_texts()


def wait_for_url(page: Page, text: str) -> None:
    page.page.wait_for_function(f"() => location.search.includes({text!r})", timeout=30000)
    page.wait()


def sides_of(params: dict[str, list[str]]) -> tuple[compare.Filters, compare.Filters]:
    return compare.side_from_params(params, "a_"), compare.side_from_params(params, "b_")


def test_comparison_link_preset_drill_down_and_reload(tab, compare_db):
    db = open_db(compare_db)
    page = tab()
    page.open("compare?a_theme=trade&b_theme=diplomacy")
    text = main_text(page)
    assert "Outlets that set A and B apart" in text and page.exceptions() == 0
    for f in sides_of(page.params()):
        size = compare.side_size(db, f)
        assert f"{size.stories:,} stories · {size.signals:,} signals" in text

    # A preset: the two most cited outlets, one click.
    page.page.get_by_role("button", name="Outlet X vs Y").click()
    wait_for_url(page, "a_outlet=")
    params = page.params()
    assert set(params) == {"a_outlet", "b_outlet"}
    a, b = sides_of(params)
    assert "Side A" not in main_text(page)  # no drill-down left over from before

    # A bar of the distinctiveness chart: its side's signals citing that outlet.
    chart = page.page.locator("[data-testid='stPlotlyChart']").first
    chart.locator(".barlayer .point").last.click(force=True)
    wait_for_url(page, "drill=")
    raw = page.params()["drill"][0]
    drill = compare.SideDrill.decode(raw)
    assert drill is not None and drill.kind == "outlet", raw
    expected = compare.drill_signals(db, a if drill.side == "a" else b, drill)
    assert len(expected) > 0
    heading = page.page.locator("[data-testid='stMain'] h3").last.inner_text()
    assert heading == drill.heading()
    cells = drilled_cells(page)
    assert set(expected["headline"]) <= set(cells)
    assert f"{len(expected)} signals" in main_text(page)

    # A reload keeps the comparison and the drill-down, and so does the link in a fresh context.
    link = page.page.url
    page.page.reload()
    page.wait()
    assert page.params() == urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)
    assert drilled_cells(page) == cells
    colleague = tab()
    colleague.page.goto(link)
    colleague.wait()
    assert colleague.page.locator("[data-testid='stMain'] h3").last.inner_text() == heading
    assert drilled_cells(colleague) == cells
    assert page.errors == [] and colleague.errors == []


def test_empty_comparison_offers_the_presets_and_unknown_values_are_named(tab):
    page = tab()
    page.open("compare?a_outlet=No+Such+Outlet&b_theme=%3Cb%3Ex%3C%2Fb%3E")
    text = main_text(page)
    assert "Nothing to compare yet" in text
    assert "a_outlet “No Such Outlet”" in text and "b_theme “<b>x</b>”" in text
    assert page.page.get_by_role("button", name="Theme X vs Y").is_visible()
    # The values dropped from the link are dropped from the URL too.
    assert "a_outlet" not in page.params()
    page.page.get_by_role("button", name="Theme X vs Y").click()
    wait_for_url(page, "a_theme=")
    assert page.params() == {"a_theme": ["trade"], "b_theme": ["diplomacy"]}
    assert "Outlets that set A and B apart" in main_text(page)
    # Another page and back: the comparison is still there, and in the URL.
    nav = page.page.locator("[data-testid='stSidebarNav'] a")
    nav.filter(has_text="Overview").click()
    page.page.wait_for_function("() => !location.pathname.includes('compare')")
    page.wait()
    nav.filter(has_text="Compare").click()
    wait_for_url(page, "a_theme=")
    assert page.params() == {"a_theme": ["trade"], "b_theme": ["diplomacy"]}
    assert "Outlets that set A and B apart" in main_text(page)
    assert page.exceptions() == 0 and page.errors == []


def side_sizes(page: Page) -> list[str]:
    """The two sides' sizes as shown under their headings ("4 stories · 5 signals")."""
    captions = page.page.locator("[data-testid='stMain'] [data-testid='stCaptionContainer']")
    return [t for t in captions.all_inner_texts() if " stories · " in t]


def expected_sizes(db, params: dict[str, list[str]]) -> list[str]:
    sizes = [compare.side_size(db, f) for f in sides_of(params)]
    return [f"{s.stories:,} stories · {s.signals:,} signals" for s in sizes]


def open_from_nav(page: Page, title: str, url_text: str) -> None:
    page.page.locator("[data-testid='stSidebarNav'] a").filter(has_text=title).click()
    page.page.wait_for_function(f"() => location.href.includes({url_text!r})", timeout=30000)
    page.wait()


def test_both_sides_survive_a_page_switch_and_a_reload(tab, compare_db):
    db = open_db(compare_db)
    link = "compare?a_theme=trade&a_mentions=true&b_outlet=Reuters&b_q=ports&view=themes"
    page = tab()
    page.open(link)
    wanted = urllib.parse.parse_qs(link.split("?", 1)[1])
    assert page.params() == wanted
    sizes = expected_sizes(db, wanted)
    assert side_sizes(page) == sizes and "Main themes in A and in B" in main_text(page)
    page.page.locator("[data-testid='stSidebarNav'] a").filter(has_text="Overview").click()
    page.page.wait_for_function("() => !location.pathname.includes('compare')", timeout=30000)
    page.wait()
    open_from_nav(page, "Compare", "b_q=ports")
    assert page.params() == wanted
    assert side_sizes(page) == sizes and "Main themes in A and in B" in main_text(page)
    page.page.reload()
    page.wait()
    assert page.params() == wanted and side_sizes(page) == sizes
    # The widgets show the link's values: the text of B, in its popover of filters.
    page.page.get_by_role("button", name="Filters of B").click()
    editor = page.page.locator("[data-testid='stPopoverBody']")
    assert editor.get_by_label("Text").input_value() == "ports"
    assert page.exceptions() == 0 and page.errors == []


def test_an_older_link_with_mentions_1_keeps_mentions(tab, compare_db):
    db = open_db(compare_db)
    page = tab()
    page.open("compare?a_outlet=Reuters&a_mentions=1&b_theme=trade")
    wait_for_url(page, "a_mentions=true")
    params = page.params()
    assert params == {"a_outlet": ["Reuters"], "a_mentions": ["true"], "b_theme": ["trade"]}
    assert side_sizes(page) == expected_sizes(db, params)
    assert "crediting or mentioning Reuters" in main_text(page)


def test_a_drill_down_from_a_fresh_link_on_another_view(tab, compare_db):
    db = open_db(compare_db)
    page = tab()
    page.open("compare?a_theme=trade&b_outlet=Reuters&view=themes")
    chart = page.page.locator("[data-testid='stPlotlyChart']").first
    chart.locator(".barlayer .point").first.click(force=True)
    wait_for_url(page, "drill=")
    drill = compare.SideDrill.decode(page.params()["drill"][0])
    assert drill is not None and drill.kind == "theme"
    a, b = sides_of(page.params())
    expected = compare.drill_signals(db, a if drill.side == "a" else b, drill)
    assert set(expected["headline"]) <= set(drilled_cells(page))
    # The drill-down's link, opened by a colleague, shows the same view and the same signals.
    colleague = tab()
    colleague.open(page.page.url.split("/", 3)[3])
    assert colleague.params() == page.params()
    assert "Main themes in A and in B" in main_text(colleague)
    assert set(expected["headline"]) <= set(drilled_cells(colleague))
    assert page.errors == [] and colleague.errors == []


def test_a_saved_view_opened_after_another_comparison_shows_its_sides(tab, compare_db):
    from signals_data import views

    db = open_db(compare_db)
    saved = views.save(db, "Diplomacy vs Reuters", "/compare?a_theme=diplomacy&b_outlet=Reuters")
    wanted = {"a_theme": ["diplomacy"], "b_outlet": ["Reuters"]}
    page = tab()
    # A session holding another comparison, on both sides and in every kind of widget.
    page.open("compare?a_theme=trade&a_start=2024-01-01&b_theme=economy&b_q=ports")

    # The short link, in the same tab.
    page.page.goto(f"{page.base}{saved.short_link}")
    wait_for_url(page, "b_outlet=Reuters")
    assert page.params() == wanted
    assert side_sizes(page) == expected_sizes(db, wanted)

    # Another comparison, then the saved view opened from the Saved views page: one session.
    page.open("compare?a_theme=trade&a_start=2024-01-01&b_theme=economy&b_q=ports")
    open_from_nav(page, "Saved views", "/views")
    page.page.get_by_role("link", name="Open Diplomacy vs Reuters").click()
    wait_for_url(page, "b_outlet=Reuters")
    assert page.params() == wanted
    assert side_sizes(page) == expected_sizes(db, wanted)
    assert page.exceptions() == 0 and page.errors == []


def test_a_side_edited_in_its_popover_is_written_to_the_link(tab, compare_db):
    db = open_db(compare_db)
    page = tab()
    page.open("compare?a_theme=trade&b_theme=diplomacy")
    # Closed, a side's filters are not drawn: the page shows the sides' words and sizes only.
    assert page.page.locator("[data-testid='stPopoverBody']").count() == 0
    page.page.get_by_role("button", name="Filters of B").click()
    editor = page.page.locator("[data-testid='stPopoverBody']")
    editor.get_by_label("Text").fill("ports")
    editor.get_by_label("Text").press("Enter")
    wait_for_url(page, "b_q=ports")
    editor.get_by_text("Include mentions").click()
    wait_for_url(page, "b_mentions=true")
    wanted = {
        "a_theme": ["trade"],
        "b_theme": ["diplomacy"],
        "b_q": ["ports"],
        "b_mentions": ["true"],
    }
    assert page.params() == wanted
    assert side_sizes(page) == expected_sizes(db, wanted)
    assert page.exceptions() == 0 and page.errors == []


def test_a_parts_choices_come_back_with_the_part(tab):
    # Coverage's own choices are drawn only with coverage: after a look at another part, and
    # after leaving the page from there, coverage comes back as it was left.
    page = tab()
    page.open("compare?a_theme=trade&view=coverage&period=week&scale=share")
    view = page.page.locator("[data-testid='stMain']")  # a segmented choice's options are radios
    view.get_by_role("radio", name="pairs", exact=True).click()
    wait_for_url(page, "view=pairs")
    assert "period" not in page.params()
    view.get_by_role("radio", name="coverage", exact=True).click()
    wait_for_url(page, "view=coverage")
    wait_for_url(page, "period=week")
    assert {k: page.params().get(k) for k in ("period", "scale")} == {
        "period": ["week"],
        "scale": ["share"],
    }
    view.get_by_role("radio", name="pairs", exact=True).click()
    wait_for_url(page, "view=pairs")
    nav = page.page.locator("[data-testid='stSidebarNav']")
    nav.get_by_text("Overview", exact=True).click()
    page.wait()
    nav.get_by_text("Compare", exact=True).click()
    wait_for_url(page, "view=pairs")
    view.get_by_role("radio", name="coverage", exact=True).click()
    wait_for_url(page, "period=week")
    assert page.params().get("scale") == ["share"]
    assert page.exceptions() == 0 and page.errors == []
