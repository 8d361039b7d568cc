from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAGES = ROOT / "tests" / "data" / "pages"
SEED = ROOT / "signals_data" / "samples" / "putin-xi-beijing.txt"
SEED_URL = "https://www.yahoo.com/news/putin-xi-meet-beijing-countries-111611755.html"

# What the package keeps on disk between runs goes to a folder of this test run's own (the
# servers and commands the tests start inherit it), never to the user's cache.
os.environ["SIGNALS_CACHE_DIR"] = tempfile.mkdtemp(prefix="signals-test-cache-")
atexit.register(shutil.rmtree, os.environ["SIGNALS_CACHE_DIR"], ignore_errors=True)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "signals.db"


@pytest.fixture
def db(db_path: Path):
    from signals_data.store import open_db

    database = open_db(db_path)
    yield database
    database.conn.close()


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> Path:
    """A small database built from the test pages and the seed: the dashboard tests' data."""
    from signals_data.ingest import ingest
    from signals_data.store import open_db

    path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    db = open_db(path)
    ingest(db, [str(SEED)], url=SEED_URL, published="2024-05-16")
    ingest(db, [str(PAGES)])
    db.conn.close()
    return path


# --- the overlap corpus: four stories built from code, small enough to count by hand -----------
# Credited outlets per signal, main theme first (F = Financial Times, N = Nikkei Asia,
# R = Reuters, M = Le Monde):
#   story 1, 2024-01-10: signal 1 F + N [trade, economy]; signal 2 R [history]
#   story 2, 2024-02-05: signal 1 F + N + R [trade, economy]
#   story 3, 2024-03-01: signal 1 F [diplomacy]; signal 2 N, mentions R [trade, diplomacy]
#   story 4, 2024-03-20: signal 1 M [trade]
F, N, R, M = "Financial Times", "Nikkei Asia", "Reuters", "Le Monde"


def overlap_stories() -> list:
    from signals_data.models import Signal, Story, ThemeScore

    def signal(position, outlets, themes, mentions=()):
        scores = [ThemeScore(t, 1.0, []) for t in themes]
        return Signal(
            position, f"Headline {position}", "Body.", list(outlets), list(mentions), scores
        )

    return [
        Story(
            "One",
            url="https://x.org/1",
            published="2024-01-10",
            signals=[signal(1, [F, N], ["trade", "economy"]), signal(2, [R], ["history"])],
        ),
        Story(
            "Two",
            url="https://x.org/2",
            published="2024-02-05",
            signals=[signal(1, [F, N, R], ["trade", "economy"])],
        ),
        Story(
            "Three",
            url="https://x.org/3",
            published="2024-03-01",
            signals=[
                signal(1, [F], ["diplomacy"]),
                signal(2, [N], ["trade", "diplomacy"], mentions=[R]),
            ],
        ),
        Story(
            "Four",
            url="https://x.org/4",
            published="2024-03-20",
            signals=[signal(1, [M], ["trade"])],
        ),
    ]


def build_overlap_db(path: Path):
    """The overlap corpus written through the real writer; returns the open database."""
    from signals_data.store import Writer, open_db, transaction

    db = open_db(path)
    writer = Writer(db)
    for story in overlap_stories():
        with transaction(db.conn):
            writer.save_story(story, story.url, None)
    return db


@pytest.fixture(scope="session")
def overlap_db(tmp_path_factory):
    """The overlap corpus, shared by the query, chart and overlap tests (read only)."""
    db = build_overlap_db(tmp_path_factory.mktemp("overlap") / "overlap.db")
    yield db
    db.conn.close()


# --- slow tests --------------------------------------------------------------------------------
# Tests that race a second process (a kill -9 mid ingest, readers and an upload beside a bulk
# ingest): they take many seconds and depend on timing, so a local run leaves them out
# (pyproject: -m "not slow") and the CI runs them. They are marked here, by name, so that their
# files need no change.
RACE_TESTS = {
    "test_store.py::test_kill_9_mid_ingest_leaves_a_consistent_database",
    "test_store.py::test_readers_keep_working_while_an_ingest_runs",
    "test_store.py::test_an_upload_during_a_bulk_cli_ingest_gets_its_turn",
}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # tryfirst: the marks must be on before pytest deselects by ``-m``.
    for item in items:
        if f"{item.path.name}::{item.originalname}" in RACE_TESTS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def chromium():
    """One Chromium for every browser test of the run: Playwright's sync API runs one event
    loop per process, so two fixtures each starting their own cannot both be open."""
    from playwright.sync_api import sync_playwright

    from scripts.streamlit_browser import launch_chromium

    with sync_playwright() as p:
        browser = launch_chromium(p)
        yield browser
        browser.close()


# Tests read no secrets file unless they name one: a developer's own .streamlit/secrets.toml
# (sign-in set up for `make run`) would otherwise put a sign-in screen in front of every page.
NO_SECRETS = ROOT / "tests" / "data" / "no-secrets.toml"  # never created


@pytest.fixture(autouse=True, scope="session")
def no_secrets_file():
    """The same for the in-process AppTest runs, which read Streamlit's config directly."""
    from streamlit import config

    config.set_option("secrets.files", [str(NO_SECRETS)])


@contextmanager
def serving(
    db: Path, log: Path, env: dict | None = None, secrets: Path | None = None
) -> Iterator[str]:
    """The real Streamlit server on a free port, on ``db``, for the block: its base URL. If it
    does not start, the test fails with the server's log. ``secrets``: the secrets.toml it
    reads (e.g. an ``[auth]`` section for sign-in); none by default."""
    from scripts.streamlit_browser import start_server, stop_server

    # One path: Streamlit splits a list option given in the environment at whitespace.
    env = {"STREAMLIT_SECRETS_FILES": str(secrets or NO_SECRETS), **(env or {})}
    try:
        process, base = start_server(db, log, env=env)
    except RuntimeError as exc:
        pytest.fail(f"{exc}:\n{log.read_text()}")
    try:
        yield base
    finally:
        stop_server(process)


# --- the browser tests' tabs: each test module provides a ``server`` fixture (its base URL) ------


class Page:
    """A fresh browser context on the server, recording page errors and dialogs."""

    def __init__(self, browser, base: str):
        self.base = base
        self.context = browser.new_context(viewport={"width": 1400, "height": 1100})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

        def on_dialog(dialog):
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        self.page.on("dialog", on_dialog)

    def open(self, path: str) -> None:
        self.page.goto(f"{self.base}/{path}")
        self.wait()

    def wait(self) -> None:
        self.page.wait_for_selector("[data-testid='stSidebar']", timeout=30000)
        from scripts.streamlit_browser import wait_rendered

        wait_rendered(self.page)

    def exceptions(self) -> int:
        return self.page.locator("[data-testid='stException']").count()

    def table_titles(self, known: set[str], expect: set[str] | None = None) -> set[str]:
        """Story titles shown in the table; with ``expect``, wait (up to 20 s) for the table
        to show them, as a user would watch the rerun finish."""
        deadline = time.time() + 20
        while True:
            cells = self.page.locator("[data-testid='stDataFrame'] [role='gridcell']")
            shown = {t for t in cells.all_inner_texts() if t in known}
            if expect is None or shown == expect or time.time() > deadline:
                return shown
            self.page.wait_for_timeout(250)

    def chips(self) -> list[str]:
        """The selected values of the sidebar's multiselects, as shown."""
        tags = self.page.locator("[data-testid='stSidebar'] [data-tag]:visible")
        return tags.all_inner_texts()

    def params(self) -> dict[str, list[str]]:
        return urllib.parse.parse_qs(urllib.parse.urlsplit(self.page.url).query)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(chromium, server):
    """Opens fresh tabs (``tab()``) on this module's server; closes them after the test."""
    opened = []

    def make() -> Page:
        page = Page(chromium, server)
        opened.append(page)
        return page

    yield make
    for page in opened:
        page.close()


# --- AppTest and st.navigation -------------------------------------------------------------------

# An [auth] section naming a provider that is never reached (AppTest's ``user`` stands for a
# signed-in visitor), and one editor.
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "a-long-enough-cookie-secret-for-tests",
    "client_id": "signals",
    "client_secret": "secret",
    "server_metadata_url": "http://127.0.0.1:1/.well-known/openid-configuration",
}
SIGN_IN = {"auth": AUTH, "signals": {"editors": ["chief@example.org"]}}


def open_app(
    page: str | None = None,
    params: dict | None = None,
    secrets: dict | None = None,
    user: dict | None = None,
    check: bool = True,
):
    """The whole app in AppTest (app.py, then ``pages/PAGE`` if given), with a link's
    parameters, secrets and a signed-in user; with ``check``, no exception on the page."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(params or {})
    at.secrets.update(secrets or {})
    if user is not None:
        at.user = user
    at.run()
    if page and page != "overview.py":
        at.switch_page(f"pages/{page}")
        at.run()
    if check:
        assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def navigation_mode(monkeypatch):
    """AppTest resets Streamlit's "pages/ folder" flag before every run, so from the second run
    on it would run a page script without app.py (the old pages/-folder mode). The real server
    clears that flag for good the first time st.navigation runs; do the same here. Page-test
    modules use it with ``pytestmark = pytest.mark.usefixtures("navigation_mode")``."""
    import streamlit.testing.v1.app_test as app_test_module
    from streamlit.runtime.pages_manager import PagesManager

    class NavigationPagesManager(PagesManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            PagesManager.uses_pages_directory = False

    monkeypatch.setattr(app_test_module, "PagesManager", NavigationPagesManager)
