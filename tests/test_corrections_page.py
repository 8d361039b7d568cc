"""Corrections where the analyst sees the problem, under AppTest on a real database: an
outlet's profile and a story carry the controls, each correction is written at once (and
logged with who made it), a refused one changes nothing, a theme override survives
``signals reparse``, and no write control shows on a read-only server."""

from __future__ import annotations

import hashlib
import re
import shutil

import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest
from test_quality_page import open_page, unescaped

from signals_data import curation
from signals_data.ingest import reparse
from signals_data.store import open_db
from ui import corrections

pytestmark = pytest.mark.usefixtures("navigation_mode")
LEDGER = "The East African Ledger"  # unreviewed, credited once: story 9, signal 2
NAIROBI = "East African Ledger (Nairobi)"
STORY = 9
PROFILE_BUTTONS = {
    "Merge",
    "Rename",
    "Save kind and country",
    "Mark reviewed",
    "Not an outlet",
    "Split off",
}
STORY_BUTTONS = {"Set main theme", "Add term to theme", "Merge", "Rename", "Not an outlet"}


@pytest.fixture
def db_copy(corpus_db, tmp_path, monkeypatch):
    path = tmp_path / "corrections.db"
    shutil.copy(corpus_db, path)
    monkeypatch.setenv("SIGNALS_DB", str(path))
    monkeypatch.setenv("SIGNALS_USER", "ana")
    monkeypatch.chdir(ROOT)
    return path


def labels(at: AppTest) -> set[str]:
    return {b.label for b in at.button}


def pk(outlet: str, name: str, prefix: str = "profile") -> str:
    """The key of one of an outlet's correction widgets (or forms)."""
    return f"{corrections.outlet_key(prefix, outlet)}_{name}"


def submit(at: AppTest, form: str, label: str) -> None:
    """Press a form's submit button and let the page run again."""
    at.button(key=f"FormSubmitter:{form}-{label}").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def click(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def successes(at: AppTest) -> list[str]:
    return [unescaped(s.value) for s in at.success]


def errors(at: AppTest) -> list[str]:
    return [unescaped(e.value) for e in at.error]


def credited_buttons(at: AppTest) -> list[str]:
    """The story's "Credited: OUTLET" buttons (each opens the profile), as shown."""
    return [unescaped(b.label) for b in at.button if b.label.startswith("Credited: ")]


def citing(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Signals citing it")


def credited(path, name: str) -> int:
    db = open_db(path)
    count = db.execute(
        "SELECT count(*) FROM signal_outlets so JOIN outlets o ON o.id = so.outlet_id "
        "WHERE o.name = ? AND so.role = 'credited'",
        [name],
    ).fetchone()[0]
    db.conn.close()
    return count


def log(path) -> list[tuple]:
    db = open_db(path)
    rows = [(c.action, c.target, c.who, c.undone_by) for c in curation.changes(db)]
    db.conn.close()
    return rows


def digest(path) -> str:
    """The stored rows that corrections change, as one hash (the file's bytes move with any
    write, even a rolled-back one's journal)."""
    db = open_db(path)
    text = repr(
        [
            list(db.execute(f"SELECT * FROM {table} ORDER BY rowid"))
            for table in ("outlets", "outlet_aliases", "signal_outlets", "signal_themes")
        ]
    )
    db.conn.close()
    return hashlib.sha256(text.encode()).hexdigest()


# --- an outlet's profile ------------------------------------------------------------------------


def test_the_profile_carries_every_outlet_correction(db_copy):
    at = open_page("outlets.py", {"outlet": LEDGER})
    assert unescaped(at.title[0].value) == LEDGER
    assert [e.label for e in at.expander if "outlet" in e.label] == ["Correct this outlet"]
    assert labels(at) >= PROFILE_BUTTONS
    merge_into = at.selectbox(key=pk(LEDGER, "merge_into"))
    assert "Reuters" in merge_into.options and LEDGER not in merge_into.options
    assert at.text_input(key=pk(LEDGER, "new_name")).value == LEDGER
    assert "**Corrections of this outlet (0)**" in [m.value for m in at.markdown]


def test_a_merge_from_the_profile_moves_every_citation_and_undo_brings_it_back(db_copy):
    reuters = credited(db_copy, "Reuters")
    at = open_page("outlets.py", {"outlet": LEDGER})
    at.selectbox(key=pk(LEDGER, "merge_into")).set_value("Reuters")
    submit(at, pk(LEDGER, "merge"), "Merge")
    assert credited(db_copy, "Reuters") == reuters + 1
    assert credited(db_copy, LEDGER) == 0
    assert log(db_copy) == [("merge", LEDGER, "ana", None)]
    # The page follows the outlet to its new home, which counts the moved citation at once.
    assert unescaped(at.title[0].value) == "Reuters"
    assert citing(at) == str(reuters + 1)
    assert successes(at) == [f"Correction 1 saved. Merge: {LEDGER} → Reuters."]
    assert at.query_params["outlet"] == "Reuters"
    # The controls are the target's own, not the merged outlet's values left in them.
    assert at.text_input(key=pk("Reuters", "new_name")).value == "Reuters"
    assert at.selectbox(key=pk("Reuters", "kind")).value == "wire"
    assert at.text_input(key=pk("Reuters", "country")).value == "United Kingdom"
    # Its log lists the merge; the notice's Undo restores the outlet and its profile.
    assert "**Corrections of this outlet (1)**" in [m.value for m in at.markdown]
    click(at, "Undo correction 1")
    assert credited(db_copy, "Reuters") == reuters
    assert credited(db_copy, LEDGER) == 1
    assert log(db_copy) == [("merge", LEDGER, "ana", 2), ("undo", "1", "ana", None)]
    assert unescaped(at.title[0].value) == LEDGER
    assert citing(at) == "1"
    assert successes(at) == [f"Correction 2 saved. Undo: {LEDGER} → Reuters."]


def test_rename_kind_review_and_not_an_outlet_from_the_profile(db_copy):
    at = open_page("outlets.py", {"outlet": LEDGER})
    at.text_input(key=pk(LEDGER, "new_name")).input(NAIROBI)
    submit(at, pk(LEDGER, "rename"), "Rename")
    assert unescaped(at.title[0].value) == NAIROBI
    at.selectbox(key=pk(NAIROBI, "kind")).set_value("newspaper")
    at.text_input(key=pk(NAIROBI, "country")).input("Kenya")
    submit(at, pk(NAIROBI, "facts"), "Save kind and country")
    assert "newspaper · Kenya" in unescaped(at.caption[0].value)
    submit(at, pk(NAIROBI, "review"), "Mark reviewed")
    assert "unreviewed" not in unescaped(at.caption[0].value)
    at.selectbox(key=pk(NAIROBI, "source_kind")).set_value("document")
    submit(at, pk(NAIROBI, "not_outlet"), "Not an outlet")
    assert unescaped(at.caption[0].value).startswith("document")
    db = open_db(db_copy)
    outlet = curation.find_outlet(db.conn, LEDGER)  # the old name is an alias now
    db.conn.close()
    assert (outlet.name, outlet.kind, outlet.country, outlet.reviewed) == (
        NAIROBI,
        "document",
        "Kenya",
        1,
    )
    assert [row[0] for row in log(db_copy)] == ["rename", "set", "review", "not_outlet"]


def test_a_wrong_merge_is_split_off_on_the_target_profile(db_copy):
    db = open_db(db_copy)
    curation.merge(db, LEDGER, "Reuters")
    db.conn.close()
    at = open_page("outlets.py", {"outlet": "Reuters"})
    split = at.selectbox(key=pk("Reuters", "split_name"))
    assert split.options == [LEDGER]
    split.set_value(LEDGER)
    submit(at, pk("Reuters", "split"), "Split off")
    assert credited(db_copy, LEDGER) == 1
    assert [row[0] for row in log(db_copy)] == ["merge", "split"]


def test_a_refused_correction_says_why_and_changes_nothing(db_copy):
    at = open_page("outlets.py", {"outlet": LEDGER})
    before = digest(db_copy)
    # Renaming onto another outlet's name without saying "merge" is refused.
    at.text_input(key=pk(LEDGER, "new_name")).input("Reuters")
    submit(at, pk(LEDGER, "rename"), "Rename")
    assert any("already the outlet 'Reuters'" in e for e in errors(at)), errors(at)
    assert unescaped(at.title[0].value) == LEDGER
    # A merge into an outlet that has gone since the page was drawn (merged away elsewhere).
    at.selectbox(key=pk(LEDGER, "merge_into")).set_value("Nikkei Asia")
    db = open_db(db_copy)
    curation.merge(db, "Nikkei Asia", "Financial Times")
    before = digest(db_copy)
    db.conn.close()
    submit(at, pk(LEDGER, "merge"), "Merge")
    assert any("'Nikkei Asia' is no longer an outlet of its own" in e for e in errors(at))
    assert digest(db_copy) == before
    assert [row[0] for row in log(db_copy)] == ["merge"]
    assert unescaped(at.title[0].value) == LEDGER


# --- a story ------------------------------------------------------------------------------------


def test_a_story_carries_theme_and_outlet_corrections_per_signal(db_copy):
    at = open_page("stories.py", {"story": str(STORY)})
    db = open_db(db_copy)
    signals = db.execute("SELECT count(*) FROM signals WHERE story_id = ?", [STORY]).fetchone()[0]
    db.conn.close()
    assert [e.label for e in at.expander].count("Correct this signal") == signals
    assert labels(at) >= STORY_BUTTONS
    assert sum(b.label == "Set main theme" for b in at.button) == signals
    assert credited_buttons(at) == ["Credited: Al Jazeera", f"Credited: {LEDGER}", "Credited: DW"]
    assert [e.label for e in at.expander][-2:] == [
        "Correct a credited outlet here",
        "Stored documents",
    ]
    assert at.selectbox(key=f"s{STORY}_fix_outlet").options == ["Al Jazeera", LEDGER, "DW"]


def test_a_credited_outlet_on_a_signal_opens_its_profile_with_the_corrections(db_copy):
    at = open_page("stories.py", {"story": str(STORY)})
    next(b for b in at.button if unescaped(b.label) == f"Credited: {LEDGER}").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert unescaped(at.title[0].value) == LEDGER
    assert at.query_params["outlet"] == LEDGER and "story" not in at.query_params
    assert labels(at) >= PROFILE_BUTTONS


def main_themes(at: AppTest) -> list[str]:
    """Each signal's main theme as the story shows it (its first badge)."""
    return [
        re.search(r":violet-badge\[([^\]]+)\]", c.value).group(1)
        for c in at.caption
        if c.value.startswith("Themes: ")
    ]


def test_a_theme_override_shows_at_once_and_survives_reparse(db_copy):
    at = open_page("stories.py", {"story": str(STORY)})
    assert main_themes(at)[1] != "History"
    at.selectbox(key=f"s{STORY}_2_main").set_value("history")
    submit(at, f"s{STORY}_2_theme", "Set main theme")
    assert main_themes(at)[1] == "History"
    assert successes(at) == [f"Correction 1 saved. Theme override: story {STORY} signal 2."]
    # Only the overridden signal says an editor chose its main theme, and its reasons line
    # says the neighbours are the assigner's reading, not the editor's reason.
    marks = ["chosen by an editor" in c.value for c in at.caption if c.value.startswith("Themes")]
    assert marks == [False, True] + [False] * (len(marks) - 2)
    reasons = [c.value for c in at.caption if "Like labelled signals" in c.value]
    assert reasons[1].startswith("The assigner's reading, before the editor's choice")
    assert not any(r.startswith("The assigner's") for r in reasons[:1] + reasons[2:])
    db = open_db(db_copy)
    key = db.execute("SELECT key FROM stories WHERE id = ?", [STORY]).fetchone()[0]
    reparse(db)
    story = db.execute("SELECT id FROM stories WHERE key = ?", [key]).fetchone()[0]
    db.conn.close()
    at = open_page("stories.py", {"story": str(story)})
    assert main_themes(at)[1] == "History"


def test_a_term_added_from_a_signal_is_logged(db_copy):
    at = open_page("stories.py", {"story": str(STORY)})
    at.text_input(key=f"s{STORY}_1_term_text").input("red sea outlet")
    at.selectbox(key=f"s{STORY}_1_term_theme").set_value("security")
    submit(at, f"s{STORY}_1_term", "Add term to theme")
    assert [row[:3] for row in log(db_copy)] == [("theme_term", "security: red sea outlet", "ana")]
    assert successes(at)[0].startswith("Correction 1 saved. Theme term:")


def test_a_credited_outlet_is_merged_from_the_story(db_copy):
    at = open_page("stories.py", {"story": str(STORY)})
    at.selectbox(key=f"s{STORY}_fix_outlet").set_value(LEDGER)
    at.run()
    at.selectbox(key=pk(LEDGER, "merge_into", f"s{STORY}_fix")).set_value("Reuters")
    submit(at, pk(LEDGER, "merge", f"s{STORY}_fix"), "Merge")
    assert credited(db_copy, LEDGER) == 0
    # The story stays open and credits the target now.
    assert at.query_params["story"] == str(STORY)
    chips = [unescaped(b.label) for b in at.button]
    assert "Credited: Reuters" in chips and f"Credited: {LEDGER}" not in chips


# --- read-only ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("outlets.py", {"outlet": LEDGER}),
        ("stories.py", {"story": str(STORY)}),
        ("quality.py", {}),
    ],
)
def test_no_write_control_on_a_read_only_server(db_copy, monkeypatch, page, params):
    db = open_db(db_copy)
    curation.review(db, LEDGER)
    db.conn.close()
    monkeypatch.setenv("SIGNALS_READ_ONLY", "1")
    at = open_page(page, params)
    shown = labels(at)
    assert not shown & (PROFILE_BUTTONS | STORY_BUTTONS), shown
    assert not [label for label in shown if label.startswith("Undo")]
    assert not [e for e in at.expander if e.label.startswith("Correct this")]
    if page == "outlets.py":  # the log stays readable
        assert [e.label for e in at.expander if "outlet" in e.label] == [
            "Corrections of this outlet"
        ]
        assert "**Corrections of this outlet (1)**" in [m.value for m in at.markdown]
    if page == "quality.py":  # the whole log, without its undo or any correction form
        assert "Corrections (1)" in [unescaped(h.value) for h in at.subheader]
        assert not {"Apply", "Apply to the theme"} & shown


def test_hostile_outlet_names_are_shown_as_text_in_the_controls(db_copy):
    hostile = "[click](javascript:alert(1)) **bold**"
    db = open_db(db_copy)
    curation.rename(db, LEDGER, hostile)
    db.conn.close()
    at = open_page("stories.py", {"story": str(STORY)})
    assert f"Credited: {hostile}" in credited_buttons(at)
    raw = [b.label for b in at.button] + [e.label for e in at.expander]
    assert not [label for label in raw if "](javascript" in label or "**" in label]
    at.selectbox(key=f"s{STORY}_fix_outlet").set_value(hostile)
    at.run()
    at.selectbox(key=pk(hostile, "merge_into", f"s{STORY}_fix")).set_value("Reuters")
    submit(at, pk(hostile, "merge", f"s{STORY}_fix"), "Merge")
    notice = at.success[0].value
    assert "](javascript" not in notice and unescaped(notice).endswith(f"{hostile} → Reuters.")
