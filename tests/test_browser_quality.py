"""The Data quality page in the real Streamlit server, driven by Chromium: it renders on the demo
and on a database of the realistic sample pages, and a merge made on the page shows at once on
the Outlets page."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from scripts.streamlit_browser import CHROMIUM, start_server, stop_server, wait_rendered
from signals_data import curation
from signals_data.demo import build_demo
from signals_data.ingest import ingest
from signals_data.store import open_db

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
REALISTIC = ROOT / "tests" / "data" / "realistic" / "pages"


@pytest.fixture(scope="module")
def databases(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("quality_browser")
    demo = folder / "demo.db"
    db = open_db(demo)
    build_demo(db, 300)
    db.conn.close()
    realistic = folder / "realistic.db"
    db = open_db(realistic)
    ingest(db, [str(REALISTIC)])
    db.conn.close()
    return {"demo": demo, "realistic": realistic}


@pytest.fixture(scope="module")
def servers(databases):
    started = {}
    try:
        for name, path in databases.items():
            log = path.parent / f"{name}.log"
            try:
                started[name] = start_server(path, log)
            except RuntimeError as exc:
                pytest.fail(f"{exc}:\n{log.read_text()}")
        yield {name: base for name, (_process, base) in started.items()}
    finally:
        for process, _base in started.values():
            stop_server(process)


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1400, "height": 1600})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.errors = errors
    yield tab
    context.close()


def open_page(tab, url: str) -> None:
    tab.goto(url)
    tab.wait_for_selector("[data-testid='stSidebar']", timeout=30000)
    wait_rendered(tab)


def headings(tab) -> list[str]:
    return tab.locator("[data-testid='stHeading']").all_inner_texts()


@pytest.mark.parametrize("which", ["demo", "realistic"])
def test_quality_page_renders(page, servers, which):
    open_page(page, f"{servers[which]}/quality")
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.errors == []
    shown = " ".join(headings(page))
    assert "Data quality" in shown
    assert "Unreviewed outlets (" in shown


def signals_citing(tab) -> str:
    """The profile's "Signals citing it" figure, as shown."""
    metric = tab.locator("[data-testid='stMetric']", has_text="Signals citing it").first
    return metric.locator("[data-testid='stMetricValue']").inner_text()


def credited(path: Path, name: str) -> int:
    db = open_db(path)
    count = db.execute(
        "SELECT count(DISTINCT so.signal_id) FROM signal_outlets so JOIN outlets o "
        "ON o.id = so.outlet_id WHERE o.name = ? AND so.role = 'credited'",
        [name],
    ).fetchone()[0]
    db.conn.close()
    return count


def test_a_merge_in_the_page_shows_at_once_on_outlets(page, servers, databases):
    db = open_db(databases["realistic"])
    name = db.execute(
        "SELECT o.name FROM outlets o JOIN signal_outlets so ON so.outlet_id = o.id "
        "WHERE o.reviewed = 0 ORDER BY o.name LIMIT 1"
    ).fetchone()[0]
    db.conn.close()
    base = servers["realistic"]
    before = credited(databases["realistic"], "Reuters")
    open_page(page, f"{base}/outlets?outlet=Reuters")
    assert signals_citing(page) == f"{before:,}"
    open_page(page, f"{base}/quality")
    page.get_by_role("tab", name="Corrections").click()
    form = page.locator("[data-testid='stForm']").first
    form.locator("[data-testid='stSelectbox']").first.click()
    page.keyboard.type(name)
    page.keyboard.press("Enter")
    form.get_by_text("merge", exact=True).click()
    form.get_by_label("Merge into / new name / merged name to split off").fill("Reuters")
    form.get_by_role("button", name="Apply").click()
    page.get_by_text("Correction 1 saved.").wait_for(timeout=30000)
    after = credited(databases["realistic"], "Reuters")
    assert after > before
    open_page(page, f"{base}/outlets?outlet=Reuters")
    assert page.locator("[data-testid='stException']").count() == 0
    assert signals_citing(page) == f"{after:,}"
    open_page(page, f"{base}/outlets")
    sidebar = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
    sidebar.click()
    page.keyboard.type(name)
    assert page.get_by_role("option", name=name, exact=False).count() == 0
    db = open_db(databases["realistic"])
    assert [(c.action, c.target) for c in curation.changes(db)] == [("merge", name)]
    db.conn.close()
