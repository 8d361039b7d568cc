"""Every page's link parameters in the real Streamlit server, driven by Chromium: each survives
the sidebar's "Copy link" opened in a fresh browser context, a switch to another page and back
through the sidebar, and a reload; values a link carries that the database does not know are
named in a notice and dropped."""

from __future__ import annotations

import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import serving

from scripts.streamlit_browser import CHROMIUM
from signals_data.demo import build_demo
from signals_data.store import open_db

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

STORY_OUTLET = "Bloomberg"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("urls_browser")
    path = folder / "demo.db"
    db = open_db(path)
    build_demo(db, 300)
    story = db.conn.execute(
        "SELECT s.id, s.title FROM stories s JOIN signals g ON g.story_id = s.id "
        "JOIN signal_outlets so ON so.signal_id = g.id JOIN outlets o ON o.id = so.outlet_id "
        "WHERE o.name = ? AND s.title IS NOT NULL ORDER BY s.id LIMIT 1",
        (STORY_OUTLET,),
    ).fetchone()
    db.conn.close()
    return folder, path, story


@pytest.fixture(scope="module")
def server(demo):
    folder, path, _ = demo
    with serving(path, folder / "server.log") as base:
        yield base


@dataclass(frozen=True)
class Case:
    nav: str  # the page's title in the sidebar's navigation
    path: str  # the link, as in the browser
    shown: tuple[str, ...]  # what the page says when it follows the link
    switch_drops: tuple[str, ...] = ()  # parameters a switch away and back leaves out


CASES = {
    "overview": Case(
        "Overview",
        "/?theme=trade&start=2023-01-01&mentions=true",
        ("themes: Trade; dates: 2023-01-01 to …; including mentions",),
    ),
    "outlets": Case(
        "Outlets",
        "/outlets?theme=economy&end=2024-12-31",
        ("themes: Economy; dates: … to 2024-12-31",),
    ),
    "overlap": Case(
        "Overlap",
        "/overlap?theme=trade&view=network&measure=jaccard&top=10&level=signal"
        "&drill=outlet%7CBloomberg",
        ("Color circles by", "Signals citing Bloomberg", "themes: Trade"),
    ),
    "themes": Case(
        "Themes",
        "/themes?start=2023-01-01&top_outlets=economy&drill=themes%7Ctrade%7Ceconomy",
        ("Most cited on Economy", "Signals carrying both Trade and Economy"),
    ),
    "search": Case("Search", "/search?q=trade&start=2023-01-01", ("best matches for “trade”",)),
    "quality": Case("Data quality", "/quality?theme=trade&q=energy", ("text: “energy”",)),
    "views": Case("Saved views", "/views?outlet=Bloomberg&theme=trade", ()),
    # The Compare page's own a_*/b_* sides are tested with that page; here the shared filters.
    "compare": Case("Compare", "/compare?theme=trade&start=2023-01-01", ()),
    # A part's own choices (shown only with that part) come back with it.
    "compare part": Case(
        "Compare", "/compare?a_theme=trade&view=coverage&period=week&scale=share", ()
    ),
    "compare pairs": Case("Compare", "/compare?a_theme=trade&view=pairs&measure=jaccard&min=5", ()),
}


def story_case(demo) -> Case:
    _, _, (story_id, title) = demo
    # The sidebar's Stories link carries no parameter: the story the session was reading comes
    # back ("All stories" is how to reach the list).
    return Case(
        "Stories", f"/stories?outlet={urllib.parse.quote(STORY_OUTLET)}&story={story_id}", (title,)
    )


def expected(path: str) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)


def main_text(page) -> str:
    return page.page.locator("[data-testid='stMain']").inner_text()


def wait_for_params(page, wanted: dict[str, list[str]]) -> dict[str, list[str]]:
    """The tab's parameters once they hold ``wanted`` (the binding writes some of them to the
    address bar after the page is drawn), or as they are after 10 s."""
    deadline = time.time() + 10
    while True:
        params = page.params()
        if all(params.get(k) == v for k, v in wanted.items()) or time.time() > deadline:
            return params
        page.page.wait_for_timeout(200)


def check_follows(page, case: Case, wanted: dict[str, list[str]], step: str) -> None:
    params = wait_for_params(page, wanted)
    assert {k: params.get(k) for k in wanted} == wanted, step
    text = main_text(page)
    for words in case.shown:
        assert words in text, (step, words)
    assert page.exceptions() == 0 and page.errors == [], step


def copied_link(page) -> str:
    page.page.get_by_role("button", name="Copy link").click()
    code = page.page.locator("[data-testid='stPopoverBody'] [data-testid='stCode']")
    code.wait_for(timeout=10000)
    link = code.inner_text().strip()
    page.page.keyboard.press("Escape")
    return link


def go(page, title: str) -> None:
    nav = page.page.locator("[data-testid='stSidebarNav']")
    nav.get_by_text(title, exact=True).click()
    page.page.wait_for_timeout(500)
    page.wait()


def run_case(tab, case: Case) -> None:
    wanted = expected(case.path)
    page = tab()
    page.open(case.path.lstrip("/"))
    check_follows(page, case, wanted, "opened")

    link = copied_link(page)
    assert expected(link) == wanted, "copied"
    fresh = tab()
    fresh.page.goto(link)
    fresh.wait()
    check_follows(fresh, case, wanted, "copy opened in a fresh context")

    go(page, "Overview" if case.nav != "Overview" else "Outlets")
    go(page, case.nav)
    kept = {k: v for k, v in wanted.items() if k not in case.switch_drops}
    switched = Case(case.nav, case.path, () if case.switch_drops else case.shown)
    check_follows(page, switched, kept, "after a switch away and back")
    assert expected(copied_link(page)) == kept, "copied after a switch away and back"

    page.page.reload()
    page.wait()
    check_follows(page, switched, kept, "after a reload")
    assert expected(copied_link(page)) == kept, "copied after a reload"


@pytest.mark.parametrize("name", list(CASES))
def test_a_pages_parameters_survive_copy_switch_and_reload(tab, name):
    run_case(tab, CASES[name])


def test_a_storys_parameters_survive_copy_and_reload(tab, demo):
    case = story_case(demo)
    run_case(tab, case)
    # The story itself survives a copy (above) and a reload of its own link.
    page = tab()
    page.open(case.path.lstrip("/"))
    page.page.reload()
    page.wait()
    check_follows(page, case, expected(case.path), "story reloaded")
    # "All stories" leaves the story for the list, which a switch away and back keeps.
    page.page.get_by_role("button", name="← All stories").click()
    page.page.get_by_role("heading", name="Stories", exact=True).wait_for(timeout=15000)
    page.wait()
    assert "story" not in page.params()
    go(page, "Overview")
    go(page, "Stories")
    assert "story" not in page.params()
    assert case.shown[0] not in page.page.locator("h1").first.inner_text()


def test_a_changed_choice_is_in_the_copied_link(tab):
    page = tab()
    page.open("overlap?theme=trade&view=network")
    main = page.page.locator("[data-testid='stMain']")
    main.get_by_text("intersections", exact=True).click()
    page.page.wait_for_timeout(500)
    page.wait()
    assert wait_for_params(page, {"view": ["intersections"]})["view"] == ["intersections"]
    assert expected(copied_link(page)) == {"theme": ["trade"], "view": ["intersections"]}


def test_unknown_values_in_a_link_are_named_and_dropped(tab):
    page = tab()
    page.open(
        "overlap?outlet=Bloomberg&outlet=Gone%20Gazette&theme=%3Cb%3Enope%3C%2Fb%3E"
        "&start=2024-13-01&mentions=maybe&view=bogus&top=abc"
    )
    sidebar = page.page.locator("[data-testid='stSidebar']").inner_text()
    assert "Ignored from the link (not in this database)" in sidebar
    for words in ("Gone Gazette", "<b>nope</b>", "2024-13-01", "maybe"):
        assert words in sidebar, words
    text = main_text(page)
    assert "Ignored from the link: view “bogus”" in text
    assert "Ignored from the link: top “abc”" in text
    assert page.chips() == ["Bloomberg"]
    assert wait_for_params(page, {"outlet": ["Bloomberg"]}) == {"outlet": ["Bloomberg"]}
    assert page.exceptions() == 0 and page.errors == []


def test_an_older_link_with_mentions_1_turns_mentions_on(tab):
    page = tab()
    page.open("?mentions=1&theme=trade")
    assert wait_for_params(page, {"mentions": ["true"]})["mentions"] == ["true"]
    assert "including mentions" in main_text(page)


def click_choice(page, label: str) -> None:
    page.page.locator("[data-testid='stMain']").get_by_text(label, exact=True).click()
    page.page.wait_for_timeout(500)
    page.wait()


def test_pages_sharing_a_parameter_name_keep_their_own_choices(tab):
    # Overlap and Compare both call their chart choice ``view``, with different options.
    page = tab()
    page.open("compare?a_theme=trade&b_theme=economy")
    go(page, "Overlap")
    click_choice(page, "network")
    assert wait_for_params(page, {"view": ["network"]})["view"] == ["network"]
    go(page, "Compare")
    assert "view" not in page.params() and "Ignored from the link" not in main_text(page)
    go(page, "Overlap")
    assert wait_for_params(page, {"view": ["network"]})["view"] == ["network"]
    assert "Color circles by" in main_text(page)
    assert page.exceptions() == 0 and page.errors == []


def test_a_choice_set_back_to_its_default_stays_there(tab):
    page = tab()
    page.open("overlap?view=network")
    click_choice(page, "heatmap")
    click_choice(page, "jaccard")
    params = wait_for_params(page, {"measure": ["jaccard"]})
    assert params == {"measure": ["jaccard"]}
    assert "Color circles by" not in main_text(page)


def test_the_search_box_and_reset_write_the_link(tab):
    page = tab()
    page.open("search")
    box = page.page.get_by_label("Search signals", exact=True)
    box.fill("tariffs")
    box.press("Enter")
    assert wait_for_params(page, {"q": ["tariffs"]}) == {"q": ["tariffs"]}
    go(page, "Overview")
    assert wait_for_params(page, {"q": ["tariffs"]}) == {"q": ["tariffs"]}
    page.page.get_by_role("button", name="Reset filters").first.click()
    page.page.wait_for_timeout(500)
    page.wait()
    assert wait_for_params(page, {}) == {} and page.params() == {}
