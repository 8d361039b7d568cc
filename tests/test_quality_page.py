"""The Data quality page under AppTest: its sections and counts (the CLI's), links to stories,
and corrections made on the page, shown at once and undone from the log."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from signals_data import curation, quality
from signals_data.store import open_db

pytestmark = pytest.mark.usefixtures("navigation_mode")


@pytest.fixture
def db_copy(corpus_db, tmp_path, monkeypatch):
    path = tmp_path / "quality.db"
    shutil.copy(corpus_db, path)
    monkeypatch.setenv("SIGNALS_DB", str(path))
    monkeypatch.chdir(ROOT)
    return path


def open_page(page: str, params: dict | None = None) -> AppTest:
    """The dashboard on ``pages/PAGE`` with a link's parameters, run through app.py."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(params or {})
    at.run()
    at.switch_page(f"pages/{page}")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_quality(params: dict | None = None) -> AppTest:
    return open_page("quality.py", params)


def unescaped(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def subheaders(at: AppTest) -> list[str]:
    return [unescaped(h.value) for h in at.subheader]


def test_page_shows_every_section_with_the_cli_counts(db_copy):
    db = open_db(db_copy)
    counts = quality.summary(db)
    db.conn.close()
    at = open_quality()
    assert unescaped(at.title[0].value) == "Data quality"
    heads = subheaders(at)
    for section, count in counts.items():
        assert f"{quality.SECTION_TITLES[section]} ({count:,})" in heads
    assert "Corrections (0)" in heads
    frames = [frame.value for frame in at.dataframe]
    outlets = frames[0]
    assert outlets["name"].tolist() == ["The East African Ledger"]
    assert outlets["examples"][0].startswith("story ")
    links = [v for frame in frames for v in frame.get("story", [])]
    assert links and all(re.fullmatch(r"/stories\?story=\d+", link) for link in links)
    labels = [b.label for b in at.get("download_button")]
    assert f"Download all {counts['flagged_stories']:,} (CSV)" in labels
    assert any(b.label.startswith("Re-parse the 2 rejected") for b in at.button)


def test_sidebar_filters_narrow_the_sections(db_copy):
    at = open_quality({"start": "1990-01-01", "end": "1990-12-31"})
    heads = subheaders(at)
    assert "Unreviewed outlets (0)" in heads
    assert "Rejected and failed documents (2)" in heads


def test_a_merge_on_the_page_is_logged_shown_and_undone(db_copy):
    at = open_quality()
    at.selectbox[0].set_value("The East African Ledger")  # outlet (sidebar widgets are not main)
    at.segmented_control(key="curation_action").set_value("merge")
    at.text_input[0].input("Reuters")
    submit = next(b for b in at.button if b.label == "Apply")
    submit.click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Correction 1 saved" in unescaped(s.value) for s in at.success)
    assert "Unreviewed outlets (0)" in subheaders(at)
    assert "Corrections (1)" in subheaders(at)
    db = open_db(db_copy)
    log = curation.changes(db)
    assert [(c.action, c.target) for c in log] == [("merge", "The East African Ledger")]
    assert curation.find_outlet(db.conn, "The East African Ledger").name == "Reuters"
    db.conn.close()
    # The Outlets page reads the merged outlet at once.
    at.switch_page("pages/outlets.py")
    at.run()
    board = at.dataframe[0].value
    assert "The East African Ledger" not in board["outlet"].tolist()
    at.switch_page("pages/quality.py")
    at.run()
    undo = next(s for s in at.selectbox if s.label == "Undo correction")
    undo.set_value(1)
    next(b for b in at.button if b.label == "Undo").click()
    at.run()
    assert "Unreviewed outlets (1)" in subheaders(at)
    db = open_db(db_copy)
    assert [c.undone_by for c in curation.changes(db)] == [2, None]
    db.conn.close()


def test_a_refused_correction_says_why_and_changes_nothing(db_copy):
    at = open_quality()
    at.selectbox[0].set_value("The East African Ledger")
    at.segmented_control(key="curation_action").set_value("merge")
    at.text_input[0].input("No Such Gazette")
    next(b for b in at.button if b.label == "Apply").click()
    at.run()
    assert any("No Such Gazette" in unescaped(e.value) for e in at.error)
    db = open_db(db_copy)
    assert curation.changes(db) == []
    db.conn.close()


def test_hostile_names_are_shown_escaped(db_copy):
    db = open_db(db_copy)
    db.execute("UPDATE stories SET title = '**bold** <script>x</script>' WHERE id = 1")
    db.execute(
        "UPDATE outlets SET name = '[click](javascript:alert(1))' "
        "WHERE name = 'The East African Ledger'"
    )
    db.conn.commit() if db.conn.in_transaction else None
    db.conn.close()
    at = open_quality()
    for element in [*at.markdown, *at.caption, *at.subheader, *at.error, *at.success]:
        value = str(element.value)
        assert "<script>" not in value and "](javascript" not in value
    assert json.dumps("[click](javascript:alert(1))") in json.dumps(
        at.dataframe[0].value["name"].tolist()
    )


def test_a_theme_term_added_on_the_page_is_logged(db_copy):
    at = open_quality()
    next(s for s in at.selectbox if s.label == "Theme").set_value("history")
    next(t for t in at.text_input if "Add this term" in t.label).input("grain season")
    next(b for b in at.button if b.label == "Apply to the theme").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Correction 1 saved" in unescaped(s.value) for s in at.success)
    db = open_db(db_copy)
    assert [(c.action, c.target) for c in curation.changes(db)] == [
        ("theme_term", "history: grain season")
    ]
    db.conn.close()


def test_a_wrong_merge_is_split_on_the_page(db_copy):
    db = open_db(db_copy)
    curation.merge(db, "The East African Ledger", "Reuters")
    db.conn.close()
    at = open_quality()
    assert "Unreviewed outlets (0)" in subheaders(at)
    at.segmented_control(key="curation_action").set_value("split")
    at.text_input[0].input("The East African Ledger")
    next(b for b in at.button if b.label == "Apply").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Unreviewed outlets (1)" in subheaders(at)
    db = open_db(db_copy)
    assert [c.action for c in curation.changes(db)] == ["merge", "split"]
    db.conn.close()
