"""Sign-in end to end: the real Streamlit server, configured through a secrets file to sign in
at a small OpenID Connect provider that the test starts on 127.0.0.1 (``oidc_provider``), and
real Chromium going through the provider's sign-in form and back, as a user would.

A visitor who has not signed in sees the sign-in screen and no data, on any page (the first
request to a fresh server included: Streamlit runs that page's script without app.py); a viewer
reads but cannot upload or correct; an editor's upload and correction are logged with their
e-mail; signing out ends the session.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from conftest import ROOT, Page, serving
from oidc_provider import Provider, secrets_toml

from scripts.streamlit_browser import CHROMIUM, wait_rendered

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
EDITOR = "Ana@Editors.Example.net"  # an editor by the domain rule, typed with capitals
VIEWER = "viewer@example.org"
EDITORS = ["chief@example.org", "@editors.example.net"]
NEW_PAGE = ROOT / "tests" / "data" / "realistic" / "pages" / "03_clean_with_sources.txt"


@pytest.fixture(scope="module")
def provider():
    test_provider = Provider()
    test_provider.start()
    yield test_provider
    test_provider.stop()


TEAM_VIEW = "Team trade view"


@pytest.fixture(scope="module")
def served_db(corpus_db, tmp_path_factory) -> Path:
    from signals_data import views
    from signals_data.store import open_db

    path = tmp_path_factory.mktemp("auth_browser") / "served.db"
    shutil.copy(corpus_db, path)
    db = open_db(path)
    views.save(db, TEAM_VIEW, "/overlap?theme=trade", author="chief@example.org")
    db.conn.close()
    return path


@pytest.fixture(scope="module")
def server(provider, served_db):
    folder = served_db.parent
    secrets = folder / "secrets.toml"
    secrets.write_text(secrets_toml(provider, EDITORS))
    with serving(served_db, folder / "server.log", secrets=secrets) as base:
        yield base


def rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def wait_for_rows(db: Path, sql: str, timeout: float = 30) -> list[tuple]:
    """The query's rows once there are any (a write the page makes after the click)."""
    deadline = time.time() + timeout
    while not (found := rows(db, sql)) and time.time() < deadline:
        time.sleep(0.25)
    return found


def story_titles(db: Path) -> list[str]:
    return [title for (title,) in rows(db, "SELECT title FROM stories")]


def wait_sign_in_screen(tab: Page) -> None:
    tab.page.get_by_role("button", name="Sign in").wait_for(timeout=30000)
    wait_rendered(tab.page)


def sign_in(tab: Page, provider: Provider, email: str) -> None:
    """Sign in from the home page through the provider's form, back to the dashboard."""
    tab.page.goto(f"{tab.base}/")
    wait_sign_in_screen(tab)
    tab.page.get_by_role("button", name="Sign in").click()
    tab.page.wait_for_url(f"{provider.issuer}/authorize**", timeout=30000)
    tab.page.get_by_label("E-mail").fill(email)
    tab.page.get_by_role("button", name="Continue").click()
    tab.wait()
    assert provider.signed_in[-1] == email  # through the provider's form, no shortcut


def sidebar_text(tab: Page) -> str:
    # Escaped for Markdown, an e-mail carries a word joiner before its @ (no autolink).
    return tab.page.locator("[data-testid='stSidebar']").inner_text().replace("\u2060", "")


def test_a_visitor_not_signed_in_sees_only_the_sign_in_screen(tab, served_db):
    """First in the module: /views is the server's first request, which Streamlit runs
    straight from the pages/ folder, without app.py (its list of saved views is data too)."""
    titles = [*story_titles(served_db), TEAM_VIEW]
    page = tab()
    paths = ("views", "stories", "", "quality", "ingest", "overlap?theme=trade", "?v=abcdefgh")
    for path in paths:
        page.page.goto(f"{page.base}/{path}")
        wait_sign_in_screen(page)
        body = page.page.locator("body").inner_text()
        assert "Sign in with your work account" in body, path
        assert not [t for t in titles if t in body], path
        assert page.page.locator("[data-testid='stDataFrame']").count() == 0, path
        assert page.page.locator("[data-testid='stFileUploader']").count() == 0, path
        assert page.page.locator("[data-testid='stMetric']").count() == 0, path
        assert page.exceptions() == 0, path
        if "?" in path:  # the sign-in comes back to the root: the link to open again is shown
            assert "open this link again" in body, path
            assert path.split("?")[1] in body, path


def test_a_viewer_reads_but_cannot_upload_or_correct(tab, provider):
    page = tab()
    sign_in(page, provider, VIEWER)
    assert f"Signed in as {VIEWER} (viewer)" in sidebar_text(page)
    assert "Viewer: you can read, export and save your own views." in sidebar_text(page)
    assert page.page.locator("[data-testid='stMetric']").count() >= 4  # the overview's figures
    page.open("ingest")
    assert page.page.locator("[data-testid='stFileUploader']").count() == 0
    assert page.page.get_by_text("only editors can upload pages").count() == 1
    page.open("quality")
    assert page.page.get_by_role("tab", name="Corrections", exact=True).count() == 0
    page.page.get_by_role("tab", name="Corrections log").click()
    wait_rendered(page.page)
    assert page.page.locator("[data-testid='stForm']").count() == 0
    assert page.page.get_by_role("button", name="Apply").count() == 0
    assert page.page.get_by_role("button", name="Undo").count() == 0
    assert page.exceptions() == 0
    assert page.errors == []


def test_a_viewer_saves_views_and_may_delete_only_their_own(tab, provider, served_db):
    from signals_data import views
    from signals_data.store import open_db

    db = open_db(served_db)
    views.save(db, "Somebody else's", "/themes", author="someone@elsewhere.org")
    db.conn.close()
    page = tab()
    sign_in(page, provider, VIEWER)
    page.open("overlap?theme=trade")
    page.page.get_by_role("button", name="Save this view").click()
    page.page.get_by_label("Name", exact=True).and_(page.page.locator("input")).fill("Mine")
    page.page.get_by_role("button", name="Save view").click()
    page.page.get_by_text("Saved. Its short link:").wait_for(timeout=30000)
    assert rows(served_db, "SELECT author FROM views WHERE name = 'Mine'") == [(VIEWER,)]
    page.open("views")
    delete = page.page.get_by_role("button", name="Delete this view")
    assert delete.count() == 1  # the newest, chosen first, is the viewer's own
    page.page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").first.click()
    page.page.keyboard.type("Somebody else")
    page.page.keyboard.press("Enter")
    page.page.get_by_text("Open Somebody else's").wait_for(timeout=30000)
    wait_rendered(page.page)
    assert delete.count() == 0
    assert page.exceptions() == 0


def test_an_editors_upload_is_ingested_and_logged_with_their_email(tab, provider, served_db):
    documents = rows(served_db, "SELECT count(*) FROM documents")[0][0]
    page = tab()
    sign_in(page, provider, EDITOR)
    assert f"Signed in as {EDITOR.lower()} (editor)" in sidebar_text(page)
    page.open("ingest")
    page.page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        str(NEW_PAGE)
    )
    page.page.get_by_role("button", name="Ingest").click()
    page.page.get_by_text("The other pages show the new data now.").wait_for(timeout=60000)
    wait_rendered(page.page)
    assert rows(served_db, "SELECT count(*) FROM documents")[0][0] == documents + 1
    assert rows(served_db, "SELECT who, files, counts FROM ingest_log") == [
        (EDITOR.lower(), f'["{NEW_PAGE.name}"]', '{"ok": 1}')
    ]
    # The page lists the run, with who made it.
    cells = page.page.locator("[data-testid='stDataFrame'] [role='gridcell']").all_inner_texts()
    assert EDITOR.lower() in cells


def test_an_editors_correction_is_logged_with_their_email(tab, provider, served_db):
    (name,) = rows(served_db, "SELECT name FROM outlets WHERE reviewed = 0 ORDER BY name LIMIT 1")[
        0
    ]
    page = tab()
    sign_in(page, provider, EDITOR)
    page.open("quality")
    page.page.get_by_role("tab", name="Corrections", exact=True).click()
    form = page.page.locator("[data-testid='stForm']").first
    form.locator("[data-testid='stSelectbox']").first.click()
    page.page.keyboard.type(name)
    page.page.keyboard.press("Enter")
    form.get_by_text("review", exact=True).click()
    form.get_by_role("button", name="Apply").click()
    logged = "SELECT who, action, target FROM curation_log"
    assert wait_for_rows(served_db, logged) == [(EDITOR.lower(), "review", name)]
    page.page.get_by_text("Correction 1 saved").first.wait_for(timeout=30000)


def test_sign_out_ends_the_session(tab, provider):
    page = tab()
    sign_in(page, provider, VIEWER)
    page.page.get_by_role("button", name="Sign out").click()
    wait_sign_in_screen(page)
    page.page.reload()
    wait_sign_in_screen(page)
    assert page.page.locator("[data-testid='stMetric']").count() == 0
    assert "Signed in as" not in page.page.locator("body").inner_text()
