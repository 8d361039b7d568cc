"""Local mode and read-only mode (``SIGNALS_READ_ONLY=1``): the sidebar says which; in read-only
mode no write control is shown, nothing is built or migrated, and every connection the app
opens is read-only, so the database file stays byte-identical."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SIGN_IN, open_app, serving
from streamlit.testing.v1 import AppTest

PAGE_FILES = sorted(p.name for p in (ROOT / "pages").glob("*.py") if not p.name.startswith("_"))


pytestmark = pytest.mark.usefixtures("navigation_mode")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_app(
    page: str = "overview.py",
    params: dict | None = None,
    secrets: dict | None = None,
    user: dict | None = None,
) -> AppTest:
    return open_app(page, params, secrets, user, check=False)


def sidebar_text(at: AppTest) -> str:
    return "\n".join(str(c.value) for c in at.sidebar.caption)


@pytest.fixture
def copy_db(corpus_db, tmp_path, monkeypatch) -> Path:
    """A private copy of the test corpus, served by the app."""
    path = tmp_path / "served.db"
    shutil.copy(corpus_db, path)
    monkeypatch.setenv("SIGNALS_DB", str(path))
    monkeypatch.chdir(ROOT)
    return path


def test_local_mode_says_so_in_one_line(copy_db, monkeypatch):
    monkeypatch.delenv("SIGNALS_READ_ONLY", raising=False)
    at = run_app()
    assert not at.exception
    assert "Local session: you can do everything (editor)." in sidebar_text(at)
    assert "Read-only" not in sidebar_text(at)


# --- read-only mode ------------------------------------------------------------------------------


@pytest.fixture
def read_only_db(copy_db, monkeypatch) -> Path:
    monkeypatch.setenv("SIGNALS_READ_ONLY", "1")
    return copy_db


def test_read_only_mode_says_so(read_only_db):
    at = run_app()
    assert not at.exception
    assert "Read-only" in sidebar_text(at)
    assert "Local session" not in sidebar_text(at)


def test_a_write_through_the_apps_own_code_fails(read_only_db):
    import sqlite3

    from signals_data import curation
    from signals_data.store import Writer, set_meta
    from ui.data import open_for_writing

    before = sha256(read_only_db)
    db = open_for_writing()
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            set_meta(db, "written", "1")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            curation.review(db, "Nikkei Asia", who="tester")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            Writer(db).outlet_id("A New Outlet Nobody Knows")
    finally:
        db.conn.close()
    assert sha256(read_only_db) == before


def test_a_missing_database_is_a_clear_message_and_is_not_built(tmp_path, monkeypatch):
    missing = tmp_path / "nothing-here.db"
    monkeypatch.setenv("SIGNALS_DB", str(missing))
    monkeypatch.setenv("SIGNALS_READ_ONLY", "1")
    monkeypatch.chdir(ROOT)
    at = run_app()
    assert not at.exception
    assert "Read-only mode: there is no database" in at.error[0].value
    assert not missing.exists()


def test_an_old_schema_is_not_migrated(read_only_db):
    import sqlite3

    conn = sqlite3.connect(read_only_db)
    conn.execute(
        "DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)"
    )
    conn.commit()
    conn.close()
    before = sha256(read_only_db)
    run_app()
    assert sha256(read_only_db) == before


WRITE_LABELS = ("Ingest", "Apply", "Apply to the theme", "Undo", "Delete", "Save")


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_shows_no_write_control_and_leaves_the_file_unchanged(read_only_db, page):
    before = sha256(read_only_db)
    at = run_app(page)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.get("file_uploader")
    labels = [b.label for b in at.button] + [b.label for b in at.get("form_submit_button")]
    assert not [label for label in labels if label.startswith(WRITE_LABELS)], labels
    assert not [b.label for b in at.button if b.label.startswith("Re-parse")]
    assert sha256(read_only_db) == before


# Sign-in configured, and the user signed in is an editor: read-only still wins.
EDITOR = {"is_logged_in": True, "email": "chief@example.org"}


@pytest.mark.parametrize("page", PAGE_FILES)
def test_a_signed_in_editor_gets_no_write_control_either(read_only_db, page):
    before = sha256(read_only_db)
    at = run_app(page, secrets=SIGN_IN, user=EDITOR)
    assert not at.exception, [e.value for e in at.exception]
    assert "Signed in as" in sidebar_text(at) and "Read-only" in sidebar_text(at)
    assert not at.get("file_uploader")
    labels = [b.label for b in at.button] + [b.label for b in at.get("form_submit_button")]
    assert not [label for label in labels if label.startswith(WRITE_LABELS)], labels
    assert sha256(read_only_db) == before


# --- the real server in Chromium -----------------------------------------------------------------


def page_url(base: str, page: str) -> str:
    stem = page.removesuffix(".py")
    return f"{base}/" if stem == "overview" else f"{base}/{stem}"


@pytest.mark.browser
def test_a_read_only_server_leaves_the_file_unchanged_in_the_browser(corpus_db, tmp_path, chromium):
    from scripts.streamlit_browser import CHROMIUM

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    from signals_data import views
    from signals_data.store import open_db

    served = tmp_path / "browser.db"
    shutil.copy(corpus_db, served)
    db = open_db(served)
    view = views.save(db, "Two outlets", "/overlap?outlet=Reuters&outlet=Financial%20Times")
    db.conn.close()
    before = sha256(served)
    with serving(served, tmp_path / "server.log", env={"SIGNALS_READ_ONLY": "1"}) as base:
        visit_every_page_read_only(chromium, base, served, before, view.slug)
    assert sha256(served) == before


def visit_every_page_read_only(chromium, base: str, served: Path, before: str, slug: str) -> None:
    from scripts.streamlit_browser import wait_rendered

    context = chromium.new_context(viewport={"width": 1400, "height": 1600})
    try:
        tab = context.new_page()
        for page in PAGE_FILES:
            tab.goto(page_url(base, page))
            tab.wait_for_selector("[data-testid='stSidebar']", timeout=30000)
            wait_rendered(tab)
            assert tab.locator("[data-testid='stException']").count() == 0, page
            assert tab.locator("[data-testid='stFileUploader']").count() == 0, page
            assert tab.get_by_text("Read-only", exact=False).count() >= 1, page
            if page == "quality.py":
                tab.get_by_role("tab", name="Corrections").click()
                wait_rendered(tab)
                assert tab.locator("[data-testid='stForm']").count() == 0
            assert tab.get_by_role("button", name="Save this view").count() == 0, page
            assert tab.get_by_role("button", name="Delete this view").count() == 0, page
            assert sha256(served) == before, page
        # Saved views open in read-only mode.
        tab.goto(f"{base}/?v={slug}")
        tab.wait_for_url("**/overlap**", timeout=30000)
        wait_rendered(tab)
        assert tab.locator("[data-testid='stHeading']").first.inner_text().strip() == "Overlap"
        assert (
            "for outlets: Reuters, Financial Times"
            in tab.locator("[data-testid='stMain']").inner_text()
        )
    finally:
        context.close()
