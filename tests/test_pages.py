"""Every dashboard page under Streamlit's AppTest, with and without each URL parameter."""

from __future__ import annotations

import json
import re
import shutil
import urllib.parse
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlite_utils
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from signals_data.store import open_db
from ui.filters import WIDGET

PAGES_DIR = ROOT / "pages"
# Every page, the query parameters worth trying on it, and what it must then show: its title,
# a text among its headings, notices and captions, and (where it lists rows) how many rows its
# last table holds. Counts that depend on the theme taxonomy (tuned often) are not pinned.
# A new page without an entry here fails test_every_page_has_a_test.
PAGE_CASES = {
    "overview.py": [
        ({}, "Overview", "Showing all signals.", None),
        ({"outlet": "Nikkei Asia"}, "Overview", "Showing outlets: Nikkei Asia.", None),
        (
            {"start": "2024-01-01", "end": "2024-12-31"},
            "Overview",
            "Showing dates: 2024-01-01 to 2024-12-31.",
            None,
        ),
    ],
    "stories.py": [
        ({}, "Stories", "12 stories with signals matching all signals.", 12),
        ({"outlet": "Nikkei Asia"}, "Stories", "1 stories with signals matching outlets", 1),
        ({"story": "1"}, "Putin and Xi meet in Beijing as countries deepen ties", "Signals (3)", 1),
        ({"story": "999"}, "Stories", "There is no story 999 in this database.", None),
        ({"story": "abc"}, "Stories", "There is no story “abc” in this database.", None),
        ({"q": "tariffs"}, "Stories", "No stories match these filters.", None),
    ],
    "outlets.py": [
        ({}, "Outlets", "21 outlets cited by signals matching all signals.", 21),
        ({"outlet": "Reuters"}, "Reuters", "wire · United Kingdom", 5),
        ({"theme": "trade"}, "Outlets", "outlets cited by signals matching themes: Trade.", None),
    ],
    "overlap.py": [
        ({}, "Overlap", "Click a chart element above to list the signals behind it here.", None),
        (
            {"outlet": ["Reuters", "Financial Times"]},
            "Overlap",
            "for outlets: Reuters, Financial Times.",
            None,
        ),
        ({"view": "network"}, "Overlap", "Click a chart element above", None),
        ({"view": "intersections"}, "Overlap", "No combination of the top outlets", None),
        ({"view": "lift"}, "Overlap", "Click a chart element above", None),
        (
            {"level": "signal", "measure": "association", "top": "10"},
            "Overlap",
            "Click a chart element above",
            None,
        ),
        (
            {"drill": "pair|Financial Times|Reuters"},
            "Overlap",
            "Signals where Financial Times and Reuters are co-cited (story level)",
            7,
        ),
        (
            {"drill": "set|Reuters|Financial Times"},
            "Overlap",
            "Stories crediting exactly Reuters + Financial Times (among the top outlets)",
            2,
        ),
        (
            {"drill": "cell|Reuters|economy"},
            "Overlap",
            "Signals citing Reuters whose main theme is Economy",
            None,
        ),
        (
            {"drill": "nonsense"},
            "Overlap",
            "The link's drill-down “nonsense” is not one this page understands",
            None,
        ),
        # A level that is not one falls back to the default, with a notice naming the value.
        (
            {"level": "galaxy", "top": "many"},
            "Overlap",
            "Ignored from the link: level “galaxy”.\nIgnored from the link: top “many”.",
            None,
        ),
    ],
    "themes.py": [
        ({}, "Themes", "Click a cell or a bar to list the signals behind it.", None),
        ({"theme": "economy"}, "Themes", "Themes of the signals matching themes: Economy.", None),
        (
            {"drill": "themes|economy|trade"},
            "Themes",
            "Signals carrying both Economy and Trade",
            None,
        ),
        (
            {"drill": "cell|Reuters|economy"},
            "Themes",
            "Signals citing Reuters whose main theme is Economy",
            None,
        ),
    ],
    "search.py": [
        ({}, "Search", "Type words to search for.", None),
        ({"q": "grain"}, "Search", "1 best matches for “grain”.", None),
        (
            {"q": '"unbalanced'},
            "Search",
            'No signal matches “"unbalanced” with these filters.',
            None,
        ),
        ({"q": "NOT"}, "Search", "No signal matches “NOT” with these filters.", None),
    ],
    "ingest.py": [({}, "Ingest pages", "", None)],
    "compare.py": [
        ({}, "Compare", "Nothing to compare yet: A and B are both every signal.", None),
        (
            {"a_theme": "trade", "b_theme": "diplomacy"},
            "Compare",
            "Outlets that set A and B apart",
            None,
        ),
        (
            {"a_outlet": "Reuters", "b_outlet": "Financial Times", "drill": "a|outlet|Reuters"},
            "Compare",
            "Side A: signals citing Reuters",
            None,
        ),
        (
            {"a_outlet": ["Reuters", "No Such Outlet"], "b_theme": "astrology"},
            "Compare",
            "Ignored from the link (not in this database): a_outlet “No Such Outlet”, "
            "b_theme “astrology”",
            None,
        ),
        ({"a_theme": "trade", "b_theme": "trade"}, "Compare", "A and B select the same", None),
        (
            {"a_start": "2030-01-01", "b_theme": "trade"},
            "Compare",
            "side A selects no signal; widen its filters.",
            None,
        ),
        (
            {"a_start": "2024-02-30", "a_outlet": "Reuters", "b_mentions": "maybe"},
            "Compare",
            "a_start “2024-02-30”, b_mentions “maybe”",
            None,
        ),
        (
            {"a_theme": "trade", "b_theme": "diplomacy", "min": "many", "scale": "<b>x</b>"},
            "Compare",
            "Ignored from the link: scale “<b>x</b>”.\nIgnored from the link: min “many”.",
            None,
        ),
        (
            {"a_outlet": "Reuters", "drill": "c|outlet|Reuters"},
            "Compare",
            "The link's drill-down “c|outlet|Reuters” is not one this page understands",
            None,
        ),
    ],
    "quality.py": [({}, "Data quality", "", None)],
    "views.py": [({}, "Saved views", "No saved view yet.", None)],
}
PAGE_PARAMS = {page: [case[0] for case in cases] for page, cases in PAGE_CASES.items()}
# Sidebar filters tried on every page, and the words the pages' captions use for them.
COMMON_PARAMS = [{"theme": "trade"}, {"mentions": "1"}, {"q": "ports"}, {"start": "2030-01-01"}]
COMMON_SUMMARY = ["themes: Trade", "including mentions", "text: “ports”", "dates: 2030-01-01"]
TITLES = {page: cases[0][1] for page, cases in PAGE_CASES.items()}
SUMMARISED = {"overview.py", "outlets.py", "overlap.py", "themes.py"}  # caption names the filters
NOTHING = {  # what a page says when the filters match nothing
    "overview.py": "No signals match these filters.",
    "stories.py": "No stories match these filters.",
    "outlets.py": "No outlet is cited by signals matching these filters.",
    "overlap.py": "No two outlets are credited together",
    "themes.py": "No dated signals match these filters.",
}


pytestmark = pytest.mark.usefixtures("navigation_mode")


def open_page(page: str, params: dict) -> AppTest:
    """The app opened on a link with these parameters, then switched to the page."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(params)
    at.run()
    if page != "overview.py":
        at.switch_page(f"pages/{page}")
        at.run()
    return at


@pytest.fixture
def app(corpus_db, monkeypatch):
    monkeypatch.setenv("SIGNALS_DB", str(corpus_db))
    monkeypatch.chdir(ROOT)
    return open_page


def test_every_page_has_a_test():
    pages = {p.name for p in PAGES_DIR.glob("*.py") if not p.name.startswith("_")}
    assert pages == set(PAGE_CASES), "add the new page to PAGE_CASES with its URL parameters"


SHOWN = ("title", "subheader", "warning", "info", "caption", "markdown")


def shown(at: AppTest) -> str:
    """The page's headings, notices and captions as a reader sees them (Markdown escapes
    removed), one per line, sidebar excluded."""
    parts = []
    for kind in SHOWN:
        parts += [str(element.value) for element in getattr(at.main, kind)]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def all_text(at: AppTest) -> str:
    parts = []
    for kind in ("title", "markdown", "caption", "info", "warning", "subheader", "metric"):
        for element in getattr(at, kind):
            parts.append(str(getattr(element, "value", "") or getattr(element, "body", "")))
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("page", "params", "title", "text", "rows"),
    [(page, *case) for page, cases in PAGE_CASES.items() for case in cases],
)
def test_page_shows_what_its_link_asks_for(app, page, params, title, text, rows):
    at = app(page, params)
    assert not at.exception, [e.value for e in at.exception]
    assert re.sub(r"\\(.)", r"\1", at.title[0].value) == title
    assert text in shown(at), shown(at)
    if rows is not None:
        assert len(at.dataframe[-1].value) == rows


@pytest.mark.parametrize(
    ("page", "params", "words"),
    [
        (page, p, w)
        for page in PAGE_CASES
        for p, w in zip(COMMON_PARAMS, COMMON_SUMMARY, strict=True)
    ],
)
def test_sidebar_filters_on_every_page(app, page, params, words):
    at = app(page, params)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == TITLES[page]
    text = shown(at)
    if "start" in params and page in NOTHING:  # the pages that say so, in place of a caption
        assert NOTHING[page] in text, text
    elif page in SUMMARISED:
        assert words in text, text


def test_overview_counts_the_corpus(app):
    at = app("overview.py", {})
    metrics = {m.label: m.value for m in at.metric}
    # 11 test pages (two are not Signals, two are revisions of one story) and the seed
    assert metrics["Stories"] == "12" and metrics["Signals"] == "28"


def test_outlet_filter_from_url_selects_it(app):
    at = app("overview.py", {"outlet": "Nikkei Asia"})
    assert at.sidebar.multiselect(key=WIDGET["outlet"]).value == ["Nikkei Asia"]
    assert {m.label: m.value for m in at.metric}["Stories"] == "1"


def test_unknown_url_values_are_ignored_with_a_notice(app):
    at = app("overview.py", {"outlet": ["Nikkei Asia", "No Such Outlet"], "theme": "astrology"})
    assert at.sidebar.multiselect(key=WIDGET["outlet"]).value == ["Nikkei Asia"]
    notices = " ".join(w.value for w in at.sidebar.warning)
    assert "No Such Outlet" in notices and "astrology" in notices


def test_story_detail_distinguishes_credited_and_mentioned(app):
    at = app("stories.py", {"story": "1"})
    text = all_text(at)
    assert "Putin and Xi meet in Beijing" in text
    labels = [b.label for b in at.button]
    assert "Credited: Nikkei Asia" in labels
    assert "Mentioned: Carnegie Russia Eurasia Center" in labels


def test_an_outlet_on_a_story_opens_its_profile(app):
    # Every reader, not only editors: a credited outlet's button leads to its profile.
    at = app("stories.py", {"story": "1"})
    next(b for b in at.button if b.label == "Credited: The Economist").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "The Economist"
    assert at.query_params["outlet"] == "The Economist" and "story" not in at.query_params


def test_story_explains_the_learned_layer_with_labelled_signals(app):
    at = app("stories.py", {"story": "1"})
    reasons = [c.value for c in at.caption if c.value.startswith("Like labelled signals:")]
    # One line per signal: the closest hand-labelled signals and the words behind the main theme.
    assert len(reasons) == 3
    # Each names the signal's main theme and the signal's own words behind it.
    assert "words pointing to History:" in reasons[1] and "soviet" in reasons[1].split(":")[-1]
    assert "words pointing to Diplomacy:" in reasons[2] and "xi" in reasons[2].split(":")[-1]
    assert "(Diplomacy, 0." in reasons[1]


def test_outlet_profile_with_one_outlet(app):
    at = app("outlets.py", {"outlet": "Reuters"})
    assert at.title[0].value == "Reuters"
    assert any(m.label == "Signals citing it" for m in at.metric)


def test_filters_that_match_nothing_say_so(app):
    at = app("stories.py", {"start": "2030-01-01"})
    assert "No stories match" in " ".join(i.value for i in at.info)


@pytest.mark.parametrize(
    "q", ['"grain', "grain AND", "grain*)", "(grain", "OR grain", "grain OR AND ports"]
)
def test_malformed_search_still_finds_what_it_can(app, q):
    # Quotes, operators and brackets a user leaves dangling are tidied, not sent raw to FTS5.
    at = app("search.py", {"q": q})
    assert not at.exception
    assert "best matches" in " ".join(c.value for c in at.caption)


def test_search_that_matches_nothing_says_so(app):
    at = app("search.py", {"q": "zzzqqq"})
    assert "No signal matches" in " ".join(i.value for i in at.info)


def copied_link(at: AppTest) -> dict[str, list[str]]:
    """The parameters of the sidebar's "Copy link" address."""
    link = at.sidebar.get("code")[0].value
    return urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)


def test_widget_change_updates_the_copied_link(app):
    # A bound widget's change is written to the address bar by the browser, which AppTest has
    # not (the browser tests check the address bar); the copied link is built here.
    at = app("overview.py", {})
    at.sidebar.multiselect(key=WIDGET["theme"]).set_value(["trade"]).run()
    assert copied_link(at) == {"theme": ["trade"]}
    at.sidebar.multiselect(key=WIDGET["outlet"]).set_value(["Reuters", "Financial Times"]).run()
    at.sidebar.toggle(key=WIDGET["mentions"]).set_value(True).run()
    assert copied_link(at) == {
        "outlet": ["Reuters", "Financial Times"],
        "theme": ["trade"],
        "mentions": ["true"],
    }


def test_filters_survive_switching_pages(app):
    at = app("overview.py", {"theme": "trade"})
    at.switch_page("pages/outlets.py").run()
    assert at.sidebar.multiselect(key=WIDGET["theme"]).value == ["trade"]
    assert at.query_params["theme"] == "trade"


def test_app_reads_a_missing_database_by_building_the_sample(tmp_path, monkeypatch):
    monkeypatch.setenv("SIGNALS_DB", str(tmp_path / "fresh.db"))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert Path(tmp_path / "fresh.db").exists()
    assert {m.label: m.value for m in at.metric}["Stories"] == "1"


def test_overlap_drill_down_from_a_link(app, corpus_db):
    at = app("overlap.py", {"drill": "pair|Financial Times|Reuters"})
    heading = " ".join(h.value for h in at.subheader).replace("\\", "")
    assert "Financial Times and Reuters are co-cited (story level)" in heading
    db = open_db(corpus_db)
    expected = {
        row[0]
        for row in db.execute(
            "SELECT a.story_id FROM signal_outlets a JOIN signal_outlets b "
            "ON a.story_id = b.story_id JOIN outlets oa ON oa.id = a.outlet_id "
            "JOIN outlets ob ON ob.id = b.outlet_id WHERE oa.name = 'Financial Times' "
            "AND ob.name = 'Reuters' AND a.role = 'credited' AND b.role = 'credited'"
        )
    }
    assert len(expected) >= 2
    assert set(at.dataframe[-1].value["story_id"]) == expected


def test_a_missing_story_says_so_under_a_title(app):
    at = app("stories.py", {"story": "999"})
    assert at.title[0].value == "Stories"
    assert "no story 999" in " ".join(w.value for w in at.warning)


# --- hostile links and hostile stored values ---------------------------------------------------

EVIL = "https://evil.example"
HOSTILE_LINKS = [
    {"outlet": f"![x]({EVIL}/pixel.png)"},
    {"outlet": f'<a href="{EVIL}/x">click</a>', "theme": "**x**"},
    {"q": "<script>alert(1)</script>"},
    {"start": "²", "end": "99999-01-01"},
    {"start": "2024-02-30", "end": "[t](javascript:alert(1))"},
    {"mentions": "<b>1</b>"},
]
PAGE_HOSTILE_LINKS = {
    "stories.py": [
        {"story": "99999999999999999999"},
        {"story": "²"},
        {"story": "-1"},
        {"story": "1.5"},
        {"story": ""},
        {"story": f"![x]({EVIL}/p.png)"},
    ],
    "overlap.py": [
        {"top": "1e9"},
        {"top": "99999999999999999999999"},
        {"level": "galaxy", "measure": "<b>x</b>", "view": f"![x]({EVIL}/v.png)"},
        {"drill": "pair|<b>x</b>|y"},
        {"drill": f"outlet|![x]({EVIL}/d.png)"},
        {"drill": "set|"},
        {"drill": "cell|Reuters|**x**"},
        {"drill": "|||"},
        {"view": "network"},
        {"view": "intersections"},
        {"view": "lift"},
    ],
    "themes.py": [{"drill": "themes|economy|<b>x</b>"}, {"drill": "cell|<i>y</i>|trade"}],
    "search.py": [{"q": f"![x]({EVIL}/s.png) **x**"}],
    "compare.py": [
        {"a_outlet": f"![x]({EVIL}/c.png)", "b_theme": "<b>x</b>"},
        {"a_q": "<script>alert(1)</script>", "b_q": f"[t]({EVIL}) **x**"},
        {"a_start": "<i>y</i>", "b_end": "**x**", "a_mentions": "<b>1</b>"},
        {"a_theme": "trade", "b_theme": "economy", "drill": f"a|outlet|![x]({EVIL}/d.png)"},
        {"a_theme": "trade", "b_theme": "economy", "drill": "b|pair|<b>x</b>|y"},
        {"a_theme": "trade", "b_theme": "economy", "drill": "|||"},
        {"a_theme": "trade", "b_theme": "economy", "drill": "a|week|**x**"},
    ],
}
# Markdown that would render as an image, a link, emphasis or HTML if a value were not escaped.
RAW_MARKUP = ("![", "<b>", "<a ", "<i>", "**x**", "](javascript", "<script", "](https://evil")
MARKDOWN_ELEMENTS = (
    "title",
    "header",
    "subheader",
    "markdown",
    "caption",
    "info",
    "warning",
    "error",
    "success",
    "toast",
)


def markdown_shown(at: AppTest) -> list[str]:
    """Every piece of text Streamlit reads as Markdown: bodies, labels and help texts."""
    texts = []
    for kind in MARKDOWN_ELEMENTS:
        texts += [str(e.value) for e in getattr(at, kind)]
    texts += [m.label for m in at.metric] + [str(m.proto.help) for m in at.metric]
    texts += [p.proto.label for p in at.get("page_link")]
    texts += [p.proto.help for p in at.get("page_link")]
    return texts


def assert_nothing_rendered(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    for text in markdown_shown(at):
        bare = re.sub(r"\\.", "", text)  # what Markdown reads as syntax: unescaped characters
        for raw in RAW_MARKUP:
            assert raw not in bare, (raw, text)


@pytest.mark.parametrize(
    ("page", "params"),
    [(page, p) for page in PAGE_PARAMS for p in HOSTILE_LINKS + PAGE_HOSTILE_LINKS.get(page, [])],
)
def test_hostile_links_are_ignored_with_an_escaped_notice(app, page, params):
    at = app(page, params)
    assert_nothing_rendered(at)


def test_ignored_link_values_are_named_escaped(app):
    at = app("overview.py", {"outlet": f"![x]({EVIL}/pixel.png)", "theme": "**x**"})
    notice = " ".join(w.value for w in at.sidebar.warning)
    assert r"\!\[x\]\(https\:" in notice and r"\/\/evil\.example\/pixel\.png\)" in notice
    assert r"\*\*x\*\*" in notice


@pytest.mark.parametrize("raw", ["99999999999999999999", "²", "-1", "1.5", ""])
def test_a_story_link_that_names_no_story_says_so(app, raw):
    at = app("stories.py", {"story": raw})
    assert not at.exception
    assert at.title[0].value == "Stories"
    assert "There is no story" in " ".join(w.value for w in at.warning)


@pytest.mark.parametrize(
    ("page", "params"),
    [("overlap.py", {"top": "1e9"}), ("overlap.py", {"level": "galaxy"})],
)
def test_a_page_choice_from_a_link_that_is_not_one_is_named(app, page, params):
    at = app(page, params)
    key, value = next(iter(params.items()))
    assert f"Ignored from the link: {key}" in " ".join(w.value for w in at.warning)


@pytest.fixture(scope="module")
def hostile_db(corpus_db, tmp_path_factory):
    from test_injection import make_hostile

    path = tmp_path_factory.mktemp("hostile_pages") / "hostile.db"
    shutil.copy(corpus_db, path)
    return path, make_hostile(path)


@pytest.fixture
def hostile_app(hostile_db, monkeypatch):
    path, info = hostile_db
    monkeypatch.setenv("SIGNALS_DB", str(path))
    monkeypatch.chdir(ROOT)
    return open_page, info


def hostile_cases() -> list[tuple[str, str]]:
    cases = [(page, "") for page in PAGE_PARAMS]
    cases += [("stories.py", key) for key in ("garbage", "odd", "linked")]
    cases += [
        ("compare.py", "a_outlet0"),
        ("outlets.py", "outlet0"),
        ("outlets.py", "outlet1"),
        ("overlap.py", "view=network"),
        ("overlap.py", "view=intersections"),
        ("overlap.py", "view=lift"),
        ("overlap.py", "drill0"),
        ("overview.py", "start=2024-01-01&end=2024-12-31"),
        ("search.py", "q=bold"),
    ]
    return cases


@pytest.mark.parametrize(("page", "case"), hostile_cases())
def test_hostile_stored_values_break_no_page(hostile_app, page, case):
    make, info = hostile_app
    if case in ("garbage", "odd", "linked"):
        params = {"story": str(info[case])}
    elif case == "a_outlet0":
        a, b = info["outlets"][:2]
        params = {"a_outlet": a, "b_outlet": b, "a_q": "**x**", "drill": f"a|outlet|{a}"}
    elif case.startswith("outlet"):
        params = {"outlet": info["outlets"][int(case[-1])]}
    elif case == "drill0":
        a, b = info["outlets"][:2]
        params = {"drill": f"pair|{a}|{b}"}
    else:
        params = dict(p.split("=", 1) for p in case.split("&") if p)
    at = make(page, params)
    assert_nothing_rendered(at)
    if case == "garbage":
        assert "date unknown" in " ".join(c.value for c in at.caption)
    if case == "drill0":
        assert "co-cited" in " ".join(h.value for h in at.subheader).replace("\\", "")


# --- compare: presets, numbers and drill-downs ---------------------------------------------------


def _click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _param(at: AppTest, name: str) -> list[str]:
    """A URL parameter's values (AppTest keeps a single value as a string)."""
    value = at.query_params.get(name)
    return [value] if isinstance(value, str) else list(value or [])


def _sizes(at: AppTest) -> list[str]:
    return [c.value for c in at.main.caption if " stories · " in c.value]


def test_compare_presets_set_both_sides_in_the_url(app, corpus_db):
    from signals_data import compare, queries

    at = app("compare.py", {"theme": "trade"})
    assert "Nothing to compare yet" in shown(at)
    _click(at, "Sidebar filters vs everything")
    assert _param(at, "a_theme") == ["trade"] and "b_theme" not in at.query_params
    db = open_db(corpus_db)
    a, b = compare.Filters(themes=("trade",)), compare.Filters()
    sizes = [compare.side_size(db, f) for f in (a, b)]
    assert _sizes(at) == [f"{s.stories:,} stories · {s.signals:,} signals" for s in sizes]
    outlets = compare.compare_outlets(db, a, b)
    assert len(at.dataframe[0].value) == len(outlets)
    _click(at, "Theme X vs Y")
    assert _param(at, "a_theme") == ["trade"]
    assert _param(at, "b_theme") == ["diplomacy"]
    assert "Outlets that set A and B apart" in shown(at)
    _click(at, "Outlet X vs Y")
    top = at.selectbox[2].value, at.selectbox[3].value
    assert (_param(at, "a_outlet"), _param(at, "b_outlet")) == ([top[0]], [top[1]])
    _click(at, "This period vs the one before")
    a_start, a_end = _param(at, "a_start")[0], _param(at, "a_end")[0]
    _, b_end = _param(at, "b_start")[0], _param(at, "b_end")[0]
    assert b_end < a_start and "a_outlet" not in at.query_params
    last = date.fromisoformat(queries.date_bounds(db)[1])
    # No dates in the sidebar: the data's last 91 days, against the 91 before, both on trade.
    assert (a_start, a_end) == ((last - timedelta(days=90)).isoformat(), last.isoformat())
    assert _param(at, "a_theme") == _param(at, "b_theme") == ["trade"]


def test_compare_identical_after_a_preset_says_so(app):
    at = app("compare.py", {"a_theme": "trade", "b_theme": "trade", "drill": "a|theme|trade"})
    assert "A and B select the same signals" in shown(at)
    assert "Side A" not in shown(at)


def test_compare_drill_down_switches_side(app):
    at = app("compare.py", {"a_outlet": "Reuters", "b_outlet": "Financial Times",
                            "drill": "a|outlet|Reuters"})  # fmt: skip
    assert len(at.dataframe[-1].value) == 5
    _click(at, "The same on side B")
    assert _param(at, "drill") == ["b|outlet|Reuters"]
    assert "Side B: signals citing Reuters" in shown(at)


def test_compare_pair_and_period_drill_downs(app):
    base = {"a_outlet": "Reuters", "b_outlet": "Financial Times"}
    at = app("compare.py", {**base, "drill": "b|pair|Financial Times|Reuters"})
    assert "Side B: signals in the stories where they cite Financial Times and Reuters" in (
        shown(at)
    )
    assert len(at.dataframe[-1].value) > 0
    # Reuters is credited twice in March 2025, once in February (and once undated).
    at = app("compare.py", {**base, "drill": "a|month|2025-03-01", "period": "month"})
    assert "Side A: signals of the month of 2025-03" in shown(at)
    assert at.dataframe[-1].value["published"].str[:7].tolist() == ["2025-03", "2025-03"]
    at = app("compare.py", {**base, "drill": "a|week|2025-03-03"})
    assert "Side A: signals of the week of 2025-03-03" in shown(at)


def test_compare_sides_survive_an_edit(app):
    at = app("compare.py", {"a_theme": "trade", "b_theme": "diplomacy", "b_q": "ports"})
    at.multiselect(key="a_outlet").set_value(["Reuters"]).run()
    assert at.multiselect(key="a_outlet").value == ["Reuters"]
    assert _param(at, "b_q") == ["ports"] and _param(at, "b_theme") == ["diplomacy"]


@pytest.mark.parametrize("measure", ["count", "jaccard", "association"])
def test_compare_pairs_table_lists_the_data_layers_pairs(app, corpus_db, measure):
    from signals_data import compare

    params = {"a_theme": "trade", "b_outlet": "Reuters", "view": "pairs"}
    params.update({"measure": measure, "min": "1"})
    at = app("compare.py", params)
    a, b = compare.Filters(themes=("trade",)), compare.Filters(outlets=("Reuters",))
    expected = compare.pairs_compared(open_db(corpus_db), a, b, measure, 10, 1)
    assert len(expected) > 0
    table = at.dataframe[-1].value
    assert table["outlet_a"].tolist() == expected["outlet_a"].tolist()
    assert table["diff"].tolist() == pytest.approx(expected["diff"].tolist())


def test_compare_sides_come_back_after_another_page(app):
    at = app("compare.py", {"a_theme": "trade", "b_theme": "diplomacy", "drill": "a|theme|trade"})
    at.switch_page("pages/overview.py").run()
    at.switch_page("pages/compare.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert _param(at, "a_theme") == ["trade"] and _param(at, "b_theme") == ["diplomacy"]
    assert "Outlets that set A and B apart" in shown(at)


def test_a_storys_parser_flags_are_said_in_words(app, corpus_db):
    from signals_data.quality import FLAG_MEANINGS

    db = sqlite_utils.Database(corpus_db)
    story_id, flags = next(
        (r["id"], json.loads(r["flags"]))
        for r in db.query("SELECT id, flags FROM stories WHERE flags LIKE '%truncated%'")
    )
    db.conn.close()
    text = all_text(app("stories.py", {"story": str(story_id)}))
    assert "Read from the copy: " in text and "Parser flags" not in text
    assert all(FLAG_MEANINGS.get(flag, flag) in text for flag in flags if flag in FLAG_MEANINGS)


UNTITLED_COPY = """\
Jun 3, 2025, 9:05am EDT
Insights from Yle and Helsingin Sanomat
The News
Helsinki opened its crosstown tram line on Tuesday, a year ahead of schedule.
SIGNALS
Riders came on the first morning
Sources: Yle, Helsingin Sanomat
Yle counted queues at every stop, and Helsingin Sanomat said the first trams were full.
"""


def test_an_untitled_copy_is_named_so_in_the_stories_table(tmp_path, monkeypatch):
    from signals_data.ingest import ingest

    page = tmp_path / "excerpt.txt"
    page.write_text(UNTITLED_COPY, encoding="utf-8")
    db = open_db(tmp_path / "untitled.db")
    ingest(db, [str(page)])
    db.conn.close()
    monkeypatch.setenv("SIGNALS_DB", str(tmp_path / "untitled.db"))
    monkeypatch.chdir(ROOT)
    at = open_page("stories.py", {})
    assert not at.exception, [e.value for e in at.exception]
    assert list(at.dataframe[-1].value["title"]) == ["(untitled story)"]
