"""Saved views in the dashboard under AppTest: the sidebar's "Save this view", the /views page,
and the short link /?v=SLUG (a malformed or unknown one, and one whose outlets are gone)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SIGN_IN, open_app
from streamlit.testing.v1 import AppTest

from signals_data import views
from signals_data.store import open_db
from ui.filters import WIDGET

pytestmark = pytest.mark.usefixtures("navigation_mode")


@pytest.fixture
def served(corpus_db, tmp_path, monkeypatch) -> Path:
    path = tmp_path / "views.db"
    shutil.copy(corpus_db, path)
    monkeypatch.setenv("SIGNALS_DB", str(path))
    monkeypatch.setenv("SIGNALS_USER", "page-tester")
    monkeypatch.delenv("SIGNALS_READ_ONLY", raising=False)
    monkeypatch.chdir(ROOT)
    return path


def run_app(params: dict | None = None, page: str | None = None) -> AppTest:
    return open_app(page, params)


def stored(path: Path) -> list[views.SavedView]:
    db = open_db(path)
    try:
        return views.list_views(db)
    finally:
        db.conn.close()


def add_view(path: Path, name: str, page_path: str) -> views.SavedView:
    db = open_db(path)
    try:
        return views.save(db, name, page_path, author="someone")
    finally:
        db.conn.close()


def plain(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def main_text(at: AppTest) -> str:
    parts = []
    for kind in ("title", "caption", "warning", "info", "markdown", "error", "success"):
        parts += [str(e.value) for e in getattr(at.main, kind)]
    return plain("\n".join(parts))


def save_in_sidebar(at: AppTest, name: str, note: str = "") -> AppTest:
    next(t for t in at.text_input if t.label == "Name").input(name)
    next(t for t in at.text_area if t.label == "Note (optional)").input(note)
    next(b for b in at.button if b.label == "Save view").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_an_empty_list_says_how_to_save(served):
    at = run_app(page="views.py")
    assert at.title[0].value == "Saved views"
    assert "No saved view yet" in main_text(at)


def test_save_this_view_keeps_the_page_and_its_parameters(served):
    at = run_app({"theme": "trade", "view": "network"}, page="overlap.py")
    save_in_sidebar(at, "Trade network", "for the Monday call")
    [view] = stored(served)
    assert (view.name, view.note, view.author) == (
        "Trade network",
        "for the Monday call",
        "page-tester",
    )
    assert view.page == "/overlap"
    assert view.params["theme"] == ["trade"] and view.params["view"] == ["network"]
    assert any(c.value.endswith(view.short_link) for c in at.sidebar.code)


def test_an_empty_name_saves_nothing(served):
    at = save_in_sidebar(run_app({"theme": "trade"}), "   ")
    assert stored(served) == []
    assert "a view needs a name" in plain(" ".join(e.value for e in at.sidebar.error))


def test_a_name_too_long_saves_nothing(served):
    at = save_in_sidebar(run_app({"theme": "trade"}), "x" * (views.NAME_LIMIT + 1))
    assert stored(served) == []
    assert "at most 120 characters" in plain(" ".join(e.value for e in at.sidebar.error))


def test_an_older_view_with_mentions_1_opens_with_mentions_on(served):
    view = add_view(served, "Mentions", "/outlets?mentions=1&theme=trade")
    at = run_app({"v": view.slug})
    assert at.title[0].value == "Outlets"
    assert at.sidebar.toggle(key=WIDGET["mentions"]).value is True
    assert "including mentions" in main_text(at)


def test_the_short_link_opens_the_saved_page(served):
    path = "/overlap?outlet=Reuters&outlet=Financial%20Times&view=network&top=10"
    view = add_view(served, "Two outlets", path)
    at = run_app({"v": view.slug})
    assert at.title[0].value == "Overlap"
    assert "for outlets: Reuters, Financial Times." in main_text(at)
    assert at.multiselect(key=WIDGET["outlet"]).value == ["Reuters", "Financial Times"]
    assert at.session_state["view"] == "network"
    assert at.session_state["top"] == 10
    assert at.query_params["view"] in ("network", ["network"])
    assert "v" not in at.query_params


def test_a_short_link_wins_over_the_sessions_choices(served):
    view = add_view(served, "Network", "/overlap?view=network")
    at = run_app({"view": "lift", "outlet": ["Reuters", "Financial Times"]}, page="overlap.py")
    assert at.session_state["view"] == "lift"
    at.query_params.clear()
    at.query_params["v"] = view.slug
    at.run()
    assert at.session_state["view"] == "network"
    assert at.multiselect(key=WIDGET["outlet"]).value == []


def test_the_short_link_gives_the_saved_rows(served):
    view = add_view(served, "Nikkei stories", "/stories?outlet=Nikkei%20Asia")
    at = run_app({"v": view.slug})
    assert at.title[0].value == "Stories"
    assert "1 stories with signals matching outlets" in main_text(at)
    assert len(at.dataframe[-1].value) == 1


def test_a_view_whose_outlet_is_gone_opens_with_a_notice(served):
    view = add_view(served, "Old", "/stories?outlet=Gone%20Gazette&outlet=Nikkei%20Asia")
    at = run_app({"v": view.slug})
    assert at.title[0].value == "Stories"
    warnings = plain(" ".join(w.value for w in at.sidebar.warning))
    assert "Ignored from the link" in warnings and "Gone Gazette" in warnings
    assert at.multiselect(key=WIDGET["outlet"]).value == ["Nikkei Asia"]


@pytest.mark.parametrize(
    ("slug", "words"),
    [("zzzz9999", "There is no saved view “zzzz9999”"), ("<b>x</b>", "is not a saved view's code")],
)
def test_a_bad_short_link_is_a_notice(served, slug, words):
    at = run_app({"v": slug})
    assert at.title[0].value == "Overview"
    assert words in plain(" ".join(w.value for w in at.main.warning))


def test_the_list_shows_who_when_and_the_filters_in_words(served):
    first = add_view(served, "Trade network", "/overlap?theme=trade&view=network")
    add_view(served, "Everything", "/")
    at = run_app(page="views.py")
    table = at.dataframe[0].value
    assert list(table["name"]) == ["Everything", "Trade network"]
    assert list(table["filters"]) == [
        "Overview: all signals",
        "Overlap: themes: Trade; view network",
    ]
    assert set(table["saved by"]) == {"someone"}
    assert table["short link"].iloc[1].endswith(first.short_link)
    assert "2 saved views" in main_text(at)


def test_delete_from_the_list(served):
    view = add_view(served, "Doomed", "/outlets")
    at = run_app(page="views.py")
    at.selectbox(key="views_chosen").select(view.slug)
    at.run()
    next(b for b in at.button if b.label == "Delete this view").click()
    at.run()
    assert stored(served) == []
    assert "Deleted the view “Doomed”" in main_text(at)


def test_read_only_mode_opens_views_but_cannot_save_or_delete(served, monkeypatch):
    view = add_view(served, "Trade", "/overlap?theme=trade&view=network")
    monkeypatch.setenv("SIGNALS_READ_ONLY", "1")
    at = run_app({"v": view.slug})
    assert at.title[0].value == "Overlap"
    assert not [b for b in at.button if b.label in ("Save view", "Delete this view")]
    at = run_app(page="views.py")
    assert list(at.dataframe[0].value["name"]) == ["Trade"]
    assert not [b for b in at.button if b.label == "Delete this view"]


def signed_in(email: str, params: dict | None = None, page: str | None = None) -> AppTest:
    return open_app(page, params, SIGN_IN, {"is_logged_in": True, "email": email})


def test_a_viewer_saves_a_personal_view_and_deletes_only_their_own(served):
    others = add_view(served, "Someone's", "/outlets")
    at = save_in_sidebar(signed_in("ana@example.org", {"theme": "trade"}), "Mine")
    mine = next(v for v in stored(served) if v.name == "Mine")
    assert mine.author == "ana@example.org"
    at = signed_in("ana@example.org", page="views.py")
    at.selectbox(key="views_chosen").select(others.slug).run()
    assert not [b for b in at.button if b.label == "Delete this view"]
    at.selectbox(key="views_chosen").select(mine.slug).run()
    assert [b for b in at.button if b.label == "Delete this view"]


def test_an_editor_may_delete_anyones_view(served):
    others = add_view(served, "Someone's", "/outlets")
    at = signed_in("chief@example.org", page="views.py")
    at.selectbox(key="views_chosen").select(others.slug).run()
    next(b for b in at.button if b.label == "Delete this view").click()
    at.run()
    assert stored(served) == []
