"""Local mode and read-only mode (``SIGNALS_READ_ONLY=1``): the sidebar says which; in read-only
mode no write control is shown, nothing is built or migrated, and every connection the app
opens is read-only, so the database file stays byte-identical."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import streamlit.testing.v1.app_test as app_test_module
from conftest import ROOT
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

PAGE_FILES = sorted(p.name for p in (ROOT / "pages").glob("*.py") if not p.name.startswith("_"))


class _NavigationPagesManager(PagesManager):
    """As in test_pages: keep st.navigation's mode on every AppTest run."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


@pytest.fixture(autouse=True)
def navigation_mode(monkeypatch):
    monkeypatch.setattr(app_test_module, "PagesManager", _NavigationPagesManager)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_app(page: str = "overview.py", params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(params or {})
    at.run()
    if page != "overview.py":
        at.switch_page(f"pages/{page}")
        at.run()
    return at


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
