"""Corrections in the real Streamlit server, driven by Chromium: on an outlet's profile, merge it
into another and see the target's profile count the moved citation, then undo it; on a story,
override a signal's main theme and see it at once."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import serving
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_corrections_page import LEDGER, STORY, credited

from scripts.streamlit_browser import CHROMIUM, wait_rendered
from signals_data import curation
from signals_data.store import open_db

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture(scope="module")
def served_db(corpus_db, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corrections_browser") / "corrections.db"
    shutil.copy(corpus_db, path)
    return path


@pytest.fixture(scope="module")
def server(served_db):
    with serving(served_db, served_db.parent / "server.log") as base:
        yield base


def heading(page) -> str:
    return page.locator("[data-testid='stMain'] h1").first.inner_text().strip()


def citing(page) -> str:
    metric = page.locator("[data-testid='stMetric']", has_text="Signals citing it").first
    return metric.locator("[data-testid='stMetricValue']").inner_text().strip()


def choose(page, box, text: str) -> None:
    """Pick an option of a selectbox as a user does: open its list, click the option; if the
    list closed before the option could be clicked (a rerun right after the page was drawn
    redraws the box), open it again. Typing and pressing Enter was flaky: an Enter reaching the
    form before the list had filtered submitted it with the old value."""
    name = re.compile(rf"^\s*{re.escape(text)}\s*$")
    option = page.get_by_role("option").filter(has_text=name).first
    for _ in range(5):
        box.click()
        try:
            option.wait_for(timeout=4000)
            option.click(timeout=4000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            continue
        option.wait_for(state="hidden", timeout=15000)
        return
    raise AssertionError(f"the option {text!r} never showed in the list")


def saved(tab, text: str) -> None:
    """Wait for the notice of a saved correction, then for the page to settle."""
    tab.page.get_by_text(text).first.wait_for(timeout=30000)
    wait_rendered(tab.page)


def test_a_merge_on_the_profile_moves_the_citations_and_undo_restores_them(tab, server, served_db):
    reuters = credited(served_db, "Reuters")
    t = tab()
    t.open(f"outlets?outlet={LEDGER}")
    assert heading(t.page) == LEDGER
    t.page.get_by_text("Correct this outlet").click()
    form = t.page.locator("[data-testid='stForm']", has_text="Merge it into")
    choose(t.page, form.locator("[data-testid='stSelectbox']"), "Reuters")
    form.get_by_role("button", name="Merge", exact=True).click()
    saved(t, f"Correction 1 saved. Merge: {LEDGER} → Reuters.")
    # The profile follows the outlet to Reuters, which counts the moved citation.
    assert heading(t.page) == "Reuters"
    assert citing(t.page) == str(reuters + 1)
    assert t.params()["outlet"] == ["Reuters"]
    assert credited(served_db, "Reuters") == reuters + 1
    # A fresh tab on the target's profile shows the same figure.
    other = tab()
    other.open("outlets?outlet=Reuters")
    assert citing(other.page) == str(reuters + 1)
    # Undo from the notice: the outlet, its citation and its profile come back.
    t.page.get_by_role("button", name="Undo correction 1").click()
    saved(t, f"Correction 2 saved. Undo: {LEDGER} → Reuters.")
    assert heading(t.page) == LEDGER
    assert citing(t.page) == "1"
    assert credited(served_db, "Reuters") == reuters
    other.open("outlets?outlet=Reuters")
    assert citing(other.page) == str(reuters)
    assert t.exceptions() == 0 and other.exceptions() == 0
    assert t.errors == [] and other.errors == []
    db = open_db(served_db)
    assert [(c.action, c.undone_by) for c in curation.changes(db)] == [("merge", 2), ("undo", None)]
    db.conn.close()


def main_themes(page, signals: int = 2) -> list[str]:
    """Each signal's themes line, as shown (main theme first), once the first ``signals`` are
    drawn (a loaded page may still be drawing the signals below the first)."""
    captions = page.locator("[data-testid='stCaptionContainer']", has_text="Themes:")
    captions.nth(signals - 1).wait_for(timeout=30000)
    return [text.strip() for text in captions.all_inner_texts()]


def test_a_theme_override_on_a_story_shows_at_once(tab, server, served_db):
    t = tab()
    t.open(f"stories?story={STORY}")
    assert not main_themes(t.page)[1].startswith("Themes: History")
    expander = t.page.locator("[data-testid='stExpander']", has_text="Correct this signal").nth(1)
    expander.locator("summary").click()
    form = expander.locator("[data-testid='stForm']", has_text="Main theme")
    choose(t.page, form.locator("[data-testid='stSelectbox']"), "History")
    form.get_by_role("button", name="Set main theme").click()
    saved(t, "saved. Theme override:")
    assert main_themes(t.page)[1].startswith("Themes: History")
    # A fresh tab reads it from the database.
    other = tab()
    other.open(f"stories?story={STORY}")
    assert main_themes(other.page)[1].startswith("Themes: History")
    # Each credited outlet's button opens its profile, with every correction.
    other.page.get_by_role("button", name=f"Credited: {LEDGER}").first.click()
    other.page.wait_for_url("**/outlets?**", timeout=30000)
    wait_rendered(other.page)
    assert heading(other.page) == LEDGER
    assert other.params()["outlet"] == [LEDGER]
    assert other.page.get_by_text("Correct this outlet").count() == 1
    assert t.exceptions() == 0 and t.errors == [] and other.errors == []
